"""Sections: flattened in reading order, matched by id then by likeness, labelled."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from typing import Iterable, Sequence

from ..model import Document, Section
from .fields import data_of, field_changes, markup_only
from .result import (ADDED, CHANGED, FIELDS_CHANGED, MOVED, REMOVED, RENUMBERED, RETITLED, FieldChange, SectionChange,
                     SectionRef, UnitChange)
from .words import Unit, diff_units, keys, reader_text, units_of, whole

# Likeness thresholds (difflib ratios, 0–1) for sections left over after matching by id: text is
# compared by word keys, titles by characters (case and spacing ignored). All chosen by hand, no
# measurement recorded; tests/test_diff.py pairs a section with a new id and one word changed by them.
TEXT_MATCH = 0.6  # sections whose texts are this alike are the same section
TEXT_MATCH_SAME_TITLE = 0.3  # ... or this alike when the titles are alike too
TITLE_MATCH = 0.8  # titles this alike are alike (and sections without text pair on them)
# Beyond this many candidate pairs (left-over old × new sections) texts are not compared (each pair a
# difflib run over both texts): match by equal title and identical text only. Chosen by hand as a
# bound on time; two periods of the real one's 134 sections give at most 17 956 pairs.
MAX_LIKENESS_PAIRS = 200_000


@dataclass
class Node:
    """A section in one side's reading order, with its place (document, parent, position) and cached text."""

    section: Section
    document: Document
    parent: "Node | None"
    position: int  # 0-based among siblings
    order: int  # reading order within its side
    shown: dict[str, str]  # key term wordings of the node's period

    @cached_property
    def reader(self) -> str:
        """The whole text as a reader sees it: equal for two nodes means no text change."""
        return reader_text(self.section.text, self.shown) if self.section.text else ""

    @cached_property
    def units(self) -> tuple[Unit, ...]:
        """The section's own paragraphs and list items (not its children's)."""
        return units_of(self.section.text, self.shown)

    @cached_property
    def words(self) -> list[str]:
        """Keys of the whole text, for likeness."""
        return [k for u in self.units for k in keys(u.tokens)]

    @property
    def id(self) -> str:
        """The section's id."""
        return self.section.id

    @property
    def parent_id(self) -> str | None:
        """The parent section's id; None at a document's top level."""
        return self.parent.id if self.parent else None

    def ref(self) -> SectionRef:
        """Where the section stands, as the result records it (position 1-based)."""
        return SectionRef(self.section.id, self.section.title, self.section.number, self.document.id,
                          self.document.nav_title, self.parent_id,
                          self.parent.section.heading if self.parent else None, self.position + 1)


def flatten(roots: Iterable[tuple[Document, Sequence[Section]]], shown: dict[str, str]) -> list[Node]:
    """Every section under roots, (document, its top sections) in order, as Nodes in reading order (depth
    first); ``order`` is the index in the list. shown: {key term id: wording} of the side's period."""
    nodes: list[Node] = []

    def walk(document: Document, sections: Sequence[Section], parent: Node | None):
        for position, section in enumerate(sections):
            node = Node(section, document, parent, position, len(nodes), shown)
            nodes.append(node)
            walk(document, section.sections, node)

    for document, sections in roots:
        walk(document, sections, None)
    return nodes


def norm_title(title: str) -> str:
    """The title case-folded, runs of whitespace as one space: what title likeness compares."""
    return " ".join(title.casefold().split())


def match_sections(old: list[Node], new: list[Node], forced: dict[str, str]) -> dict[int, tuple[int, str]]:
    """{old order: (new order, how)}: by id, then forced pairs ({old id: new id}), then by likeness.

    how is "id", "rubrik" (alike titles) or "text"; likeness pairs are taken best first (``_likeness``).
    """
    new_by_id = {n.id: n for n in new}
    matches: dict[int, tuple[int, str]] = {}
    used: set[int] = set()
    for o in old:
        n = new_by_id.get(o.id)
        if n is not None:
            matches[o.order] = (n.order, "id")
            used.add(n.order)
    for old_id, new_id in forced.items():
        o = next((x for x in old if x.id == old_id), None)
        n = new_by_id.get(new_id)
        if o is not None and n is not None and o.order not in matches and n.order not in used:
            matches[o.order] = (n.order, "id")
            used.add(n.order)
    rest_old = [o for o in old if o.order not in matches]
    rest_new = [n for n in new if n.order not in used]
    if not rest_old or not rest_new:
        return matches
    candidates = []
    thorough = len(rest_old) * len(rest_new) <= MAX_LIKENESS_PAIRS
    for o in rest_old:
        for n in rest_new:
            score = _likeness(o, n, thorough)
            if score is not None:
                candidates.append((score[0], -o.order, -n.order, o.order, n.order, score[1]))
    for _, _, _, o_order, n_order, how in sorted(candidates, reverse=True):
        if o_order in matches or n_order in used:
            continue
        matches[o_order] = (n_order, how)
        used.add(n_order)
    return matches


def _likeness(o: Node, n: Node, thorough: bool) -> tuple[float, str] | None:
    t_old, t_new = norm_title(o.section.title), norm_title(n.section.title)
    title = 1.0 if t_old == t_new else SequenceMatcher(None, t_old, t_new, autojunk=False).ratio()
    if not o.words and not n.words:
        return (title, "rubrik") if title >= TITLE_MATCH else None
    if not o.words or not n.words:
        return (title, "rubrik") if title == 1.0 else None
    if o.words == n.words:
        return 2.0 + title, "text"
    if not thorough:
        return (1.0 + title, "rubrik") if title == 1.0 else None
    matcher = SequenceMatcher(None, o.words, n.words, autojunk=False)
    floor = TEXT_MATCH_SAME_TITLE if title >= TITLE_MATCH else TEXT_MATCH
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return None
    ratio = matcher.ratio()
    if ratio >= TEXT_MATCH:
        return ratio + title, ("rubrik" if title >= TITLE_MATCH else "text")
    if title >= TITLE_MATCH and ratio >= TEXT_MATCH_SAME_TITLE:
        return ratio + title, "rubrik"
    return None


def _out_of_order(pairs: list[tuple[int, object]]) -> set:
    """Items (given as (old position, item) in new order) not on a longest increasing run of old positions."""
    if len(pairs) < 2:
        return set()
    tails: list[int] = []  # index into pairs of the smallest tail of each run length
    back: list[int | None] = [None] * len(pairs)
    tail_values: list[int] = []
    for k, (pos, _) in enumerate(pairs):
        at = bisect.bisect_left(tail_values, pos)
        back[k] = tails[at - 1] if at else None
        if at == len(tails):
            tails.append(k)
            tail_values.append(pos)
        else:
            tails[at] = k
            tail_values[at] = pos
    keep, k = set(), tails[-1] if tails else None
    while k is not None:
        keep.add(k)
        k = back[k]
    return {item for k, (_, item) in enumerate(pairs) if k not in keep}


_SECTION_SHOWN = frozenset({"id", "title", "number", "text", "sections"})


def section_fields(old: Section, new: Section, text_shown: bool) -> tuple[FieldChange, ...]:
    """A section's fields besides its id, title, number, text and subsections (läs mer, and whatever a schema
    adds: ``fields.field_changes``), and, when the word diff shows nothing (text_shown False), what changed
    in the text's markup (``fields.markup_only``)."""
    out = field_changes("document", data_of(old), data_of(new), _SECTION_SHOWN, ("$defs", "section"))
    if not text_shown:
        out += markup_only("Text", old.text, new.text)
    return tuple(out)


def section_changes(old_nodes: list[Node], new_nodes: list[Node], matches: dict[int, tuple[int, str]],
                     doc_map: dict[str, str], skip_old_docs: set[str], skip_new_docs: set[str]) -> list[SectionChange]:
    """The changes in new reading order; a removed section after the new place of the last section
    before it (in old order) that was matched.

    matches: from ``match_sections``; doc_map: {old document id: new id}; sections of skipped documents
    (added or removed whole) are not listed one by one.
    """
    new_of_old = {o: n for o, (n, _) in matches.items()}
    old_of_new = {n: o for o, n in new_of_old.items()}

    def same_place(o: Node, n: Node) -> bool:
        if o.parent is None or n.parent is None:
            return o.parent is None and n.parent is None and doc_map.get(o.document.id) == n.document.id
        return new_of_old.get(o.parent.order) == n.parent.order

    # Moved within the same parent: the siblings that broke the old order.
    moved_in_place: set[int] = set()
    by_parent: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for n in new_nodes:
        o_order = old_of_new.get(n.order)
        if o_order is None:
            continue
        o = old_nodes[o_order]
        if same_place(o, n):
            by_parent[(n.document.id, n.parent_id)].append((o.position, n.order))
    for siblings in by_parent.values():
        moved_in_place |= _out_of_order(siblings)

    entries: list[tuple[float, int, SectionChange]] = []
    for n in new_nodes:
        o_order = old_of_new.get(n.order)
        if o_order is None:
            if n.document.id in skip_new_docs:
                continue
            units = tuple(UnitChange(ADDED, u.kind, None, u.number, whole("+", u)) for u in n.units)
            entries.append((n.order, 0, SectionChange((ADDED,), None, n.ref(), units)))
            continue
        o = old_nodes[o_order]
        labels = []
        if not same_place(o, n) or n.order in moved_in_place:
            labels.append(MOVED)
        if (o.section.number or "") != (n.section.number or ""):
            labels.append(RENUMBERED)
        if " ".join(o.section.title.split()) != " ".join(n.section.title.split()):
            labels.append(RETITLED)
        units = diff_units(o.units, n.units) if o.reader != n.reader else ()
        if units:
            labels.append(CHANGED)
        fields = section_fields(o.section, n.section, bool(units))
        if fields:
            labels.append(FIELDS_CHANGED)
        if labels:
            entries.append((n.order, 0, SectionChange(tuple(labels), o.ref(), n.ref(), units, matches[o_order][1],
                                                      fields)))
    for o in old_nodes:
        if o.order in new_of_old or o.document.id in skip_old_docs:
            continue
        anchor = max((new_of_old[k] for k in range(o.order) if k in new_of_old), default=-1)
        units = tuple(UnitChange(REMOVED, u.kind, u.number, None, whole("-", u)) for u in o.units)
        entries.append((anchor + 0.5, o.order, SectionChange((REMOVED,), o.ref(), None, units)))
    return [change for _, _, change in sorted(entries, key=lambda e: (e[0], e[1]))]
