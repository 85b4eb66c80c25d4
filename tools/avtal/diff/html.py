"""A ``PeriodDiff`` as HTML: blocks for the site's Ändringar page, or one fragment (``--format html``)."""

from __future__ import annotations

import html
from typing import Callable

from .result import REMOVED, RETITLED, PeriodDiff
from .terminal import joined
from .wording import (by_document, document_details, document_status, document_verb, key_term_line,
                      renumbered_line, section_note, statute_heading, statute_place, summary, title_line, trimmed,
                      unit_name)


Link = Callable[[str, str], "str | None"]  # (side "old"/"new", id) -> URL or None


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def redline_html(segments, context: int | None = None) -> str:
    out = []
    for segment in trimmed(segments, context):
        if segment.op == "-":
            out.append((segment, f"<del>{_h(segment.text)}</del>"))
        elif segment.op == "+":
            out.append((segment, f"<ins>{_h(segment.text)}</ins>"))
        else:
            out.append((segment, _h(segment.text)))
    return joined(out)


def _a(link: Link | None, side: str, ident: str | None, label: str) -> str:
    url = link(side, ident) if link and ident else None
    return f'<a href="{html.escape(url)}">{_h(label)}</a>' if url else _h(label)


def html_blocks(diff: PeriodDiff, link: Link | None = None, context: int | None = None) -> list[tuple[int, str, str, str]]:
    """(level, heading, anchor, HTML body) blocks; a page turns them into headings of its own kind."""
    blocks = [(0, "", "", f'<p class="avtal-diff-sammanfattning"><strong>I korthet:</strong> {_h(summary(diff))}</p>'
                         '<p class="avtal-diff-lasanvisning">Struken text är borttagen, understruken text är ny.</p>')]
    if diff.key_terms:
        rows = []
        for change in diff.key_terms:
            label, before, after = key_term_line(change)
            rows.append(f"<tr><td>{_h(label)}</td><td><del>{_h(before)}</del></td><td><ins>{_h(after)}</ins></td>"
                        f"<td>{_h(change.clause or '')}</td></tr>")
        blocks.append((2, "Nyckelvärden", "nyckelvarden",
                       '<table class="avtal-register avtal-diff-nyckelvarden"><tr><th>Nyckelvärde</th><th>Före</th>'
                       f"<th>Efter</th><th>Anges i</th></tr>{''.join(rows)}</table>"))
    if diff.documents:
        items = []
        for change in diff.documents:
            side = "old" if REMOVED in change.labels else "new"
            title = _a(link, side, change.id, change.title)
            if RETITLED in change.labels:
                title += f" (förut: {_h(change.old_title)})"
            details = document_details(change)
            extra = f" – {details}" if details else ""
            sub = "".join(f"<li>{_h(f.label)}: <del>{_h(f.old or '–')}</del> → <ins>{_h(f.new or '–')}</ins></li>"
                          for f in change.fields)
            for part in change.parts:
                sub += "".join(f"<li>{_h(part.name.capitalize())}, {_h(unit_name(u))}: "
                               f"{redline_html(u.segments, context)}</li>" for u in part.units)
            items.append(f'<li class="avtal-diff-{document_status(change)}"><strong>'
                         f"{_h(document_verb(change))}</strong> {_h(change.type_label.lower())}: "
                         f"{title}{_h(extra)}{f'<ul>{sub}</ul>' if sub else ''}</li>")
        blocks.append((2, "Dokument och riktlinjer", "dokument", f"<ul>{''.join(items)}</ul>"))
    if diff.statutes:
        items = []
        for change in diff.statutes:
            places = "".join(f"<li>{_h(statute_place(change, p))}</li>" for p in change.places)
            items.append(f"<li>{_h(statute_heading(change))}<ul>{places}</ul></li>")
        blocks.append((2, "Lagrumshänvisningar", "lagrum", f"<ul>{''.join(items)}</ul>"))
    if diff.sections:
        blocks.append((2, "Avsnitt", "avsnitt", ""))
        for number, (title, full, renumbered) in enumerate(by_document(diff.sections), 1):
            parts = []
            for change in full:
                side = "old" if change.new is None else "new"
                heading = _a(link, side, change.ref.id, change.ref.heading)
                classes = " ".join(f"avtal-diff-{_css(label)}" for label in change.labels)
                units = "".join(f'<li><span class="avtal-diff-var">{_h(unit_name(u))}:</span> '
                                f"{redline_html(u.segments, context)}</li>" for u in change.units)
                parts.append(f'<div class="avtal-diff-avsnitt {classes}"><p class="avtal-diff-rubrik">'
                             f'<strong>{heading}</strong> <span class="avtal-diff-etikett">'
                             f"{_h(section_note(change))}</span></p>{f'<ul>{units}</ul>' if units else ''}</div>")
            if renumbered:
                parts.append(f'<p class="avtal-diff-omnumrerade">Endast omnumrerade: {_h(renumbered_line(renumbered))}</p>')
            blocks.append((3, title, f"avsnitt-{number}", "".join(parts)))
    return blocks


def _css(label: str) -> str:
    return (label.replace(" ", "-").replace("ä", "a").replace("å", "a").replace("ö", "o"))


def format_html(diff: PeriodDiff, link: Link | None = None, context: int | None = None) -> str:
    """A fragment for a web page: <div class="avtal-diff"> … </div>."""
    parts = [f'<div class="avtal-diff"><h2>{_h(title_line(diff))}</h2>']
    for level, heading, anchor, body in html_blocks(diff, link, context):
        if heading:
            parts.append(f'<h{level + 1} id="{anchor}">{_h(heading)}</h{level + 1}>')
        parts.append(body)
    parts.append("</div>")
    return "\n".join(p for p in parts if p) + "\n"
