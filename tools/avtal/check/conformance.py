"""Conformance down the hierarchy: a guideline or local plan does not move a responsibility that the
documents above it assign.

"Above" a guideline are the documents and guidelines its chain of parents passes through; a part of
the agreement (Del A, Del B) speaks for the agreement, so under the agreement they are above too.
A lower statement conflicts when

- it restates words of a statement above (one quote holds the other) but names another party;
- among the statements above of its topic and kind (and level, when both give one), those that speak
  of the same thing name parties and its own is not among them. A statement above speaks of the
  same thing when at least half of its distinctive words occur in the lower one ("Utsedd vårdcentral
  har behandlingsansvar för patienterna på korttidsboendet" and "Kommunens sjuksköterskor har
  behandlingsansvar för patienterna på korttidsboendet": behandlingsansvar, korttidsboendet).
  Distinctive words are those of six letters or more, compared by their first six letters, except
  the words that name a party, an actor or a kind of responsibility (those are compared as party
  and kind). The six letters and the half are the ones ``check.restatements`` uses for key terms;
  chosen by hand, no measurement is recorded;
- or, when no statement above speaks of the same thing, the statements above of its topic and kind
  name parties and its own is not among them. Where the agreement names several parties for a
  topic and kind (region for children, respektive for adults …) a lower document may name any.

A lower section whose text holds the words of a statement above restates it (``restatements``):
the site shows it so, and it cannot conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx

from ..findings import Finding, error
from ..model import Corpus, Guideline, Period, Section
from ..responsibility import KIND_LABELS, PARTY_WORDS, Responsibility, reader_words
from .hierarchy import PART, graph


@dataclass(frozen=True)
class Restatement:
    """A section of a lower document whose text holds the words of a statement above it."""

    section: Section
    statement: Responsibility  # the statement above, whose quote the section's text holds


def above(period: Period, g: nx.DiGraph, ident: str, parts: list[str] | None = None) -> list[str]:
    """The ids of the documents and guidelines above ident, nearest first; the agreement's parts count
    when the agreement is among them. parts: ``agreement_parts(g)``, when the caller asks for many
    idents (computing it for each made the check quadratic in the number of guidelines: 4 000 took 12 s)."""
    if ident not in g:
        return []
    chain: list[str] = []
    seen = {ident}
    node = ident
    while (parents := list(g.predecessors(node))) and parents[0] not in seen:
        node = parents[0]
        chain.append(node)
        seen.add(node)
    if period.agreement != ident and period.agreement in seen:  # seen: the chain and ident
        chain += [n for n in (agreement_parts(g) if parts is None else parts) if n not in seen]
    return chain


def agreement_parts(g: nx.DiGraph) -> list[str]:
    """The ids of the agreement's parts (Del A, Del B …) in the graph, sorted."""
    return sorted(n for n, kind in g.nodes(data="kind") if kind == PART)


def _statements_of(item) -> list[Responsibility]:
    return [st for section in item.walk() for st in section.responsibilities
            if st.party is not None and st.unit is not None]


def _higher(period: Period, g: nx.DiGraph, guideline: Guideline, parts: list[str]) -> list[Responsibility]:
    return [st for ident in above(period, g, guideline.id, parts) for st in _statements_of(g.nodes[ident]["item"])]


def restatements(period: Period) -> dict[str, list[Restatement]]:
    """{guideline id: every section of it whose text holds the words of a statement above it}."""
    g = graph(period)
    parts = agreement_parts(g)
    shown = {k.id: k.text for k in period.key_terms}
    out: dict[str, list[Restatement]] = {}
    for guideline in period.guidelines.values():
        higher = _higher(period, g, guideline, parts)
        for section in guideline.walk():
            words = reader_words(section.text, shown)
            for statement in higher:
                if reader_words(statement.quote, shown) in words:
                    out.setdefault(guideline.id, []).append(Restatement(section, statement))
    return out


# Stems of words that say who or what kind, not what: party and kind are compared on their own.
_NOT_WHAT = frozenset({"kommun", "region", "västra", "götala", "parter", "parten", "huvudm", "ansvar", "gemens",
                       "respek", "samtli", "enligt", "insats", "utföra", "erbjud", "tillse", "säkers", "tillha"})
_WORD = re.compile(r"\w+")


def _what(quote: str, shown: dict[str, str], actor_stems: frozenset[str]) -> set[str]:
    """The distinctive words of a quote by their first six letters (module docstring)."""
    return {w[:6] for w in _WORD.findall(reader_words(quote, shown).casefold())
            if len(w) >= 6 and w[:6] not in _NOT_WHAT and w[:6] not in actor_stems}


def _levels_meet(a: Responsibility, b: Responsibility) -> bool:
    return not a.levels or not b.levels or bool(set(a.levels) & set(b.levels))


def _restated(statement: Responsibility, higher: list[Responsibility], shown: dict[str, str]) -> Responsibility | None:
    mine = reader_words(statement.quote, shown)
    return next((h for h in higher if (theirs := reader_words(h.quote, shown)) in mine or mine in theirs), None)


def conflicts(corpus: Corpus) -> list[Finding]:
    """A guideline's or local plan's statement names the party the documents above it name (module docstring).

    Code: ``hierarchy-responsibility-conflict`` at the lower statement's party (or quote), naming the
    place above in the message and relating to each quote above that it contradicts.
    """
    topics = {t.id: t.title for t in corpus.topics}
    actor_stems = frozenset(w[:6] for a in corpus.actors for w in _WORD.findall(a.name.casefold()) if len(w) >= 6)
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        parts = agreement_parts(g)
        shown = {k.id: k.text for k in period.key_terms}
        for guideline in period.guidelines.values():
            if not any(st.party is not None for section in guideline.walk() for st in section.responsibilities):
                continue  # nothing of its own to conflict with what is above
            higher = _higher(period, g, guideline, parts)
            if not higher:
                continue
            for section in guideline.walk():
                for statement in section.responsibilities:
                    if statement.party is None:
                        continue
                    finding = _conflict(guideline, section, statement, higher, shown, topics, actor_stems)
                    if finding is not None:
                        findings.append(finding)
    return findings


def _conflict(guideline: Guideline, section: Section, statement: Responsibility, higher: list[Responsibility],
              shown: dict[str, str], topics: dict[str, str], actor_stems: frozenset[str]) -> Finding | None:
    where = statement.where.at("party") if statement.tagged else (
        statement.where.at("actor") if statement.actor else statement.where.at("quote"))
    mine = PARTY_WORDS[statement.party]
    restated = _restated(statement, higher, shown)
    if restated is not None:
        if restated.party == statement.party:
            return None
        return error(
            "hierarchy-responsibility-conflict", where,
            f"'{guideline.id}' återger orden i {_place(restated)} men anger {mine}; där står "
            f"{PARTY_WORDS[restated.party]}.",
            "Ett underordnat dokument får inte flytta ett ansvar som står ovanför: rätta parten, eller ändra "
            "först dokumentet ovanför.",
            related=[restated.where.at("quote")])
    same = [h for h in higher if h.topic == statement.topic and h.kind == statement.kind and _levels_meet(statement, h)]
    mine_what = _what(statement.quote, shown, actor_stems)
    alike = [h for h in same if (theirs := _what(h.quote, shown, actor_stems)) and 2 * len(theirs & mine_what) >= len(theirs)]
    same = alike or same
    named = {h.party for h in same}
    if not same or statement.party in named:
        return None
    theirs = " eller ".join(PARTY_WORDS[p] for p in sorted(named, key=list(PARTY_WORDS).index))
    return error(
        "hierarchy-responsibility-conflict", where,
        f"'{guideline.id}' (avsnittet '{section.id}') anger {mine} för {KIND_LABELS[statement.kind].lower()} "
        f"inom {topics.get(statement.topic, statement.topic)}, men {_place(same[0])} anger {theirs}.",
        "Ett underordnat dokument får inte flytta ett ansvar som står ovanför: rätta parten, eller ändra först "
        "dokumentet ovanför.",
        related=[h.where.at("quote") for h in same])


def _place(statement: Responsibility) -> str:
    return f"'{statement.document}' (avsnittet '{statement.section}')"


CHECKS = [conflicts]
