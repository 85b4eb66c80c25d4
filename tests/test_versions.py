"""`avtal check --base REV` on a real temporary git repository with real commits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from avtal import cli
from avtal.check.versions import version_tuple

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "hierarchy" / "minimal"
P = "agreement/2023-2026/"
DEL_A = P + "del-a.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")

#: The arguments .github/workflows/pr.yml gives `avtal` (base branch main); see test_repository_setup.
PR_CHECK_ARGS = ["check", "--base", "origin/main", "--format", "github"]


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(
        ["git", "-c", "user.name=Avtal Test", "-c", "user.email=avtal@example.org", "-c", "commit.gpgsign=false",
         *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The minimal corpus (and the real registers) committed on main in a fresh repository."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL / "agreement", root / "agreement")
    shutil.copytree(ROOT / "agreement" / "register", root / "agreement" / "register")
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Antagen version")
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / P / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{name}: {old!r} must occur exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def check(root: Path, capsys, *args: str, base: str = "HEAD") -> tuple[int, str]:
    code = cli.main(["--root", str(root), "check", "--base", base, *args])
    out, _ = capsys.readouterr()
    return code, out


def findings(root: Path, capsys, base: str = "HEAD") -> tuple[int, list[tuple]]:
    code, out = check(root, capsys, "--format", "json", base=base)
    return code, [(f["code"], f["severity"], f["file"], f["line"], f["column"], f["message"]) for f in json.loads(out)]


# Edits that together make a proper change of Del A (version 1.0 → 1.1).
TEXT = ("del-a.yaml", "Parterna samverkar på länsnivå.", "Parterna samverkar på läns- och delregional nivå.")
BUMP = ("del-a.yaml", 'version: "1.0"\nvalid_from', 'version: "1.1"\nvalid_from')


def entry(*lines: str) -> tuple[str, str, str]:
    """A new changelog entry for version 1.1 of Del A, with extra lines (sections, decision)."""
    added = "".join(f"    {line}\n" for line in lines)
    return ("del-a.yaml", "    decision: beslut-2022\nsections:",
            "    decision: beslut-2022\n  - date: 2024-06-11\n    version: \"1.1\"\n    summary: Samverkan förtydligad.\n"
            f"    nature: materiell\n{added}sections:")


NOT_RAISED_MESSAGE = "Dokumentet 'del-a' har ändrats sedan HEAD men har fortfarande version 1.0."
NOT_RAISED_HINT = ("Höj versionen (t.ex. till 1.1) och lägg till en rad i changelog med samma version som nämner de "
                   "ändrade avsnitten: a-samverkan.")
MISSING_MESSAGE = "Dokumentet 'del-a' har ändrats sedan HEAD men changelog saknar en ny rad."
MISSING_HINT = ("Lägg till en rad i changelog med datum, version, summary, nature, decision (perioden är gällande) "
                "och de ändrade avsnitten i sections.")


def test_changed_text_without_version_in_text_format(repo, capsys):
    edit(repo, *TEXT)
    code, out = check(repo, capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{DEL_A}:6:10: fel [version-not-raised] {NOT_RAISED_MESSAGE}",
        f"    tips: {NOT_RAISED_HINT}",
        f"{DEL_A}:9:1: fel [changelog-missing] {MISSING_MESSAGE}",
        f"    tips: {MISSING_HINT}",
        "2 fel, 0 varningar, 0 tips.",
    ]


def test_changed_text_without_version_in_json_format(repo, capsys):
    edit(repo, *TEXT)
    code, out = check(repo, capsys, "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {"code": "version-not-raised", "severity": "fel", "message": NOT_RAISED_MESSAGE, "hint": NOT_RAISED_HINT,
         "related": [], "file": DEL_A, "line": 6, "column": 10},
        {"code": "changelog-missing", "severity": "fel", "message": MISSING_MESSAGE, "hint": MISSING_HINT,
         "related": [], "file": DEL_A, "line": 9, "column": 1},
    ]


def test_changed_text_without_version_in_github_format(repo, capsys):
    edit(repo, *TEXT)
    code, out = check(repo, capsys, "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        f"::error file={DEL_A},line=6,col=10,title=version-not-raised::{NOT_RAISED_MESSAGE}%0Atips: {NOT_RAISED_HINT}",
        f"::error file={DEL_A},line=9,col=1,title=changelog-missing::{MISSING_MESSAGE}%0Atips: {MISSING_HINT}",
        "2 fel, 0 varningar, 0 tips.",
    ]


def test_a_proper_version_bump_with_changelog_and_decision_passes(repo, capsys):
    for change in (TEXT, BUMP, entry("sections: [a-samverkan]", "decision: beslut-2024")):
        edit(repo, *change)
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_the_pull_request_command_against_origin(repo):
    """The workflow's command, `avtal check --base origin/<base> --format github`, as a process."""
    git(repo, "remote", "add", "origin", str(repo))
    git(repo, "fetch", "-q", "origin")
    edit(repo, *TEXT)
    done = subprocess.run([sys.executable, "-m", "avtal.cli", *PR_CHECK_ARGS], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == (
        f"::error file={DEL_A},line=6,col=10,title=version-not-raised::"
        f"Dokumentet 'del-a' har ändrats sedan origin/main men har fortfarande version 1.0.%0Atips: {NOT_RAISED_HINT}")


def test_unchanged_tree_passes(repo, capsys):
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_notes_are_not_content(repo, capsys):
    edit(repo, "del-a.yaml", "  - id: a-avtalstid\n",
         "  - id: a-avtalstid\n    notes:\n      - kind: stavfel\n        text: Ett stavfel i källan.\n")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_responsibility_statements_are_not_content(repo, capsys):
    """A statement is an editor's reading of the adopted words, which its quote must repeat exactly: like
    a note it changes nothing the parties agreed, so it needs no new version or decision."""
    edit(repo, "del-a.yaml", "      Parterna samverkar på länsnivå.\n",
         "      Parterna samverkar på länsnivå.\n    responsibilities:\n      - topic: samverkan\n"
         "        kind: samordning\n        party: gemensamt\n        quote: Parterna samverkar på länsnivå.\n")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_changelog_must_name_every_changed_section(repo, capsys):
    edit(repo, *TEXT)
    edit(repo, "del-a.yaml", "Lokal samverkan sker", "Lokal samverkan sker alltid")
    edit(repo, *BUMP)
    edit(repo, *entry("sections: [a-samverkan]", "decision: beslut-2024"))
    assert findings(repo, capsys) == (1, [
        ("changelog-sections", "fel", DEL_A, 19, 15,
         "Changelog-raden för version 1.1 nämner inte de ändrade avsnitten: a-samverkan-lokal.")])


def test_a_period_in_force_needs_a_decision(repo, capsys):
    for change in (TEXT, BUMP, entry("sections: [a-samverkan]")):
        edit(repo, *change)
    assert findings(repo, capsys) == (1, [
        ("decision-missing", "fel", DEL_A, 15, 5,
         "Perioden 2023-2026 är gällande: en ändring kräver ett beslut, men changelog-raden för version 1.1 anger "
         "inget.")])


def test_a_decision_that_does_not_exist_is_a_dangling_reference(repo, capsys):
    for change in (TEXT, BUMP, entry("sections: [a-samverkan]", "decision: beslut-2099")):
        edit(repo, *change)
    assert findings(repo, capsys) == (1, [
        ("dangling-reference", "fel", DEL_A, 20, 15, "Beslutet 'beslut-2099' finns inte i perioden 2023-2026.")])


def test_a_draft_period_needs_no_decision(repo, capsys):
    edit(repo, "period.yaml", "events:\n  - kind: antagande\n    date: 2022-06-14\n    party: Regionfullmäktige\n", "")
    edit(repo, "period.yaml", "    decision: beslut-2022\n",
         "    decision: beslut-2022\n  - date: 2024-01-01\n    version: \"1.1\"\n    summary: Utkast.\n"
         "    nature: redaktionell\n    decision: beslut-2024\n")
    git(repo, "commit", "-q", "-am", "Utkast")
    for change in (TEXT, BUMP, entry("sections: [a-samverkan]")):
        edit(repo, *change)
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_versions_only_rise(repo, capsys):
    edit(repo, "del-a.yaml", 'version: "1.0"\nvalid_from', 'version: "0.9"\nvalid_from')
    assert findings(repo, capsys) == (1, [
        ("version-lowered", "fel", DEL_A, 6, 10, "Dokumentet 'del-a' har version 0.9, lägre än 1.0 i HEAD.")])


def test_a_changed_guideline_needs_a_version_but_no_decision(repo, capsys):
    name = P + "riktlinjer/riktlinje-oenighet.yaml"
    edit(repo, "riktlinjer/riktlinje-oenighet.yaml", "på regional nivå.", "på regional och lokal nivå.")
    assert findings(repo, capsys) == (1, [
        ("version-not-raised", "fel", name, 8, 10,
         "Riktlinjen 'riktlinje-oenighet' har ändrats sedan HEAD men har fortfarande version 1.0."),
        ("changelog-missing", "fel", name, 9, 1,
         "Riktlinjen 'riktlinje-oenighet' har ändrats sedan HEAD men changelog saknar en ny rad.")])
    edit(repo, "riktlinjer/riktlinje-oenighet.yaml", '\nversion: "1.0"\n', '\nversion: "1.1"\n')
    edit(repo, "riktlinjer/riktlinje-oenighet.yaml", "    nature: redaktionell\n",
         "    nature: redaktionell\n  - date: 2024-02-01\n    version: \"1.1\"\n    summary: Lokal nivå.\n"
         "    nature: materiell\n")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_a_changed_period_manifest_needs_a_changelog_entry_with_decision(repo, capsys):
    edit(repo, "period.yaml", "summary: Avtalet ändrades.", "summary: Avtalet ändrades i juni.")
    assert findings(repo, capsys) == (1, [
        ("changelog-missing", "fel", P + "period.yaml", 24, 1,
         "Perioden 2023-2026 (period.yaml) har ändrats sedan HEAD men changelog saknar en ny rad med högre version "
         "än 1.0.")])
    edit(repo, "period.yaml", "    decision: beslut-2022\n",
         "    decision: beslut-2022\n  - date: 2024-06-11\n    version: \"1.1\"\n    summary: Beslutet beskrivet.\n"
         "    nature: redaktionell\n")
    assert findings(repo, capsys) == (1, [
        ("decision-missing", "fel", P + "period.yaml", 30, 5,
         "Perioden 2023-2026 är gällande: en ändring kräver ett beslut, men changelog-raden för version 1.1 anger "
         "inget.")])
    edit(repo, "period.yaml", "    summary: Beslutet beskrivet.\n",
         "    summary: Beslutet beskrivet.\n    decision: beslut-2024\n")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_a_removed_section_that_others_reference(repo, capsys):
    edit(repo, "del-a.yaml", "    sections:\n      - id: a-samverkan-lokal\n        title: Lokal samverkan\n"
         "        text: |\n          Lokal samverkan sker i varje närområde.\n", "")
    edit(repo, *BUMP)
    edit(repo, *entry("sections: [a-samverkan]", "decision: beslut-2024"))
    code, out = check(repo, capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{DEL_A}:6:10: varning [section-removed] Avsnittet 'a-samverkan-lokal' (Lokal samverkan) i 'del-a' har "
        "tagits bort sedan HEAD.",
        "    tips: Kontrollera att borttagningen är avsiktlig och står i changelog.",
        f"{P}del-c/lakarmedverkan.yaml:24:37: fel [removed-reference] Länkmålet 'a-samverkan-lokal' har tagits bort "
        "sedan HEAD, men hänvisningen hit finns kvar.",
        "    tips: Ändra eller ta bort hänvisningen; ett avsnitt som andra hänvisar till kan inte tas bort ensamt.",
        "1 fel, 1 varningar, 0 tips.",
    ]
    # Without --base the same line is a plain dangling reference.
    assert cli.main(["--root", str(repo), "check", "--format", "json"]) == 1
    plain = json.loads(capsys.readouterr()[0])
    assert [(f["code"], f["file"], f["line"], f["column"]) for f in plain] == [
        ("dangling-reference", P + "del-c/lakarmedverkan.yaml", 24, 37)]


def test_a_section_under_a_new_id_says_where_it_went(repo, capsys):
    edit(repo, "del-a.yaml", "  - id: a-oenighet", "  - id: a-tvister")
    edit(repo, *BUMP)
    edit(repo, *entry("sections: [a-tvister]", "decision: beslut-2024"))
    code, out = check(repo, capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{DEL_A}:6:10: varning [section-removed] Avsnittet 'a-oenighet' (Hantering av oenighet) i 'del-a' finns "
        "inte längre; ett identiskt avsnitt står nu som 'a-tvister' i 'del-a'.",
        "    tips: Ett avsnitt behåller sitt id när det flyttas eller numreras om: byt tillbaka 'a-tvister' till "
        "'a-oenighet', så fungerar länkar och jämförelser.",
        f"{P}riktlinjer/riktlinje-oenighet.yaml:6:14: fel [removed-reference] Avsnittet 'a-oenighet' har tagits bort "
        "sedan HEAD, men hänvisningen hit finns kvar.",
        "    tips: Ändra hänvisningen till 'a-tvister', dit avsnittet har flyttats.",
        "1 fel, 1 varningar, 0 tips.",
    ]


def test_a_section_moved_to_another_document_nearly_unchanged(repo, capsys):
    edit(repo, "del-a.yaml", "    sections:\n      - id: a-samverkan-lokal\n        title: Lokal samverkan\n"
         "        text: |\n          Lokal samverkan sker i varje närområde.\n", "")
    edit(repo, "del-c/lakarmedverkan.yaml", "  - id: lak-uppfoljning\n",
         "  - id: lak-lokal-samverkan\n    title: Lokal samverkan\n    text: |\n"
         "      Lokal samverkan sker i varje närområde!\n  - id: lak-uppfoljning\n")
    edit(repo, "del-c/lakarmedverkan.yaml", "(ref:a-samverkan-lokal)", "(ref:lak-lokal-samverkan)")
    code, found = findings(repo, capsys)
    assert ("section-removed", "varning", DEL_A, 6, 10,
            "Avsnittet 'a-samverkan-lokal' (Lokal samverkan) i 'del-a' finns inte längre; ett nästan identiskt "
            "avsnitt står nu som 'lak-lokal-samverkan' i 'ok-lakarmedverkan'.") in found


def test_a_new_document_in_a_period_in_force_needs_a_decision(repo, capsys):
    shutil.copy(repo / P / "fardplan.yaml", repo / P / "plan.yaml")
    edit(repo, "plan.yaml", "id: fardplan", "id: handlingsplan")
    edit(repo, "plan.yaml", "    decision: beslut-2022\n", "")
    edit(repo, "plan.yaml", "  - id: fp-inledning", "  - id: hp-inledning")
    assert findings(repo, capsys) == (1, [
        ("decision-missing", "fel", P + "plan.yaml", 8, 5,
         "Perioden 2023-2026 är gällande: en ändring kräver ett beslut, men changelog-raden för version 1.0 anger "
         "inget.")])


def test_unknown_revision_cannot_run(repo, capsys):
    assert cli.main(["--root", str(repo), "check", "--base", "origin/finns-inte"]) == 2
    _, err = capsys.readouterr()
    assert err.startswith("avtal: revisionen 'origin/finns-inte' finns inte i git-arkivet.")


def test_not_a_git_repository_cannot_run(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "corpus"
    shutil.copytree(MINIMAL / "agreement", root / "agreement")
    assert cli.main(["--root", str(root), "check", "--base", "HEAD"]) == 2
    _, err = capsys.readouterr()
    assert err.startswith(f"avtal: {root} ligger inte i ett git-arkiv")


def test_a_corpus_in_a_subfolder_of_the_repository(tmp_path, capsys):
    root = tmp_path / "repo" / "avtal"
    shutil.copytree(MINIMAL / "agreement", root / "agreement")
    git(tmp_path / "repo", "init", "-q", "-b", "main")
    git(tmp_path / "repo", "add", "-A")
    git(tmp_path / "repo", "commit", "-q", "-m", "base")
    edit(root, *TEXT)
    code, found = findings(root, capsys)
    assert [f[:4] for f in found] == [("version-not-raised", "fel", DEL_A, 6), ("changelog-missing", "fel", DEL_A, 9)]


@pytest.mark.parametrize("old, new, rises", [
    ("1.0", "1.1", True), ("1.9", "1.10", True), ("1.0", "2", True), ("1.0", "1.0.0", False),
    ("2.0", "1.9", False), ("1", "1.0.1", True),
])
def test_version_tuples(old, new, rises):
    assert (version_tuple(new) > version_tuple(old)) is rises
