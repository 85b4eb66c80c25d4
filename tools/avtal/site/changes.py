"""The site's "Ändringar" page of a period.

A period gets an Ändringar page when its predecessor period is in the corpus (the comparison,
computed by ``avtal.diff``), when its manifest lists the changes against the previous agreement
as the sources state them (``changes_from_predecessor``; 2023–2026, whose predecessor is not
encoded), or when a document of it has earlier versions (``site.version_pages``: each listed with
when it applied and a link to what the next version changed).
"""

from __future__ import annotations

from ..model import Corpus, Period
from . import blocks
from .blocks import link
from .inline import TextContext, inline
from .markup import render
from .urls import Site, page_url, relative


def page_path(period: Period) -> str:
    """``<period>/andringar.md``: the period's Ändringar page."""
    return f"{period.id}/andringar.md"


def predecessor(corpus: Corpus, period: Period) -> Period | None:
    """The period before this one, when it is in the corpus."""
    ident = period.predecessor.get("period")
    return corpus.periods.get(ident) if ident and ident != period.id else None


def has_page(corpus: Corpus, period: Period, versions=()) -> bool:
    """Whether the period gets an Ändringar page: its predecessor is in the corpus, it lists its changes,
    or one of its documents has an earlier version (``versions``: ``site.versions.EarlierVersion``s)."""
    return predecessor(corpus, period) is not None or bool(period.changes_from_predecessor) or \
        any(e.period_id == period.id for e in versions)


def changes_markdown(site: Site, period: Period, versions: list[dict] | None = None) -> str:
    """The Ändringar page: the comparison with the previous period, the earlier versions of its documents
    (``versions``: rows of ``version_pages.changes_rows``), then the source's own list."""
    corpus = site.corpus
    page = page_path(period)
    before = predecessor(corpus, period)
    comparison = None
    if before is not None:
        from ..diff import diff_periods  # only a period whose predecessor is in the corpus needs the diff
        from ..diff.html import html_blocks

        result = diff_periods(before, period, old_statutes=corpus.statutes, new_statutes=corpus.statutes)

        def to(side: str, ident: str) -> str | None:
            owner = before if side == "old" else period
            return site.link(page, owner.id, ident) if (owner.id, ident) in site.urls else None

        comparison = {
            "before": link(relative(page, page_url(f"{before.id}/index.md")), before.title),
            "status": site.status(before).label.lower(), "valid_from": before.valid_from, "valid_to": before.valid_to,
            # the diff's templates escape its HTML (bodies are Markup); its sections are not search text
            "blocks": [{"level": level, "title": title, "anchor": anchor, "body": body}
                       for level, title, anchor, body in html_blocks(result, to, search_exclude=True)],
        }
    return render("changes.md", title=period.title,
                  marks=blocks.period_trust_marks(site, period),
                  comparison=comparison, versions=versions or [],
                  source=_source_changes(site, page, period, before is None))


def _source_changes(site: Site, page: str, period: Period, alone: bool) -> dict | None:
    """The changes against the previous agreement as the decision documents list them, by document."""
    if not period.changes_from_predecessor:
        return None
    terms = {t.id: t for t in period.key_terms}
    ctx = TextContext(site, page, period, key_terms=terms)  # quoted as written, citations linked as in the text
    documents: dict[str, dict] = {}
    for change in period.changes_from_predecessor:
        ident = change["document"]
        if ident not in documents:
            document = period.documents.get(ident)
            name = document.nav_title if document else ident
            href = site.link(page, period.id, ident) if (period.id, ident) in site.urls else None
            documents[ident] = {"name": {"href": href, "text": name, "classes": ""}, "changes": []}
        term = terms.get(change.get("key_term")) if "old" in change and "new" in change else None
        documents[ident]["changes"].append({
            "text": inline(ctx, change["text"]),
            "term": {"label": term.label, "old": str(change["old"]), "new": str(change["new"])} if term else None})
    return {"title": period.predecessor.get("title", "föregående avtal"), "alone": alone,
            "documents": list(documents.values())}
