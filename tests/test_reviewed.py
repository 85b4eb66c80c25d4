"""Reviewed findings (agreement/granskade.yaml) and the pull request's own findings first
(issue 13, 5): real git repositories, the real CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from avtal import cli

from gitrepo import commit_all, git, init, minimal_project, replace_once

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")

DEL_A = "agreement/2023-2026/del-a.yaml"
REVIEWED = "agreement/granskade.yaml"
SOL = "Socialtjänstlag (2001:453) upphävdes 2025-07-01 och ersattes av Socialtjänstlag (2025:400); " \
      "dokumentet gäller till 2026-12-31."


def _edit(root: Path, path: str, old: str, new: str) -> None:
    replace_once(root / path, old, new)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The minimal corpus citing the repealed social services act in a-samverkan and a-samverkan-lokal,
    committed on main."""
    root = minimal_project(tmp_path / "repo")
    _edit(root, DEL_A, "Parterna samverkar på länsnivå.",
          "Parterna samverkar på länsnivå enligt socialtjänstlagen (2001:453).")
    _edit(root, DEL_A, "Lokal samverkan sker i varje närområde.",
          "Lokal samverkan sker i varje närområde, se 2 kap. socialtjänstlagen (2001:453).")
    return init(root)


def review(root: Path, *entries: str) -> None:
    (root / REVIEWED).write_text("reviewed:\n" + "".join(entries), encoding="utf-8")


def entry(ident: str | None = "a-samverkan", code: str = "statute-repealed", count: int | None = None) -> str:
    place = f"    id: {ident}\n" if ident else ""
    place += f"    count: {count}\n" if count else ""
    return (f"  - code: {code}\n    file: {DEL_A}\n{place}    reason: Den antagna texten; ändras vid nästa revidering.\n"
            "    date: 2026-11-30\n    by: arbetsgruppen\n")


def check(root: Path, capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["--root", str(root), "check", "--date", "2025-03-01", *args])
    return code, capsys.readouterr().out


def test_a_reviewed_finding_is_reported_as_such_and_no_longer_counts_as_a_warning(repo, capsys):
    review(repo, entry())
    code, out = check(repo, capsys, "--strict")
    assert out == (
        f"{DEL_A}:23:45: granskad [statute-repealed] {SOL}\n"
        f"    tips: Granskad 2026-11-30 av arbetsgruppen: Den antagna texten; ändras vid nästa revidering. ({REVIEWED})\n"
        f"{DEL_A}:28:54: varning [statute-repealed] {SOL}\n"
        "    tips: Hänvisa till Socialtjänstlag (2025:400) vid nästa revidering.\n"
        "0 fel, 1 varning, 0 tips, 1 granskad.\n")
    assert code == 1  # --strict: the subsection's warning is not reviewed
    review(repo, entry(None, count=2))  # no id: the file as a whole, both findings
    code, out = check(repo, capsys, "--strict")
    assert code == 0 and out.endswith("0 fel, 0 varningar, 0 tips, 2 granskade.\n")


def test_the_place_survives_lines_moving(repo, capsys):
    review(repo, entry())
    _edit(repo, DEL_A, "\nsections:\n", "\nsections:\n  - id: a-ny\n    title: Ny\n    text: |\n      Ny text.\n")
    code, out = check(repo, capsys)
    assert f"{DEL_A}:27:45: granskad [statute-repealed]" in out and code == 0


@pytest.mark.parametrize("change,message", [
    (("Parterna samverkar på länsnivå enligt socialtjänstlagen (2001:453).", "Parterna samverkar på länsnivå."),
     f"Det granskade fyndet [statute-repealed] i 'a-samverkan' i {DEL_A} finns inte längre."),
    (("id: a-samverkan\n", "id: a-samverkan-lan\n"),
     f"Den granskade platsen 'a-samverkan' finns inte längre i {DEL_A}."),
])
def test_a_review_that_covers_nothing_any_more_is_a_tip(repo, capsys, change, message):
    review(repo, entry())
    _edit(repo, DEL_A, *change)
    _, out = check(repo, capsys)
    assert (f"{REVIEWED}:2:5: tips [reviewed-stale] {message}\n"
            "    tips: Ta bort raden ur granskade.yaml; gäller granskningen en annan plats, skriv dess id.\n") in out


REVIEWED_HINT = ("    tips: Granskad 2026-11-30 av arbetsgruppen: Den antagna texten; ändras vid nästa revidering. "
                 f"({REVIEWED})\n")


def test_a_new_finding_in_a_reviewed_section_is_not_hidden_by_the_old_review(repo, capsys):
    """A pull request adds a second citation of the repealed act to the reviewed a-samverkan: a warning."""
    review(repo, entry(), entry("a-samverkan-lokal"))
    _edit(repo, DEL_A, "enligt socialtjänstlagen (2001:453).",
          "enligt socialtjänstlagen (2001:453). Tillsyn sker enligt 13 kap. socialtjänstlagen (2001:453).")
    code, out = check(repo, capsys, "--strict")
    assert out == (
        f"{DEL_A}:23:45: granskad [statute-repealed] {SOL}\n" + REVIEWED_HINT
        + f"{DEL_A}:23:95: varning [statute-repealed] {SOL}\n"
        "    tips: Hänvisa till Socialtjänstlag (2025:400) vid nästa revidering. Granskningen av [statute-repealed] "
        f"i 'a-samverkan' ({REVIEWED}) gäller 1 fynd; det här är ett till. Granska det och skriv count: 2, "
        "eller ändra texten.\n"
        f"{DEL_A}:28:54: granskad [statute-repealed] {SOL}\n" + REVIEWED_HINT
        + "0 fel, 1 varning, 0 tips, 2 granskade.\n")
    assert code == 1
    review(repo, entry(count=2), entry("a-samverkan-lokal"))  # reviewed now: both covered
    code, out = check(repo, capsys, "--strict")
    assert code == 0 and out.endswith("0 fel, 0 varningar, 0 tips, 3 granskade.\n")


def test_a_review_of_more_findings_than_there_are_is_a_tip(repo, capsys):
    review(repo, entry(count=3))
    _, out = check(repo, capsys)
    assert (f"{REVIEWED}:2:5: tips [reviewed-stale] Granskningen av [statute-repealed] i 'a-samverkan' i {DEL_A} "
            "gäller 3 fynd, men nu finns 1 fynd.\n    tips: Skriv count: 1 på raden i granskade.yaml.\n") in out


def test_reviews_of_a_file_that_cannot_be_read_are_not_called_stale(repo, capsys):
    """A typo in del-a.yaml (version unquoted): its one error, nothing about the reviews of its sections."""
    review(repo, entry(), entry("a-samverkan-lokal"))
    _edit(repo, DEL_A, 'parent: avtalet\nversion: "1.0"', "parent: avtalet\nversion: 1.0")
    code, out = check(repo, capsys)
    assert (code, out) == (1, f"{DEL_A}:6:10: fel [schema-type] 'version' ska vara text.\n"
                              '    tips: Sätt värdet inom citattecken: version: "1.0".\n1 fel, 0 varningar, 0 tips.\n')


def test_reviews_of_a_period_without_period_yaml_are_not_called_stale(repo, capsys):
    """period.yaml deleted: its one error; the documents are still checked (a stand-in period), so the
    reviewed places exist and their findings are reviewed, not called gone (verify-11 D5)."""
    review(repo, entry(), entry("a-samverkan-lokal"))
    (repo / "agreement" / "2023-2026" / "period.yaml").unlink()
    code, out = check(repo, capsys)
    lines = out.splitlines()
    assert code == 1
    assert [line for line in lines if not line.startswith(" ")] == [
        "agreement/2023-2026/avtal.yaml:1:1: fel [period-missing] Mappen '2023-2026' saknar period.yaml.",
        *[line for line in lines if "granskad [statute-repealed]" in line],
        "1 fel, 0 varningar, 0 tips, 2 granskade."]


def test_an_error_cannot_be_reviewed(repo, capsys):
    _edit(repo, DEL_A, "[riktlinjen](ref:riktlinje-oenighet)", "[riktlinjen](ref:riktlinje-saknas)")
    review(repo, entry("a-oenighet", "dangling-reference"))
    code, out = check(repo, capsys)
    assert code == 1 and "fel [dangling-reference]" in out and "tips [reviewed-stale]" in out


def test_the_schema_of_the_file(repo, capsys):
    (repo / REVIEWED).write_text("reviewed:\n  - code: statute-repealed\n    file: del-a.yaml\n"
                                 "    reason: x\n    date: 2026-11-30\n", encoding="utf-8")
    code, out = check(repo, capsys)
    assert code == 1 and f"{REVIEWED}:3:11: fel [schema-pattern]" in out
    assert "Skriv filens sökväg från projektets mapp, t.ex. agreement/2023-2026/del-b.yaml." in out


def test_annotations_show_the_pull_requests_own_findings_first_and_the_job_summary_all(repo, capsys, tmp_path,
                                                                                       monkeypatch):
    """GitHub annotates 10 warnings of a step: the branch's new one (a-avtalstid, line 19) comes before the
    standing ones, a reviewed one is not annotated, and the job summary lists all three."""
    review(repo, entry())
    commit_all(repo, "Granskat")
    git(repo, "checkout", "-q", "-b", "pr")
    _edit(repo, DEL_A, "Uppsägningstiden är {{uppsagningstid}} före avtalstidens slut.",
          "Uppsägningstiden är {{uppsagningstid}} före avtalstidens slut, se socialtjänstlagen (2001:453).")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _, out = check(repo, capsys, "--base", "main", "--format", "github")
    annotations = [line.split("::")[1] for line in out.splitlines() if line.startswith("::")]
    assert annotations[0] == f"warning file={DEL_A},line=19,col=73,title=statute-repealed"
    assert [a for a in annotations if "statute" in a] == [
        f"warning file={DEL_A},line=19,col=73,title=statute-repealed",
        f"warning file={DEL_A},line=28,col=54,title=statute-repealed"]
    assert not any("line=23," in a for a in annotations)  # reviewed
    table = summary.read_text(encoding="utf-8")
    assert table.startswith("### avtal check\n\n")
    rows = [line for line in table.splitlines() if line.startswith("| `") and "statute" in line]
    assert [row.split(" | ")[:3] for row in rows[:3]] == [
        [f"| `{DEL_A}:19:73`", "varning", "`statute-repealed`"],
        [f"| `{DEL_A}:23:45`", "granskad", "`statute-repealed`"],
        [f"| `{DEL_A}:28:54`", "varning", "`statute-repealed`"]]
