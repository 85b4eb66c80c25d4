"""The search index reads the site as staff search it (issue 16), without a browser.

Every block and table cell stands apart in the index (no glued words), table rows read as lines,
the staff vocabulary of the glossary becomes search words of the sections it belongs to, and
every staff word says why it is there.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from avtal.load import load_corpus, load_file, schema
from avtal.site import glossary
from avtal.site.search_text import index_html

ROOT = Path(__file__).resolve().parents[1]
PERIOD = "2023-2026"


@pytest.fixture(scope="module")
def corpus():
    loaded, _ = load_corpus(ROOT)
    return loaded


def _separator() -> re.Pattern:
    from mkdocs.utils import yaml_load  # mkdocs.yml's own tags (!ENV)

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:")[0])
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    return re.compile(search["separator"])


# Elements inside a line of text: their tags join what stands on either side ("arton månader</span>s").
_INLINE = r"a|abbr|b|code|em|i|mark|q|s|small|span|strong|sub|sup|u"


def _words(text: str, separator: re.Pattern) -> set[str]:
    """The words of HTML as the reader sees them: inline tags join, every other tag separates."""
    text = re.sub(rf"</?(?:{_INLINE})(?:\s[^>]*)?>", "", text)
    words = separator.split(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return {w.lower().rstrip("*") for w in words if w.rstrip("*")}  # the source's star is not in the index


# --- the rewrite for the index -------------------------------------------------------

def test_a_register_row_reads_label_colon_value():
    out = index_html('<table class="avtal-register"><tr><th>Typ</th><td>Rutin</td></tr>'
                     '<tr><th>Nämns i</th><td><a href="x">Del B: B.5</a></td></tr></table>')
    assert "<p>Typ: Rutin</p>" in out
    assert '<p>Nämns i: <a href="x">Del B: B.5</a></p>' in out


def test_a_row_under_column_headings_names_each_cell_and_the_headings_row_goes():
    out = index_html("<table><tr><th>Datum</th><th>Organ</th><th>Beslut</th></tr>"
                     "<tr><td>2022-03-18</td><td>Göteborgsregionens kommunalförbund</td><td>Antog.</td></tr></table>")
    assert out.count("<p>") == 1
    assert "<p>Datum: 2022-03-18; Organ: Göteborgsregionens kommunalförbund; Beslut: Antog.</p>" in out


def test_lists_and_line_breaks_in_a_cell_and_block_ends_separate_words():
    out = index_html("<table><tr><th>Används i</th><td><ul><li>Del A</li><li>Del B</li></ul></td></tr></table>"
                     "<div>slut</div><div>början</div><p>a<br>b</p>")
    assert "Används i: Del A; Del B</p>" in out
    assert "slut</div> <div>början" in out
    assert "<p>a b</p>" in out


def test_what_the_index_leaves_out_stays_out():
    out = index_html('<div class="avtal-meta" data-search-exclude><p>Version 1.0</p></div>')
    assert "data-search-exclude" in out and "Version 1.0" in out  # Material's parser skips it as before


PAGE = ('<h2 id="p1">6.1 Personer med psykisk funktionsnedsättning<a class="headerlink" href="#p1">&para;</a></h2>'
        '<h3 id="p1-k">Kommunens ansvar<a class="headerlink" href="#p1-k">&para;</a></h3><p>Bedriva arbete.</p>'
        '<h2 id="p2">6.2 Personer med missbruk &amp; beroende</h2>'
        '<h3 id="p2-k">Kommunens ansvar</h3><p>Utreda.</p><h3 id="p2-u">Uppföljning</h3><p>Följa upp.</p>')


@pytest.mark.parametrize("heading, then", [
    # a heading the page has twice is followed by the one it stands under, as a line
    ('<h3 id="p1-k">Kommunens ansvar<a class="headerlink" href="#p1-k">&para;</a></h3> ',
     "<p>6.1 Personer med psykisk funktionsnedsättning</p><p>Bedriva arbete.</p>"),
    ('<h3 id="p2-k">Kommunens ansvar</h3> ', "<p>6.2 Personer med missbruk &amp; beroende</p><p>Utreda.</p>"),
    # a heading of its own is enough: nothing added
    ('<h3 id="p2-u">Uppföljning</h3> ', "<p>Följa upp.</p>"),
])
def test_a_repeated_heading_is_told_apart_by_the_heading_it_stands_under(heading, then):
    assert heading + then in index_html(PAGE)


def test_a_repeated_heading_at_the_top_has_nothing_to_add():
    assert index_html("<h2>Regionens ansvar</h2><p>a</p><h2>Regionens ansvar</h2><p>b</p>") == \
        "<h2>Regionens ansvar</h2> <p>a</p><h2>Regionens ansvar</h2> <p>b</p>"


# --- the built site's index ------------------------------------------------------------

def test_no_word_of_the_index_is_glued_from_two_blocks(site):
    """Every word of every index entry is a word of its page as the reader sees it (tags as spaces)."""
    separator = _separator()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_page: dict[str, list[dict]] = {}
    for doc in index["docs"]:
        by_page.setdefault(doc["location"].split("#")[0], []).append(doc)
    glued = []
    for page, docs in by_page.items():
        shown = _words((site / page / "index.html").read_text(encoding="utf-8"), separator)
        for doc in docs:
            glued += [(doc["location"], w) for w in _words(doc["title"] + " " + doc["text"], separator) - shown]
    assert glued == []
    text = {d["location"]: d["text"] for d in index["docs"]}
    assert "Organ: Göteborgsregionens kommunalförbund" in text[f"{PERIOD}/#beslut"]
    assert "<p>Typ: Rutin</p>" in text[f"{PERIOD}/riktlinjer/#egenvardsrutin"]


# Rows of "Vem ansvarar för vad?" whose entry was only "Så fördelar texten ansvaret:" (issue 16's
# verification), with the entry's whole text now: the sentence says what the row's cells hold, party by
# party (the quotes stay out of the index: they are the sections' to find, test_responsibility_site).
MATRIX_ROWS = [
    ("ansvar-egenvard", "Så fördelar texten ansvaret: parterna gemensamt – styrning och krav; utan angiven part "
                        "– samordning och planering."),
    ("ansvar-asylsokande", "Så fördelar texten ansvaret: regionen – utförande; kommunen – utförande."),
    ("ansvar-kostnadsansvar", "Huvudprincipen för vem som betalar. Så fördelar texten ansvaret: respektive "
                              "huvudman – kostnad."),
    ("ansvar-tjanstekop", "Så fördelar texten ansvaret: parterna gemensamt – samordning och planering; "
                          "respektive huvudman – uppföljning."),
    ("ansvar-informationsoverforing", "Så fördelar texten ansvaret: respektive huvudman – information och "
                                      "rapportering."),
    ("ansvar-samverkan", "Så fördelar texten ansvaret: parterna gemensamt – samordning och planering, styrning "
                         "och krav; respektive huvudman – samordning och planering, styrning och krav."),
    ("ansvar-genomforande", "Så fördelar texten ansvaret: parterna gemensamt – information och rapportering, "
                            "styrning och krav."),
    ("ansvar-uppfoljning", "Så fördelar texten ansvaret: parterna gemensamt – uppföljning."),
    ("ansvar-avvikelser", "Så fördelar texten ansvaret: parterna gemensamt – uppföljning."),
]


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_no_index_entry_ends_in_a_colon_that_introduces_nothing(site):
    """A snippet reads as sentences: no entry's text ends in ":" (nine rows of "Vem ansvarar för vad?"
    were "Så fördelar texten ansvaret:" and nothing more, the cells it introduced left out)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in index["docs"] if _plain(d["text"]).endswith(":")] == []


@pytest.mark.parametrize("row, text", MATRIX_ROWS, ids=[r for r, _ in MATRIX_ROWS])
def test_a_row_of_the_matrix_is_indexed_by_what_its_cells_hold(site, row, text):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {d["location"]: _plain(d["text"]) for d in index["docs"]}[f"{PERIOD}/vem-ansvarar/#{row}"] == text


def test_the_pages_themselves_are_unchanged_by_the_rewrite(site):
    page = (site / PERIOD / "riktlinjer" / "index.html").read_text(encoding="utf-8")
    assert "<th>Typ</th>" in page and "<p>Typ: Rutin</p>" not in page


# --- staff vocabulary ------------------------------------------------------------------

def test_every_staff_word_has_its_reason_and_leads_to_sections_that_exist(corpus):
    ids = {s.id for p in corpus.periods.values() for d in p.documents.values() for s in d.walk()}
    words = [(t.id, w) for t in corpus.terms for w in t.staff_words]
    assert len(words) >= 20
    for term, word in words:
        assert word.reason.strip(), (term, word.word)
        assert set(word.see) <= ids, (term, word.word)


def test_a_staff_word_without_its_reason_is_a_schema_error(tmp_path):
    path = tmp_path / "begrepp.yaml"
    path.write_text("terms:\n  - id: x\n    term: X\n    kind: begrepp\n    staff_words:\n      - word: y\n",
                    encoding="utf-8")
    loaded, _ = load_file(path, tmp_path)
    assert [(f.code, f.position.line) for f in schema.validate("glossary", loaded)] == [("schema-required", 6)]


@pytest.mark.parametrize("section, word", [
    ("a-oenighet", "tvist"),
    ("b-kommunens-ansvar", "SÄBO"),
    ("lak-malgrupp", "SÄBO"),
    ("lak-vardcentralens-sarskilda-ansvar", "jourläkare"),
    ("b-oppenvardsdos", "dosdispensering"),
    ("b-regionens-ansvar", "behandlingshem"),
    ("ius-betalningsansvar", "medicinskt färdigbehandlad"),
    # the vocabulary round after the first unseen set: the agreement's topics in staff's words
    ("a-oenighet", "oense"),
    ("pfm-missbruk-kommunens-ansvar", "drogproblem"),
    ("pfm-missbruk-regionens-ansvar", "alkoholproblem"),
    ("ius-gemensamt-ansvar", "hemgång"),
    ("a-informationsoverforing", "vårdplanering"),
    ("ius-betalningsansvar", "sjukhuset"),
    ("pfm-gemensamt-ansvar", "anhörigstöd"),
    ("pfm-psykisk-funktionsnedsattning-regionens-ansvar", "BUP"),
    ("b-kommunens-ansvar", "hemtjänst"),
    ("b-kommunens-ansvar", "demensboende"),
    ("lak-vardcentralens-sarskilda-ansvar", "distriktsläkare"),
    ("mun-malgrupp", "tandläkare"),
    ("mun-vgr-utfarda-intyg", "tandvårdskort"),
    ("lak-lakarens-patientansvar", "döende"),
    ("b-vardhygien", "hygienrutiner"),
    ("b-avliden", "dödsfall"),
    ("b-asylsokande", "uppehållstillstånd"),
    ("b-rehabilitering", "sjukgymnastik"),
])
def test_staff_words_become_search_words_of_the_sections_they_mean(corpus, section, word):
    usage = glossary.usage(corpus.periods[PERIOD], corpus.terms)
    assert word in [k.word for k in usage.keywords[section]]
