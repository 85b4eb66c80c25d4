"""The document hierarchy: one negative case per rule, each asserting the exact findings.

Every case copies a corpus (the small one in tests/fixtures/hierarchy/minimal, or the real
one) to a temporary folder, breaks one thing by a textual edit, and runs the one rule.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from avtal import check as checks
from avtal.check import hierarchy, references, restatements, validity

HIERARCHY_CHECKS = [*hierarchy.CHECKS, *validity.CHECKS, restatements.key_term_restatements,
                    references.period_references]
from avtal.load import load_corpus

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "hierarchy" / "minimal"
P = "agreement/2023-2026/"


def broken(tmp_path: Path, source: Path, edits: dict[str, list[tuple[str, str]]]):
    """The corpus under source, copied to tmp_path, with each (old, new) replaced once in the named file."""
    shutil.copytree(source / "agreement", tmp_path / "agreement")
    for name, replacements in edits.items():
        path = tmp_path / P / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) == 1, f"{name}: {old!r} must occur exactly once"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    corpus, findings = load_corpus(tmp_path)
    assert findings == [], "the edit must keep every file loadable and schema-valid"
    return corpus


def found(findings):
    return [(f.code, f.position.file, f.position.line, f.position.column, f.message) for f in findings]


def version_line(value: str) -> tuple[str, str]:
    """An edit adding `value` after a guideline's top-level version line."""
    return '\nversion: "1.0"\n', f'\nversion: "1.0"\n{value}\n'


CASES = {
    "agreement_document": (
        hierarchy.agreement_document, MINIMAL, {"fardplan.yaml": [("kind: strategi", "kind: avtal")]},
        [("hierarchy-extra-agreement", P + "fardplan.yaml", 2, 7,
          "Dokumentet 'fardplan' har typen avtal, men periodens avtal är 'avtalet'.")]),
    "agreement_document_kind": (
        hierarchy.agreement_document, MINIMAL, {"period.yaml": [("agreement: avtalet", "agreement: fardplan")]},
        [("hierarchy-agreement-kind", P + "period.yaml", 6, 12,
          "Periodens avtal 'fardplan' har typen 'strategi', inte 'avtal'."),
         ("hierarchy-extra-agreement", P + "avtal.yaml", 2, 7,
          "Dokumentet 'avtalet' har typen avtal, men periodens avtal är 'fardplan'.")]),
    "parent_missing": (
        hierarchy.parents, MINIMAL, {"del-c/lakarmedverkan.yaml": [("parent: avtalet\n", "")]},
        [("hierarchy-parent-missing", P + "del-c/lakarmedverkan.yaml", 1, 5,
          "Dokumentet 'ok-lakarmedverkan' (överenskommelse) saknar överordnat dokument.")]),
    "parent_kind_local_under_part": (
        hierarchy.parents, MINIMAL,
        {"riktlinjer/naromradesplan.yaml": [("parent: ok-lakarmedverkan", "parent: del-a")]},
        [("hierarchy-parent-kind", P + "riktlinjer/naromradesplan.yaml", 5, 9,
          "Dokumentet 'naromradesplan' (lokal plan, lokal) kan inte ligga under 'del-a' (avtalsdel).")]),
    "parent_kind_county_under_local": (
        hierarchy.parents, MINIMAL,
        {"riktlinjer/rutin-oenighet.yaml": [("parent: riktlinje-oenighet", "parent: naromradesplan")]},
        [("hierarchy-parent-kind", P + "riktlinjer/rutin-oenighet.yaml", 5, 9,
          "Dokumentet 'rutin-oenighet' (rutin, länsgemensam) kan inte ligga under 'naromradesplan' "
          "(lokal plan, lokal).")]),
    "parent_kind_part_under_arrangement": (
        hierarchy.parents, MINIMAL, {"del-a.yaml": [("parent: avtalet", "parent: ok-lakarmedverkan")]},
        [("hierarchy-parent-kind", P + "del-a.yaml", 5, 9,
          "Dokumentet 'del-a' (avtalsdel) kan inte ligga under 'ok-lakarmedverkan' (överenskommelse).")]),
    "parent_of_strategy": (
        hierarchy.parents, MINIMAL, {"fardplan.yaml": [("kind: strategi\n", "kind: strategi\nparent: avtalet\n")]},
        [("hierarchy-parent-not-allowed", P + "fardplan.yaml", 3, 9,
          "Strategin 'fardplan' står överst i hierarkin och kan inte ha ett överordnat dokument.")]),
    "cycle": (
        hierarchy.cycles, MINIMAL,
        {"riktlinjer/riktlinje-oenighet.yaml": [("parent: del-a", "parent: rutin-oenighet")]},
        [("hierarchy-cycle", P + "riktlinjer/riktlinje-oenighet.yaml", 5, 9,
          "Dokumenten ligger under varandra i en cirkel: 'riktlinje-oenighet' → 'rutin-oenighet' → "
          "'riktlinje-oenighet'.")]),
    "unreachable_dangling_parent": (
        hierarchy.reachability, MINIMAL, {"riktlinjer/riktlinje-oenighet.yaml": [("parent: del-a", "parent: del-x")]},
        [("hierarchy-unreachable", P + "riktlinjer/riktlinje-oenighet.yaml", 5, 9,
          "Dokumentet 'riktlinje-oenighet' (riktlinje, länsgemensam) och 1 dokument under det (rutin-oenighet) "
          "ligger inte under avtalet 'avtalet': det överordnade dokumentet 'del-x' finns inte.")]),
    # A section as parent: check.references says it is a section; no second, contradicting finding here.
    "unreachable_section_as_parent": (
        hierarchy.reachability, MINIMAL,
        {"riktlinjer/riktlinje-oenighet.yaml": [("parent: del-a", "parent: a-samverkan")]}, []),
    "unreachable_under_strategy": (
        hierarchy.reachability, MINIMAL,
        {"riktlinjer/riktlinje-oenighet.yaml": [("parent: del-a", "parent: fardplan")]},
        [("hierarchy-unreachable", P + "riktlinjer/riktlinje-oenighet.yaml", 5, 9,
          "Dokumentet 'riktlinje-oenighet' (riktlinje, länsgemensam) och 1 dokument under det (rutin-oenighet) "
          "ligger inte under avtalet 'avtalet': kedjan av överordnade slutar i 'fardplan' (strategi).")]),
    "arrangement_validity": (
        validity.arrangement_validity, MINIMAL,
        {"del-c/lakarmedverkan.yaml": [("valid_to: 2026-12-31", "valid_to: 2025-12-31")]},
        [("hierarchy-arrangement-validity", P + "del-c/lakarmedverkan.yaml", 9, 11,
          "Överenskommelsen 'ok-lakarmedverkan' gäller till 2025-12-31, men avtalet 'avtalet' gäller till "
          "2026-12-31.")]),
    "arrangement_validity_real_corpus": (
        validity.arrangement_validity, ROOT,
        {"del-c/munhalsa.yaml": [("valid_from: 2023-01-01", "valid_from: 2023-04-01")]},
        [("hierarchy-arrangement-validity", P + "del-c/munhalsa.yaml", 9, 13,
          "Överenskommelsen 'ok-munhalsa' gäller från 2023-04-01, men avtalet 'hos-avtalet' gäller från "
          "2023-01-01.")]),
    "validity_before_parent": (
        validity.validity_within_parent, MINIMAL,
        {"riktlinjer/riktlinje-oenighet.yaml": [version_line("valid_from: 2022-01-01")]},
        [("hierarchy-validity-outside-parent", P + "riktlinjer/riktlinje-oenighet.yaml", 9, 13,
          "Dokumentet 'riktlinje-oenighet' gäller från 2022-01-01, före det överordnade dokumentet 'del-a' som "
          "gäller från 2023-01-01.")]),
    "validity_after_inherited_parent": (
        validity.validity_within_parent, MINIMAL,
        {"riktlinjer/riktlinje-oenighet.yaml": [version_line("valid_to: 2025-12-31")],
         "riktlinjer/rutin-oenighet.yaml": [version_line("valid_to: 2027-06-30")]},
        [("hierarchy-validity-outside-parent", P + "riktlinjer/rutin-oenighet.yaml", 8, 11,
          "Dokumentet 'rutin-oenighet' gäller till 2027-06-30, efter det överordnade dokumentet "
          "'riktlinje-oenighet' som gäller till 2025-12-31.")]),
    "validity_order": (
        validity.validity_order, MINIMAL, {"fardplan.yaml": [("valid_to: 2026-12-31", "valid_to: 2022-12-31")]},
        [("hierarchy-validity-order", P + "fardplan.yaml", 6, 11,
          "Dokumentet 'fardplan' gäller till 2022-12-31, före sitt första giltighetsdatum 2023-01-01.")]),
    "key_term_restated_in_arrangement": (
        restatements.key_term_restatements, MINIMAL,
        {"del-c/lakarmedverkan.yaml": [(
            "Överenskommelsen gäller läkarmedverkan.",
            "Överenskommelsen gäller läkarmedverkan. Uppsägningstiden för överenskommelsen är tolv månader.")]},
        [("key-term-restated", P + "del-c/lakarmedverkan.yaml", 20, 88,
          "'ok-lakarmedverkan' anger uppsägningstid till tolv månader, men del-a anger arton månader "
          "(nyckelvärdet 'uppsagningstid').")]),
    "key_term_restated_in_guideline": (
        restatements.key_term_restatements, MINIMAL,
        {"riktlinjer/riktlinje-oenighet.yaml": [(
            "  på regional nivå.", "  på regional nivå. Riktlinjen kan sägas upp\n  med en uppsägningstid om 6 månader.")]},
        [("key-term-restated", P + "riktlinjer/riktlinje-oenighet.yaml", 17, 28,
          "'riktlinje-oenighet' anger uppsägningstid till 6 månader, men del-a anger arton månader "
          "(nyckelvärdet 'uppsagningstid').")]),
    "period_references": (
        references.period_references, MINIMAL,
        {"del-c/lakarmedverkan.yaml": [(
            "Överenskommelsen gäller läkarmedverkan.",
            "Överenskommelsen gäller läkarmedverkan, som i [förra avtalet](ref:2019-2022:a-avtalstid) och "
            "[detta](ref:2023-2026:a-avtalstid) och [fel](ref:2023-2026:a-avtalstud).")]},
        [("reference-period-unknown", P + "del-c/lakarmedverkan.yaml", 20, 69,
          "Länken pekar in i perioden 2019-2022, som inte finns."),
         ("dangling-reference", P + "del-c/lakarmedverkan.yaml", 20, 145,
          "Länkmålet 'a-avtalstud' finns inte i perioden 2023-2026.")]),
    "period_reference_malformed": (
        references.period_references, MINIMAL,
        {"del-c/lakarmedverkan.yaml": [("(ref:a-samverkan-lokal)", "(ref:del-a:a-samverkan-lokal)")]},
        [("reference-period-malformed", P + "del-c/lakarmedverkan.yaml", 24, 55,
          "Länkmålet 'ref:del-a:a-samverkan-lokal' är varken ref:id eller ref:PERIOD:id.")]),
    "text_link_exact_position": (
        references.references, MINIMAL,
        {"del-c/lakarmedverkan.yaml": [("(ref:a-samverkan-lokal)", "(ref:a-samverkan-lokl)")]},
        [("dangling-reference", P + "del-c/lakarmedverkan.yaml", 24, 55,
          "Länkmålet 'a-samverkan-lokl' finns inte i perioden 2023-2026.")]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_reports_the_broken_thing(tmp_path, name):
    rule, source, edits, expected = CASES[name]
    corpus = broken(tmp_path, source, edits)
    assert found(rule(corpus)) == expected


_LEVEL = {"fel": "error", "varning": "warning", "tips": "notice"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_finding_reaches_every_format_of_avtal_check(tmp_path, capsys, name):
    """The same finding, at the same line and column, in the text, JSON and GitHub reports."""
    from avtal import cli

    _, source, edits, expected = CASES[name]
    broken(tmp_path, source, edits)
    reports = {}
    for form in ("text", "json", "github"):
        cli.main(["--root", str(tmp_path), "check", "--format", form])
        reports[form] = capsys.readouterr().out
    records = json.loads(reports["json"])
    for code, file, line, column, message in expected:
        [record] = [r for r in records if (r["code"], r["file"], r["line"], r["column"]) == (code, file, line, column)]
        assert record["message"] == message
        assert f"{file}:{line}:{column}: {record['severity']} [{code}] {message}\n" in reports["text"]
        assert (f"::{_LEVEL[record['severity']]} file={file},line={line},col={column},title={code}::"
                f"{message.replace('%', '%25')}") in reports["github"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_rule_is_registered(name):
    assert CASES[name][0] in checks.CHECKS


def test_hints_say_what_to_do(tmp_path):
    corpus = broken(tmp_path, MINIMAL, {"del-c/lakarmedverkan.yaml": [("(ref:a-samverkan-lokal)", "(ref:a-samverkan-lokl)")]})
    assert [f.hint for f in references.references(corpus)] == ["Menade du 'a-samverkan-lokal'?"]
    corpus = broken(tmp_path / "b", MINIMAL, {"riktlinjer/naromradesplan.yaml": [("parent: ok-lakarmedverkan", "parent: del-a")]})
    assert [f.hint for f in hierarchy.parents(corpus)] == [
        "Ett delregionalt eller lokalt styrdokument ligger under en överenskommelse, ett länsgemensamt styrdokument "
        "eller ett delregionalt styrdokument."]


def test_cross_period_link_to_an_existing_period_is_allowed(tmp_path):
    shutil.copytree(MINIMAL / "agreement", tmp_path / "agreement")
    older = tmp_path / "agreement" / "2019-2022"
    shutil.copytree(tmp_path / P, older)
    manifest = older / "period.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('id: "2023-2026"', 'id: "2019-2022"'),
                        encoding="utf-8")
    text = tmp_path / P / "del-c" / "lakarmedverkan.yaml"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "gäller läkarmedverkan.", "gäller läkarmedverkan, som [förut](ref:2019-2022:a-samverkan-lokal)."),
        encoding="utf-8")
    corpus, findings = load_corpus(tmp_path)
    assert findings == []
    assert references.period_references(corpus) == []
    assert references.references(corpus) == []


def test_the_minimal_fixture_is_clean():
    corpus, findings = load_corpus(MINIMAL)
    assert findings == []
    assert checks.run_checks(corpus, HIERARCHY_CHECKS + [references.references]) == []


def test_the_real_corpus_is_clean():
    corpus, findings = load_corpus(ROOT)
    assert findings == []
    assert checks.run_checks(corpus, HIERARCHY_CHECKS) == []


def test_the_real_hierarchy():
    period = load_corpus(ROOT)[0].periods["2023-2026"]
    g = hierarchy.graph(period)
    assert set(g) == set(period.documents) | set(period.guidelines)
    assert nx.is_directed_acyclic_graph(g)
    assert set(g.successors("hos-avtalet")) >= {"del-a", "del-b", "ok-lakarmedverkan", "ok-in-och-utskrivning",
                                                 "ok-munhalsa", "ok-psykisk-funktionsnedsattning-missbruk"}
    assert g.degree("fardplan") == 0  # the strategy stands beside the agreement
    assert list(g.predecessors("naromradesplan")) == ["ok-lakarmedverkan"]
    assert nx.descendants(g, "hos-avtalet") == set(g) - {"hos-avtalet", "fardplan"}


@pytest.mark.parametrize("text, expected", [
    ("Uppsägningstiden är tolv månader.", [("uppsagningstid", "tolv")]),
    ("Uppsägningstiden är 12 månader.", [("uppsagningstid", "12")]),
    ("Uppsägningstiden är arton månader.", []),  # the same value
    ("Uppsägningstiden är 18 månader.", []),
    ("Uppsägningstiden är {{uppsagningstid}}.", []),  # shown from the data
    ("Planen följs upp var 12:e månad. Uppsägning sker skriftligt.", []),  # not the same sentence
    ("Avtalet gäller i 12 månader.", []),  # the term is not named
    ("Enligt [uppsägningstiden](ref:a-avtalstid) gäller 6 månader.", [("uppsagningstid", "6")]),
])
def test_restatements(text, expected):
    term = load_corpus(MINIMAL)[0].periods["2023-2026"].key_terms[0]
    assert [(r.term.id, r.number) for r in restatements.restatements(text, [term])] == expected


@pytest.mark.parametrize("target, expected", [
    ("ref:a-avtalstid", (None, "a-avtalstid")),
    ("ref:2019-2022:a-avtalstid", ("2019-2022", "a-avtalstid")),
    ("https://example.org", None),
])
def test_split_ref(target, expected):
    assert references.split_ref(target) == expected


def test_positions_inside_folded_text():
    from avtal.load import load_text

    source = "id: x\ndescription: >-\n  Första raden\n  andra raden.\n\n\n  Tredje X stycket.\nnext: 1\n"
    file, _ = load_text(source, "t.yaml")
    value = file.data["description"]
    assert value == "Första raden andra raden.\n\nTredje X stycket."
    for needle, expected in (("andra", (4, 3)), ("X", (7, 10))):
        position = file.where_in_text(("description",), value.index(needle))
        assert (position.line, position.column) == expected
