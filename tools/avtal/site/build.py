"""All generated pages of the site and the navigation, from the corpus."""

from __future__ import annotations

import html
from collections import defaultdict

from ..model import Corpus, Period
from . import changes as changes_page
from . import diagram
from . import pages as page_markdown
from .blocks import html_block, period_trust_marks, yaml_str
from .glossary_page import glossary_markdown
from .laws import PAGE as LAWS_PAGE
from .laws import laws_markdown
from .urls import GLOSSARY_PAGE, Page, Site, current_period, document_page, guideline_page, page_url, print_page, relative

EXPORT_PATH = "data/avtal.json"  # the whole corpus as open data (avtal.export)


def pdf_name(period: Period) -> str:
    """File name of the period's PDF (tools/make_pdf.py), in the period's folder of the site."""
    return f"hos-avtalet-{period.id}.pdf"


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
        references = page_markdown.references(site, period)
        for document in period.ordered_documents():
            pages.append(Page(document_page(document), document.title,
                              page_markdown.document_markdown(site, document, references)))
        pages.append(Page(guideline_page(period), "Riktlinjer och styrdokument",
                          page_markdown.guidelines_markdown(site, period, references)))
        pages.append(Page(f"{period.id}/index.md", period.title, period_markdown(site, period)))
        pages.append(Page(print_page(period), f"{period.title} – utskrift", page_markdown.print_markdown(corpus, period)))
        if changes_page.has_page(corpus, period):
            pages.append(Page(changes_page.page_path(period), "Ändringar", changes_page.changes_markdown(site, period)))
    if corpus.statutes:
        pages.append(Page(LAWS_PAGE, "Lagar och förordningar", laws_markdown(site)))
    if corpus.terms:
        pages.append(Page(GLOSSARY_PAGE, "Begrepp och förkortningar", glossary_markdown(site)))
    return pages


def period_markdown(site: Site, period: Period) -> str:
    page = f"{period.id}/index.md"
    out = [f"---\ntitle: {yaml_str(period.title)}\n---\n", f"# {period.title}\n",
           period_trust_marks(period)]
    out.append("## Dokument {#dokument}\n")
    items = []
    for document in period.ordered_documents():
        url = relative(page, page_url(document_page(document)))
        items.append(f'<li><a href="{url}">{html.escape(document.title)}</a> – version {document.version}</li>')
    url = relative(page, page_url(guideline_page(period)))
    items.append(f'<li><a href="{url}">Riktlinjer och styrdokument</a> ({len(period.guidelines)} st.)</li>')
    out.append(html_block(f"<ul>{''.join(items)}</ul>"))
    url = relative(page, page_url(print_page(period)))
    out.append(html_block(
        f'<p class="avtal-utskrift-lank">Hela avtalet på en sida, i läsordning: <a href="{url}">utskriftsversion</a> '
        f"(skriv ut eller spara som PDF från webbläsaren).</p>"))
    if period.key_terms:
        out.append("## Nyckelvärden {#nyckelvarden}\n")
        rows = []
        for term in period.key_terms:
            clause = site.urls.get((period.id, term.clause))
            where = (f'<a href="{relative(page, clause)}">{html.escape(site.titles[period.id, term.clause])}</a>'
                     if clause else "")
            rows.append(f"<tr><td>{html.escape(term.label)}</td><td>{html.escape(term.text)}</td><td>{where}</td></tr>")
        out.append(html_block('<table class="avtal-register"><tr><th>Nyckelvärde</th><th>Värde</th>'
                                      f"<th>Anges i</th></tr>{''.join(rows)}</table>"))
    if period.decisions:
        out.append("## Beslut {#beslut}\n")
        rows = "".join(
            f"<tr><td>{d.date}</td><td>{html.escape(d.body)}{(' ' + html.escape(d.paragraph)) if d.paragraph else ''}</td>"
            f"<td>{html.escape(d.summary)}</td></tr>" for d in sorted(period.decisions, key=lambda d: d.date))
        out.append(html_block('<table class="avtal-register"><tr><th>Datum</th><th>Organ</th><th>Beslut</th></tr>'
                                      f"{rows}</table>"))
    if changes_page.has_page(site.corpus, period):
        before = changes_page.predecessor(site.corpus, period)
        title = before.title if before else period.predecessor.get("title", "föregående avtal")
        url = relative(page, page_url(changes_page.page_path(period)))
        out.append("## Ändringar {#andringar-mot-foregaende}\n")
        out.append(html_block(f'<p>Vad som har ändrats mot {html.escape(title)}: se '
                                      f'<a href="{url}">Ändringar</a>.</p>'))
    return "\n".join(out) + "\n"


def nav(corpus: Corpus, hand_written: list[str]) -> list:
    """The site's navigation: the agreement's own structure, then registers and guides."""
    entries: list = [{"Start": "index.md"}]
    for period in sorted(corpus.periods.values(), key=lambda p: p.id, reverse=True):
        label = f"Avtalsperiod {period.id}" + (" (utkast)" if period.status == "utkast" else "")
        children: list = [{"Översikt": f"{period.id}/index.md"}]
        if changes_page.has_page(corpus, period):
            children.append({"Ändringar": changes_page.page_path(period)})
        for document in period.ordered_documents():
            children.append({document.nav_title: document_page(document)})
        children.append({"Riktlinjer och styrdokument": guideline_page(period)})
        children.append({"Utskrift (hela avtalet)": print_page(period)})
        entries.append({label: children})
    for path, title in (("lagar.md", "Lagar och förordningar"), ("begrepp.md", "Begrepp"),
                        ("redigera.md", "Så ändrar du avtalet"), ("om.md", "Om webbplatsen")):
        if path in hand_written:
            entries.append({title: path})
    return entries


# Search ranks the agreement's own text (documents, guideline register) first. The strategy beside
# it (the Färdplan) uses the same everyday words ("fast", "vård", "patient") but decides no
# responsibility; pages about the agreement (overview, laws, changes, guides) weigh least.
# Measured with tools/search_quality.py.
STRATEGY_SEARCH_BOOST = 0.6
OTHER_PAGE_SEARCH_BOOST = 0.3


def search_boosts(corpus: Corpus) -> dict[str, float]:
    """Search weight of every page holding the agreement's text; any other page weighs
    OTHER_PAGE_SEARCH_BOOST."""
    boosts = {}
    for period in corpus.periods.values():
        for document in period.documents.values():
            boosts[document_page(document)] = STRATEGY_SEARCH_BOOST if document.kind == "strategi" else 1.0
        boosts[guideline_page(period)] = 1.0
    return boosts


def start_page_html(corpus: Corpus, page: str = "index.md") -> str:
    """The start page's picture: the current period's trust marks and its hierarchy of governing
    documents drawn from the data, every box a link (replaces <!-- avtal:hierarchy -->)."""
    period = current_period(corpus)
    if period is None:
        return ""
    site = Site.of(corpus)
    urls = {ident: url for (pid, ident), url in site.urls.items() if pid == period.id}
    svg = diagram.hierarchy_svg(period, urls, link=lambda url: relative(page, url))
    overview = relative(page, page_url(f"{period.id}/index.md"))
    caption = (f'<figcaption>Styrdokumenten i <a href="{overview}">{period.title}</a>. '
               "Klicka på en ruta för att läsa dokumentet.</figcaption>")
    return html_block(period_trust_marks(period).strip()
                              + f'<figure class="avtal-hierarki-figur">{svg}{caption}</figure>'
                              + diagram.legend_html())
