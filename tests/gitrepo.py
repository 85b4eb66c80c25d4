"""Real git repositories and small projects for the tests: git run with no user or system configuration
as one fixed author, the minimal corpus of tests/fixtures/hierarchy/minimal set up as a project, its
first commit on main, and text edits that must each find their old text exactly once.

Used by the tests of `check --base`, `diff` between revisions, the version history of the site and the
fixture revisions (tests/fixtures/report/revision.py, tests/fixtures/diff/edits.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "hierarchy" / "minimal"
P = "agreement/2023-2026/"  # the minimal corpus's period folder


def git(repo: Path, *args: str, date: str | None = None) -> str:
    """git in repo, with no user or system configuration, as the tests' fixed author (at date, ISO, when
    given); its standard output. Raises subprocess.CalledProcessError when git fails."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-c", "user.name=Avtal Test", "-c", "user.email=avtal@example.org",
                           "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, capture_output=True,
                          text=True, check=True).stdout


def commit_all(repo: Path, message: str, date: str | None = None) -> None:
    """Everything in the working tree committed as one commit (at date, ISO, when given)."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def init(root: Path, message: str = "Antagen version", date: str | None = None) -> Path:
    """A new repository at root (branch main) with everything in root as its first commit; root."""
    git(root, "init", "-q", "-b", "main")
    commit_all(root, message, date)
    return root


def minimal_project(root: Path, mkdocs: str | None = "site_name: test\n") -> Path:
    """The minimal corpus and the real registers (agreement/register) copied to root, with a mkdocs.yml
    of the text mkdocs (none when None); root. Not a repository: see init."""
    shutil.copytree(MINIMAL / "agreement", root / "agreement")
    shutil.copytree(ROOT / "agreement" / "register", root / "agreement" / "register")
    if mkdocs is not None:
        (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    return root


def replace_once(path: Path, old: str, new: str) -> int:
    """old replaced by new in the file at path, where old must occur exactly once (AssertionError
    otherwise); the 1-based line where old began."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} occurs {text.count(old)} times, not exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def apply_edits(folder: Path, edits: list[tuple[str, str, str]]) -> None:
    """Each (file under folder, old text, new text) of edits made in turn with replace_once."""
    for name, old, new in edits:
        replace_once(folder / name, old, new)
