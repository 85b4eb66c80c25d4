"""Compare two contract periods, documents or sections: what changed, in order of weight.

Pure functions from the model to a ``PeriodDiff`` value; the reporters in
``avtal.diff_format`` print it (terminal, Markdown, HTML, JSON).

Sections are matched by id first; sections left over on both sides are then
paired by likeness of title and text (difflib), so a section that got a new id,
number, title or place is reported as such and not as removed plus added.
Inside a changed section the text is compared unit by unit (paragraphs and list
items, ``text.units``) and each changed unit word by word. Whitespace and
hyphenation ("hälso- och" / "hälso-och", soft hyphens) are not changes. What is
compared is the text a reader sees: key terms shown with their wording, link
markup reduced to its label.

The report lists, in this order: changed key terms, documents added or removed
(agreement parts, arrangements, guidelines), changed statute references, then
the sections.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from difflib import SequenceMatcher
from typing import Iterable, NamedTuple, Sequence

from . import text as textmod
from .model import (GUIDELINE_STATUS_LABELS, KIND_LABELS, LEVEL_LABELS, STATUS_LABELS, Document, Guideline,
                    KeyTerm, Period, Section, Statute)

# Labels as the reader sees them.
ADDED = "tillagd"
REMOVED = "borttagen"
MOVED = "flyttad"
RENUMBERED = "omnumrerad"
RETITLED = "ny rubrik"
CHANGED = "ändrad text"
FIELDS_CHANGED = "ändrade uppgifter"
SECTION_LABELS = (ADDED, REMOVED, MOVED, RENUMBERED, RETITLED, CHANGED)

# Statute reference changes.
REPLACED = "ersatt"  # a repealed act replaced by its successor (per the register)
OTHER_PLACE = "ändrat lagrum"  # same act, other chapter/section

# Likeness thresholds (difflib ratios, 0–1).
TEXT_MATCH = 0.6  # sections whose texts are this alike are the same section
TEXT_MATCH_SAME_TITLE = 0.3  # ... or this alike when the titles are alike too
TITLE_MATCH = 0.8
UNIT_CHANGED = 0.5  # a unit this alike to one in the same place was edited, not replaced
UNIT_MOVED = 0.75  # a unit this alike to one elsewhere in the section was moved (and edited)
MAX_LIKENESS_PAIRS = 200_000  # beyond this many candidate pairs, match by title and exact text only


# --- the result --------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    """A run of words: "=" unchanged, "-" deleted, "+" inserted.

    ``space_before`` is False when the run continues the previous one without a space
    (a full stop or a closing parenthesis after a changed word).
    """

    op: str
    text: str
    space_before: bool = True


@dataclass(frozen=True)
class UnitChange:
    """One paragraph or list item that changed inside a section."""

    status: str  # ändrad, tillagd, borttagen, flyttad
    kind: str  # stycke, punkt (punkt2, punkt3 for nested items)
    old_number: int | None  # 1-based among the paragraphs, or among the list items, of the old text
    new_number: int | None
    segments: tuple[Segment, ...]

    @property
    def changed_words(self) -> bool:
        return any(s.op != "=" for s in self.segments)


@dataclass(frozen=True)
class SectionRef:
    """Where a section stands on one side."""

    id: str
    title: str
    number: str | None
    document_id: str
    document_title: str
    parent_id: str | None
    parent_heading: str | None
    position: int  # 1-based among its siblings

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class SectionChange:
    labels: tuple[str, ...]
    old: SectionRef | None
    new: SectionRef | None
    units: tuple[UnitChange, ...] = ()
    matched_by: str | None = None  # id, rubrik, text (how old and new were paired)

    @property
    def ref(self) -> SectionRef:
        return self.new or self.old

    @property
    def only_renumbered(self) -> bool:
        return self.labels == (RENUMBERED,)


@dataclass(frozen=True)
class FieldChange:
    label: str  # Swedish field name
    old: str | None
    new: str | None


@dataclass(frozen=True)
class TextPart:
    """A document's own text outside its sections (cover text, introduction)."""

    name: str  # försättsblad, inledning
    units: tuple[UnitChange, ...]


@dataclass(frozen=True)
class DocumentChange:
    kind: str  # dokument, riktlinje
    labels: tuple[str, ...]
    old_id: str | None
    new_id: str | None
    type_label: str  # Avtalsdel, Överenskommelse, Riktlinje …
    old_title: str | None
    new_title: str | None
    fields: tuple[FieldChange, ...] = ()
    parts: tuple[TextPart, ...] = ()
    sections: int = 0  # number of sections of an added or removed document

    @property
    def id(self) -> str:
        return self.new_id or self.old_id

    @property
    def title(self) -> str:
        return self.new_title or self.old_title


@dataclass(frozen=True)
class KeyTermChange:
    id: str
    label: str
    status: str  # ändrad, tillagd, borttagen
    old_text: str | None
    new_text: str | None
    old_value: object = None
    new_value: object = None
    clause: str | None = None  # heading of the section that states the value


@dataclass(frozen=True)
class ActLabel:
    sfs: str | None
    label: str  # "socialtjänstlag (2025:400)", "HSL (2017:30)"


@dataclass(frozen=True)
class CitationPlace:
    """The references to one act that changed in one section."""

    section_id: str
    heading: str
    document_title: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class StatuteChange:
    kind: str  # ersatt, ändrat lagrum, tillagd, borttagen
    old_act: ActLabel | None
    new_act: ActLabel | None
    places: tuple[CitationPlace, ...]

    @property
    def count(self) -> int:
        return sum(max(len(p.old), len(p.new)) for p in self.places)


@dataclass(frozen=True)
class Side:
    label: str  # as given: 2023-2026, HEAD~1:2023-2026:del-b
    period_id: str
    title: str
    status: str
    valid_from: str
    valid_to: str
    scope: str = "period"  # period, document, section
    target_id: str | None = None
    target_title: str | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class PeriodDiff:
    old: Side
    new: Side
    key_terms: tuple[KeyTermChange, ...] = ()
    documents: tuple[DocumentChange, ...] = ()
    statutes: tuple[StatuteChange, ...] = ()
    sections: tuple[SectionChange, ...] = ()
    citations_checked: bool = True  # False when no statute register was given

    @property
    def empty(self) -> bool:
        return not (self.key_terms or self.documents or self.statutes or self.sections)

    def counts(self) -> dict:
        labels = {label: sum(1 for c in self.sections if label in c.labels) for label in SECTION_LABELS}
        return {"key_terms": len(self.key_terms), "documents": len(self.documents),
                "statutes": sum(c.count for c in self.statutes), "sections": len(self.sections),
                "labels": {k: v for k, v in labels.items() if v}}


# --- words -------------------------------------------------------------------

# One word with the punctuation before and after it; a suspended compound is one word
# ("hälso- och", "in- och"). Everything in one pass of one regex: this is the diff's inner loop.
_TOKEN = re.compile(r"""
    (?P<lead>[(\[”"']*)
    (?P<core>(?:\S*?[^\W\d_]-\s+(?=\w))*\S+?)
    (?P<trail>[.,;:!?)\]”"']*)
    (?=\s|$)""", re.VERBOSE)
_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])-\s*(?=[^\W\d_])")


class Token(NamedTuple):
    text: str  # as written
    key: str  # what is compared: no soft hyphens, no hyphen between letters
    glue: bool = False  # written without a space before it


def tokens(text: str) -> tuple[Token, ...]:
    """Words and the punctuation around them (each its own token, glued to its word)."""
    out: list[Token] = []
    append = out.append
    for lead, core, trail in _TOKEN.findall(text.replace("\u00ad", "")):
        glue = False
        for ch in lead:
            append(Token(ch, ch, glue))
            glue = True
        if "-" in core:
            append(Token(" ".join(core.split()), _HYPHEN_IN_WORD.sub("", core), glue))
        else:
            append(Token(core, core, glue))
        for ch in trail:
            append(Token(ch, ch, True))
    return tuple(out)


def join(toks: Sequence[Token]) -> str:
    """Tokens as written: a space before each, except where it was glued to the one before."""
    return "".join(("" if i == 0 or t.glue else " ") + t.text for i, t in enumerate(toks))


def _keys(toks: Sequence[Token]) -> list[str]:
    return [t.key for t in toks]


def word_diff(old: str | Sequence[Token], new: str | Sequence[Token]) -> tuple[Segment, ...]:
    """A word-level redline of two texts; whitespace and hyphenation are not changes."""
    a = tokens(old) if isinstance(old, str) else tuple(old)
    b = tokens(new) if isinstance(new, str) else tuple(new)
    runs: list[tuple[str, list[Token]]] = []
    matcher = SequenceMatcher(None, _keys(a), _keys(b), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("=", list(b[j1:j2])))
            continue
        if i1 < i2:
            runs.append(("-", list(a[i1:i2])))
        if j1 < j2:
            runs.append(("+", list(b[j1:j2])))
    return tuple(Segment(op, join(toks), not toks[0].glue) for op, toks in _cleanup(runs) if toks)


def _words(toks: Sequence[Token]) -> int:
    """How many words: punctuation glued to a word does not count."""
    return sum(1 for t in toks if not t.glue)


def _cleanup(runs: list[tuple[str, list[Token]]]) -> list[tuple[str, list[Token]]]:
    """Fold short unchanged runs between two changes into the changes (as diff-match-patch does).

    "[-a b-] och {+c d+}" reads worse than "[-a b och-] {+c d och+}" when a
    sentence is rewritten; an unchanged word or two survives only when it is
    longer than the changes around it.
    """
    def groups(items):  # [(kind, deleted, inserted)] with kind "=" or "~"
        out = []
        for op, toks in items:
            if op == "=":
                out.append(["=", toks, toks])
            elif out and out[-1][0] == "~":
                out[-1][1 if op == "-" else 2] = out[-1][1 if op == "-" else 2] + toks
            else:
                out.append(["~", toks if op == "-" else [], toks if op == "+" else []])
        return out

    seq = groups(runs)
    changed = True
    while changed:
        changed = False
        for i in range(1, len(seq) - 1):
            before, equal, after = seq[i - 1], seq[i], seq[i + 1]
            if equal[0] != "=" or before[0] != "~" or after[0] != "~":
                continue
            size = _words(equal[1])
            if size <= 2 and size <= max(_words(before[1]), _words(before[2])) \
                    and size <= max(_words(after[1]), _words(after[2])):
                merged = ["~", before[1] + equal[1] + after[1], before[2] + equal[2] + after[2]]
                seq[i - 1:i + 2] = [merged]
                changed = True
                break
    out: list[tuple[str, list[Token]]] = []
    for kind, deleted, inserted in seq:
        if kind == "=":
            out.append(("=", inserted))
        else:
            out += [("-", deleted), ("+", inserted)]
    return out


# --- units (paragraphs and list items) -----------------------------------------

@dataclass(frozen=True)
class _Unit:
    kind: str
    number: int
    tokens: tuple[Token, ...]
    key: str


def reader_text(raw: str, shown: dict[str, str]) -> str:
    """What a reader sees of a text unit: key terms in words, links as their labels."""
    return textmod.plain(textmod.expand_key_terms(raw, shown))


def _units(raw: str, shown: dict[str, str]) -> tuple[_Unit, ...]:
    out, counters = [], defaultdict(int)
    for kind, unit_text in textmod.units(raw or ""):
        family = "stycke" if kind == "stycke" else "punkt"
        counters[family] += 1
        toks = tokens(reader_text(unit_text, shown))
        out.append(_Unit(kind, counters[family], toks, " ".join(_keys(toks))))
    return tuple(out)


SHORT_UNIT = 5  # units of at most this many words are also compared letter by letter


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
    """Likeness of two units by words; short ones (list items) also by letters."""
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < UNIT_CHANGED or matcher.quick_ratio() < UNIT_CHANGED:
        ratio = matcher.quick_ratio() * 0.99
    else:
        ratio = matcher.ratio()
    if min(len(a), len(b)) <= SHORT_UNIT:
        ratio = max(ratio, SequenceMatcher(None, " ".join(a), " ".join(b), autojunk=False).ratio())
    return ratio


def diff_units(old: Sequence[_Unit], new: Sequence[_Unit]) -> tuple[UnitChange, ...]:
    """Changed, added, removed and moved paragraphs and list items, in reading order."""
    a, b = [u.key for u in old], [u.key for u in new]
    if a == b:
        return ()
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    old_to_new: dict[int, int] = {}
    regions = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            old_to_new.update({i1 + k: j1 + k for k in range(i2 - i1)})
        else:
            regions.append((range(i1, i2), range(j1, j2)))
    removed = [i for r, _ in regions for i in r]
    added = [j for _, r in regions for j in r]
    pairs: dict[int, tuple[int, str]] = {}  # old index -> (new index, status)
    taken: set[int] = set()

    # 1. the same text elsewhere: moved
    waiting = defaultdict(list)
    for j in added:
        waiting[b[j]].append(j)
    for i in removed:
        if waiting[a[i]]:
            j = waiting[a[i]].pop(0)
            pairs[i] = (j, MOVED)
            taken.add(j)
    # 2. edited in place: pair in order within each changed region
    for olds, news in regions:
        last = -1
        for i in olds:
            if i in pairs:
                continue
            best, best_ratio = None, UNIT_CHANGED
            for j in news:
                if j <= last or j in taken:
                    continue
                ratio = _ratio(_keys(old[i].tokens), _keys(new[j].tokens))
                if ratio >= best_ratio:
                    best, best_ratio = j, ratio
            if best is not None:
                pairs[i] = (best, "ändrad")
                taken.add(best)
                last = best
    # 3. edited and moved elsewhere in the section
    for i in removed:
        if i in pairs:
            continue
        best, best_ratio = None, UNIT_MOVED
        for j in added:
            if j in taken:
                continue
            ratio = _ratio(_keys(old[i].tokens), _keys(new[j].tokens))
            if ratio >= best_ratio:
                best, best_ratio = j, ratio
        if best is not None:
            pairs[i] = (best, MOVED)
            taken.add(best)

    entries: list[tuple[float, int, UnitChange]] = []
    for i, (j, status) in pairs.items():
        segments = word_diff(old[i].tokens, new[j].tokens)
        entries.append((j, 0, UnitChange(status, new[j].kind, old[i].number, new[j].number, segments)))
        old_to_new.setdefault(i, j)
    for j in added:
        if j not in taken:
            entries.append((j, 0, UnitChange(ADDED, new[j].kind, None, new[j].number, _whole("+", new[j]))))
    for i in removed:
        if i in pairs:
            continue
        anchor = max((old_to_new[k] for k in range(i) if k in old_to_new), default=-1)
        entries.append((anchor + 0.5, i, UnitChange(REMOVED, old[i].kind, old[i].number, None, _whole("-", old[i]))))
    return tuple(change for _, _, change in sorted(entries, key=lambda e: (e[0], e[1])))


def _whole(op: str, unit: _Unit) -> tuple[Segment, ...]:
    return (Segment(op, join(unit.tokens)),) if unit.tokens else ()


def diff_text(old_raw: str, new_raw: str, old_shown: dict[str, str] | None = None,
              new_shown: dict[str, str] | None = None) -> tuple[UnitChange, ...]:
    """Unit-by-unit redline of two texts in the agreement's Markdown subset."""
    return diff_units(_units(old_raw, old_shown or {}), _units(new_raw, new_shown or {}))


# --- sections: flatten, match, label --------------------------------------------

@dataclass
class _Node:
    section: Section
    document: Document
    parent: "_Node | None"
    position: int  # 0-based among siblings
    order: int  # reading order within its side
    shown: dict[str, str]  # key term wordings of the node's period

    @cached_property
    def reader(self) -> str:
        """The whole text as a reader sees it: equal for two nodes means no text change."""
        return reader_text(self.section.text, self.shown) if self.section.text else ""

    @cached_property
    def units(self) -> tuple[_Unit, ...]:
        return _units(self.section.text, self.shown)

    @cached_property
    def words(self) -> list[str]:
        """Keys of the whole text, for likeness."""
        return [k for u in self.units for k in _keys(u.tokens)]

    @property
    def id(self) -> str:
        return self.section.id

    @property
    def parent_id(self) -> str | None:
        return self.parent.id if self.parent else None

    def ref(self) -> SectionRef:
        return SectionRef(self.section.id, self.section.title, self.section.number, self.document.id,
                          self.document.nav_title, self.parent_id,
                          self.parent.section.heading if self.parent else None, self.position + 1)


def _flatten(roots: Iterable[tuple[Document, Sequence[Section]]], shown: dict[str, str]) -> list[_Node]:
    nodes: list[_Node] = []

    def walk(document: Document, sections: Sequence[Section], parent: _Node | None):
        for position, section in enumerate(sections):
            node = _Node(section, document, parent, position, len(nodes), shown)
            nodes.append(node)
            walk(document, section.sections, node)

    for document, sections in roots:
        walk(document, sections, None)
    return nodes


def _norm_title(title: str) -> str:
    return " ".join(title.casefold().split())


def _match_sections(old: list[_Node], new: list[_Node], forced: dict[str, str]) -> dict[int, tuple[int, str]]:
    """old order -> (new order, how): by id, then forced pairs, then by likeness."""
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


def _likeness(o: _Node, n: _Node, thorough: bool) -> tuple[float, str] | None:
    t_old, t_new = _norm_title(o.section.title), _norm_title(n.section.title)
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


def _section_changes(old_nodes: list[_Node], new_nodes: list[_Node], matches: dict[int, tuple[int, str]],
                     doc_map: dict[str, str], skip_old_docs: set[str], skip_new_docs: set[str]) -> list[SectionChange]:
    new_of_old = {o: n for o, (n, _) in matches.items()}
    old_of_new = {n: o for o, n in new_of_old.items()}

    def same_place(o: _Node, n: _Node) -> bool:
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
            units = tuple(UnitChange(ADDED, u.kind, None, u.number, _whole("+", u)) for u in n.units)
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
        if labels:
            entries.append((n.order, 0, SectionChange(tuple(labels), o.ref(), n.ref(), units, matches[o_order][1])))
    for o in old_nodes:
        if o.order in new_of_old or o.document.id in skip_old_docs:
            continue
        anchor = max((new_of_old[k] for k in range(o.order) if k in new_of_old), default=-1)
        units = tuple(UnitChange(REMOVED, u.kind, u.number, None, _whole("-", u)) for u in o.units)
        entries.append((anchor + 0.5, o.order, SectionChange((REMOVED,), o.ref(), None, units)))
    return [change for _, _, change in sorted(entries, key=lambda e: (e[0], e[1]))]


# --- key terms, documents, guidelines --------------------------------------------

def _shown(period: Period) -> dict[str, str]:
    return {t.id: t.text for t in period.key_terms}


def _key_term_changes(old: Sequence[KeyTerm], new: Sequence[KeyTerm], old_period: Period,
                      new_period: Period) -> list[KeyTermChange]:
    old_by_id = {t.id: t for t in old}
    new_by_id = {t.id: t for t in new}
    old_sections, new_sections = old_period.section_index(), new_period.section_index()

    def clause(term: KeyTerm, sections) -> str | None:
        section = sections.get(term.clause)
        return section.heading if section else None

    out = []
    for term in new:
        before = old_by_id.get(term.id)
        if before is None:
            out.append(KeyTermChange(term.id, term.label, ADDED, None, term.text, None, term.value,
                                     clause(term, new_sections)))
        elif before.value != term.value or before.text != term.text or before.unit != term.unit:
            out.append(KeyTermChange(term.id, term.label, "ändrad", before.text, term.text, before.value, term.value,
                                     clause(term, new_sections)))
    for term in old:
        if term.id not in new_by_id:
            out.append(KeyTermChange(term.id, term.label, REMOVED, term.text, None, term.value, None,
                                     clause(term, old_sections)))
    return out


def _match_by_id_then_title(old: dict, new: dict, same_kind=lambda a, b: True) -> dict[str, str]:
    pairs = {i: i for i in old if i in new}
    rest_new = [n for n in new if n not in pairs.values()]
    for i in old:
        if i in pairs:
            continue
        best, best_ratio = None, 0.85
        for j in rest_new:
            if not same_kind(old[i], new[j]):
                continue
            ratio = SequenceMatcher(None, _norm_title(old[i].title), _norm_title(new[j].title)).ratio()
            if ratio >= best_ratio:
                best, best_ratio = j, ratio
        if best is not None:
            pairs[i] = best
            rest_new.remove(best)
    return pairs


def _document_parts(old: Document | None, new: Document | None, old_shown, new_shown) -> tuple[TextPart, ...]:
    parts = []
    for name, get in (("försättsblad", lambda d: d.cover.get("text", "")), ("inledning", lambda d: d.intro)):
        units = diff_text(get(old) if old else "", get(new) if new else "", old_shown, new_shown)
        if units:
            parts.append(TextPart(name, units))
    return tuple(parts)


def _title_of(period: Period, ident: str | None) -> str | None:
    """The title a reader knows a parent by: parents are documents or guidelines (the id when unknown)."""
    if not ident:
        return None
    target = period.documents.get(ident) or period.guidelines.get(ident)
    return target.title if target is not None else ident


def _document_change(old: Document | None, new: Document | None, old_period: Period, new_period: Period,
                     with_text: bool = True) -> DocumentChange | None:
    doc = new or old
    type_label = KIND_LABELS.get(doc.kind, doc.kind)
    if old is None or new is None:
        return DocumentChange("dokument", (ADDED if old is None else REMOVED,), old and old.id, new and new.id,
                              type_label, old and old.title, new and new.title,
                              sections=sum(1 for _ in doc.walk()))
    labels, fields = [], []
    if " ".join(old.title.split()) != " ".join(new.title.split()):
        labels.append(RETITLED)
    for label, get in (("Nummer", lambda d, p: d.number), ("Typ", lambda d, p: KIND_LABELS.get(d.kind, d.kind)),
                       ("Hör under", lambda d, p: _title_of(p, d.parent))):
        before, after = get(old, old_period), get(new, new_period)
        if before != after:
            fields.append(FieldChange(label, before, after))
    if fields:
        labels.append(FIELDS_CHANGED)
    parts = _document_parts(old, new, _shown(old_period), _shown(new_period)) if with_text else ()
    if parts:
        labels.append(CHANGED)
    if not labels:
        return None
    return DocumentChange("dokument", tuple(labels), old.id, new.id, type_label, old.title, new.title,
                          tuple(fields), parts)


def _guideline_changes(old_period: Period, new_period: Period) -> list[DocumentChange]:
    old, new = old_period.guidelines, new_period.guidelines
    pairs = _match_by_id_then_title(old, new, lambda a, b: a.kind == b.kind)
    out = []
    for j, guideline in new.items():
        if j not in pairs.values():
            out.append(DocumentChange("riktlinje", (ADDED,), None, j, KIND_LABELS.get(guideline.kind, guideline.kind),
                                      None, guideline.title))
    for i, guideline in old.items():
        if i not in pairs:
            out.append(DocumentChange("riktlinje", (REMOVED,), i, None, KIND_LABELS.get(guideline.kind, guideline.kind),
                                      guideline.title, None))
            continue
        after = new[pairs[i]]
        fields = []
        for label, get in (("Typ", lambda g, p: KIND_LABELS.get(g.kind, g.kind)),
                           ("Nivå", lambda g, p: LEVEL_LABELS.get(g.level, g.level)),
                           ("Status", lambda g, p: GUIDELINE_STATUS_LABELS.get(g.status, g.status)),
                           ("Hör under", lambda g, p: _title_of(p, g.parent)),
                           ("Webbadress", lambda g, p: g.url), ("Ägare", lambda g, p: g.owner)):
            before, now = get(guideline, old_period), get(after, new_period)
            if before != now:
                fields.append(FieldChange(label, before, now))
        labels = []
        if " ".join(guideline.title.split()) != " ".join(after.title.split()):
            labels.append(RETITLED)
        if fields:
            labels.append(FIELDS_CHANGED)
        if labels:
            out.append(DocumentChange("riktlinje", tuple(labels), i, after.id,
                                      KIND_LABELS.get(after.kind, after.kind), guideline.title, after.title,
                                      tuple(fields)))
    return out


# --- statute references ---------------------------------------------------------

def statute_index(statutes: Sequence[Statute]):
    """The citation parser's index of a register, or None when the parser is not available.

    Built once per register content (building compiles one large regex).
    """
    if not statutes:
        return None
    try:
        from . import citations
    except ImportError:
        return None
    acts = tuple(citations.Act(
        id=s.id, sfs=s.sfs, title=s.title, short_name=s.short_name, abbreviation=s.abbreviation,
        aliases=tuple(s.aliases), chapters=tuple(s.chapters)) for s in statutes)
    return _index_of(acts)


@lru_cache(maxsize=8)
def _index_of(acts: tuple):
    from . import citations
    return citations.build_index(acts)


@dataclass
class _Register:
    statutes: Sequence[Statute]
    index: object
    by_sfs: dict[str, Statute] = field(default_factory=dict)

    @classmethod
    def of(cls, statutes: Sequence[Statute] | None) -> "_Register | None":
        index = statute_index(statutes or ())
        if index is None:
            return None
        return cls(statutes, index, {s.sfs: s for s in statutes})

    def citations(self, plain_text: str) -> list:
        from . import citations
        return citations.find_citations(plain_text, self.index)

    def act_label(self, sfs: str | None, written: str | None) -> ActLabel:
        statute = self.by_sfs.get(sfs or "")
        if statute is None:
            return ActLabel(sfs, f"{written or 'okänd lag'}" + (f" ({sfs})" if sfs else ""))
        abbreviation = statute.abbreviation
        if abbreviation and sum(1 for s in self.statutes if s.abbreviation == abbreviation) == 1:
            return ActLabel(sfs, f"{abbreviation} ({sfs})")
        title = statute.title[:1].lower() + statute.title[1:]
        return ActLabel(sfs, title if sfs in title else f"{title} ({sfs})")


def _place_label(citation) -> str:
    parts = []
    if citation.chapter:
        parts.append(f"{citation.chapter} kap.")
    if citation.section:
        if citation.section_to:
            parts.append(f"{citation.section}–{citation.section_to} §§")
        else:
            parts.append(f"{citation.section} §")
    if citation.stycke:
        parts.append(f"{citation.stycke} st.")
    if citation.punkt:
        parts.append(f"{citation.punkt} p.")
    return " ".join(parts)


def _cited(register: _Register, raw: str, shown: dict[str, str]) -> list[tuple[tuple, object]]:
    out = []
    for _, unit_text in textmod.units(raw or ""):
        for citation in register.citations(reader_text(unit_text, shown)):
            act = citation.sfs or citation.name_written
            if not act:
                continue
            key = (act, citation.chapter, citation.section, citation.section_to, citation.stycke, citation.punkt)
            out.append((key, citation))
    return out


def _statute_changes(compared: list[tuple[SectionRef, str, str]], old_reg: _Register, new_reg: _Register,
                     old_shown, new_shown) -> list[StatuteChange]:
    """compared: (where, old raw text, new raw text) for every section or text that changed."""
    grouped: dict[tuple, list[CitationPlace]] = defaultdict(list)
    acts: dict[tuple, tuple[ActLabel | None, ActLabel | None]] = {}
    for where, old_raw, new_raw in compared:
        before, after = _cited(old_reg, old_raw, old_shown), _cited(new_reg, new_raw, new_shown)
        remaining = [k for k, _ in after]
        removed = []
        for key, citation in before:
            if key in remaining:
                remaining.remove(key)
            else:
                removed.append((key, citation))
        seen_after = [k for k, _ in before]
        added = []
        for key, citation in after:
            if key in seen_after:
                seen_after.remove(key)
            else:
                added.append((key, citation))
        if not removed and not added:
            continue
        by_act_old: dict[str, list] = defaultdict(list)
        by_act_new: dict[str, list] = defaultdict(list)
        for key, citation in removed:
            by_act_old[key[0]].append(citation)
        for key, citation in added:
            by_act_new[key[0]].append(citation)
        for act, olds in list(by_act_old.items()):
            statute = old_reg.by_sfs.get(act)
            successor = statute.replaced_by if statute else None
            if act in by_act_new:
                kind, new_act = OTHER_PLACE, act
            elif successor and successor in by_act_new:
                kind, new_act = REPLACED, successor
            else:
                kind, new_act = REMOVED, None
            news = by_act_new.pop(new_act, []) if new_act else []
            group = (kind, act, new_act)
            acts[group] = (old_reg.act_label(act, olds[0].name_written),
                           new_reg.act_label(new_act, news[0].name_written) if new_act else None)
            grouped[group].append(CitationPlace(where.id, where.heading, where.document_title,
                                                tuple(_place_label(c) or "lagen utan lagrum" for c in olds),
                                                tuple(_place_label(c) or "lagen utan lagrum" for c in news)))
        for act, news in by_act_new.items():
            group = (ADDED, None, act)
            acts[group] = (None, new_reg.act_label(act, news[0].name_written))
            grouped[group].append(CitationPlace(where.id, where.heading, where.document_title, (),
                                                tuple(_place_label(c) or "lagen utan lagrum" for c in news)))
    order = {REPLACED: 0, OTHER_PLACE: 1, REMOVED: 2, ADDED: 3}
    out = [StatuteChange(kind, *acts[(kind, o, n)], tuple(places)) for (kind, o, n), places in grouped.items()]
    return sorted(out, key=lambda c: (order[c.kind], (c.old_act or c.new_act).label.casefold()))


# --- entry points -------------------------------------------------------------

def side_of(period: Period, label: str | None = None, scope: str = "period", target=None) -> Side:
    title = None
    if target is not None:
        title = getattr(target, "heading", None) or target.title
    return Side(label or period.id, period.id, period.title, period.status, period.valid_from, period.valid_to,
                scope, target.id if target is not None else None, title)


def _ordered(period: Period) -> list[Document]:
    from .site import ordered_documents  # the site's order: agreement, parts, arrangements, strategy
    try:
        return ordered_documents(period)
    except KeyError:  # an unknown kind in a historical revision: keep file order
        return list(period.documents.values())


def _diff(old_period: Period, new_period: Period, old_roots, new_roots, doc_map: dict[str, str],
          forced: dict[str, str], documents: list[DocumentChange], skip_old: set[str], skip_new: set[str],
          old_statutes, new_statutes, key_terms: list[KeyTermChange], old_side: Side, new_side: Side) -> PeriodDiff:
    old_shown, new_shown = _shown(old_period), _shown(new_period)
    old_nodes = _flatten(old_roots, old_shown)
    new_nodes = _flatten(new_roots, new_shown)
    matches = _match_sections(old_nodes, new_nodes, forced)
    sections = _section_changes(old_nodes, new_nodes, matches, doc_map, skip_old, skip_new)

    old_reg, new_reg = _Register.of(old_statutes), _Register.of(new_statutes)
    statutes: list[StatuteChange] = []
    if old_reg is not None and new_reg is not None:
        old_by_id = {n.id: n for n in old_nodes}
        new_by_id = {n.id: n for n in new_nodes}
        compared = []
        for change in sections:
            if CHANGED not in change.labels and ADDED not in change.labels and REMOVED not in change.labels:
                continue
            old_text = old_by_id[change.old.id].section.text if change.old else ""
            new_text = new_by_id[change.new.id].section.text if change.new else ""
            compared.append((change.ref, old_text, new_text))
        for change in documents:
            if change.kind != "dokument" or CHANGED not in change.labels:
                continue
            before, after = old_period.documents[change.old_id], new_period.documents[change.new_id]
            where = SectionRef(after.id, after.nav_title, None, after.id, after.nav_title, None, None, 0)
            for get in (lambda d: d.cover.get("text", ""), lambda d: d.intro):
                compared.append((where, get(before), get(after)))
        statutes = _statute_changes(compared, old_reg, new_reg, old_shown, new_shown)
    return PeriodDiff(old_side, new_side, tuple(key_terms), tuple(documents), tuple(statutes), tuple(sections),
                      citations_checked=old_reg is not None and new_reg is not None)


def diff_periods(old: Period, new: Period, *, old_statutes: Sequence[Statute] | None = None,
                 new_statutes: Sequence[Statute] | None = None, old_label: str | None = None,
                 new_label: str | None = None) -> PeriodDiff:
    """Everything that changed from one period to another.

    Statute references are compared when both registers are given (each side
    is read with its own register).
    """
    kinds = lambda a, b: a.kind == b.kind  # noqa: E731
    doc_map = _match_by_id_then_title(old.documents, new.documents, kinds)
    documents: list[DocumentChange] = []
    new_order = _ordered(new)
    old_order = _ordered(old)
    for document in new_order:
        if document.id not in doc_map.values():
            documents.append(_document_change(None, document, old, new))
    for document in old_order:
        if document.id not in doc_map:
            documents.append(_document_change(document, None, old, new))
    for document in new_order:
        old_id = next((i for i, j in doc_map.items() if j == document.id), None)
        if old_id is not None:
            change = _document_change(old.documents[old_id], document, old, new)
            if change is not None:
                documents.append(change)
    documents += _guideline_changes(old, new)
    skip_old = {d for d in old.documents if d not in doc_map}
    skip_new = {d for d in new.documents if d not in doc_map.values()}
    key_terms = _key_term_changes(old.key_terms, new.key_terms, old, new)
    return _diff(old, new, [(d, d.sections) for d in old_order], [(d, d.sections) for d in new_order], doc_map,
                 {}, documents, skip_old, skip_new, old_statutes, new_statutes, key_terms,
                 side_of(old, old_label), side_of(new, new_label))


def _terms_in(period: Period, ids: set[str], document_id: str | None) -> list[KeyTerm]:
    return [t for t in period.key_terms if t.clause in ids or (document_id and t.document == document_id)]


def diff_documents(old: Document, new: Document, old_period: Period, new_period: Period, *,
                   old_statutes: Sequence[Statute] | None = None, new_statutes: Sequence[Statute] | None = None,
                   old_label: str | None = None, new_label: str | None = None) -> PeriodDiff:
    """What changed in one document (the two may have different ids)."""
    change = _document_change(old, new, old_period, new_period)
    old_ids = {old.id} | {s.id for s in old.walk()}
    new_ids = {new.id} | {s.id for s in new.walk()}
    key_terms = _key_term_changes(_terms_in(old_period, old_ids, old.id), _terms_in(new_period, new_ids, new.id),
                                  old_period, new_period)
    return _diff(old_period, new_period, [(old, old.sections)], [(new, new.sections)], {old.id: new.id}, {},
                 [change] if change else [], set(), set(), old_statutes, new_statutes, key_terms,
                 side_of(old_period, old_label, "document", old), side_of(new_period, new_label, "document", new))


def diff_sections(old: Section, new: Section, old_period: Period, new_period: Period, *,
                  old_statutes: Sequence[Statute] | None = None, new_statutes: Sequence[Statute] | None = None,
                  old_label: str | None = None, new_label: str | None = None) -> PeriodDiff:
    """What changed in one section and the sections under it (the two may have different ids)."""
    old_doc = old_period.documents[old.document_id]
    new_doc = new_period.documents[new.document_id]
    old_ids = {s.id for s in old.walk()}
    new_ids = {s.id for s in new.walk()}
    key_terms = _key_term_changes(_terms_in(old_period, old_ids, None), _terms_in(new_period, new_ids, None),
                                  old_period, new_period)
    return _diff(old_period, new_period, [(old_doc, [old])], [(new_doc, [new])], {old_doc.id: new_doc.id},
                 {old.id: new.id}, [], set(), set(), old_statutes, new_statutes, key_terms,
                 side_of(old_period, old_label, "section", old), side_of(new_period, new_label, "section", new))


def diff_targets(old_period: Period, old_target, new_period: Period, new_target, **kwargs) -> PeriodDiff:
    """Dispatch on what the two sides are: periods, documents or sections."""
    if old_target is None and new_target is None:
        return diff_periods(old_period, new_period, **kwargs)
    if isinstance(old_target, Document) and isinstance(new_target, Document):
        return diff_documents(old_target, new_target, old_period, new_period, **kwargs)
    if isinstance(old_target, Section) and isinstance(new_target, Section):
        return diff_sections(old_target, new_target, old_period, new_period, **kwargs)
    if isinstance(old_target, Guideline) or isinstance(new_target, Guideline):
        raise ValueError("riktlinjer jämförs som en del av perioden; ange periodens id")
    raise ValueError("båda sidor måste vara av samma slag: två perioder, två dokument eller två avsnitt")


def relabel(diff: PeriodDiff, old_label: str, new_label: str) -> PeriodDiff:
    return replace(diff, old=replace(diff.old, label=old_label), new=replace(diff.new, label=new_label))
