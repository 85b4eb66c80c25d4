"""Document pages, the guideline register and the printable page, as Markdown for mkdocs.

Each page is Markdown whose headings carry the stable ids as anchors
(``## B.1 Lagstiftning {#b-lagstiftning}``) and whose body text is HTML
rendered from the text subset, so links, citations, key terms and
abbreviations are exactly as we render them.
"""

from __future__ import annotations

import html

from ..model import GUIDELINE_STATUS_LABELS, KIND_LABELS, LEVEL_LABELS, Corpus, Document, Guideline, Period, Section
from .blocks import (document_decision, heading, heading_text, html_block, notes_html, period_trust_marks,
                     read_more_html, trust_marks, yaml_str)
from .history import version_history_markdown
from .inline import TextContext, text_html
from .references import (LEVEL_ORDER, References, keywords_html, reading_guide_html, ref_links, references,
                         references_html)
from .urls import Site, document_page, guideline_page, print_page


def document_markdown(site: Site, document: Document, references: References | None = None,
                      page: str | None = None, level: int = 1) -> str:
    """A document as a page (level 1: its title is the page's h1), or as part of the printable
    document (page: the print page, level 2: its title an h2 under the period's title)."""
    period = site.corpus.periods[document.period_id]
    standalone = page is None
    page = page or document_page(document)
    key_terms = {k.id: k for k in period.key_terms}
    ctx = TextContext(site, page, period, key_terms=key_terms)
    out = []
    if standalone:
        out.append(f"---\ntitle: {yaml_str(document.title)}\n---\n")
    mark = "" if standalone else " .avtal-utskrift-dokument"  # a new page for each document in print
    out.append(f"{'#' * level} {heading_text(document.title)} {{#{document.id}{mark}}}\n")
    out.append(trust_marks(period, document.version, document.valid_from, document.valid_to,
                           document_decision(period, document)))
    if document.cover:
        cover = document.cover
        parts = [f'<p class="avtal-omslag-etikett">{html.escape(cover["label"])}</p>' if "label" in cover else "",
                 f'<p class="avtal-omslag-titel">{html.escape(cover["title"])}</p>' if "title" in cover else "",
                 f'<p class="avtal-omslag-undertitel">{html.escape(cover["subtitle"])}</p>' if "subtitle" in cover else "",
                 text_html(ctx, cover["text"]) if "text" in cover else ""]
        out.append(html_block(f'<div class="avtal-omslag">{"".join(parts)}</div>'))
    out.append(html_block(reading_guide_html(site, page, period, document, references)))
    if document.intro:
        ctx.owner = document
        out.append(html_block(f'<div class="avtal-text">{text_html(ctx, document.intro)}</div>'))
    out.append(html_block(read_more_html(site, page, period, document.id, document.read_more)))
    out.append(html_block(keywords_html(ctx, document.id) + references_html(ctx, document.id, references, document.id)))
    out.append(html_block(notes_html(document.notes)))
    for section in document.sections:
        out.append(section_markdown(ctx, section, level + 1, references))
    if standalone:
        out.append(version_history_markdown(site, page, document))
    return "\n".join(part for part in out if part.strip()) + "\n"


def section_markdown(ctx: TextContext, section: Section, level: int, references: References | None) -> str:
    ctx.owner = section
    out = [heading(level, section.heading, section.id)]
    body = []
    if section.text:
        body.append(f'<div class="avtal-text">{text_html(ctx, section.text)}</div>')
    body.append(read_more_html(ctx.site, ctx.page, ctx.period, section.id, section.read_more))
    body.append(keywords_html(ctx, section.id))
    body.append(references_html(ctx, section.id, references, section.document_id))
    body.append(notes_html(section.notes))
    block = "".join(b for b in body if b)
    if block:
        out.append(html_block(block))
    for child in section.sections:
        out.append(section_markdown(ctx, child, level + 1, references))
        ctx.owner = section
    return "\n".join(out)


# --- the guideline register ----------------------------------------------------

def guidelines_markdown(site: Site, period: Period, references: References | None = None,
                        page: str | None = None, level: int = 1) -> str:
    standalone = page is None
    page = page or guideline_page(period)
    out = ["---\ntitle: Riktlinjer och styrdokument\n---\n"] if standalone else []
    mark = "" if standalone else " .avtal-utskrift-dokument"
    out += [f"{'#' * level} Riktlinjer och styrdokument {{#riktlinjer{mark}}}\n", period_trust_marks(period),
            "Styrdokument under avtalet som texten nämner eller länkar: länsgemensamma riktlinjer, rutiner, "
            "handböcker och vägledningar, samt lokala planer. Registret innehåller bara det som källorna säger; "
            "dokumentens egen text finns hos utgivaren.\n"]
    for guideline in sorted(period.guidelines.values(), key=lambda g: (LEVEL_ORDER[g.level], g.title.casefold())):
        out.append(heading(level + 1, guideline.title, guideline.id))
        out.append(html_block(guideline_html(site, page, period, guideline, references)))
    return "\n".join(out) + "\n"


def guideline_html(site: Site, page: str, period: Period, guideline: Guideline,
                   references: References | None = None) -> str:
    rows = [("Typ", KIND_LABELS[guideline.kind]), ("Nivå", LEVEL_LABELS[guideline.level]),
            ("Status", GUIDELINE_STATUS_LABELS[guideline.status])]
    parent = period.target(guideline.parent)
    if parent is not None:
        rows.append(("Hör under", f'<a href="{site.link(page, period.id, guideline.parent)}">'
                                  f"{html.escape(site.titles[period.id, guideline.parent])}</a>"))
    if guideline.owner:
        rows.append(("Ägare/beslutar", html.escape(guideline.owner)))
    if guideline.url:
        rows.append(("Webbadress", f'<a href="{html.escape(guideline.url)}">{html.escape(guideline.url)}</a>'))
    else:
        rows.append(("Webbadress", "Ingen fast adress känd."))
    ctx = TextContext(site, page, period)
    incoming = references.incoming.get(guideline.id) if references else None
    if incoming:
        rows.append(("Nämns i", ref_links(ctx, incoming, None)))
    elif guideline.implements:
        links = ", ".join(f'<a href="{site.link(page, period.id, s)}">{html.escape(site.titles[period.id, s])}</a>'
                          for s in guideline.implements if (period.id, s) in site.urls)
        rows.append(("Nämns i", links))
    children = [g for g in period.guidelines.values() if g.parent == guideline.id]
    if children:
        rows.append(("Under detta", ", ".join(f'<a href="{site.link(page, period.id, g.id)}">{html.escape(g.title)}</a>'
                                               for g in children)))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    desc = f"<p>{html.escape(guideline.description)}</p>" if guideline.description else ""
    return f'<table class="avtal-register">{table}</table>{desc}{notes_html(guideline.notes)}'


def print_markdown(corpus: Corpus, period: Period) -> str:
    """The whole agreement of a period on one page, in reading order, for printing and PDF.

    Läsanvisningar, Del A, Del B, the four arrangements (Del C), the guideline register and,
    last, the Färdplan adopted beside the agreement. Every link inside the period points into
    this page, so the printed document (and its PDF) is whole by itself.
    """
    page = print_page(period)
    site = Site.of(corpus, single_page={period.id: page})
    refs = references(site, period)
    documents = period.ordered_documents()
    strategy = [d for d in documents if d.kind == "strategi"]
    agreement = [d for d in documents if d.kind != "strategi"]
    out = [f"---\ntitle: {yaml_str(period.title + ' – utskrift')}\nsearch:\n  exclude: true\nhide:\n  - navigation\n"
           "  - toc\n---\n",
           f"# {heading_text(period.title)} {{#utskrift}}\n",
           period_trust_marks(period),
           html_block('<p class="avtal-utskrift-hjalp" data-search-exclude>Hela avtalet på en sida, i läsordning, '
                       "för utskrift. Skriv ut med webbläsarens utskriftsfunktion eller hämta PDF-versionen om den "
                       "finns.</p>"),
           html_block(_print_contents(agreement, strategy))]
    for document in agreement:
        out.append(document_markdown(site, document, refs, page=page, level=2))
    out.append(guidelines_markdown(site, period, refs, page=page, level=2))
    for document in strategy:
        out.append(document_markdown(site, document, refs, page=page, level=2))
    return "\n".join(out) + "\n"


def _print_contents(agreement: list[Document], strategy: list[Document]) -> str:
    items = [f'<li><a href="#{d.id}">{html.escape(d.title)}</a></li>' for d in agreement]
    items.append('<li><a href="#riktlinjer">Riktlinjer och styrdokument</a></li>')
    items += [f'<li><a href="#{d.id}">{html.escape(d.title)}</a></li>' for d in strategy]
    return f'<nav class="avtal-innehall" data-search-exclude><p><strong>Innehåll</strong></p><ol>{"".join(items)}</ol></nav>'
