"""Reporters: findings as text, JSON or GitHub Actions annotations (``avtal check --format``)."""

from __future__ import annotations

import json

from ..findings import Finding, Severity, summary
from ..text import visible


def format_text(findings) -> str:
    """``file:line:column: fel [code] message``, then indented ``tips:`` and ``se även:`` lines, then the summary."""
    lines = []
    for f in sorted(findings, key=Finding.sort_key):
        lines.append(f"{f.position}: {f.severity.value} [{f.code}] {_one_line(f.message)}")
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
    file, line, column."""
    def encode(f: Finding):  # by hand: dataclasses.asdict copies deeply, slow for tens of thousands
        return {"code": f.code, "severity": f.severity.value, "message": f.message, "hint": f.hint,
                "related": [str(r) for r in f.related], "file": f.position.file, "line": f.position.line,
                "column": f.position.column}

    # One finding per line, each by json's C encoder: an indented dump of 100 000 findings took 220 MB.
    lines = [json.dumps(encode(f), ensure_ascii=False) for f in sorted(findings, key=Finding.sort_key)]
    return "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.HINT: "notice"}


def _escape_data(text: str) -> str:
    text = visible(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line.

    ``::error|warning|notice file=…,line=…,col=…,title=<code>::message`` (a hint becomes a notice), with
    GitHub's escapes, then the summary line.
    """
    lines = []
    for f in sorted(findings, key=Finding.sort_key):
        props = [f"file={_escape_property(f.position.file)}"]
        if f.position.line:
            props += [f"line={f.position.line}", f"col={f.position.column}"]
        props.append(f"title={_escape_property(f.code)}")
        text = f.message + (f"\ntips: {f.hint}" if f.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(text)}")
    lines.append(summary(findings))
    return "\n".join(lines)


REPORTERS = {"text": format_text, "json": format_json, "github": format_github}
