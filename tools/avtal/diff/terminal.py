"""A ``PeriodDiff`` for the terminal: plain ([-deleted-] {+inserted+}) or coloured."""

from __future__ import annotations

from ..text import visible
from .result import RETITLED, DocumentChange, PeriodDiff, Segment
from .wording import (CONTEXT_WORDS, by_document, document_details, document_status, document_verb,
                      key_term_line, renumbered_line, section_note, statute_heading, statute_place, summary,
                      title_line, trimmed, unit_name)


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


def joined(parts: list[tuple[Segment, str]]) -> str:
    """(run, the run as shown) pairs joined, a space before each run that has one (``space_before``)."""
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
    return joined(out)


def format_terminal(diff: PeriodDiff, colour: bool = False, context: int | None = CONTEXT_WORDS) -> str:
    """The report for a terminal, ending in a newline: ``[-deleted-] {+inserted+}``, or with colour ANSI
    red struck-through and green. context: unchanged words kept beside a change (None: all).

    A control character in the data (a YAML escape such as ``"\\e[2J"``) is written out as an escape
    (``text.visible``), and the report then has no colour: only escapes of its own reach the terminal."""
    plain = _report(diff, _Style(False), context)
    if not colour or visible(plain) != plain:
        return visible(plain)
    return _report(diff, _Style(True), context)


def _report(diff: PeriodDiff, style: _Style, context: int | None) -> str:
    colour = style.colour
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
                for item in change.fields:
                    lines.append(f"    {item.label}: {item.old or '–'} → {item.new or '–'}")
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
