"""Statute references: which citations changed, grouped by act (replaced, other place, added, removed)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Sequence

from .. import text as textmod
from ..cite import Citation, find_citations, index_from_register
from ..registers import Statute
from .result import ADDED, OTHER_PLACE, REMOVED, REPLACED, ActLabel, CitationPlace, SectionRef, StatuteChange
from .words import reader_text


def statute_index(statutes: Sequence[Statute]):
    """The citation parser's index of a register, or None for an empty register (nothing is compared)."""
    return index_from_register(statutes) if statutes else None


@dataclass
class Register:
    """One side's statute register with the citation parser's index of it."""

    statutes: Sequence[Statute]
    index: object
    by_sfs: dict[str, Statute] = field(default_factory=dict)

    @classmethod
    def of(cls, statutes: Sequence[Statute] | None) -> "Register | None":
        """The register of these statutes, or None for none (statute references are then not compared)."""
        index = statute_index(statutes or ())
        if index is None:
            return None
        return cls(statutes, index, {s.sfs: s for s in statutes})

    def citations(self, plain_text: str) -> list[Citation]:
        """The citations in a text as a reader sees it (``words.reader_text``)."""
        return find_citations(plain_text, self.index)

    def act_label(self, sfs: str | None, written: str | None) -> ActLabel:
        """"HSL (2017:30)" when no other act in the register has that abbreviation, else the title with
        its number; an act outside the register as written ("okänd lag" when nothing is)."""
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


def _cited(register: Register, raw: str, shown: dict[str, str]) -> list[tuple[tuple, object]]:
    out = []
    for _, unit_text in textmod.units(raw or ""):
        for citation in register.citations(reader_text(unit_text, shown)):
            act = citation.sfs or citation.name_written
            if not act:
                continue
            key = (act, citation.chapter, citation.section, citation.section_to, citation.stycke, citation.punkt)
            out.append((key, citation))
    return out


def statute_changes(compared: list[tuple[SectionRef, str, str]], old_reg: Register, new_reg: Register,
                     old_shown, new_shown) -> list[StatuteChange]:
    """The changed citations, grouped by act: replaced (a repealed act by its successor), other place,
    removed, added, then by the act's label.

    compared: (where, old raw text, new raw text) for every section or text that changed; old_shown
    and new_shown: {key term id: wording} of each side.
    """
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
