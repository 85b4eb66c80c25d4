"""The strict loader: every fault in a YAML file becomes one finding with file, line, column
and a Swedish message; valid files load with the positions an editor shows.

Fixtures live in tests/fixtures/loader/{valid,invalid}/; each invalid file name.yaml has exactly
one expected finding, kept beside it in name.expected (tests/expected_findings.py reads it), and
every file in the folder must have one (no untested fixture). The places an editor shows in the
valid files (a value, a key, a word inside a text) are listed beside each in name.where.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from avtal.findings import Position, Severity
from avtal.load import load_file, load_text

import expected_findings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "loader"
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def _expected(sidecar: Path) -> tuple[str, int, int, str, str]:
    [finding] = expected_findings.read(sidecar)  # one fault, one finding
    return finding.code, finding.line, finding.column, finding.message, finding.hint


# file name -> (code, line, column, message, hint), read from name.expected beside each fixture
EXPECTED = {expected_findings.fixture_of(s).name: _expected(s)
            for s in sorted((FIXTURES / "invalid").glob("*" + expected_findings.SUFFIX))}


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_every_invalid_fixture_has_an_expectation():
    assert sorted(p.name for p in INVALID) == sorted(EXPECTED)


def test_fixture_encodings_are_as_intended():
    """The Latin-1 fixtures must stay Latin-1 (an editor could silently re-save them as UTF-8)."""
    raw = (FIXTURES / "invalid" / "latin1.yaml").read_bytes()
    assert b"H\xe4lso" in raw
    assert (FIXTURES / "valid" / "bom.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in (FIXTURES / "valid" / "crlf.yaml").read_bytes()
    assert b"\t" in (FIXTURES / "invalid" / "tab-indentation.yaml").read_bytes()
    assert b"\x0c" in (FIXTURES / "invalid" / "control-character.yaml").read_bytes()


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_file_gives_one_exact_finding(path: Path):
    code, line, column, message, hint = EXPECTED[path.name]
    loaded, findings = load_file(path, ROOT)
    assert [(f.code, f.position, f.message, f.hint) for f in findings] == [
        (code, Position(shown(path), line, column), message, hint)]
    assert findings[0].severity is Severity.ERROR
    assert str(findings[0].position) == f"{shown(path)}:{line}:{column}"


@pytest.mark.parametrize("name", ["duplicate-key.yaml", "duplicate-key-nested.yaml"])
def test_duplicate_key_names_the_first_occurrence_and_keeps_it(name: str):
    path = FIXTURES / "invalid" / name
    loaded, findings = load_file(path, ROOT)
    [(first_line, column)] = expected_findings.read(expected_findings.sidecar(path))[0].related
    assert findings[0].related == (Position(shown(path), first_line, column),)
    assert loaded is not None  # the rest of the file is still usable
    if name == "duplicate-key.yaml":
        assert loaded.data["title"] == "Del X"
    else:
        assert loaded.data["sections"][1]["sections"][0]["text"] == "Lokalt.\n"


@pytest.mark.parametrize("name", ["complex-key.yaml"])
def test_complex_key_is_skipped_not_fatal(name: str):
    loaded, _ = load_file(FIXTURES / "invalid" / name, ROOT)
    assert loaded.data == {"id": "del-x"}


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_file_loads_without_findings(path: Path):
    loaded, findings = load_file(path, ROOT)
    assert findings == []
    assert loaded is not None and loaded.path == shown(path)
    assert isinstance(loaded.data, dict) and loaded.data


def places(kind: str) -> list[tuple]:
    """(file name, path, [word,] line, column) of each `kind` line (where, key or text) of the .where files
    kept beside the valid fixtures: the places an editor shows, in the form document.where describes."""
    found = []
    for sidecar in sorted((FIXTURES / "valid").glob("*.where")):
        fixture = sidecar.with_suffix(".yaml")
        assert fixture.is_file(), f"{sidecar.name} hör inte till någon fixtur"
        for text in sidecar.read_text(encoding="utf-8").splitlines():
            fields = shlex.split(text, comments=True)
            assert not fields or fields[0] in ("where", "key", "text"), f"{sidecar.name}: {text}"
            if not fields or fields[0] != kind:
                continue
            raw_path, *word, at = fields[1:]
            path = () if raw_path == "." else tuple(int(k) if k.isdigit() else k for k in raw_path.split("/"))
            line, column = map(int, at.split(":"))
            found.append((fixture.name, path, *word, line, column))
    return found


# (file, path, line, column) of values an editor shows at exactly that place, from valid/*.where
POSITIONS = places("where")


@pytest.mark.parametrize("name,path,line,column", POSITIONS, ids=[f"{p[0]}:{'/'.join(map(str, p[1]))}" for p in POSITIONS])
def test_where(name, path, line, column):
    loaded, _ = load_file(FIXTURES / "valid" / name, ROOT)
    assert loaded.where(path) == Position(f"tests/fixtures/loader/valid/{name}", line, column)


@pytest.mark.parametrize("name,path,line,column", places("key"))
def test_where_key(name, path, line, column):
    loaded, _ = load_file(FIXTURES / "valid" / name, ROOT)
    assert loaded.where_key(path) == Position(f"tests/fixtures/loader/valid/{name}", line, column)


@pytest.mark.parametrize("name,path,word,line,column", places("text"))
def test_where_in_text(name, path, word, line, column):
    assert_word_at(name, path, word, line, column)


def assert_word_at(name, path, word, line, column):
    loaded, _ = load_file(FIXTURES / "valid" / name, ROOT)
    value = loaded.data
    for key in path:
        value = value[key]
    found = loaded.where_in_text(path, value.index(word))
    assert (found.line, found.column) == (line, column)
    source_line = loaded.source.splitlines()[line - 1]
    assert source_line[column - 1:].startswith(word)


def test_values_are_what_the_author_typed():
    loaded, _ = load_file(FIXTURES / "valid" / "document.yaml", ROOT)
    data = loaded.data
    assert data["valid_from"] == "2023-01-01"  # a date stays the text typed, not a datetime.date
    assert data["changelog"][0]["date"] == "2022-06-01"
    assert data["version"] == "1.0" and data["number"] == "X"
    assert data["read_with"] == ["del-a", "del-b"]
    assert data["sections"][0]["text"] == "Första stycket om hälso- och sjukvård.\n\nAndra stycket: med kolon i texten.\n"
    assert data["sections"][1]["text"] == "Kommunen ansvarar för insatser utförda av sjuksköterska."


def test_unquoted_version_stays_a_number_for_the_schema_to_reject():
    loaded, findings = load_text("version: 1.0\nid: 2023\n", "x.yaml")
    assert findings == [] and loaded.data == {"version": 1.0, "id": 2023}


def test_missing_file_is_a_finding_not_a_crash(tmp_path: Path):
    loaded, findings = load_file(tmp_path / "finns-inte.yaml", tmp_path)
    assert loaded is None
    assert [(f.code, str(f.position), f.message) for f in findings] == [
        ("file-unreadable", "finns-inte.yaml:1:1", "Filen kan inte läsas: No such file or directory.")]


@pytest.mark.parametrize("text,code,line,column", [
    ("id: a\ntitle: x\x00y\n", "file-character", 2, 9),
    ("id: a\nb: *saknas\n", "yaml-anchor", 2, 4),  # an alias, refused before YAML looks for its anchor
    ('id: a\ntitle: "fel \\q"\n', "yaml-syntax", 2, 13),  # the unknown escape \q, at its backslash
    ("id: a\ntitle: !!python/object:os.system x\n", "yaml-value", 2, 8),
])
def test_other_faults_never_raise(text, code, line, column):
    loaded, findings = load_text(text, "x.yaml")
    assert loaded is None
    assert [(f.code, f.position) for f in findings] == [(code, Position("x.yaml", line, column))]
    assert all(f.message.endswith(".") and "Traceback" not in f.message for f in findings)
