"""Responsibility statements: each one anchored to the exact words of its section, under a heading
that does not contradict it, with a party, a known topic and actor, and a level the text names.

``load.responsibilities`` has resolved every statement (its party, its heading, where its quote
stands); these rules say what is wrong with the result. Lower documents against the agreement:
``check.conformance``.
"""

from __future__ import annotations

import difflib
from typing import Iterator

from ..findings import Finding, closest, error
from ..model import Corpus, Document, Guideline, Period, Section
from ..responsibility import (LEVEL_LABELS, PARTY_WORDS, Responsibility, reader_words, says_level,
                              units_with_leads)

_SHOWN = 110  # characters of a unit shown in a hint: one line of a terminal, chosen by hand


def statements(period: Period) -> Iterator[tuple[Document | Guideline, Section, Responsibility]]:
    """(document or guideline, section, statement) of every statement of the period, in file order."""
    for item in [*period.documents.values(), *period.guidelines.values()]:
        for section in item.walk():
            for statement in section.responsibilities:
                yield item, section, statement


def sections_by_id(period: Period) -> dict[str, Section]:
    """Every section of the period's documents and guidelines by id."""
    return {s.id: s for item in [*period.documents.values(), *period.guidelines.values()] for s in item.walk()}


def quotes(corpus: Corpus) -> list[Finding]:
    """Every statement's quote stands, word for word, in one paragraph or list item of its section.

    Code: ``responsibility-quote`` at the quote, with the section's closest paragraph or item as hint.
    """
    findings = []
    for period in corpus.periods.values():
        shown = {k.id: k.text for k in period.key_terms}
        for _, section, statement in statements(period):
            if statement.unit is not None:
                continue
            units = [reader_words(unit, shown) for unit, _ in units_with_leads(section.text)]
            near = difflib.get_close_matches(reader_words(statement.quote, shown), units, n=1, cutoff=0.3)
            hint = "Skriv orden exakt som de står i avsnittets text, inom ett stycke eller en punkt."
            if near:
                text = near[0] if len(near[0]) <= _SHOWN else near[0][:_SHOWN - 1] + "…"
                hint += f" Närmast i texten: ”{text}”"
            findings.append(error(
                "responsibility-quote", statement.where.at("quote"),
                f"Citatet står inte i texten i avsnittet '{section.id}'.", hint))
    return findings


def registered(corpus: Corpus) -> list[Finding]:
    """Every statement's topic and actor are in the register (agreement/register/ansvar.yaml).

    Code: ``responsibility-unknown`` at the topic or actor.
    """
    topics, actors = {t.id for t in corpus.topics}, {a.id for a in corpus.actors}
    findings = []
    for period in corpus.periods.values():
        for _, _, statement in statements(period):
            for field, ident, known, what in (("topic", statement.topic, topics, "Ämnet"),
                                              ("actor", statement.actor, actors, "Aktören")):
                if ident is not None and ident not in known:
                    findings.append(error(
                        "responsibility-unknown", statement.where.at(field),
                        f"{what} '{ident}' finns inte i agreement/register/ansvar.yaml.",
                        closest(ident, known) + " Nya ämnen och aktörer läggs till i registret."))
    return findings


def parties(corpus: Corpus) -> list[Finding]:
    """Every statement has a party (written, its actor's or its heading's) unless it says why not
    (``unclassified``), and a written party agrees with the actor named beside it.

    Code: ``responsibility-party`` at the statement or its party.
    """
    actors = {a.id: a for a in corpus.actors}
    findings = []
    for period in corpus.periods.values():
        for _, section, statement in statements(period):
            actor = actors.get(statement.actor or "")
            if statement.party is None and not statement.unclassified:
                findings.append(error(
                    "responsibility-party", statement.where.position,
                    f"Ansvaret i avsnittet '{section.id}' har ingen part: ingen party, ingen aktör och ingen "
                    "rubrik som Regionens ansvar, Kommunens ansvar eller Gemensamt ansvar ovanför.",
                    "Skriv party: (region, kommun, gemensamt eller respektive), eller unclassified: med skälet "
                    "när texten inte anger någon part."))
            elif statement.tagged and actor is not None and actor.party != statement.tagged:
                findings.append(error(
                    "responsibility-party", statement.where.at("party"),
                    f"Ansvaret anger {PARTY_WORDS[statement.tagged]}, men aktören '{actor.id}' hör till "
                    f"{PARTY_WORDS[actor.party]}.",
                    "Ta bort party: (aktören ger parten) eller rätta aktören.", related=[actor.where.at("party")]))
    return findings


def headings(corpus: Corpus) -> list[Finding]:
    """A statement under a heading for one party ("Regionens ansvar", "Kommunens ansvar") is that
    party's, unless it says why it is not (``across_heading``).

    Code: ``responsibility-heading`` at the party (or actor) written, related to the heading.
    """
    findings = []
    for period in corpus.periods.values():
        index = sections_by_id(period)
        for _, section, statement in statements(period):
            wanted = statement.heading_party
            if wanted not in ("region", "kommun") or statement.party in (None, wanted) or statement.across_heading:
                continue
            heading = index[statement.heading]
            field = "party" if statement.tagged else "actor"
            findings.append(error(
                "responsibility-heading", statement.where.at(field),
                f"Ansvaret anger {PARTY_WORDS[statement.party]}, men står under rubriken "
                f"'{heading.title}', som ger {PARTY_WORDS[wanted]}.",
                "Rätta parten, eller skriv across_heading: med skälet när texten själv lägger ansvaret "
                "på en annan part under rubriken.", related=[heading.where.at("title")]))
    return findings


def levels(corpus: Corpus) -> list[Finding]:
    """A level of care is given only where the text says it: in the quoted paragraph or item, the
    list it stands under, the section's or a heading's title above it, or the document's title.

    Code: ``responsibility-level`` at the level.
    """
    findings = []
    for period in corpus.periods.values():
        for item, section, statement in statements(period):
            said = [statement.unit or "", statement.lead or "", item.title, *_titles_above(item, section)]
            for i, level in enumerate(statement.levels):
                if not says_level(level, *said):
                    findings.append(error(
                        "responsibility-level", statement.where.at("levels", i),
                        f"Vårdnivån {LEVEL_LABELS[level].lower()} står inte i texten kring citatet.",
                        "Ange vårdnivå bara där texten säger den (i stycket, punkten, listans inledning, "
                        "en rubrik ovanför eller dokumentets titel)."))
    return findings


def _titles_above(item: Document | Guideline, target: Section) -> list[str]:
    """The titles of target and of every section it stands under."""
    def path(sections, trail):
        for s in sections:
            if s is target:
                return trail + [s.title]
            found = path(s.sections, trail + [s.title])
            if found:
                return found
        return None

    return path(item.sections, []) or []


CHECKS = [quotes, registered, parties, headings, levels]
