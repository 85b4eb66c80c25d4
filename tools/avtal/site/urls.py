"""Where everything is on the site: page paths, URLs, and one ``Site`` index per build.

Pure functions, no mkdocs: a page path is its Markdown file (``2023-2026/del-b.md``); its URL is
the directory URL mkdocs gives it (``2023-2026/del-b/``).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from ..cite import find_citations, index_from_register
from ..model import Corpus, Document, Period
from . import glossary


@dataclass(frozen=True)
class Page:
    path: str  # e.g. "2023-2026/del-b.md"
    title: str
    content: str


def page_url(path: str) -> str:
    """Site URL (relative to the site root) of a page path, with directory URLs."""
    if path == "index.md":
        return ""
    stem = path[:-3]
    return (stem[: -len("index")] if stem.endswith("index") else stem + "/")


def relative(from_page: str, to_url: str) -> str:
    """A link from one page to a site-root-relative URL ('a/b/#x')."""
    base = page_url(from_page)
    target, _, anchor = to_url.partition("#")
    rel = posixpath.relpath(target or ".", base or ".") if target != base else ""
    if rel == ".":
        rel = ""
    if rel and target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if not rel and not anchor:
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


def document_page(document: Document) -> str:
    return f"{document.period_id}/{document.id}.md"


def guideline_page(period: Period) -> str:
    return f"{period.id}/riktlinjer.md"


def print_page(period: Period) -> str:
    return f"{period.id}/utskrift.md"


GLOSSARY_PAGE = "begrepp.md"


def current_period(corpus: Corpus) -> Period | None:
    """The period a reader most likely wants: the latest in force, else the latest of any status."""
    periods = sorted(corpus.periods.values(), key=lambda p: p.valid_from)
    in_force = [p for p in periods if p.status == "gallande"]
    return (in_force or periods or [None])[-1]


@dataclass
class Site:
    """What every page needs to resolve ids to URLs and decorate text."""

    corpus: Corpus
    urls: dict[tuple[str, str], str] = field(default_factory=dict)  # (period, id) -> site URL
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    citations: object = None  # a citations.StatuteIndex, when the register is loaded
    abbreviations: dict[str, str] = field(default_factory=dict)
    usage: dict[str, glossary.Usage] = field(default_factory=dict)  # period -> where terms occur
    glossary_url: str | None = None  # site URL of the glossary page, when there is one
    found: dict[str, list] = field(default_factory=dict, repr=False)  # text -> its citations, parsed once

    @classmethod
    def of(cls, corpus: Corpus, single_page: dict[str, str] | None = None) -> "Site":
        """URLs of every document, section and guideline; single_page maps a period to one page
        (the printable document) that holds all of them."""
        site = cls(corpus)
        for period in corpus.periods.values():
            one = page_url(single_page[period.id]) if single_page and period.id in single_page else None
            for document in period.documents.values():
                url = one or page_url(document_page(document))
                site.urls[period.id, document.id] = f"{url}#{document.id}" if one else url
                site.titles[period.id, document.id] = document.title
                for section in document.walk():
                    site.urls[period.id, section.id] = f"{url}#{section.id}"
                    site.titles[period.id, section.id] = section.heading
            for guideline in period.guidelines.values():
                site.urls[period.id, guideline.id] = f"{one or page_url(guideline_page(period))}#{guideline.id}"
                site.titles[period.id, guideline.id] = guideline.title
            site.usage[period.id] = glossary.usage(period, corpus.terms)
        site.abbreviations = {t.term: t.expansion for t in corpus.terms if t.kind == "forkortning" and t.expansion}
        site.citations = _citation_index(corpus)
        if corpus.terms:
            site.glossary_url = page_url(GLOSSARY_PAGE)
        return site

    def link(self, page: str, period: str, ident: str) -> str:
        return relative(page, self.urls[period, ident])


def _citation_index(corpus: Corpus):
    return index_from_register(corpus.statutes)


def citations_in(site: Site, raw: str) -> list:
    """The statute citations the parser finds in a text (none without a register)."""
    if site.citations is None:
        return []
    if raw not in site.found:  # each text is rendered on its page, in print and in the export
        site.found[raw] = find_citations(raw, site.citations)
    return site.found[raw]
