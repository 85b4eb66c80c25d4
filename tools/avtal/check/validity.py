"""Validity dates in the hierarchy: arrangements as long as the agreement, children within parents."""

from __future__ import annotations

import networkx as nx

from ..findings import Finding, error
from ..model import Corpus, Period
from .hierarchy import ARRANGEMENT, graph, parent_of


def arrangement_validity(corpus: Corpus) -> list[Finding]:
    """An arrangement (överenskommelse) is valid exactly as long as the agreement.

    Code: ``hierarchy-arrangement-validity``, at the differing valid_from or valid_to.
    """
    findings = []
    for period in corpus.periods.values():
        agreement = period.documents.get(period.agreement)
        if agreement is None:
            continue
        for document in period.documents.values():
            if document.kind != ARRANGEMENT:
                continue
            for key, label in (("valid_from", "gäller från"), ("valid_to", "gäller till")):
                own, expected = getattr(document, key), getattr(agreement, key)
                if own != expected:
                    findings.append(error(
                        "hierarchy-arrangement-validity", document.where.at(key),
                        f"Överenskommelsen '{document.id}' {label} {own}, men avtalet '{agreement.id}' {label} "
                        f"{expected}.",
                        f"En överenskommelse gäller lika länge som avtalet: skriv {key}: {expected}.",
                        related=[agreement.where.at(key)]))
    return findings


def _validity(period: Period, g: nx.DiGraph) -> dict[str, tuple[str, str]]:
    """Each node's effective (from, to): its own dates, else its parent's, else the period's."""
    effective: dict[str, tuple[str, str]] = {}

    def resolve(ident: str, seen: frozenset) -> tuple[str, str]:
        if ident in effective:
            return effective[ident]
        parent = parent_of(g, ident)
        above = (period.valid_from, period.valid_to)
        if parent is not None and parent not in seen:
            above = resolve(parent, seen | {ident})
        item = g.nodes[ident]["item"]
        effective[ident] = (item.valid_from or above[0], item.valid_to or above[1])
        return effective[ident]

    for ident in g:
        resolve(ident, frozenset())
    return effective


def validity_within_parent(corpus: Corpus) -> list[Finding]:
    """No document is valid outside its parent's validity (top documents: outside the period's).

    Guidelines without dates take their parent's; arrangements are left to `arrangement_validity`.
    Code: ``hierarchy-validity-outside-parent``, at the date that lies outside (ISO dates compared as text).
    """
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        effective = _validity(period, g)
        for ident, data in g.nodes(data=True):
            item = data["item"]
            if data["kind"] == ARRANGEMENT and item.parent == period.agreement:
                continue
            parent = parent_of(g, ident)
            if parent is None and item.parent:
                continue  # dangling parent: nothing to compare with
            if parent is not None:
                bounds, whose = effective[parent], f"det överordnade dokumentet '{parent}'"
                related = [g.nodes[parent]["item"].where.position]
            else:
                bounds, whose = (period.valid_from, period.valid_to), f"perioden {period.id}"
                related = [period.where.at("valid_from")]
            if item.valid_from and item.valid_from < bounds[0]:
                findings.append(error(
                    "hierarchy-validity-outside-parent", item.where.at("valid_from"),
                    f"Dokumentet '{ident}' gäller från {item.valid_from}, före {whose} som gäller från {bounds[0]}.",
                    f"Ett dokument kan inte gälla före det som det ligger under; skriv valid_from: {bounds[0]} "
                    "eller senare.", related=related))
            if item.valid_to and item.valid_to > bounds[1]:
                findings.append(error(
                    "hierarchy-validity-outside-parent", item.where.at("valid_to"),
                    f"Dokumentet '{ident}' gäller till {item.valid_to}, efter {whose} som gäller till {bounds[1]}.",
                    f"Ett dokument kan inte gälla efter det som det ligger under; skriv valid_to: {bounds[1]} "
                    "eller tidigare.", related=related))
    return findings


def validity_order(corpus: Corpus) -> list[Finding]:
    """A document (or period) does not end before it begins. Code: ``hierarchy-validity-order``, at valid_to."""
    findings = []
    for period in corpus.periods.values():
        items = [(period, f"Perioden {period.id}")] + [
            (item, f"Dokumentet '{item.id}'") for item in (*period.documents.values(), *period.guidelines.values())]
        for item, what in items:
            if item.valid_from and item.valid_to and item.valid_to < item.valid_from:
                findings.append(error(
                    "hierarchy-validity-order", item.where.at("valid_to"),
                    f"{what} gäller till {item.valid_to}, före sitt första giltighetsdatum {item.valid_from}.",
                    "Kontrollera valid_from och valid_to."))
    return findings


CHECKS = [arrangement_validity, validity_within_parent, validity_order]
