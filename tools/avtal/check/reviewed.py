"""Findings the working group has reviewed (agreement/granskade.yaml): reported as such, not as
warnings, and not annotated on a pull request.

An entry names a finding's code, its file and its place: the id of the item the finding stands in (a
section, document, guideline, key term, decision), which survives lines moving; without an id it covers
every finding of the code in the file. Only warnings and tips can be reviewed: an error is to be fixed.
A reviewed finding keeps its code, place and message, becomes a tip (``--strict`` no longer fails on it),
and its hint says when and why it was reviewed. An entry that covers no finding any more (the text was
changed, the place removed) is itself a tip, ``reviewed-stale``, at its line in granskade.yaml.

The place of a finding is the item of its file that starts last at or before the finding's line: items
are written in file order and a section's own text stands before its subsections, so that is the
innermost item holding the line.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..findings import Finding, Reviewed, Severity, hint
from ..model import Corpus

REVIEWED_FILE = "agreement/granskade.yaml"


def places(corpus: Corpus) -> dict[str, tuple[list[int], list[str]]]:
    """{file: (start lines in order, ids)} of every item with an id: documents and their sections,
    guidelines, key terms, decisions (in period.yaml and in beslut/)."""
    found: dict[str, list[tuple[int, str]]] = {}

    def add(where, ident: str) -> None:
        if where is None:
            return
        position = where.position
        found.setdefault(position.file, []).append((position.line, ident))

    for period in corpus.periods.values():
        add(period.where, period.id)
        for document in period.documents.values():
            add(document.where, document.id)
            for section in document.walk():
                add(section.where, section.id)
        for guideline in period.guidelines.values():
            add(guideline.where, guideline.id)
        for term in period.key_terms:
            add(term.where, term.id)
        for decision in period.decisions:
            add(decision.where, decision.id)
    out = {}
    for file, items in found.items():
        items.sort()
        out[file] = ([line for line, _ in items], [ident for _, ident in items])
    return out


def place_of(finding: Finding, index: dict[str, tuple[list[int], list[str]]]) -> str | None:
    """The id of the item finding stands in (see the module docstring), or None outside every item."""
    lines, ids = index.get(finding.position.file, ([], []))
    at = bisect.bisect_right(lines, finding.position.line) - 1
    return ids[at] if at >= 0 and finding.position.line else None


def _covers(entry: Reviewed, finding: Finding, place: str | None) -> bool:
    return (finding.severity is not Severity.ERROR and entry.code == finding.code
            and entry.file == finding.position.file and (entry.id is None or entry.id == place))


def apply_reviewed(corpus: Corpus, findings: list[Finding]) -> list[Finding]:
    """The findings with each one an entry of ``corpus.reviewed`` covers made a reviewed tip, plus a
    ``reviewed-stale`` tip for each entry that covers none. Findings without entries are returned as they are."""
    if not corpus.reviewed:
        return findings
    index = places(corpus)
    used: set[int] = set()
    out = []
    for finding in findings:
        place = place_of(finding, index) if any(e.file == finding.position.file for e in corpus.reviewed) else None
        entry = next((e for e in corpus.reviewed if _covers(e, finding, place)), None)
        if entry is None:
            out.append(finding)
            continue
        used.add(id(entry))
        by = f" av {entry.by}" if entry.by else ""
        out.append(replace(finding, severity=Severity.HINT, reviewed=True,
                           hint=f"Granskad {entry.date}{by}: {entry.reason} ({REVIEWED_FILE})"))
    for entry in corpus.reviewed:
        if id(entry) in used:
            continue
        ids = set(index.get(entry.file, ([], []))[1])
        if entry.id is not None and entry.id not in ids:
            message = f"Den granskade platsen '{entry.id}' finns inte längre i {entry.file}."
        else:
            where = f"i '{entry.id}' i {entry.file}" if entry.id else f"i {entry.file}"
            message = f"Det granskade fyndet [{entry.code}] {where} finns inte längre."
        out.append(hint("reviewed-stale", entry.position, message,
                        "Ta bort raden ur granskade.yaml; gäller granskningen en annan plats, skriv dess id."))
    return out
