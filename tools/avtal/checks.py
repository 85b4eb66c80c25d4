"""Checks over the loaded corpus: unique ids and references that resolve.

Each check is a pure function from the model to a list of findings.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from . import hierarchy, text as textmod
from .corpus import load_corpus
from .keyterms import check_key_terms
from .statutes import check_statutes
from .findings import Finding, Position, closest, error, hint
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
    history: bool = False  # a change log naming a section: it may name one the change removed


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
                yield Reference(ident, document.where.at("changelog", i, "sections", j), "Avsnittet", "known",
                                history=True)
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
            if ref.ident not in known and ref.history:
                findings.append(hint(
                    "changelog-section-gone", ref.where,
                    f"Ändringsloggen nämner avsnittet '{ref.ident}', som inte finns i perioden {period.id}.",
                    "Det är rätt om ändringen tog bort avsnittet. Annars: " + closest(ref.ident, known)))
            elif ref.ident not in known:
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


_ID_LINE = re.compile(r"""^[ ]*(?:-[ ]+)?id:[ ]*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?[ ]*(?:#.*)?$""", re.M)
_UNUSABLE = ("yaml-", "file-", "schema-")  # a file with such a finding is left out of the model


def _unusable_ids(root: Path, findings: list[Finding]) -> tuple[set[str], set[str]]:
    """The files left out of the model, and the ids written in them (read as text: they may not parse)."""
    files = {f.position.file for f in findings if f.code.startswith(_UNUSABLE)}
    ids: set[str] = set()
    for file in files:
        try:
            ids.update(_ID_LINE.findall((root / file).read_bytes().decode("utf-8", errors="replace")))
        except OSError:
            continue
    return files, ids


def without_follow_on_errors(corpus: Corpus, root: Path, findings: list[Finding], derived: list[Finding]) -> list[Finding]:
    """Drop what follows from a file that could not be used: a reference to an id defined in it
    ('finns inte', 'ligger inte under avtalet' …) and, without the statute register, every statute finding.
    The file's own findings name the fault; the rest shows up once it is fixed."""
    files, ids = _unusable_ids(root, findings)
    if not files:
        return derived
    places = {ref.where for period in corpus.periods.values() for ref in iter_references(period) if ref.ident in ids}
    no_register = any(PurePosixPath(f).parts[-2:] == ("register", "lagar.yaml") for f in files)
    return [f for f in derived if f.position not in places and not (no_register and f.code.startswith("statute-"))]


def check_root(root: Path) -> tuple[Corpus, list[Finding]]:
    """Load the corpus under root and run every check: the whole of `avtal check`."""
    corpus, findings = load_corpus(root)
    return corpus, findings + without_follow_on_errors(corpus, root, findings, run_checks(corpus))
