"""Every generated page of the site and the navigation, from the corpus: one ``Site`` per build."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from ..model import Corpus
from ..status import adopted
from . import changes, pages, responsibility, version_pages
from .glossary_page import glossary_markdown
from .laws import PAGE as LAWS_PAGE
from .laws import laws_markdown
from .overview import overview_page, period_markdown
from .references import references
from .urls import GLOSSARY_PAGE, Page, Site, document_page, guideline_page, print_page

EXPORT_PATH = "data/avtal.json"  # the whole corpus as open data (site/export.py)


@dataclass(frozen=True)
class Build:
    """What one build generates: the Site index (shared with the start page and the export) and the pages."""

    site: Site
    pages: list[Page]


def build_pages(corpus: Corpus, site: Site | None = None, versions=()) -> list[Page]:
    """Every generated page (path, title, Markdown), computed with one Site index."""
    return build(corpus, site, versions).pages


def build(corpus: Corpus, site: Site | None = None, versions=()) -> Build:
    """The Site index of the corpus and every page generated from it: for each period its documents,
    guideline register, overview, "Vem ansvarar för vad?", printable page and Ändringar page; then the
    laws and the glossary; last, each earlier version of a document and each comparison of two
    consecutive versions (``versions``: ``site.versions.EarlierVersion``s read from git, none by default).
    References are computed once per period and serve both the pages and the printable page."""
    site = site or Site.of(corpus)
    version_pages.index(site, list(versions))
    out: list[Page] = []
    for period in corpus.periods.values():
        refs = references(site, period)
        for document in period.ordered_documents():
            out.append(Page(document_page(document), document.title, pages.document_markdown(site, document, refs)))
        out.append(Page(guideline_page(period), "Riktlinjer och styrdokument",
                        pages.guidelines_markdown(site, period, refs)))
        out.append(Page(overview_page(period), period.title, period_markdown(site, period)))
        if responsibility.has_page(period):
            out.append(Page(responsibility.matrix_page(period), "Vem ansvarar för vad?",
                            responsibility.matrix_markdown(site, period)))
        out.append(Page(print_page(period), f"{period.title} – utskrift", pages.print_markdown(site, period, refs)))
        if changes.has_page(corpus, period, versions):
            rows = version_pages.changes_rows(site, changes.page_path(period), period, list(versions))
            out.append(Page(changes.page_path(period), "Ändringar", changes.changes_markdown(site, period, rows)))
    if corpus.statutes:
        out.append(Page(LAWS_PAGE, "Lagar och förordningar", laws_markdown(site)))
    if corpus.terms:
        out.append(Page(GLOSSARY_PAGE, "Begrepp och förkortningar", glossary_markdown(site)))
    out += version_pages.version_pages(site, list(versions))
    return Build(site, out)


#: The navigation's group of a period's arrangements (kind overenskommelse): the agreement's Del C.
ARRANGEMENTS_NAV_TITLE = "Del C, överenskommelser"


def nav(corpus: Corpus, hand_written: list[str], versions=()) -> list:
    """The site's navigation: the agreement's own structure, then registers and guides (earlier
    versions and their comparisons are reached from the Ändringar page and the version history).

    Titles are HTML-escaped: mkdocs and Material write navigation titles into the page as they are.
    """
    entries: list = [{"Start": "index.md"}]
    for period in sorted(corpus.periods.values(), key=lambda p: p.id, reverse=True):
        label = f"Avtalsperiod {period.id}" + (" (utkast)" if not adopted(period) else "")
        children: list = [{"Översikt": overview_page(period)}]
        if responsibility.has_page(period):
            children.append({"Vem ansvarar för vad?": responsibility.matrix_page(period)})
        if changes.has_page(corpus, period, versions):
            children.append({"Ändringar": changes.page_path(period)})
        arrangements: list = []
        for document in period.ordered_documents():
            entry = {str(escape(document.nav_title)): document_page(document)}
            if document.kind == "overenskommelse":  # the four of Del C, one group as the agreement has them
                if not arrangements:
                    children.append({ARRANGEMENTS_NAV_TITLE: arrangements})
                arrangements.append(entry)
            else:
                children.append(entry)
        children.append({"Riktlinjer och styrdokument": guideline_page(period)})
        children.append({"Utskrift (hela avtalet)": print_page(period)})
        entries.append({label: children})
    for path, title in ((LAWS_PAGE, "Lagar och förordningar"), (GLOSSARY_PAGE, "Begrepp"),
                        ("redigera.md", "Så ändrar du avtalet"), ("om.md", "Om webbplatsen"),
                        ("tillganglighet.md", "Tillgänglighetsredogörelse")):
        if path in hand_written:
            entries.append({title: path})
    return entries


# Search ranks the agreement's own text (documents, guideline register) first. The strategy beside
# it (the Färdplan) uses the same everyday words ("fast", "vård", "patient") but decides no
# responsibility; pages about the agreement (overview, laws, changes, guides) weigh least.
# Measured with tools/search_quality.py over the 68 staff queries of tests/search_queries.yaml:
# 0.3 for other pages with titles boosted 5 gave top-1 84 %, top-5 96 % (commit 28c382a); 0.6 for
# the strategy raised top-1 to 85 %, top-5 unchanged, every Färdplan query still first (478181c).
# The rows of "Vem ansvarar för vad?" (issue 18) are short and many of them say "vård", so a page of
# them crowded the sections out: with 2 or 3 top-1 of the old queries fell to 68 % and 57 % (before
# issue 16's ranking), and after it with 1.0 the rows stood first for "papperslösa", "HVB", "bårhus"
# and 'palliativ vård' ahead of the sections they quote (old 91 % top-1 against 93 % on main). 0.6
# keeps the old queries at 93 % and "vem ansvarar för hjälpmedel" on its row. After issue 17's merge
# (tools/search_quality.py -v, rows indexed by their question and keywords only, descriptions left out):
# 0.3 put "vem ansvarar för hjälpmedel" 9th and 0.15 every who-question below the top 3, without a
# single ordinary query gained at top 3 ("palliativ vård", its row first, came back only at 0.15).
# Leaving the descriptions out gained nothing and lost "vem har ansvaret för SIP": they stay indexed.
STRATEGY_SEARCH_BOOST = 0.6
MATRIX_SEARCH_BOOST = 0.6
OTHER_PAGE_SEARCH_BOOST = 0.3


def search_boosts(corpus: Corpus) -> dict[str, float]:
    """{page path: search weight} of every page holding the agreement's text (1.0, the strategy's
    STRATEGY_SEARCH_BOOST); any other page weighs OTHER_PAGE_SEARCH_BOOST."""
    boosts = {}
    for period in corpus.periods.values():
        for document in period.documents.values():
            boosts[document_page(document)] = STRATEGY_SEARCH_BOOST if document.kind == "strategi" else 1.0
        boosts[guideline_page(period)] = 1.0
        if responsibility.has_page(period):
            boosts[responsibility.matrix_page(period)] = MATRIX_SEARCH_BOOST
    return boosts
