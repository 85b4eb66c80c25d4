"""Checks over the loaded corpus: unique ids and references that resolve.

Each check is a pure function from the model to a list of findings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from . import text as textmod
from .corpus import load_corpus
from .keyterms import check_key_terms
from .findings import Finding, Position, closest, error
from .model import Corpus, Period

Check = Callable[[Corpus], list[Finding]]


def unique_ids(corpus: Corpus) -> list[Finding]:
    """Section ids are unique within a period and distinct from document and guideline ids."""
    findings = []
    for period in corpus.periods.values():
        seen: dict[str, Position] = {}
        for ident, item in list(period.documents.items()) + list(period.guidelines.items()):
            seen[ident] = item.where.at("id")
        for section in period.sections():
            where = section.where.at("id")
            if section.id in seen:
                findings.append(error(
                    "duplicate-id", where,
                    f"Id '{section.id}' används redan i perioden {period.id}.",
                    f"Ge avsnittet ett eget id; det första står i {seen[section.id]}.",
                    related=[seen[section.id]]))
            else:
                seen[section.id] = where
    return findings


def _reference(period: Period, ident: str, where: Position, what: str, known: set[str]) -> list[Finding]:
    if ident in known:
        return []
    return [error("dangling-reference", where, f"{what} '{ident}' finns inte i perioden {period.id}.",
                  closest(ident, known))]


def references(corpus: Corpus) -> list[Finding]:
    """Every reference (parent, läs mer, implements, text link, key term clause, decision) resolves."""
    findings = []
    for period in corpus.periods.values():
        known = set(period.documents) | set(period.guidelines) | set(period.section_index())
        documents = set(period.documents)
        decisions = {d.id for d in period.decisions}
        findings += _reference(period, period.agreement, period.where.at("agreement"), "Huvudavtalet", documents)
        for term in period.key_terms:
            findings += _reference(period, term.clause, term.where.at("clause"), "Avsnittet", known)
        for i, change in enumerate(period.changelog):
            if change.decision:
                findings += _reference(period, change.decision, period.where.at("changelog", i, "decision"),
                                       "Beslutet", decisions)
        for document in period.documents.values():
            if document.parent:
                findings += _reference(period, document.parent, document.where.at("parent"), "Överordnat dokument", documents)
            for i, other in enumerate(document.read_with):
                findings += _reference(period, other, document.where.at("read_with", i), "Dokumentet", documents)
            for i, change in enumerate(document.changelog):
                if change.decision:
                    findings += _reference(period, change.decision, document.where.at("changelog", i, "decision"),
                                           "Beslutet", decisions)
                for j, ident in enumerate(change.sections):
                    findings += _reference(period, ident, document.where.at("changelog", i, "sections", j),
                                           "Avsnittet", known)
            for _, item in document.all_read_more():
                findings += _reference(period, item.ref, item.where.at("ref"), "Läs mer-länkens mål", known)
            for owner, path in _texts(document):
                for link in textmod.links(owner):
                    if link.target.startswith("ref:"):
                        ident = link.target[4:]
                        findings += _reference(period, ident, document.where.file.where(path), "Länkmålet", known)
        for guideline in period.guidelines.values():
            findings += _reference(period, guideline.parent, guideline.where.at("parent"), "Överordnat dokument",
                                   documents | set(period.guidelines))
            for i, ident in enumerate(guideline.implements):
                findings += _reference(period, ident, guideline.where.at("implements", i), "Avsnittet", known)
    return findings


def _texts(document):
    """(text, path) of the document's intro and every section's text."""
    if document.intro:
        yield document.intro, ("intro",)
    for section in document.walk():
        if section.text:
            yield section.text, section.where.path + ("text",)


CHECKS: list[Check] = [unique_ids, references, check_key_terms]


def run_checks(corpus: Corpus, checks: Iterable[Check] | None = None) -> list[Finding]:
    findings = []
    for check in checks or CHECKS:
        findings += check(corpus)
    return findings


def check_root(root: Path) -> tuple[Corpus, list[Finding]]:
    """Load the corpus under root and run every check: the whole of `avtal check`."""
    corpus, findings = load_corpus(root)
    return corpus, findings + run_checks(corpus)
