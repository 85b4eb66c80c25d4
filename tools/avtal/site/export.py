"""The whole corpus as one JSON document, for other web pages to embed the agreement's text.

``export(corpus)`` is a pure function from the model to a dict that follows
schemas/export.schema.json. The site publishes it as ``data/avtal.json`` (mkdocs hook).
Every section carries its id, number, title, plain text, rendered HTML and URL, so a page
elsewhere can show "5 Kommunens betalningsansvar" with its text and a link back here.

URLs are relative to the site's root unless ``base_url`` is given (mkdocs.yml ``site_url``);
links inside ``html`` are made the same way, so embedded HTML links back to this site.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from .. import text as textmod
from ..findings import Finding, error
from ..model import Corpus, Document, Guideline, Period, Section
from ..responsibility import Responsibility
from .inline import TextContext, text_html
from .urls import Site, page_url

FORMAT = "avtal-export"
FORMAT_VERSION = 1  # the const of format_version in schemas/export.schema.json: the two change together
SCHEMA_URL = "export.schema.json"  # the schema beside the data (data/export.schema.json); no address to fetch

_HREF = re.compile(r'href="(?!https?:|mailto:)([^"]*)"')
_MARKUP = re.compile(r"<[a-zA-Z/!]")  # HTML as the schemas refuse it (common.schema.json, "Ingen HTML")
_URL_KEYS = ("url",)  # fields whose value the open data publishes as an address (external_url, a statute's url)


class UnsafeExport(ValueError):
    """The corpus holds what the open data may not carry (``unsafe_for_export``); findings: each place."""

    def __init__(self, findings: list[Finding]):
        super().__init__(f"{len(findings)} värden kan inte publiceras som öppna data")
        self.findings = findings


def unsafe_for_export(corpus: Corpus) -> list[Finding]:
    """What the open data may not carry, whether or not ``avtal check`` ran: every string read from a
    corpus file that holds HTML (``export-html`` at its ``<``) and every ``url`` that is not a web address
    (``export-url``: ``javascript:``, ``data:``, ``//host`` …, as ``text.link_target_problem`` refuses a
    link). The open data's strings are plain text a consumer may put in a page as it is, so such a corpus
    is not published at all, as the checker's schema findings would have said."""
    findings: list[Finding] = []

    def walk(file, value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(file, item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(file, item, path + (index,))
        elif isinstance(value, str):
            markup = _MARKUP.search(value)
            if markup:
                findings.append(error(
                    "export-html", file.where_in_text(path, markup.start()),
                    "Värdet innehåller HTML, som inte får publiceras i de öppna data (data/avtal.json).",
                    "Skriv texten utan HTML-taggar; avtal check säger var."))
            elif path and path[-1] in _URL_KEYS and textmod.link_target_problem(value) is not None \
                    or path and path[-1] in _URL_KEYS and value.startswith("ref:"):
                findings.append(error(
                    "export-url", file.where(path),
                    f"Adressen '{textmod.visible(value[:60])}' är ingen webbadress och publiceras inte.",
                    "Skriv en webbadress som börjar med https://."))

    for file in corpus.files:
        walk(file, file.data, ())
    return findings


def export(corpus: Corpus, base_url: str = "", site: Site | None = None) -> dict:
    """The corpus as a JSON-ready dict (see schemas/export.schema.json); site: the build's index, when
    there is one (otherwise one is made).

    Raises UnsafeExport when the corpus holds HTML or an address that is not a web address
    (``unsafe_for_export``), even if the checker was skipped: the open data is never made unsafe."""
    problems = unsafe_for_export(corpus)
    if problems:
        raise UnsafeExport(problems)
    site = site or Site.of(corpus)
    return {
        "$schema": SCHEMA_URL,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "site": base_url or None,
        "periods": [_period(site, p, base_url) for p in sorted(corpus.periods.values(), key=lambda p: p.id)],
        "statutes": [_statute(s) for s in corpus.statutes],
        "terms": [_term(t) for t in corpus.terms],
        "topics": [{"id": t.id, "title": t.title, "description": t.description, "synonyms": list(t.synonyms)}
                   for t in corpus.topics],
        "actors": [{"id": a.id, "name": a.name, "party": a.party, "basis": a.basis} for a in corpus.actors],
        "areas": [{"id": a.id, "name": a.name, "kind": a.kind, "part_of": a.part_of, "source": a.source}
                  for a in corpus.areas],
    }


def _url(base_url: str, url: str) -> str:
    return urljoin(base_url, url) if base_url else url


def _absolute_links(html: str, page_url: str, base_url: str) -> str:
    """Links of HTML rendered for the site's root page, made to work anywhere."""
    def fix(match: re.Match) -> str:
        target = match[1]
        if target.startswith("#"):
            target = page_url.split("#", 1)[0] + target
        return f'href="{_url(base_url, target)}"'

    return _HREF.sub(fix, html)


def _period(site: Site, period: Period, base_url: str) -> dict:
    shown = {k.id: k.text for k in period.key_terms}
    return {
        "id": period.id,
        "title": period.title,
        "status": site.status(period).code,
        "status_label": site.status(period).label,
        "valid_from": period.valid_from,
        "valid_to": period.valid_to,
        "agreement": period.agreement,
        "url": _url(base_url, page_url(f"{period.id}/index.md")),
        "decisions": [{"id": d.id, "body": d.body, "date": d.date, "paragraph": d.paragraph, "summary": d.summary}
                      for d in period.decisions],
        "key_terms": [{"id": k.id, "label": k.label, "type": k.type, "value": k.value, "unit": k.unit,
                       "text": k.text, "clause": k.clause} for k in period.key_terms],
        "documents": [_document(site, period, d, shown, base_url) for d in period.ordered_documents()],
        "guidelines": [_guideline(site, period, g, base_url) for g in period.guidelines.values()],
    }


def _html(site: Site, period: Period, raw: str, owner: Document | Section, url: str, base_url: str) -> str:
    ctx = TextContext(site, "index.md", period, owner=owner,
                             key_terms={k.id: k for k in period.key_terms})
    return _absolute_links(text_html(ctx, raw), url, base_url) if raw else ""


def _document(site: Site, period: Period, document: Document, shown: dict[str, str], base_url: str) -> dict:
    url = site.urls[period.id, document.id]
    return {
        "id": document.id,
        "kind": document.kind,
        "number": document.number,
        "title": document.title,
        "short_title": document.short_title,
        "parent": document.parent,
        "read_with": list(document.read_with),
        "version": document.version,
        "valid_from": document.valid_from,
        "valid_to": document.valid_to,
        "url": _url(base_url, url),
        "text": textmod.plain(textmod.expand_key_terms(document.intro, shown)),
        "html": _html(site, period, document.intro, document, url, base_url),
        "read_more": [{"title": r.title, "ref": r.ref} for r in document.read_more],
        "sections": [_section(site, period, s, shown, base_url) for s in document.sections],
    }


def _section(site: Site, period: Period, section: Section, shown: dict[str, str], base_url: str) -> dict:
    url = site.urls[period.id, section.id]
    return {
        "id": section.id,
        "number": section.number,
        "title": section.title,
        "heading": section.heading,
        "document": section.document_id,
        "url": _url(base_url, url),
        "text": textmod.plain(textmod.expand_key_terms(section.text, shown)),
        "html": _html(site, period, section.text, section, url, base_url),
        "read_more": [{"title": r.title, "ref": r.ref} for r in section.read_more],
        "responsibilities": [_statement(st) for st in section.responsibilities],
        "sections": [_section(site, period, s, shown, base_url) for s in section.sections],
    }


def _statement(statement: Responsibility) -> dict:
    """A responsibility statement as the text says it, its party resolved (see schemas/export.schema.json)."""
    return {
        "topic": statement.topic, "kind": statement.kind, "party": statement.party,
        "party_from": statement.party_from, "actor": statement.actor, "levels": list(statement.levels),
        "quote": statement.quote, "lead": statement.lead, "heading": statement.heading,
        "across_heading": statement.across_heading, "unclassified": statement.unclassified,
    }


def _guideline(site: Site, period: Period, guideline: Guideline, base_url: str) -> dict:
    return {
        "id": guideline.id,
        "kind": guideline.kind,
        "level": guideline.level,
        "title": guideline.title,
        "parent": guideline.parent,
        "status": guideline.status,
        "implements": list(guideline.implements),
        "owner": guideline.owner,
        "external_url": guideline.url,
        "url": _url(base_url, site.urls[period.id, guideline.id]),
        "description": guideline.description,
        "area": guideline.area,
        "has_text": bool(guideline.sections),
        "sections": [_section(site, period, s, {k.id: k.text for k in period.key_terms}, base_url)
                     for s in guideline.sections],
    }


def _statute(statute) -> dict:
    return {
        "id": statute.id, "sfs": statute.sfs, "kind": statute.kind, "title": statute.title,
        "short_name": statute.short_name, "abbreviation": statute.abbreviation,
        "in_force_from": statute.in_force_from, "repealed_from": statute.repealed_from,
        "replaced_by": statute.replaced_by, "url": statute.url,
    }


def _term(term) -> dict:
    return {
        "id": term.id, "term": term.term, "kind": term.kind, "expansion": term.expansion,
        "definition": term.definition, "synonyms": list(term.synonyms), "see": term.see,
        "statute": term.statute,
    }
