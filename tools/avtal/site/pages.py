"""Document pages, the guideline register and the printable page, as Markdown for mkdocs.

Python prepares each page's data here; ``templates/document.md``, ``guidelines.md`` and
``print.md`` hold every tag. Headings carry the stable ids as anchors
(``## B.1 Lagstiftning {#b-lagstiftning}``), so links, the table of contents and the search
index's sections all key on them.
"""

from __future__ import annotations

from ..model import GUIDELINE_STATUS_LABELS, KIND_LABELS, LEVEL_LABELS, Document, Guideline, Period, Section
from . import blocks
from .blocks import link
from .history import version_history
from .inline import TextContext, text_html
from .markup import render
from .references import LEVEL_ORDER, References, keywords, lines, reading_guide, ref_links
from ..check.conformance import restatements
from ..responsibility import AREA_KIND_LABELS
from .responsibility import has_page, section_marks
from .urls import Site, document_page, guideline_page, print_page

#: Where the guideline register's facts come from (its "Källa" mark).
GUIDELINE_SOURCE = "avtalets hänvisningar och Läs mer-rutor; varje dokuments ägare och adress anges vid dokumentet"


def spoken_label(label: str) -> str | None:
    """How a screen reader should say a cover label set letter by letter, or None when it reads as written:
    the source's "A V T A L" -> "Avtal" (read out letter by letter otherwise); "STRATEGI" -> None."""
    letters = label.split(" ")
    if len(letters) > 2 and all(len(c) == 1 and c.isalpha() for c in letters):
        return "".join(letters).capitalize()
    return None


def document_view(site: Site, document: Document, refs: References | None, page: str | None = None,
                  level: int = 1) -> dict:
    """A document's data for templates/document.md: on its own page (page None, level 1: its title
    the page's h1, with its version history) or on the printable page (level 2)."""
    period = site.corpus.periods[document.period_id]
    standalone = page is None
    page = page or document_page(document)
    ctx = TextContext(site, page, period, key_terms={k.id: k for k in period.key_terms})
    cover = None
    if document.cover:
        cover = {key: document.cover.get(key) for key in ("label", "title", "subtitle")}
        cover["text"] = text_html(ctx, document.cover["text"]) if "text" in document.cover else None
        cover["spoken"] = spoken_label(cover["label"]) if cover["label"] else None
    ctx.owner = document
    return {
        "standalone": standalone, "title": document.title, "id": document.id, "level": level,
        "marks": blocks.trust_marks(site, period, document.version, document.valid_from, document.valid_to,
                                    blocks.document_decision(period, document), blocks.last_change(document.changelog)),
        "cover": cover,
        "guide": reading_guide(site, page, period, document, refs),
        "intro": text_html(ctx, document.intro) if document.intro else None,
        "read_more": blocks.read_more(site, page, period, document.id, document.read_more),
        "keywords": keywords(site, page, period, document.id),
        "references": lines(site, page, period, document.id, refs, document.id),
        "notes": blocks.notes(document.notes),
        "sections": [_section_view(ctx, s, level + 1, refs, standalone) for s in document.sections],
        "history": version_history(site, page, document) if standalone else [],
        "parts": _parts(site, page, period, document),
    }


def _parts(site: Site, page: str, period: Period, document: Document) -> list[dict]:
    """The documents directly under the agreement document (Del A, Del B, the arrangements of Del C), in
    reading order, as links for its page: the source lists them as plain text, which stays as it is.
    [] for any other document."""
    if document.kind != "avtal":
        return []
    return [link(site.link(page, period.id, d.id), d.title) for d in period.ordered_documents() if d.parent == document.id]


def _section_view(ctx: TextContext, section: Section, level: int, refs: References | None,
                  linked: bool = True) -> dict:
    """A section's data for the ``section`` macro; linked False on the printable page (its party marks
    do not lead away from it)."""
    site, page, period = ctx.site, ctx.page, ctx.period
    ctx.owner = section
    return {
        "level": level, "heading": section.heading, "id": section.id,
        "text": text_html(ctx, section.text) if section.text else None,
        "read_more": blocks.read_more(site, page, period, section.id, section.read_more),
        "keywords": keywords(site, page, period, section.id),
        "references": lines(site, page, period, section.id, refs, section.document_id),
        "notes": blocks.notes(section.notes),
        "responsibility": section_marks(site, page, period, section, linked and has_page(period)),
        "sections": [_section_view(ctx, child, level + 1, refs, linked) for child in section.sections],
    }


def document_markdown(site: Site, document: Document, refs: References | None = None) -> str:
    """A document's own page."""
    return render("document.md", page=document_view(site, document, refs))


# --- the guideline register ----------------------------------------------------

def guidelines_view(site: Site, period: Period, refs: References | None, page: str | None = None,
                    level: int = 1) -> dict:
    """The register of governing documents under the agreement, for templates/guidelines.md."""
    standalone = page is None
    page = page or guideline_page(period)
    ordered = sorted(period.guidelines.values(), key=lambda g: (LEVEL_ORDER[g.level], g.title.casefold()))
    marks = blocks.register_marks("Riktlinjer och styrdokument",
                                  blocks.last_change(*(g.changelog for g in period.guidelines.values())),
                                  GUIDELINE_SOURCE, period, draft=site.status(period).code == "utkast")
    restated = restatements(period) if any(g.sections for g in ordered) else {}
    return {"standalone": standalone, "level": level, "marks": marks,
            "guidelines": [_guideline_view(site, page, period, g, refs, level, standalone, restated.get(g.id, []))
                           for g in ordered]}


def _guideline_view(site: Site, page: str, period: Period, guideline: Guideline, refs: References | None,
                    level: int = 1, linked: bool = True, restated: list | None = None) -> dict:
    rows = [("Typ", KIND_LABELS[guideline.kind]), ("Nivå", LEVEL_LABELS[guideline.level]),
            ("Status", GUIDELINE_STATUS_LABELS[guideline.status])]
    area = next((a for a in site.corpus.areas if a.id == guideline.area), None)
    if area is not None:
        within = next((a.name for a in site.corpus.areas if a.id == area.part_of), None)
        rows.append(("Område", f"{area.name} ({AREA_KIND_LABELS[area.kind].lower()}"
                               + (f" i {within})" if within else ")")))
    if period.target(guideline.parent) is not None:
        rows.append(("Hör under", link(site.link(page, period.id, guideline.parent),
                                       site.titles[period.id, guideline.parent])))
    if guideline.owner:
        rows.append(("Ägare/beslutar", guideline.owner))
    rows.append(("Webbadress", link(guideline.url, guideline.url) if guideline.url else "Ingen fast adress känd."))
    rows.append(("Text", "Står nedan, avsnitt för avsnitt." if guideline.sections else
                 {"strong": "Finns inte här: registret har bara dokumentets titel och adress. Texten finns hos "
                            "utgivaren.", "classes": "avtal-bara-titel"}))
    incoming = refs.incoming.get(guideline.id) if refs else None
    if incoming:
        rows.append(("Nämns i", {"links": ref_links(site, page, period, incoming, None)}))
    elif guideline.implements:
        rows.append(("Nämns i", {"links": [link(site.link(page, period.id, s), site.titles[period.id, s])
                                           for s in guideline.implements if (period.id, s) in site.urls]}))
    children = [g for g in period.guidelines.values() if g.parent == guideline.id]
    if children:
        rows.append(("Under detta", {"links": [link(site.link(page, period.id, g.id), g.title) for g in children]}))
    ctx = TextContext(site, page, period, key_terms={k.id: k for k in period.key_terms})
    sections = [_section_view(ctx, s, level + 2, refs, linked) for s in guideline.sections]
    for view in _walk_views(sections):  # what each section restates of the documents above
        links = [link(site.link(page, period.id, r.statement.section), site.titles[period.id, r.statement.section])
                 for r in restated or () if r.section.id == view["id"]]
        if links and view["responsibility"] is not None:
            view["responsibility"]["restates"] = links
        elif links:
            view["responsibility"] = {"marks": [], "unclassified": 0, "restates": links}
    return {"id": guideline.id, "title": guideline.title, "rows": [{"label": k, "value": v} for k, v in rows],
            "description": guideline.description, "notes": blocks.notes(guideline.notes), "sections": sections}


def _walk_views(views: list[dict]):
    for view in views:
        yield view
        yield from _walk_views(view["sections"])


def guidelines_markdown(site: Site, period: Period, refs: References | None = None) -> str:
    """The page "Riktlinjer och styrdokument" of a period."""
    return render("guidelines.md", page=guidelines_view(site, period, refs))


# --- the printable document ----------------------------------------------------

def print_markdown(site: Site, period: Period, refs: References) -> str:
    """The whole agreement of a period on one page, in reading order, for printing and PDF.

    Läsanvisningar, Del A, Del B, the four arrangements (Del C), the guideline register and,
    last, the Färdplan adopted beside the agreement. Every link inside the period points into
    this page (``Site.printable``), so the printed document (and its PDF) is whole by itself.
    """
    page = print_page(period)
    site = site.printable(period)
    documents = period.ordered_documents()
    agreement = [d for d in documents if d.kind != "strategi"]
    strategy = [d for d in documents if d.kind == "strategi"]
    return render("print.md", title=period.title, marks=blocks.period_trust_marks(site, period),
                  agreement=[document_view(site, d, refs, page, level=2) for d in agreement],
                  guidelines=guidelines_view(site, period, refs, page, level=2),
                  strategy=[document_view(site, d, refs, page, level=2) for d in strategy])
