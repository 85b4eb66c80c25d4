"""References both ways: what each section, document and guideline refers to and what refers to it.

``references(site, period)`` is computed once per period and build: it names ids, not URLs, so
the same value serves a document's own page and the printable page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import text as textmod
from ..model import KIND_LABELS, Document, Guideline, Period
from .blocks import link
from .urls import Site, relative, written_in, written_parts

LEVEL_ORDER = {"lansgemensam": 0, "delregional": 1, "lokal": 2}


@dataclass(frozen=True)
class Ref:
    """One end of a reference: a section, document, guideline or statute."""

    id: str  # id in the period, or the statute's SFS number
    title: str
    kind: str  # "avsnitt", "dokument", "riktlinje" or "lag"
    document: str | None = None  # the document a section belongs to
    url: str | None = None  # a statute's lagen.nu link (a citation's first provision)
    parts: tuple = ()  # a citation as written, each provision linked (``urls.written_parts``)


@dataclass
class References:
    """What each section, document and guideline refers to, and what refers to it."""

    outgoing: dict[str, list[Ref]] = field(default_factory=dict)
    incoming: dict[str, list[Ref]] = field(default_factory=dict)
    read_by: dict[str, list[str]] = field(default_factory=dict)  # document -> documents read together with it

    def add(self, source: Ref, target: Ref) -> None:
        """Record source → target once; a law gets no incoming list, and a reference to itself is dropped."""
        if source.id == target.id:
            return
        outgoing = self.outgoing.setdefault(source.id, [])
        if target not in outgoing:
            outgoing.append(target)
        if target.kind != "lag":
            incoming = self.incoming.setdefault(target.id, [])
            if source not in incoming:
                incoming.append(source)


def references(site: Site, period: Period) -> References:
    """Every reference of the period both ways: läs mer, links in the text, the guidelines a
    section names (a guideline's ``implements``) and cited laws."""
    refs = References()
    document_of = {s.id: d.id for d in period.documents.values() for s in d.walk()}

    def ref(ident: str) -> Ref | None:
        if (period.id, ident) not in site.urls:
            return None
        if ident in period.documents:
            kind, document = "dokument", ident
        elif ident in period.guidelines:
            kind, document = "riktlinje", None
        else:
            kind, document = "avsnitt", document_of.get(ident)
        return Ref(ident, site.titles[period.id, ident], kind, document)

    texts: dict[str, list[str]] = {}  # owner id -> its texts in the Markdown subset
    for text in period.texts(markup=True):
        owner = text.section or text.document
        if owner is not None:
            texts.setdefault(owner.id, []).append(text.raw)
    for document in period.documents.values():
        for other in document.read_with:
            refs.read_by.setdefault(other, []).append(document.id)
        for owner in [document, *document.walk()]:
            source = ref(owner.id)
            if source is None:
                continue
            targets = [ref(item.ref) for item in owner.read_more]
            for raw in texts.get(owner.id, ()):
                targets += [ref(link.target[4:]) for link in textmod.links(raw) if link.target.startswith("ref:")]
            for target in targets:
                if target is not None:
                    refs.add(source, target)
            for raw in texts.get(owner.id, ()):
                for written in written_in(site, raw):
                    first = written.citations[0]
                    if first.link:
                        label, name = _citation_label(site, written)
                        refs.add(source, Ref(first.sfs or written.text, label, "lag", url=first.link,
                                             parts=tuple(written_parts(written, name))))
    for guideline in period.guidelines.values():
        target = ref(guideline.id)
        for ident in guideline.implements:
            source = ref(ident)
            if source is not None:
                refs.add(source, target)
    return refs


def _citation_label(site: Site, written) -> tuple[str, str]:
    """A citation as written, once ("12 kap. 1-3 §§ HSL", not "12 kap. 1" and "3 §§"), and the act's
    name to add when the text does not name it ("16 kap. 1 § samma lag" → "HSL"; "" when it does)."""
    label = " ".join(written.text.split())
    citation = written.citations[0]
    statute = site.statute(citation.sfs)
    if statute is None:
        name = "" if citation.sfs_written or citation.name_written or not citation.sfs else f"(SFS {citation.sfs})"
    else:
        names = [n for n in (statute.abbreviation, statute.short_name, statute.sfs, *statute.aliases) if n]
        found = any(n.casefold() in label.casefold() for n in names) or bool(citation.name_written)
        name = "" if found else (statute.abbreviation or statute.short_name or statute.title)
    return (f"{label} {name}" if name else label), name


def ref_links(site: Site, page: str, period: Period, refs: list[Ref], document_id: str | None) -> list[dict]:
    """Links to the ends of references, each law once; a section in another document is named with
    its document, a guideline with its kind."""
    out = []
    seen_laws: set[str] = set()
    for ref in refs:
        if ref.kind == "lag":
            if ref.title not in seen_laws:  # each citation as written once
                seen_laws.add(ref.title)
                out.append({**link(ref.url, ref.title, "avtal-lagrum"), "parts": list(ref.parts)})
            continue
        title = ref.title
        if ref.kind == "avsnitt" and ref.document and ref.document != document_id:
            title = f"{period.documents[ref.document].nav_title}: {title}"
        elif ref.kind == "riktlinje":
            title = f"{title} ({KIND_LABELS[period.guidelines[ref.id].kind].lower()})"
        out.append(link(site.link(page, period.id, ref.id), title))
    return out


def lines(site: Site, page: str, period: Period, ident: str, refs: References | None,
          document_id: str | None) -> dict | None:
    """"Hänvisar till" and "Hänvisas från" of a section or document, for the ``references`` macro."""
    if refs is None:
        return None
    return {"outgoing": ref_links(site, page, period, refs.outgoing.get(ident, []), document_id),
            "incoming": ref_links(site, page, period, refs.incoming.get(ident, []), document_id)}


def keywords(site: Site, page: str, period: Period, ident: str) -> list[dict]:
    """The "Sökord" line: everyday words and abbreviations from the glossary that the text lacks.

    Visible (small) and part of the search index, so "ÖK" or "dosdispensering" find the section;
    each word links to its entry in the glossary.
    """
    usage = site.usage.get(period.id)
    out = []
    for word in (usage.keywords.get(ident) or []) if usage else []:
        if word.term and site.glossary_url is not None:
            out.append(link(relative(page, f"{site.glossary_url}#{word.term}"), word.word))
        else:
            out.append({"text": word.word, "href": None})
    return out


def reading_guide(site: Site, page: str, period: Period, document: Document, refs: References | None) -> dict:
    """How a document is read: the parts it is read with and the parts that apply to it.

    An arrangement (Del C) is read together with Del A and Del B; the box links them, the
    sections of those parts that refer to the arrangement, and the guidelines and local plans
    under it. Del A and Del B say which documents are read together with them.
    """
    def to(ident: str) -> dict:
        return link(site.link(page, period.id, ident), period.documents[ident].nav_title)

    guide: dict = {"what": "Överenskommelsen" if document.kind == "overenskommelse" else "Dokumentet",
                   "name": document.nav_title,
                   "read_with": [to(d) for d in document.read_with if d in period.documents],
                   "read_by": [to(d) for d in (refs.read_by.get(document.id) if refs else None) or []],
                   "incoming": [], "incoming_from": [], "under": []}
    if document.read_with and refs:
        incoming: list[Ref] = []
        for ident in [document.id] + [s.id for s in document.walk()]:
            incoming += [r for r in refs.incoming.get(ident, ()) if r not in incoming and r.document in document.read_with]
        guide["incoming"] = ref_links(site, page, period, incoming, document.id)
        guide["incoming_from"] = [period.documents[d].nav_title for d in document.read_with]
    guide["under"] = [link(site.link(page, period.id, g.id), g.title) for g in guidelines_under(period, document.id)]
    return guide


def guidelines_under(period: Period, parent: str) -> list[Guideline]:
    """Guidelines under a document, with the ones under those, in register order."""
    out: list[Guideline] = []
    for guideline in sorted(period.guidelines.values(), key=lambda g: (LEVEL_ORDER[g.level], g.title.casefold())):
        if guideline.parent == parent:
            out.append(guideline)
            out += guidelines_under(period, guideline.id)
    return out
