"""Every finding code the README lists is produced by `avtal check`, one case per code.

Each case is a folder tests/fixtures/codes/<code>/ with

- ``case.yaml``: which small corpus to start from, the edits that break it, and (for the codes of
  ``--base``) the edits committed first in a real temporary git repository;
- ``expected.txt``: every finding `avtal check` prints for it, exactly and in order
  (``file:line:column: fel|varning|tips [code] message``; a finding about a whole file has no
  line and column). Hints and the summary line are not compared here; the tests of each rule do that.

case.yaml::

    # What the case breaks, in a sentence.
    start: valid          # valid: tests/fixtures/cli/valid (the default);
                          # minimal: tests/fixtures/hierarchy/minimal with the real registers
    base:                 # optional: commit the corpus after these edits, check with --base HEAD
      - ...
    moved:                # optional, with base: on a branch made at that commit, check with --base main
      - ...               # after these edits were committed on main (the base moved on)
    edits:                # applied in order, after the commit if there is one
      - file: agreement/2023-2026/del-a.yaml
        replace: "ref: riktlinje-sip\\n"   # must occur exactly once
        with: "ref: riktlinje-sipp\\n"
      - {file: ..., write: "text", encoding: latin-1}   # a new file (UTF-8 unless encoding)
      - {file: ..., write: "text", repeat: 1000}        # the text 1000 times (a big file)
      - {file: ..., copy: agreement/2023-2026/del-a.yaml}
      - {file: ..., remove: true}                        # a file or a folder
      - {file: ..., symlink: target}                     # a link to a file that need not exist
      - {file: ..., fifo: true}                          # a named pipe (reading it would wait for ever)

Three codes cannot come out of the command as it is, and their cases say how they are produced:
``corpus-missing`` (``run: check_root``: the command refuses a project without agreement/ with
exit 2 before loading), ``schema-invalid`` (``schema_rule``: no shipped schema has a rule
without a Swedish message; the case adds one) and ``file-internal-error`` (``fail_loading: FILE``:
no known input makes loading fail; the case makes the schema check of that file raise).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from avtal import cli

from gitrepo import git, init

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "fixtures" / "codes"
STARTS = {"valid": ROOT / "tests" / "fixtures" / "cli" / "valid",
          "minimal": ROOT / "tests" / "fixtures" / "hierarchy" / "minimal"}
FOLDERS = sorted(p for p in CASES.iterdir() if p.is_dir())

_FINDING = re.compile(r"^(?P<where>\S.*?): (?P<severity>fel|varning|tips) \[(?P<code>[a-z0-9-]+)\] (?P<message>.+)$")
_SEVERITIES = {"warning": "varning", "tip": "tips"}


def readme_table() -> dict[str, str]:
    """{code: severity} of the README's table under "### Finding codes": an error unless the code is
    followed by "(warning" or "(tip"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Finding codes"):]
    table = section[:section.index("\n\n", section.index("|"))]
    listed = re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`(?: \((\w+))?", "\n".join(table.splitlines()[2:]))
    return {code: _SEVERITIES.get(note, "fel") for code, note in listed}


def readme_codes() -> set[str]:
    return set(readme_table())


def emitted_codes() -> set[str]:
    """The codes tools/avtal/ passes to findings.error, warning or hint."""
    pattern = re.compile(r"""\b(?:error|warning|hint)\(\s*["']([a-z0-9]+(?:-[a-z0-9]+)+)["']""")
    return {code for path in (ROOT / "tools" / "avtal").rglob("*.py")
            for code in pattern.findall(path.read_text(encoding="utf-8"))}


def expected_lines(folder: Path) -> list[str]:
    return [line for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def printed_findings(out: str) -> list[str]:
    """What `avtal check` printed without hints, related positions and the summary line: a line per
    finding (and any line a message runs on to)."""
    return [line for line in out.splitlines()[:-1] if not line.startswith(("    tips: ", "    se även: "))]


def codes_of(lines: list[str]) -> list[str]:
    return [m["code"] for line in lines if (m := _FINDING.match(line))]


# --- building a case --------------------------------------------------------------------------

def project(start: str, root: Path) -> Path:
    source = STARTS[start]
    shutil.copytree(source / "agreement", root / "agreement")
    if not (root / "agreement" / "register").exists():
        shutil.copytree(ROOT / "agreement" / "register", root / "agreement" / "register")
    (root / "mkdocs.yml").write_text("site_name: Provkorpus\n", encoding="utf-8")
    return root


def apply(root: Path, edit: dict) -> None:
    path = root / edit["file"]
    if "replace" in edit:
        text = path.read_text(encoding="utf-8")
        assert text.count(edit["replace"]) == 1, f"{edit['file']}: {edit['replace']!r} occurs {text.count(edit['replace'])} times"
        path.write_text(text.replace(edit["replace"], edit["with"]), encoding="utf-8")
    elif "write" in edit:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(edit["write"].encode(edit.get("encoding", "utf-8")) * edit.get("repeat", 1))
    elif "copy" in edit:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / edit["copy"], path)
    elif edit.get("remove"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    elif "symlink" in edit:
        path.symlink_to(edit["symlink"])
    elif edit.get("fifo"):
        os.mkfifo(path)
    else:
        raise AssertionError(f"okänd ändring: {edit}")


def with_schema_rule(rule: dict):
    """read_schemas with one more keyword on a property of one kind of file (see schema-invalid)."""
    from avtal.load import schema

    real = schema.read_schemas

    def read_schemas():
        schemas = real()
        schemas[f"{rule['kind']}.schema.json"]["properties"][rule["property"]].update(rule["add"])
        return schemas

    return read_schemas


def read_case(folder: Path) -> dict:
    return yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))


def run_case(case: dict, tmp_path: Path, capsys, monkeypatch) -> tuple[int | None, str, str]:
    """(exit status, stdout, stderr) of `avtal check` on the case's corpus; None for run: check_root."""
    root = project(case.get("start", "valid"), tmp_path / "projekt")
    args, shown = [], {}
    if "base" in case:
        for edit in case["base"] or []:
            apply(root, edit)
        init(root, "bas")
        args = ["--base", "HEAD"]
        if "moved" in case:
            shown[git(root, "rev-parse", "--short=7", "HEAD").strip()] = "{start}"
            git(root, "branch", "gren")
            for edit in case["moved"]:
                apply(root, edit)
            git(root, "commit", "-q", "-am", "på main sedan grenen skapades")
            git(root, "checkout", "-q", "gren")
            args = ["--base", "main"]
    for edit in case.get("edits", []):
        apply(root, edit)
    args += case.get("args", [])  # e.g. --date for the term's checks
    capsys.readouterr()
    if case.get("run") == "check_root":
        from avtal.check import check_root
        from avtal.check.report import format_text

        print(format_text(check_root(root)[1]))
        code = None
    elif "fail_loading" in case:
        from avtal.load import corpus as loader  # the loader's own name for the schema check

        real = loader.validate

        def failing(kind, loaded):
            if loaded.path == case["fail_loading"]:
                raise RuntimeError("provfel")
            return real(kind, loaded)

        with monkeypatch.context() as m:
            m.setattr(loader, "validate", failing)
            code = cli.main(["--root", str(root), "check", *args])
    elif "schema_rule" in case:
        from avtal.load import schema

        with monkeypatch.context() as m:
            m.setattr(schema, "read_schemas", with_schema_rule(case["schema_rule"]))
            schema.forget()
            try:
                code = cli.main(["--root", str(root), "check", *args])
            finally:
                schema.forget()
    else:
        code = cli.main(["--root", str(root), "check", *args])
    out, err = capsys.readouterr()
    for value, placeholder in [(str(root), "{root}"), *shown.items()]:  # the commit a branch started from
        out = out.replace(value, placeholder)
    return code, out, err


# --- the tests ------------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_the_case_produces_exactly_the_expected_findings(folder, tmp_path, capsys, monkeypatch):
    case = read_case(folder)
    if "base" in case and shutil.which("git") is None:
        pytest.skip("git saknas")
    code, out, err = run_case(case, tmp_path, capsys, monkeypatch)
    printed = printed_findings(out)
    assert err == ""
    assert printed == expected_lines(folder)
    assert folder.name in codes_of(printed), f"fallet ger inte koden {folder.name}"
    if code is not None:
        assert code == (1 if any(m and m["severity"] == "fel" for m in map(_FINDING.match, printed)) else 0)


#: Codes only the build gives (the open data's own guarantee when the checker is skipped), so no check
#: case can show them: test_hostile_input.py's open-data test asserts each one at its place.
BUILD_ONLY = {"export-html", "export-url"}


def test_every_code_in_the_readme_has_a_case():
    assert sorted(readme_codes() - {p.name for p in FOLDERS} - BUILD_ONLY) == []


def test_every_case_is_a_code_in_the_readme():
    assert sorted({p.name for p in FOLDERS} - readme_codes()) == []


def test_no_case_produces_a_code_the_readme_does_not_list():
    listed = readme_codes()
    unlisted = {f"{folder.name}: {code}" for folder in FOLDERS for code in codes_of(expected_lines(folder))
                if code not in listed}
    assert unlisted == set()


def test_every_code_the_checker_emits_is_in_the_readme():
    assert sorted(emitted_codes() - readme_codes()) == []
    assert len(emitted_codes()) > 50  # the pattern finds the calls, not nothing


def test_the_readme_gives_each_code_its_severity():
    """Errors unless the README marks the code (warning) or (tip): as its case prints it."""
    table = readme_table()
    printed = {m["code"]: m["severity"] for folder in FOLDERS for line in expected_lines(folder)
               if (m := _FINDING.match(line))}
    printed |= {code: "fel" for code in BUILD_ONLY}  # errors: they stop the build
    assert {code: printed.get(code) for code in table} == table
