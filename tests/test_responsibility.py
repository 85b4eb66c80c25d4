"""Responsibility statements: the quote check, the heading rule, party resolution and conformance down
the hierarchy.

tests/fixtures/responsibility/project is a small agreement (a test fixture, no real document) whose
statements are all right, with a local plan that conforms to it; plans/provplan-konflikt.yaml is a
local plan that moves a responsibility. Each finding code also has its case under
tests/fixtures/codes/ (tests/test_finding_codes.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from avtal.check import check_root
from avtal.check.conformance import restatements
from avtal.load import load_corpus
from avtal.responsibility import find_quote, heading_party
from test_finding_codes import printed_findings, readme_codes, run_case

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "responsibility"
PROJECT = FIXTURES / "project"


@pytest.fixture(scope="module")
def corpus():
    corpus, findings = load_corpus(PROJECT)
    assert findings == []
    return corpus


def _statements(corpus, section_id):
    period = corpus.periods["2023-2026"]
    for item in [*period.documents.values(), *period.guidelines.values()]:
        for section in item.walk():
            if section.id == section_id:
                return section.responsibilities
    raise KeyError(section_id)


# --- the quote check --------------------------------------------------------------------------------

TEXT = """Regionens ansvar omfattar:

- Läkarinsatser i hemmet för patienter
  i kommunal primärvård.
- Handledning enligt [riktlinjen](ref:riktlinje-x) och **rutinen**.

Betalningsansvaret inträder efter {{grans}}. Se rutinen*.
"""
SHOWN = {"grans": "3,0 kalenderdagar"}


@pytest.mark.parametrize("quote", [
    "Läkarinsatser i hemmet för patienter i kommunal primärvård.",  # a line break in the item is a space
    "Läkarinsatser  i hemmet",  # white space does not count
    "Handledning enligt riktlinjen och rutinen.",  # a link's label and bold words as the reader sees them
    "Betalningsansvaret inträder efter 3,0 kalenderdagar.",  # a key term as shown
    "Betalningsansvaret inträder efter {{grans}}.",  # … or as written
    "Se rutinen.",  # the läs mer star is not a word
    "Regionens ansvar omfattar:",
])
def test_a_quote_of_the_exact_words_is_found(quote):
    assert find_quote(TEXT, quote, SHOWN) is not None


@pytest.mark.parametrize("quote", [
    "Läkarinsatser i hemmet för patienter i primärvård.",  # a word left out
    "läkarinsatser i hemmet",  # case counts
    "i kommunal primärvård. Handledning enligt riktlinjen",  # across two items: not one paragraph or item
    "Regionen ger läkarinsatser i hemmet.",  # a paraphrase
    "Betalningsansvaret inträder efter 3 kalenderdagar.",  # another value than the key term's
    "",
])
def test_a_quote_that_is_not_the_text_is_not_found(quote):
    assert find_quote(TEXT, quote, SHOWN) is None


def test_a_quoted_list_item_knows_the_words_it_is_listed_under():
    unit, lead = find_quote(TEXT, "Läkarinsatser i hemmet", SHOWN)
    assert unit == "Läkarinsatser i hemmet för patienter i kommunal primärvård."
    assert lead == "Regionens ansvar omfattar:"
    assert find_quote(TEXT, "Se rutinen.", SHOWN)[1] is None


def test_every_quote_of_the_fixture_and_of_the_real_corpus_is_found(corpus):
    real, _ = load_corpus(ROOT)
    for c in (corpus, real):
        for period in c.periods.values():
            for item in [*period.documents.values(), *period.guidelines.values()]:
                for section in item.walk():
                    assert all(s.unit is not None for s in section.responsibilities), section.id


# --- headings and parties ---------------------------------------------------------------------------

@pytest.mark.parametrize("title, party", [
    ("Regionens ansvar", "region"), ("Kommunens ansvar", "kommun"), ("Gemensamt ansvar", "gemensamt"),
    ("Gemensamt ansvar och samverkan", "gemensamt"), ("Kommunens betalningsansvar", "kommun"),
    ("Västra Götalandsregionens ansvar för munhälsa – uppsökande och nödvändig tandvård", "region"),
    ("Parternas gemensamma åtagande innebär att...", "gemensamt"),
    ("Regionens respektive kommunens ansvar", None), ("Parternas ansvar", None), ("Gemensam planering", None),
    ("Förutsättningar för att Kommunens betalningsansvar ska träda in", None), ("Läkarens patientansvar", None),
])
def test_a_heading_names_a_party(title, party):
    assert heading_party(title) == party


def test_a_heading_gives_its_party_to_what_stands_under_it(corpus):
    lakare, specialist = _statements(corpus, "b-regionens-ansvar")
    assert (lakare.party, lakare.party_from, lakare.heading) == ("region", "rubrik", "b-regionens-ansvar")
    assert lakare.lead == "Regionens ansvar omfattar:"
    gemensamt, kommun, region = _statements(corpus, "b-gemensamt-ansvar")
    assert (gemensamt.party, kommun.party, region.party) == ("gemensamt", "kommun", "region")
    assert [s.party_from for s in (gemensamt, kommun, region)] == ["rubrik", "tagg", "tagg"]


def test_an_actor_gives_its_party_and_an_unclassified_statement_has_none(corpus):
    hemmet, mottagning, tandvard = _statements(corpus, "b-kommunens-ansvar")
    assert (hemmet.party, hemmet.party_from) == ("kommun", "rubrik")
    assert mottagning.party is None and mottagning.unclassified
    assert (tandvard.party, tandvard.party_from, tandvard.heading_party) == ("region", "aktor", "kommun")


def _check_with(tmp_path, edit=None, plan=None):
    root = tmp_path / "projekt"
    shutil.copytree(PROJECT, root)
    if edit:
        path = root / "agreement" / "2023-2026" / edit[0]
        text = path.read_text(encoding="utf-8")
        assert text.count(edit[1]) == 1
        path.write_text(text.replace(edit[1], edit[2]), encoding="utf-8")
    if plan:
        shutil.copy(FIXTURES / "plans" / plan, root / "agreement" / "2023-2026" / "riktlinjer" / plan)
    return [f for f in check_root(root)[1] if f.severity.value == "fel"]  # not the term's warnings of the day


def test_the_fixture_is_clean(tmp_path):
    assert _check_with(tmp_path) == []


def test_a_statement_for_the_other_party_under_a_heading_is_an_error_unless_it_says_why(tmp_path):
    reason = ("            across_heading: Meningen står under Kommunens ansvar men lägger utbildningen på "
              "regionens tandvårdsleverantör.\n")
    findings = _check_with(tmp_path, ("del-b.yaml", reason, ""))
    assert [(f.code, f.position.line) for f in findings] == [("responsibility-heading", 73)]  # actor: …
    assert "rubriken 'Kommunens ansvar'" in findings[0].message
    assert findings[0].related[0].line == 57  # the heading's title


def test_under_a_joint_heading_a_statement_may_name_one_party(corpus):
    """"Gemensamt ansvar" holds the division of a joint responsibility: kommunen … medan VGR …"""
    assert {s.party for s in _statements(corpus, "b-gemensamt-ansvar")} == {"gemensamt", "kommun", "region"}


# --- conformance down the hierarchy ---------------------------------------------------------------

def test_a_local_plan_that_follows_the_agreement_passes_and_its_restatement_is_recognised(corpus):
    period = corpus.periods["2023-2026"]
    found = restatements(period)["provplan-foljer"]
    assert [(r.section.id, r.statement.section, r.statement.party) for r in found] == [
        ("provplan-foljer-korttidsboende", "lak-regionens-ansvar", "region")]


def test_a_local_plan_that_moves_a_responsibility_fails_naming_both_places(tmp_path):
    findings = _check_with(tmp_path, plan="provplan-konflikt.yaml")
    assert [f.code for f in findings] == ["hierarchy-responsibility-conflict"] * 2
    moved, restated = sorted(findings, key=lambda f: f.position.line)
    assert moved.position.file.endswith("riktlinjer/provplan-konflikt.yaml")
    assert "anger kommunen" in moved.message and "'ok-lakarmedverkan' (avsnittet 'lak-regionens-ansvar') anger regionen" \
        in moved.message
    assert [p.file for p in moved.related] == ["agreement/2023-2026/del-c/lakarmedverkan.yaml"]
    assert "återger orden i 'ok-lakarmedverkan'" in restated.message and "anger parterna gemensamt" in restated.message


PLAN = """id: provplan-hembesok
kind: plan
level: lokal
title: Provplan om hembesök (testfixtur, ingen verklig närområdesplan)
parent: ok-lakarmedverkan
status: gallande
version: "1.0"
changelog:
  - {date: 2024-01-01, version: "1.0", summary: Testfixtur., nature: redaktionell}
sections:
  - id: provplan-hembesok-1
    title: Hembesök
    text: Hembesök görs av provområdets vårdpersonal.
    responsibilities:
      - {topic: lakarmedverkan, kind: utforande, party: PARTY, quote: Hembesök görs av provområdets vårdpersonal.}
"""


@pytest.mark.parametrize("party, codes", [("region", []), ("kommun", []),
                                          ("gemensamt", ["hierarchy-responsibility-conflict"])])
def test_a_plan_may_name_any_party_the_agreement_names_for_a_topic_and_kind(tmp_path, party, codes):
    """Läkarmedverkan, utförande: the agreement names the region (vårdcentral, läkare) and the municipality
    (ordinationer); a statement that speaks of neither in particular may name either, not both jointly."""
    root = tmp_path / "projekt"
    shutil.copytree(PROJECT, root)
    (root / "agreement" / "2023-2026" / "riktlinjer" / "provplan-hembesok.yaml").write_text(
        PLAN.replace("PARTY", party), encoding="utf-8")
    assert [f.code for f in check_root(root)[1] if f.severity.value == "fel"] == codes


def test_a_guideline_without_a_body_stays_a_title_and_address_entry():
    real, _ = load_corpus(ROOT)
    guidelines = real.periods["2023-2026"].guidelines.values()
    assert guidelines and all(g.sections == [] for g in guidelines)  # no text is invented


# --- near misses: each code's case made right gives no finding --------------------------------------

NEAR_MISSES = yaml.safe_load((FIXTURES / "near-misses.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code, case", [(code, case) for code, cases in NEAR_MISSES.items() for case in cases],
                         ids=[f"{code}: {case['why']}" for code, cases in NEAR_MISSES.items() for case in cases])
def test_the_case_of_a_code_made_right_gives_no_finding(code, case, tmp_path, capsys, monkeypatch):
    """The negative beside each positive case of tests/fixtures/codes/<code>/ (the same corpus and the
    same kind of edit, made right): `avtal check` prints nothing and exits 0."""
    assert (ROOT / "tests" / "fixtures" / "codes" / code / "case.yaml").is_file()
    status, out, err = run_case(case, tmp_path, capsys, monkeypatch)
    assert (status, printed_findings(out), err) == (0, [], "")


def test_every_code_of_statements_areas_and_conformance_has_a_near_miss():
    codes = {c for c in readme_codes() if c.startswith(("responsibility-", "area-"))} | {"hierarchy-responsibility-conflict"}
    assert set(NEAR_MISSES) == codes
