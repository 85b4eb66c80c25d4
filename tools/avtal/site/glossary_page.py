"""The page "Begrepp och förkortningar": every term, its meaning, synonyms, law, and where it is used."""

from __future__ import annotations

from ..model import Period
from ..registers import Term
from . import blocks, glossary
from .blocks import link
from .markup import render
from .urls import GLOSSARY_PAGE, Site, cited_parts, current_period

#: The row of a term's staff words (``staff_words``): the project's search words, each with its reason,
#: labelled so that no reader takes them for the agreement's words.
STAFF_WORDS = "Personalens sökord (projektets, inte avtalets)"
GROUPS = (("forkortning", "Förkortningar", "forkortningar"), ("begrepp", "Begrepp", "begreppen"))
#: Where the glossary's facts come from (agreement/register/begrepp.yaml).
SOURCE = ("avtalets text (varje definition anger avsnittet den står i) och de sökord personalen använder; "
          "registret är projektets eget, inte en del av avtalet")


def sv_key(text: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z."""
    return text.casefold().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"}))


def glossary_markdown(site: Site, period: Period | None = None) -> str:
    """The glossary page: every term with its expansion, synonyms, statute, and the sections
    that use it, with links; period: whose sections are listed (default: the current period)."""
    corpus = site.corpus
    period = period or current_period(corpus, site.today)
    groups = []
    for kind, title, anchor in GROUPS:
        terms = sorted((t for t in corpus.terms if t.kind == kind), key=lambda t: sv_key(t.term))
        if terms:
            groups.append({"title": title, "anchor": anchor,
                           "terms": [_term_view(site, period, term) for term in terms]})
    return render("glossary.md", period=period.id if period else None,
                  marks=blocks.register_marks("Begrepp och förkortningar", site.changed.get("begrepp.yaml"), SOURCE),
                  groups=groups)


def _term_view(site: Site, period: Period | None, term: Term) -> dict:
    page = GLOSSARY_PAGE
    rows: list[tuple[str, object]] = []
    if term.expansion:
        rows.append(("Betyder" if term.kind == "forkortning" else "Utskrivet", term.expansion))
    if term.definition:
        parts: list = [{"quote": {"parts": cited_parts(site, term.definition)}}]
        if period and term.defined_in and (period.id, term.defined_in) in site.urls:
            parts += [" (", link(site.link(page, period.id, term.defined_in), site.titles[period.id, term.defined_in]),
                      ")"]
        rows.append(("Definition", {"parts": parts}))
    if term.synonyms:
        rows.append(("Synonymer", ", ".join(term.synonyms)))
    if term.staff_words:
        rows.append((STAFF_WORDS, {"list": [f"{w.word} – {w.reason}" for w in term.staff_words]}))
    statute = next((s for s in site.corpus.statutes if s.id == term.statute), None) if term.statute else None
    if statute is not None:
        rows.append(("Lag", link(statute.url, statute.title, "avtal-lagrum")))
    if period and term.see and (period.id, term.see) in site.urls:
        rows.append(("Se", link(site.link(page, period.id, term.see), site.titles[period.id, term.see])))
    usage = site.usage.get(period.id) if period else None
    if period and usage is not None:
        by_document: dict[str, list[dict]] = {}
        for document, section in glossary.where_used(period, usage, term):
            ident = section.id if section else document.id
            label = section.heading if section else "dokumentets inledning"
            by_document.setdefault(document.id, []).append(link(site.link(page, period.id, ident), label))
        rows.append(("Används i", {"used": [{"document": period.documents[d].nav_title, "links": links}
                                            for d, links in by_document.items()]}
                     if by_document else "Förekommer inte i avtalstexten."))
    return {"id": term.id, "term": term.term, "rows": [{"label": k, "value": v} for k, v in rows],
            "notes": [{**note, "text": {"parts": cited_parts(site, note["text"])}} for note in blocks.notes(term.notes)]}
