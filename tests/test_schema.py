"""JSON Schema validation: for each kind of file a valid example and invalid ones, each invalid one
with the exact findings a user sees (code, line:column, Swedish message and hint).

Fixtures: tests/fixtures/schema/{valid,invalid}/<kind>/*.yaml, <kind> one of schema.KINDS; each
invalid name.yaml has its expected findings beside it in name.expected (tests/expected_findings.py).
Hints that list what the schema allows (keys, enum values) end in "…" there and are matched by their
beginning, so adding a key to a schema does not break an unrelated case; everything else is exact.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from avtal.load import schema
from avtal.load import load_corpus
from avtal.findings import Position
from avtal.load import load_file

import expected_findings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "schema"
VALID = sorted((FIXTURES / "valid").glob("*/*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*/*.yaml"))


class Starts(str):
    """An expected hint given by its beginning."""


def key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _expected(sidecar: Path) -> list[tuple]:
    """(code, line, column, message, hint) of each finding name.expected lists; a hint ending in "…" is a Starts."""
    return [(f.code, f.line, f.column, f.message, Starts(f.hint_prefix) if f.hint_is_prefix else f.hint)
            for f in expected_findings.read(sidecar)]


# "<kind>/<file>" -> [(code, line, column, message, hint)], in file order, read from <file>.expected beside each fixture
EXPECTED = {key(expected_findings.fixture_of(s)): _expected(s)
            for s in sorted((FIXTURES / "invalid").glob("*/*" + expected_findings.SUFFIX))}


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
    """Each kind has a missing field, an unknown key and (where its schema has one) a wrong enum value among
    its fixtures."""
    for kind in schema.KINDS:
        codes = {f[0] for name, found in EXPECTED.items() if name.startswith(kind + "/") for f in found}
        basic = {"schema-required", "schema-unknown-key"} | ({"schema-enum"} if kind not in ("decision", "reviewed") else set())
        assert basic <= codes, kind


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


# --- what VS Code shows on hover and in completion ------------------------------------------------

def _properties(node, path=()):
    """(path, property schema) of every property in a schema document, $defs included."""
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            yield path + (key,), sub
        for key, sub in node.items():
            yield from _properties(sub, path + (key,))
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, path + (i,))


AUTHORED = sorted(name for name in schema.read_schemas() if name != "export.schema.json")


@pytest.mark.parametrize("name", AUTHORED)
def test_every_property_and_enum_value_has_a_swedish_title_and_description(name):
    """An editor hovering over any key in VS Code reads what it is in Swedish, and completion explains each
    allowed value (enumDescriptions, read by the YAML extension)."""
    missing = []
    for path, sub in _properties(schema.read_schemas()[name]):
        where = "/".join(map(str, path))
        for word in ("title", "description"):
            if not isinstance(sub.get(word), str) or not sub[word].strip():
                missing.append(f"{where}: {word}")
        if "enum" in sub and len(sub.get("enumDescriptions", [])) != len(sub["enum"]):
            missing.append(f"{where}: enumDescriptions")
    assert missing == []


def test_a_schema_has_no_id_a_tool_would_fetch():
    """No $id: relative $ref then resolve beside the file (check-jsonschema and older YAML extensions fetched
    the https://avtal.local/ ids), and the validator still resolves them (every fixture above validates)."""
    assert [name for name, s in schema.read_schemas().items() if "$id" in s] == []
    assert schema.resolve("common.schema.json#/$defs/id", schema.schema_of("document"))[0]["pattern"] == \
        "^[a-z0-9]+(-[a-z0-9]+)*$"
