"""The glossary in use: where each term occurs, and the search words each section gets.

Staff search with everyday words ("ÖK", "HoS-avtalet", "dosdispensering") that the
agreement's text does not use. The glossary (agreement/register/begrepp.yaml) knows them
as a term's ``synonyms``; this module decides which sections carry which of those words
as visible "Sökord", so the site's search index finds the section that answers.

A section gets search words from a term in three ways:

- the glossary points there (``see``, ``defined_in``), or the term names it (its heading,
  or a document's title): every form of the term (term, expansion, synonyms);
- the section uses a specific term (one used in at most ``SPECIFIC`` sections of the
  period): for an abbreviation its other form ("HVB" and "hem för vård och boende");
- the section uses a multi-word synonym of a specific term ("hälso- och sjukvård i
  hemmet"): the term itself ("Hemsjukvård").

A term's staff words (``staff_words``: what staff type for it, "SÄBO" for "särskilt
boende", each with its reason in the glossary) go wherever the term's other forms go and to
every section that uses the term specifically or through a synonym; a staff word's own ``see``
adds the sections it names ("jourläkare" to the sections on a doctor available around the clock).

A key term stated in a section adds its label ("Uppsägningstid") when the label is short.
Words a section already has (each word, or its first letters as the search expands them)
are never added, so the line only holds what the text lacks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import text as textmod
from ..model import Document, Period, Section
from ..registers import Term

# Counts of sections (and documents' own texts) of one period using a term. Both chosen by hand, no
# measurement recorded; tests/test_site_pages.py checks keywords ``usage`` gives with them ("ÖK" on
# ok-munhalsa, "dosdispensering", "egenvårdsbedömning") and that none repeats its section's text.
SPECIFIC = 6  # a term used in more sections than this is too common to tag them all
NAMED = 20  # a term used in more sections than this does not name a section by its heading
_WORD_CHARS = r"\wÅÄÖåäö"


@dataclass(frozen=True)
class Keyword:
    """A search word a section gets, and the glossary term it comes from ("" for a key term's label)."""

    word: str
    term: str  # the glossary term's id


@dataclass
class Usage:
    """Where the terms of the glossary occur in one period (ids of sections or documents)."""

    uses: dict[str, list[str]] = field(default_factory=dict)  # term id -> section/document ids, in order
    keywords: dict[str, list[Keyword]] = field(default_factory=dict)  # section/document id -> keywords


def forms(term: Term) -> list[str]:
    """Every way the term is written or searched for: the term, its expansion, its synonyms, its staff
    words (first occurrence kept)."""
    out: list[str] = []
    for word in (term.term, term.expansion, *term.synonyms, *(w.word for w in term.staff_words)):
        if word and word.casefold() not in {w.casefold() for w in out}:
            out.append(word)
    return out


@lru_cache(maxsize=2048)
def _pattern(word: str, exact_case: bool) -> re.Pattern:
    """A word or phrase at a word start; inflected endings allowed for ordinary words."""
    parts = [re.escape(p) for p in re.split(r"\s+", word.strip())]
    if exact_case:
        body = r"\s+".join(parts)  # an abbreviation: "SIP", "SIP-möte", "VGR:s" but not "SIPA"
        return re.compile(rf"(?<![{_WORD_CHARS}-]){body}(?![{_WORD_CHARS}])")
    body = rf"[{_WORD_CHARS}]{{0,3}}\s+".join(parts)  # "avvikelser i samverkan" uses "avvikelse i samverkan"
    return re.compile(rf"(?<![{_WORD_CHARS}]){body}", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    """The text's words, case-folded, sorted and unique: to rule out most words before a regex search."""
    return tuple(sorted(set(_TOKEN.findall(text.casefold()))))


@lru_cache(maxsize=4096)
def _first_word(word: str) -> str:
    found = _TOKEN.search(word.casefold())
    return found[0] if found else ""


def occurs(word: str, text: str, abbreviation: bool = False) -> bool:
    """Whether word (or phrase) stands in text at a word start (see ``_pattern``).

    Case is ignored, except for an abbreviation and for an all-capitals word of at most six characters
    ("SIP", "HVB"), matched exactly. Otherwise each word of a phrase but the last may take up to three
    more letters, the last any ending. Six and three were chosen by hand.

    A word whose first word starts no word of the text cannot occur: that is decided from the text's
    sorted words (``bisect``) without a regex search, which keeps the glossary's usage linear in the
    size of the text rather than in texts × terms × forms searches.
    """
    first = _first_word(word)
    words = _tokens(text)
    at = bisect.bisect_left(words, first)
    if first and not (at < len(words) and words[at].startswith(first)):
        return False
    exact = abbreviation or (word.isupper() and len(word) <= 6)
    return bool(_pattern(word, exact).search(text))


def _usage_forms(term: Term) -> list[str]:
    """The forms that count as the text using the term: the term and, for an abbreviation, its expansion."""
    words = [term.term]
    if term.kind == "forkortning" and term.expansion:
        words.append(term.expansion)
    return words


def _is_abbreviation_form(term: Term, word: str) -> bool:
    return term.kind == "forkortning" and word == term.term


def plain_texts(period: Period, key_terms: dict[str, str]) -> dict[str, str]:
    """The words a reader sees in each document's own text (cover, intro) and in each section, by id.

    Headings are left out (``_headings`` holds them), and so are editors' notes.
    """
    parts: dict[str, list[str]] = {}
    for document in period.documents.values():
        parts[document.id] = []
        for section in document.walk():
            parts[section.id] = []
    for text in period.texts():
        owner = text.section or text.document
        if owner is None or text.heading or owner.id not in parts or text.document.id not in period.documents:
            continue
        parts[owner.id].append(text.raw)
    return {ident: textmod.plain(textmod.expand_key_terms("\n".join(raw), key_terms)) for ident, raw in parts.items()}


def _headings(period: Period) -> dict[str, str]:
    out: dict[str, str] = {}
    for document in period.documents.values():
        out[document.id] = document.title
        for section in document.walk():
            out[section.id] = section.title
    return out


def usage(period: Period, terms: list[Term]) -> Usage:
    """Where each term is used in the period and which keywords each section gets (module docstring).

    A key term's label becomes a keyword of its clause when it has at most four words (chosen by hand).
    """
    shown = {k.id: k.text for k in period.key_terms}
    texts = plain_texts(period, shown)
    headings = _headings(period)
    result = Usage()
    bridged: dict[str, set[str]] = {}
    for term in terms:
        result.uses[term.id] = [
            ident for ident, body in texts.items()
            if any(occurs(w, f"{headings[ident]}\n{body}", _is_abbreviation_form(term, w)) for w in _usage_forms(term))]
        phrases = [s for s in term.synonyms if len(s.split()) > 1]
        bridged[term.id] = {ident for ident, body in texts.items()
                            if len(result.uses[term.id]) <= SPECIFIC and any(occurs(s, body) for s in phrases)}
    tagged = {t: (set(u) if len(u) <= SPECIFIC else set()) | bridged[t] for t, u in result.uses.items()}
    strong = _strong_homes(period, terms, headings, result.uses, tagged)
    labels: dict[str, list[str]] = {}
    for k in period.key_terms:
        if len(k.label.split()) <= 4:
            labels.setdefault(k.clause, []).append(k.label)
    for ident, body in texts.items():
        home = f"{headings[ident]}\n{body}"
        words: list[Keyword] = []

        def add(word: str, term_id: str) -> None:
            if not covered(word, home) and word.casefold() not in {k.word.casefold() for k in words}:
                words.append(Keyword(word, term_id))

        for term in terms:
            specific = len(result.uses[term.id]) <= SPECIFIC
            if ident in strong[term.id]:
                for word in forms(term):
                    add(word, term.id)
            elif specific and ident in result.uses[term.id] and term.kind == "forkortning":
                for word in _usage_forms(term):
                    add(word, term.id)
            elif ident in bridged[term.id]:
                for word in _usage_forms(term):
                    add(word, term.id)
            if ident in tagged[term.id] and ident not in strong[term.id]:
                for staff in term.staff_words:
                    add(staff.word, term.id)
            for staff in term.staff_words:
                if ident in staff.see:
                    add(staff.word, term.id)
        for label in labels.get(ident, ()):
            add(label, "")
        if words:
            result.keywords[ident] = words
    return result


def _strong_homes(period: Period, terms: list[Term], headings: dict[str, str], uses: dict[str, list[str]],
                  tagged: dict[str, set[str]]) -> dict[str, set[str]]:
    """For each term, the sections and documents it names or the glossary points to.

    tagged: the sections that get words from the term anyway (specific use, synonym bridge).
    """
    homes: dict[str, set[str]] = {}
    document_of = {s.id: d.id for d in period.documents.values() for s in d.walk()}
    for term in terms:
        found = {i for i in (term.see, term.defined_in) if i and i not in period.documents}
        named = len(uses[term.id]) <= NAMED
        for ident, heading in headings.items():
            if (named or ident in period.documents) and \
                    any(occurs(w, heading, _is_abbreviation_form(term, w)) for w in _usage_forms(term)):
                found.add(ident)
        # a document the glossary points to is the home only when none of its sections uses or is named by the term
        if term.see in period.documents and \
                not any(document_of.get(i) == term.see for i in found | tagged[term.id]):
            found.add(term.see)
        homes[term.id] = found
    return homes


_TOKEN = re.compile(rf"[{_WORD_CHARS}]+")


def covered(word: str, text: str) -> bool:
    """Whether every word of a keyword is already in the text (the search matches word starts).

    A word of one or two letters must stand whole; a longer one is covered by a word of the text that
    starts with its first letters: all but the last three, at least four (chosen by hand).
    """
    have = {t.casefold() for t in _TOKEN.findall(text)}
    for token in _TOKEN.findall(word.casefold()):
        if len(token) <= 2:
            if token not in have:
                return False
            continue
        stem = token[: max(4, len(token) - 3)]
        if not any(h.startswith(stem) for h in have):
            return False
    return True


def where_used(period: Period, usage_of: Usage, term: Term) -> list[tuple[Document, Section | None]]:
    """(document, section) pairs where the term is used or that the glossary points to, in reading order."""
    wanted = set(usage_of.uses.get(term.id, ()))
    for ident in (term.see, term.defined_in):
        if ident:
            wanted.add(ident)
    out: list[tuple[Document, Section | None]] = []
    for document in period.documents.values():
        if document.id in wanted:
            out.append((document, None))
        out += [(document, s) for s in document.walk() if s.id in wanted]
    return out
