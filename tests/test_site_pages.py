"""The generated pages staff read: trust marks everywhere, a draft that cannot be mistaken,
references both ways, the reading guide of an arrangement, the glossary, the printable
document, the hierarchy picture, abbreviations and the search words."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from avtal.site import glossary, urls
from avtal.load import load_corpus
from avtal.site.build import build_pages
from built_site import ROOT

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def corpus():
    corpus, _ = load_corpus(ROOT)
    return corpus


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


# --- trust marks ----------------------------------------------------------------

REGISTERS = {"lagar.md": "Lagar och förordningar", "begrepp.md": "Begrepp och förkortningar",
             "2023-2026/riktlinjer.md": "Riktlinjer och styrdokument"}


def test_every_generated_page_carries_trust_marks(corpus):
    for page in build_pages(corpus):
        assert 'class="avtal-meta' in page.content, page.path
        if page.path in REGISTERS:  # a register: its own last change and source, no decision or status
            assert 'avtal-register-meta' in page.content and REGISTERS[page.path] in page.content, page.path
            assert "Senast ändrad" in page.content and "Källa:" in page.content, page.path
            assert "Beslut:" not in page.content and "avtal-status-text" not in page.content, page.path
            continue
        assert "Avtalsperiod" in page.content and "Giltig" in page.content, page.path
        assert "Senast ändrad 13–14 juni 2022" in page.content, page.path
        assert "Beslut: Regionfullmäktige, Västra Götalandsregionen 13–14 juni 2022" in page.content, page.path


def test_every_page_of_the_built_site_shows_period_and_status(site):
    for path in site.rglob("index.html"):
        rel = path.relative_to(site).as_posix()
        if rel in ("om/index.html", "redigera/index.html", "tillganglighet/index.html"):
            continue  # about the site, not about a period
        text = path.read_text(encoding="utf-8")
        if rel in ("lagar/index.html", "begrepp/index.html", "2023-2026/riktlinjer/index.html"):
            assert "avtal-register-meta" in text and "Senast ändrad" in text, rel
            continue
        assert "avtal-meta" in text and "Gällande" in text, rel


def test_a_draft_period_is_unmistakable_on_every_page(draft):
    site, period = draft
    pages = list((site / period).rglob("index.html"))
    assert len(pages) >= 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert 'class="avtal-utkast-banderoll"' in text and "UTKAST" in text, path
        assert "Texten gäller inte" in text
    assert f"Avtalsperiod {period} (utkast)" in html_of(site, "")
    assert "avtal-utkast-banderoll" not in html_of(site, "2023-2026/del-b")


# --- an arrangement as it is read ---------------------------------------------------

def test_arrangement_says_it_is_read_with_del_a_and_del_b_and_links_them(site):
    text = html_of(site, "2023-2026/ok-lakarmedverkan")
    guide = re.search(r'<div class="avtal-las-med".*?</div>', text, re.S)[0]
    assert "läses tillsammans med" in guide
    assert 'href="../del-a/"' in guide and 'href="../del-b/"' in guide
    assert "riktlinjer/#naromradesplan" in guide  # the local plan under it
    assert "B.2 Gemensamt ansvar och samverkan" in guide  # the part of Del B that refers to it


def test_del_a_lists_what_is_read_together_with_it(site):
    guide = re.search(r'<div class="avtal-las-med".*?</div>', html_of(site, "2023-2026/del-a"), re.S)[0]
    for arrangement in ("ok-in-och-utskrivning", "ok-lakarmedverkan", "ok-munhalsa",
                        "ok-psykisk-funktionsnedsattning-missbruk"):
        assert f"../{arrangement}/" in guide


def test_section_shows_what_it_refers_to_and_what_refers_to_it(site):
    text = html_of(site, "2023-2026/ok-in-och-utskrivning")
    section = text[text.index('id="ius-betalningsansvar"'):text.index('id="ius-forutsattningar-betalningsansvar"')]
    refers = re.search(r'<p class="avtal-hanvisar">.*?</p>', section, re.S)[0]
    assert "../riktlinjer/#riktlinje-in-och-utskrivning" in refers  # the guideline it names
    assert "https://lagen.nu/2017:612" in refers  # the law it cites
    lakare = html_of(site, "2023-2026/ok-lakarmedverkan")
    assert re.search(r'Hänvisas från:</span> <a href="../del-b/#b-gemensamt-ansvar"', lakare)


# Acts in the register that no text cites (the act that replaced a cited one; acts kept for their
# usual abbreviations) come last, under a heading that says the agreement does not cite them.
CITED = ["sfs-2017-30", "sfs-1993-387", "sfs-2001-453", "sfs-2017-612", "sfs-2014-821"]
UNCITED = ["sfs-2009-400", "sfs-2008-355", "sfs-2010-659", "sfs-1974-152", "sfs-2025-400"]


def test_law_page_sets_the_acts_the_agreement_does_not_cite_apart(site):
    text = html_of(site, "lagar")
    heading = text.index('id="inte-i-avtalet"')
    assert "Lagar i registret som avtalet inte hänvisar till" in text[heading:heading + 200]
    for anchor in CITED:
        assert text.index(f'<h2 id="{anchor}"') < heading, anchor
    for anchor in UNCITED:
        start = text.index(f'<h3 id="{anchor}"')
        assert start > heading, anchor
        entry = text[start:text.index("</table>", start)]
        assert "Ingen text i avtalet eller överenskommelserna hänvisar till lagen." in entry, anchor
    assert "Sist på sidan står de lagar i registret som avtalet inte hänvisar till." in text
    assert "lagen nämns i registret" not in text


def test_guideline_register_says_where_each_guideline_is_named(site):
    text = html_of(site, "2023-2026/riktlinjer")
    entry = text[text.index('id="riktlinje-in-och-utskrivning"'):]
    entry = entry[:entry.index("</table>")]
    assert "../ok-in-och-utskrivning/#ius-betalningsansvar" in entry
    assert "../ok-in-och-utskrivning/" in entry  # Hör under


def test_references_are_not_search_text(site):
    text = html_of(site, "2023-2026/del-b")
    assert re.search(r'<div class="avtal-lankar" data-search-exclude', text)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    documents = {f"2023-2026/{d}/" for d in ("hos-avtalet", "del-a", "del-b", "fardplan", "ok-in-och-utskrivning",
                                             "ok-lakarmedverkan", "ok-munhalsa", "ok-psykisk-funktionsnedsattning-missbruk")}
    checked = 0
    for doc in index["docs"]:
        if doc["location"].split("#")[0] in documents:
            checked += 1
            assert "Hänvisas från" not in doc["text"] and "Hänvisar till" not in doc["text"], doc["location"]
            assert "Avtalsperiod 2023-2026" not in doc["text"], doc["location"]
    assert checked > 100


# --- glossary ---------------------------------------------------------------------

def test_glossary_page_lists_every_term_with_where_it_is_used(corpus, site):
    text = html_of(site, "begrepp")
    for term in corpus.terms:
        assert f'id="{term.id}"' in text, term.id
    hvb = text[text.index('id="hvb"'):]
    hvb = hvb[:hvb.index("</table>")]
    assert "hem för vård och boende" in hvb and "HVB-hem" in hvb
    assert "../2023-2026/ok-psykisk-funktionsnedsattning-missbruk/#pfm-placering" in hvb


def test_search_words_come_from_the_glossary_and_link_to_it(corpus, site):
    period = corpus.periods["2023-2026"]
    usage = glossary.usage(period, corpus.terms)
    assert "ÖK" in [k.word for k in usage.keywords["ok-munhalsa"]]
    assert "dosdispensering" in [k.word for k in usage.keywords["b-oppenvardsdos"]]
    assert "egenvårdsbedömning" in [k.word for k in usage.keywords["b-egenvard"]]
    for ident, words in usage.keywords.items():  # never a word the text already has
        text = glossary.plain_texts(period, {k.id: k.text for k in period.key_terms})[ident]
        for word in words:
            assert not glossary.covered(word.word, text), (ident, word.word)
    page = html_of(site, "2023-2026/del-b")
    assert re.search(r'<p class="avtal-sokord">.*?<a href="../../begrepp/#oppenvardsdos">dosdispensering</a>', page)


# --- abbreviations ------------------------------------------------------------------

class _AbbrParents(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.bad: list[str] = []
        self.count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "abbr":
            self.count += 1
            if not dict(attrs).get("title"):
                self.bad.append("abbr utan title")
            if any(t in ("a", "h1", "h2", "h3", "h4", "h5", "h6", "abbr") for t in self.stack):
                self.bad.append(f"abbr i {'/'.join(self.stack[-3:])}")
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr", "path", "rect"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def test_abbreviations_have_their_expansion_and_never_sit_in_links_or_headings(site):
    total = 0
    for path in (site / "2023-2026").rglob("index.html"):
        parser = _AbbrParents()
        parser.feed(path.read_text(encoding="utf-8"))
        assert not parser.bad, (path, parser.bad[:5])
        total += parser.count
    assert total > 100
    assert '<abbr title="Västra Götalandsregionen" tabindex="0">VGR</abbr>' in html_of(site, "2023-2026/del-b")


# --- printable document, hierarchy picture, search setup ---------------------------------

def test_printable_document_holds_the_whole_agreement_in_reading_order(corpus, site):
    text = re.search(r"<article.*</article>", html_of(site, "2023-2026/utskrift"), re.S)[0]
    order = ["hos-avtalet", "del-a", "del-b", "ok-in-och-utskrivning", "ok-lakarmedverkan", "ok-munhalsa",
             "ok-psykisk-funktionsnedsattning-missbruk", "riktlinjer", "fardplan"]
    positions = [text.index(f'id="{ident}"') for ident in order]
    assert positions == sorted(positions)
    for section in corpus.periods["2023-2026"].sections():
        assert f'id="{section.id}"' in text
    assert 'href="#del-a"' in text and "../del-a/" not in text  # links stay inside the document


def test_print_and_glossary_pages_are_not_in_the_search_index(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert not any(loc.startswith(("2023-2026/utskrift/", "begrepp/")) for loc in locations)
    assert "2023-2026/ok-in-och-utskrivning/#ius-betalningsansvar" in locations


def test_start_page_draws_the_hierarchy_with_a_link_in_every_box(corpus, site):
    text = html_of(site, "")
    svg = re.search(r'<svg class="avtal-hierarki".*?</svg>', text, re.S)[0]
    period = corpus.periods["2023-2026"]
    for ident in list(period.documents) + list(period.guidelines):
        assert f'data-id="{ident}"' in svg, ident
    assert '<a href="2023-2026/ok-munhalsa/" class="avtal-nod avtal-nod-overenskommelse"' in svg
    assert 'href="2023-2026/riktlinjer/#naromradesplan"' in svg


def test_hierarchy_layout_puts_children_below_their_column():
    from avtal.site import diagram

    corpus, _ = load_corpus(ROOT)
    period = corpus.periods["2023-2026"]
    site = urls.Site.of(corpus)
    g = diagram.graph(period, {i: u for (p, i), u in site.urls.items() if p == period.id})
    columns = sorted(g.successors(period.agreement))
    boxes = {b.node.id: b for b in diagram.layout(g, period.agreement, columns, ["fardplan"])}
    for guideline in period.guidelines.values():
        child, parent = boxes[guideline.id], boxes[guideline.parent]
        assert child.y > parent.y and parent.x <= child.x < parent.x + parent.width


def test_search_separator_in_javascript_equals_mkdocs_yml():
    from mkdocs.utils import yaml_load  # mkdocs.yml's own tags (!ENV)

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    script = (ROOT / "site_src" / "javascripts" / "sok.js").read_text(encoding="utf-8")
    literal = re.search(r'var SEPARATOR = ("(?:[^"\\]|\\.)*");', script)[1]
    assert json.loads(literal) == search["separator"]
    assert search["pipeline"] == ["stopWordFilter"]  # the index is not stemmed: sok.js stems queries


# --- citations shown as written (issue 15's follow-up) ------------------------------------------

_HSL = 'class="avtal-lagrum" href="https://lagen.nu/2017:30'


def _entry(page: str, start: str, end_marker: str = "</li>") -> str:
    at = page.index(start)
    return page[at:page.index(end_marker, at) + len(end_marker)]


def test_law_page_lists_a_range_once_as_written_with_a_link_to_each_end(site):
    """Hänvisas från: "8 kap. 6 § och 12 kap. 1-3 §§ samt 14 kap. 1 § HSL (2017:30)" once, as Del B writes
    it, each provision its link — never the fragments "12 kap. 1; 3 §§"."""
    law = html_of(site, "lagar")
    b1 = _entry(law[law.index('id="sfs-2017-30"'):], '<a href="../2023-2026/del-b/#b-lagstiftning">')
    assert (f'<a {_HSL}#K8P6">8 kap. 6 §</a> och <a {_HSL}#K12P1">12 kap. 1</a>-<a {_HSL}#K12P3">3 §§</a> samt '
            f'<a {_HSL}#K14P1">14 kap. 1 § HSL (2017:30)</a>') in b1
    assert "12 kap. 1;" not in b1 and b1.count(">8 kap. 6 §<") == 1
    assert (f'; <a {_HSL}#K16P4S3">16 kap. 4 § tredje</a> och '
            f'<a {_HSL}#K16P4S4">fjärde styckena hälso- och sjukvårdslagen (2017:30)</a></li>') in b1
    assert "tredje;" not in b1


def test_refers_to_shows_each_citation_once_as_written(site):
    """Hänvisar till: the range "12 kap. 1-3 §§" as written (so 2 § does not look uncited), citations
    separated by ";" since a citation may hold commas itself."""
    page = html_of(site, "2023-2026/del-b")
    section = page[page.index('id="b-lagstiftning"'):]
    refers = re.search(r'<p class="avtal-hanvisar">.*?</p>', section, re.S)[0]
    assert (f'; <a {_HSL}#K8P6">8 kap. 6 §</a> och <a {_HSL}#K12P1">12 kap. 1</a>-<a {_HSL}#K12P3">3 §§</a> samt '
            f'<a {_HSL}#K14P1">14 kap. 1 § HSL (2017:30)</a>;') in refers
    assert "12 kap. 3 § HSL" not in refers


def test_a_citation_in_parentheses_keeps_its_parentheses_out_of_the_links(site):
    """"lagen om samverkan … (4 kap. 1-3§§)": the act's words link the act, each end of the range its
    anchor, "(" and ")" plain — no link takes half of the parentheses (cite.display_pieces)."""
    page = html_of(site, "2023-2026/del-b")
    act = 'class="avtal-lagrum" href="https://lagen.nu/2017:612'
    title = 'title="Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård"'
    assert (f'<a {act}" {title}>lagen om samverkan vid utskrivning från sluten hälso- och sjukvård</a> '
            f'(<a {act}#K4P1" {title}>4 kap. 1</a>-<a {act}#K4P3" {title}>3§§</a>) erbjudas') in page


@pytest.mark.parametrize("written, link", [
    ("2 kap. 6 § HSL (2017:30)", "https://lagen.nu/2017:30#K2P6"),
    ("13 a kap. 1 § HSL (2017:30)", "https://lagen.nu/2017:30#K13aP1"),
    ("16 kap. 1 §", "https://lagen.nu/2017:30#K16P1"),
    ("2 § HSL (2017:30)", "https://lagen.nu/2017:30#K16P2"),
    ("10 kap. 8", "https://lagen.nu/2025:400#K10P8"),
    ("9 §§ samma lag", "https://lagen.nu/2025:400#K10P9"),
])
def test_glossary_links_the_citations_of_its_definitions_and_notes(site, written, link):
    """The Begrepp page links citations like every other text (avtal refs and avtal check read them too)."""
    assert f'<a class="avtal-lagrum" href="{link}">{written}</a>' in html_of(site, "begrepp")
