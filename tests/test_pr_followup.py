"""Issue 13 follow-up, found by a fresh-clone verification: what the pull-request comment and
`check --base` say about change files, reviews and decisions, each in a real git repository."""

from __future__ import annotations

import shutil

import pytest

from avtal import cli

from test_parallel_edits import BRANCHES, check, repo, write  # noqa: F401  (repo is a fixture)
from test_versions import P, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")


def diff(root, capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["--root", str(root), "diff", *args])
    out, _ = capsys.readouterr()
    return code, out


@pytest.fixture
def merged(repo):
    """main with both pull requests of test_parallel_edits merged: two change files on main."""
    for branch in BRANCHES:
        git(repo, "merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch)
    return repo


def test_change_files_already_on_the_revision_are_not_shown_as_new(merged, capsys):
    """The old side read from git names its files main:agreement/…; a change file is the same change there."""
    code, out = diff(merged, capsys, "main:2023-2026", "2023-2026")
    assert (code, out) == (0, "Ändringar från main:2023-2026 (gällande, 2023-01-01 – 2026-12-31) till 2023-2026 "
                           "(gällande, 2023-01-01 – 2026-12-31)\nI korthet: Inga ändringar.\n")


def test_one_new_change_file_is_one_change_line(merged, capsys):
    write(merged, "andringar/2025-03-01-a-syfte.yaml",
          "document: del-a\ndate: 2025-03-01\nsummary: Rättat stavfel.\nnature: redaktionell\nsections: [a-syfte]\n")
    code, out = diff(merged, capsys, "main:2023-2026", "2023-2026")
    lines = [line.strip() for line in out.splitlines() if line.strip().startswith("Ändring ")]
    assert lines == ["Ändring 1.3: – → 2025-03-01, redaktionell, avsnitt: a-syfte: Rättat stavfel."]
