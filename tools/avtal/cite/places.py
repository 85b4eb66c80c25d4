"""Places in a statute as Swedish text writes them, and lagen.nu's anchors for them.

A *place* is one provision a citation links to: a chapter, a section, and within a section a
moment, a stycke, a mening or a punkt. ``read_places`` reads a whole list of them the way the text
writes it ("8 kap. 6 § och 12 kap. 1-3 §§", "2 kap. 7 § andra och tredje styckena",
"7 § 1 eller 2", "1-3 kap.") and gives each member its own span, as lagen.nu links them: a range
links both its ends ("12 kap. 1" and "3 §§"), a list each member ("2 § andra" and "tredje
styckena"); the chapter and section written once belong to the first member's span.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

LAGEN_NU = "https://lagen.nu/"


def _compact(number: str) -> str:
    """"13 a" -> "13a" for link fragments."""
    return "".join(number.split()).lower()


def lagen_nu_link(
    sfs: str,
    chapter: str | None = None,
    section: str | None = None,
    stycke: int | None = None,
    punkt: str | int | None = None,
    *,
    moment: int | None = None,
    mening: int | None = None,
) -> str:
    """Deep link to lagen.nu in its own scheme: ``https://lagen.nu/2001:453#K7P1S1N2``.

    K chapter, P section, O moment, S stycke, N punkt (a letter point as its letter: ``N b``
    is ``Nb``), M mening, in that order. A punkt cited without its stycke is in the first one
    ("9 § 8" is ``#P9S1N8``). Moment, stycke, mening and punkt are only meaningful under a
    section and are left out without one.
    """
    fragment = ""
    if chapter:
        fragment += "K" + _compact(chapter)
    if section:
        fragment += "P" + _compact(section)
        if moment is not None:
            fragment += f"O{moment}"
        if punkt is not None and stycke is None:
            stycke = 1
        if stycke is not None:
            fragment += f"S{stycke}"
        if punkt is not None:
            fragment += "N" + _compact(str(punkt))
        if mening is not None:
            fragment += f"M{mening}"
    link = LAGEN_NU + sfs.strip()
    return f"{link}#{fragment}" if fragment else link


ORDINALS: Mapping[str, int] = MappingProxyType({
    "första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6,
    "sjunde": 7, "åttonde": 8, "nionde": 9, "tionde": 10, "elfte": 11, "tolfte": 12,
})

_END = r"(?![\wåäöÅÄÖ])"
_ORD = "(?:" + "|".join(ORDINALS) + ")" + _END
# A chapter or section number: "16", "8 a", "13a", "8\na"; "i" only right before "§" ("26 i §",
# lagen.nu's "#P26i"), so that "2 § i samma lag" keeps its "i"; never the "t" of "t.o.m." (a letter
# followed by a full stop and a letter is an abbreviation). lagen.nu's grammar (ferenda's
# lagrum.ebnf, SectionRefID) likewise takes a letter only when no letter follows it.
_LETTER_END = _END + r"(?!\.[^\W\d_])"
_LETTER = r"(?:\s{0,3}(?:[a-hj-z]|i(?=\s*§))" + _LETTER_END + ")"
_NUM = r"[0-9]{1,3}(?![0-9])" + _LETTER + "?"
_RANGE = r"\s*(?:[-–—‑]{1,2}|\bt\.o\.m\.)\s*"
_SEP = r"(?:\s*,\s*(?:(?:och|samt|eller)\s+)?|\s+(?:och/eller|och|samt|eller|respektive|resp\.)\s+)"
_NUMS = _NUM + r"(?:(?:" + _RANGE + "|" + _SEP + r")" + _NUM + r"){0,24}"

# Where a list may start: not inside a number, a date, a word or after "§" ("§ 14" is a protocol's).
_START = r"(?<![\w.,:/§\-–—‑])"
_CHAPTERS_RE = re.compile(r"(?P<nums>" + _NUMS + r")\s*(?P<mark>[Kk]ap(?:itlet|itel|\.|\b))")
_SECTIONS_RE = re.compile(r"(?P<nums>" + _NUMS + r")\s*(?P<mark>§§?)")
_SECTIONS_AFTER_CHAPTER_RE = re.compile(r"\s+" + _SECTIONS_RE.pattern)
# A number inside a list _NUMS has already read: any letter after it is the number's, "i" too (the
# list ends at the "§" that made it a letter, out of sight of a lookahead for it).
_NUMBER_RE = re.compile(r"(?P<n>[0-9]{1,3})(?:\s{0,3}[a-z]" + _LETTER_END + ")?")
_CANDIDATE_RE = re.compile(_START + r"[0-9]")

# A number that starts the next place ("st. 2 § 3") is not a stycke's.
_NOT_A_PLACE_LATE = r"(?![0-9]|\s*(?:[a-z]\s*)?(?:kap\b|kap\.|§))"
_MOMENT_RE = re.compile(r"\s*(?P<n>[0-9]{1,2})\s*mom\.")
_ORDINAL_LIST = r"(?P<list>" + _ORD + r"(?:(?:" + _SEP + "|" + _RANGE + r")" + _ORD + r"){0,11})"
# "andra stycket", "3 st." and "3 st" (ferenda's sfs-tricky-stycke-forkortning.txt: "4 § 3 st och
# 39 §" is #P4S3), "st. 2" (the abbreviation before the number).
_STYCKE_RE = re.compile(
    r"\s*(?:" + _ORDINAL_LIST + r"\s+(?P<word>stycket|styckena|st\.)" + "|(?P<n>[0-9]{1,2})\\s*st(?:\\.|" + _END + ")"
    + "|st\\.\\s*(?P<after>[0-9]{1,2})" + _NOT_A_PLACE_LATE + ")"
)
_MENING_RE = re.compile(r"\s*" + _ORDINAL_LIST + r"\s+(?P<word>meningen|meningarna)" + _END)
_PUNKT_ORD_RE = re.compile(r"\s*" + _ORDINAL_LIST + r"\s+(?P<word>punkten|punkterna)" + _END)
# A punkt by number or letter: "2", "2 p.", "punkt 2", "punkterna 2", "b)", "punkt b".
# A number never starts the next place ("9 § 8 och 9 § 9"), a decimal, a date or a thousand.
_NOT_A_PLACE = r"(?![0-9]|[,.:][0-9]|[ \u00a0\u202f][0-9]{3}|\s*(?:[a-z]\s*)?(?:kap\b|kap\.|§))"
_PUNKT_NUM = r"(?P<n>[0-9]{1,2}(?:[ \u00a0]?(?!p\.)[a-hj-z]" + _END + r")?)" + _NOT_A_PLACE + r"(?:\s*p\.)?"
# A letter point: "b)", or a letter alone ("10 § f", "första stycket b", "punkt c"), as lagen.nu's
# grammar reads it (ferenda's lagrum.ebnf: SectionItemRef is a SectionRef and an ItemRef, whose
# ItemRefChar is any letter but "i" with no letter after it). A letter alone is none when an
# abbreviation goes on ("o.s.v.", "m.m."), "p. 5" (punkt 5) or a "§" or "kap." follows, or a
# word joined by a hyphen ("a-kassa"): guards chosen by hand for Swedish running text.
_LETTER_ALONE = (_LETTER_END + r"(?!\.\s*[0-9])(?![-‑][^\W\d_]{2})(?!\s*(?:§|kap\b|kap\.))")
_PUNKT_LETTER = r"(?P<l>[a-hj-z])(?=\)|" + _LETTER_ALONE + ")"
# A punkt may close with ")", number or letter: "8)", "6)", "2 a)", "b)" (ferenda's lagrum.ebnf:
# ItemRef is an ItemRefID, then an optional Period and RightParen; its test
# sfs-tricky-punkt-parantes.txt links "14 § 1 st. 6)" to #P14S1N6). ``_punkter`` gives the ")" back
# when it closes a parenthesis opened before the punkt ("(jfr 9 § 8) och 5 kap. SoL").
_CLOSE = r"(?P<close>\))?"
_PUNKT_FIRST_RE = re.compile(
    r"[ \t\u00a0\u202f]+(?P<word>punkt(?:en|erna)?\s+|p\.\s*(?=[0-9]))?(?:" + _PUNKT_NUM + "|" + _PUNKT_LETTER + ")" + _CLOSE
)
# The next member of a list of punkter: a number or "b)"; a letter alone only after a letter
# ("10 § f och g"), so that "9 § 8 och a" does not make "a" a punkt.
_PUNKT_NEXT_RE = re.compile(r"(?:" + _PUNKT_NUM + r"|(?P<l>[a-hj-z])(?=\)))" + _CLOSE)
_PUNKT_NEXT_LETTER_RE = re.compile(_PUNKT_LETTER + _CLOSE)
# How far back a "(" may stand and still be the one a punkt's ")" closes: a parenthesis in running
# text is a few words long; chosen by hand, and it bounds the work per punkt on hostile input.
_PAREN_LOOKBACK = 300
_LIST_SEP_RE = re.compile(_SEP + "|" + _RANGE)
_ITEM_SEP_RE = re.compile(_SEP)
_RANGE_RE = re.compile(_RANGE)
_ORDINAL_RE = re.compile(_ORD)
_NUMBER_PARTS = re.compile(r"([0-9]+)\s*([a-z]?)")


def normalise_number(number: str) -> str:
    """"13a" / "13 a" / "13\na" -> "13 a"."""
    match = _NUMBER_PARTS.fullmatch(number.strip())
    if not match:
        return " ".join(number.split())
    digits, letter = match.groups()
    return f"{digits} {letter}" if letter else digits


@dataclass(frozen=True)
class Place:
    """One provision as written, a member of a list or an end of a range, and its span.

    start and end are character offsets in the text; numbers are normalised ("13a" → "13 a");
    ``item`` counts the items of its list (each new chapter or "§" starts one).
    """

    start: int
    end: int
    chapter: str | None = None
    section: str | None = None
    section_to: str | None = None  # a range's first member knows its last
    moment: int | None = None
    stycke: int | None = None
    mening: int | None = None
    punkt: str | None = None
    item: int = 0


@dataclass(frozen=True)
class _Member:
    value: object
    start: int
    end: int
    range_to: object = None  # the next member ends a range that starts here


def _members(text: str, start: int, end: int, pattern: re.Pattern[str], value) -> list[_Member]:
    """The members of a list between start and end, each with the separator before the next."""
    found = [(m.start(), m.end(), value(m)) for m in pattern.finditer(text, start, end)]
    members = []
    for i, (s, e, v) in enumerate(found):
        to = None
        if i + 1 < len(found) and _RANGE_RE.fullmatch(text, e, found[i + 1][0]):
            to = found[i + 1][2]
        members.append(_Member(v, s, e, to))
    return members


def _number_members(text: str, start: int, end: int) -> list[_Member]:
    return _members(text, start, end, _NUMBER_RE, lambda m: normalise_number(m[0]))


def _ordinal_members(match: re.Match[str]) -> list[_Member]:
    return _members(match.string, match.start("list"), match.end("list"), _ORDINAL_RE,
                    lambda m: ORDINALS[m[0]])


def _refine(places: list[Place], members: list[_Member], closing_end: int, field: str) -> list[Place]:
    """The last place split by a list of its parts ("andra och tredje styckena"): the first part
    joins the last place's span, the others have their own, the last up to the closing word."""
    if not members:
        return places
    last = places[-1]
    out = places[:-1]
    for i, member in enumerate(members):
        start = last.start if i == 0 else member.start
        end = closing_end if i == len(members) - 1 else member.end
        out.append(dataclasses.replace(last, start=start, end=end, **{field: member.value}))
    return out


def _punkt_value(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return _compact(groups.get("n") or groups["l"])


def _punkt_end(match: re.Match[str]) -> int:
    """Where a punkt ends: after its ")", unless that closes a "(" opened before it on its line
    (within _PAREN_LOOKBACK characters), as in "(jfr 9 § 8)"."""
    close = match.start("close")
    if close < 0:
        return match.end()
    text = match.string
    start = max(text.rfind("\n", 0, close) + 1, close - _PAREN_LOOKBACK)
    return close if text.count("(", start, close) > text.count(")", start, close) else match.end()


def _punkter(text: str, pos: int, first: re.Pattern[str]) -> tuple[list[_Member], int]:
    """A punkt and the punkter listed after it: "2, 3 eller 4", "2-4", "b) - c)"."""
    match = first.match(text, pos)
    if not match:
        return [], pos
    end = _punkt_end(match)
    members = [_Member(_punkt_value(match), match.start(), end)]
    next_re = _PUNKT_NEXT_LETTER_RE if match["l"] else _PUNKT_NEXT_RE
    while end == match.end():  # a punkt that closed a parenthesis ends the list
        sep = _LIST_SEP_RE.match(text, end)
        following = next_re.match(text, sep.end()) if sep else None
        if not following:
            return members, end
        if _RANGE_RE.fullmatch(text, end, sep.end()):
            members[-1] = dataclasses.replace(members[-1], range_to=_punkt_value(following))
        match = following
        end = _punkt_end(match)
        members.append(_Member(_punkt_value(match), match.start(), end))
    return members, end


def _subdivide(text: str, place: Place) -> list[Place]:
    """A section's moment, stycken, meningar and punkter written after it."""
    places, end = [place], place.end
    moment = _MOMENT_RE.match(text, end)
    if moment:
        places = [dataclasses.replace(place, end=moment.end(), moment=int(moment["n"]))]
        end = moment.end()
    stycke = _STYCKE_RE.match(text, end)
    if stycke:
        if stycke["n"] or stycke["after"]:
            members = [_Member(int(stycke["n"] or stycke["after"]), stycke.start(), stycke.end())]
        else:
            members = _ordinal_members(stycke)
        places, end = _refine(places, members, stycke.end(), "stycke"), stycke.end()
    mening = _MENING_RE.match(text, end)
    if mening:
        places, end = _refine(places, _ordinal_members(mening), mening.end(), "mening"), mening.end()
    ordinal = _PUNKT_ORD_RE.match(text, end)
    if ordinal:
        members = [_Member(str(m.value), m.start, m.end, m.range_to) for m in _ordinal_members(ordinal)]
        return _refine(places, members, ordinal.end(), "punkt")
    members, punkt_end = _punkter(text, end, _PUNKT_FIRST_RE)
    return _refine(places, members, punkt_end, "punkt")


def _sections(text: str, match: re.Match[str], start: int, chapter: str | None) -> list[Place]:
    """The places of "2-5, 7 och 8 §§" (after "12 kap." when start is the chapter's)."""
    members = _number_members(text, match.start("nums"), match.end("nums"))
    places = []
    for i, member in enumerate(members):
        last = i == len(members) - 1
        places.append(Place(
            start=start if i == 0 else member.start,
            end=match.end() if last else member.end,
            chapter=chapter, section=member.value, section_to=member.range_to,
        ))
    return places[:-1] + _subdivide(text, places[-1])


def _item(text: str, pos: int, previous: Place | None) -> list[Place]:
    """One item of a list at pos: chapters with their sections, sections, or (after a section)
    more stycken or punkter of it ("3 § fjärde stycket 2 eller femte stycket", "7 § 1 eller 2")."""
    chapters = _CHAPTERS_RE.match(text, pos)
    if chapters:
        members = _number_members(text, chapters.start("nums"), chapters.end("nums"))
        sections = _SECTIONS_AFTER_CHAPTER_RE.match(text, chapters.end()) if len(members) == 1 else None
        if sections:
            return _sections(text, sections, chapters.start(), members[0].value)
        return [Place(member.start, chapters.end() if i == len(members) - 1 else member.end, member.value)
                for i, member in enumerate(members)]
    sections = _SECTIONS_RE.match(text, pos)
    if sections:
        return _sections(text, sections, sections.start(), previous.chapter if previous else None)
    if previous is None or previous.section is None:
        return []
    if _STYCKE_RE.match(text, pos):
        return _subdivide(text, Place(pos, pos, previous.chapter, previous.section, moment=previous.moment))
    if previous.punkt is not None:
        members, end = _punkter(text, pos, _PUNKT_NEXT_RE)
        if members:
            base = dataclasses.replace(previous, start=pos, end=pos, section_to=None, mening=None)
            return _refine([base], members, end, "punkt")
    return []


def read_places(text: str, pos: int) -> list[Place]:
    """The list of places starting at pos (empty when none does), each item numbered."""
    places: list[Place] = []
    item = 0
    while True:
        found = _item(text, pos, places[-1] if places else None)
        if not found:
            return places
        places += [dataclasses.replace(p, item=item) for p in found]
        item += 1
        sep = _ITEM_SEP_RE.match(text, places[-1].end)
        if not sep:
            return places
        pos = sep.end()


def scan_places(text: str) -> list[list[Place]]:
    """Every list of places in text, in order; lists never overlap."""
    lists: list[list[Place]] = []
    at = 0
    for candidate in _CANDIDATE_RE.finditer(text):
        if candidate.start() < at:
            continue
        places = read_places(text, candidate.start())
        if places:
            lists.append(places)
            at = places[-1].end
    return lists
