"""References both ways: what each section, document and guideline refers to and what refers to it."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .. import text as textmod
from ..model import KIND_LABELS, Document, Guideline, Period
from .inline import TextContext
from .urls import Site, citations_in, relative


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


def ref_links(ctx: "TextContext", refs: list[Ref], document_id: str | None) -> str:
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
                     f"{ref_links(ctx, refs.outgoing[ident], document_id)}</p>")
    if refs.incoming.get(ident):
        lines.append(f'<p class="avtal-hanvisas"><span class="avtal-lankar-rubrik">Hänvisas från:</span> '
                     f"{ref_links(ctx, refs.incoming[ident], document_id)}</p>")
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


def and_list(items: list[str]) -> str:
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
        rows.append(f"<p>{what} läses tillsammans med {and_list(links)}.</p>")
    readers = (refs.read_by.get(document.id) if refs else None) or []
    if readers:
        links = [f'<a href="{site.link(page, period.id, d)}">{html.escape(period.documents[d].nav_title)}</a>'
                 for d in readers]
        rows.append(f"<p>{html.escape(document.nav_title)} läses tillsammans med {and_list(links)}.</p>")
    if document.read_with and refs:
        incoming = [r for r in _incoming_to_document(refs, period, document) if r.document in document.read_with]
        if incoming:
            ctx = TextContext(site, page, period)
            rows.append(f"<p>Avsnitt i {and_list([period.documents[d].nav_title for d in document.read_with])} "
                        f"som hänvisar hit: {ref_links(ctx, incoming, document.id)}</p>")
    children = guidelines_under(period, document.id)
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


def guidelines_under(period: Period, parent: str) -> list[Guideline]:
    """Guidelines under a document, with the ones under those, in register order."""
    out: list[Guideline] = []
    for guideline in sorted(period.guidelines.values(), key=lambda g: (LEVEL_ORDER[g.level], g.title.casefold())):
        if guideline.parent == parent:
            out.append(guideline)
            out += guidelines_under(period, guideline.id)
    return out


LEVEL_ORDER = {"lansgemensam": 0, "delregional": 1, "lokal": 2}
