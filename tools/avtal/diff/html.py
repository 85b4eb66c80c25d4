"""A ``PeriodDiff`` as HTML: blocks for the site's Ändringar page, or a whole document (``--format html``).

Python prepares the data (the small named tuples below, all text); every tag is in the templates
``avtal/diff/templates/`` (``blocks.html``, one macro per block; ``redline.html``; ``diff.html``,
the document, on ``standalone.html`` as the change report is), rendered by ``avtal.templating`` with autoescaping on. No value is marked safe in
Python or in a template, so a title, label, note or word of text with ``<``, ``>``, ``&``, ``"`` or
``'`` in it reaches the page as text (``&lt;``, ``&gt;``, ``&amp;``, ``&#34;``, ``&#39;``), and a URL
from the ``link`` callback cannot leave its ``href="…"``.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from ..templating import environment, render
from .report import header_text
from .result import REMOVED, RETITLED, DocumentChange, PeriodDiff, SectionChange, Segment
from .wording import (by_document, document_details, document_status, document_verb, key_term_line,
                      renumbered_line, section_note, statute_heading, statute_place, summary, title_line, trimmed,
                      unit_name)

Link = Callable[[str, str], "str | None"]  # (side "old"/"new", id) -> URL or None

_PACKAGE = "avtal.diff"


class Linked(NamedTuple):
    """A label, linked when ``url`` is set (``redline.html``'s ``linked``)."""

    label: str
    url: str | None


class UnitItem(NamedTuple):
    """A changed paragraph or list item: its name ("stycke 2 (förut 1)") and its redline."""

    name: str
    runs: list[Segment]


class KeyTermRow(NamedTuple):
    """A row of the key-term table: label, wording before and after, the heading of the stating section."""

    label: str
    before: str
    after: str
    clause: str


class FieldItem(NamedTuple):
    """A changed field of a document (title, validity …); "–" for a missing value."""

    label: str
    old: str
    new: str


class DocumentItem(NamedTuple):
    """A changed document or guideline for ``blocks.html``'s ``documents`` macro."""

    status: str  # ny, borttagen, andrad (document_status): the CSS class avtal-diff-<status>
    verb: str  # Ny, Ändrad, Borttaget …
    kind: str  # the kind of document in lower case ("överenskommelse")
    title: Linked
    old_title: str | None  # set when the document got a new title
    details: str  # what changed, or the number of sections; "" for nothing to add
    fields: list[FieldItem]
    units: list[UnitItem]  # changed paragraphs of the document's own texts, named "Inledning, stycke 1"


class StatuteItem(NamedTuple):
    """An act's changed references: ``wording.statute_heading`` and one ``statute_place`` line per section."""

    heading: str
    places: list[str]


class SectionItem(NamedTuple):
    """A changed section: its CSS classes, linked heading, what changed (``section_note``) and its units."""

    classes: list[str]  # avtal-diff-<label>, one per label
    heading: Linked
    note: str
    units: list[UnitItem]
    fields: list[FieldItem] = []  # läs mer and other fields (diff.fields)


class Block(NamedTuple):
    """One block of the diff as ``html_blocks`` returns it."""

    level: int  # 0 for the summary (no heading), 2 for a part, 3 for a document's sections
    heading: str  # text, not HTML; "" for none
    anchor: str
    body: str  # HTML from a blocks.html macro (a Markup, already escaped); "" for none


def redline_runs(segments: tuple[Segment, ...], context: int | None = None) -> list[Segment]:
    """The runs of a redline as the template shows them: shortened to ``context`` words of unchanged
    text beside each change (all when None), ``space_before`` False for the first run."""
    return [Segment(s.op, s.text, i > 0 and s.space_before) for i, s in enumerate(trimmed(segments, context))]


def html_blocks(diff: PeriodDiff, link: Link | None = None, context: int | None = None,
                search_exclude: bool = False) -> list[tuple[int, str, str, str]]:
    """The diff as ``(level, heading, anchor, body)`` blocks; a page turns them into headings of its own kind.

    ``level`` is 0 for the opening summary (``heading`` and ``anchor`` ""), 2 for a part (Nyckelvärden,
    Dokument och riktlinjer, Lagrumshänvisningar, Avsnitt, the last with an empty body) and 3 for the
    changed sections of one document (``heading`` its title, ``anchor`` ``avsnitt-<n>``). ``heading``
    is plain text for the caller to escape as its format needs; ``body`` is one line of HTML (no newline)
    with every text escaped. ``link(side, id)`` gives the URL of a document or section on the "old" or
    "new" side, or None for no link; the URL is escaped into ``href`` but its scheme is not checked, so it
    must come from the caller, not from the data. ``context`` shortens unchanged text in redlines to that
    many words beside each change (None: whole). ``search_exclude`` marks each changed section
    ``data-search-exclude`` (the site's search then finds the agreement's own text, not its redline).
    ``body`` is Markup: already escaped, safe to put into a page as it is.
    """
    return [(b.level, b.heading, b.anchor, b.body) for b in _blocks(diff, link, context, search_exclude)]


def format_html(diff: PeriodDiff, link: Link | None = None, context: int | None = None,
                date: str | None = None) -> str:
    """A document of its own (``templates/diff.html``: lang sv, UTF-8, the change report's styles for
    screen and print): the title line in ``<h1>``, the date when given (ISO), then each block of
    ``html_blocks`` with its heading at its level (``<h2 id="nyckelvarden">``), and a final newline.
    Every text is escaped, headings included; ``link`` and ``context`` as there."""
    heading = title_line(diff)
    return render(_PACKAGE, "diff.html", title=heading, heading=heading, date=date,
                  header=header_text(diff, date, "Jämförelse"), blocks=_blocks(diff, link, context)) + "\n"


def _macros():
    return environment(_PACKAGE).get_template("blocks.html").module


def _blocks(diff: PeriodDiff, link: Link | None, context: int | None, search_exclude: bool = False) -> list[Block]:
    macros = _macros()
    blocks = [Block(0, "", "", macros.summary(summary(diff)))]
    if diff.key_terms:
        rows = [KeyTermRow(*key_term_line(change), change.clause or "") for change in diff.key_terms]
        blocks.append(Block(2, "Nyckelvärden", "nyckelvarden", macros.key_terms(rows)))
    if diff.documents:
        items = [_document(change, link, context) for change in diff.documents]
        blocks.append(Block(2, "Dokument och riktlinjer", "dokument", macros.documents(items)))
    if diff.statutes:
        items = [StatuteItem(statute_heading(change), [statute_place(change, place) for place in change.places])
                 for change in diff.statutes]
        blocks.append(Block(2, "Lagrumshänvisningar", "lagrum", macros.statutes(items)))
    if diff.sections:
        blocks.append(Block(2, "Avsnitt", "avsnitt", ""))
        for number, (title, full, renumbered) in enumerate(by_document(diff.sections), 1):
            items = [_section(change, link, context) for change in full]
            body = macros.sections(items, renumbered_line(renumbered) if renumbered else "", search_exclude)
            blocks.append(Block(3, title, f"avsnitt-{number}", body))
    return blocks


def _linked(link: Link | None, side: str, ident: str | None, label: str) -> Linked:
    return Linked(label, link(side, ident) if link and ident else None)


def _document(change: DocumentChange, link: Link | None, context: int | None) -> DocumentItem:
    side = "old" if REMOVED in change.labels else "new"
    fields = [FieldItem(f.label, f.old or "–", f.new or "–") for f in change.fields]
    units = [UnitItem(f"{part.name.capitalize()}, {unit_name(unit)}", redline_runs(unit.segments, context))
             for part in change.parts for unit in part.units]
    return DocumentItem(document_status(change), document_verb(change), change.type_label.lower(),
                        _linked(link, side, change.id if change.kind != "period" else None, change.title),
                        change.old_title if RETITLED in change.labels else None,
                        document_details(change), fields, units)


def _section(change: SectionChange, link: Link | None, context: int | None) -> SectionItem:
    side = "old" if change.new is None else "new"
    units = [UnitItem(unit_name(unit), redline_runs(unit.segments, context)) for unit in change.units]
    fields = [FieldItem(f.label, f.old or "–", f.new or "–") for f in change.fields]
    return SectionItem([f"avtal-diff-{_css(label)}" for label in change.labels],
                       _linked(link, side, change.ref.id, change.ref.heading), section_note(change), units, fields)


def _css(label: str) -> str:
    return label.replace(" ", "-").replace("ä", "a").replace("å", "a").replace("ö", "o")
