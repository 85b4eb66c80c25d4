"""Change files: one change-log entry per file under ``<period>/andringar/``, versions that follow from them.

Two pull requests that change the same document would otherwise both edit its ``version:`` line and
append to the end of its ``changelog``, and git cannot merge them (towncrier, changesets and reno keep
one file per change for the same reason). So a change is written as a file of its own, naming what it
changes (``document``: a document's, a guideline's or the period's id), and its version is not written
but derived: the changes of one document, guideline or period, ordered by date (the first day it can be,
then the last) and then by file name, each raise the last number of the version before it
(``next_version``), starting from the version in the item's own file (a period, which has no version of
its own, from the highest version in its change log). The item's ``version`` is then the last of
them and its ``changelog`` ends with them, so everything that reads a document's version and change log
(the checker, the site, the diff, the open data) sees one history whatever way it was written.

A change file naming an id that is none of these is left in ``Period.changes`` only; ``check.references``
reports it.
"""

from __future__ import annotations

from dataclasses import replace

from ..dates import date_span
from ..model import Change, Period


def version_tuple(version: str) -> tuple[int, ...]:
    """"1.2.0" → (1, 2): numbers compared as numbers, trailing zeros dropped; ValueError for a non-number part."""
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def next_version(version: str) -> str:
    """The version after version: its last number raised by one ("1.0" → "1.1", "2" → "2.1", "1.9" → "1.10")."""
    parts = version.split(".")
    if len(parts) == 1:
        parts.append("0")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


def order(change: Change) -> tuple:
    """The order of a document's change files: the first day of the date, the last, then the file name."""
    when = date_span(change.date)
    return (when.first, when.last) if when else (), change.source or ""


def apply(period: Period) -> None:
    """Give each change file of the period (``Period.changes``, as loaded) its version, in place: each
    document's, guideline's and the period's own changes appended to its change log and its version set
    to the last; ``Period.changes`` sorted by target and order, with their versions."""
    items = {**period.guidelines, **period.documents, period.id: period}
    done: list[Change] = []
    for target in sorted({c.target for c in period.changes}):
        mine = sorted((c for c in period.changes if c.target == target), key=order)
        item = items.get(target)
        if item is None:
            done += mine
            continue
        version = getattr(item, "version", None) or _highest(item.changelog)
        numbered = []
        for change in mine:
            version = next_version(version)
            numbered.append(replace(change, version=version))
        item.changelog = [*item.changelog, *numbered]
        if item is not period:
            item.version = version
        done += numbered
    period.changes = done


def _highest(changelog: list[Change]) -> str:
    """The highest version in a change log ("0" when none can be read)."""
    versions = []
    for change in changelog:
        try:
            versions.append((version_tuple(change.version), change.version))
        except ValueError:
            continue
    return max(versions)[1] if versions else "0"
