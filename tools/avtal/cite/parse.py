"""Swedish statute citations in running text, and lagen.nu deep links.

The agreement cites statutes the way people write them, with no markup:

    16 kap. 4 § hälso- och sjukvårdslagen (2017:30), HSL
    8 kap. 6 § och 12 kap. 1-3 §§, 14 kap. 1§ samt 16 kap 2 § HSL (2017:30)
    9 § 8 och 9 § 9 LSS
    patientlagen (2014:821) 6 kap 3§
    lagen (1993:387) om stöd och service till vissa funktionshindrade, LSS

``find_citations`` finds them in two steps:

1. scan: find *act references* (``acts``: a name, abbreviation or SFS number of
   an act, with what is written around it: "(2017:30)", ", HSL", "om ...";
   "samma lag", "nämnda lag", "denna lag", "lagen") and *place lists*
   (``places``: chapters, sections, moment, stycken, meningar, punkter, each
   member of a list or end of a range a place of its own);
2. bind: a place list binds to the act reference right after it ("... 2 §
   HSL", "2 § i samma lag"), else to the one right before it ("patientlagen
   (2014:821) 6 kap 3§"); "samma lag", "nämnda lag", "denna lag" and "lagen"
   stand for the act named last before them in the paragraph ("förstnämnda
   lag" the first); otherwise its places are reported unresolved. An act
   reference no place list binds to is a citation of the act without place.

Every place is one citation with one lagen.nu link; the act's text joins the
place nearest to it. Each keeps the span of the whole citation as written
(``written_start``/``written_end``), so that ``written_citations`` can show
"12 kap. 1-3 §§ HSL" once with both links, and ``display_pieces`` gives the
pieces a page links (never half of a pair of parentheses). When the SFS number written next to a name disagrees with
the register entry of the name ("HSL (2001:453)"), the written number wins (it
identifies the act uniquely; names get reused when an act is replaced) and
``conflict`` is set.

Not supported (they yield fewer or coarser citations, never an error): a
stycke or punkt after a list of sections ("1 och 2 §§ andra stycket") is
given to the last section only; a punkt on the line after its section (read
as a numbered list instead); a range links its two ends, not the members
between them (as lagen.nu); bare SFS numbers with no "lag", "SFS" or name next
to them; an abbreviation outside the register except as the appositive of
"lag (SFS) om ..., LVU"; places with no act anywhere before them in the
paragraph (they are relative to a text we do not know). The title of an act
outside the register is guessed: up to 15 words after "om"/"med", ending at
punctuation, a verb such as "ska" or the next act.

Everything here is pure: regexes are compiled at import time or once per
register in ``build_index``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from typing import Sequence

from .acts import ActRef, scan_act_refs
from .places import ORDINALS, Place, lagen_nu_link, scan_places
from .register import StatuteIndex


@dataclass(frozen=True)
class Citation:
    """One citation found in a text, one provision and one link; ``text == input[start:end]``."""

    text: str
    start: int
    end: int
    act_id: str | None
    sfs: str | None
    name_written: str | None
    sfs_written: str | None
    chapter: str | None
    section: str | None
    section_to: str | None  # the first end of a range knows the last ("12 kap. 1" of "1-3 §§")
    stycke: int | None
    punkt: str | None  # "8", "2a", or a letter point "b"
    conflict: bool
    link: str | None
    moment: int | None = None
    mening: int | None = None
    # The whole citation as the text writes it, shared by every provision it names: "12 kap. 1-3 §§ HSL"
    # for both "12 kap. 1" and "3 §§ HSL" (offsets into the same text; None: its own span).
    written_start: int | None = None
    written_end: int | None = None


_ORDINAL_WORDS = {number: word for word, number in ORDINALS.items()}


def place_label(citation: Citation) -> str:
    """The place a citation links to, written out whole in the usual Swedish form, whatever part of
    a list or range its own text is: "12 kap. 3 §" for the "3 §§" of "12 kap. 1-3 §§", "2 kap. 7 §
    tredje stycket" for the "tredje styckena" of "andra och tredje styckena". Empty for an act."""
    parts = []
    if citation.chapter:
        parts.append(f"{citation.chapter} kap.")
    if citation.section:
        parts.append(f"{citation.section} §")
        if citation.moment:
            parts.append(f"{citation.moment} mom.")
        if citation.stycke:
            parts.append(f"{_ORDINAL_WORDS.get(citation.stycke, citation.stycke)} stycket")
        if citation.punkt:
            parts.append(citation.punkt if citation.punkt[:1].isdigit() else f"{citation.punkt})")
        if citation.mening:
            parts.append(f"{_ORDINAL_WORDS.get(citation.mening, citation.mening)} meningen")
    return " ".join(parts)


# Between a place list and the act it belongs to: "2 §, HSL", "2 § i lagen"; after a punkt
# also its full stop: "9 § 7. LSS".
_PLACE_ACT_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:i\s+)?")
_PUNKT_ACT_GAP_RE = re.compile(r"\.?\s*(?:,\s*)?(?:i\s+)?")
# Between an act and the places after it: "patientlagen (2014:821) 6 kap",
# "lagen om ... (4 kap. 1-3§§)".
_ACT_PLACE_GAP_RE = re.compile(r"\s*(?:(?P<open>\()\s*|,\s*)?")
_CLOSE_PAREN_RE = re.compile(r"\s*\)")
# The end of a sentence, for a quotation. Not after "kap." or "m.fl.".
_SENTENCE_END_RE = re.compile(
    r"(?<!kap)(?<!\bfl)(?<!\bm\.m)(?<!t\.ex)[.!?](?=\s+[A-ZÅÄÖ•])|\n[ \t]*\n"
)
_PARAGRAPH_END_RE = re.compile(r"\n[ \t]*\n")


def _citation(
    place: Place | None, start: int, end: int, text: str, ref: ActRef | None,
    from_context: bool = False, written: tuple[int, int] | None = None,
) -> Citation:
    sfs = ref.sfs if ref else None
    fields = {name: getattr(place, name) if place else None
              for name in ("chapter", "section", "section_to", "moment", "stycke", "mening", "punkt")}
    link = None
    if sfs and fields["section"] and not fields["chapter"] and ref is not None and ref.chaptered:
        # A section without its chapter in an act divided into chapters ("3 § samma lag" after
        # "16 kap. 4 § HSL"): lagen.nu has no #P3 there, and the chapter is not carried over from
        # an earlier citation (ferenda's legalref clears it between references; "samma lag" gives
        # the act only). The act is known, the place is not: link the act.
        link = lagen_nu_link(sfs)
    elif sfs and fields["chapter"] and ref is not None and ref.unchaptered:
        # A chapter of an act the register knows has none ("16 kap. 4 § och 9 § LSS"): lagen.nu has
        # no "#K16P4" there, and which section is meant is unclear (`avtal check` reports
        # statute-no-chapters). Link the act, never an anchor that cannot exist.
        link = lagen_nu_link(sfs)
    elif sfs:
        link = lagen_nu_link(sfs, fields["chapter"], fields["section"], fields["stycke"], fields["punkt"],
                             moment=fields["moment"], mening=fields["mening"])
    return Citation(
        text=text[start:end],
        start=start,
        end=end,
        act_id=ref.act_id if ref else None,
        sfs=sfs,
        name_written=None if from_context or ref is None else ref.name_written,
        sfs_written=None if from_context or ref is None else ref.sfs_written,
        conflict=False if from_context or ref is None else ref.conflict,
        link=link,
        written_start=written[0] if written else start,
        written_end=written[1] if written else end,
        **fields,
    )


class _Antecedents:
    """Finds the act an anaphor or a quotation stands for: named before it in the paragraph."""

    def __init__(self, text: str, refs: Sequence[ActRef]):
        self._text = text
        self._named = [ref for ref in refs if not ref.anaphor and ref.sfs is not None]
        self._named_ends = [ref.end for ref in self._named]
        self._sentence_ends = [m.start() for m in _SENTENCE_END_RE.finditer(text)]
        self._paragraph_starts = [m.end() for m in _PARAGRAPH_END_RE.finditer(text)]

    def _paragraph_start(self, position: int) -> int:
        i = bisect.bisect_right(self._paragraph_starts, position) - 1
        return self._paragraph_starts[i] if i >= 0 else 0

    def before(self, position: int, first: bool = False, used: frozenset[int] | set[int] = frozenset()) -> ActRef | None:
        """The act named last (or first) before position in its paragraph; an abbreviation that counts
        only beside a place (``ActRef.needs_place``) names its act only when a place took it (``used``:
        ids of the act references bound to places)."""
        start = self._paragraph_start(position)
        lo = bisect.bisect_left(self._named_ends, start)
        hi = bisect.bisect_right(self._named_ends, position)
        inside = [ref for ref in self._named[lo:hi]
                  if ref.start >= start and (not ref.needs_place or id(ref) in used)]
        if not inside:
            return None
        return inside[0] if first else inside[-1]

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


def _bind(text: str, lists: list[list[Place]], refs: list[ActRef]) -> list[Citation]:
    """Bind each place list to its act and emit the citations."""
    # Interleave place lists and act references in text order.
    items: list[tuple[int, str, object]] = [(pl[0].start, "places", pl) for pl in lists]
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

        gap = _PUNKT_ACT_GAP_RE if place_list[-1].punkt is not None else _PLACE_ACT_GAP_RE
        forward = after is not None and gap.fullmatch(text, place_list[-1].end, after.start) is not None
        backward = None
        if before is not None and not before.anaphor and id(before) not in used:
            backward = _ACT_PLACE_GAP_RE.fullmatch(text, before.end, place_list[0].start)

        if forward and backward and place_list[-1].item > 0:
            # "tandvårdslagen (1985:125) 8 a § samt 5 kap. 2 § SoL": the first item belongs to
            # the act before, the rest to the act after.
            first = [p for p in place_list if p.item == 0]
            citations += _emit_after_act(text, first, before, backward)
            used.add(id(before))
            place_list, backward = place_list[len(first):], None

        if forward:
            used.add(id(after))
            if after.anaphor:
                ref = antecedents.before(place_list[0].start, first=after.first_named, used=used)
                citations += _emit(text, place_list, ref, end=after.end, from_context=True)
            else:
                citations += _emit(text, place_list, after, end=after.end)
        elif backward:
            used.add(id(before))
            citations += _emit_after_act(text, place_list, before, backward)
        else:
            quoted = antecedents.quoting(place_list[0].start)
            citations += _emit(text, place_list, quoted, from_context=quoted is not None)

    # Acts no place list took are citations of the act as a whole; an abbreviation that counts only
    # beside a place ("RF" alone is also regionfullmäktige) is none.
    for ref in refs:
        if not ref.anaphor and not ref.needs_place and id(ref) not in used:
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
    written = (place_list[0].start if start is None else start, place_list[-1].end if end is None else end)
    return [
        _citation(
            place,
            start if (i == 0 and start is not None) else place.start,
            end if (i == last and end is not None) else place.end,
            text, ref, from_context, written,
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
    starts = [ref.start for ref in refs]  # once per text: a text may hold thousands of lists and acts
    lists = [kept for kept in (_outside(places, refs, starts) for places in scan_places(text)) if kept]
    return _bind(text, lists, refs)


def _outside(places: list[Place], refs: list[ActRef], starts: list[int]) -> list[Place]:
    """The places of a list that do not overlap an act reference (say, inside a title); a list
    cut by an act ends before it. starts: each ref's start."""
    kept: list[Place] = []
    for place in places:
        i = bisect.bisect_left(starts, place.end)
        # refs are sorted and disjoint: only the last two starting before the
        # place's end can reach into it.
        if any(ref.end > place.start for ref in refs[max(0, i - 2):i]):
            break
        kept.append(place)
    return kept


@dataclass(frozen=True)
class Written:
    """One citation as the text writes it ("12 kap. 1-3 §§ HSL"), with the provisions it names, in order.

    ``text == input[start:end]``; ``pieces`` are the parts of it a reader clicks (``display_pieces``).
    """

    text: str
    start: int
    end: int
    citations: tuple[Citation, ...]
    pieces: tuple[Citation, ...]


def written_citations(text: str, citations: Sequence[Citation]) -> list[Written]:
    """The citations grouped as written: a range, a list of sections or stycken and the act they belong
    to are one ``Written`` ("8 kap. 6 § och 12 kap. 1-3 §§ HSL"), shown once with all its links
    (the Lagar page's "Hänvisas från", a section's "Hänvisar till"). citations: ``find_citations(text)``
    or a part of it, offsets into text."""
    groups: dict[tuple[int, int], list[Citation]] = {}
    for citation in sorted(citations, key=lambda c: (c.start, c.end)):
        key = (citation.start if citation.written_start is None else citation.written_start,
               citation.end if citation.written_end is None else citation.written_end)
        groups.setdefault(key, []).append(citation)
    return [Written(text[s:e], s, e, tuple(members), tuple(display_pieces(members)))
            for (s, e), members in sorted(groups.items())]


def display_pieces(citations: Sequence[Citation]) -> list[Citation]:
    """The linked pieces of citations as a page shows them: each provision its own link, as lagen.nu
    links a range's two ends ("12 kap. 1" – "3 §§ HSL"), but no link takes half of a pair of
    parentheses. In "lagen (2017:612) om samverkan … (4 kap. 1-3§§)" the act's words link the act and
    the places inside the parentheses link their anchors, the "(" and ")" staying plain text between
    them (one citation split at its natural separators, so that every anchor stays one click away).
    Pieces keep their citation's fields; an act's piece has no place and the act's own link."""
    out: list[Citation] = []
    for citation in citations:
        out += _paren_pieces(citation)
    return out


def _paren_pieces(citation: Citation) -> list[Citation]:
    text = citation.text
    opened: list[int] = []
    stray: list[int] = []  # ")" closing a "(" before the citation
    for i, char in enumerate(text):
        if char == "(":
            opened.append(i)
        elif char == ")":
            if opened:
                opened.pop()
            else:
                stray.append(i)
    cuts = sorted(opened + stray)
    if not cuts:
        return [citation]
    pieces: list[Citation] = []
    at = 0
    for cut in cuts + [len(text)]:
        part = text[at:cut]
        lead = len(part) - len(part.lstrip())
        part = part.strip()
        if part:
            start = citation.start + at + lead
            piece = dataclasses.replace(citation, text=part, start=start, end=start + len(part))
            if (not pieces and cut in opened and (citation.chapter or citation.section)
                    and any(char.isdigit() for char in text[cut:])):
                # the act's words before "(" the places are written in
                piece = dataclasses.replace(piece, chapter=None, section=None, section_to=None, stycke=None,
                                            punkt=None, moment=None, mening=None,
                                            link=lagen_nu_link(citation.sfs) if citation.sfs else None)
            pieces.append(piece)
        at = cut + 1
    return pieces or [citation]
