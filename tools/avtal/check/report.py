"""Reporters: findings as text, JSON or GitHub Actions annotations (``avtal check --format``)."""

from __future__ import annotations

import html
import json
import re

from ..findings import Finding, Severity, shown_file, summary
from ..text import visible


def _severity(f: Finding) -> str:
    return "granskad" if f.reviewed else f.severity.value


def format_text(findings) -> str:
    """``file:line:column: fel [code] message`` (``granskad`` for a reviewed finding), then indented ``tips:``
    and ``se även:`` lines, then the summary."""
    lines = []
    for f in sorted(findings, key=Finding.sort_key):
        lines.append(f"{f.position}: {_severity(f)} [{f.code}] {_one_line(f.message)}")
        if f.hint:
            lines.append(f"    tips: {_one_line(f.hint)}")
        for rel in f.related:
            lines.append(f"    se även: {rel}")
    lines.append(summary(findings))
    return visible("\n".join(lines))  # a value quoted in a message cannot drive the terminal


def _one_line(text: str) -> str:
    """text on one line: a line break from a value quoted in a message written as \\n (or \\r), so that
    every finding stays one line and the next line is never read as one of its own."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def format_json(findings) -> str:
    """A JSON list of objects, one per line: code, severity (Swedish), message, hint, related (as strings),
    file, line, column, and ``"reviewed": true`` for a reviewed finding (check.reviewed). A file name is
    written as the text format writes it (``findings.shown_file``): the output is always UTF-8."""
    def encode(f: Finding):  # by hand: dataclasses.asdict copies deeply, slow for tens of thousands
        return {"code": f.code, "severity": f.severity.value, "message": _utf8(f.message), "hint": _utf8(f.hint),
                "related": [str(r) for r in f.related], "file": shown_file(f.position.file), "line": f.position.line,
                "column": f.position.column, **({"reviewed": True} if f.reviewed else {})}

    # One finding per line, each by json's C encoder: an indented dump of 100 000 findings took 220 MB.
    lines = [json.dumps(encode(f), ensure_ascii=False) for f in sorted(findings, key=Finding.sort_key)]
    return "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"


def _utf8(text: str) -> str:
    """text with any lone surrogate (a byte of a file name that is not UTF-8) written as \\xff (``visible``)."""
    return visible(text) if _SURROGATE.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.HINT: "notice"}


def _escape_data(text: str) -> str:
    text = visible(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def changed_first(findings, changed: dict[str, frozenset[int] | None] | None):
    """The findings in the order their annotations are written: on a line the branch changed, then in a file
    it changed, then the rest, each in file order. changed: ``git.changed_lines`` (None: file order only).

    GitHub shows only the first 10 warnings and 10 errors of a step as annotations on the pull request (and
    50 of a job): so those are the pull request's own."""
    def rank(f: Finding) -> int:
        if not changed or f.position.file not in changed:
            return 2
        lines = changed[f.position.file]
        return 0 if lines is None or f.position.line in lines else 1

    return sorted(findings, key=lambda f: (rank(f), f.sort_key()))


def format_github(findings, changed: dict[str, frozenset[int] | None] | None = None) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line.

    ``::error|warning|notice file=…,line=…,col=…,title=<code>::message`` (a hint becomes a notice), with
    GitHub's escapes, then the summary line. Reviewed findings are not annotated (the job summary,
    ``format_summary``, lists them); the order is ``changed_first``.
    """
    lines = []
    for f in changed_first([f for f in findings if not f.reviewed], changed):
        props = [f"file={_escape_property(shown_file(f.position.file))}"]
        if f.position.line:
            props += [f"line={f.position.line}", f"col={f.position.column}"]
        props.append(f"title={_escape_property(f.code)}")
        text = f.message + (f"\ntips: {f.hint}" if f.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(text)}")
    lines.append(summary(findings))
    return "\n".join(lines)


def _cell(text: str) -> str:
    return html.escape(visible(text), quote=False).replace("|", "\\|").replace("\n", " ")


def format_summary(findings, changed: dict[str, frozenset[int] | None] | None = None) -> str:
    """Every finding as a Markdown table for GitHub's job summary ($GITHUB_STEP_SUMMARY): what the annotations
    cannot all show. Columns Var, Nivå, Kod, Fynd (message and hint); in ``changed_first`` order; the summary
    line above the table."""
    out = ["### avtal check", "", summary(findings), ""]
    if not findings:
        return "\n".join(out) + "\n"
    out += ["| Var | Nivå | Kod | Fynd |", "|---|---|---|---|"]
    for f in changed_first(findings, changed):
        text = f.message + (f" Tips: {f.hint}" if f.hint else "")
        out.append(f"| `{_cell(str(f.position))}` | {_severity(f)} | `{_cell(f.code)}` | {_cell(text)} |")
    return "\n".join(out) + "\n"


REPORTERS = {"text": format_text, "json": format_json, "github": format_github}
