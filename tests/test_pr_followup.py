"""Issue 13 follow-up, found by a fresh-clone verification: what the pull-request comment and
`check --base` say about change files, reviews and decisions, each in a real git repository."""

from __future__ import annotations

import shutil

import pytest

from avtal import cli

from test_parallel_edits import BRANCHES, check, repo, write  # noqa: F401  (repo is a fixture)
from gitrepo import P, git, minimal_project
from test_versions import edit

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


def test_a_guideline_past_its_review_date_is_told_to_add_a_change_file(tmp_path, capsys):
    """Versions are derived from change files: the hint names the change file, not a version to write."""
    root = minimal_project(tmp_path / "repo")
    edit(root, "riktlinjer/riktlinje-oenighet.yaml", "changelog:", "review_by: 2024-12-31\nchangelog:")
    cli.main(["--root", str(root), "check", "--date", "2025-03-01"])
    out = capsys.readouterr().out
    name = P + "riktlinjer/riktlinje-oenighet.yaml"
    line = next(i for i, text in enumerate(out.splitlines()) if "[guideline-review-due]" in text)
    assert out.splitlines()[line:line + 2] == [
        f"{name}:9:12: varning [guideline-review-due] Riktlinje för hantering av oenighet skulle ses över senast 2024-12-31, men "
        "står som gällande.",
        "    tips: Se över riktlinjen. Är den översedd: skriv det nya datumet i review_by och lägg till en ändringsfil "
        "under agreement/2023-2026/andringar/ med document: riktlinje-oenighet (versionen följer av den). Har den "
        "ersatts eller upphävts: ändra status."]


def test_a_section_as_parent_is_one_finding(tmp_path, capsys):
    """It is a section, not a document: said once, without "det överordnade dokumentet … finns inte"."""
    root = minimal_project(tmp_path / "repo")
    edit(root, "riktlinjer/riktlinje-oenighet.yaml", "parent: del-a", "parent: a-samverkan")
    code = cli.main(["--root", str(root), "check", "--date", "2025-03-01"])
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert (code, lines) == (1, [
        f"{P}riktlinjer/riktlinje-oenighet.yaml:5:9: fel [dangling-reference] " + SECTION_AS_PARENT,
        "1 fel, 0 varningar, 0 tips."])


SECTION_AS_PARENT = ("'a-samverkan' är ett avsnitt (Samverkan i 'del-a'), inte ett dokument; överordnat dokument ska "
                     "vara ett dokument eller en riktlinje.")


def test_a_version_written_by_hand_beside_change_files_is_an_error(merged, capsys):
    """Del A has two change files on main (1.1, 1.2); an editor also raises version: in the file."""
    edit(merged, "del-a.yaml", 'parent: avtalet\nversion: "1.0"', 'parent: avtalet\nversion: "1.3"')
    code = cli.main(["--root", str(merged), "check", "--date", "2025-03-01"])
    assert (code, capsys.readouterr().out) == (1, (
        f"{P}del-a.yaml:6:10: fel [version-written] Dokumentet 'del-a' har version: \"1.3\" skrivet i filen, men "
        "versionen följer av ändringsfilerna under agreement/2023-2026/andringar/ (nu 1.5).\n"
        "    tips: Skriv tillbaka version: \"1.0\" (den sista versionen i filens changelog); varje ändringsfil höjer "
        "versionen ett steg av sig själv.\n"
        "1 fel, 0 varningar, 0 tips.\n"))
