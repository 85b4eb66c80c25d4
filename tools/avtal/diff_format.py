"""Print a ``diff.PeriodDiff``: terminal, Markdown (pull-request comment), HTML fragment, JSON.

Every reporter lists the same things in the same order: key terms, documents
and guidelines, statute references, sections (grouped by document, in reading
order). Sections whose only change is a new number are gathered in one line at
the end of their document, so a renumbering does not drown the real changes.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from typing import Callable

from .diff import (ADDED, CHANGED, MOVED, OTHER_PLACE, REMOVED, RENUMBERED, REPLACED, RETITLED, DocumentChange,
                   KeyTermChange, PeriodDiff, SectionChange, Segment, StatuteChange, UnitChange)

MARKDOWN_LIMIT = 65_536  # GitHub's limit for the body of a comment
CONTEXT_WORDS = 12  # unchanged words kept on each side of a change in terminal and Markdown
JSON_FORMAT = "avtal-diff/1"

_UNIT_STATUS = {"ändrad": "ändrad", ADDED: "ny", REMOVED: "borttagen", MOVED: "flyttad"}
_KIND_NAMES = {"stycke": "stycke", "punkt": "punkt"}


# --- shared wording ----------------------------------------------------------------

def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(diff: PeriodDiff) -> str:
    """One line: how much changed, in words a reader understands."""
    if diff.empty:
        return "Inga ändringar."
    parts = []
    if diff.key_terms:
        parts.append(_plural(len(diff.key_terms), "ändrat nyckelvärde", "ändrade nyckelvärden"))
    documents = [d for d in diff.documents if d.kind == "dokument"]
    guidelines = [d for d in diff.documents if d.kind == "riktlinje"]
    if documents:
        parts.append(_plural(len(documents), "dokument", "dokument") + _document_breakdown(documents, True))
    if guidelines:
        parts.append(_plural(len(guidelines), "riktlinje", "riktlinjer") + _document_breakdown(guidelines, False))
    if diff.statutes:
        parts.append(_plural(sum(c.count for c in diff.statutes), "ändrad lagrumshänvisning",
                             "ändrade lagrumshänvisningar"))
    if diff.sections:
        counts = {label: sum(1 for s in diff.sections if label in s.labels)
                  for label in (ADDED, REMOVED, MOVED, RENUMBERED, RETITLED, CHANGED)}
        words = {ADDED: ("nytt", "nya"), REMOVED: ("borttaget", "borttagna"), MOVED: ("flyttat", "flyttade"),
                 RENUMBERED: ("omnumrerat", "omnumrerade"), RETITLED: ("med ny rubrik", "med ny rubrik"),
                 CHANGED: ("med ändrad text", "med ändrad text")}
        detail = ", ".join(f"{n} {words[label][0 if n == 1 else 1]}" for label, n in counts.items() if n)
        parts.append(f"{_plural(len(diff.sections), 'avsnitt', 'avsnitt')} ({detail})")
    return "; ".join(parts) + "."


def _document_breakdown(changes: list[DocumentChange], neuter: bool) -> str:
    added = sum(1 for c in changes if ADDED in c.labels)
    removed = sum(1 for c in changes if REMOVED in c.labels)
    changed = len(changes) - added - removed
    one = ("nytt", "borttaget", "ändrat") if neuter else ("ny", "borttagen", "ändrad")
    bits = [f"{n} {one[i] if n == 1 else many}" for i, (n, many) in
            enumerate(((added, "nya"), (removed, "borttagna"), (changed, "ändrade"))) if n]
    return " (" + ", ".join(bits) + ")"


def title_line(diff: PeriodDiff) -> str:
    def side(s):
        state = f"{s.status_label.lower()}, {s.valid_from} – {s.valid_to}"
        if s.scope == "period":
            return f"{s.label} ({state})"
        return f"{s.target_title} i {s.label} ({state})"
    return f"Ändringar från {side(diff.old)} till {side(diff.new)}"


def key_term_line(change: KeyTermChange) -> tuple[str, str, str]:
    """(label, before, after) in words."""
    before = change.old_text if change.old_text is not None else "–"
    after = change.new_text if change.new_text is not None else "–"
    if before == after:  # same wording, other value
        before, after = _value(change.old_value), _value(change.new_value)
    return change.label, before, after


def _value(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return "–" if value is None else str(value).replace(".", ",")


_NEUTER_KINDS = {"avtal", "direktiv"}


def document_verb(change: DocumentChange) -> str:
    """"Ny", "Borttagen" or "Ändrad", agreeing with the kind of document ("Nytt avtal")."""
    neuter = change.type_label.lower() in _NEUTER_KINDS
    if ADDED in change.labels:
        return "Nytt" if neuter else "Ny"
    if REMOVED in change.labels:
        return "Borttaget" if neuter else "Borttagen"
    return "Ändrat" if neuter else "Ändrad"


def document_status(change: DocumentChange) -> str:
    """ny, borttagen or andrad: a stable word for CSS classes and signs."""
    return "ny" if ADDED in change.labels else "borttagen" if REMOVED in change.labels else "andrad"


def document_details(change: DocumentChange) -> str:
    """What changed in a changed document; the section count of an added or removed one."""
    if ADDED in change.labels or REMOVED in change.labels:
        return _plural(change.sections, "avsnitt", "avsnitt") if change.sections else ""
    return ", ".join(change.labels)


def statute_heading(change: StatuteChange) -> str:
    count = _plural(change.count, "hänvisning", "hänvisningar")
    if change.kind == REPLACED:
        return f"{change.old_act.label} → {change.new_act.label} (lagen har ersatts; {count})"
    if change.kind == OTHER_PLACE:
        return f"{change.old_act.label}: annat lagrum ({count})"
    if change.kind == REMOVED:
        return f"{change.old_act.label}: hänvisning borttagen ({count})"
    return f"{change.new_act.label}: ny hänvisning ({count})"


def statute_place(change: StatuteChange, place) -> str:
    old = ", ".join(place.old)
    new = ", ".join(place.new)
    where = f"{place.heading} ({place.document_title})" if place.heading != place.document_title else place.heading
    if change.kind in (REPLACED, OTHER_PLACE):
        return f"{where}: {old} → {new}"
    return f"{where}: {old or new}"


def section_note(change: SectionChange) -> str:
    """The labels of a section change, each with what it means here."""
    old, new = change.old, change.new
    bits = []
    for label in change.labels:
        if label == MOVED and old and new:
            if old.document_id != new.document_id:
                bits.append(f"flyttad från {old.document_title} till {new.document_title}")
            elif old.parent_id != new.parent_id or (old.parent_heading != new.parent_heading):
                before = f"under {old.parent_heading}" if old.parent_heading else "översta nivån"
                after = f"under {new.parent_heading}" if new.parent_heading else "översta nivån"
                bits.append(f"flyttad från {before} till {after}")
            else:
                bits.append(f"flyttad (plats {old.position} → {new.position})")
        elif label == RENUMBERED and old and new:
            bits.append(f"omnumrerad ({old.number or 'utan nummer'} → {new.number or 'utan nummer'})")
        elif label == RETITLED and old:
            bits.append(f"ny rubrik (förut: {old.title})")
        else:
            bits.append(label)
    if old and new and old.id != new.id:
        bits.append(f"nytt id ({old.id} → {new.id})")
    return ", ".join(bits)


def unit_name(unit: UnitChange) -> str:
    family = "stycke" if unit.kind == "stycke" else "punkt"
    if unit.status == MOVED:
        return f"{family} {unit.new_number} (flyttad, förut {family} {unit.old_number})"
    if unit.status == REMOVED:
        return f"{family} {unit.old_number} borttagen"
    if unit.status == ADDED:
        return f"{family} {unit.new_number} ny"
    if unit.old_number != unit.new_number:
        return f"{family} {unit.new_number} (förut {unit.old_number})"
    return f"{family} {unit.new_number}"


def trimmed(segments: tuple[Segment, ...], context: int | None) -> list[Segment]:
    """Long unchanged runs shortened to `context` words beside each change ('…')."""
    if context is None or not any(s.op != "=" for s in segments):
        return list(segments)
    out = []
    last = len(segments) - 1
    for i, segment in enumerate(segments):
        words = segment.text.split(" ")
        if segment.op != "=" or len(words) <= 2 * context + 3:
            out.append(segment)
            continue
        head = words[:context] if i > 0 else []
        tail = words[-context:] if i < last else []
        text = " ".join(head + ["…"] + tail) if head or tail else "…"
        out.append(Segment("=", text, segment.space_before))
    return out


def by_document(sections: tuple[SectionChange, ...]) -> list[tuple[str, list[SectionChange], list[SectionChange]]]:
    """(document title, changes to show in full, sections only renumbered), in report order."""
    groups: dict[str, tuple[list, list]] = {}
    for change in sections:
        title = change.ref.document_title
        full, renumbered = groups.setdefault(title, ([], []))
        (renumbered if change.only_renumbered else full).append(change)
    return [(title, full, renumbered) for title, (full, renumbered) in groups.items()]


def renumbered_line(changes: list[SectionChange]) -> str:
    return "; ".join(f"{c.old.number or '–'} → {c.new.number or '–'} {c.new.title}" for c in changes)


# --- terminal ------------------------------------------------------------------------

class _Style:
    def __init__(self, colour: bool):
        self.colour = colour

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text

    def deleted(self, text: str) -> str:
        return self._wrap("31;9", text) if self.colour else f"[-{text}-]"

    def inserted(self, text: str) -> str:
        return self._wrap("32", text) if self.colour else f"{{+{text}+}}"

    def heading(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)


def _joined(parts: list[tuple[Segment, str]]) -> str:
    return "".join(("" if i == 0 or not segment.space_before else " ") + shown
                   for i, (segment, shown) in enumerate(parts))


def _redline_terminal(segments, style: _Style, context: int | None) -> str:
    out = []
    for segment in trimmed(segments, context):
        if segment.op == "-":
            out.append((segment, style.deleted(segment.text)))
        elif segment.op == "+":
            out.append((segment, style.inserted(segment.text)))
        else:
            out.append((segment, segment.text))
    return _joined(out)


def format_terminal(diff: PeriodDiff, colour: bool = False, context: int | None = CONTEXT_WORDS) -> str:
    style = _Style(colour)
    lines = [style.heading(title_line(diff)), f"I korthet: {summary(diff)}"]
    if diff.empty:
        return "\n".join(lines) + "\n"
    if colour:
        lines.append(style.dim("Röd överstruken text är borttagen, grön text är ny."))
    else:
        lines.append("Så läser du: [-text-] är borttagen, {+text+} är ny.")
    if diff.key_terms:
        lines += ["", style.heading("NYCKELVÄRDEN")]
        for change in diff.key_terms:
            label, before, after = key_term_line(change)
            where = f"  ({change.clause})" if change.clause else ""
            lines.append(f"  {label}: {before} → {after}{where}")
    if diff.documents:
        lines += ["", style.heading("DOKUMENT OCH RIKTLINJER")]
        for change in diff.documents:
            lines += _document_terminal(change, style, context)
    if diff.statutes:
        lines += ["", style.heading("LAGRUMSHÄNVISNINGAR")]
        for change in diff.statutes:
            lines.append(f"  {statute_heading(change)}")
            lines += [f"    {statute_place(change, place)}" for place in change.places]
    if diff.sections:
        lines += ["", style.heading("AVSNITT")]
        for title, full, renumbered in by_document(diff.sections):
            lines.append(style.heading(f"{title}"))
            for change in full:
                lines.append(f"  {style.heading(change.ref.heading)} [{change.ref.id}] – {section_note(change)}")
                for unit in change.units:
                    lines.append(f"    {unit_name(unit)}: {_redline_terminal(unit.segments, style, context)}")
            if renumbered:
                lines.append(f"  Endast omnumrerade: {renumbered_line(renumbered)}")
    return "\n".join(lines) + "\n"


def _document_terminal(change: DocumentChange, style: _Style, context) -> list[str]:
    sign = {"ny": "+", "borttagen": "-"}.get(document_status(change), "~")
    title = change.title
    if RETITLED in change.labels:
        title = f"{change.new_title} (förut: {change.old_title})"
    details = document_details(change)
    lines = [f"  {sign} {document_verb(change).lower()} {change.type_label.lower()}: {title} [{change.id}]"
             + (f" – {details}" if details else "")]
    for item in change.fields:
        lines.append(f"      {item.label}: {item.old or '–'} → {item.new or '–'}")
    for part in change.parts:
        for unit in part.units:
            lines.append(f"      {part.name}, {unit_name(unit)}: {_redline_terminal(unit.segments, style, context)}")
    return lines


# --- Markdown (pull-request comment) ---------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]#|~"})


def md(text: str) -> str:
    """Text safe inside Markdown and inline HTML."""
    return html.escape(text, quote=False).translate(_MD_SPECIAL)


def _redline_md(segments, context: int | None) -> str:
    out = []
    for segment in trimmed(segments, context):
        if segment.op == "-":
            out.append((segment, f"<del>{md(segment.text)}</del>"))
        elif segment.op == "+":
            out.append((segment, f"<ins>{md(segment.text)}</ins>"))
        else:
            out.append((segment, md(segment.text)))
    return _joined(out)


def format_markdown(diff: PeriodDiff, full_url: str | None = None, limit: int = MARKDOWN_LIMIT,
                    context: int | None = CONTEXT_WORDS) -> str:
    """The diff for a pull-request comment; a summary with a link when the whole would be too long."""
    full = _markdown(diff, context, detailed=True)
    if len(full) <= limit:
        return full
    return _markdown(diff, context, detailed=False, full_url=full_url, limit=limit)


def comment_marker(diff: PeriodDiff) -> str:
    """An invisible first line naming what was compared to: a workflow finds its earlier comment by it."""
    return f"<!-- avtal-diff: {diff.new.label.replace('--', '-')} -->"


def _markdown(diff: PeriodDiff, context, detailed: bool, full_url: str | None = None,
              limit: int = MARKDOWN_LIMIT) -> str:
    out = [comment_marker(diff), f"## {md(title_line(diff))}", "", f"**I korthet:** {md(summary(diff))}", ""]
    if diff.empty:
        return "\n".join(out)
    if not detailed:
        link = (f"[Hela jämförelsen]({full_url})" if full_url else
                f"Hela jämförelsen: kör `avtal diff {diff.old.label} {diff.new.label}` lokalt")
        out += [f"> Jämförelsen är för lång för en kommentar; här visas en sammanfattning. {link}.", ""]
    else:
        out += ["<sub>Struken text är borttagen, understruken text är ny.</sub>", ""]
    if diff.key_terms:
        out += ["### Nyckelvärden", "", "| Nyckelvärde | Före | Efter | Anges i |", "|---|---|---|---|"]
        for change in diff.key_terms:
            label, before, after = key_term_line(change)
            out.append(f"| {md(label)} | {md(before)} | {md(after)} | {md(change.clause or '')} |")
        out.append("")
    if diff.documents:
        out += ["### Dokument och riktlinjer", ""]
        for change in diff.documents:
            out += _document_md(change, context, detailed)
        out.append("")
    if diff.statutes:
        out += ["### Lagrumshänvisningar", ""]
        for change in diff.statutes:
            out.append(f"- {md(statute_heading(change))}")
            if detailed:
                out += [f"  - {md(statute_place(change, place))}" for place in change.places]
        out.append("")
    if diff.sections:
        out += ["### Avsnitt", ""]
        for title, full, renumbered in by_document(diff.sections):
            if detailed:
                out += [f"<details open><summary><strong>{md(title)}</strong> – "
                        f"{_plural(len(full) + len(renumbered), 'avsnitt', 'avsnitt')}</summary>", ""]
                for change in full:
                    out += [f"#### {md(change.ref.heading)}", "",
                            f"*{md(section_note(change))}* · `{change.ref.id}`", ""]
                    for unit in change.units:
                        out.append(f"- **{md(unit_name(unit))}:** {_redline_md(unit.segments, context)}")
                    if change.units:
                        out.append("")
                if renumbered:
                    out += [f"Endast omnumrerade: {md(renumbered_line(renumbered))}", ""]
                out += ["</details>", ""]
            else:
                out += [f"**{md(title)}**", ""]
                for change in full:
                    out.append(f"- {md(change.ref.heading)} – {md(section_note(change))}")
                if renumbered:
                    out.append(f"- Endast omnumrerade: {md(renumbered_line(renumbered))}")
                out.append("")
    text = "\n".join(out)
    if not detailed and len(text) > limit:  # even the summary is too long: cut at a line
        cut = text.rfind("\n", 0, limit - 200)
        text = text[:cut] + "\n\n… (sammanfattningen är avkortad)\n"
    return text


def _document_md(change: DocumentChange, context, detailed: bool) -> list[str]:
    title = md(change.title)
    if RETITLED in change.labels:
        title = f"{md(change.new_title)} (förut: {md(change.old_title)})"
    details = document_details(change)
    lines = [f"- **{document_verb(change)}** {md(change.type_label.lower())}: {title} (`{change.id}`)"
             + (f" – {md(details)}" if details else "")]
    for item in change.fields:
        lines.append(f"  - {md(item.label)}: {md(item.old or '–')} → {md(item.new or '–')}")
    if detailed:
        for part in change.parts:
            for unit in part.units:
                lines.append(f"  - {md(part.name.capitalize())}, {md(unit_name(unit))}: "
                             f"{_redline_md(unit.segments, context)}")
    return lines


# --- HTML ---------------------------------------------------------------------------------

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
    return _joined(out)


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


# --- JSON -----------------------------------------------------------------------------

def to_data(diff: PeriodDiff) -> dict:
    """A stable structure: keys never renamed within a format version."""
    data = asdict(diff)
    return {"format": JSON_FORMAT, "summary": summary(diff), "counts": diff.counts(), **data}


def format_json(diff: PeriodDiff) -> str:
    return json.dumps(to_data(diff), ensure_ascii=False, indent=2) + "\n"
