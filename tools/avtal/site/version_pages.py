"""Pages of earlier versions: each version of a document as it read, under a banner saying when it
applied and linking to the current one; each pair of consecutive versions compared in two columns;
the list of both on the period's Ändringar page.

The versions come from git at build time (``site.versions``); the pages are generated, never
committed, and kept out of the navigation and the search index (old wording must not be found as if
it applied).
"""

from __future__ import annotations

import dataclasses
import re
from itertools import groupby

from ..diff import diff_documents
from ..diff.report import report_body
from ..model import Document, Period
from ..status import adopted
from .blocks import link
from .markup import render
from .history import version_history
from .pages import document_view
from .urls import Page, Site, document_page, page_url, relative
from .versions import EarlierVersion

_UNSAFE = re.compile(r"[^0-9A-Za-z.+-]")


def version_page(period_id: str, document_id: str, version: str) -> str:
    """``<period>/<document>/version-<version>.md``: an earlier version's page."""
    return f"{period_id}/{document_id}/version-{_UNSAFE.sub('-', version)}.md"


def comparison_page(period_id: str, document_id: str, old: str, new: str) -> str:
    """``<period>/<document>/jamforelse-<old>-<new>.md``: two consecutive versions compared."""
    return f"{period_id}/{document_id}/jamforelse-{_UNSAFE.sub('-', old)}-{_UNSAFE.sub('-', new)}.md"


def index(site: Site, versions: list[EarlierVersion]) -> None:
    """Record every earlier version's page and every comparison in the Site (``Site.versions``, keyed by
    (period, document, version); ``Site.comparisons``, keyed by the newer version of the pair)."""
    for e in versions:
        site.versions[e.period_id, e.document_id, e.version] = page_url(version_page(e.period_id, e.document_id,
                                                                                    e.version))
        site.comparisons[e.period_id, e.document_id, e.next_version] = page_url(
            comparison_page(e.period_id, e.document_id, e.version, e.next_version))


def _chains(versions: list[EarlierVersion]):
    """(period, document id, its earlier versions oldest first) per document."""
    for (period_id, ident), group in groupby(versions, key=lambda e: (e.period_id, e.document_id)):
        yield period_id, ident, list(group)


def _when(e: EarlierVersion) -> str:
    """"2091-01-01 – 2092-03-14", or that the next version replaced it before it began to apply."""
    if not e.applied:
        return f"ersattes av version {e.next_version} innan den började gälla"
    return f"{e.valid_from} – {e.valid_to}"


def _as_it_was(site: Site, e: EarlierVersion, page: str) -> Site:
    """The Site as an earlier version's page sees it: its period as ``e.period`` (the key terms and
    decisions of then, this document as it read), its own ids on its own page."""
    corpus = dataclasses.replace(site.corpus, periods={**site.corpus.periods, e.period_id: e.period})
    seen = dataclasses.replace(site, corpus=corpus, urls=dict(site.urls), titles=dict(site.titles))
    url = page_url(page)
    seen.urls[e.period_id, e.document_id] = url
    for section in e.document.walk():
        seen.urls[e.period_id, section.id] = f"{url}#{section.id}"
        seen.titles[e.period_id, section.id] = section.heading
    return seen


def version_markdown(site: Site, e: EarlierVersion) -> str:
    """An earlier version's page: the banner, then the document as it read (its change log as it was)."""
    page = version_page(e.period_id, e.document_id, e.version)
    current = site.corpus.periods[e.period_id].documents[e.document_id]
    seen = _as_it_was(site, e, page)
    view = document_view(seen, e.document, None, page, level=1)  # its links relative to its own page
    view.update(standalone=True, history=version_history(seen, page, e.document))
    # the banner says when this version applied; no status of today's for the reader's browser to pick
    view["marks"] = dict(view["marks"], status="tidigare-version", status_label="Tidigare version",
                         valid_from=e.valid_from if e.applied else None, valid_to=e.valid_to if e.applied else None,
                         follows_term=False, sentence=None, stretches=[])
    period = site.corpus.periods[e.period_id]
    in_force = site.status(period).code in ("gallande", "forlangd")
    banner = {"version": e.version, "applied": e.applied, "valid_from": e.valid_from, "valid_to": e.valid_to,
              "next_version": e.next_version, "draft": not adopted(period),
              "current_is": "Den gällande versionen" if in_force else "Den senaste versionen",
              "current": link(relative(page, page_url(document_page(current))), f"version {current.version}"),
              "comparison": link(relative(page, site.comparisons[e.period_id, e.document_id, e.next_version]),
                                 f"Vad ändrades i version {e.next_version}")}
    return render("version.md", title=f"{e.document.title} – version {e.version}", banner=banner, page=view)


def comparison_markdown(site: Site, e: EarlierVersion, new: Document, new_period: Period) -> str:
    """Two consecutive versions of a document: version e.version beside the next one, each changed
    section whole on both sides (the change report's two-column tables, ``diff.report``)."""
    page = comparison_page(e.period_id, e.document_id, e.version, e.next_version)
    statutes = site.corpus.statutes
    result = diff_documents(e.document, new, e.period, new_period, old_statutes=statutes, new_statutes=statutes,
                            old_label=f"version {e.version}", new_label=f"version {e.next_version}")
    body = report_body(result, e.period, new_period, date="",
                       columns=(f"Version {e.version}", f"Version {e.next_version}"))
    newer = site.versions.get((e.period_id, e.document_id, e.next_version)) or page_url(document_page(new))
    return render("version_diff.md", title=f"{new.nav_title}: version {e.version} och {e.next_version}",
                  heading=f"{new.title}: version {e.version} jämförd med version {e.next_version}",
                  old=link(relative(page, site.versions[e.period_id, e.document_id, e.version]),
                           f"version {e.version}"),
                  new=link(relative(page, newer), f"version {e.next_version}"), body=body,
                  when=f"Version {e.version} gällde {_when(e)}." if e.applied else f"Version {e.version} {_when(e)}.")


def version_pages(site: Site, versions: list[EarlierVersion]) -> list[Page]:
    """Every earlier version's page and every comparison of consecutive versions (not in the navigation)."""
    out = []
    for period_id, ident, chain in _chains(versions):
        current_period = site.corpus.periods[period_id]
        current = current_period.documents[ident]
        for k, e in enumerate(chain):
            out.append(Page(version_page(period_id, ident, e.version), f"{e.document.title} – version {e.version}",
                            version_markdown(site, e), in_nav=False))
            new, new_period = (chain[k + 1].document, chain[k + 1].period) if k + 1 < len(chain) else \
                (current, current_period)
            out.append(Page(comparison_page(period_id, ident, e.version, e.next_version),
                            f"{current.nav_title}: version {e.version} och {e.next_version}",
                            comparison_markdown(site, e, new, new_period), in_nav=False))
    return out


def changes_rows(site: Site, page: str, period: Period, versions: list[EarlierVersion]) -> list[dict]:
    """The Ändringar page's list of earlier versions: per version its document, when it applied, a link
    to it and to what the next version changed; in the period's reading order of documents."""
    order = {d.id: k for k, d in enumerate(period.ordered_documents())}
    rows = []
    for e in sorted((e for e in versions if e.period_id == period.id), key=lambda e: order.get(e.document_id, 0)):
        current = period.documents[e.document_id]
        rows.append({"document": link(relative(page, page_url(document_page(current))), current.nav_title),
                     "version": link(relative(page, site.versions[e.period_id, e.document_id, e.version]),
                                     f"version {e.version}"),
                     "when": _when(e),
                     "comparison": link(relative(page, site.comparisons[e.period_id, e.document_id,
                                                                          e.next_version]),
                                        f"version {e.version} → {e.next_version}")})
    return rows

