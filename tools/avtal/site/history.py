"""A document's version history: its change log as a table, newest first."""

from __future__ import annotations

import html

from ..model import Document
from .blocks import heading, html_block
from .urls import Site

NATURE_LABELS = {"materiell": "Materiell", "redaktionell": "Redaktionell"}


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def version_history_html(site: Site, page: str, document: Document) -> str:
    """The document's changelog as a table, newest first."""
    if not document.changelog:
        return ""
    period = site.corpus.periods[document.period_id]
    decisions = {d.id: d for d in period.decisions}
    rows = []
    for change in reversed(document.changelog):
        summary = _h(change.summary)
        if change.sections:
            links = ", ".join(
                f'<a href="{site.link(page, period.id, s)}">{_h(site.titles[period.id, s])}</a>'
                if (period.id, s) in site.urls else _h(s) for s in change.sections)
            summary += f"<br><small>Avsnitt: {links}</small>"
        if change.derived_from:
            summary += f"<br><small>Utgår från {_derived_html(site, page, change.derived_from)}</small>"
        decision = decisions.get(change.decision) if change.decision else None
        decided = (_h(f"{decision.body} {decision.date}" + (f" {decision.paragraph}" if decision.paragraph else ""))
                   if decision else _h(change.decision or ""))
        rows.append(f"<tr><td>{_h(change.version)}</td><td>{change.date}</td><td>{summary}</td>"
                    f"<td>{NATURE_LABELS.get(change.nature, _h(change.nature))}</td><td>{decided}</td></tr>")
    return ('<table class="avtal-register avtal-versionshistorik"><tr><th>Version</th><th>Datum</th>'
            f"<th>Ändring</th><th>Art</th><th>Beslut</th></tr>{''.join(rows)}</table>")


def _derived_html(site: Site, page: str, derived: str) -> str:
    """'2023-2026:del-b@1.0' as a link to that document's page, when the period is on the site."""
    where, _, version = derived.partition("@")
    period_id, _, ident = where.partition(":")
    label = f"{period_id}"
    if ident:
        title = site.titles.get((period_id, ident), ident)
        label = f"{title}, avtalsperiod {period_id}"
    if version:
        label += f", version {version}"
    if ident and (period_id, ident) in site.urls:
        return f'<a href="{site.link(page, period_id, ident)}">{_h(label)}</a>'
    return _h(label)


def version_history_markdown(site: Site, page: str, document: Document) -> str:
    table = version_history_html(site, page, document)
    if not table:
        return ""
    return heading(2, "Versionshistorik", "versionshistorik") + html_block(table)
