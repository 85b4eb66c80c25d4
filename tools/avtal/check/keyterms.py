"""Key terms: typed values of the period, shown in the text from the data.

A key term (Avtalstid, Uppsägningstid, the 3,0-day payment threshold …) is
stored once in period.yaml with its wording and the section that states it;
the text says ``{{uppsagningstid}}`` where the value stands. These checks make
sure data and wording agree and that every placeholder resolves.
"""

from __future__ import annotations

import re

from .. import text as textmod
from ..findings import Finding, closest, error
from ..model import Corpus, KeyTerm

_ONES = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
         "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"]
_TENS = {20: "tjugo", 30: "trettio", 40: "fyrtio", 50: "femtio", 60: "sextio", 70: "sjuttio", 80: "åttio", 90: "nittio"}


def number_words(n: int) -> set[str]:
    """Swedish words for 0–99 (both 'ett' and 'en' for one); the empty set outside that range."""
    if n < 0 or n > 99:
        return set()
    if n < 20:
        return {_ONES[n], "en"} if n == 1 else {_ONES[n]}
    tens, ones = divmod(n, 10)
    return {_TENS[tens * 10] + (_ONES[ones] if ones else "")}


def number_forms(value) -> set[str]:
    """How a number may be written: digits (decimal comma) or, for whole numbers, words."""
    if isinstance(value, bool):
        return set()
    if isinstance(value, float):
        forms = {f"{value:.1f}".replace(".", ","), f"{value:g}".replace(".", ",")}
        return forms | (number_words(int(value)) if value.is_integer() else set())
    if isinstance(value, int):
        return {str(value)} | number_words(value)
    return set()


def _contains_number(wording: str, value) -> bool:
    return bool(set(re.findall(r"\d+(?:,\d+)?|\w+", wording.casefold())) & number_forms(value))


def wording_problem(term: KeyTerm) -> str | None:
    """Why the wording does not state the value, or None when it does."""
    if term.type == "datumintervall":
        value = term.value if isinstance(term.value, dict) else {}
        missing = [v for v in (value.get("from"), value.get("to")) if not v or str(v) not in term.text]
        return "datumen i värdet (from, to) står inte i texten" if missing else None
    if term.type == "fordelning":
        values = term.value.values() if isinstance(term.value, dict) else []
        missing = [v for v in values if not _contains_number(term.text, v)]
        return f"andelarna {', '.join(map(str, missing))} står inte i texten" if missing else None
    if not _contains_number(term.text, term.value):
        return f"värdet {term.value} står inte i texten"
    if term.unit and term.type == "varaktighet" and term.unit.casefold() not in term.text.casefold():
        return f"enheten '{term.unit}' står inte i texten"
    return None


def check_key_terms(corpus: Corpus) -> list[Finding]:
    """Each key term's wording states its value, every ``{{id}}`` resolves, each term is shown in its clause.

    Codes: ``key-term-wording`` (see ``wording_problem``), ``key-term-unknown`` (a placeholder in any
    Markdown text, at the placeholder), ``key-term-not-shown`` (the clause's section lacks ``{{id}}``),
    ``dangling-reference`` (a ``changes_from_predecessor`` entry naming a key term that does not exist).
    """
    findings = []
    for period in corpus.periods.values():
        terms = {t.id: t for t in period.key_terms}
        for term in period.key_terms:
            problem = wording_problem(term)
            if problem:
                findings.append(error(
                    "key-term-wording", term.where.at("text"),
                    f"Nyckelvärdet '{term.id}' stämmer inte med sin text: {problem}.",
                    "Ändra value eller text så att de säger samma sak."))
        shown_in: dict[str, set[str]] = {t: set() for t in terms}
        for text in period.texts(markup=True):
            for match in textmod.KEY_TERM.finditer(text.raw):
                ident = match["id"]
                if ident not in terms:
                    findings.append(error(
                        "key-term-unknown", text.where(match.start()),
                        f"Nyckelvärdet '{{{{{ident}}}}}' finns inte i periodens key_terms.", closest(ident, terms)))
                elif text.section is not None:
                    shown_in[ident].add(text.section.id)
        for term in period.key_terms:
            if term.clause not in shown_in[term.id]:
                findings.append(error(
                    "key-term-not-shown", term.where.at("clause"),
                    f"Nyckelvärdet '{term.id}' visas inte i avsnittet '{term.clause}' som anger det.",
                    f"Skriv {{{{{term.id}}}}} i avsnittets text där värdet står, eller ändra clause."))
        for i, change in enumerate(period.changes_from_predecessor):
            ident = change.get("key_term")
            if ident and ident not in terms:
                findings.append(error(
                    "dangling-reference", period.where.at("changes_from_predecessor", i, "key_term"),
                    f"Nyckelvärdet '{ident}' finns inte i perioden {period.id}.", closest(ident, terms)))
    return findings
