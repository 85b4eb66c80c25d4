"""Findings: what a check reports (code, severity, position, Swedish message and hint).

The reporters that print them live in ``avtal.check.report``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a finding is; the value is the Swedish word the reporters print (fel, varning, tips)."""

    ERROR = "fel"
    WARNING = "varning"
    HINT = "tips"


@dataclass(frozen=True, order=True)
class Position:
    """Where a finding points: a file as shown to users, 1-based line and column (characters, as editors count)."""

    file: str
    line: int = 0  # 1-based; 0 when the whole file is meant
    column: int = 0  # 1-based, in characters; 0 with line 0

    def __str__(self) -> str:
        if not self.line:
            return shown_file(self.file)
        return f"{shown_file(self.file)}:{self.line}:{self.column}"


#: What may not stand as it is in a file name printed in a finding: control characters (a line feed would split
#: the finding in two), and the lone surrogates by which Python keeps the bytes of a name that is not UTF-8
#: (they cannot be written as UTF-8: JSON output with one was no valid UTF-8).
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown_file(name: str) -> str:
    """A file name as findings print it, in every format: a line feed as \\n (and \\r, \\t), another control
    character as \\x1b, a byte that is not UTF-8 (kept by Python as a surrogate, 0xFF as U+DCFF) as \\xff,
    another lone surrogate as \\udXXX; any other name as it is."""
    if not _UNSHOWN.search(name):
        return name
    return _UNSHOWN.sub(lambda m: _NAMED.get(m[0]) or (f"\\x{ord(m[0]) - 0xDC00:02x}" if 0xDC80 <= ord(m[0]) <= 0xDCFF
                        else f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}"), name)


@dataclass(frozen=True)
class Finding:
    """One thing a check found; made with ``error``, ``warning`` or ``hint``, never raised."""

    code: str  # stable, e.g. "yaml-duplicate-key"
    severity: Severity
    position: Position
    message: str  # Swedish, one sentence
    hint: str = ""  # Swedish: what to do about it
    related: tuple[Position, ...] = field(default=())
    reviewed: bool = False  # covered by agreement/register/granskade.yaml (check.reviewed): a tip, not annotated

    def sort_key(self):
        """(file, line, column, code): the order every reporter prints findings in."""
        return (self.position.file, self.position.line, self.position.column, self.code)


@dataclass(frozen=True)
class Reviewed:
    """A finding the working group has reviewed and lets stand (agreement/granskade.yaml, ``check.reviewed``):
    its code, file and place (the id of the item it stands in; None for the whole file), how many findings
    there (count), why, when, by whom;
    position: where the entry itself is written."""

    code: str
    file: str
    reason: str
    date: str
    position: Position
    id: str | None = None
    by: str | None = None
    count: int = 1  # how many findings of the code at the place were reviewed


def error(code: str, position: Position, message: str, hint: str = "", related=()) -> Finding:
    """A finding that fails ``avtal check`` (exit 1); related: other positions it concerns."""
    return Finding(code, Severity.ERROR, position, message, hint, tuple(related))


def warning(code: str, position: Position, message: str, hint: str = "", related=()) -> Finding:
    """A finding that fails ``avtal check`` only with ``--strict``."""
    return Finding(code, Severity.WARNING, position, message, hint, tuple(related))


def hint(code: str, position: Position, message: str, hint: str = "", related=()) -> Finding:
    """A finding that never fails a command (reported as "tips")."""
    return Finding(code, Severity.HINT, position, message, hint, tuple(related))


#: Findings of one kind in one file that a check that can find very many (invisible characters, unknown
#: or repeated keys) reports each at its place; one more finding counts the rest (``more``). Without a
#: bound, a file of 500 kB could hold 100 000 findings and take hundreds of megabytes to report.
PER_FILE = 100


def more(code: str, position: Position, left: int | None, severity: Severity = Severity.ERROR) -> Finding:
    """The finding that stands for ``left`` more findings of code in the file (None: an unknown number),
    placed at the first of them, of their severity (more warnings stay a warning)."""
    word = {Severity.ERROR: "fel", Severity.WARNING: "varningar", Severity.HINT: "tips"}[severity]
    many = f"Ytterligare {left} {word}" if left is not None else f"Fler {word}"
    return Finding(code, severity, position, f"{many} av samma slag i filen, från och med det här, visas inte.",
                   "Rätta de fel som visas och kör kontrollen igen; ofta har de samma orsak."
                   if severity is Severity.ERROR else "Rätta det som visas och kör kontrollen igen; ofta har det samma orsak.")


def capped(findings: list[Finding], more_unread: bool = False) -> list[Finding]:
    """findings (of one file; of one severity per code) with at most PER_FILE of each code, in position order, and for a code with
    more one finding counting the rest (``more``). more_unread: the findings were cut short before all
    were made, so the counts are not known."""
    kept: list[Finding] = []
    left: dict[str, list] = {}
    shown: dict[str, int] = {}
    for f in sorted(findings, key=Finding.sort_key):
        if shown.get(f.code, 0) < PER_FILE:
            shown[f.code] = shown.get(f.code, 0) + 1
            kept.append(f)
        else:
            left.setdefault(f.code, [f.position, 0, f.severity])[1] += 1
    return kept + [more(code, where, None if more_unread else n, severity)
                   for code, (where, n, severity) in left.items()]


def failing(findings, strict: bool = False) -> bool:
    """True when the findings should make a command fail (exit 1)."""
    bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(f.severity in bad for f in findings)


def summary(findings) -> str:
    """The reporters' last line in Swedish: "2 fel, 1 varning, 0 tips." or "Inga fel hittades."; reviewed
    findings counted on their own ("…, 0 tips, 20 granskade.", "…, 1 granskad."). Fel and tips are the same
    in the singular."""
    counts = {s: sum(1 for f in findings if f.severity is s and not f.reviewed) for s in Severity}
    if not findings:
        return "Inga fel hittades."
    warnings = counts[Severity.WARNING]
    parts = [f"{counts[Severity.ERROR]} fel", f"{warnings} {'varning' if warnings == 1 else 'varningar'}",
             f"{counts[Severity.HINT]} tips"]
    reviewed = sum(1 for f in findings if f.reviewed)
    return ", ".join(parts) + (f", {reviewed} {'granskad' if reviewed == 1 else 'granskade'}." if reviewed else ".")


def nearest(word: str, known) -> str | None:
    """The known word closest to word, if one is close.

    "Close": ``SequenceMatcher.ratio`` of at least 0.6, difflib's own default cutoff, not tuned here.
    """
    match = difflib.get_close_matches(word, sorted(set(known)), n=1, cutoff=0.6)
    return match[0] if match else None


def closest(ident: str, known) -> str:
    """A Swedish hint naming the closest existing id, if one is close."""
    match = nearest(ident, known)
    return f"Menade du '{match}'?" if match else "Kontrollera stavningen; inget liknande id finns."


class Suggestions:
    """``closest`` for many unknown ids against one set of known ids, each id looked up once.

    A lookup compares the id with every known id, so the lookups stop after BUDGET comparisons in all
    (a fraction of a second): a file with thousands of wrong ids among thousands of sections is checked in
    seconds, and the ids after that get a hint without a guess.
    """

    BUDGET = 100_000

    def __init__(self, known):
        self._known = sorted(set(known))
        self._hints: dict[str, str] = {}
        self._left = self.BUDGET

    def __call__(self, ident: str) -> str:
        if ident not in self._hints:
            if self._left < len(self._known):
                return "Kontrollera stavningen."
            self._left -= len(self._known)
            self._hints[ident] = closest(ident, self._known)
        return self._hints[ident]
