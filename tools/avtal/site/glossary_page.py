"""The page "Begrepp och förkortningar": every term, its meaning, synonyms, law, and where it is used."""

from __future__ import annotations

import html

from ..model import Period
from . import glossary
from .blocks import heading, html_block, notes_html, period_trust_marks
from .urls import GLOSSARY_PAGE, Site, current_period


def _sv_key(text: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z."""
    return text.casefold().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"}))


def glossary_markdown(site: Site, period: Period | None = None) -> str:
    """The glossary page: every term with its expansion, synonyms, statute, and the sections
    that use it, with links; period: whose sections are listed (default: the current period)."""
    corpus = site.corpus
    period = period or current_period(corpus)
    page = GLOSSARY_PAGE
    out = ["---\ntitle: Begrepp och förkortningar\nsearch:\n  exclude: true\n---\n",
           "# Begrepp och förkortningar {#begrepp}\n"]
    if period is not None:
        out.append(period_trust_marks(period))
    out.append("Förkortningar och begrepp i avtalet, med de vardagliga ord som personal söker på. "
               "Förkortningar förklaras också i texten: håll muspekaren över en understruken förkortning. "
               "Under *Används i* finns varje avsnitt där ordet förekommer"
               + (f" i avtalsperiod {period.id}" if period else "") + ".\n")
    statutes = {s.id: s for s in corpus.statutes}
    usage = site.usage.get(period.id) if period else None
    groups = (("forkortning", "Förkortningar", "forkortningar"), ("begrepp", "Begrepp", "begreppen"))
    for kind, group_title, anchor in groups:
        terms = sorted((t for t in corpus.terms if t.kind == kind), key=lambda t: _sv_key(t.term))
        if not terms:
            continue
        out.append(f"## {group_title} {{#{anchor}}}\n")
        index = " · ".join(f'<a href="#{t.id}">{html.escape(t.term)}</a>' for t in terms)
        out.append(html_block(f'<p class="avtal-begrepp-index" data-search-exclude>{index}</p>'))
        for term in terms:
            out.append(heading(3, term.term, term.id))
            out.append(html_block(_term_html(site, page, period, usage, term, statutes)))
    return "\n".join(out) + "\n"


def _term_html(site: Site, page: str, period: Period | None, usage, term, statutes) -> str:
    rows = []
    if term.expansion:
        rows.append(("Betyder" if term.kind == "forkortning" else "Utskrivet", html.escape(term.expansion)))
    if term.definition:
        where = ""
        if period and term.defined_in and (period.id, term.defined_in) in site.urls:
            where = (f' (<a href="{site.link(page, period.id, term.defined_in)}">'
                     f"{html.escape(site.titles[period.id, term.defined_in])}</a>)")
        rows.append(("Definition", f"<q>{html.escape(term.definition)}</q>{where}"))
    if term.synonyms:
        rows.append(("Sökord och synonymer", html.escape(", ".join(term.synonyms))))
    statute = statutes.get(term.statute) if term.statute else None
    if statute is not None:
        rows.append(("Lag", f'<a class="avtal-lagrum" href="{html.escape(statute.url)}">{html.escape(statute.title)}</a>'))
    if period and term.see and (period.id, term.see) in site.urls:
        rows.append(("Se", f'<a href="{site.link(page, period.id, term.see)}">{html.escape(site.titles[period.id, term.see])}</a>'))
    if period and usage is not None:
        places = glossary.where_used(period, usage, term)
        if places:
            by_document: dict[str, list[str]] = {}
            for document, section in places:
                ident = section.id if section else document.id
                label = section.heading if section else "dokumentets inledning"
                by_document.setdefault(document.id, []).append(
                    f'<a href="{site.link(page, period.id, ident)}">{html.escape(label)}</a>')
            items = "".join(f"<li><strong>{html.escape(period.documents[d].nav_title)}:</strong> {', '.join(links)}</li>"
                            for d, links in by_document.items())
            rows.append(("Används i", f"<ul>{items}</ul>"))
        else:
            rows.append(("Används i", "Förekommer inte i avtalstexten."))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="avtal-register avtal-begrepp">{table}</table>{notes_html(term.notes)}'
