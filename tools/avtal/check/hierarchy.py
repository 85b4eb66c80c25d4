"""The hierarchy of governing documents in a period, and the rules it keeps.

::

    Hälso- och sjukvårdsavtalet (avtal)             the period's `agreement`
     ├─ Del A, Del B (avtalsdel)                      parts of the agreement
     ├─ Överenskommelse × 4 (overenskommelse)         directly under it, valid exactly as long
     ├─ länsgemensam riktlinje / rutin / handbok …    under the agreement, a part, an arrangement
     │                                                or another länsgemensam guideline
     └─ delregional / lokal (e.g. närområdesplan)     under an arrangement, a länsgemensam or a
                                                      delregional guideline
    Färdplan (strategi)                               beside the agreement, no parent

`graph(period)` gives the hierarchy as a networkx DiGraph (edges parent → child).
Every rule is its own check: a pure function from the corpus to findings.
"""

from __future__ import annotations

import networkx as nx

from ..findings import Finding, Position, error
from ..model import KIND_LABELS, LEVEL_LABELS, Corpus, Document, Guideline, Period

AGREEMENT, PART, ARRANGEMENT, STRATEGY = "avtal", "avtalsdel", "overenskommelse", "strategi"
COUNTY, SUBREGIONAL, LOCAL = "lansgemensam", "delregional", "lokal"
#: Guideline kinds that may have länsgemensam guidelines under them.
GUIDELINE_KINDS = frozenset({"riktlinje", "rutin", "handbok", "vagledning", "webbsida", "forteckning", "direktiv"})

Item = Document | Guideline


def graph(period: Period) -> nx.DiGraph:
    """Every document and guideline of the period as a node; an edge from each existing parent to its child.

    Node attributes: ``item`` (the model object), ``kind`` and ``level`` (None for documents).
    A parent that does not exist adds no edge (checks.references reports it).
    """
    g = nx.DiGraph()
    for document in period.documents.values():
        g.add_node(document.id, item=document, kind=document.kind, level=None)
    for guideline in period.guidelines.values():
        g.add_node(guideline.id, item=guideline, kind=guideline.kind, level=guideline.level)
    for ident, item in [(n, d["item"]) for n, d in g.nodes(data=True)]:
        if item.parent and item.parent in g and item.parent != ident:
            g.add_edge(item.parent, ident)
        elif item.parent == ident:
            g.add_edge(ident, ident)
    return g


def describe(g: nx.DiGraph, ident: str) -> str:
    """'ident' (kind, level) for a Swedish message."""
    data = g.nodes[ident]
    kind = KIND_LABELS.get(data["kind"], data["kind"]).lower()
    level = f", {LEVEL_LABELS[data['level']].lower()}" if data["level"] else ""
    return f"'{ident}' ({kind}{level})"


def parent_of(g: nx.DiGraph, ident: str) -> str | None:
    """The parent of ident in the graph, or None (a dangling or missing parent)."""
    parents = list(g.predecessors(ident))
    return parents[0] if parents else None


def _where_parent(item: Item) -> Position:
    return item.where.at("parent") if item.parent else item.where.at("id")


# --- parents ---------------------------------------------------------------------------

def _allowed_parent(period: Period, g: nx.DiGraph, child: str, parent: str) -> bool:
    c, p = g.nodes[child], g.nodes[parent]
    if c["kind"] in (PART, ARRANGEMENT):
        return parent == period.agreement and p["kind"] == AGREEMENT
    if c["level"] == COUNTY:
        return (p["kind"] in (AGREEMENT, PART, ARRANGEMENT) and p["level"] is None) or (
            p["kind"] in GUIDELINE_KINDS and p["level"] == COUNTY)
    if c["level"] in (SUBREGIONAL, LOCAL):
        return (p["kind"] == ARRANGEMENT and p["level"] is None) or (
            p["kind"] in GUIDELINE_KINDS and p["level"] == COUNTY) or p["level"] == SUBREGIONAL
    return False


def _allowed_text(period: Period, g: nx.DiGraph, child: str) -> str:
    c = g.nodes[child]
    if c["kind"] == PART:
        return f"En avtalsdel ligger direkt under avtalet '{period.agreement}'."
    if c["kind"] == ARRANGEMENT:
        return f"En överenskommelse ligger direkt under avtalet '{period.agreement}'."
    if c["level"] == COUNTY:
        return ("Ett länsgemensamt styrdokument ligger under avtalet, en avtalsdel, en överenskommelse eller "
                "en annan länsgemensam riktlinje, rutin, handbok, vägledning, webbsida, förteckning eller direktiv.")
    return ("Ett delregionalt eller lokalt styrdokument ligger under en överenskommelse, ett länsgemensamt "
            "styrdokument eller ett delregionalt styrdokument.")


def parents(corpus: Corpus) -> list[Finding]:
    """Every document but the agreement and the strategy has exactly one parent, of an allowed kind.

    Codes: ``hierarchy-parent-not-allowed`` (the agreement or the strategy has a parent),
    ``hierarchy-parent-missing``, ``hierarchy-parent-kind`` (the hint says which parents are allowed).
    """
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        for ident, data in g.nodes(data=True):
            item = data["item"]
            if data["kind"] in (AGREEMENT, STRATEGY):
                if item.parent:
                    what = "Avtalet" if data["kind"] == AGREEMENT else "Strategin"
                    findings.append(error(
                        "hierarchy-parent-not-allowed", item.where.at("parent"),
                        f"{what} '{ident}' står överst i hierarkin och kan inte ha ett överordnat dokument.",
                        "Ta bort raden parent." if data["kind"] == AGREEMENT else
                        "Ta bort raden parent: strategin antas bredvid avtalet, inte under det."))
                continue
            if not item.parent:
                findings.append(error(
                    "hierarchy-parent-missing", item.where.at("id"),
                    f"Dokumentet {describe(g, ident)} saknar överordnat dokument.",
                    f"Lägg till parent: {period.agreement}. " + _allowed_text(period, g, ident)))
                continue
            parent = parent_of(g, ident)
            if parent is None or parent == ident:
                continue  # a dangling parent (checks.references) or a self-loop (cycles)
            if not _allowed_parent(period, g, ident, parent):
                findings.append(error(
                    "hierarchy-parent-kind", item.where.at("parent"),
                    f"Dokumentet {describe(g, ident)} kan inte ligga under {describe(g, parent)}.",
                    _allowed_text(period, g, ident)))
    return findings


def agreement_document(corpus: Corpus) -> list[Finding]:
    """The period's agreement is a document of kind avtal, and the only one.

    Codes: ``hierarchy-agreement-kind`` (at period.yaml's agreement), ``hierarchy-extra-agreement``.
    """
    findings = []
    for period in corpus.periods.values():
        agreement = period.documents.get(period.agreement)
        if agreement is not None and agreement.kind != AGREEMENT:
            findings.append(error(
                "hierarchy-agreement-kind", period.where.at("agreement"),
                f"Periodens avtal '{period.agreement}' har typen '{agreement.kind}', inte 'avtal'.",
                "Ange avtalsdokumentets id i agreement, eller ändra dokumentets kind till avtal."))
        for document in period.documents.values():
            if document.kind == AGREEMENT and document.id != period.agreement:
                findings.append(error(
                    "hierarchy-extra-agreement", document.where.at("kind"),
                    f"Dokumentet '{document.id}' har typen avtal, men periodens avtal är '{period.agreement}'.",
                    "En period har ett avtal; gör dokumentet till en avtalsdel eller överenskommelse under det."))
    return findings


# --- cycles and reachability ---------------------------------------------------------------

def _cycles(g: nx.DiGraph) -> list[list[str]]:
    """Each cycle once, as child → parent → … starting from its smallest id."""
    found = []
    for cycle in nx.simple_cycles(g):  # parent → child order; every node has at most one parent
        members = list(reversed(cycle))
        start = members.index(min(members))
        found.append(members[start:] + members[:start])
    return sorted(found)


def cycles(corpus: Corpus) -> list[Finding]:
    """No document lies (directly or through others) under itself.

    Code: ``hierarchy-cycle``, once per cycle at the ``parent`` of its smallest id, related to the others' ``parent``.
    """
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        for cycle in _cycles(g):
            first = g.nodes[cycle[0]]["item"]
            chain = " → ".join(f"'{i}'" for i in cycle + [cycle[0]])
            findings.append(error(
                "hierarchy-cycle", first.where.at("parent"),
                f"Dokumenten ligger under varandra i en cirkel: {chain}.",
                "Ändra parent i något av dokumenten så att kedjan slutar i avtalet.",
                related=[g.nodes[i]["item"].where.at("parent") for i in cycle[1:]]))
    return findings


def reachability(corpus: Corpus) -> list[Finding]:
    """Every document (the strategy excepted) lies under the agreement.

    Reported once per place where the chain of parents breaks, naming what is cut off;
    documents in a cycle are left to `cycles`, a section id as parent to ``check.references`` (which says it
    is a section; "the parent does not exist" would contradict it). Code: ``hierarchy-unreachable``.
    """
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        reached = nx.descendants(g, period.agreement) | {period.agreement} if period.agreement in g else set()
        in_cycle = {n for cycle in _cycles(g) for n in cycle}
        cut_off: dict[str, list[str]] = {}
        for ident in sorted(g):
            if ident in reached or g.nodes[ident]["kind"] == STRATEGY:
                continue
            chain = [ident]
            while (parent := parent_of(g, chain[-1])) is not None and parent not in chain:
                chain.append(parent)
            if in_cycle & set(chain):
                continue
            top = chain[-1]
            if g.nodes[top]["kind"] == STRATEGY:  # under the strategy: break at the child below it
                top = chain[-2]
            cut_off.setdefault(top, []).append(ident)
        sections = period.section_index()
        for top, cut in sorted(cut_off.items()):
            item = g.nodes[top]["item"]
            below = sorted(set(cut) - {top})
            also = f" och {len(below)} dokument under det ({', '.join(below)})" if below else ""
            parent = item.parent
            if parent and parent not in g and parent in sections:
                continue  # a section as parent: check.references says so, at the same place
            if parent and parent in g:
                why = f"kedjan av överordnade slutar i {describe(g, parent)}"
            elif parent:
                why = f"det överordnade dokumentet '{parent}' finns inte"
            else:
                why = "det saknar överordnat dokument"
            findings.append(error(
                "hierarchy-unreachable", _where_parent(item),
                f"Dokumentet {describe(g, top)}{also} ligger inte under avtalet '{period.agreement}': {why}.",
                "Ändra parent så att kedjan av överordnade dokument leder till avtalet."))
    return findings


CHECKS = [agreement_document, parents, cycles, reachability]
