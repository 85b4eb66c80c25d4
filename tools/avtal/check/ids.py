"""Ids: every section id (of a document or a guideline's body) is unique within its period and distinct
from document and guideline ids."""

from __future__ import annotations

from ..findings import Finding, Position, error
from ..model import Corpus


def unique_ids(corpus: Corpus) -> list[Finding]:
    """Section ids are unique within a period and distinct from document and guideline ids; decision ids
    (period.yaml's and those under beslut/) are unique within a period.

    Code: ``duplicate-id`` at every repeat, related to the first. (A document or guideline id used
    twice is reported by ``load.corpus`` with the same code.)
    """
    findings = []
    for period in corpus.periods.values():
        seen: dict[str, Position] = {}
        for ident, item in list(period.documents.items()) + list(period.guidelines.items()):
            seen[ident] = item.where.at("id")
        for section in [*period.sections(), *(s for g in period.guidelines.values() for s in g.walk())]:
            where = section.where.at("id")
            if section.id in seen:
                findings.append(error(
                    "duplicate-id", where,
                    f"Id '{section.id}' används redan i perioden {period.id}.",
                    f"Ge avsnittet ett eget id; det första står i {seen[section.id]}.",
                    related=[seen[section.id]]))
            else:
                seen[section.id] = where
        decided: dict[str, Position] = {}
        for decision in period.decisions:
            where = decision.where.at("id") if decision.where else period.where.position
            if decision.id in decided:
                findings.append(error(
                    "duplicate-id", where, f"Beslutet '{decision.id}' finns redan i perioden {period.id}.",
                    f"Ge beslutet ett eget id, eller ta bort det ena; det första står i {decided[decision.id]}.",
                    related=[decided[decision.id]]))
            else:
                decided[decision.id] = where
    return findings
