"""Key terms restated lower down: a guideline or plan must not give another value than the agreement."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import networkx as nx

from .. import text as textmod
from ..findings import Finding, warning
from ..model import Corpus, KeyTerm, Period
from .hierarchy import PART, graph
from .keyterms import number_words


RESTATABLE_TYPES = frozenset({"varaktighet", "tal", "procent"})
# Inflected forms of the units the key terms use; any other unit matches only as written.
_UNIT_FORMS = {
    "månader": ("månader", "månaders", "månad", "månads"),
    "månad": ("månad", "månads", "månader"),
    "dagar": ("dagar", "dagars", "dag", "dags"),
    "dag": ("dag", "dagar"),
    "kalenderdagar": ("kalenderdagar", "kalenderdagars", "kalenderdag"),
    "år": ("år", "års"),
    "procent": ("procent", "%"),
    "veckor": ("veckor", "veckors", "vecka"),
}
# Label words too common in the agreement to tie a number to one key term.
_COMMON_WORDS = frozenset({
    "kommun", "kommunen", "kommunens", "kommuner", "kommunerna", "region", "regionen", "regionens", "avtalet",
    "avtalets", "första", "efter", "under", "mellan", "enligt", "andel", "ingen", "gäller", "inom", "genomsnitt",
    "per", "från", "till", "eller", "samt", "vården", "patienten",
})
_WORD_NUMBERS = {word: n for n in range(100) for word in number_words(n)}
_NUMBER = r"\d+(?:,\d+)?|" + "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True))
_SENTENCE = re.compile(r"[^\n.!?;]+(?:[.!?;](?=\d)[^\n.!?;]*)*")  # "3.5" or "kap.5" does not end a sentence
_WORD = re.compile(r"\w+")


def unit_forms(unit: str) -> tuple[str, ...]:
    """The case-folded forms a unit is written in ("månader" → månader, månaders, månad, månads)."""
    return _UNIT_FORMS.get(unit.casefold(), (unit.casefold(),))


def label_stems(term: KeyTerm) -> set[str]:
    """The first six letters of each distinctive word of the term's label (not its unit).

    Distinctive: six letters or more and not in _COMMON_WORDS. Six letters is a hand-chosen stem length,
    long enough that "uppsägningstid" and "uppsägningstiden" meet and short words ("dag", "tid") do not
    count; no measurement is recorded.
    """
    units = {form[:6] for form in unit_forms(term.unit or "")}
    return {w[:6] for w in _WORD.findall(term.label.casefold())
            if len(w) >= 6 and w not in _COMMON_WORDS and w[:6] not in units}


def _names(wanted: set[str], stems: set[str]) -> bool:
    return bool(wanted) and 2 * len(wanted & stems) >= len(wanted)


def _number_value(raw: str) -> float:
    raw = raw.casefold()
    return float(_WORD_NUMBERS[raw]) if raw in _WORD_NUMBERS else float(raw.replace(",", "."))


@functools.lru_cache(maxsize=64)
def _patterns(unit_forms: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """(any of the units, a number with one of the units before or after it)."""
    units = "|".join(sorted(map(re.escape, unit_forms), key=len, reverse=True))
    return re.compile(units, re.IGNORECASE), re.compile(
        rf"(?<![\w,.])(?P<num>{_NUMBER})\s*(?P<unit>{units})(?!\w)"
        rf"|(?<!\w)(?P<unit2>{units})\s+(?P<num2>\d+(?:,\d+)?)(?!\w|,\d)", re.IGNORECASE)


def _masked(raw: str) -> str:
    """The text with {{placeholders}} and link targets blanked out, offsets kept."""
    raw = textmod.KEY_TERM.sub(lambda m: " " * len(m[0]), raw)
    return textmod.LINK.sub(lambda m: m[0][: m.start("target") - m.start()] + " " * len(m["target"]) + ")", raw)


@dataclass(frozen=True)
class Restatement:
    """A number in a text that restates a key term with another value (``number`` as written)."""

    term: KeyTerm
    number: str
    offset: int  # of the number in the raw text


def restatements(raw: str, terms: list[KeyTerm]) -> list[Restatement]:
    """Numbers in raw stated with a key term's unit, in a sentence that names the term, differing from its value.

    A sentence names a term when at least half of the distinctive words of the term's label share
    their first six letters with words of the sentence ("Uppsägningstid" → "uppsägningstiden"); the
    half, like the six letters (``label_stems``), was chosen by hand.
    A number that equals the value of any term named in the sentence with that unit is not a
    restatement.
    """
    found = []
    masked = _masked(raw)
    by_unit: dict[str, list[KeyTerm]] = {}
    for term in terms:
        for form in unit_forms(term.unit or ""):
            by_unit.setdefault(form, []).append(term)
    if not by_unit:
        return found
    wanted = {t.id: label_stems(t) for t in terms}
    any_unit, pattern = _patterns(tuple(sorted(by_unit)))
    if not any_unit.search(masked):
        return found
    for sentence in _SENTENCE.finditer(masked):
        stems = {w[:6] for w in _WORD.findall(sentence[0].casefold()) if len(w) >= 6}
        for m in pattern.finditer(sentence[0]):
            number, unit = (m["num"], m["unit"]) if m["num"] else (m["num2"], m["unit2"])
            if number.casefold() in _WORD_NUMBERS and m["num"] and not m["unit"][:1].isalpha():
                continue  # "tre %" is not how the text writes numbers
            named = [t for t in by_unit[unit.casefold()] if _names(wanted[t.id], stems)]
            if not named or any(_number_value(number) == float(t.value) for t in named):
                continue
            best = max(named, key=lambda t: (len(wanted[t.id] & stems), t.id))
            start = sentence.start() + (m.start("num") if m["num"] else m.start("num2"))
            found.append(Restatement(best, number, start))
    return found


def _term_owner(period: Period, term: KeyTerm) -> str | None:
    section = period.section_index().get(term.clause)
    return section.document_id if section else term.document


def _lower(period: Period, g: nx.DiGraph, owner: str) -> set[str]:
    """The documents under `owner`; a part of the agreement speaks for the agreement as a whole."""
    if owner not in g:
        return set()
    if g.nodes[owner]["kind"] == PART and period.agreement in g:
        return nx.descendants(g, period.agreement) - {n for n in g if g.nodes[n]["kind"] == PART}
    return nx.descendants(g, owner)


def key_term_restatements(corpus: Corpus) -> list[Finding]:
    """A lower document does not restate a key term of a higher one with another value.

    For key terms of type varaktighet, tal or procent with a unit: a number written with the term's
    unit, in a sentence of a lower document that names the term (see `restatements`), must equal the
    term's value. Writing {{term-id}} shows the value from the data and is always right.
    Code: ``key-term-restated`` (a warning) at the number, related to the key term's value.
    """
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        lower_terms: dict[str, list[KeyTerm]] = {}
        for term in period.key_terms:
            if term.type not in RESTATABLE_TYPES or not term.unit or isinstance(term.value, bool) \
                    or not isinstance(term.value, (int, float)):
                continue
            owner = _term_owner(period, term)
            for ident in _lower(period, g, owner) if owner else ():
                lower_terms.setdefault(ident, []).append(term)
        for ident, terms in sorted(lower_terms.items()):
            item = g.nodes[ident]["item"]
            for text in item.texts:
                if text.editorial:
                    continue
                for found in restatements(text.raw, terms):
                    term = found.term
                    findings.append(warning(
                        "key-term-restated", text.where(found.offset),
                        f"'{ident}' anger {term.label.lower()} till {found.number} {term.unit}, men "
                        f"{_term_owner(period, term)} anger {term.text} (nyckelvärdet '{term.id}').",
                        f"Ett underordnat dokument får inte ange ett annat värde; skriv {{{{{term.id}}}}} "
                        "så visas värdet ur periodens data.", related=[term.where.at("value")]))
    return findings


