"""Data for the blocks every page shares: trust marks, links, editorial notes, läs mer boxes.

Each function returns plain data (dicts of strings, lists and Markup) for the macros of
``templates/macros.html``; no markup is written here.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Document, Note, Period, ReadMore
from ..text import safe_href
from .urls import Site

NOTE_LABELS = {"stavfel": "Stavfel i källan", "numrering": "Numrering", "textuttag": "Textuttag",
               "innehall": "Anmärkning", "lag": "Lagändring"}


#: A läs mer title of the source that names a PDF ("…, PDF", "… (PDF)"): the source linked the document's
#: PDF, the site links the document's entry in its register. The title is the source's and stays; the link
#: gets words of its own (READ_MORE_NOT_PDF), so it does not say "PDF" when it opens a web page.
SAYS_PDF = re.compile(r"(?:,\s*PDF|\(PDF\))\s*$")
READ_MORE_NOT_PDF = "om dokumentet i registret"


def link(href: str, text: str, classes: str = "") -> dict:
    """A link for the ``link`` macro: href (already relative to its page), the words shown, CSS classes.
    An href no page may carry (``javascript:``, ``data:`` …, see ``text.safe_href``) is dropped: the
    words are shown without a link."""
    return {"href": href if safe_href(href) else "", "text": text, "classes": classes}


def trust_marks(site: Site, period: Period, version: str | None, valid_from: str | None, valid_to: str | None,
                decision: str | None | bool, updated: str | None) -> dict:
    """The banner every page of a period carries: its status on the build's day (and every later
    status, for the reader's browser to pick today's: ``javascripts/status.js``), the period, version,
    validity, decision (when none is given, the period's own) and when the data last changed.

    A validity equal to the period's follows its term: after an extension the banner shows the new end.
    decision False: no decision on this page (a register is not decided by the agreement's bodies).
    """
    status = site.status(period)
    follows = valid_to == period.valid_to
    stretches = [{"from": first.isoformat() if first else None, "code": s.code, "label": s.label,
                  "valid_from": (valid_from or s.valid_from.isoformat()),
                  "valid_to": s.valid_to.isoformat() if follows else valid_to, "sentence": s.sentence}
                 for first, s in site.timeline(period)]
    return {"status": status.code, "status_label": status.label, "period": period.id, "version": version,
            "valid_from": valid_from, "valid_to": status.valid_to.isoformat() if follows else valid_to,
            "follows_term": follows, "sentence": status.sentence,
            "decision": None if decision is False else decision or period_decision(period),
            "updated": updated, "stretches": stretches if status.code != "utkast" else []}


def period_trust_marks(site: Site, period: Period) -> dict:
    """Trust marks for a page of the whole period (overview, print, changes): the period's own decision."""
    return trust_marks(site, period, None, period.valid_from, period.valid_to, period_decision(period),
                       last_change(period.changelog, *(d.changelog for d in period.documents.values())))


def register_marks(what: str, changed, source: str, period: Period | None = None, draft: bool = False) -> dict:
    """The marks of a register (Lagar, Begrepp, Riktlinjer): what it is, when it last changed, where
    its facts come from, and for a period's register the period; never the agreement's decision.

    changed: a date (git's last change of the file), a DateSpan, a label already made, or None ("okänt").
    draft: the period is a draft (the register then carries the UTKAST banner like every page of it)."""
    when = changed if isinstance(changed, str) else \
        changed.label if hasattr(changed, "label") else (changed.isoformat() if changed else None)
    return {"what": what, "changed": when or "okänt", "source": source, "period": period.id if period else None,
            "draft": draft}


def last_change(*changelogs) -> str | None:
    """The label of the latest date in the change logs ("13–14 juni 2022"), or None."""
    dates = [c.when for log in changelogs for c in log if c.when is not None]
    return max(dates, key=lambda d: (d.last, d.first)).label if dates else None


def period_decision(period: Period) -> str | None:
    """The decision behind the period: its change log's latest decision, else its latest decision."""
    ident = next((c.decision for c in reversed(period.changelog) if c.decision), None)
    if ident is None and period.decisions:
        ident = max(period.decisions, key=lambda d: (d.when.first if d.when else dt.date.min, d.date)).id
    return decision_label(period, ident)


def decision_label(period: Period, ident: str | None) -> str | None:
    """"Regionfullmäktige 13–14 juni 2022 § 123" for a decision id of the period (its date as precise
    as known), or None."""
    decision = next((d for d in period.decisions if d.id == ident), None)
    if decision is None:
        return None
    when = decision.when.label if decision.when else decision.date
    return f"{decision.body} {when}" + (f" {decision.paragraph}" if decision.paragraph else "")


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
    links = []
    for item in items:
        if (period.id, item.ref) not in site.urls:
            continue
        href = site.link(page, period.id, item.ref)
        if SAYS_PDF.search(item.title):  # the source's words, kept; our link says where it leads
            links.append(link(href, READ_MORE_NOT_PDF) | {"source_title": item.title})
        else:
            links.append(link(href, item.title))
    return {"anchor": anchor, "links": links}
