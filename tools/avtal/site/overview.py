"""A period's overview page, and the start page's picture of the hierarchy of governing documents."""

from __future__ import annotations

from ..model import Corpus, Period
from . import blocks, changes, diagram
from .blocks import link
from .markup import render
from .urls import Site, current_period, document_page, guideline_page, page_url, print_page, relative


def overview_page(period: Period) -> str:
    """``<period>/index.md``: the period's overview page."""
    return f"{period.id}/index.md"


def period_markdown(site: Site, period: Period) -> str:
    """The period's overview: its documents with versions, the printable page, key terms, decisions,
    and where to read what changed."""
    page = overview_page(period)
    documents = [{"link": link(relative(page, page_url(document_page(d))), d.title), "version": d.version}
                 for d in period.ordered_documents()]
    key_terms = []
    for term in period.key_terms:
        clause = site.urls.get((period.id, term.clause))
        key_terms.append({"label": term.label, "text": term.text,
                          "clause": link(relative(page, clause), site.titles[period.id, term.clause]) if clause else None})
    changed = None
    if changes.has_page(site.corpus, period):
        before = changes.predecessor(site.corpus, period)
        changed = {"title": before.title if before else period.predecessor.get("title", "föregående avtal"),
                   "href": relative(page, page_url(changes.page_path(period)))}
    return render("period.md", title=period.title, marks=blocks.period_trust_marks(site, period), documents=documents,
                  guidelines={"href": relative(page, page_url(guideline_page(period))), "count": len(period.guidelines)},
                  printable=relative(page, page_url(print_page(period))), key_terms=key_terms,
                  decisions=sorted(period.decisions, key=lambda d: d.date), changed=changed)


def start_page_html(site: Site, page: str = "index.md") -> str:
    """The start page's picture: the current period's trust marks and its hierarchy of governing
    documents drawn from the data, every box a link (replaces <!-- avtal:hierarchy -->)."""
    corpus: Corpus = site.corpus
    period = current_period(corpus, site.today)
    if period is None:
        return ""
    urls = {ident: url for (pid, ident), url in site.urls.items() if pid == period.id}
    return render("start.html", marks=blocks.period_trust_marks(site, period),
                  picture=diagram.hierarchy(period, urls, link=lambda url: relative(page, url)),
                  overview={"href": relative(page, page_url(overview_page(period))), "text": period.title,
                            "classes": ""})
