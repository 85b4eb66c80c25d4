"""tools/bench.py's scenarios for the numbers of issue 10 run end to end on a tiny corpus
(tests/fixtures/cli/valid with the real site_src and mkdocs.yml). No timing is asserted here:
the numbers are `make bench`'s business."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "fixtures" / "cli" / "valid"


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "tools" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench", module)
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.fixture
def tiny(tmp_path) -> Path:
    root = tmp_path / "liten"
    shutil.copytree(TINY / "agreement", root / "agreement")
    shutil.copytree(ROOT / "site_src", root / "site_src")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "schemas").symlink_to(ROOT / "schemas")
    (root / "tools").symlink_to(ROOT / "tools")
    return root


def test_generation_scenario_makes_valid_periods_and_a_goal(tiny):
    *rows, goal = bench.bench_generation(1, periods=3, source=tiny)
    assert [name for name, _, _ in rows] == ["sidgenerering, 1 period", "sidgenerering, 3 perioder"]
    assert "0 fel" in rows[1][2]
    assert isinstance(goal, bench.Goal) and goal.value > 0 and goal.cpu > 0


def test_plain_project_holds_every_generated_page_without_the_hook(tiny, tmp_path):
    generated = bench.generate_site(tiny)
    config = bench.plain_mkdocs_project(tmp_path / "vanlig", generated, source=tiny)
    docs = config.parent / "docs"
    assert all((docs / path).is_file() for path in generated.pages)
    assert "<!-- avtal:hierarchy -->" not in (docs / "index.md").read_text(encoding="utf-8")
    assert "hooks:" not in config.read_text(encoding="utf-8")


@pytest.mark.build
def test_build_ratio_compares_two_builds_of_the_same_pages(tiny):
    avtal, plain, goal = bench.bench_build_ratio(1, source=tiny)
    assert plain[2].startswith("utan hooken; samma") and "lika byte för byte" in plain[2]
    assert goal.value == avtal[1] / plain[1]


def test_goal_table_says_whether_each_target_is_met():
    goals = [bench.Goal("a", 1.2, "×", 1.6, 3.4, "1 s / 1 s"), bench.Goal("b", 2.0, "s", 1.5, 2.6, "2 s")]
    table = bench.goal_table(goals)
    assert table[1].endswith("  uppfyllt") and table[2].endswith("inte uppfyllt")
