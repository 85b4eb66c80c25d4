"""`avtal check --base REV` on a real temporary git repository with real commits."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from avtal import cli
from avtal.check.versions import version_tuple

from gitrepo import MINIMAL, P, ROOT, commit_all, git, init, minimal_project, replace_once

DEL_A = P + "del-a.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")

#: The arguments .github/workflows/pr.yml gives `avtal` (base branch main); see test_repository_setup.
PR_CHECK_ARGS = ["check", "--base", "origin/main", "--format", "github"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The minimal corpus (and the real registers) committed on main in a fresh repository."""
    return init(minimal_project(tmp_path / "repo"))


def edit(root: Path, name: str, old: str, new: str) -> None:
    replace_once(root / P / name, old, new)


def check(root: Path, capsys, *args: str, base: str = "HEAD") -> tuple[int, str]:
    code = cli.main(["--root", str(root), "check", "--base", base, *args])
    out, _ = capsys.readouterr()
    return code, out


def findings(root: Path, capsys, base: str = "HEAD") -> tuple[int, list[tuple]]:
    code, out = check(root, capsys, "--format", "json", base=base)
    return code, [(f["code"], f["severity"], f["file"], f["line"], f["column"], f["message"]) for f in json.loads(out)]


# Edits that together make a proper change of Del A, the guide's way: the text, and a change file (version
# 1.0 → 1.1 follows from it); or the older way, version and change log edited in the file itself.
TEXT = ("del-a.yaml", "Parterna samverkar på länsnivå.", "Parterna samverkar på läns- och delregional nivå.")
BUMP = ("del-a.yaml", 'version: "1.0"\nvalid_from', 'version: "1.1"\nvalid_from')


def entry(*lines: str) -> tuple[str, str, str]:
    """A new changelog entry for version 1.1 of Del A in its own file, with extra lines (sections, decision)."""
    added = "".join(f"    {line}\n" for line in lines)
    return ("del-a.yaml", "    decision: beslut-2022\nsections:",
            "    decision: beslut-2022\n  - date: 2024-06-11\n    version: \"1.1\"\n    summary: Samverkan förtydligad.\n"
            f"    nature: materiell\n{added}sections:")


def change_file(root: Path, name: str, *lines: str, document: str = "del-a", date: str = "2024-06-11",
                nature: str = "materiell") -> str:
    """Write agreement/2023-2026/andringar/<name>.yaml (one change of `document`) with extra lines; its path."""
    path = root / P / "andringar" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"document: {document}\ndate: {date}\nsummary: Samverkan förtydligad.\nnature: {nature}\n"
                    + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return P + f"andringar/{name}.yaml"


MISSING_MESSAGE = ("Dokumentet 'del-a' har ändrats sedan HEAD men ändringen är inte beskriven: ingen ny ändringsfil "
                   "under agreement/2023-2026/andringar/.")
MISSING_HINT = ("Skriv ändringen i en egen fil, t.ex. agreement/2023-2026/andringar/2025-03-01-a-samverkan.yaml, med "
                "document: del-a, date, summary, nature, decision (för en materiell ändring: perioden är gällande) och sections: [a-samverkan]; "
                "versionen (1.1) följer av sig själv.")


def test_changed_text_without_a_change_in_text_format(repo, capsys):
    edit(repo, *TEXT)
    code, out = check(repo, capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{DEL_A}:9:1: fel [changelog-missing] {MISSING_MESSAGE}",
        f"    tips: {MISSING_HINT}",
        "1 fel, 0 varningar, 0 tips.",
    ]


def test_changed_text_without_a_change_in_json_format(repo, capsys):
    edit(repo, *TEXT)
    code, out = check(repo, capsys, "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {"code": "changelog-missing", "severity": "fel", "message": MISSING_MESSAGE, "hint": MISSING_HINT,
         "related": [], "file": DEL_A, "line": 9, "column": 1},
    ]


def test_changed_text_without_a_change_in_github_format(repo, capsys):
    edit(repo, *TEXT)
    code, out = check(repo, capsys, "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        f"::error file={DEL_A},line=9,col=1,title=changelog-missing::{MISSING_MESSAGE}%0Atips: {MISSING_HINT}",
        "1 fel, 0 varningar, 0 tips.",
    ]


def test_a_change_file_with_sections_and_decision_passes(repo, capsys):
    edit(repo, *TEXT)
    change_file(repo, "2024-06-11-a-samverkan", "sections: [a-samverkan]", "decision: beslut-2024")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_a_proper_version_bump_with_changelog_and_decision_in_the_file_passes(repo, capsys):
    for change in (TEXT, BUMP, entry("sections: [a-samverkan]", "decision: beslut-2024")):
        edit(repo, *change)
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_the_pull_request_command_against_origin(repo):
    """The workflow's command, `avtal check --base origin/<base> --format github`, as a process."""
    git(repo, "remote", "add", "origin", str(repo))
    git(repo, "fetch", "-q", "origin")
    edit(repo, *TEXT)
    done = subprocess.run([sys.executable, "-m", "avtal", *PR_CHECK_ARGS], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == (
        f"::error file={DEL_A},line=9,col=1,title=changelog-missing::"
        + MISSING_MESSAGE.replace("HEAD", "origin/main") + f"%0Atips: {MISSING_HINT}")


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


def test_the_change_must_name_every_changed_section(repo, capsys):
    edit(repo, *TEXT)
    edit(repo, "del-a.yaml", "Lokal samverkan sker", "Lokal samverkan sker alltid")
    path = change_file(repo, "samverkan", "sections: [a-samverkan]", "decision: beslut-2024")
    assert findings(repo, capsys) == (1, [
        ("changelog-sections", "fel", path, 5, 11,
         "Ändringen (version 1.1) nämner inte de ändrade avsnitten: a-samverkan-lokal.")])


def test_a_change_log_entry_in_the_file_must_name_every_changed_section(repo, capsys):
    edit(repo, *TEXT)
    edit(repo, "del-a.yaml", "Lokal samverkan sker", "Lokal samverkan sker alltid")
    edit(repo, *BUMP)
    edit(repo, *entry("sections: [a-samverkan]", "decision: beslut-2024"))
    assert findings(repo, capsys) == (1, [
        ("changelog-sections", "fel", DEL_A, 19, 15,
         "Ändringen (version 1.1) nämner inte de ändrade avsnitten: a-samverkan-lokal.")])


def test_a_period_in_force_needs_a_decision(repo, capsys):
    edit(repo, *TEXT)
    path = change_file(repo, "samverkan", "sections: [a-samverkan]")
    assert findings(repo, capsys) == (1, [
        ("decision-missing", "fel", path, 1, 1,
         "Perioden 2023-2026 är gällande: en materiell ändring gäller först efter beslut hos parterna "
         "(Del A, Ändringar och tillägg), men ändringen (version 1.1) anger inget beslut.")])


def test_a_decision_that_does_not_exist_is_a_dangling_reference(repo, capsys):
    edit(repo, *TEXT)
    path = change_file(repo, "samverkan", "sections: [a-samverkan]", "decision: beslut-2099")
    assert findings(repo, capsys) == (1, [
        ("dangling-reference", "fel", path, 6, 11, "Beslutet 'beslut-2099' finns inte i perioden 2023-2026.")])


def test_a_draft_period_needs_no_decision(repo, capsys):
    edit(repo, "period.yaml", "events:\n  - kind: antagande\n    date: 2022-06-14\n    party: Regionfullmäktige\n", "")
    edit(repo, "period.yaml", "    decision: beslut-2022\n",
         "    decision: beslut-2022\n  - date: 2024-06-11\n    version: \"1.1\"\n    summary: Utkast.\n"
         "    nature: redaktionell\n    decision: beslut-2024\n")
    git(repo, "commit", "-q", "-am", "Utkast")
    edit(repo, *TEXT)
    change_file(repo, "samverkan", "sections: [a-samverkan]")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_versions_only_rise(repo, capsys):
    edit(repo, "del-a.yaml", 'version: "1.0"\nvalid_from', 'version: "0.9"\nvalid_from')
    assert findings(repo, capsys) == (1, [
        ("version-lowered", "fel", DEL_A, 6, 10, "Dokumentet 'del-a' har version 0.9, lägre än 1.0 i HEAD.")])


def test_a_removed_change_file_lowers_the_version(repo, capsys):
    change_file(repo, "samverkan", "decision: beslut-2024")
    commit_all(repo, "Del A 1.1")
    (repo / P / "andringar" / "samverkan.yaml").unlink()
    assert findings(repo, capsys) == (1, [
        ("version-lowered", "fel", DEL_A, 6, 10, "Dokumentet 'del-a' har version 1.0, lägre än 1.1 i HEAD.")])


def test_an_entry_in_the_file_without_a_raised_version(repo, capsys):
    edit(repo, *TEXT)
    edit(repo, *entry("sections: [a-samverkan]", "decision: beslut-2024"))
    assert findings(repo, capsys) == (1, [
        ("version-not-raised", "fel", DEL_A, 6, 10,
         "Dokumentet 'del-a' har en ny rad i changelog sedan HEAD men har fortfarande version 1.0.")])


def test_a_changed_guideline_needs_a_change_but_no_decision(repo, capsys):
    name = P + "riktlinjer/riktlinje-oenighet.yaml"
    edit(repo, "riktlinjer/riktlinje-oenighet.yaml", "på regional nivå.", "på regional och lokal nivå.")
    assert findings(repo, capsys) == (1, [
        ("changelog-missing", "fel", name, 9, 1,
         "Riktlinjen 'riktlinje-oenighet' har ändrats sedan HEAD men ändringen är inte beskriven: ingen ny "
         "ändringsfil under agreement/2023-2026/andringar/.")])
    change_file(repo, "oenighet-lokal", document="riktlinje-oenighet", date="2024-02-01")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_a_changed_period_manifest_needs_a_change_with_decision(repo, capsys):
    edit(repo, "period.yaml", "summary: Avtalet ändrades.", "summary: Avtalet ändrades i juni.")
    assert findings(repo, capsys) == (1, [
        ("changelog-missing", "fel", P + "period.yaml", 24, 1,
         "Perioden 2023-2026 (period.yaml) har ändrats sedan HEAD men ändringen är inte beskriven.")])
    path = change_file(repo, "beslutet-beskrivet", document="2023-2026")
    assert findings(repo, capsys) == (1, [
        ("decision-missing", "fel", path, 1, 1,
         "Perioden 2023-2026 är gällande: en materiell ändring gäller först efter beslut hos parterna "
         "(Del A, Ändringar och tillägg), men ändringen (version 1.1) anger inget beslut.")])
    change_file(repo, "beslutet-beskrivet", "decision: beslut-2024", document="2023-2026")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


@pytest.mark.parametrize("target,text,nature,decision,expected", [
    # Del A, Ändringar och tillägg: a change of the agreement or an överenskommelse applies after a decision.
    ("del-a.yaml", TEXT, "materiell", None, ["decision-missing"]),
    ("del-a.yaml", TEXT, "materiell", "beslut-2024", []),
    # A correction that keeps the meaning as adopted changes nothing the parties agreed.
    ("del-a.yaml", TEXT, "redaktionell", None, []),
    ("del-a.yaml", TEXT, "redaktionell", "beslut-2024", []),
    # Guidelines are decided by their owners, not by the parties' decisions in the period.
    ("riktlinjer/riktlinje-oenighet.yaml", ("riktlinjer/riktlinje-oenighet.yaml", "på regional nivå.",
                                            "på regional och lokal nivå."), "materiell", None, []),
])
def test_which_changes_need_a_decision(repo, capsys, target, text, nature, decision, expected):
    edit(repo, *text)
    ident = "del-a" if target == "del-a.yaml" else "riktlinje-oenighet"
    change_file(repo, "andring", *(["sections: [a-samverkan]"] if ident == "del-a" else []),
                *([f"decision: {decision}"] if decision else []), document=ident, nature=nature)
    assert [f[0] for f in findings(repo, capsys)[1]] == expected


def test_a_new_material_change_citing_the_adoption_decision_is_older(repo, capsys):
    """The base's newest decision is the one that adopted the period (2022-06-14, before 2023-01-01): a new
    material change citing it is warned about; a redaktionell one is not."""
    edit(repo, "period.yaml", "  - id: beslut-2024\n    body: Regionfullmäktige\n    date: 2024-06-11\n"
         "    summary: Avtalet ändrades.\n", "")
    git(repo, "commit", "-q", "-am", "Bara antagandet")
    edit(repo, *TEXT)
    path = change_file(repo, "samverkan", "sections: [a-samverkan]", "decision: beslut-2022")
    assert findings(repo, capsys) == (0, [
        ("decision-older", "varning", path, 6, 11,
         "Den materiella ändringen (version 1.1) bygger på beslutet 'beslut-2022' från 2022-06-14, före "
         "periodens början (2023-01-01): det är beslutet som antog avtalet, inte ett beslut om en ändring "
         "under perioden.")])
    change_file(repo, "samverkan", "sections: [a-samverkan]", "decision: beslut-2022", nature="redaktionell")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_a_decision_added_to_period_yaml_is_told_to_go_in_a_file_of_its_own(repo, capsys):
    """Issue 13, 7: the hint after adding a decision says why period.yaml now needs a change."""
    edit(repo, "period.yaml", "    summary: Avtalet ändrades.\n", "    summary: Avtalet ändrades.\n"
         "  - id: beslut-2025\n    body: Regionstyrelsen\n    date: 2025-02-11\n    summary: Ändring beslutad.\n")
    code, out = check(repo, capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{P}period.yaml:28:1: fel [changelog-missing] Beslutet 'beslut-2025' har lagts till i period.yaml, och en "
        "ändring av period.yaml behöver en ändringsfil.",
        "    tips: Flytta beslutet till en egen fil, agreement/2023-2026/beslut/beslut-2025.yaml: ett beslut i en egen "
        "fil ändrar inte period.yaml och behöver ingen ändringsfil. Eller: skriv ändringen i en egen fil, t.ex. "
        "agreement/2023-2026/andringar/2025-03-01-period.yaml, med document: 2023-2026, date, summary, nature, "
        "decision (för en materiell ändring).",
        "1 fel, 0 varningar, 0 tips.",
    ]


def test_a_decision_in_a_file_of_its_own_changes_nothing_else(repo, capsys):
    (repo / P / "beslut").mkdir()
    (repo / P / "beslut" / "beslut-2025.yaml").write_text(
        "id: beslut-2025\nbody: Regionstyrelsen\ndate: 2025-02-11\nsummary: Ändring beslutad.\n", encoding="utf-8")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")
    edit(repo, *TEXT)
    change_file(repo, "samverkan", "sections: [a-samverkan]", "decision: beslut-2025", date="2025-02-20")
    assert check(repo, capsys) == (0, "Inga fel hittades.\n")


def test_a_removed_section_that_others_reference(repo, capsys):
    edit(repo, "del-a.yaml", "    sections:\n      - id: a-samverkan-lokal\n        title: Lokal samverkan\n"
         "        text: |\n          Lokal samverkan sker i varje närområde.\n", "")
    change_file(repo, "samverkan", "sections: [a-samverkan]", "decision: beslut-2024")
    code, out = check(repo, capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{DEL_A}:6:10: varning [section-removed] Avsnittet 'a-samverkan-lokal' (Lokal samverkan) i 'del-a' har "
        "tagits bort sedan HEAD.",
        "    tips: Är borttagningen avsiktlig: nämn 'a-samverkan-lokal' i ändringens sections, så står den i historiken.",
        f"{P}del-c/lakarmedverkan.yaml:24:55: fel [removed-reference] Länkmålet 'a-samverkan-lokal' har tagits bort "
        "sedan HEAD, men hänvisningen hit finns kvar.",
        "    tips: Ändra eller ta bort hänvisningen; ett avsnitt som andra hänvisar till kan inte tas bort ensamt.",
        "1 fel, 1 varning, 0 tips.",
    ]
    # Without --base the same line is a plain dangling reference.
    assert cli.main(["--root", str(repo), "check", "--format", "json"]) == 1
    plain = json.loads(capsys.readouterr()[0])
    assert [(f["code"], f["file"], f["line"], f["column"]) for f in plain] == [
        ("dangling-reference", P + "del-c/lakarmedverkan.yaml", 24, 55)]


def test_a_section_under_a_new_id_says_where_it_went(repo, capsys):
    edit(repo, "del-a.yaml", "  - id: a-oenighet", "  - id: a-tvister")
    change_file(repo, "tvister", "sections: [a-tvister]", "decision: beslut-2024")
    code, out = check(repo, capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{DEL_A}:6:10: varning [section-removed] Avsnittet 'a-oenighet' (Hantering av oenighet) i 'del-a' finns "
        "inte längre; ett identiskt avsnitt står nu som 'a-tvister' i 'del-a'.",
        "    tips: Ett avsnitt behåller sitt id när det flyttas eller numreras om: byt tillbaka 'a-tvister' till "
        "'a-oenighet', så fungerar länkar och jämförelser.",
        f"{P}riktlinjer/riktlinje-oenighet.yaml:6:14: fel [removed-reference] Avsnittet 'a-oenighet' har tagits bort "
        "sedan HEAD, men hänvisningen hit finns kvar.",
        "    tips: Avsnittet står nu som 'a-tvister': byt tillbaka dess id till 'a-oenighet' (ett avsnitt behåller "
        "sitt id när det flyttas eller numreras om), så fungerar hänvisningen igen.",
        "1 fel, 1 varning, 0 tips.",
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
         "Perioden 2023-2026 är gällande: en materiell ändring gäller först efter beslut hos parterna "
         "(Del A, Ändringar och tillägg), men ändringen (version 1.0) anger inget beslut.")])


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
    init(tmp_path / "repo", "base")
    edit(root, *TEXT)
    code, found = findings(root, capsys)
    assert [f[:4] for f in found] == [("changelog-missing", "fel", DEL_A, 9)]


@pytest.mark.parametrize("old, new, rises", [
    ("1.0", "1.1", True), ("1.9", "1.10", True), ("1.0", "2", True), ("1.0", "1.0.0", False),
    ("2.0", "1.9", False), ("1", "1.0.1", True),
])
def test_version_tuples(old, new, rises):
    assert (version_tuple(new) > version_tuple(old)) is rises


# --- issue 13: what the branch changed, from where it started ------------------------------------------

def test_a_file_that_does_not_validate_has_its_own_finding_and_is_not_compared(repo, capsys):
    """A typo (version without quotes) is one schema error, not a removed document with its references."""
    edit(repo, "del-a.yaml", 'version: "1.0"\nvalid_from', "version: 1.0\nvalid_from")
    code, out = check(repo, capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{DEL_A}:6:10: fel [schema-type] 'version' ska vara text.",
        '    tips: Sätt värdet inom citattecken: version: "1.0".',
        "1 fel, 0 varningar, 0 tips.",
    ]


def test_a_removed_section_named_in_the_change_log_is_history_not_a_reference(repo, capsys):
    """As the guide says: the removed id in the change log's sections, the link to it removed too."""
    edit(repo, "del-a.yaml", "    sections:\n      - id: a-samverkan-lokal\n        title: Lokal samverkan\n"
         "        text: |\n          Lokal samverkan sker i varje närområde.\n", "")
    edit(repo, "del-c/lakarmedverkan.yaml", ", se [lokal samverkan](ref:a-samverkan-lokal).", ".")
    edit(repo, "del-c/lakarmedverkan.yaml", 'version: "1.0"\nvalid_from', 'version: "1.1"\nvalid_from')
    edit(repo, "del-c/lakarmedverkan.yaml", "    decision: beslut-2022\nsections:",
         "    decision: beslut-2022\n  - date: 2024-06-11\n    version: \"1.1\"\n    summary: Hänvisningen borttagen.\n"
         "    nature: materiell\n    sections: [lak-uppfoljning]\n    decision: beslut-2024\nsections:")
    edit(repo, *BUMP)
    edit(repo, *entry("sections: [a-samverkan, a-samverkan-lokal]", "decision: beslut-2024"))
    code, found = findings(repo, capsys)
    assert code == 0
    assert found == [
        ("changelog-section-gone", "tips", DEL_A, 19, 29,
         "Ändringsloggen nämner avsnittet 'a-samverkan-lokal', som inte finns i perioden 2023-2026."),
    ]  # no section-removed: the change log records the removal


def test_a_branch_made_before_another_merge_is_compared_from_where_it_started(repo, capsys):
    """Main moved on (Del A 1.0 → 1.1 merged) after the branch was made: the branch changed only the
    guideline, properly, and is not told that Del A was lowered or changed."""
    git(repo, "branch", "gren")
    for change in (TEXT, BUMP, entry("sections: [a-samverkan]", "decision: beslut-2024")):
        edit(repo, *change)
    git(repo, "commit", "-q", "-am", "Del A 1.1")
    start = git(repo, "rev-parse", "--short=7", "gren").strip()
    git(repo, "checkout", "-q", "gren")
    edit(repo, "riktlinjer/riktlinje-oenighet.yaml", "på regional nivå.", "på regional och lokal nivå.")
    code, out = check(repo, capsys, base="main")
    assert code == 1
    assert out.splitlines() == [
        "agreement: tips [base-moved] main har 1 commit som grenen saknar; ändringarna jämförs med "
        f"{start}, där grenen utgick från main.",
        "    tips: Uppdatera grenen (git merge main, eller Update branch på GitHub) och kör kontrollen igen innan "
        "pull requesten slås ihop.",
        f"{P}riktlinjer/riktlinje-oenighet.yaml:9:1: fel [changelog-missing] Riktlinjen 'riktlinje-oenighet' har "
        f"ändrats sedan {start} (där grenen utgick från main) men ändringen är inte beskriven: ingen ny ändringsfil "
        "under agreement/2023-2026/andringar/.",
        "    tips: Skriv ändringen i en egen fil, t.ex. agreement/2023-2026/andringar/2025-03-01-riktlinje-oenighet.yaml, "
        "med document: riktlinje-oenighet, date, summary, nature; versionen (1.1) följer av sig själv.",
        "1 fel, 0 varningar, 1 tips.",
    ]
    # The VS Code task's problem matchers take both, the one about the whole comparison too (kind: file).
    matchers = json.loads((ROOT / ".vscode" / "tasks.json").read_text(encoding="utf-8"))["tasks"][1]["problemMatcher"]
    matched = []
    for line in out.splitlines()[:-1]:
        if not line.startswith(" "):
            hits = [(m["severity"], re.match(m["pattern"]["regexp"], line)) for m in matchers]
            (severity, hit), = [(s, h) for s, h in hits if h]
            matched.append((severity, hit.group(1), hit.group(2)))
    assert matched == [("info", "agreement", "base-moved"),
                       ("error", f"{P}riktlinjer/riktlinje-oenighet.yaml", "9")]
