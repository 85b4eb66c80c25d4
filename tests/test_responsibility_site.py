"""The responsibility statements on the site: the matrix of "Vem ansvarar för vad?" against the data,
the party marks under each section, guideline bodies on the register page and the open data.

Pages are generated in Python (``site.build``), without mkdocs; the browser test of the matrix on a
phone is in tests/test_browser.py.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from avtal.load import load_corpus
from avtal.responsibility import KIND_LABELS, PARTIES
from avtal.site.build import build, nav
from avtal.site.export import export
from avtal.site.responsibility import ROW_PREFIX, agreement_statements, row_summary

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "responsibility" / "project"
PERIOD = "2023-2026"

_ROW = re.compile(r"^## .*\{#(?P<id>" + ROW_PREFIX + r"[a-z0-9-]+)\}$", re.M)
_CELL = re.compile(r'<section class="avtal-ansvar-cell [^"]*" id="(?P<id>[a-z0-9-]+)" data-party="(?P<party>[a-z]+)"[^>]*>'
                   r'(?P<body>.*?)</section>',
                   re.S)
_UNCLASSIFIED = re.compile(r'<div class="avtal-ansvar-utan"[^>]*>(?P<body>.*?)</div>', re.S)
_QUOTE = re.compile(r"<q>(.*?)</q>", re.S)
_COUNT = re.compile(r'<tr data-row="(?P<id>[^"]+)">.*?</tr>', re.S)


def _quotes(fragment: str) -> list[str]:
    return [html.unescape(q) for q in _QUOTE.findall(fragment)]


@pytest.fixture(scope="module")
def corpus():
    corpus, _ = load_corpus(ROOT)
    return corpus


@pytest.fixture(scope="module")
def pages(corpus):
    return {page.path: page.content for page in build(corpus).pages}


@pytest.fixture(scope="module")
def matrix(pages):
    return pages[f"{PERIOD}/vem-ansvarar.md"]


def _rows(matrix: str) -> dict[str, str]:
    """{row id: the row's part of the page}."""
    marks = list(_ROW.finditer(matrix))
    return {m["id"]: matrix[m.end(): marks[i + 1].start() if i + 1 < len(marks) else len(matrix)]
            for i, m in enumerate(marks)}


def test_every_cell_holds_exactly_the_statements_of_its_topic_and_party(corpus, matrix):
    period = corpus.periods[PERIOD]
    expected: dict[tuple[str, str | None], Counter] = {}
    for _, _, statement in agreement_statements(period):
        expected.setdefault((ROW_PREFIX + statement.topic, statement.party), Counter())[statement.quote] += 1
    found: dict[tuple[str, str | None], Counter] = {}
    for row, part in _rows(matrix).items():
        for cell in _CELL.finditer(part):
            if _quotes(cell["body"]):
                found[row, cell["party"]] = Counter(_quotes(cell["body"]))
        for box in _UNCLASSIFIED.finditer(part):
            found[row, None] = Counter(_quotes(box["body"]))
    assert found == expected
    assert sum(sum(c.values()) for c in found.values()) == len(agreement_statements(period)) > 200


def test_rows_follow_the_register_and_every_party_has_a_cell(corpus, matrix):
    rows = _rows(matrix)
    used = {s.topic for _, _, s in agreement_statements(corpus.periods[PERIOD])}
    assert list(rows) == [ROW_PREFIX + t.id for t in corpus.topics if t.id in used]
    for row, part in rows.items():
        assert [c["party"] for c in _CELL.finditer(part)] == list(PARTIES)
        assert [c["id"] for c in _CELL.finditer(part)] == [f"{row}-{p}" for p in PARTIES]  # the overview links here


def test_the_overview_counts_the_cells(matrix):
    rows = _rows(matrix)
    for line in _COUNT.finditer(matrix):
        counts = re.findall(r'<td data-party="([a-z]+)">(?:<a href="#[a-z0-9-]+-\1" aria-label="[^"]+">)?(\d+|–)(?:</a>)?</td>',
                            line[0])
        cells = {c["party"]: len(_quotes(c["body"])) for c in _CELL.finditer(rows[line["id"]])}
        assert len(counts) == len(cells) and {p: (0 if n == "–" else int(n)) for p, n in counts} == cells


def test_a_cell_links_each_statement_to_its_section(matrix):
    part = _rows(matrix)["ansvar-hjalpmedel"]
    region = next(c["body"] for c in _CELL.finditer(part) if c["party"] == "region")
    assert "<q>För barn och ungdomar till och med 17 år har VGR kostnadsansvar" in region
    assert 'href="../del-b/#b-hjalpmedel"' in region and "Kostnad" in region


def test_a_list_item_is_shown_under_the_words_it_is_listed_under(matrix):
    part = _rows(matrix)["ansvar-vardansvar"]
    assert ('<span class="avtal-ansvar-inledning">Västra Götalandsregionens hälso- och sjukvårdsansvar omfattar:</span> '
            "<q>Patienter som utan större svårigheter") in part


def test_the_page_is_in_the_navigation_and_answers_the_question_in_words_search_finds(corpus, pages, matrix):
    entries = nav(corpus, list(pages))
    period = next(e for e in entries if "Avtalsperiod 2023-2026" in e)["Avtalsperiod 2023-2026"]
    assert {"Vem ansvarar för vad?": f"{PERIOD}/vem-ansvarar.md"} in period
    # each row's heading asks the question search is given, in the words of the register's topic
    assert "## Vem ansvarar för hjälpmedel och läkemedelsnära produkter? {#ansvar-hjalpmedel}" in matrix
    assert "## Vem ansvarar för samordnad individuell plan, SIP? {#ansvar-sip}" in matrix
    assert 'class="avtal-ansvar-celler" data-search-exclude' in matrix  # the quotes are the sections' to find


def test_each_section_shows_its_statements_parties_as_marks(pages):
    del_b = pages[f"{PERIOD}/del-b.md"]
    kommunens = del_b[del_b.index("{#b-kommunens-ansvar}"):del_b.index("{#b-rehabilitering}")]
    assert '<a class="avtal-part avtal-part-kommun" href="../vem-ansvarar/#ansvar-vardansvar"' in kommunens
    assert "Utan angiven part (1)" in kommunens and "avtal-part-region" not in kommunens
    printed = pages[f"{PERIOD}/utskrift.md"]
    assert '<span class="avtal-part avtal-part-kommun">Kommun</span>' in printed  # marks, no links away from print
    assert "vem-ansvarar/#" not in printed


def test_registered_guidelines_without_text_say_so(corpus, pages):
    register = pages[f"{PERIOD}/riktlinjer.md"]
    assert register.count("Finns inte här: registret har bara dokumentets titel och adress.") == len(
        corpus.periods[PERIOD].guidelines)


def test_a_local_plan_with_a_body_shows_its_sections_area_marks_and_restatements():
    corpus, _ = load_corpus(FIXTURE)
    register = {p.path: p.content for p in build(corpus).pages}[f"{PERIOD}/riktlinjer.md"]
    assert "<th>Område</th><td>Provområde Norr (närområde i Provregionen)</td>" in register
    assert "### 1 Korttidsboende {#provplan-foljer-korttidsboende}" in register
    assert 'Återger avtalets ord:</span> <a href="../ok-lakarmedverkan/#lak-regionens-ansvar">5.1 Regionens ansvar</a>' \
        in register
    assert "<th>Text</th><td>Står nedan, avsnitt för avsnitt.</td>" in register


def test_the_open_data_carries_the_statements_and_the_registers(corpus):
    data = export(corpus)

    def sections(items):
        for item in items:
            yield item
            yield from sections(item["sections"])

    period = data["periods"][0]
    statements = [s for d in period["documents"] for sec in sections(d["sections"]) for s in sec["responsibilities"]]
    assert len(statements) == len(agreement_statements(corpus.periods[PERIOD]))
    tandvard = next(s for s in statements if s["quote"].startswith("Den tandvårdsleverantör som VGR"))
    assert (tandvard["party"], tandvard["party_from"], tandvard["actor"]) == ("region", "aktor", "tandvardsleverantor")
    assert tandvard["across_heading"]
    assert {t["id"] for t in data["topics"]} >= {s["topic"] for s in statements}
    assert all(g["has_text"] is False and g["sections"] == [] for g in period["guidelines"])


EXPORT_SCHEMA = json.loads((ROOT / "schemas" / "export.schema.json").read_text(encoding="utf-8"))


def test_the_open_data_names_the_parties_and_kinds_the_code_knows():
    statement = EXPORT_SCHEMA["$defs"]["responsibility"]["properties"]
    assert statement["party"]["enum"] == [*PARTIES, None]
    assert statement["kind"]["enum"] == list(KIND_LABELS)


def test_the_open_data_of_a_local_plan_with_a_body_is_valid_and_carries_its_statements():
    corpus, _ = load_corpus(FIXTURE)
    data = json.loads(json.dumps(export(corpus)))  # as a reader of the file sees it
    assert list(Draft202012Validator(EXPORT_SCHEMA).iter_errors(data)) == []
    plan = next(g for g in data["periods"][0]["guidelines"] if g["id"] == "provplan-foljer")
    assert (plan["has_text"], plan["area"]) == (True, "provomrade-norr")
    first = plan["sections"][0]
    assert first["id"] == "provplan-foljer-korttidsboende"
    assert [(s["topic"], s["kind"], s["party"], s["party_from"]) for s in first["responsibilities"]] == [
        ("lakarmedverkan", "utforande", "region", "aktor")]
    assert {a["id"]: a["kind"] for a in data["areas"]} == {"provregion": "delregion", "provomrade-norr": "naromrade"}


def test_search_indexes_each_row_by_its_question_and_keywords_not_the_quotes(corpus, site):
    """The row answers "vem ansvarar för hjälpmedel" with few words; the quotes are the sections' to find
    (the cells are data-search-exclude, and Material's parser must not end the exclusion early)."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    page = f"{PERIOD}/vem-ansvarar/"
    rows = {d["location"]: d for d in docs if d["location"].startswith(page + "#ansvar-")}
    row = rows[page + "#ansvar-hjalpmedel"]
    assert row["title"] == "Vem ansvarar för hjälpmedel och läkemedelsnära produkter?"
    assert "Så fördelar texten ansvaret" in row["text"] and "förbrukningsartiklar" in row["text"]
    indexed = " ".join(html.unescape(d["text"]) for d in docs if d["location"].startswith(page))
    quotes = [s.quote for _, _, s in agreement_statements(corpus.periods[PERIOD])]
    assert [q for q in quotes if q in indexed] == []
    # per row: a sentence of what its cells hold (party by party, the kinds of ansvar) and the keywords
    assert len(indexed) < 250 * len(rows)
    assert _plain(rows[page + "#ansvar-hjalpmedel"]["text"]) == (
        "Så fördelar texten ansvaret: regionen – kostnad; parterna gemensamt – kostnad, styrning och krav; "
        "respektive huvudman – kostnad, förskrivning och ordination; utan angiven part – kostnad, förskrivning "
        "och ordination. Sökord: förbrukningsartiklar, medicintekniska produkter, sårläkningsartiklar")


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


# Statements of a row (party, kind) and the sentence's parts they make: each party once, in the matrix's
# order, the statements without a party last, each kind once in KIND_LABELS' order.
SUMMARIES = [
    ([], []),
    ([("gemensamt", "styrning"), (None, "samordning")],
     [{"party": "parterna gemensamt", "kinds": "styrning och krav"},
      {"party": "utan angiven part", "kinds": "samordning och planering"}]),
    ([("kommun", "kostnad"), ("region", "styrning"), ("region", "utforande"), ("region", "styrning")],
     [{"party": "regionen", "kinds": "utförande, styrning och krav"}, {"party": "kommunen", "kinds": "kostnad"}]),
    ([("respektive", "forskrivning")], [{"party": "respektive huvudman", "kinds": "förskrivning och ordination"}]),
]


@pytest.mark.parametrize("items, expected", SUMMARIES)
def test_a_rows_sentence_names_each_party_and_its_kinds_of_ansvar(items, expected):
    assert row_summary([{"party": p, "kind": k} for p, k in items]) == expected
