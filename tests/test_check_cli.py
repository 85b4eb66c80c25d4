"""`avtal check` end to end: exit status, the three report formats, messages at file:line:column,
no traceback for any bad input, and agreement/ left untouched.

Each case copies a small valid corpus (tests/fixtures/cli/valid: period, agreement, one part, one
arrangement, one guideline, registers) or the real agreement/ to tmp_path and breaks it there.
"""

from __future__ import annotations

import hashlib
import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from avtal import cli

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "tests" / "fixtures" / "cli" / "valid"
LOADER_INVALID = sorted((ROOT / "tests" / "fixtures" / "loader" / "invalid").glob("*.yaml"))
SCHEMA_INVALID = sorted((ROOT / "tests" / "fixtures" / "schema" / "invalid").glob("*/*.yaml"))
AVTAL = Path(sys.executable).with_name("avtal")  # the venv's console script
P = "agreement/2023-2026/"


# --- helpers ------------------------------------------------------------------------------

def project(tmp_path: Path, source: Path = VALID) -> Path:
    root = tmp_path / "projekt"
    shutil.copytree(source / "agreement", root / "agreement")
    shutil.copy(source / "mkdocs.yml" if (source / "mkdocs.yml").exists() else VALID / "mkdocs.yml", root / "mkdocs.yml")
    return root


def edit(root: Path, name: str, old: str, new: str) -> int:
    """Replace old (which must occur exactly once) in agreement/2023-2026/name; return the 1-based line of new."""
    path = root / P / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def check(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--root", str(root), "check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true")
    env.pop("AVTAL_DEBUG", None)
    return subprocess.run([str(AVTAL), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def findings_json(root: Path, capsys) -> list[dict]:
    code, out, err = check(root, capsys, "--format", "json")
    assert err == ""
    return json.loads(out)


def errors(root: Path, capsys) -> list[tuple[str, str, int, int, str, str]]:
    return [(f["code"], f["file"], f["line"], f["column"], f["message"], f["hint"])
            for f in findings_json(root, capsys) if f["severity"] == "fel"]


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir",
                                               p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


# --- exit status and text report ------------------------------------------------------------

def test_clean_corpus_exits_0(tmp_path, capsys):
    root = project(tmp_path)
    assert check(root, capsys) == (0, "Inga fel hittades.\n", "")


def test_clean_corpus_as_a_process_found_from_a_subfolder(tmp_path):
    root = project(tmp_path)
    result = run(["check"], cwd=root / "agreement" / "2023-2026")
    assert (result.returncode, result.stdout, result.stderr) == (0, "Inga fel hittades.\n", "")


def test_outside_a_project_exits_2(tmp_path):
    result = run(["check"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (f"avtal: hittar ingen projektmapp (med agreement/ och mkdocs.yml) i {tmp_path.resolve()} "
                             "eller ovanför; kör kommandot i projektet eller ange --root.\n")


def test_root_that_is_not_a_project_exits_2(tmp_path, capsys):
    code, out, err = check(tmp_path / "finns-inte", capsys)
    assert (code, out) == (2, "")
    assert err == f"avtal: {(tmp_path / 'finns-inte').resolve()} är ingen projektmapp: mappen agreement/ saknas.\n"


def test_duplicate_document_id(tmp_path, capsys):
    root = project(tmp_path)
    edit(root, "del-c/lakarmedverkan.yaml", "id: ok-lakarmedverkan\n", "id: del-a\n")
    code, out, err = check(root, capsys)
    assert (code, err) == (1, "")
    assert out == (
        f"{P}del-c/lakarmedverkan.yaml:1:5: fel [duplicate-id] Id 'del-a' används redan av ett annat dokument "
        "i perioden 2023-2026.\n"
        f"    tips: Ge dokumentet ett eget id; det andra står i {P}del-a.yaml:1:1.\n"
        f"    se även: {P}del-a.yaml:1:1\n"
        "1 fel, 0 varningar, 0 tips.\n")


def test_duplicate_section_id_across_two_documents(tmp_path, capsys):
    root = project(tmp_path)
    line = edit(root, "del-c/lakarmedverkan.yaml", "  - id: lak-ansvar\n", "  - id: a-sip\n")
    assert errors(root, capsys) == [(
        "duplicate-id", P + "del-c/lakarmedverkan.yaml", line, 9, "Id 'a-sip' används redan i perioden 2023-2026.",
        f"Ge avsnittet ett eget id; det första står i {P}del-a.yaml:17:9.")]


def test_dangling_read_more_names_the_closest_id(tmp_path, capsys):
    root = project(tmp_path)
    line = edit(root, "del-a.yaml", "ref: riktlinje-sip\n", "ref: riktlinje-sipp\n")
    code, out, err = check(root, capsys)
    assert (code, err) == (1, "")
    assert out == (
        f"{P}del-a.yaml:{line}:14: fel [dangling-reference] Läs mer-länkens mål 'riktlinje-sipp' finns inte "
        "i perioden 2023-2026.\n"
        "    tips: Menade du 'riktlinje-sip'?\n"
        "1 fel, 0 varningar, 0 tips.\n")


def test_dangling_text_link_points_into_the_text(tmp_path, capsys):
    root = project(tmp_path)
    line = edit(root, "del-c/lakarmedverkan.yaml", "(ref:del-a)", "(ref:del-b)")
    # column of the target "ref:del-b" in "      VGR ansvarar för läkarinsatser, se [Del A](ref:del-b)."
    assert errors(root, capsys) == [(
        "dangling-reference", P + "del-c/lakarmedverkan.yaml", line, 50,
        "Länkmålet 'del-b' finns inte i perioden 2023-2026.", "Menade du 'del-a'?")]


def test_dangling_parent_of_a_guideline(tmp_path, capsys):
    root = project(tmp_path)
    line = edit(root, "riktlinjer/riktlinje-sip.yaml", "parent: del-a\n", "parent: del-x\n")
    found = errors(root, capsys)
    assert found[0] == ("dangling-reference", P + "riktlinjer/riktlinje-sip.yaml", line, 9,
                        "Överordnat dokument 'del-x' finns inte i perioden 2023-2026.", "Menade du 'del-a'?")
    # the hierarchy check says what this cuts off, at the same place
    assert [(f[0], f[2], f[3]) for f in found[1:]] == [("hierarchy-unreachable", line, 9)]


def test_dangling_parent_of_an_arrangement(tmp_path, capsys):
    root = project(tmp_path)
    line = edit(root, "del-c/lakarmedverkan.yaml", "parent: hos-avtalet\n", "parent: hos-avtal\n")
    found = errors(root, capsys)
    assert found[0] == ("dangling-reference", P + "del-c/lakarmedverkan.yaml", line, 9,
                        "Överordnat dokument 'hos-avtal' finns inte i perioden 2023-2026.", "Menade du 'hos-avtalet'?")


def test_warning_fails_only_with_strict(tmp_path, capsys):
    root = project(tmp_path)
    edit(root, "del-c/lakarmedverkan.yaml", "VGR ansvarar för läkarinsatser", "Enligt 12 kap. 1 § ansvarar VGR för läkarinsatser")
    code, out, _ = check(root, capsys)
    assert code == 0 and "varning [statute-unresolved]" in out and out.endswith("0 fel, 1 varning, 0 tips.\n")
    code, out, _ = check(root, capsys, "--strict")
    assert code == 1 and out.endswith("0 fel, 1 varning, 0 tips.\n")


# --- report formats --------------------------------------------------------------------------

def dangling(tmp_path) -> tuple[Path, int]:
    root = project(tmp_path)
    return root, edit(root, "del-a.yaml", "ref: riktlinje-sip\n", "ref: riktlinje-sipp\n")


def test_json_report(tmp_path, capsys):
    root, line = dangling(tmp_path)
    code, out, err = check(root, capsys, "--format", "json")
    assert (code, err) == (1, "")
    assert json.loads(out) == [{
        "code": "dangling-reference", "severity": "fel", "file": P + "del-a.yaml", "line": line, "column": 14,
        "message": "Läs mer-länkens mål 'riktlinje-sipp' finns inte i perioden 2023-2026.",
        "hint": "Menade du 'riktlinje-sip'?", "related": []}]


def test_json_report_of_a_clean_corpus_is_an_empty_list(tmp_path, capsys):
    assert check(project(tmp_path), capsys, "--format", "json") == (0, "[]\n", "")


def test_github_report(tmp_path, capsys):
    root, line = dangling(tmp_path)
    edit(root, "del-c/lakarmedverkan.yaml", "  - id: lak-ansvar\n", "  - id: a-sip\n")
    code, out, err = check(root, capsys, "--format", "github")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[-1] == "2 fel, 0 varningar, 0 tips."
    assert all(x.startswith("::error file=") for x in lines[:-1]) and len(lines) == 3
    assert lines[0] == (
        f"::error file={P}del-a.yaml,line={line},col=14,title=dangling-reference::"
        "Läs mer-länkens mål 'riktlinje-sipp' finns inte i perioden 2023-2026.%0Atips: Menade du 'riktlinje-sip'?")
    assert lines[1].startswith(f"::error file={P}del-c/lakarmedverkan.yaml,line=18,col=9,title=duplicate-id::")


# --- never a traceback ---------------------------------------------------------------------

def _place(fixture: Path) -> str:
    """Where a schema fixture of its kind lives in a corpus (replacing the file there, if any)."""
    kind = fixture.parent.name
    return {"document": P + "del-x.yaml", "guideline": P + "riktlinjer/riktlinje-x.yaml", "period": P + "period.yaml",
            "statutes": "agreement/register/lagar.yaml", "glossary": "agreement/register/begrepp.yaml",
            "change": P + "andringar/2025-02-20-x.yaml", "decision": P + "beslut/x.yaml",
            "reviewed": "agreement/granskade.yaml",
            "responsibility": "agreement/register/ansvar.yaml", "areas": "agreement/register/omraden.yaml"}[kind]

@pytest.mark.parametrize("fixture", LOADER_INVALID, ids=[p.name for p in LOADER_INVALID])
def test_malformed_file_in_a_corpus(tmp_path, capsys, fixture: Path):
    root = project(tmp_path)
    shutil.copy(fixture, root / P / "del-x.yaml")
    code, out, err = check(root, capsys)
    assert code == 1 and err == ""
    from avtal.load import load_file

    _, [own] = load_file(fixture)  # the loader's finding for this file, now at its place in the corpus
    assert f"{P}del-x.yaml:{own.position.line}:{own.position.column}: fel [{own.code}] {own.message}\n" in out
    named = [line.split(":")[0] for line in out.splitlines() if " fel [" in line]
    assert named and set(named) == {P + "del-x.yaml"}, "nothing follows elsewhere from del-x.yaml being unusable"


@pytest.mark.parametrize("fixture", SCHEMA_INVALID, ids=[f"{p.parent.name}/{p.name}" for p in SCHEMA_INVALID])
def test_schema_invalid_file_in_a_corpus(tmp_path, capsys, fixture: Path):
    root = project(tmp_path)
    place = _place(fixture)
    (root / place).parent.mkdir(exist_ok=True)
    shutil.copy(fixture, root / place)
    code, out, err = check(root, capsys)
    assert code == 1 and err == "" and "internt fel" not in out
    assert f"{place}:" in out


BAD_INPUTS = {
    "malformed": ("del-a.yaml", "title: Del A, Gemensam avtalstext\n", "title: Del A: Gemensam avtalstext\n"),
    "tab": ("del-a.yaml", "  - id: a-sip\n", "\t- id: a-sip\n"),
    "duplicate-key": ("avtal.yaml", "version: \"1.0\"\nvalid_from", "version: \"1.0\"\nversion: \"1.1\"\nvalid_from"),
    "empty-period": ("period.yaml", None, ""),
    "period-list": ("period.yaml", None, "- 2023-2026\n"),
    "guideline-scalar": ("riktlinjer/riktlinje-sip.yaml", None, "riktlinje\n"),
    "latin1": ("del-a.yaml", None, "id: del-a\ntitle: Sj\xe4lvst\xe4ndig\n".encode("latin-1")),
    "nul": ("del-a.yaml", None, "id: del-a\x00\n"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_never_gives_a_traceback(tmp_path, name):
    root = project(tmp_path)
    file, old, new = BAD_INPUTS[name]
    path = root / P / file
    if old is not None:
        edit(root, file, old, new)
    elif isinstance(new, bytes):
        path.write_bytes(new)
    else:
        path.write_text(new, encoding="utf-8")
    for fmt in ("text", "json", "github"):
        result = run(["--root", str(root), "check", "--format", fmt], cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert result.stderr == ""
        assert "Traceback" not in result.stdout and "internt fel" not in result.stdout
        assert f"{P}{file}" in result.stdout


# --- check never writes -------------------------------------------------------------------

@pytest.mark.parametrize("broken", [False, True])
def test_check_leaves_agreement_untouched(tmp_path, broken):
    root = project(tmp_path)
    if broken:
        edit(root, "del-a.yaml", "ref: riktlinje-sip\n", "ref: riktlinje-sipp\n")
        (root / P / "avtal.yaml").write_text("id: [\n", encoding="utf-8")
    before = snapshot(root / "agreement")
    for fmt in ("text", "json", "github"):
        result = run(["--root", str(root), "check", "--format", fmt, "--strict"], cwd=root)
        assert result.returncode == (1 if broken else 0)
    assert snapshot(root / "agreement") == before  # same files, same bytes, same modification times


# --- the real corpus, broken in six files ----------------------------------------------------

def first_non_ascii(raw: bytes) -> tuple[int, int]:
    at = next(i for i, b in enumerate(raw) if b > 0x7F)
    line_start = raw.rfind(b"\n", 0, at) + 1
    return raw.count(b"\n", 0, at) + 1, at - line_start + 1  # the line before is ASCII: bytes are columns


def test_a_broken_copy_of_the_real_corpus_names_every_fault_by_file_and_line(tmp_path, capsys):
    root = project(tmp_path, ROOT)
    # 1. malformed YAML: a colon in an unquoted value
    l1 = edit(root, "del-b.yaml", "short_title: Del B\n", "short_title: Del B: Hälso- och sjukvårdsavtalet\n")
    # 2. a required field missing
    edit(root, "del-c/munhalsa.yaml", '\nversion: "1.0"\n', "\n")
    # 3. an unknown key (a typo of title)
    l3 = edit(root, "fardplan.yaml", "  - id: fp-inledning\n", "  - id: fp-inledning\n    titel: Inledning\n") + 1
    # 4. a section id used twice, in two documents
    l4 = edit(root, "del-c/lakarmedverkan.yaml", "  - id: lak-inledning\n", "  - id: a-inledning\n")
    # 5. a läs mer that points nowhere
    l5 = edit(root, "del-c/in-och-utskrivning.yaml", "ref: samverkan-in-och-utskrivning-webb\n",
              "ref: samverkan-in-och-utskrivnings-webb\n")
    # 6. a guideline saved in Windows-1252 instead of UTF-8
    plan = root / P / "riktlinjer" / "naromradesplan.yaml"
    plan.write_bytes(plan.read_text(encoding="utf-8").encode("cp1252"))
    l6, c6 = first_non_ascii(plan.read_bytes())

    def indent(name: str, line: int) -> int:
        text = (root / P / name).read_text(encoding="utf-8").splitlines()[line - 1]
        return len(text) - len(text.lstrip())

    found = errors(root, capsys)
    # exactly six errors, one per fault, sorted by file: nothing follows from the three unusable files
    assert [(code, file, line, column) for code, file, line, column, *_ in found] == [
        ("yaml-syntax", P + "del-b.yaml", l1, 19),
        ("dangling-reference", P + "del-c/in-och-utskrivning.yaml", l5, indent("del-c/in-och-utskrivning.yaml", l5) + 6),
        ("duplicate-id", P + "del-c/lakarmedverkan.yaml", l4, indent("del-c/lakarmedverkan.yaml", l4) + 7),
        ("schema-required", P + "del-c/munhalsa.yaml", 1, 1),
        ("schema-unknown-key", P + "fardplan.yaml", l3, 5),
        ("file-encoding", P + "riktlinjer/naromradesplan.yaml", l6, c6),
    ]
    assert [message for _, _, _, _, message, _ in found] == [
        "Filen är inte giltig YAML: ett kolon står där det inte får stå (sätt texten inom citattecken).",
        "Läs mer-länkens mål 'samverkan-in-och-utskrivnings-webb' finns inte i perioden 2023-2026.",
        "Id 'a-inledning' används redan i perioden 2023-2026.",
        "Obligatoriskt fält 'version' saknas.",
        "Okänd nyckel 'titel'.",
        "Filen är inte kodad i UTF-8.",
    ]
    assert found[1][5] == "Menade du 'samverkan-in-och-utskrivning-webb'?"
    first = (root / P / "del-a.yaml").read_text(encoding="utf-8").splitlines().index("  - id: a-inledning") + 1
    assert found[2][5] == f"Ge avsnittet ett eget id; det första står i {P}del-a.yaml:{first}:9."
    assert found[4][5].startswith("Menade du 'title'?")


@pytest.mark.parametrize("named, expected", [
    # a section the change removed: recorded history, a tip only
    ("a-borttagen", ("tips", "Ändringsloggen nämner avsnittet 'a-borttagen', som inte finns i perioden 2023-2026.",
                     "Det är rätt om ändringen tog bort avsnittet. Annars: Kontrollera stavningen; inget liknande id "
                     "finns.")),
    ("a-spi", ("tips", "Ändringsloggen nämner avsnittet 'a-spi', som inte finns i perioden 2023-2026.",
               "Det är rätt om ändringen tog bort avsnittet. Annars: Menade du 'a-sip'?")),
])
def test_change_log_may_name_a_removed_section(tmp_path, capsys, named, expected):
    root = project(tmp_path)
    line = edit(root, "del-a.yaml", "    decision: beslut-2022\n", f"    decision: beslut-2022\n    sections: [{named}]\n")
    code, out, _ = check(root, capsys)
    assert code == 0 and out.endswith("0 fel, 0 varningar, 1 tips.\n")
    [found] = findings_json(root, capsys)
    assert (found["code"], found["line"], found["column"]) == ("changelog-section-gone", line + 1, 16)
    assert (found["severity"], found["message"], found["hint"]) == expected


# --- the day the check runs for ---------------------------------------------------------------

@pytest.mark.parametrize("day, expected", [
    ("2025-03-01", []),  # inside the term, before the notice deadline
    ("2026-10-01", [  # the case: the term ends soon and nothing is recorded
        "agreement/2023-2026/period.yaml:11:1: varning [notice-deadline-passed] Sista dag att säga upp "
        "avtalsperioden 2023-2026 var 2025-06-30, och inget är registrerat: varken en uppsägning eller en förlängning.",
        "agreement/2023-2026/period.yaml:11:1: varning [term-ending] Avtalsperioden 2023-2026 löper ut 2026-12-31, "
        "om 91 dagar, och inget är registrerat om vad som händer sedan: ingen uppsägning, ingen förlängning, "
        "ingen ny period."]),
    ("2027-02-15", [  # extended by the agreement's rule; its next notice deadline is 2028-06-30
        "agreement/2023-2026/period.yaml:11:1: varning [term-ending] Avtalsperioden 2023-2026 löper ut 2029-12-31, "
        "om 1050 dagar, och inget är registrerat om vad som händer sedan: ingen uppsägning, ingen förlängning, "
        "ingen ny period.",
        "agreement/2023-2026/period.yaml:11:1: varning [term-extended] Avtalstiden för 2023-2026 löpte ut 2026-12-31 "
        "och ingen uppsägning eller förlängning är registrerad; enligt avtalet gäller det nu till 2029-12-31."]),
])
def test_the_real_agreement_warns_of_its_term_on_the_day_given(capsys, day, expected):
    code, out, _ = check(ROOT, capsys, "--date", day, "--warn-months", "36" if day == "2027-02-15" else "12")
    lines = [line for line in out.splitlines() if re.search(r"\[(term-|notice-)", line)]
    assert (code, lines) == (0, expected)


def test_an_impossible_day_could_not_run(capsys):
    code, out, err = check(ROOT, capsys, "--date", "2026-02-30")
    assert code == 2 and out == ""
    assert "--date" in err and "2026-02-30" in err


@pytest.mark.parametrize("old, new, expected", [
    ("kind: antagande", "kind: avsked",
     "agreement/2023-2026/period.yaml:20:11: fel [schema-enum] Värdet 'avsked' är inte tillåtet för 'kind'."),
    ("date: 2022-06-14\n    party", "date: 2022-06-31\n    party",
     "agreement/2023-2026/period.yaml:21:11: fel [schema-date] '2022-06-31' är inte ett giltigt datum."),
])
def test_a_faulty_period_file_is_the_only_finding(tmp_path, capsys, old, new, expected):
    """An event that cannot be read names itself; the documents of the period are not said to lack it."""
    root = project(tmp_path)
    edit(root, "period.yaml", old, new)
    code, out, _ = check(root, capsys)
    assert code == 1
    assert [line for line in out.splitlines() if ": fel [" in line] == [expected]


def test_check_reads_the_citations_of_the_glossary(tmp_path, capsys):
    """The glossary's notes cite acts and the Begrepp page links them: check reads them as it reads the
    agreement's texts (issue 15's follow-up); a chapter HSL does not have is reported where it stands."""
    root = project(tmp_path)
    path = root / "agreement" / "register" / "begrepp.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "    notes:\n      - kind: lag\n"
                    "        text: Se 99 kap. 1 § HSL (2017:30).\n", encoding="utf-8")
    code, out, _ = check(root, capsys)
    assert code == 1
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert f"agreement/register/begrepp.yaml:{line}:18: fel [statute-chapter] Hälso- och sjukvårdslag (2017:30) har inget 99 kap." in out


def test_the_build_counts_the_findings_as_avtal_check_does(site, capsys):
    """The build's line "Kontrollen av avtalet: …" counts reviewed findings as reviewed, as avtal check
    does, not as warnings (it said "22 varningar" beside check's "2 varningar, 20 granskade")."""
    from built_site import BUILD_LOG

    _, out, _ = check(ROOT, capsys)
    counted = out.strip().splitlines()[-1]
    assert "granskade" in counted
    printed = (site.parent / BUILD_LOG).read_text(encoding="utf-8")
    assert f"Kontrollen av avtalet: {counted}" in printed
