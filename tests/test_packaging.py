"""An installed avtal (a wheel, as pre-commit installs it) carries its schemas and checks a corpus.

The wheel is built from this checkout and put first on the path, so nothing of the checkout
(tools/, schemas/) is read: the schemas come from the package data ``avtal.schemas``.
"""

from __future__ import annotations

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
    assert set(setuptools["packages"]) == found | templates | {"avtal.schemas"}


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
                          "print(render('avtal.diff', 'diff.html', title='<Ändringar>', blocks=[]))"],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.stderr.startswith(str(installed)), run.stderr
    assert run.stdout == '<div class="avtal-diff"><h2>&lt;Ändringar&gt;</h2>\n</div>\n'


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
