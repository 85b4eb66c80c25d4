"""The page "Lagar och förordningar": every act in the register, its status, and who cites it."""

from __future__ import annotations

from ..registers import Statute
from . import blocks
from .blocks import link
from .glossary_page import sv_key
from .markup import render
from .urls import Site, written_in, written_parts

PAGE = "lagar.md"
#: Where the statute register's facts come from (agreement/register/lagar.yaml: each entry's source).
SOURCE = "Svensk författningssamling (SFS) via riksdagen.se, angiven för varje lag; registret är projektets eget"


def citing_sections(site: Site) -> dict[str, dict[tuple[str, str], list[list[dict]]]]:
    """sfs -> {(period, section or document id): [citations as parts]}, in corpus order.

    The citations are those of every text in the Markdown subset (``Period.texts``), as the site
    links them and ``avtal refs`` lists them, each as the text writes it, once, with its links
    (``urls.written_parts``: "12 kap. 1-3 §§ HSL", not "12 kap. 1" and "3 §§"); period.yaml's own
    texts have no page of their own.
    """
    found: dict[str, dict[tuple[str, str], list[list[dict]]]] = {}
    for period in site.corpus.periods.values():
        for text in period.texts(markup=True):
            owner = text.section or text.document
            if owner is None:
                continue
            for written in written_in(site, text.raw):
                sfs = written.citations[0].sfs
                if sfs is None:
                    continue
                texts = found.setdefault(sfs, {}).setdefault((period.id, owner.id), [])
                parts = written_parts(written)
                if parts not in texts:
                    texts.append(parts)
    return found


def status_text(statute: Statute, by_sfs: dict[str, Statute]) -> str:
    """"Gäller sedan 2017-04-01" or "Upphävd 2025-07-01, ersatt av Socialtjänstlag (2025:400)"."""
    if statute.repealed_from:
        new = by_sfs.get(statute.replaced_by or "")
        replaced = f", ersatt av {new.title}" if new else (f", ersatt av SFS {statute.replaced_by}" if statute.replaced_by else "")
        return f"Upphävd {statute.repealed_from}{replaced}"
    return f"Gäller sedan {statute.in_force_from}"


def laws_markdown(site: Site) -> str:
    """The law page: each act's number, names, status, lagen.nu link and the sections citing it.

    The acts stand in Swedish alphabetical order of their titles, as the page says. The acts that some text
    of the corpus cites or names come first; the acts the register holds
    although no text cites them (the act that replaced a cited one, acts kept so that their usual
    abbreviations resolve: PSL, OSL, RF) follow under a heading of their own that says so, so that
    none of them reads as an act the agreement cites.
    """
    corpus = site.corpus
    citing = citing_sections(site)
    acts, uncited = [], []
    for statute in sorted(corpus.statutes, key=lambda s: sv_key(s.title)):  # by the name the heading shows
        rows: list[tuple[str, object]] = [("SFS-nummer", statute.sfs)]
        if statute.abbreviation:
            rows.append(("Förkortning", statute.abbreviation))
        if statute.short_name:
            rows.append(("I löptext", statute.short_name))
        status = status_text(statute, site.by_sfs)
        rows.append(("Status", {"strong": status, "classes": "avtal-upphavd"} if statute.repealed_from else status))
        rows.append(("Lagtext", link(statute.url, statute.url)))
        if statute.source:
            rows.append(("Källa", link(statute.source, statute.source)))
        places = [{"parts": [link(site.link(PAGE, pid, ident), site.titles[pid, ident]), " – ",
                             *[part for i, parts in enumerate(texts) for part in (["; "] if i else []) + parts]]}
                  for (pid, ident), texts in citing.get(statute.sfs, {}).items() if (pid, ident) in site.urls]
        cited = statute.sfs in citing
        if places:
            rows.append(("Hänvisas från", {"list": places}))
        elif cited:
            rows.append(("Hänvisas från", "Lagen nämns i avtalets data, men inte i ett avsnitt med egen sida."))
        else:
            rows.append(("Hänvisas från", "Ingen text i avtalet eller överenskommelserna hänvisar till lagen."))
        (acts if cited else uncited).append({"title": statute.title, "anchor": f"sfs-{statute.sfs.replace(':', '-')}",
                                             "rows": [{"label": k, "value": v} for k, v in rows]})
    return render("laws.md", marks=blocks.register_marks("Lagar och förordningar", site.changed.get("lagar.yaml"), SOURCE),
                  acts=acts, uncited=uncited)
