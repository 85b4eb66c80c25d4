"""The package's shape: layers without cycles, every module in a layer, no module too long.

load < check/cite < site/diff < cli, as declared in pyproject.toml ([tool.importlinter]) and
checked by import-linter; cycles are found with grimp (import-linter's own import graph).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tools" / "avtal"
MAX_LINES = 400  # issue 10: a module longer than this holds more than one concept


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return config["contracts"][0]


def test_the_layers_contract_is_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_module_and_subpackage_has_a_layer():
    layered = {name.strip() for layer in _contract()["layers"] for name in layer.split("|")}
    top = {f"avtal.{p.stem}" for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    top |= {f"avtal.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert top == layered


def test_no_import_cycles():
    graph = grimp.build_graph("avtal", exclude_type_checking_imports=True)
    imports = nx.DiGraph()
    for module in graph.modules:
        imports.add_edges_from((module, other) for other in graph.find_modules_directly_imported_by(module))
    assert list(nx.simple_cycles(imports)) == []


def test_no_library_module_imports_the_cli():
    graph = grimp.build_graph("avtal")
    assert graph.find_modules_that_directly_import("avtal.cli") == {"avtal.__main__"}  # python -m avtal


def test_no_module_is_longer_than_the_limit():
    long = {p.relative_to(PACKAGE).as_posix(): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
