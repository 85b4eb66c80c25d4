"""Where everything is on the site: page paths, URLs, and one ``Site`` index per build.

Pure functions, no mkdocs: a page path is its Markdown file (``2023-2026/del-b.md``); its URL is
the directory URL mkdocs gives it (``2023-2026/del-b/``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field

from ..cite import StatuteIndex, Written, citations_of, index_from_register, written_citations
from ..dates import today
from ..model import Corpus, Document, Period
from ..registers import Statute
from ..status import Status, adopted, status_on, timeline
from . import glossary


@dataclass(frozen=True)
class Page:
    """A generated page: its Markdown file's path in docs_dir, its title, its Markdown."""

    path: str  # e.g. "2023-2026/del-b.md"
    title: str
    content: str
    in_nav: bool = True  # False: linked from other pages only (an earlier version, a comparison)


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
    """``<period>/<document id>.md``: a document's own page."""
    return f"{document.period_id}/{document.id}.md"


def guideline_page(period: Period) -> str:
    """``<period>/riktlinjer.md``: the period's guideline register."""
    return f"{period.id}/riktlinjer.md"


def print_page(period: Period) -> str:
    """``<period>/utskrift.md``: the whole period on one printable page."""
    return f"{period.id}/utskrift.md"


GLOSSARY_PAGE = "begrepp.md"


def current_period(corpus: Corpus, on: dt.date | None = None) -> Period | None:
    """The period a reader most likely wants on the day on (default today): the latest in force then,
    else the latest adopted, else the latest of any."""
    on = on or today()
    periods = sorted(corpus.periods.values(), key=lambda p: p.valid_from)
    in_force = [p for p in periods if status_on(p, corpus, on).code in ("gallande", "forlangd")]
    return (in_force or [p for p in periods if adopted(p)] or periods or [None])[-1]


@dataclass
class Site:
    """The index every page of one build shares: the URL and title of every id, the statute index,
    the abbreviations, the glossary usage and the citations found in each text (each computed once).

    ``Site.of(corpus)`` builds it; ``printable(period)`` is the same index with the period's ids
    pointing into its printable page (one page that holds them all), sharing everything else.
    """

    corpus: Corpus
    urls: dict[tuple[str, str], str] = field(default_factory=dict)  # (period, id) -> site URL
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    citations: StatuteIndex | None = None
    abbreviations: dict[str, str] = field(default_factory=dict)  # abbreviation -> expansion
    usage: dict[str, glossary.Usage] = field(default_factory=dict)  # period -> where terms occur
    glossary_url: str | None = None  # site URL of the glossary page, when there is one
    found: dict[str, list] = field(default_factory=dict, repr=False)  # text -> its citations, parsed once
    by_sfs: dict[str, Statute] = field(default_factory=dict, repr=False)
    today: dt.date = field(default_factory=today)  # the day the pages' status is computed for
    changed: dict[str, dt.date | None] = field(default_factory=dict)  # register file -> its last change (git)
    # Earlier versions read from git (site.version_pages.index): (period, document, version) -> site URL of
    # that version's page; and of the comparison of that version with the one before it.
    versions: dict[tuple[str, str, str], str] = field(default_factory=dict)
    comparisons: dict[tuple[str, str, str], str] = field(default_factory=dict)

    @classmethod
    def of(cls, corpus: Corpus, on: dt.date | None = None, changed: dict[str, dt.date | None] | None = None) -> "Site":
        """URLs and titles of every document, section and guideline; the glossary usage of every period.

        on: the day statuses are computed for (default ``dates.today()``: the build's ``--date``, else today);
        changed: {"lagar.yaml": date, …} when each register file last changed, where known (git).
        """
        site = cls(corpus, today=on or today(), changed=dict(changed or {}))
        for period in corpus.periods.values():
            site._index(period, None)
            site.usage[period.id] = glossary.usage(period, corpus.terms)
        site.abbreviations = {t.term: t.expansion for t in corpus.terms if t.kind == "forkortning" and t.expansion}
        site.citations = index_from_register(corpus.statutes)
        site.by_sfs = {s.sfs: s for s in corpus.statutes}
        if corpus.terms:
            site.glossary_url = page_url(GLOSSARY_PAGE)
        return site

    def _index(self, period: Period, one: str | None) -> None:
        """The URLs of the period's ids: their own pages, or anchors on the one page `one` (a URL)."""
        for document in period.documents.values():
            url = one or page_url(document_page(document))
            self.urls[period.id, document.id] = f"{url}#{document.id}" if one else url
            self.titles[period.id, document.id] = document.title
            for section in document.walk():
                self.urls[period.id, section.id] = f"{url}#{section.id}"
                self.titles[period.id, section.id] = section.heading
        for guideline in period.guidelines.values():
            register = one or page_url(guideline_page(period))
            self.urls[period.id, guideline.id] = f"{register}#{guideline.id}"
            self.titles[period.id, guideline.id] = guideline.title
            for section in guideline.walk():  # a guideline's body stands under its entry
                self.urls[period.id, section.id] = f"{register}#{section.id}"
                self.titles[period.id, section.id] = section.heading

    def printable(self, period: Period) -> "Site":
        """This index with every id of period on its printable page (``print_page``)."""
        site = dataclasses.replace(self, urls=dict(self.urls), titles=dict(self.titles))
        site._index(period, page_url(print_page(period)))
        return site

    def link(self, page: str, period: str, ident: str) -> str:
        """The href from page (a page path) to an id of a period; KeyError when the id has no URL."""
        return relative(page, self.urls[period, ident])

    def status(self, period: Period, on: dt.date | None = None) -> Status:
        """The period's status on the build's day (or on)."""
        return status_on(period, self.corpus, on or self.today)

    def timeline(self, period: Period) -> list[tuple[dt.date | None, Status]]:
        """The period's statuses from its adoption on, for the reader's browser to pick today's."""
        return timeline(period, self.corpus)

    def statute(self, sfs: str | None) -> Statute | None:
        """The register's entry for an SFS number, or None."""
        return self.by_sfs.get(sfs or "")


def citations_in(site: Site, raw: str) -> list:
    """The statute citations (``cite.Citation``, offsets into raw) the parser finds in a text, parsed once
    per build; none when the Site has no statute index."""
    if site.citations is None:
        return []
    if raw not in site.found:  # each text is rendered on its page, in print and in the export
        site.found[raw] = list(citations_of(raw, site.citations))
    return site.found[raw]


def written_in(site: Site, raw: str) -> list[Written]:
    """The citations of a text grouped as written (``cite.written_citations``): "12 kap. 1-3 §§ HSL" once."""
    return written_citations(raw, citations_in(site, raw))


def cited_parts(site: Site, raw: str) -> list:
    """A plain text with its statute citations linked, for the ``value`` macro: strings between
    parts from ``written_parts`` (the glossary's definitions and notes)."""
    out: list = []
    at = 0
    for written in written_in(site, raw):
        if written.start < at:
            continue
        if written.start > at:
            out.append(raw[at:written.start])
        out += written_parts(written)
        at = written.end
    if at < len(raw):
        out.append(raw[at:])
    return out


def written_parts(written: Written, act_name: str = "") -> list[dict]:
    """A citation as the text writes it, in parts for the ``value``/``link`` macros: each provision's
    words linked to its anchor (``cite.display_pieces``), the words between them ("-", " och ", "(")
    plain, white space folded; act_name (when the citation does not name its act) added after it."""
    parts: list[dict] = []
    at = written.start
    for piece in written.pieces:
        between = re.sub(r"\s+", " ", written.text[at - written.start:piece.start - written.start])
        if between:
            parts.append({"href": "", "text": between, "classes": ""})
        parts.append({"href": piece.link or "", "text": " ".join(piece.text.split()),
                      "classes": "avtal-lagrum" if piece.link else ""})
        at = piece.end
    rest = written.text[at - written.start:]
    if rest:
        parts.append({"href": "", "text": re.sub(r"\s+", " ", rest), "classes": ""})
    if act_name:
        parts.append({"href": "", "text": " " + act_name, "classes": ""})
    return parts
