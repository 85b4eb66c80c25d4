"""Swedish statute citations in running text, and lagen.nu deep links.

The agreement cites statutes the way people write them, with no markup:

    16 kap. 4 § hälso- och sjukvårdslagen (2017:30), HSL
    8 kap. 6 § och 12 kap. 1-3 §§, 14 kap. 1§ samt 16 kap 2 § HSL (2017:30)
    9 § 8 och 9 § 9 LSS
    patientlagen (2014:821) 6 kap 3§
    lagen (1993:387) om stöd och service till vissa funktionshindrade, LSS

``find_citations`` finds them in three steps:

1. scan: find *act references* (a name, abbreviation or SFS number of an act,
   with what is written around it: "(2017:30)", ", HSL", "om ...") and
   *places* (chapter, section, stycke, punkt);
2. group: places joined by "och", "samt", "respektive", "eller" or commas form
   a *place list*;
3. bind: a place list binds to the act reference right after it ("... 2 §
   HSL"), else to the one right before it ("patientlagen (2014:821) 6 kap
   3§"), else to the act named last in the sentence when followed by "samma
   lag"; otherwise its places are reported unresolved. An act reference no
   place list binds to is a citation of the act without place.

When the SFS number written next to a name disagrees with the register entry
of the name ("HSL (2001:453)"), the written number wins (it identifies the act
uniquely; names get reused when an act is replaced) and ``conflict`` is set.

Not supported (they yield fewer or coarser citations, never an error):
chapter ranges ("1-3 kap."); lists of punkter ("andra stycket 4 och 5": only
4); a stycke or punkt after a list of sections ("1 och 2 §§ andra stycket")
is given to the last section only; a punkt on the line after its section
(read as a numbered list instead); "i lagen" / "i förordningen" as a back
reference (only "samma", "nämnda", "denna", "förstnämnda", "sistnämnda"
lag); bare SFS numbers with no "lag", "SFS" or name next to them; an
abbreviation outside the register except as the appositive of "lag (SFS)
om ..., LVU". The title of an act outside the register is guessed: up to 15
words after "om"/"med", ending at punctuation, a verb such as "ska" or the
next act.

Everything here is pure: regexes are compiled at import time or once per
register in ``build_index``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

__all__ = [
    "Act",
    "Citation",
    "StatuteIndex",
    "build_index",
    "find_citations",
    "lagen_nu_link",
]

LAGEN_NU = "https://lagen.nu/"


# --------------------------------------------------------------------------
# Public data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Act:
    """One entry of the statute register."""

    id: str
    sfs: str
    title: str
    short_name: str | None = None
    abbreviation: str | None = None
    aliases: tuple[str, ...] = ()
    chapters: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    """One citation found in a text; ``text == input[start:end]``."""

    text: str
    start: int
    end: int
    act_id: str | None
    sfs: str | None
    name_written: str | None
    sfs_written: str | None
    chapter: str | None
    section: str | None
    section_to: str | None
    stycke: int | None
    punkt: int | None
    conflict: bool
    link: str | None


# --------------------------------------------------------------------------
# Register index
# --------------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")
_SFS_IN_TITLE = re.compile(r"\s*\(\s*(?:SFS\s*)?[0-9]{4}:[0-9]+\s*\)\s*")
# Between the words of a name: spaces, line breaks, hyphens, dots
# ("hälso- och", "hälso-och", "m.fl." / "m fl").
_NAME_GAP = r"[\s.\-–]+"


def _name_key(name: str) -> str:
    """Lookup key of a name: case-folded, punctuation and spacing removed."""
    return _NON_WORD.sub("", name.casefold())


def _looks_like_abbreviation(name: str) -> bool:
    """"SoL", "HSL", "LOU": one short word with at least two capitals."""
    return (
        len(name) <= 8
        and name.isalpha()
        and sum(ch.isupper() for ch in name) >= 2
    )


def _flexible(name: str) -> str:
    """Regex source for a name, tolerant of spacing and hyphenation."""
    return _NAME_GAP.join(re.escape(word) for word in _WORD.findall(name))


def _names_from_title(title: str) -> list[str]:
    """Names an act goes by, derived from its title.

    "Hälso- och sjukvårdslag (2017:30)" -> "hälso- och sjukvårdslag",
    "hälso- och sjukvårdslagen"; "Lag (1991:1128) om psykiatrisk tvångsvård"
    -> "lag om psykiatrisk tvångsvård", "lagen om psykiatrisk tvångsvård".
    """
    name = " ".join(_SFS_IN_TITLE.sub(" ", title).split())
    if not name:
        return []
    names = [name]
    lower = name.casefold()
    for indefinite, definite in (("lag", "lagen"), ("förordning", "förordningen")):
        if lower.endswith(indefinite):
            names.append(name + definite[len(indefinite):])
        if lower.startswith(indefinite + " "):
            names.append(definite + name[len(indefinite):])
    return names


def _title_rest(title: str) -> str | None:
    """What follows the SFS number in a title: "om psykiatrisk tvångsvård"."""
    match = _SFS_IN_TITLE.search(title)
    if not match:
        return None
    rest = title[match.end():].strip()
    return rest if _WORD.search(rest) else None


@dataclass(frozen=True, eq=False)
class StatuteIndex:
    """Lookups over a statute register; build it with ``build_index``.

    Names and aliases are looked up case-insensitively and tolerant of
    spacing and hyphenation; abbreviations exactly ("SoL", not "SOL").
    """

    acts: Mapping[str, Act]
    _by_sfs: Mapping[str, str]
    _by_name: Mapping[str, str]
    _by_abbreviation: Mapping[str, str]
    _mention_re: re.Pattern[str] | None
    _title_rest_re: Mapping[str, re.Pattern[str]]
    _names_of: Mapping[str, frozenset[str]]  # act id -> its name keys and abbreviations

    def is_called(self, act: Act, written: str) -> bool:
        """Whether ``written`` (a name or abbreviation, maybe genitive) is one of the act's own names.

        Names are reused when an act is replaced (socialtjänstlagen 2001:453 and 2025:400), so a
        name can belong to several acts although ``by_name`` gives the first.
        """
        own = self._names_of.get(act.id, frozenset())
        written = written.strip()
        candidates = {written, written.removesuffix(":s"), _name_key(written)}
        if written.endswith("s"):
            candidates.add(_name_key(written[:-1]))
        return bool(candidates & own)

    def act(self, act_id: str) -> Act | None:
        return self.acts.get(act_id)

    def by_sfs(self, sfs: str) -> Act | None:
        act_id = self._by_sfs.get(sfs.strip())
        return self.acts[act_id] if act_id else None

    def by_name(self, name: str) -> Act | None:
        act_id = self._by_name.get(_name_key(name))
        return self.acts[act_id] if act_id else None

    def by_abbreviation(self, abbreviation: str) -> Act | None:
        act_id = self._by_abbreviation.get(abbreviation.strip())
        return self.acts[act_id] if act_id else None

    def resolve(self, written: str) -> Act | None:
        """The act a name, alias, abbreviation or SFS number stands for."""
        return (
            self.by_abbreviation(written)
            or self.by_name(written)
            or self.by_sfs(written)
        )


def build_index(acts: Iterable[Act]) -> StatuteIndex:
    """Index a register. On clashing names the act listed first wins."""
    by_id: dict[str, Act] = {}
    by_sfs: dict[str, str] = {}
    by_name: dict[str, str] = {}
    by_abbreviation: dict[str, str] = {}
    name_sources: dict[str, str] = {}  # key -> regex source of one spelling
    title_rest_re: dict[str, re.Pattern[str]] = {}
    names_of: dict[str, set[str]] = {}

    for act in acts:
        by_id.setdefault(act.id, act)
        by_sfs.setdefault(act.sfs, act.id)
        abbreviations = [act.abbreviation] if act.abbreviation else []
        names = [act.short_name] if act.short_name else []
        for alias in act.aliases:
            (abbreviations if _looks_like_abbreviation(alias) else names).append(alias)
        names.extend(_names_from_title(act.title))
        own = names_of.setdefault(act.id, set())
        for abbreviation in abbreviations:
            by_abbreviation.setdefault(abbreviation, act.id)
            own.add(abbreviation)
        for name in names:
            key = _name_key(name)
            own.add(key)
            if len(key) >= 3 and key not in by_name:
                by_name[key] = act.id
                name_sources[key] = _flexible(name)
        rest = _title_rest(act.title)
        if rest:
            title_rest_re[act.id] = re.compile(
                r"\s+(?i:" + _flexible(rest) + r")(?!\w)"
            )

    return StatuteIndex(
        acts=MappingProxyType(by_id),
        _by_sfs=MappingProxyType(by_sfs),
        _by_name=MappingProxyType(by_name),
        _by_abbreviation=MappingProxyType(by_abbreviation),
        _mention_re=_compile_mention_re(list(name_sources.values()), list(by_abbreviation)),
        _title_rest_re=MappingProxyType(title_rest_re),
        _names_of=MappingProxyType({k: frozenset(v) for k, v in names_of.items()}),
    )


def _compile_mention_re(names: list[str], abbreviations: list[str]) -> re.Pattern[str] | None:
    """One regex for every registered name and abbreviation, longest first.

    Names take an optional genitive "s", abbreviations ":s"; neither may be
    part of a longer word or a compound ("LSS-handläggare").
    """
    alternatives = []
    if names:
        names = sorted(names, key=len, reverse=True)
        alternatives.append(r"(?P<name>(?i:" + "|".join(names) + r"))(?P<name_gen>s)?")
    if abbreviations:
        abbreviations = sorted(abbreviations, key=len, reverse=True)
        alternatives.append(
            r"(?P<abbr>" + "|".join(map(re.escape, abbreviations)) + r")(?P<abbr_gen>:s)?"
        )
    if not alternatives:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


# --------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------


def _compact(number: str) -> str:
    """"13 a" -> "13a" for link fragments."""
    return "".join(number.split()).lower()


def lagen_nu_link(
    sfs: str,
    chapter: str | None = None,
    section: str | None = None,
    stycke: int | None = None,
    punkt: int | None = None,
) -> str:
    """Deep link to lagen.nu: ``https://lagen.nu/2001:453#K7P1S1N2``.

    Stycke and punkt are only meaningful under a section and are left out
    without one.
    """
    fragment = ""
    if chapter:
        fragment += "K" + _compact(chapter)
    if section:
        fragment += "P" + _compact(section)
        if stycke is not None:
            fragment += f"S{stycke}"
        if punkt is not None:
            fragment += f"N{punkt}"
    link = LAGEN_NU + sfs.strip()
    return f"{link}#{fragment}" if fragment else link


# --------------------------------------------------------------------------
# Places: chapter, section, stycke, punkt
# --------------------------------------------------------------------------

ORDINALS: Mapping[str, int] = MappingProxyType({
    "första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5,
    "sjätte": 6, "sjunde": 7, "åttonde": 8, "nionde": 9, "tionde": 10,
})
_ORD = "(?:" + "|".join(ORDINALS) + ")"
# A chapter or section number: "16", "8 a", "13a", "8\na".
_NUM = r"[0-9]{1,3}(?:\s{0,3}[a-z](?!\w))?"
# One element of a section list: a number or a range "1-3".
_ELEM = _NUM + r"(?:\s*[-–—]\s*" + _NUM + r")?"
_ELEM_SEP = r"(?:\s*,\s*|\s+(?:och|samt|eller)\s+)"
# Bounded, so that a long run of numbers without "§" fails fast.
_SECTIONS = _ELEM + r"(?:" + _ELEM_SEP + _ELEM + r"){0,12}"

PLACE_RE = re.compile(
    r"(?<![\w.,:/§\-–])"
    r"(?:"
    r"(?P<chapter>" + _NUM + r")\s+kap(?:itlet|\.|\b)"
    r"(?:\s+(?P<chapter_sections>" + _SECTIONS + r")\s*§§?)?"
    r"|(?P<sections>" + _SECTIONS + r")\s*§§?"
    r")"
    # stycke: "andra stycket", "tredje och fjärde styckena", "1 st."
    r"(?:\s+(?P<stycke>" + _ORD + r")(?:(?:\s*,\s*|\s+(?:och|eller|samt)\s+|\s*[-–]\s*)" + _ORD + r"){0,9}"
    r"\s+(?:stycket|styckena|st\.)"
    r"|[ \t]+(?P<stycke_num>[0-9]{1,2})\s*st\.)?"
    # punkt: "9 § 8", "första stycket 2", "punkt 2", "2 p.", "första punkten".
    # Only on the same line, and never the start of the next place.
    r"(?:[ \t\xa0]+(?:punkt(?:en)?[ \t]+)?(?P<punkt>[0-9]{1,2})(?:\s*p\.)?"
    r"(?![0-9]|[,.:][0-9]|\s*[-–]\s*[0-9]|\s*(?:[a-z]\s*)?(?:kap\b|§))"
    r"|\s+(?P<punkt_ord>" + _ORD + r")\s+punkten)?"
)
_ELEM_RE = re.compile(r"(?P<section>" + _NUM + r")(?:\s*[-–—]\s*(?P<section_to>" + _NUM + r"))?")
_NUMBER_PARTS = re.compile(r"([0-9]+)\s*([a-z]?)")


def _normalise_number(number: str) -> str:
    """"13a" / "13 a" / "13\na" -> "13 a"."""
    match = _NUMBER_PARTS.fullmatch(number.strip())
    if not match:
        return " ".join(number.split())
    digits, letter = match.groups()
    return f"{digits} {letter}" if letter else digits


@dataclass(frozen=True)
class _Place:
    start: int
    end: int
    chapter: str | None
    section: str | None = None
    section_to: str | None = None
    stycke: int | None = None
    punkt: int | None = None

    def in_chapter(self, chapter: str) -> _Place:
        return _Place(self.start, self.end, chapter, self.section,
                      self.section_to, self.stycke, self.punkt)


def _places_of(match: re.Match[str]) -> list[_Place]:
    """The places one PLACE_RE match names; "1 och 2 §§" names two."""
    chapter = match["chapter"]
    chapter = _normalise_number(chapter) if chapter else None
    stycke = ORDINALS[match["stycke"]] if match["stycke"] else (
        int(match["stycke_num"]) if match["stycke_num"] else None)
    punkt = int(match["punkt"]) if match["punkt"] else (
        ORDINALS[match["punkt_ord"]] if match["punkt_ord"] else None)

    group = "chapter_sections" if match["chapter_sections"] else "sections"
    if not match[group]:
        return [_Place(match.start(), match.end(), chapter, stycke=stycke, punkt=punkt)]

    elements = list(_ELEM_RE.finditer(match.string, match.start(group), match.end(group)))
    places = []
    for i, element in enumerate(elements):
        last = i == len(elements) - 1
        places.append(_Place(
            start=match.start() if i == 0 else element.start(),
            end=match.end() if last else element.end(),
            chapter=chapter,
            section=_normalise_number(element["section"]),
            section_to=_normalise_number(element["section_to"]) if element["section_to"] else None,
            # A stycke or punkt after "1 och 2 §§" is read as the last one's.
            stycke=stycke if last else None,
            punkt=punkt if last else None,
        ))
    return places


def _scan_places(text: str) -> list[_Place]:
    return [place for match in PLACE_RE.finditer(text) for place in _places_of(match)]


# --------------------------------------------------------------------------
# Act references
# --------------------------------------------------------------------------

_SFS = r"[0-9]{4}:[0-9]{1,4}(?![0-9:])"
_LAW_WORD = r"(?:lag|lagen|förordning|förordningen|balk|balken)"

# "lagen (1993:387)", "Lag (2008:344)", "svensk lag (2018:1197 om ...)",
# "lag 2017:612", "skollagen (2010:800)": a law word with an SFS number.
GENERIC_ACT_RE = re.compile(
    r"(?<![\w-])(?P<word>(?i:[^\W\d_]*?" + _LAW_WORD + r"))"
    r"(?=\s*\(\s*(?:SFS\s*)?[0-9]{4}:[0-9]|\s+(?:SFS\s*)?[0-9]{4}:[0-9])"
)
# "SFS 2017:30"
SFS_PREFIX_RE = re.compile(r"(?<![\w-])SFS\s*(?P<sfs>" + _SFS + r")")
# "(2018:1197 om Förenta nationernas konvention om barnets rättigheter)":
# the inside of the parentheses.
PAREN_SFS_TITLE_RE = re.compile(
    r"(?<=\()\s*(?P<sfs>" + _SFS + r")\s+(?:om|med)\s[^()]{1,250}?(?=\s*\))"
)
# "samma lag", "nämnda förordning": the act named last in the sentence.
ANAPHOR_RE = re.compile(
    r"(?<![\w-])(?i:(?:samma|nämnda|denna|förstnämnda|sistnämnda)\s+" + _LAW_WORD + r")(?![\w-])"
)

# What may follow the name of an act.
_EXT_SFS_RE = re.compile(
    r"\s*\(\s*(?:(?:SFS|(?i:lag|lagen|förordning|förordningen))\s+)?(?P<sfs>" + _SFS + r")"
    r"(?:\s+(?:om|med)\s[^()]{1,250}?)?\s*\)"
)
_EXT_BARE_SFS_RE = re.compile(r"\s+(?:SFS\s*)?(?P<sfs>" + _SFS + r")")
_EXT_LATE_SFS_RE = re.compile(r"\s*,?" + _EXT_SFS_RE.pattern)
_ABBR = r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,6}"
_EXT_APPOSITIVE_RE = re.compile(
    r"\s*(?:,\s*(?P<abbr>" + _ABBR + r")(?![\w-])|\(\s*(?P<abbr_paren>" + _ABBR + r")\s*\))"
)
# The title of an act not in the register: "om vård av missbrukare i vissa
# fall". Words up to punctuation, at most 15, stopping at words that start
# the rest of the sentence.
_TITLE_STOP = r"(?:ska|skall|som|enligt|samt|är|har|gäller|kan|får|bör|måste|innebär|reglerar|regleras)\b"
_EXT_GENERIC_TITLE_RE = re.compile(
    r"\s+(?:om|med)\s+[^\W\d_]\w*"
    r"(?:(?:\s*[-–]\s*|\s+)(?!" + _TITLE_STOP + r")[^\W\d_]\w*){0,14}"
)

_TRAILING_CONNECTOR_RE = re.compile(r"(?:\s+(?:och|samt|eller|respektive))?\s*$")


@dataclass(frozen=True)
class _ActRef:
    """An act as written in the text, with what resolves it."""

    start: int
    end: int
    act_id: str | None
    sfs: str | None
    name_written: str | None
    sfs_written: str | None
    conflict: bool
    anaphor: bool = False


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int          # end of the core match, before extensions
    priority: int     # lower wins at equal span
    kind: str         # "name", "generic", "sfs", "paren", "anaphor"
    match: re.Match[str]


def _candidates(text: str, index: StatuteIndex) -> list[_Candidate]:
    found: list[_Candidate] = []
    if index._mention_re is not None:
        found += [_Candidate(m.start(), m.end(), 0, "name", m) for m in index._mention_re.finditer(text)]
    found += [_Candidate(m.start(), m.end(), 1, "generic", m) for m in GENERIC_ACT_RE.finditer(text)]
    found += [_Candidate(m.start(), m.end(), 2, "sfs", m) for m in SFS_PREFIX_RE.finditer(text)]
    found += [_Candidate(m.start(), m.end(), 3, "paren", m) for m in PAREN_SFS_TITLE_RE.finditer(text)]
    found += [_Candidate(m.start(), m.end(), 4, "anaphor", m) for m in ANAPHOR_RE.finditer(text)]
    found.sort(key=lambda c: (c.start, -c.end, c.priority))
    return found


def _scan_act_refs(text: str, index: StatuteIndex) -> list[_ActRef]:
    """Act references, leftmost-longest, extended by what is written after them."""
    candidates = _candidates(text, index)
    starts = [c.start for c in candidates]
    refs: list[_ActRef] = []
    covered = 0
    for candidate in candidates:
        if candidate.start < covered:
            continue
        ref = _act_ref(text, candidate, index, starts)
        refs.append(ref)
        covered = ref.end
    return refs


def _act_ref(text: str, candidate: _Candidate, index: StatuteIndex, starts: Sequence[int]) -> _ActRef:
    match, kind = candidate.match, candidate.kind
    if kind == "anaphor":
        return _ActRef(match.start(), match.end(), None, None, None, None, False, anaphor=True)
    if kind in ("sfs", "paren"):
        sfs = match["sfs"]
        return _resolved(match.start(), match.end(), None, None, sfs, index)

    if kind == "name":
        named = index.by_name(match["name"]) if match["name"] else index.by_abbreviation(match["abbr"])
        name_written = match["name"] or match["abbr"]
        return _extend_name(text, match.start(), match.end(), name_written, named, index, generic=False,
                            starts=starts)
    return _extend_name(text, match.start(), match.end(), match["word"], None, index, generic=True,
                        starts=starts)


def _extend_name(
    text: str, start: int, end: int, name_written: str, named: Act | None,
    index: StatuteIndex, generic: bool, starts: Sequence[int],
) -> _ActRef:
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
    before the next one ("lagen (2099:1) om prov och socialtjänstlagen").
    """
    if act is not None and act.id in index._title_rest_re:
        exact = index._title_rest_re[act.id].match(text, end)
        if exact:
            return exact.end()
    guess = _EXT_GENERIC_TITLE_RE.match(text, end)
    if not guess:
        return end
    title_end = guess.end()
    following = bisect.bisect_left(starts, end)
    next_start = starts[following] if following < len(starts) else len(text)
    if next_start < title_end:
        # Another act's name starts inside the guessed title: stop before it.
        head = _TRAILING_CONNECTOR_RE.sub("", text[end:next_start])
        title_end = end + len(head) if _EXT_GENERIC_TITLE_RE.fullmatch(head) else end
    return title_end


def _resolved(
    start: int, end: int, name_written: str | None, named: Act | None,
    sfs_written: str | None, index: StatuteIndex,
) -> _ActRef:
    """Resolve an act reference; a written SFS number wins over a name.

    ``name_written`` keeps the spelling but not the line breaks of the text.
    """
    if name_written is not None:
        name_written = " ".join(name_written.split())
    if sfs_written:
        by_number = index.by_sfs(sfs_written)
        return _ActRef(
            start, end,
            act_id=by_number.id if by_number else None,
            sfs=sfs_written,
            name_written=name_written,
            sfs_written=sfs_written,
            conflict=(named is not None and named.sfs != sfs_written
                      and not (by_number and name_written and index.is_called(by_number, name_written))),
        )
    return _ActRef(
        start, end,
        act_id=named.id if named else None,
        sfs=named.sfs if named else None,
        name_written=name_written,
        sfs_written=None,
        conflict=False,
    )


# --------------------------------------------------------------------------
# Grouping and binding
# --------------------------------------------------------------------------

# Between places of one list: "och", "samt", "respektive", "eller", commas.
_LIST_GAP_RE = re.compile(
    r"\s*(?:,\s*)?(?:(?:och|samt|respektive|resp\.|eller|och/eller)\s+)?(?:i\s+)?"
)
# Between a place list and the act it belongs to: "2 §, HSL", "2 § i lagen".
_PLACE_ACT_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:i\s+)?")
# Between an act and the places after it: "patientlagen (2014:821) 6 kap",
# "lagen om ... (4 kap. 1-3§§)".
_ACT_PLACE_GAP_RE = re.compile(r"\s*(?:(?P<open>\()\s*|,\s*)?")
_CLOSE_PAREN_RE = re.compile(r"\s*\)")
# The end of a sentence, for "samma lag". Not after "kap." or "m.fl.".
_SENTENCE_END_RE = re.compile(
    r"(?<!kap)(?<!\bfl)(?<!\bm\.m)(?<!t\.ex)[.!?](?=\s+[A-ZÅÄÖ•])|\n[ \t]*\n"
)


def _place_lists(text: str, places: list[_Place]) -> list[list[_Place]]:
    """Group places joined by list words; later places take an earlier chapter."""
    lists: list[list[_Place]] = []
    for place in places:
        current = lists[-1] if lists else None
        if current and _LIST_GAP_RE.fullmatch(text, current[-1].end, place.start):
            if place.chapter is None and current[-1].chapter is not None:
                place = place.in_chapter(current[-1].chapter)
            current.append(place)
        else:
            lists.append([place])
    return lists


def _citation(
    place: _Place | None, start: int, end: int, text: str, ref: _ActRef | None,
    from_context: bool = False,
) -> Citation:
    sfs = ref.sfs if ref else None
    chapter = place.chapter if place else None
    section = place.section if place else None
    stycke = place.stycke if place else None
    punkt = place.punkt if place else None
    return Citation(
        text=text[start:end],
        start=start,
        end=end,
        act_id=ref.act_id if ref else None,
        sfs=sfs,
        name_written=None if from_context or ref is None else ref.name_written,
        sfs_written=None if from_context or ref is None else ref.sfs_written,
        chapter=chapter,
        section=section,
        section_to=place.section_to if place else None,
        stycke=stycke,
        punkt=punkt,
        conflict=False if from_context or ref is None else ref.conflict,
        link=lagen_nu_link(sfs, chapter, section, stycke, punkt) if sfs else None,
    )


class _Antecedents:
    """Finds the act named last before a position in the same sentence."""

    def __init__(self, text: str, refs: Sequence[_ActRef]):
        self._text = text
        self._named = [ref for ref in refs if not ref.anaphor and ref.sfs is not None]
        self._named_ends = [ref.end for ref in self._named]
        self._sentence_ends = [m.start() for m in _SENTENCE_END_RE.finditer(text)]

    def before(self, position: int) -> _ActRef | None:
        i = bisect.bisect_right(self._named_ends, position) - 1
        if i < 0:
            return None
        ref = self._named[i]
        j = bisect.bisect_left(self._sentence_ends, position) - 1
        if j >= 0 and self._sentence_ends[j] >= ref.end:
            return None  # a sentence ends between the act and the position
        return ref

    def quoting(self, position: int) -> _ActRef | None:
        """The act whose text is quoted at position: the sentence naming it ends with a colon
        ("… angiven i tandvårdslagen (1985:125) 8 a §:") and the quotation starts right after."""
        i = bisect.bisect_right(self._named_ends, position) - 1
        if i < 0:
            return None
        ref = self._named[i]
        between = [end for end in self._sentence_ends if ref.end <= end < position]
        if len(between) != 1:
            return None
        return ref if self._text[ref.end:between[0]].rstrip().endswith(":") else None


def _bind(text: str, places: list[list[_Place]], refs: list[_ActRef]) -> list[Citation]:
    """Bind each place list to its act and emit the citations."""
    # Interleave place lists and act references in text order.
    items: list[tuple[int, str, object]] = [(pl[0].start, "places", pl) for pl in places]
    items += [(ref.start, "act", ref) for ref in refs]
    items.sort(key=lambda item: item[0])

    antecedents = _Antecedents(text, refs)
    citations: list[Citation] = []
    used: set[int] = set()  # ids of act references bound to places
    for i, (_, kind, item) in enumerate(items):
        if kind != "places":
            continue
        place_list: list[_Place] = item  # type: ignore[assignment]
        after = items[i + 1][2] if i + 1 < len(items) and items[i + 1][1] == "act" else None
        before = items[i - 1][2] if i > 0 and items[i - 1][1] == "act" else None

        forward = after is not None and _PLACE_ACT_GAP_RE.fullmatch(
            text, place_list[-1].end, after.start) is not None
        backward = None
        if before is not None and not before.anaphor and id(before) not in used:
            backward = _ACT_PLACE_GAP_RE.fullmatch(text, before.end, place_list[0].start)

        if forward and backward and len(place_list) > 1:
            # "tandvårdslagen (1985:125) 8 a § samt 5 kap. 2 § SoL": the
            # first place belongs to the act before, the rest to the act after.
            citations += _emit_after_act(text, place_list[:1], before, backward)
            used.add(id(before))
            place_list, backward = place_list[1:], None

        if forward:
            used.add(id(after))
            if after.anaphor:
                ref = antecedents.before(place_list[0].start)
                citations += _emit(text, place_list, ref, end=after.end, from_context=True)
            else:
                citations += _emit(text, place_list, after, end=after.end)
        elif backward:
            used.add(id(before))
            citations += _emit_after_act(text, place_list, before, backward)
        else:
            quoted = antecedents.quoting(place_list[0].start)
            citations += _emit(text, place_list, quoted, from_context=quoted is not None)

    # Acts no place list took are citations of the act as a whole.
    for ref in refs:
        if not ref.anaphor and id(ref) not in used:
            citations.append(_citation(None, ref.start, ref.end, text, ref))
    citations.sort(key=lambda c: (c.start, c.end))
    return citations


def _emit_after_act(
    text: str, place_list: list[_Place], ref: _ActRef, gap: re.Match[str],
) -> list[Citation]:
    """Places written after their act; "(4 kap. 1-3§§)" keeps its ")"."""
    end = place_list[-1].end
    if gap["open"]:
        close = _CLOSE_PAREN_RE.match(text, end)
        end = close.end() if close else end
    return _emit(text, place_list, ref, start=ref.start, end=end)


def _emit(
    text: str, place_list: list[_Place], ref: _ActRef | None,
    start: int | None = None, end: int | None = None, from_context: bool = False,
) -> list[Citation]:
    """Citations of one place list; the act's text joins the nearest place."""
    last = len(place_list) - 1
    return [
        _citation(
            place,
            start if (i == 0 and start is not None) else place.start,
            end if (i == last and end is not None) else place.end,
            text, ref, from_context,
        )
        for i, place in enumerate(place_list)
    ]


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def find_citations(text: str, index: StatuteIndex) -> list[Citation]:
    """Every statute citation in ``text``, in order of start."""
    refs = _scan_act_refs(text, index)
    places = _outside(_scan_places(text), refs)
    return _bind(text, _place_lists(text, places), refs)


def _outside(places: list[_Place], refs: list[_ActRef]) -> list[_Place]:
    """Places not overlapping an act reference (say, inside a title)."""
    starts = [ref.start for ref in refs]
    kept = []
    for place in places:
        i = bisect.bisect_left(starts, place.end)
        # refs are sorted and disjoint: only the last two starting before the
        # place's end can reach into it.
        if not any(ref.end > place.start for ref in refs[max(0, i - 2):i]):
            kept.append(place)
    return kept
