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

from avtal.check import check_root  # noqa: E402
from avtal.load import load_corpus  # noqa: E402

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


def _replicated_period(factor: int, revised: bool):
    """The real 2023-2026 with every document and guideline copied `factor` times (ids renamed -kN).

    revised: the copy a working group might propose: in every copy a word changed in every 7th
    section, every 13th section retitled, every 29th removed, the first paragraph of every 31st
    moved to the end, the first two sections of each document swapped, and one key term changed.
    """
    import dataclasses

    from avtal.load import build as model
    from avtal.load import load_text

    corpus, _ = load_corpus(ROOT)
    base = corpus.periods["2023-2026"]
    ids = _period_ids(base)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    period = dataclasses.replace(base, documents={}, guidelines={})
    for copy in range(factor):
        rename = (lambda m, c=copy: f"{m[1]}-k{c}") if factor > 1 else (lambda m: m[1])
        for source, bucket, build in ((base.documents, period.documents, model.document_from),
                                      (base.guidelines, period.guidelines, model.guideline_from)):
            for item in source.values():
                text = pattern.sub(rename, item.where.file.source)
                loaded, _ = load_text(text, item.where.file.path)
                made = build(loaded, period.id)
                bucket[made.id] = made
    if revised:
        for document in period.documents.values():
            if len(document.sections) > 1:
                document.sections[0], document.sections[1] = document.sections[1], document.sections[0]
            for i, section in enumerate(list(document.walk())):
                if i % 7 == 3:
                    section.text = section.text.replace(" och ", " samt ", 1)
                if i % 13 == 5:
                    section.title += " (reviderad)"
                if i % 31 == 8 and "\n\n" in section.text.strip():
                    first, rest = section.text.strip().split("\n\n", 1)
                    section.text = rest + "\n\n" + first + "\n"
            for i, section in enumerate(list(document.walk())):
                if i % 29 == 11:
                    for parent in [document, *document.walk()]:
                        if section in parent.sections:
                            parent.sections.remove(section)
                            break
        period.key_terms = [dataclasses.replace(t, value=24, text="tjugofyra månader") if t.id == "uppsagningstid"
                            else t for t in period.key_terms]
    return period, corpus.statutes


def bench_diff(runs: int, sizes: tuple[int, ...] = (1, 10)) -> list[Row]:
    """`avtal diff` work in process: two full periods of the real size and of ten times it (documents
    replicated with renamed ids), the new side revised in every copy; then the reporters."""
    from avtal.diff import data, diff_periods, html, markdown, terminal

    rows: list[Row] = []
    for factor in sizes:
        old, statutes = _replicated_period(factor, revised=False)
        new, _ = _replicated_period(factor, revised=True)
        same, _ = _replicated_period(factor, revised=False)
        work = lambda: diff_periods(old, new, old_statutes=statutes, new_statutes=statutes)  # noqa: E731
        result = work()
        sections = sum(1 for _ in old.sections())
        note = (f"{len(old.documents)} dokument, {sections} avsnitt, {len(old.guidelines)} riktlinjer; "
                f"{len(result.sections)} ändrade avsnitt")
        rows.append((f"diff, {factor}× (reviderad)", median_time(work, runs), note))
        rows.append((f"diff, {factor}× (oförändrad)", median_time(
            lambda: diff_periods(old, same, old_statutes=statutes, new_statutes=statutes), runs), "inga ändringar"))
        for name, render in (("terminal", terminal.format_terminal), ("markdown", markdown.format_markdown),
                             ("html", html.format_html), ("json", data.format_json)):
            rows.append((f"diff, {factor}×, utskrift {name}", median_time(lambda: render(result), runs),
                         f"{len(render(result))} tecken"))
    command = [sys.executable, "-m", "avtal.cli", "--root", str(ROOT), "diff", "HEAD:2023-2026", "2023-2026"]
    elapsed = median_time(lambda: subprocess.run(command, capture_output=True, check=False), runs)
    rows.append(("avtal diff HEAD:2023-2026 2023-2026 som process", elapsed, "git, inläsning och start ingår"))
    return rows


def bench_refs(runs: int) -> list[Row]:
    """`avtal refs` over every file of the corpus, in process: the register indexed once, then every
    text field of every document parsed for citations (what the command does per file)."""
    from avtal.cite.refs import find_in_file, register_index

    files = sorted((ROOT / "agreement").rglob("*.yaml"))
    texts = [(path.as_posix(), path.read_text(encoding="utf-8")) for path in files]

    def work():
        index = register_index(ROOT)
        return sum(len(find_in_file(name, raw, index)) for name, raw in texts)

    found = work()
    return [("refs, hela korpusen", median_time(work, runs), f"{len(files)} filer, {found} hänvisningar")]


def _kb(path: Path) -> str:
    size = path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return f"{size / 1024:,.0f} kB".replace(",", " ")


def bench_site(runs: int) -> list[Row]:
    """`avtal build` (check, generated pages, mkdocs build --strict) as a process, and what it makes:
    the site, its search index (what a reader's browser downloads to search) and the open-data file."""
    runs = max(1, min(runs, 3))  # a build takes seconds
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        command = [sys.executable, "-m", "avtal.cli", "--root", str(ROOT), "build", "--site-dir", str(site)]
        elapsed = median_time(lambda: subprocess.run(command, capture_output=True, check=True), runs)
        pages = sum(1 for _ in site.rglob("*.html"))
        return [
            ("avtal build som process", elapsed, f"{pages} HTML-sidor, hela webbplatsen {_kb(site)}"),
            ("  sökindex", 0.0, _kb(site / "search" / "search_index.json")),
            ("  öppna data (data/avtal.json)", 0.0, _kb(site / "data" / "avtal.json")),
        ]


BENCHMARKS: list[Callable[[int], list[Row]]] = [bench_check, bench_cli, bench_refs, bench_diff, bench_site]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mät hur lång tid kontroll, lagrumssökning, jämförelse och bygge tar (median) och storlekar.")
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
