"""The change report's documents: per document its changed metadata, its new change-log entries and
its sections, either as two-column tables of the changed ones or whole with the changes inline.

Data only (named tuples of text and ``Segment`` runs); ``templates/lydelse.html`` shows them.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import KIND_LABELS, Change, Document, Period, Section
from .documents import match_by_id_then_title, shown_of
from .result import ADDED, MOVED, REMOVED, PeriodDiff, SectionChange, Segment
from .sidebyside import Line, both_sides, inline, plain_lines, words_both_sides, words_inline
from .wording import section_note

NATURE = {"materiell": "materiell", "redaktionell": "redaktionell"}
NOT_BEFORE = "Avsnittet finns inte i nuvarande lydelse."  # the old column of an added section
NOT_AFTER = "Avsnittet utgår."  # the new column of a removed section


class Row(NamedTuple):
    """A changed item of data: its label and the value on each side, changed words marked ("" for none)."""

    label: str
    old: tuple[Segment, ...]
    new: tuple[Segment, ...]


class LogEntry(NamedTuple):
    """A change-log entry the new side has and the old one has not: what was decided, and when."""

    version: str
    date: str
    summary: str
    nature: str
    decision: str  # "Regionfullmäktige 2022-06-14 § 12", or ""


class Block(NamedTuple):
    """A section (or a document's cover text or introduction) as the report shows it.

    Two-column layout: ``old_heading``/``new_heading`` and ``old_lines``/``new_lines``, each side whole,
    ``old_missing``/``new_missing`` the words in place of a side the section lacks. Redline layout:
    ``heading`` and ``lines`` once, changes inline. ``note`` says what happened (from where to where);
    ``status`` is "andrad", "ny", "borttagen" or "oforandrad" (a CSS class); ``depth`` 1 at the top.
    """

    anchor: str
    caption: str
    note: str
    status: str
    depth: int
    old_heading: tuple[Segment, ...] = ()
    new_heading: tuple[Segment, ...] = ()
    old_lines: tuple[Line, ...] = ()
    new_lines: tuple[Line, ...] = ()
    old_missing: str | None = None
    new_missing: str | None = None
    heading: tuple[Segment, ...] = ()
    lines: tuple[Line, ...] = ()


class DocumentView(NamedTuple):
    """One document of the report: its changed data, new change-log entries, own texts and sections."""

    anchor: str
    title: str
    kind: str  # "Avtalsdel", "Överenskommelse" …
    status: str  # "Nytt dokument", "Dokumentet utgår", "Ändrat dokument"
    rows: list[Row]
    log: list[LogEntry]
    parts: list[Block]  # cover text, introduction
    sections: list[Block]
    renumbered: list[tuple[str, str]]  # (old heading, new heading) of sections whose number alone changed
    unchanged: int  # sections of the document (as compared) that did not change
    total: int  # sections of the document as compared, new side (old side for a removed document)


def decision_words(period: Period, ident: str | None) -> str:
    """"Regionfullmäktige 13–14 juni 2022 § 12" for a decision id of the period (its date as precise as
    known); the id when unknown; "" for none."""
    if not ident:
        return ""
    decision = next((d for d in period.decisions if d.id == ident), None)
    if decision is None:
        return ident
    when = decision.when.label if decision.when else decision.date
    return f"{decision.body} {when}" + (f" {decision.paragraph}" if decision.paragraph else "")


def _row(label: str, old: str | None, new: str | None) -> Row | None:
    old, new = old or "", new or ""
    if " ".join(old.split()) == " ".join(new.split()):
        return None
    return Row(label, *words_both_sides(old, new))


def _parent(period: Period | None, ident: str | None) -> str | None:
    if period is None or not ident:
        return None
    target = period.documents.get(ident) or period.guidelines.get(ident)
    return target.title if target is not None else ident


def document_rows(old: Document | None, new: Document | None, old_period: Period | None,
                  new_period: Period | None) -> list[Row]:
    """The document's data that changed: title, short title, number, kind, parent, version, validity; the
    parent compared by id (shown by title), so a retitled parent leaves its children unchanged."""
    def get(document, what):
        return None if document is None else what(document)

    fields = (("Titel", lambda d, p: d.title), ("Kort titel", lambda d, p: d.short_title),
              ("Nummer", lambda d, p: d.number), ("Typ", lambda d, p: KIND_LABELS.get(d.kind, d.kind)),
              ("Hör under", lambda d, p: _parent(p, d.parent)), ("Version", lambda d, p: d.version),
              ("Giltig från", lambda d, p: d.valid_from), ("Giltig till", lambda d, p: d.valid_to))
    same_parent = old is not None and new is not None and old.parent == new.parent
    rows = [_row(label, get(old, lambda d: what(d, old_period)), get(new, lambda d: what(d, new_period)))
            for label, what in fields if not (label == "Hör under" and same_parent)]
    return [row for row in rows if row is not None]


def field_rows(diff: PeriodDiff, kind: str, ident: str, shown: list[Row]) -> list[Row]:
    """Rows for the other fields the diff found changed in a document (kind "dokument") or the period (kind
    "period"): those ``diff.fields`` labels from the schemas (läs mer, read_with, cover, events …), so that the
    report shows what ``check --base`` asks a new version for. Rows already shown (same label), the version
    and change entries (the change log) and decisions (``period_rows``) are left out."""
    change = next((c for c in diff.documents if c.kind == kind and c.new_id == ident), None)
    if change is None:
        return []
    labels = {row.label for row in shown}
    rows = [_row(f.label, f.old, f.new) for f in change.fields
            if f.label not in labels and f.label != "Version" and not f.label.startswith(("Ändring ", "Beslut"))]
    return [row for row in rows if row is not None]


def new_entries(old: list[Change], new: list[Change], period: Period) -> list[LogEntry]:
    """Change-log entries of new that old lacks (same version, date and summary count as the same)."""
    seen = {(c.version, c.date, c.summary) for c in old}
    return [LogEntry(c.version, c.when.label if c.when else c.date, c.summary, NATURE.get(c.nature, c.nature),
                     decision_words(period, c.decision))
            for c in new if (c.version, c.date, c.summary) not in seen]


def period_rows(old: Period, new: Period, old_status: str = "", new_status: str = "") -> list[Row]:
    """The period's own data that changed: title, status (as computed for each side: ``Side.status_label``),
    validity, decisions added or gone, change log."""
    rows = [_row("Titel", old.title, new.title), _row("Status", old_status, new_status),
            _row("Giltig från", old.valid_from, new.valid_from), _row("Giltig till", old.valid_to, new.valid_to)]
    old_ids, new_ids = {d.id for d in old.decisions}, {d.id for d in new.decisions}
    for decision in new.decisions:
        if decision.id not in old_ids:
            rows.append(Row("Beslut", (), (Segment("+", f"{decision_words(new, decision.id)}: {decision.summary}",
                                                   False),)))
    for decision in old.decisions:
        if decision.id not in new_ids:
            rows.append(Row("Beslut", (Segment("-", f"{decision_words(old, decision.id)}: {decision.summary}",
                                               False),), ()))
    for entry in new_entries(old.changelog, new.changelog, new):
        words = f"version {entry.version}, {entry.date}: {entry.summary} ({entry.nature}" + \
                (f"; beslut: {entry.decision})" if entry.decision else ")")
        rows.append(Row("Ändringslogg", (), (Segment("+", words, False),)))
    return [row for row in rows if row is not None]


def _status(old, new) -> str:
    return "ny" if old is None else "borttagen" if new is None else "andrad"


def table_block(change: SectionChange | None, old: Section | None, new: Section | None, old_shown: dict,
                new_shown: dict) -> Block:
    """A section in two columns, each side whole; change None for a section of a document added or removed."""
    note = section_note(change) if change else (ADDED if old is None else REMOVED)
    target = new or old
    old_heading, new_heading = words_both_sides(old.heading if old else "", new.heading if new else "")
    old_lines, new_lines = both_sides(old.text if old else "", new.text if new else "", old_shown, new_shown)
    return Block(f"avsnitt-{target.id}", target.heading, note, _status(old, new), target.depth,
                 old_heading, new_heading, old_lines if old else (), new_lines if new else (),
                 None if old else NOT_BEFORE, None if new else NOT_AFTER)


def redline_block(change: SectionChange | None, old: Section | None, new: Section | None, old_shown: dict,
                  new_shown: dict) -> Block:
    """A section once, in reading order, the changes inline; unchanged when change is None and both sides exist."""
    target = new or old
    if change is None and old is not None and new is not None:
        return Block(f"avsnitt-{target.id}", target.heading, "", "oforandrad", target.depth,
                     heading=(Segment("=", new.heading, False),), lines=tuple(plain_lines(new.text, new_shown)))
    note = section_note(change) if change else (ADDED if old is None else REMOVED)
    heading = words_inline(old.heading if old else "", new.heading if new else "")
    return Block(f"avsnitt-{target.id}", target.heading, note, _status(old, new), target.depth, heading=heading,
                 lines=inline(old.text if old else "", new.text if new else "", old_shown, new_shown))


def moved_away_block(change: SectionChange, depth: int) -> Block:
    """Where a moved section stood (redline layout): its old heading and where it went, no text (the text
    is shown, changes marked, at its new place)."""
    old, new = change.old, change.new
    where = new.heading if old.document_id == new.document_id else f"{new.heading} i {new.document_title}"
    return Block(f"flyttat-fran-{old.id}", old.heading, f"Avsnittet har flyttats till {where}.", "flyttad",
                 depth, heading=(Segment("=", old.heading, False),))


def _part_blocks(old: Document | None, new: Document | None, old_shown: dict, new_shown: dict,
                 redline: bool) -> list[Block]:
    """The document's cover text and introduction: changed ones (two columns), or all (redline)."""
    blocks = []
    for name, get in (("Försättsblad", lambda d: d.cover.get("text", "")), ("Inledning", lambda d: d.intro)):
        before, after = get(old) if old else "", get(new) if new else ""
        if not before and not after or (before == after and not redline):
            continue
        anchor = f"{(new or old).id}-{name.lower().replace('ä', 'a')}"
        status = "oforandrad" if before == after else "andrad" if before and after else "ny" if after else "borttagen"
        if redline:
            lines = tuple(plain_lines(after, new_shown)) if before == after else \
                inline(before, after, old_shown, new_shown)
            blocks.append(Block(anchor, name, "", status, 1, heading=(Segment("=", name, False),), lines=lines))
        else:
            old_lines, new_lines = both_sides(before, after, old_shown, new_shown)
            blocks.append(Block(anchor, name, "", status, 1, (Segment("=", name, False),),
                                (Segment("=", name, False),), old_lines if before else (),
                                new_lines if after else (), None if before else "Texten finns inte i nuvarande lydelse.",
                                None if after else "Texten utgår."))
    return blocks


def _walk(roots) -> list[Section]:
    return [s for root in roots for s in root.walk()]


def _scope(diff: PeriodDiff, old_period: Period, new_period: Period) -> list[tuple]:
    """(old document, new document, old top sections, new top sections) of what was compared, in the new
    reading order, documents only on the old side last; a side's document None when it lacks one."""
    if diff.old.scope == "document":
        old, new = old_period.documents[diff.old.target_id], new_period.documents[diff.new.target_id]
        return [(old, new, old.sections, new.sections)]
    if diff.old.scope == "section":
        old = old_period.section_index()[diff.old.target_id]
        new = new_period.section_index()[diff.new.target_id]
        return [(old_period.documents[old.document_id], new_period.documents[new.document_id], [old], [new])]
    doc_map = match_by_id_then_title(old_period.documents, new_period.documents, lambda a, b: a.kind == b.kind)
    old_of = {n: o for o, n in doc_map.items()}
    pairs = []
    for document in new_period.ordered_documents():
        old = old_period.documents[old_of[document.id]] if document.id in old_of else None
        pairs.append((old, document, old.sections if old else [], document.sections))
    for document in old_period.ordered_documents():
        if document.id not in doc_map:
            pairs.append((document, None, document.sections, []))
    return pairs


def _in_order(group: list[SectionChange], old_walk: list[Section], new_walk: list[Section],
              old_to_new: dict[str, str], moved_away: list[SectionChange] = ()
              ) -> list[tuple[SectionChange | None, str | None, str | None]]:
    """Every section of a document once, (change or None, old id, new id), in new reading order; a removed
    one after the new place of the last section before it (in old order) that is still there. Each of
    moved_away (sections of this document moved elsewhere) is placed so too, as (change, old id, "")."""
    by_new = {c.new.id: c for c in group if c.new}
    new_pos = {s.id: k for k, s in enumerate(new_walk)}
    old_pos = {s.id: k for k, s in enumerate(old_walk)}
    entries: list[tuple[float, int, tuple]] = []
    for k, section in enumerate(new_walk):
        change = by_new.get(section.id)
        old_id = change.old.id if change and change.old else (None if change else section.id)
        entries.append((k, 0, (change, old_id, section.id)))
    for change in [c for c in group if c.new is None] + list(moved_away):
        at = old_pos.get(change.old.id, len(old_walk))
        anchor = max((new_pos[m] for o in old_walk[:at] if o.id != change.old.id
                      and (m := old_to_new.get(o.id, o.id)) in new_pos), default=-1)
        entries.append((anchor + 0.5, at, (change, change.old.id, None if change.new is None else "")))
    return [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]))]


def documents_view(diff: PeriodDiff, old_period: Period, new_period: Period,
                   redline: bool = False) -> tuple[list[DocumentView], list[str]]:
    """The report's documents, and the titles of those compared and found unchanged (two-column layout;
    the redline layout shows every document whole)."""
    old_shown, new_shown = shown_of(old_period), shown_of(new_period)
    old_index, new_index = old_period.section_index(), new_period.section_index()
    old_to_new = {c.old.id: c.new.id for c in diff.sections if c.old and c.new}
    whole = diff.old.scope != "section"
    pairs = _scope(diff, old_period, new_period)
    groups: list[list[SectionChange]] = [[] for _ in pairs]
    by_new_doc = {n.id: k for k, (_, n, _, _) in enumerate(pairs) if n is not None}
    by_old_doc = {o.id: k for k, (o, _, _, _) in enumerate(pairs) if o is not None}
    for change in diff.sections:
        k = by_new_doc.get(change.new.document_id) if change.new else by_old_doc.get(change.old.document_id)
        if k is not None:
            groups[k].append(change)
    views, unchanged_documents = [], []
    make = redline_block if redline else table_block
    for (old, new, old_roots, new_roots), group in zip(pairs, groups):
        old_walk, new_walk = _walk(old_roots), _walk(new_roots)
        rows = document_rows(old, new, old_period, new_period) if whole else []
        if whole and old is not None and new is not None:
            rows += field_rows(diff, "dokument", new.id, rows)
        log = new_entries(old.changelog if old else [], new.changelog, new_period) if whole and new else []
        parts = _part_blocks(old, new, old_shown, new_shown, redline) if whole else []
        sections, renumbered = [], []
        if old is None or new is None:
            sections = [make(None, None if old is None else s, s if old is None else None, old_shown, new_shown)
                        for s in (new_walk if old is None else old_walk)]
        elif redline:
            old_ids = {s.id for s in old_walk}
            away = [c for c in diff.sections if c.old and c.new and MOVED in c.labels and c.old.id in old_ids]
            for change, old_id, new_id in _in_order(group, old_walk, new_walk, old_to_new, away):
                if new_id == "":
                    sections.append(moved_away_block(change, old_index[change.old.id].depth))
                    continue
                before, after = old_index.get(old_id) if old_id else None, new_index.get(new_id) if new_id else None
                if change is None and before is None:  # paired under another id, nothing else changed
                    before = after
                sections.append(make(change, before, after, old_shown, new_shown))
        else:
            for change in group:
                if change.only_renumbered:
                    renumbered.append((change.old.heading, change.new.heading))
                    continue
                sections.append(make(change, old_index.get(change.old.id) if change.old else None,
                                     new_index.get(change.new.id) if change.new else None, old_shown, new_shown))
        changed_new = {c.new.id for c in group if c.new}
        unchanged = sum(1 for s in new_walk if s.id not in changed_new) if old and new else 0
        document = new or old
        status = "Nytt dokument" if old is None else "Dokumentet utgår" if new is None else \
            "Ändrat dokument" if rows or log or group or any(p.status != "oforandrad" for p in parts) \
            else "Oförändrat dokument"
        if not redline and status == "Oförändrat dokument":
            unchanged_documents.append(document.title)
            continue
        views.append(DocumentView(f"dokument-{document.id}", document.title,
                                  KIND_LABELS.get(document.kind, document.kind), status, rows, log, parts,
                                  sections, renumbered, unchanged, len(new_walk or old_walk)))
    return views, unchanged_documents
