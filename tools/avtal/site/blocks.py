"""Blocks every page shares: trust marks, editorial notes, läs mer boxes, headings with stable anchors."""

from __future__ import annotations

import html

from ..model import Document, Period
from .urls import Site

NOTE_LABELS = {"stavfel": "Stavfel i källan", "numrering": "Numrering", "textuttag": "Textuttag",
               "innehall": "Anmärkning", "lag": "Lagändring"}


def html_block(content: str) -> str:
    """A raw HTML block for python-markdown: no blank lines inside, blank lines around."""
    return "\n" + "\n".join(line for line in content.splitlines() if line.strip()) + "\n"


def trust_marks(period: Period, version: str | None, valid_from: str | None, valid_to: str | None,
                decision: str | None) -> str:
    """The banner every page carries: period, status, version, validity and decision (when none
    is given, the period's own; a draft without one says so).

    Not part of the search index (data-search-exclude): it would make every page match
    "2023", "version" and "beslut".
    """
    status_class = f"avtal-status-{period.status}"
    rows = [f'<span class="avtal-status {status_class}">{period.status_label}</span>',
            f"<span>Avtalsperiod {html.escape(period.id)}</span>"]
    if version:
        rows.append(f"<span>Version {html.escape(version)}</span>")
    if valid_from and valid_to:
        rows.append(f"<span>Giltig {valid_from} – {valid_to}</span>")
    decision = decision or period_decision(period)
    if decision:
        rows.append(f"<span>Beslut: {html.escape(decision)}</span>")
    elif period.status == "utkast":
        rows.append("<span>Beslut: inget beslut ännu</span>")
    banner = ""
    if period.status == "utkast":
        banner = ('<p class="avtal-utkast-banderoll" role="note"><strong>UTKAST</strong> – detta är ett förslag '
                  "till ny avtalsperiod. Texten gäller inte.</p>")
    elif period.status == "upphavd":
        banner = ('<p class="avtal-upphavd-banderoll" role="note"><strong>UPPHÄVD</strong> – denna avtalsperiod '
                  "gäller inte längre.</p>")
    return html_block(f'<div class="avtal-meta {status_class}" data-search-exclude>{banner}'
                       f'<p>{" · ".join(rows)}</p></div>')


def period_trust_marks(period: Period) -> str:
    """Trust marks for a page of the whole period (overview, registers, print): the period's own decision."""
    return trust_marks(period, None, period.valid_from, period.valid_to, period_decision(period))


def period_decision(period: Period) -> str | None:
    """The decision behind the period: its change log's latest decision, else its latest decision."""
    ident = next((c.decision for c in reversed(period.changelog) if c.decision), None)
    if ident is None and period.decisions:
        ident = max(period.decisions, key=lambda d: d.date).id
    return decision_label(period, ident)


def decision_label(period: Period, ident: str | None) -> str | None:
    decision = next((d for d in period.decisions if d.id == ident), None)
    if decision is None:
        return None
    return f"{decision.body} {decision.date}" + (f" {decision.paragraph}" if decision.paragraph else "")


def document_decision(period: Period, document: Document) -> str | None:
    last = next((c for c in reversed(document.changelog) if c.decision), None)
    return decision_label(period, last.decision) if last else None


def notes_html(notes) -> str:
    items = []
    for note in notes:
        quote = f" – ”{html.escape(note.quote)}”" if note.quote else ""
        items.append(f'<li><strong>{NOTE_LABELS.get(note.kind, note.kind)}</strong>{quote}: {html.escape(note.text)}</li>')
    if not items:
        return ""
    return ('<details class="avtal-anmarkning" data-search-exclude><summary>Redaktionell anmärkning '
            f"(inte del av avtalstexten)</summary><ul>{''.join(items)}</ul></details>")


def read_more_html(site: Site, page: str, period: Period, anchor: str, items) -> str:
    if not items:
        return ""
    links = "".join(f'<li><a href="{site.link(page, period.id, item.ref)}">{html.escape(item.title)}</a></li>'
                    for item in items if (period.id, item.ref) in site.urls)
    return (f'<aside class="avtal-lasmer" id="lasmer-{anchor}"><p class="avtal-lasmer-rubrik">Läs mer</p>'
            f"<ul>{links}</ul></aside>")


def heading(level: int, title: str, anchor: str) -> str:
    # Markdown heading with attr_list anchor; escape characters that attr_list or Markdown would eat.
    safe = title.replace("{", "&#123;").replace("*", r"\*").replace("_", r"\_")
    return f"\n{'#' * min(level, 6)} {safe} {{#{anchor}}}\n"


def heading_text(title: str) -> str:
    return title.replace("{", "&#123;").replace("*", r"\*").replace("_", r"\_")


def yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
