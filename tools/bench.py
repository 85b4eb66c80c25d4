"""Benchmarks: `python tools/bench.py` (or `make bench`) prints the median of each.

One function per benchmark, registered in BENCHMARKS; each returns rows of
(name, median seconds, note). Add a section by writing a function and listing it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from avtal.checks import check_root  # noqa: E402
from avtal.corpus import load_corpus  # noqa: E402

Row = tuple[str, float, str]


def median_time(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- generated corpora ---------------------------------------------------------------------

def _period_ids(period) -> list[str]:
    """Every id defined in a period: documents, guidelines, sections, key terms, decisions."""
    ids = set(period.documents) | set(period.guidelines) | {s.id for s in period.sections()}
    ids |= {t.id for t in period.key_terms} | {d.id for d in period.decisions}
    return sorted(ids, key=len, reverse=True)


def scaled_corpus(target: Path, factor: int, source: Path = ROOT) -> Path:
    """A corpus with `factor` copies of each period of source, each under a new period id and with
    every id of the period renamed (suffix -kN), so nothing is shared between the copies."""
    corpus, _ = load_corpus(source)
    shutil.copytree(source / "agreement" / "register", target / "agreement" / "register")
    n = 0
    for period_id, period in sorted(corpus.periods.items()):
        ids = _period_ids(period)
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
        for copy in range(factor):
            n += 1
            new_id = f"{3000 + 4 * n}-{3003 + 4 * n}"
            folder = target / "agreement" / new_id
            for path in sorted((source / "agreement" / period_id).rglob("*.yaml")):
                text = pattern.sub(lambda m: f"{m[1]}-k{copy}", path.read_text(encoding="utf-8"))
                if path.name == "period.yaml":
                    text = text.replace(f'id: "{period_id}"', f'id: "{new_id}"', 1)
                out = folder / path.relative_to(source / "agreement" / period_id)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
    (target / "mkdocs.yml").write_text("site_name: bench\n", encoding="utf-8")
    return target


# --- benchmarks ------------------------------------------------------------------------------

def bench_check(runs: int, sizes: tuple[int, ...] = (1, 10, 100)) -> list[Row]:
    """`avtal check` work in process (load + schema + checks, no interpreter start) on the real corpus
    and on generated corpora of 10× and 100× its size; the ratio per size should stay near 1 (linear)."""
    rows: list[Row] = []
    base_time = median_time(lambda: check_root(ROOT), runs)
    _, base_findings = check_root(ROOT)
    rows.append(("check, korpusen (1×)", base_time, f"{len(base_findings)} fynd"))
    for factor in sizes:
        if factor == 1:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            root = scaled_corpus(Path(tmp), factor)
            corpus, findings = check_root(root)
            note = f"{len(corpus.periods)} perioder, {len(findings)} fynd"
            elapsed = median_time(lambda: check_root(root), max(1, runs if factor <= 10 else runs // 2 or 1))
            ratio = elapsed / base_time
            rows.append((f"check, {factor}×", elapsed, f"{note}; {ratio:.1f}× tiden, {ratio / factor:.2f} per storlek"))
    return rows


def bench_cli(runs: int) -> list[Row]:
    """`avtal check` as a process, interpreter start included, for comparison."""
    command = [sys.executable, "-m", "avtal.cli", "--root", str(ROOT), "check"]
    elapsed = median_time(lambda: subprocess.run(command, capture_output=True, check=False), runs)
    start = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
    return [("avtal check som process", elapsed, f"varav {start:.3f} s tom Python-start")]


BENCHMARKS: list[Callable[[int], list[Row]]] = [bench_check, bench_cli]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mät hur lång tid kontrollen tar (median).")
    parser.add_argument("--runs", type=int, default=5, help="körningar per mätning (standard 5)")
    parser.add_argument("--only", help="kör bara benchmarks vars namn innehåller detta")
    args = parser.parse_args(argv)
    for bench in BENCHMARKS:
        if args.only and args.only not in bench.__name__:
            continue
        for name, seconds, note in bench(args.runs):
            print(f"{name:<32} {seconds * 1000:9.1f} ms   {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
