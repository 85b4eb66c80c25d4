"""An installed avtal (a wheel, as pre-commit installs it) carries its schemas and checks a corpus.

The wheel is built from this checkout and put first on the path, so nothing of the checkout
(tools/, schemas/) is read: the schemas come from the package data ``avtal.schemas``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_for_the_wheel():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    package = ROOT / "tools" / "avtal"
    found = {".".join(("avtal", *p.parent.relative_to(package).parts)) for p in package.rglob("__init__.py")}
    templates = {".".join(("avtal", *p.relative_to(package).parts)) for p in package.rglob("templates") if p.is_dir()}
    assert set(setuptools["packages"]) == found | templates | {"avtal.schemas", "avtal.register"}


_OUTPUTS = {".git", ".venv", "build", "site", ".hypothesis"}  # at the top of the checkout


def _not_sources(folder: str, names: list[str]) -> set[str]:
    """What a build or a test run leaves in the checkout, for shutil.copytree to skip."""
    top = Path(folder) == ROOT
    return {n for n in names if (top and n in _OUTPUTS) or n.endswith((".egg-info", "_cache")) or n == "__pycache__"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel of this checkout, unpacked: what `pip install .` puts in site-packages.

    Built from a copy without build/ and *.egg-info: setuptools reuses the file lists of an earlier
    build found there, so a file missing from the package data would still reach the wheel.
    """
    out = tmp_path_factory.mktemp("wheel")
    source = out / "source"
    shutil.copytree(ROOT, source, ignore=_not_sources)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    (wheel,) = out.glob("avtal-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(out / "site-packages")
    return out / "site-packages"


def test_the_wheel_holds_the_statute_register_and_nothing_else_of_the_corpus(installed):
    shipped = installed / "avtal" / "register"
    assert sorted(p.name for p in shipped.iterdir() if p.suffix == ".yaml") == ["lagar.yaml"]
    assert (shipped / "lagar.yaml").read_bytes() == (ROOT / "agreement" / "register" / "lagar.yaml").read_bytes()


REFS_TEXT = "Enligt 16 kap. 4 § HSL och 9 § LSS ska en plan upprättas.\n"


def _refs(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import sys; from avtal.cli import main; sys.exit(main(sys.argv[1:]))",
                           "refs", *args], input=REFS_TEXT, cwd=cwd, env=env, capture_output=True, text=True)


def test_an_installed_avtal_refs_knows_the_statutes_outside_a_project(installed, tmp_path):
    """Issue 15: outside a checkout `avtal refs` uses the register shipped with the package, and
    answers as it does in the project."""
    env = dict(os.environ, PYTHONPATH=str(installed))
    outside = _refs(tmp_path, env, "--format", "json")
    assert outside.returncode == 0, outside.stderr
    links = [json.loads(line)["link"] for line in outside.stdout.splitlines()]
    assert links == ["https://lagen.nu/2017:30#K16P4", "https://lagen.nu/1993:387#P9"]
    inside = _refs(ROOT, env, "--format", "json")
    assert inside.stdout == outside.stdout


def test_a_projects_own_register_overrides_the_shipped_one(installed, tmp_path):
    register = tmp_path / "agreement" / "register"
    register.mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (register / "lagar.yaml").write_text(
        "statutes:\n  - id: hsl\n    sfs: \"2099:1\"\n    kind: lag\n    title: Hälso- och sjukvårdslag (2099:1)\n"
        "    abbreviation: HSL\n    in_force_from: 2099-01-01\n    chaptered: true\n"  # else no "#K" anchor
        "    source: https://data.riksdagen.se/dokument/sfs-2099-1.html\n", encoding="utf-8")
    run = _refs(tmp_path, dict(os.environ, PYTHONPATH=str(installed)))
    assert run.returncode == 0, run.stderr
    assert "https://lagen.nu/2099:1#K16P4" in run.stdout
    assert "okänd lag" in run.stdout  # LSS is not in this project's register


def test_the_wheel_holds_every_schema(installed):
    schemas = sorted(p.name for p in (installed / "avtal" / "schemas").glob("*.schema.json"))
    assert schemas == sorted(p.name for p in (ROOT / "schemas").glob("*.schema.json"))


def _templates(package: Path) -> list[str]:
    """Every file under a templates/ folder of the package, as paths relative to it."""
    return sorted(p.relative_to(package).as_posix() for p in package.rglob("*")
                  if "templates" in p.relative_to(package).parts and p.is_file())


def test_the_wheel_holds_every_template(installed):
    """The Jinja2 templates (avtal.templating) are package data: every file in a package's templates/."""
    expected = _templates(ROOT / "tools" / "avtal")
    assert {"diff/templates/blocks.html", "diff/templates/diff.html", "diff/templates/redline.html"} <= set(expected)
    assert _templates(installed / "avtal") == expected


def test_an_installed_avtal_renders_from_its_templates(installed, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(installed))
    run = subprocess.run([sys.executable, "-c", "import avtal, sys; from avtal.templating import render; "
                          "print(avtal.__file__, file=sys.stderr); "
                          "print(render('avtal.diff', 'diff.html', title='<Ändringar>', heading='<Ändringar>', "
                          "date=None, header='x', blocks=[]))"],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.stderr.startswith(str(installed)), run.stderr
    assert "<title>&lt;Ändringar&gt;</title>" in run.stdout and "<h1>&lt;Ändringar&gt;</h1>" in run.stdout
    assert "text-decoration: line-through" in run.stdout  # the styles (*.css) are package data too


def test_an_installed_avtal_checks_a_corpus_outside_the_checkout(installed, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "agreement", project / "agreement")
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (project / "agreement" / "2023-2026" / "del-a.yaml").write_text(
        (ROOT / "agreement" / "2023-2026" / "del-a.yaml").read_text(encoding="utf-8").replace(
            "kind: avtalsdel", "kind: avtalsdell", 1), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(installed))
    run = subprocess.run([sys.executable, "-c", "import avtal, sys; from avtal.cli import main; "
                          "print(avtal.__file__, file=sys.stderr); sys.exit(main(['check']))"],
                         cwd=project, env=env, capture_output=True, text=True)
    assert run.stderr.startswith(str(installed)), run.stderr
    assert run.returncode == 1, run.stdout + run.stderr
    assert "agreement/2023-2026/del-a.yaml:2:7: fel [schema-enum] Värdet 'avtalsdell' är inte tillåtet för 'kind'." \
        in run.stdout


def test_the_pre_push_hook_from_an_installed_avtal_catches_a_forgotten_change(installed, tmp_path):
    """What pre-commit runs before a push (.pre-commit-hooks.yaml: avtal-check-base), from the wheel, not the
    checkout: in a clone whose branch changed Del A's text without a change file, `python -m avtal check
    --base origin/main` fails with changelog-missing."""
    from gitrepo import git, init, minimal_project

    origin = init(minimal_project(tmp_path / "origin", mkdocs="site_name: x\n"))
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-q", "-b", "andring")
    del_a = clone / "agreement" / "2023-2026" / "del-a.yaml"
    del_a.write_text(del_a.read_text(encoding="utf-8").replace("på länsnivå.", "på läns- och delregional nivå."),
                     encoding="utf-8")
    git(clone, "commit", "-q", "-am", "Samverkan")
    env = dict(os.environ, PYTHONPATH=str(installed), AVTAL_DATE="2025-03-01")
    run = subprocess.run([sys.executable, "-m", "avtal", "check", "--base", "origin/main"], cwd=clone, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert ("agreement/2023-2026/del-a.yaml:9:1: fel [changelog-missing] Dokumentet 'del-a' har ändrats sedan "
            "origin/main men ändringen är inte beskriven: ingen ny ändringsfil under agreement/2023-2026/andringar/.") in run.stdout
