"""Render the corpus as Markdown pages for the site: pure functions, no mkdocs.

Each page is Markdown whose headings carry the stable ids as anchors
(``## B.1 Lagstiftning {#b-lagstiftning}``) and whose body text is HTML
rendered from the text subset, so links, citations, key terms and
abbreviations are exactly as we render them.
"""

from __future__ import annotations

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
    from . import citations

    return citations.find_citations(raw, site.citations)


# --- inline text ---------------------------------------------------------------

@dataclass
class TextContext:
    site: Site
    page: str
    period: Period
    section_id: str | None = None  # for the "läs mer" star
    key_terms: dict[str, KeyTerm] = field(default_factory=dict)


def inline(ctx: TextContext, raw: str) -> str:
    """One paragraph or list item as HTML: links, key terms, citations, abbreviations, stars."""
    spans: list[tuple[int, int, str]] = []  # (start, end, html) replacing raw[start:end]
    for link in textmod.links(raw):
        spans.append((link.start, link.end, _link_html(ctx, link)))
    for match in textmod.KEY_TERM.finditer(raw):
        term = ctx.key_terms.get(match["id"])
        shown = html.escape(term.text) if term else html.escape(match[0])
        label = html.escape(term.label) if term else "okänt nyckelvärde"
        spans.append((match.start(), match.end(), f'<span class="avtal-nyckelvarde" title="{label}">{shown}</span>'))
    for citation in citations_in(ctx.site, raw):
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
    if ctx.site.abbreviations:
        out = _abbreviate(out, ctx.site.abbreviations)
    if ctx.section_id:
        out = textmod.READ_MORE_MARK.sub(
            f'<a class="avtal-stjarna" href="#lasmer-{ctx.section_id}" title="Läs mer">*</a>', out)
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
    return textmod.to_html(raw, lambda s: inline(ctx, s))


# --- pages ---------------------------------------------------------------------

def _html_block(content: str) -> str:
    """A raw HTML block for python-markdown: no blank lines inside, blank lines around."""
    return "\n" + "\n".join(line for line in content.splitlines() if line.strip()) + "\n"


def trust_marks(period: Period, version: str | None, valid_from: str | None, valid_to: str | None,
                decision: str | None) -> str:
    """The banner every page carries: period, status, version, validity and decision."""
    status_class = f"avtal-status-{period.status}"
    rows = [f'<span class="avtal-status {status_class}">{period.status_label}</span>',
            f"<span>Avtalsperiod {html.escape(period.id)}</span>"]
    if version:
        rows.append(f"<span>Version {html.escape(version)}</span>")
    if valid_from and valid_to:
        rows.append(f"<span>Giltig {valid_from} – {valid_to}</span>")
    if decision:
        rows.append(f"<span>Beslut: {html.escape(decision)}</span>")
    banner = ""
    if period.status == "utkast":
        banner = ('<p class="avtal-utkast-banderoll"><strong>UTKAST</strong> – detta är ett förslag till ny '
                  "avtalsperiod. Texten gäller inte.</p>")
    elif period.status == "upphavd":
        banner = '<p class="avtal-upphavd-banderoll"><strong>UPPHÄVD</strong> – denna avtalsperiod gäller inte längre.</p>'
    return _html_block(f'<div class="avtal-meta {status_class}">{banner}<p>{" · ".join(rows)}</p></div>')


def _decision_label(period: Period, ident: str | None) -> str | None:
    decision = next((d for d in period.decisions if d.id == ident), None)
    if decision is None:
        return None
    return f"{decision.body} {decision.date}" + (f" {decision.paragraph}" if decision.paragraph else "")


def _notes_html(notes) -> str:
    items = []
    for note in notes:
        quote = f" – ”{html.escape(note.quote)}”" if note.quote else ""
        items.append(f'<li><strong>{NOTE_LABELS.get(note.kind, note.kind)}</strong>{quote}: {html.escape(note.text)}</li>')
    if not items:
        return ""
    return ('<details class="avtal-anmarkning"><summary>Redaktionell anmärkning (inte del av avtalstexten)</summary>'
            f"<ul>{''.join(items)}</ul></details>")


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


def document_markdown(site: Site, document: Document, references: dict[str, list[tuple[str, str]]] | None = None) -> str:
    period = site.corpus.periods[document.period_id]
    page = document_page(document)
    key_terms = {k.id: k for k in period.key_terms}
    ctx = TextContext(site, page, period, key_terms=key_terms)
    last = document.changelog[-1] if document.changelog else None
    out = [f"---\ntitle: {_yaml_str(document.title)}\n---\n", f"# {document.title} {{#{document.id}}}\n"]
    out.append(trust_marks(period, document.version, document.valid_from, document.valid_to,
                           _decision_label(period, last.decision) if last else None))
    if document.cover:
        cover = document.cover
        parts = [f'<p class="avtal-omslag-etikett">{html.escape(cover["label"])}</p>' if "label" in cover else "",
                 f'<p class="avtal-omslag-titel">{html.escape(cover["title"])}</p>' if "title" in cover else "",
                 f'<p class="avtal-omslag-undertitel">{html.escape(cover["subtitle"])}</p>' if "subtitle" in cover else "",
                 text_html(ctx, cover["text"]) if "text" in cover else ""]
        out.append(_html_block(f'<div class="avtal-omslag">{"".join(parts)}</div>'))
    if document.read_with:
        links = ", ".join(f'<a href="{site.link(page, period.id, d)}">{html.escape(period.documents[d].nav_title)}</a>'
                          for d in document.read_with if d in period.documents)
        out.append(_html_block(f'<p class="avtal-las-med">Läses tillsammans med {links}.</p>'))
    if document.intro:
        ctx.section_id = document.id
        out.append(_html_block(f'<div class="avtal-text">{text_html(ctx, document.intro)}</div>'))
    out.append(_html_block(_read_more_html(site, page, period, document.id, document.read_more)))
    out.append(_html_block(_notes_html(document.notes)))
    for section in document.sections:
        out.append(section_markdown(ctx, section, 2, references or {}))
    return "\n".join(part for part in out if part.strip()) + "\n"


def section_markdown(ctx: TextContext, section: Section, level: int, references) -> str:
    ctx.section_id = section.id
    out = [_heading(level, section.heading, section.id)]
    body = []
    if section.text:
        body.append(f'<div class="avtal-text">{text_html(ctx, section.text)}</div>')
    body.append(_read_more_html(ctx.site, ctx.page, ctx.period, section.id, section.read_more))
    body.append(_notes_html(section.notes))
    refs = references.get(section.id)
    if refs:
        links = ", ".join(f'<a href="{relative(ctx.page, url)}">{html.escape(title)}</a>' for title, url in refs)
        body.append(f'<p class="avtal-hanvisas">Hänvisas från: {links}</p>')
    block = "".join(b for b in body if b)
    if block:
        out.append(_html_block(block))
    for child in section.sections:
        out.append(section_markdown(ctx, child, level + 1, references))
        ctx.section_id = section.id
    return "\n".join(out)


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def guidelines_markdown(site: Site, period: Period) -> str:
    page = guideline_page(period)
    out = ["---\ntitle: Riktlinjer och styrdokument\n---\n", "# Riktlinjer och styrdokument {#riktlinjer}\n",
           trust_marks(period, None, period.valid_from, period.valid_to, None),
           "Styrdokument under avtalet som texten nämner eller länkar: länsgemensamma riktlinjer, rutiner, "
           "handböcker och vägledningar, samt lokala planer. Registret innehåller bara det som källorna säger; "
           "dokumentens egen text finns hos utgivaren.\n"]
    order = {"lansgemensam": 0, "delregional": 1, "lokal": 2}
    for guideline in sorted(period.guidelines.values(), key=lambda g: (order[g.level], g.title.casefold())):
        out.append(_heading(2, guideline.title, guideline.id))
        out.append(_html_block(guideline_html(site, page, period, guideline)))
    return "\n".join(out) + "\n"


def guideline_html(site: Site, page: str, period: Period, guideline: Guideline) -> str:
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
    if guideline.implements:
        links = ", ".join(f'<a href="{site.link(page, period.id, s)}">{html.escape(site.titles[period.id, s])}</a>'
                          for s in guideline.implements if (period.id, s) in site.urls)
        rows.append(("Nämns i", links))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    desc = f"<p>{html.escape(guideline.description)}</p>" if guideline.description else ""
    return f'<table class="avtal-register">{table}</table>{desc}{_notes_html(guideline.notes)}'
