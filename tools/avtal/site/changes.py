"""The site's "Ändringar" page of a period, and each document's version history.

A period gets an Ändringar page when its predecessor period is in the corpus
(the comparison, computed by ``avtal.diff``) or when its manifest lists the
changes against the previous agreement as the sources state them
(``changes_from_predecessor``; 2023–2026, whose predecessor is not encoded).
Pure functions returning Markdown.
"""

from __future__ import annotations

import html
from collections import defaultdict

from ..diff import diff_periods
from ..diff.html import html_blocks
from ..model import Corpus, Period
from .blocks import heading, html_block, trust_marks
from .inline import TextContext, inline
from .urls import Site, page_url, relative

def page_path(period: Period) -> str:
    return f"{period.id}/andringar.md"


def predecessor(corpus: Corpus, period: Period) -> Period | None:
    ident = period.predecessor.get("period")
    return corpus.periods.get(ident) if ident and ident != period.id else None


def has_page(corpus: Corpus, period: Period) -> bool:
    return predecessor(corpus, period) is not None or bool(period.changes_from_predecessor)


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def changes_markdown(site: Site, period: Period) -> str:
    corpus = site.corpus
    page = page_path(period)
    before = predecessor(corpus, period)
    out = ["---\ntitle: Ändringar\n---\n", f"# Ändringar i {period.title} {{#andringar}}\n",
           trust_marks(period, None, period.valid_from, period.valid_to, None)]
    if before is not None:
        overview = relative(page, page_url(f"{before.id}/index.md"))
        out.append(html_block(
            f'<p>Jämförelse med föregående avtalsperiod, <a href="{overview}">{_h(before.title)}</a> '
            f"({_h(before.status_label.lower())}, {before.valid_from} – {before.valid_to}). Nyckelvärden, dokument, "
            "lagrumshänvisningar och avsnitt som har ändrats visas i den ordningen; avsnitten i den ordning de står "
            "i avtalet.</p>"))
        result = diff_periods(before, period, old_statutes=corpus.statutes, new_statutes=corpus.statutes)

        def link(side: str, ident: str) -> str | None:
            owner = before if side == "old" else period
            if (owner.id, ident) not in site.urls:
                return None
            return site.link(page, owner.id, ident)

        for level, title, anchor, body in html_blocks(result, link):
            if title:
                out.append(heading(level, title, anchor))
            if body:
                body = body.replace('<div class="avtal-diff-avsnitt', '<div data-search-exclude class="avtal-diff-avsnitt')
                out.append(html_block(f'<div class="avtal-diff">{body}</div>'))
    if period.changes_from_predecessor:
        title = period.predecessor.get("title", "föregående avtal")
        if before is None:
            out.append(html_block(
                f"<p>{_h(title)} finns inte som data på webbplatsen, så avtalstexterna kan inte jämföras ord för "
                "ord. Här är i stället ändringarna så som beslutsunderlaget beskriver dem.</p>"))
        out.append(heading(2, f"Ändringar mot {title} enligt beslutsunderlaget", "andringar-mot-foregaende"))
        out.append(html_block(source_changes_html(site, page, period)))
    return "\n".join(part for part in out if part.strip()) + "\n"


def source_changes_html(site: Site, page: str, period: Period) -> str:
    """The list of changes against the previous agreement as the decision documents give it."""
    by_document: dict[str, list[dict]] = defaultdict(list)
    for change in period.changes_from_predecessor:
        by_document[change["document"]].append(change)
    terms = {t.id: t for t in period.key_terms}
    ctx = TextContext(site, page, period, key_terms=terms)  # quoted as written, citations linked as in the text
    parts = ['<p class="avtal-kalla">Förändringarna så som tjänsteskrivelsen inför beslutet räknar upp dem, '
             "ordagrant.</p>"]
    for ident, changes in by_document.items():
        document = period.documents.get(ident)
        name = _h(document.nav_title) if document else _h(ident)
        if (period.id, ident) in site.urls:
            name = f'<a href="{site.link(page, period.id, ident)}">{name}</a>'
        items = []
        for change in changes:
            extra = ""
            if change.get("key_term") in terms and "old" in change and "new" in change:
                term = terms[change["key_term"]]
                extra = (f' <span class="avtal-diff-nyckelvarde">({_h(term.label)}: <del>{_h(str(change["old"]))}</del>'
                         f' → <ins>{_h(str(change["new"]))}</ins>)</span>')
            items.append(f"<li>{inline(ctx, change['text'])}{extra}</li>")
        parts.append(f"<p><strong>{name}</strong></p><ul>{''.join(items)}</ul>")
    return "".join(parts)
