"""A text on both sides, whole: every paragraph and list item, the changed words marked.

The other formats show only what changed; the change report (``diff.report``) shows a section's whole
wording on each side, "Nuvarande lydelse" beside "Föreslagen lydelse", as a Swedish
författningsförslag does, or the whole text once with the changes inline (the redline layout).
The units are paired exactly as the comparison pairs them (``words.pair_units``), so the words marked
here are the words every other format reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .. import text as textmod
from .result import ADDED, MOVED, REMOVED, Segment
from .words import Unit, join, pair_units, units_of, word_diff


@dataclass(frozen=True)
class Line:
    """One paragraph or list item as one side shows it (or both, in the redline layout).

    ``runs``: "=" unchanged words; "-" deleted ones (old side, redline); "+" inserted ones (new side,
    redline). ``status``: None for a unit as it was, "ändrad" (edited in place), MOVED, ADDED or REMOVED. ``marker`` is
    "" for a paragraph, "–", "3." or "b." for a list item; ``depth`` 0 for a paragraph or a top-level item.
    ``moved`` names the other side's place of a moved unit ("stycke 1").
    """

    kind: str
    marker: str
    depth: int
    runs: tuple[Segment, ...]
    status: str | None = None
    moved: str | None = None


def markers(raw: str) -> list[tuple[str, int]]:
    """(marker, depth) of every unit of a text, in ``text.units`` order: "" and 0 for a paragraph; for a
    list item "–" (bullets), its number or its letter as the list counts from its first item."""
    out: list[tuple[str, int]] = []

    def walk(block: textmod.ListBlock, depth: int) -> None:
        for k, item in enumerate(block.items):
            if block.style == "bullet":
                out.append(("–", depth))
            elif block.style == "number":
                start = int(block.start) if block.start.isdigit() else 1
                out.append((f"{start + k}.", depth))
            else:
                out.append((f"{chr(ord(block.start[:1] or 'a') + k)}.", depth))
            for child in item.children:
                walk(child, depth + 1)

    for block in textmod.parse(raw or ""):
        if isinstance(block, textmod.Paragraph):
            out.append(("", 0))
        else:
            walk(block, 0)
    return out


def _name(unit: Unit) -> str:
    return f"{'stycke' if unit.kind == 'stycke' else 'punkt'} {unit.number}"


def _side(runs: tuple[Segment, ...], keep: str) -> tuple[Segment, ...]:
    """The runs one side shows: "=" and ``keep`` ("-" old, "+" new); the first run never has a space before."""
    kept = [run for run in runs if run.op in ("=", keep)]
    return tuple(Segment(run.op, run.text, i > 0 and run.space_before) for i, run in enumerate(kept))


def _whole(op: str, unit: Unit) -> tuple[Segment, ...]:
    return (Segment(op, join(unit.tokens), False),) if unit.tokens else ()


def both_sides(old_raw: str, new_raw: str, old_shown: dict[str, str] | None = None,
               new_shown: dict[str, str] | None = None) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """The old text's lines and the new text's lines, each whole and in its own order: on the old side
    the deleted words marked "-", on the new side the inserted ones "+"; a unit only on one side is
    marked whole. Texts are as a reader sees them (key terms in words, links as their labels)."""
    old_units, new_units = units_of(old_raw or "", old_shown or {}), units_of(new_raw or "", new_shown or {})
    old_marks, new_marks = markers(old_raw), markers(new_raw)
    pairing = pair_units(old_units, new_units)
    new_of_old = {i: j for i, (j, _) in pairing.pairs.items()}
    old_of_new = {j: i for i, j in new_of_old.items()}
    removed, added = set(pairing.removed), set(pairing.added)
    old_lines, new_lines = [], []
    for i, unit in enumerate(old_units):
        marker, depth = old_marks[i]
        if i in pairing.pairs:
            j, status = pairing.pairs[i]
            runs = _side(word_diff(unit.tokens, new_units[j].tokens), "-")
            moved = _name(new_units[j]) if status == MOVED else None
            old_lines.append(Line(unit.kind, marker, depth, runs, status, moved))
        elif i in removed:
            old_lines.append(Line(unit.kind, marker, depth, _whole("-", unit), REMOVED))
        else:
            old_lines.append(Line(unit.kind, marker, depth, _whole("=", unit)))
    for j, unit in enumerate(new_units):
        marker, depth = new_marks[j]
        if j in old_of_new:
            i = old_of_new[j]
            status = pairing.pairs[i][1]
            runs = _side(word_diff(old_units[i].tokens, unit.tokens), "+")
            new_lines.append(Line(unit.kind, marker, depth, runs, status,
                                  _name(old_units[i]) if status == MOVED else None))
        elif j in added:
            new_lines.append(Line(unit.kind, marker, depth, _whole("+", unit), ADDED))
        else:
            new_lines.append(Line(unit.kind, marker, depth, _whole("=", unit)))
    return tuple(old_lines), tuple(new_lines)


def inline(old_raw: str, new_raw: str, old_shown: dict[str, str] | None = None,
           new_shown: dict[str, str] | None = None) -> tuple[Line, ...]:
    """The text once, in the new order, every change inline: deleted words "-" beside inserted ones "+",
    a removed unit after the unit it followed; a moved unit at its new place (``moved`` says from where)."""
    old_units, new_units = units_of(old_raw or "", old_shown or {}), units_of(new_raw or "", new_shown or {})
    old_marks, new_marks = markers(old_raw), markers(new_raw)
    pairing = pair_units(old_units, new_units)
    old_to_new = dict(pairing.equal)
    entries: list[tuple[float, int, Line]] = []
    for i, j in pairing.equal.items():
        marker, depth = new_marks[j]
        entries.append((j, 0, Line(new_units[j].kind, marker, depth, _whole("=", new_units[j]))))
    for i, (j, status) in pairing.pairs.items():
        marker, depth = new_marks[j]
        runs = tuple(Segment(r.op, r.text, k > 0 and r.space_before)
                     for k, r in enumerate(word_diff(old_units[i].tokens, new_units[j].tokens)))
        entries.append((j, 0, Line(new_units[j].kind, marker, depth, runs, status,
                                   _name(old_units[i]) if status == MOVED else None)))
        old_to_new.setdefault(i, j)
    for j in pairing.added:
        marker, depth = new_marks[j]
        entries.append((j, 0, Line(new_units[j].kind, marker, depth, _whole("+", new_units[j]), ADDED)))
    for i in pairing.removed:
        marker, depth = old_marks[i]
        anchor = max((old_to_new[k] for k in range(i) if k in old_to_new), default=-1)
        entries.append((anchor + 0.5, i, Line(old_units[i].kind, marker, depth, _whole("-", old_units[i]),
                                              REMOVED)))
    return tuple(line for _, _, line in sorted(entries, key=lambda e: (e[0], e[1])))


def words_both_sides(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """A short text (a heading, a value) on both sides, the changed words marked on each."""
    runs = word_diff(old, new) if old and new else ()
    if not old or not new:
        return ((Segment("-", old, False),) if old else ()), ((Segment("+", new, False),) if new else ())
    return _side(runs, "-"), _side(runs, "+")


def words_inline(old: str, new: str) -> tuple[Segment, ...]:
    """A short text (a heading) once, deleted words beside inserted ones."""
    if not old or not new:
        return ((Segment("-", old, False),) if old else ()) + ((Segment("+", new, bool(old)),) if new else ())
    return tuple(Segment(r.op, r.text, k > 0 and r.space_before) for k, r in enumerate(word_diff(old, new)))


def plain_lines(raw: str, shown: dict[str, str] | None = None) -> Iterator[Line]:
    """A text's lines unmarked (a section neither side changed, in the redline layout)."""
    for unit, (marker, depth) in zip(units_of(raw or "", shown or {}), markers(raw)):
        yield Line(unit.kind, marker, depth, _whole("=", unit))
