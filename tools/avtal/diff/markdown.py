"""A ``PeriodDiff`` as a pull-request comment (GitHub-flavoured Markdown), cut to a summary when too long."""

from __future__ import annotations

import html

from ..text import visible
from .result import RETITLED, DocumentChange, PeriodDiff
from .terminal import joined
from .wording import (CONTEXT_WORDS, by_document, document_details, document_verb, key_term_line, plural,
                      renumbered_line, section_note, statute_heading, statute_place, summary, title_line, trimmed,
                      unit_name)

# GitHub's limit for the body of a comment, in characters: its API refuses a longer one with 422
# "Body is too long (maximum is 65536 characters)".
MARKDOWN_LIMIT = 65_536


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]#|~"})


def md(text: str) -> str:
    """Text safe inside Markdown and inline HTML, its control characters written out (``text.visible``)."""
    return html.escape(visible(text), quote=False).translate(_MD_SPECIAL)


def _redline_md(segments, context: int | None) -> str:
    out = []
    for segment in trimmed(segments, context):
        if segment.op == "-":
            out.append((segment, f"<del>{md(segment.text)}</del>"))
        elif segment.op == "+":
            out.append((segment, f"<ins>{md(segment.text)}</ins>"))
        else:
            out.append((segment, md(segment.text)))
    return joined(out)


def format_markdown(diff: PeriodDiff, full_url: str | None = None, limit: int = MARKDOWN_LIMIT,
                    context: int | None = CONTEXT_WORDS) -> str:
    """The diff for a pull-request comment; a summary with a link when the whole would be too long.

    limit: in characters (``len``). full_url: where the whole comparison is, linked from the summary.
    A summary still over the limit is cut at a line at least 200 characters short of it (a margin chosen
    by hand for the closing note).
    """
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
                        f"{plural(len(full) + len(renumbered), 'avsnitt', 'avsnitt')}</summary>", ""]
                for change in full:
                    out += [f"#### {md(change.ref.heading)}", "",
                            f"*{md(section_note(change))}* · `{change.ref.id}`", ""]
                    for item in change.fields:
                        out.append(f"- **{md(item.label)}:** {md(item.old or '–')} → {md(item.new or '–')}")
                    for unit in change.units:
                        out.append(f"- **{md(unit_name(unit))}:** {_redline_md(unit.segments, context)}")
                    if change.units or change.fields:
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
