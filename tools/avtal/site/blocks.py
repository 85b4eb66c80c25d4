"""Data for the blocks every page shares: trust marks, links, editorial notes, läs mer boxes.

Each function returns plain data (dicts of strings, lists and Markup) for the macros of
``templates/macros.html``; no markup is written here.
"""

from __future__ import annotations

from ..model import Document, Note, Period, ReadMore
from ..text import safe_href
from .urls import Site

NOTE_LABELS = {"stavfel": "Stavfel i källan", "numrering": "Numrering", "textuttag": "Textuttag",
               "innehall": "Anmärkning", "lag": "Lagändring"}


def link(href: str, text: str, classes: str = "") -> dict:
    """A link for the ``link`` macro: href (already relative to its page), the words shown, CSS classes.
    An href no page may carry (``javascript:``, ``data:`` …, see ``text.safe_href``) is dropped: the
    words are shown without a link."""
    return {"href": href if safe_href(href) else "", "text": text, "classes": classes}


def trust_marks(period: Period, version: str | None, valid_from: str | None, valid_to: str | None,
                decision: str | None) -> dict:
    """The banner every page carries: period, status, version, validity and decision (when none is
    given, the period's own; a draft without one says so)."""
    return {"status": period.status, "status_label": period.status_label, "period": period.id,
            "version": version, "valid_from": valid_from, "valid_to": valid_to,
            "decision": decision or period_decision(period)}


def period_trust_marks(period: Period) -> dict:
    """Trust marks for a page of the whole period (overview, registers, print): the period's own decision."""
    return trust_marks(period, None, period.valid_from, period.valid_to, period_decision(period))


def period_decision(period: Period) -> str | None:
    """The decision behind the period: its change log's latest decision, else its latest decision."""
    ident = next((c.decision for c in reversed(period.changelog) if c.decision), None)
    if ident is None and period.decisions:
        ident = max(period.decisions, key=lambda d: d.date).id
    return decision_label(period, ident)


def decision_label(period: Period, ident: str | None) -> str | None:
    """"Regionfullmäktige 2022-06-14 § 123" for a decision id of the period, or None."""
    decision = next((d for d in period.decisions if d.id == ident), None)
    if decision is None:
        return None
    return f"{decision.body} {decision.date}" + (f" {decision.paragraph}" if decision.paragraph else "")


def document_decision(period: Period, document: Document) -> str | None:
    """The decision of the document's latest change-log entry that names one."""
    last = next((c for c in reversed(document.changelog) if c.decision), None)
    return decision_label(period, last.decision) if last else None


def notes(items: list[Note] | tuple[Note, ...]) -> list[dict]:
    """An editor's notes on the source for the ``notes`` macro: label, quote, text."""
    return [{"label": NOTE_LABELS.get(n.kind, n.kind), "quote": n.quote, "text": n.text} for n in items]


def read_more(site: Site, page: str, period: Period, anchor: str, items: list[ReadMore]) -> dict | None:
    """The source's läs mer box of a section or document (anchor: its id), links that resolve only."""
    if not items:
        return None
    return {"anchor": anchor, "links": [link(site.link(page, period.id, item.ref), item.title)
                                        for item in items if (period.id, item.ref) in site.urls]}
