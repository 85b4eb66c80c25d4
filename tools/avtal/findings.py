"""Findings: what a check reports, and the reporters that print them."""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "fel"
    WARNING = "varning"
    HINT = "tips"


@dataclass(frozen=True, order=True)
class Position:
    file: str
    line: int = 0  # 1-based; 0 when the whole file is meant
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    code: str  # stable, e.g. "yaml-duplicate-key"
    severity: Severity
    position: Position
    message: str  # Swedish, one sentence
    hint: str = ""  # Swedish: what to do about it
    related: tuple[Position, ...] = field(default=())

    def sort_key(self):
        return (self.position.file, self.position.line, self.position.column, self.code)


def error(code: str, position: Position, message: str, hint: str = "", related=()) -> Finding:
    return Finding(code, Severity.ERROR, position, message, hint, tuple(related))


def warning(code: str, position: Position, message: str, hint: str = "", related=()) -> Finding:
    return Finding(code, Severity.WARNING, position, message, hint, tuple(related))


def hint(code: str, position: Position, message: str, hint: str = "", related=()) -> Finding:
    return Finding(code, Severity.HINT, position, message, hint, tuple(related))


def failing(findings, strict: bool = False) -> bool:
    """True when the findings should make a command fail (exit 1)."""
    bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(f.severity in bad for f in findings)


def summary(findings) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    if not findings:
        return "Inga fel hittades."
    parts = [f"{counts[Severity.ERROR]} fel", f"{counts[Severity.WARNING]} varningar", f"{counts[Severity.HINT]} tips"]
    return ", ".join(parts) + "."


def format_text(findings) -> str:
    lines = []
    for f in sorted(findings, key=Finding.sort_key):
        lines.append(f"{f.position}: {f.severity.value} [{f.code}] {f.message}")
        if f.hint:
            lines.append(f"    tips: {f.hint}")
        for rel in f.related:
            lines.append(f"    se även: {rel}")
    lines.append(summary(findings))
    return "\n".join(lines)


def format_json(findings) -> str:
    def encode(f: Finding):
        d = asdict(f)
        d["severity"] = f.severity.value
        d["file"], d["line"], d["column"] = f.position.file, f.position.line, f.position.column
        del d["position"]
        d["related"] = [str(r) for r in f.related]
        return d

    return json.dumps([encode(f) for f in sorted(findings, key=Finding.sort_key)], ensure_ascii=False, indent=2)


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.HINT: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""
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


def nearest(word: str, known) -> str | None:
    """The known word closest to word, if one is close."""
    match = difflib.get_close_matches(word, sorted(set(known)), n=1, cutoff=0.6)
    return match[0] if match else None


def closest(ident: str, known) -> str:
    """A Swedish hint naming the closest existing id, if one is close."""
    match = nearest(ident, known)
    return f"Menade du '{match}'?" if match else "Kontrollera stavningen; inget liknande id finns."
