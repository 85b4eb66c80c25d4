"""Checks over the loaded corpus: unique ids and references that resolve.

Each check is a pure function from the model to a list of findings.
"""

from __future__ import annotations

from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from . import hierarchy, text as textmod
from .corpus import load_corpus
from .keyterms import check_key_terms
from .statutes import check_statutes
from .findings import Finding, Position, closest, error
from .hierarchy import split_ref, where_in_text
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


@dataclass(frozen=True)
class Reference:
    """One id that something in a period points to, and where."""

    ident: str
    where: Position
    what: str  # Swedish, for messages: "Avsnittet", "Läs mer-länkens mål" …
    scope: str  # which ids may be meant: "known", "documents", "parents" or "decisions"


def iter_references(period: Period) -> Iterator[Reference]:
    """Every reference in the period: agreement, key term clauses, decisions, parents, read_with,
    changelog sections, läs mer, text links ``ref:id`` (exact position in the text) and implements.
    Links into another period (``ref:PERIOD:id``) are left to hierarchy.period_references."""
    yield Reference(period.agreement, period.where.at("agreement"), "Huvudavtalet", "documents")
    for term in period.key_terms:
        yield Reference(term.clause, term.where.at("clause"), "Avsnittet", "known")
    for i, change in enumerate(period.changelog):
        if change.decision:
            yield Reference(change.decision, period.where.at("changelog", i, "decision"), "Beslutet", "decisions")
    for document in period.documents.values():
        if document.parent:
            yield Reference(document.parent, document.where.at("parent"), "Överordnat dokument", "documents")
        for i, other in enumerate(document.read_with):
            yield Reference(other, document.where.at("read_with", i), "Dokumentet", "documents")
        for i, change in enumerate(document.changelog):
            if change.decision:
                yield Reference(change.decision, document.where.at("changelog", i, "decision"), "Beslutet", "decisions")
            for j, ident in enumerate(change.sections):
                yield Reference(ident, document.where.at("changelog", i, "sections", j), "Avsnittet", "known")
        for _, item in document.all_read_more():
            yield Reference(item.ref, item.where.at("ref"), "Läs mer-länkens mål", "known")
        for owner, path in _texts(document):
            for link in textmod.links(owner):
                split = split_ref(link.target)
                if split is not None and split[0] is None and ":" not in split[1]:
                    yield Reference(split[1], where_in_text(document.where.file, path, link.start), "Länkmålet", "known")
    for guideline in period.guidelines.values():
        yield Reference(guideline.parent, guideline.where.at("parent"), "Överordnat dokument", "parents")
        for i, ident in enumerate(guideline.implements):
            yield Reference(ident, guideline.where.at("implements", i), "Avsnittet", "known")


def references(corpus: Corpus) -> list[Finding]:
    """Every reference (parent, läs mer, implements, text link, key term clause, decision) resolves."""
    findings = []
    for period in corpus.periods.values():
        scopes = {"documents": set(period.documents), "decisions": {d.id for d in period.decisions}}
        scopes["parents"] = scopes["documents"] | set(period.guidelines)
        scopes["known"] = scopes["parents"] | set(period.section_index())
        for ref in iter_references(period):
            known = scopes[ref.scope]
            if ref.ident not in known:
                findings.append(error(
                    "dangling-reference", ref.where, f"{ref.what} '{ref.ident}' finns inte i perioden {period.id}.",
                    closest(ref.ident, known)))
    return findings


def _texts(document):
    """(text, path) of the document's intro and every section's text."""
    if document.intro:
        yield document.intro, ("intro",)
    for section in document.walk():
        if section.text:
            yield section.text, section.where.path + ("text",)


CHECKS: list[Check] = [unique_ids, references, check_key_terms, check_statutes, *hierarchy.CHECKS]


def run_checks(corpus: Corpus, checks: Iterable[Check] | None = None) -> list[Finding]:
    findings = []
    for check in checks or CHECKS:
        findings += check(corpus)
    return findings


def check_root(root: Path) -> tuple[Corpus, list[Finding]]:
    """Load the corpus under root and run every check: the whole of `avtal check`."""
    corpus, findings = load_corpus(root)
    return corpus, findings + run_checks(corpus)
