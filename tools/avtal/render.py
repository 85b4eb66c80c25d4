"""Render the corpus as Markdown pages for the site: pure functions, no mkdocs.

Each page is Markdown whose headings carry the stable ids as anchors
(``## B.1 Lagstiftning {#b-lagstiftning}``) and whose body text is HTML
rendered from the text subset, so links, citations, key terms and
abbreviations are exactly as we render them.
"""

from __future__ import annotations

import dataclasses
import html
import posixpath
import re
from dataclasses import dataclass, field

from . import glossary
from . import text as textmod
from .model import (GUIDELINE_STATUS_LABELS, KIND_LABELS, LEVEL_LABELS, Corpus, Document, Guideline,
                    KeyTerm, Period, Section)

NOTE_LABELS = {"stavfel": "Stavfel i källan", "numrering": "Numrering", "textuttag": "Textuttag",
               "innehall": "Anmärkning", "lag": "Lagändring"}


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
    try:
        from .statutes import index_from_register
    except ImportError:  # the parser is optional for rendering
        return None
    return index_from_register(corpus.statutes)


def citations_in(site: Site, raw: str) -> list:
    """The statute citations the parser finds in a text (none without a register)."""
    if site.citations is None:
        return []
    if raw not in site.found:  # each text is rendered on its page, in print and in the export
        from . import citations

        site.found[raw] = citations.find_citations(raw, site.citations)
    return site.found[raw]


# --- inline text ---------------------------------------------------------------

@dataclass
class TextContext:
    site: Site
    page: str
    period: Period
    owner: Document | Section | None = None  # whose text it is: the source's läs mer star points to its box
    key_terms: dict[str, KeyTerm] = field(default_factory=dict)


def inline(ctx: TextContext, raw: str, found: list | None = None) -> str:
    """One paragraph or list item as HTML: links, key terms, citations, abbreviations, stars.

    found: the citations of this unit when they were found in the whole text (see text_html)."""
    spans: list[tuple[int, int, str]] = []  # (start, end, html) replacing raw[start:end]
    for link in textmod.links(raw):
        spans.append((link.start, link.end, _link_html(ctx, link)))
    for match in textmod.KEY_TERM.finditer(raw):
        term = ctx.key_terms.get(match["id"])
        shown = html.escape(term.text) if term else html.escape(match[0])
        label = html.escape(term.label) if term else "okänt nyckelvärde"
        spans.append((match.start(), match.end(), f'<span class="avtal-nyckelvarde" title="{label}">{shown}</span>'))
    for citation in citations_in(ctx.site, raw) if found is None else found:
        if any(s < citation.end and citation.start < e for s, e, _ in spans):
            continue
        spans.append((citation.start, citation.end, citation_html(ctx.site, citation)))
    spans.sort()
    out, at = [], 0
    for start, end, replacement in spans:
        if start < at:
            continue
        out.append(_decorate(ctx, raw[at:start]))
        out.append(replacement)
        at = end
    out.append(_decorate(ctx, raw[at:]))
    return "".join(out)


def _decorate(ctx: TextContext, plain: str) -> str:
    """Escape plain text; mark abbreviations, emphasis and the source's läs mer stars."""
    out = textmod.escape_inline(plain)
    star = "\x00"  # the source's star, found before abbreviations wrap the word it follows ("SIP*")
    if ctx.owner:
        out = textmod.READ_MORE_MARK.sub(star, out)
    if ctx.site.abbreviations:
        out = _abbreviate(out, ctx.site.abbreviations)
    if ctx.owner and ctx.owner.read_more:
        out = out.replace(star, f'<a class="avtal-stjarna" href="#lasmer-{ctx.owner.id}" title="Läs mer">*</a>')
    elif ctx.owner:  # the source's star, but the source gives no "Läs mer" here
        out = out.replace(star, '<span class="avtal-stjarna" title="Hänvisning i källan utan Läs mer-länk">*</span>')
    return out


_ABBR_CACHE: dict[int, re.Pattern] = {}


def _abbreviate(escaped: str, abbreviations: dict[str, str]) -> str:
    key = id(abbreviations)
    pattern = _ABBR_CACHE.get(key)
    if pattern is None:
        words = sorted((html.escape(a, quote=False) for a in abbreviations), key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])")
        _ABBR_CACHE[key] = pattern
    lookup = {html.escape(a, quote=False): e for a, e in abbreviations.items()}
    return pattern.sub(lambda m: f'<abbr title="{html.escape(lookup[m[1]])}">{m[1]}</abbr>', escaped)


def _link_html(ctx: TextContext, link: textmod.Link) -> str:
    label = html.escape(link.label, quote=False)
    if link.target.startswith("ref:"):
        ident = link.target[4:]
        if (ctx.period.id, ident) in ctx.site.urls:
            return f'<a href="{ctx.site.link(ctx.page, ctx.period.id, ident)}">{label}</a>'
        return label
    return f'<a href="{html.escape(link.target)}">{label}</a>'


def citation_html(site: Site, citation) -> str:
    text = html.escape(citation.text, quote=False)
    if not citation.link:
        return f'<span class="avtal-lagrum avtal-lagrum-okand" title="Okänd lag">{text}</span>'
    statute = next((s for s in site.corpus.statutes if s.sfs == citation.sfs), None)
    title = statute.title if statute else f"SFS {citation.sfs}"
    cls = "avtal-lagrum"
    mark = ""
    if statute and statute.repealed_from:
        replacement = next((s for s in site.corpus.statutes if s.sfs == statute.replaced_by), None)
        new = replacement.title if replacement else statute.replaced_by or "okänd lag"
        title += f" – upphävd {statute.repealed_from}, ersatt av {new}"
        cls += " avtal-lagrum-upphavd"
        if citation.name_written:  # mark the place once, where the act is named
            mark = (f'<sup class="avtal-upphavd" title="Upphävd {statute.repealed_from}; ersatt av {html.escape(new)}">'
                    f"upphävd, ersatt av {html.escape(statute.replaced_by or new)}</sup>")
    return f'<a class="{cls}" href="{citation.link}" title="{html.escape(title)}">{text}</a>{mark}'


def text_html(ctx: TextContext, raw: str) -> str:
    """A text field as HTML. Citations are found in the whole text, as `avtal check` and `avtal refs`
    find them, so that a citation binds to an act named in an earlier paragraph or item ("...
    tandvårdslagen (1985:125) 8 a §:" and, in the quoted item, "Vid tillämpningen av 8 §"), then
    given to the paragraph or item they stand in. A unit written over several lines is not found
    verbatim in the text; its citations are then found in the unit alone."""
    whole = citations_in(ctx.site, raw)
    cursor = 0

    def unit_html(unit: str) -> str:
        nonlocal cursor
        at = raw.find(unit, cursor)
        if at < 0:
            return inline(ctx, unit)
        cursor = at + len(unit)
        found = [dataclasses.replace(c, start=c.start - at, end=c.end - at) for c in whole
                 if at <= c.start and c.end <= cursor]
        return inline(ctx, unit, found)

    return textmod.to_html(raw, unit_html)


# --- pages ---------------------------------------------------------------------

def _html_block(content: str) -> str:
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
    return _html_block(f'<div class="avtal-meta {status_class}" data-search-exclude>{banner}'
                       f'<p>{" · ".join(rows)}</p></div>')


def period_trust_marks(period: Period) -> str:
    """Trust marks for a page of the whole period (overview, registers, print): the period's own decision."""
    return trust_marks(period, None, period.valid_from, period.valid_to, period_decision(period))


def period_decision(period: Period) -> str | None:
    """The decision behind the period: its change log's latest decision, else its latest decision."""
    ident = next((c.decision for c in reversed(period.changelog) if c.decision), None)
    if ident is None and period.decisions:
        ident = max(period.decisions, key=lambda d: d.date).id
    return _decision_label(period, ident)


def _decision_label(period: Period, ident: str | None) -> str | None:
    decision = next((d for d in period.decisions if d.id == ident), None)
    if decision is None:
        return None
    return f"{decision.body} {decision.date}" + (f" {decision.paragraph}" if decision.paragraph else "")


def document_decision(period: Period, document: Document) -> str | None:
    last = next((c for c in reversed(document.changelog) if c.decision), None)
    return _decision_label(period, last.decision) if last else None


def _notes_html(notes) -> str:
    items = []
    for note in notes:
        quote = f" – ”{html.escape(note.quote)}”" if note.quote else ""
        items.append(f'<li><strong>{NOTE_LABELS.get(note.kind, note.kind)}</strong>{quote}: {html.escape(note.text)}</li>')
    if not items:
        return ""
    return ('<details class="avtal-anmarkning" data-search-exclude><summary>Redaktionell anmärkning '
            f"(inte del av avtalstexten)</summary><ul>{''.join(items)}</ul></details>")


def _read_more_html(site: Site, page: str, period: Period, anchor: str, items) -> str:
    if not items:
        return ""
    links = "".join(f'<li><a href="{site.link(page, period.id, item.ref)}">{html.escape(item.title)}</a></li>'
                    for item in items if (period.id, item.ref) in site.urls)
    return (f'<aside class="avtal-lasmer" id="lasmer-{anchor}"><p class="avtal-lasmer-rubrik">Läs mer</p>'
            f"<ul>{links}</ul></aside>")


def _heading(level: int, title: str, anchor: str) -> str:
    # Markdown heading with attr_list anchor; escape characters that attr_list or Markdown would eat.
    safe = title.replace("{", "&#123;").replace("*", r"\*").replace("_", r"\_")
    return f"\n{'#' * min(level, 6)} {safe} {{#{anchor}}}\n"


# --- references both ways ------------------------------------------------------

@dataclass(frozen=True)
class Ref:
    """One end of a reference: a section, document, guideline or statute."""

    id: str  # id in the period, or the statute's SFS number
    title: str
    url: str  # site-root-relative URL; absolute (https://) for a statute
    kind: str  # "avsnitt", "dokument", "riktlinje" or "lag"
    document: str | None = None  # the document a section belongs to


@dataclass
class References:
    """What each section, document and guideline refers to, and what refers to it."""

    outgoing: dict[str, list[Ref]] = field(default_factory=dict)
    incoming: dict[str, list[Ref]] = field(default_factory=dict)
    read_by: dict[str, list[str]] = field(default_factory=dict)  # document -> documents read together with it

    def add(self, source: Ref, target: Ref) -> None:
        if source.id == target.id:
            return
        outgoing = self.outgoing.setdefault(source.id, [])
        if target not in outgoing:
            outgoing.append(target)
        if target.kind != "lag":
            incoming = self.incoming.setdefault(target.id, [])
            if source not in incoming:
                incoming.append(source)


def _ref(site: Site, period: Period, ident: str) -> Ref | None:
    if (period.id, ident) not in site.urls:
        return None
    if ident in period.documents:
        kind, document = "dokument", ident
    elif ident in period.guidelines:
        kind, document = "riktlinje", None
    else:
        kind = "avsnitt"
        document = next((d.id for d in period.documents.values() if any(s.id == ident for s in d.walk())), None)
    return Ref(ident, site.titles[period.id, ident], site.urls[period.id, ident], kind, document)


def references(site: Site, period: Period) -> References:
    """Every reference of the period both ways: läs mer, links in the text, the guidelines a
    section names (a guideline's ``implements``) and, with the statute register, cited laws."""
    refs = References()
    for document in period.documents.values():
        for other in document.read_with:
            refs.read_by.setdefault(other, []).append(document.id)
        owners = [(document.id, document.intro, document.read_more)]
        owners += [(s.id, s.text, s.read_more) for s in document.walk()]
        for ident, raw, read_more in owners:
            source = _ref(site, period, ident)
            targets = [item.ref for item in read_more]
            targets += [link.target[4:] for link in textmod.links(raw) if link.target.startswith("ref:")]
            for target in targets:
                found = _ref(site, period, target)
                if found is not None:
                    refs.add(source, found)
            for citation in citations_in(site, raw):
                if citation.link:
                    refs.add(source, Ref(citation.sfs or citation.text, _citation_label(site, citation),
                                         citation.link, "lag"))
    for guideline in period.guidelines.values():
        target = _ref(site, period, guideline.id)
        for ident in guideline.implements:
            source = _ref(site, period, ident)
            if source is not None:
                refs.add(source, target)
    return refs


def _citation_label(site: Site, citation) -> str:
    """The citation as written, with the chapter and the act's name when the text leaves them out
    ("16 kap. 1 §" → "16 kap. 1 § HSL")."""
    label = " ".join(citation.text.split())
    if citation.chapter and "kap" not in label and label[:1].isdigit():  # "16 kap. 1 § och 2 §": the 2 §
        label = f"{citation.chapter} kap. {label}"
    statute = next((s for s in site.corpus.statutes if s.sfs == citation.sfs), None)
    if statute is None:
        return label
    names = [n for n in (statute.abbreviation, statute.short_name, statute.sfs, *statute.aliases) if n]
    if any(n.casefold() in label.casefold() for n in names):
        return label
    return f"{label} {statute.abbreviation or statute.short_name or statute.title}"


def _ref_links(ctx: "TextContext", refs: list[Ref], document_id: str | None) -> str:
    out = []
    seen_laws: set[str] = set()
    for ref in refs:
        if ref.kind == "lag":
            if ref.url in seen_laws:
                continue
            seen_laws.add(ref.url)
            out.append(f'<a class="avtal-lagrum" href="{html.escape(ref.url)}">{html.escape(ref.title)}</a>')
            continue
        title = ref.title
        if ref.kind == "avsnitt" and ref.document and ref.document != document_id:
            title = f"{ctx.period.documents[ref.document].nav_title}: {title}"
        elif ref.kind == "riktlinje":
            title = f"{title} ({KIND_LABELS[ctx.period.guidelines[ref.id].kind].lower()})"
        out.append(f'<a href="{relative(ctx.page, ref.url)}">{html.escape(title)}</a>')
    return ", ".join(out)


def references_html(ctx: "TextContext", ident: str, refs: References | None, document_id: str | None) -> str:
    """"Hänvisar till" and "Hänvisas från" lines of a section or document (not indexed for search)."""
    if refs is None:
        return ""
    lines = []
    if refs.outgoing.get(ident):
        lines.append(f'<p class="avtal-hanvisar"><span class="avtal-lankar-rubrik">Hänvisar till:</span> '
                     f"{_ref_links(ctx, refs.outgoing[ident], document_id)}</p>")
    if refs.incoming.get(ident):
        lines.append(f'<p class="avtal-hanvisas"><span class="avtal-lankar-rubrik">Hänvisas från:</span> '
                     f"{_ref_links(ctx, refs.incoming[ident], document_id)}</p>")
    if not lines:
        return ""
    return f'<div class="avtal-lankar" data-search-exclude>{"".join(lines)}</div>'


def keywords_html(ctx: "TextContext", ident: str) -> str:
    """The "Sökord" line: everyday words and abbreviations from the glossary that the text lacks.

    Visible (small) and part of the search index, so "ÖK" or "dosdispensering" find the section;
    each word links to its entry in the glossary.
    """
    usage = ctx.site.usage.get(ctx.period.id)
    words = usage.keywords.get(ident) if usage else None
    if not words:
        return ""
    out = []
    for word in words:
        label = html.escape(word.word)
        if word.term and ctx.site.glossary_url is not None:
            out.append(f'<a href="{relative(ctx.page, ctx.site.glossary_url + "#" + word.term)}">{label}</a>')
        else:
            out.append(label)
    return f'<p class="avtal-sokord"><span class="avtal-lankar-rubrik">Sökord:</span> {", ".join(out)}</p>'


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def reading_guide_html(site: Site, page: str, period: Period, document: Document, refs: References | None) -> str:
    """How a document is read: the parts it is read with and the parts that apply to it.

    An arrangement (Del C) is read together with Del A and Del B; the box links them, the
    sections of those parts that refer to the arrangement, and the guidelines and local plans
    under it. Del A and Del B say which documents are read together with them.
    """
    rows = []
    if document.read_with:
        links = [f'<a href="{site.link(page, period.id, d)}">{html.escape(period.documents[d].nav_title)}</a>'
                 for d in document.read_with if d in period.documents]
        what = "Överenskommelsen" if document.kind == "overenskommelse" else "Dokumentet"
        rows.append(f"<p>{what} läses tillsammans med {_and_list(links)}.</p>")
    readers = (refs.read_by.get(document.id) if refs else None) or []
    if readers:
        links = [f'<a href="{site.link(page, period.id, d)}">{html.escape(period.documents[d].nav_title)}</a>'
                 for d in readers]
        rows.append(f"<p>{html.escape(document.nav_title)} läses tillsammans med {_and_list(links)}.</p>")
    if document.read_with and refs:
        incoming = [r for r in _incoming_to_document(refs, period, document) if r.document in document.read_with]
        if incoming:
            ctx = TextContext(site, page, period)
            rows.append(f"<p>Avsnitt i {_and_list([period.documents[d].nav_title for d in document.read_with])} "
                        f"som hänvisar hit: {_ref_links(ctx, incoming, document.id)}</p>")
    children = _guidelines_under(period, document.id)
    if children:
        links = [f'<a href="{site.link(page, period.id, g.id)}">{html.escape(g.title)}</a>' for g in children]
        rows.append(f"<p>Styrdokument under {html.escape(document.nav_title)}: {', '.join(links)}.</p>")
    if not rows:
        return ""
    return f'<div class="avtal-las-med" data-search-exclude>{"".join(rows)}</div>'


def _incoming_to_document(refs: References, period: Period, document: Document) -> list[Ref]:
    out: list[Ref] = []
    for ident in [document.id] + [s.id for s in document.walk()]:
        for ref in refs.incoming.get(ident, ()):
            if ref not in out:
                out.append(ref)
    return out


def _guidelines_under(period: Period, parent: str) -> list[Guideline]:
    """Guidelines under a document, with the ones under those, in register order."""
    out: list[Guideline] = []
    for guideline in sorted(period.guidelines.values(), key=lambda g: (_LEVEL_ORDER[g.level], g.title.casefold())):
        if guideline.parent == parent:
            out.append(guideline)
            out += _guidelines_under(period, guideline.id)
    return out


_LEVEL_ORDER = {"lansgemensam": 0, "delregional": 1, "lokal": 2}


# --- document pages ------------------------------------------------------------

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
        out.append(f"---\ntitle: {_yaml_str(document.title)}\n---\n")
    mark = "" if standalone else " .avtal-utskrift-dokument"  # a new page for each document in print
    out.append(f"{'#' * level} {_heading_text(document.title)} {{#{document.id}{mark}}}\n")
    out.append(trust_marks(period, document.version, document.valid_from, document.valid_to,
                           document_decision(period, document)))
    if document.cover:
        cover = document.cover
        parts = [f'<p class="avtal-omslag-etikett">{html.escape(cover["label"])}</p>' if "label" in cover else "",
                 f'<p class="avtal-omslag-titel">{html.escape(cover["title"])}</p>' if "title" in cover else "",
                 f'<p class="avtal-omslag-undertitel">{html.escape(cover["subtitle"])}</p>' if "subtitle" in cover else "",
                 text_html(ctx, cover["text"]) if "text" in cover else ""]
        out.append(_html_block(f'<div class="avtal-omslag">{"".join(parts)}</div>'))
    out.append(_html_block(reading_guide_html(site, page, period, document, references)))
    if document.intro:
        ctx.owner = document
        out.append(_html_block(f'<div class="avtal-text">{text_html(ctx, document.intro)}</div>'))
    out.append(_html_block(_read_more_html(site, page, period, document.id, document.read_more)))
    out.append(_html_block(keywords_html(ctx, document.id) + references_html(ctx, document.id, references, document.id)))
    out.append(_html_block(_notes_html(document.notes)))
    for section in document.sections:
        out.append(section_markdown(ctx, section, level + 1, references))
    if standalone:
        from .changes_page import version_history_markdown
        out.append(version_history_markdown(site, page, document))
    return "\n".join(part for part in out if part.strip()) + "\n"


def _heading_text(title: str) -> str:
    return title.replace("{", "&#123;").replace("*", r"\*").replace("_", r"\_")


def section_markdown(ctx: TextContext, section: Section, level: int, references: References | None) -> str:
    ctx.owner = section
    out = [_heading(level, section.heading, section.id)]
    body = []
    if section.text:
        body.append(f'<div class="avtal-text">{text_html(ctx, section.text)}</div>')
    body.append(_read_more_html(ctx.site, ctx.page, ctx.period, section.id, section.read_more))
    body.append(keywords_html(ctx, section.id))
    body.append(references_html(ctx, section.id, references, section.document_id))
    body.append(_notes_html(section.notes))
    block = "".join(b for b in body if b)
    if block:
        out.append(_html_block(block))
    for child in section.sections:
        out.append(section_markdown(ctx, child, level + 1, references))
        ctx.owner = section
    return "\n".join(out)


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
    for guideline in sorted(period.guidelines.values(), key=lambda g: (_LEVEL_ORDER[g.level], g.title.casefold())):
        out.append(_heading(level + 1, guideline.title, guideline.id))
        out.append(_html_block(guideline_html(site, page, period, guideline, references)))
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
        rows.append(("Nämns i", _ref_links(ctx, incoming, None)))
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
    return f'<table class="avtal-register">{table}</table>{desc}{_notes_html(guideline.notes)}'


# --- the glossary --------------------------------------------------------------

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
    for kind, heading, anchor in groups:
        terms = sorted((t for t in corpus.terms if t.kind == kind), key=lambda t: _sv_key(t.term))
        if not terms:
            continue
        out.append(f"## {heading} {{#{anchor}}}\n")
        index = " · ".join(f'<a href="#{t.id}">{html.escape(t.term)}</a>' for t in terms)
        out.append(_html_block(f'<p class="avtal-begrepp-index" data-search-exclude>{index}</p>'))
        for term in terms:
            out.append(_heading(3, term.term, term.id))
            out.append(_html_block(_term_html(site, page, period, usage, term, statutes)))
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
    return f'<table class="avtal-register avtal-begrepp">{table}</table>{_notes_html(getattr(term, "notes", ()) or ())}'


# --- the printable document ----------------------------------------------------

def print_markdown(corpus: Corpus, period: Period) -> str:
    """The whole agreement of a period on one page, in reading order, for printing and PDF.

    Läsanvisningar, Del A, Del B, the four arrangements (Del C), the guideline register and,
    last, the Färdplan adopted beside the agreement. Every link inside the period points into
    this page, so the printed document (and its PDF) is whole by itself.
    """
    page = print_page(period)
    site = Site.of(corpus, single_page={period.id: page})
    refs = references(site, period)
    from .site import ordered_documents  # the reading order lives with the navigation

    documents = ordered_documents(period)
    strategy = [d for d in documents if d.kind == "strategi"]
    agreement = [d for d in documents if d.kind != "strategi"]
    out = [f"---\ntitle: {_yaml_str(period.title + ' – utskrift')}\nsearch:\n  exclude: true\nhide:\n  - navigation\n"
           "  - toc\n---\n",
           f"# {_heading_text(period.title)} {{#utskrift}}\n",
           period_trust_marks(period),
           _html_block('<p class="avtal-utskrift-hjalp" data-search-exclude>Hela avtalet på en sida, i läsordning, '
                       "för utskrift. Skriv ut med webbläsarens utskriftsfunktion eller hämta PDF-versionen om den "
                       "finns.</p>"),
           _html_block(_print_contents(agreement, strategy))]
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
