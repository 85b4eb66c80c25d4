"""The agreement's text as HTML: links, key terms, statute citations, abbreviations, läs mer stars.

Python reads the text subset (``avtal.text``) into blocks of inline *nodes* — plain words,
strong and emphasis, a link, a key term shown from the data, a statute citation linked to
lagen.nu, an abbreviation with its expansion, the source's läs mer star — and the macros of
``templates/text.html`` hold every tag. Autoescaping is on, so nothing in the text becomes markup.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup

from .. import text as textmod
from ..cite import display_pieces
from ..model import Document, KeyTerm, Period, Section
from .markup import macro
from .urls import Site, citations_in


@dataclass
class TextContext:
    """What rendering one text needs: the site index, the page it stands on, its period, whose it is."""

    site: Site
    page: str
    period: Period
    owner: Document | Section | None = None  # whose text it is: the source's läs mer star points to its box
    key_terms: dict[str, KeyTerm] = field(default_factory=dict)


@dataclass(frozen=True)
class Node:
    """One piece of inline text for templates/text.html; ``kind`` selects its markup there."""

    kind: str  # text, strong, em, link, key_term, law, unknown_law, abbr, star, lone_star
    text: str = ""
    href: str = ""
    title: str = ""
    classes: str = ""
    mark: str = ""  # a repealed act's note after the citation ("upphävd, ersatt av 2025:400")
    mark_title: str = ""
    children: tuple["Node", ...] = ()


def inline_nodes(ctx: TextContext, raw: str, found: list | None = None) -> list[Node]:
    """One paragraph or list item as nodes: links, key terms, citations, then the words between them.

    found: the citations of this unit when they were found in the whole text (see ``text_html``)."""
    spans: list[tuple[int, int, Node]] = []  # (start, end, node) replacing raw[start:end]
    for link in textmod.links(raw):
        spans.append((link.start, link.end, _link(ctx, link)))
    for match in textmod.KEY_TERM.finditer(raw):
        term = ctx.key_terms.get(match["id"])
        node = Node("key_term", term.text if term else match[0], title=term.label if term else "okänt nyckelvärde")
        spans.append((match.start(), match.end(), node))
    # A citation inside a link or key term, or overlapping an earlier citation, is left out. Looked up by
    # bisection, not by comparing with every span: a text may hold tens of thousands of citations.
    fixed = sorted((s, e) for s, e, _ in spans)
    starts = [s for s, _ in fixed]
    reach = list(itertools.accumulate((e for _, e in fixed), max))  # the furthest end of fixed[:i + 1]
    cited_to = -1
    citations = citations_in(ctx.site, raw) if found is None else found
    # Each provision its own link, no link taking half of a pair of parentheses (cite.display_pieces).
    for citation in display_pieces(sorted(citations, key=lambda c: (c.start, c.end))):
        before = bisect.bisect_left(starts, citation.end)  # the fixed spans that start before it ends
        if (before and reach[before - 1] > citation.start) or citation.start < cited_to:
            continue
        spans.append((citation.start, citation.end, citation_node(ctx.site, citation)))
        cited_to = max(cited_to, citation.end)
    spans.sort(key=lambda span: (span[0], span[1]))
    out: list[Node] = []
    at = 0
    for start, end, node in spans:
        if start < at:
            continue
        out += _words(ctx, raw[at:start])
        out.append(node)
        at = end
    out += _words(ctx, raw[at:])
    return out


def _words(ctx: TextContext, plain: str) -> list[Node]:
    """Plain words with the source's **strong** and _emphasis_, läs mer stars and abbreviations."""
    out: list[Node] = []
    for piece in _styled(plain, textmod.STRONG):
        if isinstance(piece, tuple):
            out.append(Node("strong", children=tuple(_emphasised(ctx, piece[1]))))
        else:
            out += _emphasised(ctx, piece)
    return out


def _emphasised(ctx: TextContext, plain: str) -> list[Node]:
    out: list[Node] = []
    for piece in _styled(plain, textmod.EMPHASIS):
        if isinstance(piece, tuple):
            out.append(Node("em", children=tuple(_marked(ctx, piece[1]))))
        else:
            out += _marked(ctx, piece)
    return out


def _styled(plain: str, pattern: re.Pattern) -> list:
    """plain split at pattern's matches: strings between them, and ("styled", inner text) for each."""
    out: list = []
    at = 0
    for match in pattern.finditer(plain):
        out.append(plain[at:match.start()])
        out.append(("styled", match[1]))
        at = match.end()
    out.append(plain[at:])
    return [piece for piece in out if piece]


def _marked(ctx: TextContext, plain: str) -> list[Node]:
    """Words with the source's läs mer stars (when the text has an owner) and abbreviations."""
    out: list[Node] = []
    at = 0
    stars = textmod.READ_MORE_MARK.finditer(plain) if ctx.owner else ()
    for star in stars:
        out += _abbreviated(ctx.site, plain[at:star.start()])
        if ctx.owner.read_more:
            out.append(Node("star", href=f"#lasmer-{ctx.owner.id}"))
        else:  # the source's star, but the source gives no "Läs mer" here
            out.append(Node("lone_star"))
        at = star.end()
    out += _abbreviated(ctx.site, plain[at:])
    return out


@lru_cache(maxsize=16)
def _abbreviation_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """One regex for every abbreviation, longest first, never inside a longer word or a compound."""
    if not words:
        return None
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")


def _abbreviated(site: Site, plain: str) -> list[Node]:
    if not plain:
        return []
    pattern = _abbreviation_pattern(tuple(site.abbreviations))
    if pattern is None:
        return [Node("text", plain)]
    out, at = [], 0
    for match in pattern.finditer(plain):
        if match.start() > at:
            out.append(Node("text", plain[at:match.start()]))
        out.append(Node("abbr", match[1], title=site.abbreviations[match[1]]))
        at = match.end()
    if at < len(plain):
        out.append(Node("text", plain[at:]))
    return out


def _link(ctx: TextContext, link: textmod.Link) -> Node:
    if not link.label.strip():  # [](…): nothing to click; the checker's link-empty-text
        return Node("text", "")
    if link.target.startswith("ref:"):
        ident = link.target[4:]
        if (ctx.period.id, ident) in ctx.site.urls:
            return Node("link", link.label, href=ctx.site.link(ctx.page, ctx.period.id, ident))
        return Node("text", link.label)
    if textmod.link_target_problem(link.target) is not None:  # javascript:, data: …: the checker's link-target
        return Node("text", link.label)
    return Node("link", link.label, href=link.target)


def citation_node(site: Site, citation) -> Node:
    """A statute citation: a link to its place on lagen.nu titled with the act (and, for a repealed
    act, its successor, marked once where the act is named); unknown acts are marked as such."""
    if not citation.link:
        return Node("unknown_law", citation.text)
    statute = site.statute(citation.sfs)
    title = statute.title if statute else f"SFS {citation.sfs}"
    if not (statute and statute.repealed_from):
        return Node("law", citation.text, href=citation.link, title=title, classes="avtal-lagrum")
    replacement = site.statute(statute.replaced_by)
    new = replacement.title if replacement else statute.replaced_by or "okänd lag"
    mark = f"upphävd, ersatt av {statute.replaced_by or new}" if citation.name_written else ""
    return Node("law", citation.text, href=citation.link, title=f"{title} – upphävd {statute.repealed_from}, ersatt av {new}",
                classes="avtal-lagrum avtal-lagrum-upphavd", mark=mark,
                mark_title=f"Upphävd {statute.repealed_from}; ersatt av {new}")


def text_blocks(ctx: TextContext, raw: str) -> list[dict]:
    """A text field as blocks for templates/text.html: paragraphs and (nested) lists of inline nodes.

    Citations are found in the whole text, as ``avtal check`` and ``avtal refs`` find them, so that a
    citation binds to an act named in an earlier paragraph or item ("… tandvårdslagen (1985:125)
    8 a §:" and, in the quoted item, "Vid tillämpningen av 8 §"), then given to the unit they stand
    in. A unit written over several lines is not found verbatim in the text; its citations are then
    found in the unit alone.
    """
    whole = citations_in(ctx.site, raw)
    cursor = 0

    def unit(text: str) -> list[Node]:
        nonlocal cursor
        at = raw.find(text, cursor)
        if at < 0:
            return inline_nodes(ctx, text)
        cursor = at + len(text)
        found = [dataclasses.replace(c, start=c.start - at, end=c.end - at,
                                     written_start=None if c.written_start is None else c.written_start - at,
                                     written_end=None if c.written_end is None else c.written_end - at) for c in whole
                 if at <= c.start and c.end <= cursor]
        return inline_nodes(ctx, text, found)

    def listing(block: textmod.ListBlock) -> dict:
        tag = "ul" if block.style == "bullet" else "ol"
        start = None
        if block.style == "number" and block.start != "1":
            start = block.start
        elif block.style == "letter" and block.start != "a":
            start = str(ord(block.start) - ord("a") + 1)
        items = []
        for item in block.items:
            own = unit(item.text)  # before the children: units are read in reading order
            items.append({"nodes": own, "children": [listing(child) for child in item.children]})
        return {"kind": "list", "tag": tag, "type": "a" if block.style == "letter" else None, "start": start,
                "entries": items}

    return [{"kind": "paragraph", "nodes": unit(b.text)} if isinstance(b, textmod.Paragraph) else listing(b)
            for b in textmod.parse(raw)]


def text_html(ctx: TextContext, raw: str) -> Markup:
    """A text field as HTML (Markup): its paragraphs and lists, one per line."""
    return macro("text.html", "blocks")(text_blocks(ctx, raw))


def inline(ctx: TextContext, raw: str) -> Markup:
    """One paragraph or list item as HTML (Markup), without the paragraph around it."""
    return macro("text.html", "nodes")(inline_nodes(ctx, raw))
