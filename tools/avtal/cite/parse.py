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
from typing import Sequence

from .acts import ActRef, scan_act_refs
from .places import Place, scan_places, lagen_nu_link
from .register import StatuteIndex


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


def _place_lists(text: str, places: list[Place]) -> list[list[Place]]:
    """Group places joined by list words; later places take an earlier chapter."""
    lists: list[list[Place]] = []
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
    place: Place | None, start: int, end: int, text: str, ref: ActRef | None,
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

    def __init__(self, text: str, refs: Sequence[ActRef]):
        self._text = text
        self._named = [ref for ref in refs if not ref.anaphor and ref.sfs is not None]
        self._named_ends = [ref.end for ref in self._named]
        self._sentence_ends = [m.start() for m in _SENTENCE_END_RE.finditer(text)]

    def before(self, position: int) -> ActRef | None:
        i = bisect.bisect_right(self._named_ends, position) - 1
        if i < 0:
            return None
        ref = self._named[i]
        j = bisect.bisect_left(self._sentence_ends, position) - 1
        if j >= 0 and self._sentence_ends[j] >= ref.end:
            return None  # a sentence ends between the act and the position
        return ref

    def quoting(self, position: int) -> ActRef | None:
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


def _bind(text: str, places: list[list[Place]], refs: list[ActRef]) -> list[Citation]:
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
        place_list: list[Place] = item  # type: ignore[assignment]
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
    text: str, place_list: list[Place], ref: ActRef, gap: re.Match[str],
) -> list[Citation]:
    """Places written after their act; "(4 kap. 1-3§§)" keeps its ")"."""
    end = place_list[-1].end
    if gap["open"]:
        close = _CLOSE_PAREN_RE.match(text, end)
        end = close.end() if close else end
    return _emit(text, place_list, ref, start=ref.start, end=end)


def _emit(
    text: str, place_list: list[Place], ref: ActRef | None,
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


def find_citations(text: str, index: StatuteIndex) -> list[Citation]:
    """Every statute citation in ``text``, in order of start, none overlapping; never raises.

    start and end are character offsets (``text[start:end] == citation.text``); ``link`` is None exactly
    when the act could not be determined (``sfs`` None). tests/test_citations.py checks these properties
    on arbitrary text with hypothesis.
    """
    refs = scan_act_refs(text, index)
    places = _outside(scan_places(text), refs)
    return _bind(text, _place_lists(text, places), refs)


def _outside(places: list[Place], refs: list[ActRef]) -> list[Place]:
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
