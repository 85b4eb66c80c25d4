"""Issue 13, 4: two pull requests that change the same document merge one after the other with plain
`git merge`, and main still checks clean. Each writes its change (and its decision) in a file of its own,
as the editors' guide says; the document's version follows from the change files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from avtal import cli
from avtal.load import load_corpus

from gitrepo import P, commit_all, git, init, minimal_project
from test_versions import edit

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")


def write(root: Path, path: str, text: str) -> None:
    target = root / P / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def check(root: Path, capsys, *args: str) -> tuple[int, list[tuple]]:
    code = cli.main(["--root", str(root), "check", "--format", "json", *args])
    out, _ = capsys.readouterr()
    return code, [(f["code"], f["file"], f["line"]) for f in json.loads(out)]


# Two pull requests on Del A, each following the guide: the text, a decision, a change naming both.
BRANCHES = {
    "samverkan": [
        ("edit", "del-a.yaml", "Parterna samverkar på länsnivå.", "Parterna samverkar på läns- och delregional nivå."),
        ("write", "beslut/rs-2025-02-11.yaml",
         "id: rs-2025-02-11\nbody: Regionstyrelsen\ndate: 2025-02-11\nsummary: Samverkan på delregional nivå.\n"),
        ("write", "andringar/2025-02-20-a-samverkan.yaml",
         "document: del-a\ndate: 2025-02-20\nsummary: Samverkan även på delregional nivå.\nnature: materiell\n"
         "sections: [a-samverkan]\ndecision: rs-2025-02-11\n"),
    ],
    "oenighet": [
        ("edit", "del-a.yaml", "Oenighet hanteras enligt", "Oenighet hanteras skyndsamt enligt"),
        ("write", "beslut/sro-2025-02-13.yaml",
         "id: sro-2025-02-13\nbody: Politiskt samrådsorgan (SRO)\ndate: 2025-02-13\nsummary: Oenighet hanteras skyndsamt.\n"),
        ("write", "andringar/2025-02-14-a-oenighet.yaml",
         "document: del-a\ndate: 2025-02-14\nsummary: Oenighet hanteras skyndsamt.\nnature: materiell\n"
         "sections: [a-oenighet]\ndecision: sro-2025-02-13\n"),
    ],
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = init(minimal_project(tmp_path / "repo"))
    for branch, steps in BRANCHES.items():
        git(root, "checkout", "-q", "-b", branch, "main")
        for step in steps:
            edit(root, *step[1:]) if step[0] == "edit" else write(root, *step[1:])
        commit_all(root, f"Del A: {branch}")
    git(root, "checkout", "-q", "main")
    return root


def test_each_pull_request_checks_clean_against_main(repo, capsys):
    for branch in BRANCHES:
        git(repo, "checkout", "-q", branch)
        assert check(repo, capsys, "--base", "main") == (0, [])


def test_both_merge_into_main_without_conflict_and_main_checks_clean(repo, capsys):
    base = git(repo, "rev-parse", "main").strip()
    for branch in BRANCHES:  # one after the other, as the merge button does: plain git merge, no conflict
        git(repo, "merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch)
    assert git(repo, "status", "--porcelain") == ""
    assert check(repo, capsys) == (0, [])
    assert check(repo, capsys, "--base", base) == (0, [])
    corpus, _ = load_corpus(repo)
    del_a = corpus.periods["2023-2026"].documents["del-a"]
    assert del_a.version == "1.2"
    assert [(c.version, c.date, c.sections) for c in del_a.changelog] == [
        ("1.0", "2022-06-14", ()), ("1.1", "2025-02-14", ("a-oenighet",)), ("1.2", "2025-02-20", ("a-samverkan",))]
    assert "läns- och delregional nivå" in del_a.sections[1].text
    assert "hanteras skyndsamt enligt" in del_a.sections[2].text


def test_the_second_pull_request_updated_from_main_still_checks_clean(repo, capsys):
    """Update branch after the first was merged: a clean merge of main into it, and its own change only."""
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge samverkan", "samverkan")
    git(repo, "checkout", "-q", "oenighet")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge main", "main")
    # Its change is dated before the one merged first, so that one's version moves from 1.1 to 1.2: said once.
    assert check(repo, capsys, "--base", "main") == (0, [
        ("changelog-renumbered", P + "andringar/2025-02-14-a-oenighet.yaml", 2)])
