"""A document's version history: its change log as data for a table, newest first."""

from __future__ import annotations

from ..model import Document
from .blocks import decision_label, link
from .urls import Site, relative

NATURE_LABELS = {"materiell": "Materiell", "redaktionell": "Redaktionell"}


def version_history(site: Site, page: str, document: Document) -> list[dict]:
    """One row per change-log entry, newest first: version, date (as precise as known: "13–14 juni 2022",
    ``dates.DateSpan.label``), summary, the sections it names
    (links where they exist), where a draft came from, nature and decision; for an earlier version
    read from git, ``href`` its page, and ``compare`` the comparison of a version with the one before."""
    period = site.corpus.periods[document.period_id]
    rows = []
    for change in reversed(document.changelog):
        sections = [link(site.link(page, period.id, s), site.titles[period.id, s]) if (period.id, s) in site.urls
                    else {"text": s, "href": None} for s in change.sections]
        rows.append({"version": change.version, "date": change.when.label if change.when else change.date, "summary": change.summary,
                     "sections": sections, "derived_from": _derived(site, page, change.derived_from),
                     "nature": NATURE_LABELS.get(change.nature, change.nature),
                     "decision": (decision_label(period, change.decision) or change.decision or "")
                     if change.decision else "",
                     "href": _to(site, page, site.versions.get((period.id, document.id, change.version))),
                     "compare": _to(site, page, site.comparisons.get((period.id, document.id, change.version)))})
    return rows


def _to(site: Site, page: str, url: str | None) -> str | None:
    """The href from page to a site URL, or None."""
    return relative(page, url) if url else None


def _derived(site: Site, page: str, derived: str | None) -> dict | None:
    """'2023-2026:del-b@1.0' as a link to that document's page, when the period is on the site."""
    if not derived:
        return None
    where, _, version = derived.partition("@")
    period_id, _, ident = where.partition(":")
    label = f"{period_id}"
    if ident:
        label = f"{site.titles.get((period_id, ident), ident)}, avtalsperiod {period_id}"
    if version:
        label += f", version {version}"
    href = site.link(page, period_id, ident) if ident and (period_id, ident) in site.urls else None
    if ident and (period_id, ident, version) in site.versions:  # that very version, read from git
        href = relative(page, site.versions[period_id, ident, version])
    return {"href": href, "text": label, "classes": ""}
