"""Findings the working group has reviewed (agreement/granskade.yaml): reported as such, not as
warnings, and not annotated on a pull request.

An entry names a finding's code, its file and its place: the id of the item the finding stands in (a
section, document, guideline, key term, decision), which survives lines moving; without an id the whole
file. It covers exactly as many findings of the code there as it reviewed (``count``, 1 when not written):
a new finding of the same code in a reviewed section is not hidden by the old review. Only warnings and tips can be reviewed: an error is to be fixed.
A reviewed finding keeps its code, place and message, becomes a tip (``--strict`` no longer fails on it),
and its hint says when and why it was reviewed. An entry that covers no finding any more (the text was
changed, the place removed) or fewer than its count is itself a tip, ``reviewed-stale``, at its line in
granskade.yaml; not when its file could not be read or validated (nothing in it was checked).

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


def _unchecked(entry: Reviewed, index: dict, findings: list[Finding]) -> bool:
    """True when entry's file could not be read or validated (an error in it, nothing of it loaded): its
    findings were not looked for, so whether the review still covers them is unknown."""
    return entry.file not in index and any(
        f.severity is Severity.ERROR and f.position.file == entry.file for f in findings)


def apply_reviewed(corpus: Corpus, findings: list[Finding]) -> list[Finding]:
    """The findings with each one an entry of ``corpus.reviewed`` covers made a reviewed tip, plus a
    ``reviewed-stale`` tip for each entry that covers fewer than it reviewed. Findings without entries are
    returned as they are.

    An entry covers at most ``count`` findings (file order): a further finding of its code at its place
    (a new citation in a reviewed section) stays a warning, its hint saying the review covers fewer. An
    entry whose file could not be read or validated is not judged at all (``_unchecked``), nor is a statute
    finding's entry while the statute register is missing or unreadable (those findings come back with it)."""
    if not corpus.reviewed:
        return findings
    index = places(corpus)
    used: dict[int, int] = {}
    matching = []  # (finding, the entries that would cover it)
    for finding in findings:
        place = place_of(finding, index) if any(e.file == finding.position.file for e in corpus.reviewed) else None
        matching.append((finding, [e for e in corpus.reviewed if _covers(e, finding, place)]))
    found: dict[int, int] = {}  # entry → findings of its code at its place now
    for _, entries in matching:
        if entries:
            found[id(entries[0])] = found.get(id(entries[0]), 0) + 1
    out = []
    for finding, entries in matching:
        entry = next((e for e in entries if used.get(id(e), 0) < e.count), None)
        if entry is None:
            if entries:
                full = entries[0]
                where = f"'{full.id}'" if full.id else full.file
                finding = replace(finding, hint=(
                    f"{finding.hint} Granskningen av [{full.code}] i {where} ({REVIEWED_FILE}) gäller "
                    f"{_findings(full.count)}; det här är ett till. Granska det och skriv count: {found[id(full)]}, "
                    "eller ändra texten.").strip())
            out.append(finding)
            continue
        used[id(entry)] = used.get(id(entry), 0) + 1
        by = f" av {entry.by}" if entry.by else ""
        out.append(replace(finding, severity=Severity.HINT, reviewed=True,
                           hint=f"Granskad {entry.date}{by}: {entry.reason} ({REVIEWED_FILE})"))
    for entry in corpus.reviewed:
        covered = used.get(id(entry), 0)
        if covered >= entry.count or _unchecked(entry, index, findings):
            continue
        if entry.code and entry.code.startswith("statute-") and not corpus.statutes:
            continue  # no register (missing or unreadable, its own finding): no statute finding to cover yet
        ids = set(index.get(entry.file, ([], []))[1])
        where = f"i '{entry.id}' i {entry.file}" if entry.id else f"i {entry.file}"
        if entry.id is not None and entry.id not in ids:
            message = f"Den granskade platsen '{entry.id}' finns inte längre i {entry.file}."
        elif covered:
            out.append(hint("reviewed-stale", entry.position,
                            f"Granskningen av [{entry.code}] {where} gäller {_findings(entry.count)}, men nu finns "
                            f"{_findings(covered)}.", f"Skriv count: {covered} på raden i granskade.yaml."))
            continue
        else:
            message = f"Det granskade fyndet [{entry.code}] {where} finns inte längre."
        out.append(hint("reviewed-stale", entry.position, message,
                        "Ta bort raden ur granskade.yaml; gäller granskningen en annan plats, skriv dess id."))
    return out


def _findings(n: int) -> str:
    return "1 fynd" if n == 1 else f"{n} fynd"
