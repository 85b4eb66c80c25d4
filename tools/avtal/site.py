"""All generated pages of the site and the navigation, from the corpus."""

from __future__ import annotations

import html
from collections import defaultdict

from . import render
from .model import Corpus, Period
from .render import Page, Site, page_url

DOCUMENT_ORDER = {"avtal": 0, "avtalsdel": 1, "overenskommelse": 2, "strategi": 3}


def ordered_documents(period: Period):
    """Agreement, its parts (A, B), the arrangements (C) in source order, then the strategy."""
    source_order = {ident: i for i, ident in enumerate(period.documents)}
    return sorted(period.documents.values(),
                  key=lambda d: (DOCUMENT_ORDER[d.kind], d.number or "", source_order[d.id]))


def incoming_references(site: Site, period: Period) -> dict[str, list[tuple[str, str]]]:
    """For each section/document id: (title, url) of the sections that refer to it."""
    refs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for document in period.documents.values():
        for section, item in document.all_read_more():
            source = section.id if section else document.id
            entry = (site.titles[period.id, source], site.urls[period.id, source])
            if entry not in refs[item.ref]:
                refs[item.ref].append(entry)
    return refs


def build_pages(corpus: Corpus) -> list[Page]:
    site = Site.of(corpus)
    pages: list[Page] = []
    for period in corpus.periods.values():
        references = incoming_references(site, period)
        for document in ordered_documents(period):
            pages.append(Page(render.document_page(document), document.title,
                              render.document_markdown(site, document, references)))
        pages.append(Page(render.guideline_page(period), "Riktlinjer och styrdokument",
                          render.guidelines_markdown(site, period)))
        pages.append(Page(f"{period.id}/index.md", period.title, period_markdown(site, period)))
    if corpus.statutes:
        from .lawpage import PAGE, laws_markdown
        pages.append(Page(PAGE, "Lagar och förordningar", laws_markdown(site)))
    return pages


def period_markdown(site: Site, period: Period) -> str:
    page = f"{period.id}/index.md"
    out = [f"---\ntitle: {render._yaml_str(period.title)}\n---\n", f"# {period.title}\n",
           render.trust_marks(period, None, period.valid_from, period.valid_to, None)]
    out.append("## Dokument {#dokument}\n")
    items = []
    for document in ordered_documents(period):
        url = render.relative(page, page_url(render.document_page(document)))
        items.append(f'<li><a href="{url}">{html.escape(document.title)}</a> – version {document.version}</li>')
    url = render.relative(page, page_url(render.guideline_page(period)))
    items.append(f'<li><a href="{url}">Riktlinjer och styrdokument</a> ({len(period.guidelines)} st.)</li>')
    out.append(render._html_block(f"<ul>{''.join(items)}</ul>"))
    if period.key_terms:
        out.append("## Nyckelvärden {#nyckelvarden}\n")
        rows = []
        for term in period.key_terms:
            clause = site.urls.get((period.id, term.clause))
            where = (f'<a href="{render.relative(page, clause)}">{html.escape(site.titles[period.id, term.clause])}</a>'
                     if clause else "")
            rows.append(f"<tr><td>{html.escape(term.label)}</td><td>{html.escape(term.text)}</td><td>{where}</td></tr>")
        out.append(render._html_block('<table class="avtal-register"><tr><th>Nyckelvärde</th><th>Värde</th>'
                                      f"<th>Anges i</th></tr>{''.join(rows)}</table>"))
    if period.decisions:
        out.append("## Beslut {#beslut}\n")
        rows = "".join(
            f"<tr><td>{d.date}</td><td>{html.escape(d.body)}{(' ' + html.escape(d.paragraph)) if d.paragraph else ''}</td>"
            f"<td>{html.escape(d.summary)}</td></tr>" for d in sorted(period.decisions, key=lambda d: d.date))
        out.append(render._html_block('<table class="avtal-register"><tr><th>Datum</th><th>Organ</th><th>Beslut</th></tr>'
                                      f"{rows}</table>"))
    if period.changes_from_predecessor:
        title = period.predecessor.get("title", "föregående avtal")
        out.append(f"## Ändringar mot {title} {{#andringar-mot-foregaende}}\n")
        by_document: dict[str, list[str]] = defaultdict(list)
        for change in period.changes_from_predecessor:
            by_document[change["document"]].append(change["text"])
        for ident, texts in by_document.items():
            name = period.documents[ident].nav_title if ident in period.documents else ident
            lis = "".join(f"<li>{html.escape(t)}</li>" for t in texts)
            out.append(render._html_block(f"<p><strong>{html.escape(name)}</strong></p><ul>{lis}</ul>"))
    return "\n".join(out) + "\n"


def nav(corpus: Corpus, hand_written: list[str]) -> list:
    """The site's navigation: the agreement's own structure, then registers and guides."""
    entries: list = [{"Start": "index.md"}]
    for period in sorted(corpus.periods.values(), key=lambda p: p.id, reverse=True):
        label = f"Avtalsperiod {period.id}" + (" (utkast)" if period.status == "utkast" else "")
        children: list = [{"Översikt": f"{period.id}/index.md"}]
        for document in ordered_documents(period):
            children.append({document.nav_title: render.document_page(document)})
        children.append({"Riktlinjer och styrdokument": render.guideline_page(period)})
        entries.append({label: children})
    for path, title in (("lagar.md", "Lagar och förordningar"), ("begrepp.md", "Begrepp"),
                        ("redigera.md", "Så ändrar du avtalet"), ("om.md", "Om webbplatsen")):
        if path in hand_written:
            entries.append({title: path})
    return entries
