"""Act references in running text: a name, abbreviation or SFS number, with what is written around it."""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from typing import Sequence

from .register import Act, StatuteIndex


_SFS = r"[0-9]{4}:[0-9]{1,4}(?![0-9:])"
_LAW_WORD = r"(?:lag|lagen|förordning|förordningen|balk|balken|kungörelse|kungörelsen|stadga|stadgan)"

# "lagen (1993:387)", "Lag (2008:344)", "svensk lag (2018:1197 om ...)",
# "lag 2017:612", "skollagen (2010:800)": a law word with an SFS number.
GENERIC_ACT_RE = re.compile(
    r"(?<![\w-])(?P<word>(?i:[^\W\d_]*?" + _LAW_WORD + r"))"
    r"(?=\s*\(\s*(?:SFS\s*)?[0-9]{4}:[0-9]|\s+(?:SFS\s*)?[0-9]{4}:[0-9])"
)
# "SFS 2017:30", and the numbers listed after it: "SFS 2020:1043 och 2023:37".
SFS_PREFIX_RE = re.compile(r"(?<![\w-])SFS\s*(?P<sfs>" + _SFS + r")")
# "Se (2017:30).": an SFS number alone in parentheses names its act (ferenda's sfs-tricky-lag.txt links
# "(1982:713)"); a number without parentheses or "SFS" stays unread (a date, a case number).
BARE_PAREN_SFS_RE = re.compile(r"\(\s*(?P<sfs>" + _SFS + r")\s*\)")
# "ändrad genom 2023:37", "infördes genom 2020:1043": an amending act by its number alone.
AMENDED_BY_RE = re.compile(r"(?<![\w-])genom\s+(?P<sfs>" + _SFS + r")")
_SFS_LIST_NEXT_RE = re.compile(
    r"\s*(?:,\s*(?:(?:och|samt|eller)\s+)?|\s+(?:och|samt|eller)\s+)(?P<number>(?:SFS\s*)?(?P<sfs>" + _SFS + r"))"
)
# "(2018:1197 om Förenta nationernas konvention om barnets rättigheter)":
# the inside of the parentheses; the title at most 250 characters long (a bound chosen by hand).
PAREN_SFS_TITLE_RE = re.compile(
    r"(?<=\()\s*(?P<sfs>" + _SFS + r")\s+(?:om|med)\s[^()]{1,250}?(?=\s*\))"
)
# "samma lag", "nämnda förordning", "denna lag", and "lagen" alone when no title or number
# follows ("2 § lagen"): the act named last (or, "förstnämnda", first) in the paragraph.
ANAPHOR_RE = re.compile(
    r"(?<![\w-])(?:(?i:(?P<which>samma|nämnda|denna|förstnämnda|sistnämnda)\s+" + _LAW_WORD + r")"
    r"|(?P<bare>lagen|förordningen|balken))(?![\w-])(?(bare)(?!\s+(?:om|med)\s)(?!\s*\())"
)

# What may follow the name of an act.
_EXT_SFS_RE = re.compile(
    r"\s*\(\s*(?:(?:SFS|(?i:lag|lagen|förordning|förordningen))\s+)?(?P<sfs>" + _SFS + r")"
    r"(?:\s+(?:om|med)\s[^()]{1,250}?)?\s*\)"
)
_EXT_BARE_SFS_RE = re.compile(r"\s+(?:SFS\s*)?(?P<sfs>" + _SFS + r")")
_EXT_LATE_SFS_RE = re.compile(r"\s*,?" + _EXT_SFS_RE.pattern)
_ABBR = r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,6}"  # 2–7 letters, capital first ("LVU", "SoL"): chosen by hand
_EXT_APPOSITIVE_RE = re.compile(
    r"\s*(?:,\s*(?P<abbr>" + _ABBR + r")(?![\w-])|\(\s*(?P<abbr_paren>" + _ABBR + r")\s*\))"
)
# The title of an act not in the register: "om vård av missbrukare i vissa
# fall". Words up to punctuation, at most 15, stopping at words that start
# the rest of the sentence.
_TITLE_STOP = (
    r"(?:ska|skall|som|enligt|samt|är|var|har|hade|gäller|gällde|kan|får|bör|måste|innebär|reglerar|regleras"
    r"|anger|föreskriver|tillämpas|upphävdes|upphörde|ändrades|infördes|ersattes|ersätter|trädde|träder)\b"
)
_EXT_GENERIC_TITLE_RE = re.compile(
    r"\s+(?:om|med)\s+[^\W\d_]\w*"
    r"(?:(?:\s*[-–]\s*|\s+)(?!" + _TITLE_STOP + r")[^\W\d_]\w*){0,14}"
)

# What a guessed title never ends on: a connector ("… om anställningsskydd och 3 § HSL") or a
# preposition left when the next act cut it ("lagen (2000:462) om införande av nämnda lag" ends at
# "om införande"). Swedish function words, chosen by hand.
_TRAILING_CONNECTOR_RE = re.compile(
    r"(?:\s+(?:och|samt|eller|respektive|av|till|för|i|på|med|om|vid|från|mot|över|under|hos|inom|utan|åt|efter))*\s*$"
)


@dataclass(frozen=True)
class ActRef:
    """An act as written in the text, with what resolves it."""

    start: int
    end: int
    act_id: str | None
    sfs: str | None
    name_written: str | None
    sfs_written: str | None
    conflict: bool
    anaphor: bool = False
    first_named: bool = False  # "förstnämnda lag": the act named first in the paragraph
    needs_place: bool = False  # an abbreviation that counts only beside a place ("RF"): see needs_place
    chaptered: bool = False  # the act is divided into chapters (Act.has_chapters)
    unchaptered: bool = False  # the register knows the act and it has no chapters (LSS): no "#K" anchor


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int          # end of the core match, before extensions
    priority: int     # lower wins at equal span
    kind: str         # "name", "generic", "sfs", "paren", "anaphor"
    match: re.Match[str]


def _candidates(text: str, index: StatuteIndex) -> list[_Candidate]:
    found: list[_Candidate] = []
    if index.mention_re is not None:
        found += [_Candidate(m.start(), m.end(), 0, "name", m) for m in index.mention_re.finditer(text)]
    found += [_Candidate(m.start(), m.end(), 1, "generic", m) for m in GENERIC_ACT_RE.finditer(text)]
    found += [_Candidate(m.start(), m.end(), 2, "sfs", m) for m in SFS_PREFIX_RE.finditer(text)]
    found += [_Candidate(m.start("sfs"), m.end(), 2, "sfs", m) for m in AMENDED_BY_RE.finditer(text)]
    found += [_Candidate(m.start(), m.end(), 3, "paren", m) for m in PAREN_SFS_TITLE_RE.finditer(text)]
    found += [_Candidate(m.start(), m.end(), 3, "sfs", m) for m in BARE_PAREN_SFS_RE.finditer(text)]
    found += [_Candidate(m.start(), m.end(), 4, "anaphor", m) for m in ANAPHOR_RE.finditer(text)]
    found.sort(key=lambda c: (c.start, -c.end, c.priority))
    return found


def scan_act_refs(text: str, index: StatuteIndex) -> list[ActRef]:
    """Act references, leftmost-longest, extended by what is written after them; disjoint, in order."""
    candidates = _candidates(text, index)
    starts = [c.start for c in candidates]
    refs: list[ActRef] = []
    covered = 0
    for candidate in candidates:
        if candidate.start < covered:
            continue
        ref = _act_ref(text, candidate, index, starts)
        refs.append(ref)
        covered = ref.end
        if candidate.kind == "sfs":
            refs += _listed_numbers(text, ref, index)
            covered = refs[-1].end
    return _introduced(text, refs)


# A name introduced with its number that the text may later write alone: one word ending in a law
# word, longer than the law word itself ("sekretesslagen (1980:100)", not "lagen (2000:462)").
_INTRODUCED_NAME_RE = re.compile(r"[^\W\d_]{2,}" + _LAW_WORD)


def _introduced(text: str, refs: list[ActRef]) -> list[ActRef]:
    """refs with the later mentions of a name the text introduced with its SFS number:
    "sekretesslagen (1980:100) … 7 kap. 22 § sekretesslagen" (ferenda's sfs-tricky-sammalag.txt),
    each resolving to the number written at the introduction, from there to the end of the text."""
    introduced: dict[str, ActRef] = {}
    for ref in refs:
        name = (ref.name_written or "").casefold()
        if ref.sfs_written and _INTRODUCED_NAME_RE.fullmatch(name) and name not in introduced:
            introduced[name] = ref
    if not introduced:
        return refs
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in introduced) + r")(?![\w-])", re.IGNORECASE)
    starts = [ref.start for ref in refs]
    added = []
    for match in pattern.finditer(text):
        first = introduced[match[0].casefold()]
        i = bisect.bisect_right(starts, match.start())
        inside = i > 0 and refs[i - 1].end > match.start()
        if match.start() < first.end or inside or (i < len(refs) and refs[i].start < match.end()):
            continue
        added.append(dataclasses.replace(first, start=match.start(), end=match.end(), name_written=match[0],
                                         sfs_written=None, conflict=False))
    return sorted(refs + added, key=lambda r: r.start) if added else refs


def _listed_numbers(text: str, ref: ActRef, index: StatuteIndex) -> list[ActRef]:
    """The SFS numbers listed after "SFS 2020:1043": "och 2023:37", ", 2024:1"."""
    listed = []
    end = ref.end
    while (match := _SFS_LIST_NEXT_RE.match(text, end)) is not None:
        listed.append(_resolved(match.start("number"), match.end(), None, None, match["sfs"], index))
        end = match.end()
    return listed


# An abbreviation this short counts only beside a place, even the register's own: two capitals
# mean other things in a region's text ("RF" is also regionfullmäktige). Hand-chosen: every
# abbreviation the agreement itself writes alone has three letters or more (HSL, SoL, LSS, LOU).
SHORTEST_ABBREVIATION_ALONE = 3


def needs_place(abbreviation: str, act: Act) -> bool:
    """Whether an abbreviation written alone is no citation of its act, only one beside a place
    ("2 kap. 1 § RF", "RF 2 kap. 1 §"): the abbreviation of a well-known act outside the register
    (``known``), or one shorter than ``SHORTEST_ABBREVIATION_ALONE`` letters. lagen.nu's grammar
    counts no abbreviation alone (ferenda's kortlagrum.ebnf links a LawAbbreviation only in an
    AbbrevLawNormalRef, a place beside it); the register's longer ones ("HSL", "LSS") count alone,
    as the agreement writes them ("enligt LSS")."""
    return not act.registered or len(abbreviation) < SHORTEST_ABBREVIATION_ALONE


def _act_ref(text: str, candidate: _Candidate, index: StatuteIndex, starts: Sequence[int]) -> ActRef:
    match, kind = candidate.match, candidate.kind
    if kind == "anaphor":
        first = (match["which"] or "").casefold() == "förstnämnda"
        return ActRef(match.start(), match.end(), None, None, None, None, False, anaphor=True, first_named=first)
    if kind in ("sfs", "paren"):
        sfs = match["sfs"]
        return _resolved(candidate.start, match.end(), None, None, sfs, index)

    if kind == "name":
        named = index.by_name(match["name"]) if match["name"] else index.by_abbreviation(match["abbr"])
        name_written = match["name"] or match["abbr"]
        ref = _extend_name(text, match.start(), match.end(), name_written, named, index, generic=False,
                           starts=starts)
        if match["abbr"] and named is not None and needs_place(match["abbr"], named) and ref.end == match.end():
            ref = dataclasses.replace(ref, needs_place=True)
        return ref
    return _extend_name(text, match.start(), match.end(), match["word"], None, index, generic=True,
                        starts=starts)


def _extend_name(
    text: str, start: int, end: int, name_written: str, named: Act | None,
    index: StatuteIndex, generic: bool, starts: Sequence[int],
) -> ActRef:
    """Read on after a name: "(2017:30)", "om ...", ", HSL", ", (2017:30)"."""
    sfs_written = None
    sfs_match = _EXT_SFS_RE.match(text, end) or (_EXT_BARE_SFS_RE.match(text, end) if generic else None)
    if sfs_match:
        sfs_written, end = sfs_match["sfs"], sfs_match.end()

    if generic and sfs_written:
        end = _extend_title(text, end, index.by_sfs(sfs_written), index, starts)

    appositive = _EXT_APPOSITIVE_RE.match(text, end)
    if appositive:
        abbreviation = appositive["abbr"] or appositive["abbr_paren"]
        act_of_abbr = index.by_abbreviation(abbreviation)
        same_act = act_of_abbr is not None and act_of_abbr == (named or (
            index.by_sfs(sfs_written) if sfs_written else None))
        # An abbreviation outside the register ("LVU") only after a title.
        unknown_after_title = (
            act_of_abbr is None and generic
            and sum(ch.isupper() for ch in abbreviation) >= 2
        )
        if same_act or unknown_after_title:
            end = appositive.end()
            named = named or act_of_abbr

    if sfs_written is None:
        late = _EXT_LATE_SFS_RE.match(text, end)
        if late:
            sfs_written, end = late["sfs"], late.end()

    return _resolved(start, end, name_written, named, sfs_written, index)


def _extend_title(
    text: str, end: int, act: Act | None, index: StatuteIndex, starts: Sequence[int],
) -> int:
    """After "lag (SFS)": the rest of the title, the register's or a guess.

    ``starts`` are where act references may begin; a guessed title stops
    before the next one ("lagen (2099:1) om prov och socialtjänstlagen"), and
    never ends in a connector: "lagen (1982:80) om anställningsskydd och 3 § HSL"
    joins two citations, the title is "om anställningsskydd" (an act's title
    may hold "och" inside, "om stöd och service", but not at its end).
    """
    if act is not None and act.id in index.title_rest_re:
        exact = index.title_rest_re[act.id].match(text, end)
        if exact:
            return exact.end()
    guess = _EXT_GENERIC_TITLE_RE.match(text, end)
    if not guess:
        return end
    title_end = guess.end()
    following = bisect.bisect_left(starts, end)
    next_start = starts[following] if following < len(starts) else len(text)
    # Another act's name may start inside the guessed title: stop before it.
    head = _TRAILING_CONNECTOR_RE.sub("", text[end:min(title_end, next_start)])
    return end + len(head) if _EXT_GENERIC_TITLE_RE.fullmatch(head) else end


def _resolved(
    start: int, end: int, name_written: str | None, named: Act | None,
    sfs_written: str | None, index: StatuteIndex,
) -> ActRef:
    """Resolve an act reference; a written SFS number wins over a name.

    ``name_written`` keeps the spelling but not the line breaks of the text.
    """
    if name_written is not None:
        name_written = " ".join(name_written.split())
    if sfs_written:
        by_number = index.by_sfs(sfs_written)
        return ActRef(
            start, end,
            act_id=by_number.id if by_number and by_number.registered else None,
            sfs=sfs_written,
            name_written=name_written,
            sfs_written=sfs_written,
            conflict=(named is not None and named.sfs != sfs_written
                      and not (by_number and name_written and index.is_called(by_number, name_written))),
            chaptered=by_number is not None and by_number.has_chapters,
            unchaptered=by_number is not None and by_number.registered and not by_number.has_chapters,
        )
    return ActRef(
        start, end,
        act_id=named.id if named and named.registered else None,
        sfs=named.sfs if named else None,
        name_written=name_written,
        sfs_written=None,
        conflict=False,
        chaptered=named is not None and named.has_chapters,
        unchaptered=named is not None and named.registered and not named.has_chapters,
    )
