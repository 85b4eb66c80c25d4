"""Words and units: a word-level redline per paragraph or list item, never across them.

Whitespace and hyphenation ("hälso- och" / "hälso-och", soft hyphens) are not changes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple, Sequence

from .. import text as textmod
from .result import ADDED, MOVED, REMOVED, Segment, UnitChange

# Likeness of two units (difflib ratio of their word keys, 0–1; see _ratio), both chosen by hand with
# no measurement recorded: a unit in the same place counts as edited from half alike; one paired
# with a unit elsewhere in the section (moved and edited) must be three quarters alike.
UNIT_CHANGED = 0.5  # a unit this alike to one in the same place was edited, not replaced
UNIT_MOVED = 0.75  # a unit this alike to one elsewhere in the section was moved (and edited)

# One word with the punctuation before and after it; a suspended compound is one word
# ("hälso- och", "in- och"). Everything in one pass of one regex: this is the diff's inner loop.
_TOKEN = re.compile(r"""
    (?P<lead>[(\[”"']*)
    (?P<core>(?:\S*?[^\W\d_]-\s+(?=\w))*\S+?)
    (?P<trail>[.,;:!?)\]”"']*)
    (?=\s|$)""", re.VERBOSE)
_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])-\s*(?=[^\W\d_])")


class Token(NamedTuple):
    """A word, or one punctuation mark glued to a word; compared by ``key``."""

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


def keys(toks: Sequence[Token]) -> list[str]:
    """What the diff compares of each token, in order."""
    return [t.key for t in toks]


def word_diff(old: str | Sequence[Token], new: str | Sequence[Token]) -> tuple[Segment, ...]:
    """A word-level redline of two texts; whitespace and hyphenation are not changes.

    old and new: plain text or its ``tokens``. Runs of "=", "-" and "+" in reading order, a "-" run
    before the "+" run that replaces it; short unchanged runs between changes are folded in (_cleanup).
    """
    a = tokens(old) if isinstance(old, str) else tuple(old)
    b = tokens(new) if isinstance(new, str) else tuple(new)
    runs: list[tuple[str, list[Token]]] = []
    for tag, i1, i2, j1, j2 in _opcodes(keys(a), keys(b)):
        if tag == "equal":
            runs.append(("=", list(b[j1:j2])))
            continue
        if i1 < i2:
            runs.append(("-", list(a[i1:i2])))
        if j1 < j2:
            runs.append(("+", list(b[j1:j2])))
    return tuple(Segment(op, join(toks), not toks[0].glue) for op, toks in _cleanup(runs) if toks)


def _anchor_junk(key: str) -> bool:
    """Not an anchor of the first pass: a punctuation mark or a word of at most three letters."""
    return len(key) <= 3


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes in two passes: the long words anchor the match, then each stretch between
    anchors is matched again word by word.

    One pass matches the first of equally long common runs, so in "och utbildning" → ", utbildning och
    stöd" it keeps "och" and marks "utbildning" as changed; short words and punctuation are too common to
    say where a text lines up, long ones rarely are.
    """
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(_anchor_junk, a, b, autojunk=False).get_opcodes():
        if tag == "equal" or i1 == i2 or j1 == j2:
            out.append((tag, i1, i2, j1, j2))
            continue
        for t, k1, k2, l1, l2 in SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False).get_opcodes():
            out.append((t, i1 + k1, i1 + k2, j1 + l1, j1 + l2))
    return out


def _words(toks: Sequence[Token]) -> int:
    """How many words: punctuation glued to a word does not count."""
    return sum(1 for t in toks if not t.glue)


def _chars(toks: Sequence[Token]) -> int:
    """How long, in characters as written (as diff-match-patch measures equalities and edits)."""
    return len(join(toks))


def _rewritten(before: list, after: list) -> bool:
    """Whether two changes around an unchanged run rewrite the text across it: both replace words, or one
    only deletes and the other only inserts ("[-a b-] och {+c d+}"). A change that only inserts (or only
    deletes) beside a replacement or a change of its own kind leaves the run between them readable as
    it stands: "rådgivning [-och-]{+,+} utbildning {+och stöd vid utbrott+}"."""
    def kind(change):
        return "~" if change[1] and change[2] else "-" if change[1] else "+"
    return {kind(before), kind(after)} in ({"~"}, {"-", "+"})


def _cleanup(runs: list[tuple[str, list[Token]]]) -> list[tuple[str, list[Token]]]:
    """Fold short unchanged runs between two changes into the changes (as diff-match-patch does).

    "[-a b-] och {+c d+}" reads worse than "[-a b och-] {+c d och+}" when a
    sentence is rewritten; an unchanged word or two survives only when it is
    longer than the changes around it. The rule is diff-match-patch's semantic cleanup (an equality
    no longer than the edits on both sides goes), counted in words; the cap of two words is ours,
    chosen by hand. Counted in words, a one-word change ("och" → ",") beside an insertion would take
    the long word between them along; so when the changes do not rewrite across the run (``_rewritten``)
    the run must also be no longer in characters than both, as diff-match-patch measures.
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
                    and size <= max(_words(after[1]), _words(after[2])) \
                    and (_rewritten(before, after) or _chars(equal[1]) <= min(
                        max(_chars(before[1]), _chars(before[2])), max(_chars(after[1]), _chars(after[2])))):
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
class Unit:
    """A paragraph or list item as the diff sees it: kind and 1-based number (text.units), tokens, joined keys."""

    kind: str
    number: int
    tokens: tuple[Token, ...]
    key: str


def reader_text(raw: str, shown: dict[str, str]) -> str:
    """What a reader sees of a text unit: key terms in words, links as their labels."""
    return textmod.plain(textmod.expand_key_terms(raw, shown))


def units_of(raw: str, shown: dict[str, str]) -> tuple[Unit, ...]:
    """The units of a text as a reader sees it (shown: {key term id: wording}); paragraphs and items
    are numbered separately, from 1."""
    out, counters = [], defaultdict(int)
    for kind, unit_text in textmod.units(raw or ""):
        family = "stycke" if kind == "stycke" else "punkt"
        counters[family] += 1
        toks = tokens(reader_text(unit_text, shown))
        out.append(Unit(kind, counters[family], toks, " ".join(keys(toks))))
    return tuple(out)


# Units of at most this many words are also compared letter by letter, so that a short list item with
# one word inflected ("Hjälpmedel" / "Hjälpmedlen": 0 by words, 0.86 by letters) still pairs. Chosen
# by hand, no measurement recorded.
SHORT_UNIT = 5


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
    """Likeness of two units by words (0–1); short ones (list items) also by letters, the higher counting.

    When even difflib's quick upper bound is under UNIT_CHANGED the exact ratio is not computed: the bound
    times 0.99 stands in, under every threshold, so by words such a pair never wins (only a short unit's
    letters can lift it). The 0.99 keeps the estimate below the bound; its value changes no result.
    """
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


@dataclass(frozen=True)
class Pairing:
    """How the units of two texts correspond (``pair_units``); indexes are 0-based into each side.

    ``equal``: {old: new} of units left as they were; ``pairs``: {old: (new, status)} of units edited in
    place ("ändrad") or moved (MOVED, edited or not); ``added`` and ``removed``: the units on one side only
    (in order; a unit of them that is in ``pairs`` is not added or removed).
    """

    equal: dict[int, int]
    pairs: dict[int, tuple[int, str]]
    added: list[int]
    removed: list[int]


def pair_units(old: Sequence[Unit], new: Sequence[Unit]) -> Pairing:
    """Pair the paragraphs and list items of two texts: equal ones in order, then the same text elsewhere
    (moved), then edited in place (at least UNIT_CHANGED alike), then edited and moved (UNIT_MOVED)."""
    a, b = [u.key for u in old], [u.key for u in new]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    equal: dict[int, int] = {}
    regions = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            equal.update({i1 + k: j1 + k for k in range(i2 - i1)})
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
                ratio = _ratio(keys(old[i].tokens), keys(new[j].tokens))
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
            ratio = _ratio(keys(old[i].tokens), keys(new[j].tokens))
            if ratio >= best_ratio:
                best, best_ratio = j, ratio
        if best is not None:
            pairs[i] = (best, MOVED)
            taken.add(best)
    return Pairing(equal, pairs, [j for j in added if j not in taken], [i for i in removed if i not in pairs])


def diff_units(old: Sequence[Unit], new: Sequence[Unit]) -> tuple[UnitChange, ...]:
    """Changed, added, removed and moved paragraphs and list items, in reading order."""
    if [u.key for u in old] == [u.key for u in new]:
        return ()
    pairing = pair_units(old, new)
    old_to_new = dict(pairing.equal)
    entries: list[tuple[float, int, UnitChange]] = []
    for i, (j, status) in pairing.pairs.items():
        segments = word_diff(old[i].tokens, new[j].tokens)
        entries.append((j, 0, UnitChange(status, new[j].kind, old[i].number, new[j].number, segments)))
        old_to_new.setdefault(i, j)
    for j in pairing.added:
        entries.append((j, 0, UnitChange(ADDED, new[j].kind, None, new[j].number, whole("+", new[j]))))
    for i in pairing.removed:
        anchor = max((old_to_new[k] for k in range(i) if k in old_to_new), default=-1)
        entries.append((anchor + 0.5, i, UnitChange(REMOVED, old[i].kind, old[i].number, None, whole("-", old[i]))))
    return tuple(change for _, _, change in sorted(entries, key=lambda e: (e[0], e[1])))


def whole(op: str, unit: Unit) -> tuple[Segment, ...]:
    """A whole unit as one run ("+" added, "-" removed); no runs for an empty unit."""
    return (Segment(op, join(unit.tokens)),) if unit.tokens else ()


def diff_text(old_raw: str, new_raw: str, old_shown: dict[str, str] | None = None,
              new_shown: dict[str, str] | None = None) -> tuple[UnitChange, ...]:
    """Unit-by-unit redline of two texts in the agreement's Markdown subset."""
    return diff_units(units_of(old_raw, old_shown or {}), units_of(new_raw, new_shown or {}))
