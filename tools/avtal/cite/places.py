"""Places in a statute: chapter, section, stycke, punkt as written, and lagen.nu's anchors for them."""

from __future__ import annotations

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
# Bounded, so that a long run of numbers without "§" fails fast: at most 13 numbers, a hand-chosen
# bound far above the lists the agreement writes.
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
class Place:
    """A place in an act as written: chapter, section (or a range to section_to), stycke, punkt.

    start and end are character offsets in the text; numbers are normalised ("13a" → "13 a").
    """

    start: int
    end: int
    chapter: str | None
    section: str | None = None
    section_to: str | None = None
    stycke: int | None = None
    punkt: int | None = None

    def in_chapter(self, chapter: str) -> Place:
        """The same place in the given chapter ("16 kap. 1 § och 2 §": the 2 § is in chapter 16 too)."""
        return Place(self.start, self.end, chapter, self.section,
                      self.section_to, self.stycke, self.punkt)


def _places_of(match: re.Match[str]) -> list[Place]:
    """The places one PLACE_RE match names; "1 och 2 §§" names two."""
    chapter = match["chapter"]
    chapter = _normalise_number(chapter) if chapter else None
    stycke = ORDINALS[match["stycke"]] if match["stycke"] else (
        int(match["stycke_num"]) if match["stycke_num"] else None)
    punkt = int(match["punkt"]) if match["punkt"] else (
        ORDINALS[match["punkt_ord"]] if match["punkt_ord"] else None)

    group = "chapter_sections" if match["chapter_sections"] else "sections"
    if not match[group]:
        return [Place(match.start(), match.end(), chapter, stycke=stycke, punkt=punkt)]

    elements = list(_ELEM_RE.finditer(match.string, match.start(group), match.end(group)))
    places = []
    for i, element in enumerate(elements):
        last = i == len(elements) - 1
        places.append(Place(
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


def scan_places(text: str) -> list[Place]:
    """Every place written in text, in order, before any act is bound to it ("1 och 2 §§" gives two)."""
    return [place for match in PLACE_RE.finditer(text) for place in _places_of(match)]
