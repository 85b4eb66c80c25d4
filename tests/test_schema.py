"""JSON Schema validation: for each kind of file a valid example and invalid ones, each invalid one
with the exact findings a user sees (code, line:column, Swedish message and hint).

Fixtures: tests/fixtures/schema/{valid,invalid}/<kind>/*.yaml, <kind> one of schema.KINDS.
Hints that list what the schema allows (keys, enum values) are matched by their beginning,
so adding a key to a schema does not break an unrelated case; everything else is exact.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from avtal.load import schema
from avtal.load import load_corpus
from avtal.findings import Position
from avtal.load import load_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "schema"
VALID = sorted((FIXTURES / "valid").glob("*/*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*/*.yaml"))


class Starts(str):
    """An expected hint given by its beginning."""


ID_HINT = "Ett id består av små bokstäver a–z, siffror och bindestreck, t.ex. b-lagstiftning."
EMPTY_HINT = "Fyll i ett värde; är fältet frivilligt kan du i stället ta bort det."
DATE_HINT = "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-31."
KEYS = "Tillåtna nycklar här: "


def required(name: str):
    return f"Obligatoriskt fält '{name}' saknas.", f"Lägg till '{name}:' här. Se schemas/ för vad fältet ska innehålla."


def enum(value: str, field: str, first_allowed: str):
    return f"Värdet '{value}' är inte tillåtet för '{field}'.", Starts(f"Tillåtna värden: {first_allowed}")


# "<kind>/<file>" -> [(code, line, column, message, hint)], in file order
EXPECTED = {
    # --- document -----------------------------------------------------------------
    "document/missing-title.yaml": [("schema-required", 1, 1, *required("title"))],
    "document/missing-section-id.yaml": [("schema-required", 15, 5, *required("id"))],  # the section's first line
    "document/unknown-key-close.yaml": [
        ("schema-unknown-key", 4, 1, "Okänd nyckel 'short_titel'.", Starts("Menade du 'short_title'? " + KEYS))],
    "document/unknown-key-in-section.yaml": [
        ("schema-unknown-key", 18, 9, "Okänd nyckel 'read_mor'.", Starts("Menade du 'read_more'? " + KEYS))],
    "document/unknown-key-far.yaml": [("schema-unknown-key", 7, 1, "Okänd nyckel 'färg'.", Starts(KEYS))],
    "document/wrong-enum.yaml": [("schema-enum", 2, 7, *enum("bilaga", "kind", "avtal, avtalsdel"))],
    "document/wrong-enum-nested.yaml": [
        ("schema-enum", 11, 13, "Värdet 'väsentlig' är inte tillåtet för 'nature'.",
         "Tillåtna värden: materiell, redaktionell.")],
    "document/bad-id.yaml": [("schema-id", 1, 5, "'Del_X' är inte ett giltigt id.", ID_HINT)],
    "document/bad-id-in-section.yaml": [
        ("schema-id", 19, 14, "'Avvikelse hantering' är inte ett giltigt id.", ID_HINT),  # a read_more ref
        ("schema-id", 20, 9, "'x.2' är inte ett giltigt id.", ID_HINT)],
    "document/bad-date.yaml": [("schema-date", 5, 13, "'2023-13-01' är inte ett giltigt datum.", DATE_HINT)],
    # one fault, one finding (not also "inte ett giltigt datum")
    "document/bad-date-form.yaml": [
        ("schema-date", 6, 11, "'31/12/2026' är inte ett datum i formen ÅÅÅÅ-MM-DD.",
         "Skriv datumet som t.ex. 2023-01-01.")],
    "document/version-number.yaml": [
        ("schema-type", 4, 10, "'version' ska vara text.", 'Sätt värdet inom citattecken: version: "1.0".')],
    "document/version-form.yaml": [
        ("schema-pattern", 4, 10, "Värdet 'v1.0' har fel form för 'version'.",
         'Skriv versionen som siffror med punkt emellan, t.ex. "1.0" eller "1.2.1".')],
    "document/wrong-type-list.yaml": [("schema-type", 4, 12, "'read_with' ska vara en lista.", "Kontrollera värdets form.")],
    # at the tag inside the block, not at the `text: |` line
    "document/html-in-text.yaml": [
        ("schema-html", 18, 16, "Texten innehåller HTML, som inte är tillåten.",
         "Skriv texten som vanlig text; använd Markdown för listor och länkar.")],
    "document/empty-title.yaml": [("schema-empty", 3, 8, "'title' får inte vara tomt.", EMPTY_HINT)],
    "document/empty-changelog.yaml": [("schema-empty", 7, 12, "'changelog' får inte vara tomt.", EMPTY_HINT)],
    # --- guideline ----------------------------------------------------------------
    "guideline/missing-parent.yaml": [("schema-required", 1, 1, *required("parent"))],
    "guideline/unknown-key-close.yaml": [
        ("schema-unknown-key", 6, 1, "Okänd nyckel 'implement'.", Starts("Menade du 'implements'? " + KEYS))],
    "guideline/wrong-enum.yaml": [
        ("schema-enum", 3, 8, "Värdet 'regional' är inte tillåtet för 'level'.",
         "Tillåtna värden: lansgemensam, delregional, lokal.")],
    "guideline/bad-id.yaml": [("schema-id", 5, 9, "'Del A' är inte ett giltigt id.", ID_HINT)],
    "guideline/bad-date.yaml": [("schema-date", 8, 13, "'2024-02-30' är inte ett giltigt datum.", DATE_HINT)],
    "guideline/version-number.yaml": [
        ("schema-type", 7, 10, "'version' ska vara text.", 'Sätt värdet inom citattecken: version: "2".')],
    "guideline/http-url.yaml": [
        ("schema-pattern", 6, 6, "Värdet 'http://www.vardsamverkan.se/riktlinje-x' har fel form för 'url'.",
         "Skriv hela webbadressen med https://, t.ex. https://www.vardsamverkan.se/.")],
    "guideline/empty-title.yaml": [("schema-empty", 4, 8, "'title' får inte vara tomt.", EMPTY_HINT)],
    # --- period -------------------------------------------------------------------
    "period/missing-key-terms.yaml": [("schema-required", 1, 1, *required("key_terms"))],
    "period/wrong-enum.yaml": [
        ("schema-enum", 3, 9, "Värdet 'aktiv' är inte tillåtet för 'status'.",
         "Tillåtna värden: gallande, utkast, upphavd.")],
    # an en dash, as in the title: the period id needs a plain hyphen
    "period/bad-period-id.yaml": [
        ("schema-id", 1, 5, "'2023–2026' är inte ett giltigt id för en avtalsperiod.",
         "Skriv första och sista året med ett vanligt bindestreck, t.ex. 2023-2026.")],
    "period/unknown-key-close.yaml": [
        ("schema-unknown-key", 10, 5, "Okänd nyckel 'datum'.", Starts("Menade du 'date'? " + KEYS))],
    "period/key-term-incomplete.yaml": [
        ("schema-required", 9, 5, *required("clause")),
        ("schema-enum", 11, 11, *enum("månader", "type", "datumintervall, varaktighet"))],
    "period/bad-date.yaml": [("schema-date", 5, 11, "'2026-12-32' är inte ett giltigt datum.", DATE_HINT)],
    "period/empty-title.yaml": [("schema-empty", 2, 8, "'title' får inte vara tomt.", EMPTY_HINT)],
    # --- statutes -----------------------------------------------------------------
    # YAML reads an unquoted 2017:30 as the number 121050; the hint shows what the author typed
    "statutes/sfs-number.yaml": [
        ("schema-type", 3, 10, "'sfs' ska vara text.", 'Sätt värdet inom citattecken: sfs: "2017:30".')],
    "statutes/missing-title.yaml": [("schema-required", 7, 5, *required("title"))],
    "statutes/wrong-enum.yaml": [("schema-enum", 4, 11, *enum("balk", "kind", "lag"))],
    "statutes/bad-chapter.yaml": [
        ("schema-pattern", 7, 22, "Värdet '13a' har fel form för 'chapters'.",
         'Skriv kapitlets nummer, och för ett infogat kapitel en liten bokstav efter ett mellanslag, t.ex. "13 a".')],
    "statutes/sfs-form.yaml": [
        ("schema-pattern", 3, 10, "Värdet '2017-30' har fel form för 'sfs'.",
         "Skriv SFS-numret som år:löpnummer, t.ex. 2017:30.")],
    "statutes/unknown-key-close.yaml": [
        ("schema-unknown-key", 7, 5, "Okänd nyckel 'repealed'.", Starts("Menade du 'repealed_from'? " + KEYS))],
    "statutes/bad-id.yaml": [("schema-id", 2, 9, "'HSL' är inte ett giltigt id.", ID_HINT)],
    # --- glossary -----------------------------------------------------------------
    "glossary/wrong-enum.yaml": [
        ("schema-enum", 4, 11, "Värdet 'akronym' är inte tillåtet för 'kind'.", "Tillåtna värden: forkortning, begrepp.")],
    "glossary/missing-term.yaml": [("schema-required", 5, 5, *required("term"))],
    "glossary/unknown-key-close.yaml": [
        ("schema-unknown-key", 5, 5, "Okänd nyckel 'synonym'.", Starts("Menade du 'synonyms'? " + KEYS))],
    "glossary/wrong-type.yaml": [("schema-type", 5, 15, "'synonyms' ska vara en lista.", "Kontrollera värdets form.")],
    "glossary/bad-id.yaml": [("schema-id", 5, 10, "'A.6 SIP' är inte ett giltigt id.", ID_HINT)],
    "glossary/not-a-list.yaml": [("schema-type", 2, 3, "'terms' ska vara en lista.", "Kontrollera värdets form.")],
}


def key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def load(path: Path):
    loaded, problems = load_file(path, ROOT)
    assert problems == [], "a schema fixture must be well-formed YAML"
    return loaded


def test_fixture_folders_are_the_schema_kinds():
    assert sorted(p.name for p in (FIXTURES / "valid").iterdir()) == sorted(schema.KINDS)
    assert sorted(p.name for p in (FIXTURES / "invalid").iterdir()) == sorted(schema.KINDS)


def test_every_invalid_fixture_has_an_expectation():
    assert sorted(key(p) for p in INVALID) == sorted(EXPECTED)


def test_every_kind_has_the_basic_faults():
    """Each kind has a missing field, an unknown key and a wrong enum value among its fixtures."""
    for kind in schema.KINDS:
        codes = {f[0] for name, found in EXPECTED.items() if name.startswith(kind + "/") for f in found}
        assert {"schema-required", "schema-unknown-key", "schema-enum"} <= codes, kind


@pytest.mark.parametrize("path", VALID, ids=[key(p) for p in VALID])
def test_valid_file_has_no_findings(path: Path):
    assert schema.validate(path.parent.name, load(path)) == []


@pytest.mark.parametrize("path", INVALID, ids=[key(p) for p in INVALID])
def test_invalid_file_gives_the_exact_findings(path: Path):
    findings = sorted(schema.validate(path.parent.name, load(path)), key=lambda f: (f.position.line, f.position.column))
    shown = path.relative_to(ROOT).as_posix()
    got = [(f.code, f.position, f.message) for f in findings]
    want = [(code, Position(shown, line, column), message) for code, line, column, message, _ in EXPECTED[key(path)]]
    assert got == want
    for finding, (*_, hint) in zip(findings, EXPECTED[key(path)]):
        if isinstance(hint, Starts):
            assert finding.hint.startswith(hint), finding.hint
        else:
            assert finding.hint == hint


def test_a_far_unknown_key_gets_no_guess():
    path = FIXTURES / "invalid" / "document" / "unknown-key-far.yaml"
    [finding] = schema.validate("document", load(path))
    assert "Menade du" not in finding.hint
    assert "short_title" in finding.hint and "valid_from" in finding.hint  # the allowed keys are listed


def test_every_unknown_key_is_reported_not_only_the_first(tmp_path: Path):
    path = tmp_path / "d.yaml"
    text = (FIXTURES / "valid" / "document" / "minimal.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("title: Del X\n", "titel: Del X\ntitle: Del X\nstatus: gallande\n"), encoding="utf-8")
    loaded, _ = load_file(path, tmp_path)
    found = [(f.code, f.position.line, f.message) for f in schema.validate("document", loaded)]
    assert found == [("schema-unknown-key", 3, "Okänd nyckel 'titel'."),
                     ("schema-unknown-key", 5, "Okänd nyckel 'status'.")]


def test_the_real_corpus_is_schema_valid():
    _, findings = load_corpus(ROOT)
    assert [f for f in findings if f.code.startswith(("schema-", "yaml-", "file-"))] == []
