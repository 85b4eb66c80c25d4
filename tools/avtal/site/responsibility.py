""""Vem ansvarar för vad?": the responsibility statements of a period as a matrix of topics × parties,
the party marks under each section that holds statements, and the statements as open data.

Python prepares the data; ``templates/ansvar.md`` and the macros of ``templates/_ansvar.html``
hold every tag. A cell lists the statements of its topic and party, each with the adopted words it
quotes and a link to its section; statements the text gives no party stand under the row.
"""

from __future__ import annotations

from ..model import Document, Guideline, Period, Section
from ..responsibility import KIND_LABELS, LEVEL_LABELS, PARTIES, PARTY_LABELS, PARTY_WORDS, Responsibility
from .blocks import link, period_trust_marks
from .markup import render
from .urls import Site, page_url, relative

ROW_PREFIX = "ansvar-"  # a row's anchor: ansvar-<topic id>
#: What each party's column holds, for the page's legend.
PARTY_HELP = {
    "region": "Västra Götalandsregionen, också när texten säger vårdcentral, läkare, slutenvården eller tandvårdsleverantör.",
    "kommun": "Kommunen, också när texten säger omvårdnadspersonal.",
    "gemensamt": "Båda parterna: texten säger gemensamt, parterna eller både kommunen och regionen.",
    "respektive": "Den part som har hälso- och sjukvårdsansvaret, fattar beslutet eller förskriver – var och en för sitt.",
}


def matrix_page(period: Period) -> str:
    """``<period>/vem-ansvarar.md``: the period's "Vem ansvarar för vad?"."""
    return f"{period.id}/vem-ansvarar.md"


def row_url(period: Period, topic: str) -> str:
    """The site URL of a topic's row on the period's matrix page."""
    return f"{page_url(matrix_page(period))}#{ROW_PREFIX}{topic}"


def agreement_statements(period: Period) -> list[tuple[Document, Section, Responsibility]]:
    """(document, section, statement) of every statement in the period's documents, in reading order."""
    return [(document, section, statement) for document in period.ordered_documents()
            for section in document.walk() for statement in section.responsibilities]


def has_page(period: Period) -> bool:
    """Whether the period has statements to show (a period without any gets no matrix page)."""
    return bool(agreement_statements(period))


def _question(title: str) -> str:
    """ "Vem ansvarar för hjälpmedel och …?" from a topic's title (an acronym keeps its capitals)."""
    head = title[:1].lower() if title[1:2].islower() else title[:1]
    return f"Vem ansvarar för {head}{title[1:]}?"


def row_summary(items: list[dict]) -> list[dict]:
    """What a row's cells hold, as the sentence under its question says it (and the search index reads
    it: the quotes are the sections' to find): [{"party": "parterna gemensamt", "kinds": "styrning och
    krav"}, …] for each party with statements, in the matrix's order, the statements without a party
    last ("utan angiven part"); each party's kinds once, in KIND_LABELS' order, lower case.

    items: the row's statements as ``_item`` gives them (their "party" and "kind")."""
    order = list(KIND_LABELS)
    out = []
    for party in [*PARTIES, None]:
        kinds = sorted({i["kind"] for i in items if i["party"] == party}, key=order.index)
        if kinds:
            out.append({"party": PARTY_WORDS[party] if party else "utan angiven part",
                        "kinds": ", ".join(KIND_LABELS[k].lower() for k in kinds)})
    return out


def _item(site: Site, page: str, period: Period, document: Document | Guideline, section: Section,
          statement: Responsibility) -> dict:
    """One statement for a cell or a section: the quoted words and where they stand."""
    actors = {a.id: a.name for a in site.corpus.actors}
    where = (period.id, section.id)
    return {
        "quote": statement.quote, "lead": statement.lead if statement.lead != statement.quote else None,
        "kind": statement.kind, "kind_label": KIND_LABELS[statement.kind],
        "party": statement.party, "party_label": PARTY_LABELS.get(statement.party or "", ""),
        "levels": [LEVEL_LABELS[level] for level in statement.levels],
        "actor": actors.get(statement.actor or ""), "from_heading": statement.party_from == "rubrik",
        "across_heading": statement.across_heading, "unclassified": statement.unclassified,
        "section": link(site.link(page, *where), site.titles[where]) if where in site.urls else None,
        "document": getattr(document, "short_title", None) or document.title,
    }


def matrix_view(site: Site, period: Period) -> dict:
    """The matrix page's data: one row per topic that has statements (in the register's order), a cell
    per party, the statements without a party under the row, and the filters' choices."""
    page = matrix_page(period)
    by_topic: dict[str, list[dict]] = {}
    for document, section, statement in agreement_statements(period):
        by_topic.setdefault(statement.topic, []).append(_item(site, page, period, document, section, statement))
    rows = []
    for topic in site.corpus.topics:
        items = by_topic.get(topic.id)
        if not items:
            continue
        cells = [{"party": p, "label": PARTY_LABELS[p], "entries": [i for i in items if i["party"] == p]}
                 for p in PARTIES]
        rows.append({"id": ROW_PREFIX + topic.id, "title": topic.title, "question": _question(topic.title),
                     "description": topic.description, "keywords": [{"text": s, "href": None} for s in topic.synonyms],
                     "cells": cells, "unclassified": [i for i in items if i["party"] is None],
                     "summary": row_summary(items),
                     "count": len(items)})
    kinds = sorted({i["kind"] for items in by_topic.values() for i in items}, key=list(KIND_LABELS).index)
    return {
        "title": "Vem ansvarar för vad?", "marks": period_trust_marks(site, period), "rows": rows,
        "parties": [{"party": p, "label": PARTY_LABELS[p], "help": PARTY_HELP[p]} for p in PARTIES],
        "kinds": [{"kind": k, "label": KIND_LABELS[k]} for k in kinds],
        "total": sum(r["count"] for r in rows),
        "guide": link(relative(page, "redigera/#ansvar"), "Så ändrar du avtalet"),
    }


def matrix_markdown(site: Site, period: Period) -> str:
    """The page "Vem ansvarar för vad?" of a period."""
    return render("ansvar.md", page=matrix_view(site, period))


def section_marks(site: Site, page: str, period: Period, section: Section, linked: bool = True) -> dict | None:
    """The parties of a section's statements as marks, each linking to the matrix row of its first topic
    (linked False: marks only, as on the printable page); None for a section without statements."""
    statements = section.responsibilities
    if not statements:
        return None
    marks = []
    for party in PARTIES:
        topic = next((s.topic for s in statements if s.party == party), None)
        if topic is None:
            continue
        href = relative(page, row_url(period, topic)) if linked else None
        marks.append({"party": party, "label": PARTY_LABELS[party], "href": href})
    unclassified = sum(1 for s in statements if s.party is None)
    return {"marks": marks, "unclassified": unclassified, "restates": []}
