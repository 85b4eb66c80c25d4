"""The agreement's text as HTML: links, key terms, statute citations, abbreviations, läs mer stars."""

from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass, field

from .. import text as textmod
from ..model import Document, KeyTerm, Period, Section
from .urls import Site, citations_in


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
