"""Benchmarks: `python tools/bench.py` (or `make bench`) prints the median of each.

One function per benchmark, registered in BENCHMARKS; each returns rows of
(name, median seconds, note) and, for a number issue 10 sets a target for, a Goal (the
medians, the ratio, the target, met or not), printed together in a last table. Add a section
by writing a function and listing it.

    python tools/bench.py [--runs N] [--only NAME[,NAME…]] [--json FILE] [--profile]
    make bench BENCH="--only serve --runs 7"

`--only` runs the benchmarks whose function name contains NAME (`build-ratio`, `generation`,
`serve`, `check`, `cli`, `refs`, `diff`, `site`, `malformed`; `-` and `_` alike); `--json` also writes every
row and goal to FILE; `--profile` measures nothing and instead prints, per targeted scenario,
the functions that take the most time (cProfile, top 25 by cumulative and by own time).
Wall time is what the targets are about; CPU time (user + system) is printed beside it because
other work on the machine stretches wall time far more than CPU time; the load average before
and after is printed with the table.

Scenarios with a target (issue 10, "Numbers"; medians on the two-core machine):

- `build-ratio` — `avtal build` ÷ a plain `mkdocs build` of the same generated pages; target
  ≤ 1.6× (3.4× when the issue was filed). The pages are generated once in process
  (`generate_site`: what the mkdocs hook adds) and written by `plain_mkdocs_project` into a
  temporary docs folder beside copies of site_src's hand-written pages: the generated pages, the
  open-data file, the start page with its picture in place of the placeholder and each page's
  search weight as front matter (what the hook puts in page.meta), with mkdocs.yml minus the
  hook and the watch list plus the generated navigation. Then `avtal build --site-dir TMP` of
  the project and `mkdocs build --strict` of that folder, both as subprocesses, interleaved with
  the order swapped every run, min(--runs, 5) runs each. Both must give the same HTML pages; the
  note says whether they are equal byte for byte (they are on main at the time of writing).
- `generation` — page generation, the hook's work before mkdocs renders (`generate_site`: check
  the corpus, build the pages with one Site index, navigation, search weights, open data, start
  page picture), in process after one untimed warm-up, for the real one-period corpus (--runs
  times) and for a ten-period one (min(--runs, 3) times, interleaved); target ≤ 12× (30× when
  filed). The ten periods (`multi_period_project`): agreement/2023-2026 and nine copies four
  years apart (2019-2022 … 1987-1990), each copy with its id, title, every date and every
  "2023–2026" in its text moved back by the same number of years and status upphavd, so
  2023-2026 stays the one gallande period; ids are kept, as they need only be unique within a
  period. `avtal check` of that corpus must give no errors (it gives warnings: acts not yet in
  force in the earlier years).
- `serve` — `avtal serve --addr 127.0.0.1:PORT` as a subprocess in a temporary copy of the
  project (`copy_project`); after the first build is served, one word of the text of section
  b-lagstiftning in agreement/2023-2026/del-b.yaml is replaced (one write of the file), and the
  time until the new word is served at /2023-2026/del-b/ is taken by polling every 20 ms; --runs
  edits one after another, at pauses that vary against the watcher's half-second polling; the
  median, target ≤ 1.5 s (2.6 s when filed). The note gives each edit's time, mkdocs' own build
  time from the log and the server's CPU time per edit. The server is stopped with SIGINT
  (Ctrl+C), as a user does, and must not have written a traceback.

- `malformed` — loading a malformed YAML file of 512 kB (the loader's limit), four kinds of fault
  (``malformed_files``), CPU time per file; target < 1 s each (issue 11; about 7 s when filed).

`make test`'s wall time (also a target of issue 10) is measured elsewhere, not here.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from avtal.check import check_root  # noqa: E402
from avtal.dates import today  # noqa: E402
from avtal.status import status_on  # noqa: E402
from avtal.findings import Severity  # noqa: E402
from avtal.load import load_corpus  # noqa: E402

Row = tuple[str, float, str]


@dataclass
class Goal:
    """A number issue 10 sets a target for: the median measured (seconds, or a ratio of two
    medians) against the target, and the value the issue reported when it was filed."""

    name: str
    value: float  # a ratio when unit is "×", else seconds
    unit: str  # "×" or "s"
    target: float
    reported: float
    median: str  # the medians behind the value, as printed
    cpu: float | None = None  # the same in CPU time (user + system), less disturbed by other load

    @property
    def met(self) -> bool:
        return self.value <= self.target

    def cells(self) -> tuple[str, ...]:
        amount = lambda v: f"{v:.2f}{self.unit}" if self.unit == "×" else f"{v:.2f} s"  # noqa: E731
        return (self.name, self.median, amount(self.value) if self.unit == "×" else "–",
                amount(self.cpu) if self.cpu is not None else "–", f"≤ {amount(self.target)}",
                amount(self.reported), "uppfyllt" if self.met else "inte uppfyllt")


Result = Row | Goal
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="true")


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


# --- the numbers of issue 10: generation, build ratio, serve ------------------------------------

@dataclass
class Generated:
    """Everything the mkdocs hook adds to a build, as text: the pages (path -> Markdown), the
    navigation, the search weight per page, the open-data file and the start page's picture; the
    pages kept out of the navigation (earlier versions, comparisons) and the stylesheets it adds."""

    pages: dict[str, str]
    nav: list
    boosts: dict[str, float]
    export_json: str
    start_html: str
    built_on: str  # the build's day, as the hook writes it in place of publisher.BUILT_PLACEHOLDER
    hidden: list[str] = field(default_factory=list)
    extras: dict[str, str] = field(default_factory=dict)


def generate_site(root: Path, docs_dir: Path | None = None) -> Generated:
    """What the mkdocs hook (tools/avtal/site/mkdocs_hooks.py) does before mkdocs renders: check the
    corpus under root (raising on errors, as the hook does), build the pages with one Site index,
    the navigation, the search weights, the open data and the start page's picture. docs_dir holds
    the hand-written pages the navigation lists (default root/site_src). Keep in step with the hook:
    tests/test_bench.py checks that the plain build of this gives the same site byte for byte."""
    from avtal.site.build import build, nav, search_boosts
    from avtal.site.export import export
    from avtal.site.mkdocs_hooks import extra_files, read_versions
    from avtal.site.overview import start_page_html

    corpus, findings = check_root(root)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise RuntimeError(f"{len(errors)} fel i korpusen under {root}: {errors[0]}")
    versions = read_versions(root, corpus)
    done = build(corpus, versions=versions)
    docs = docs_dir or root / "site_src"
    hand_written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    return Generated(
        pages={page.path: page.content for page in done.pages},
        nav=nav(corpus, hand_written + [page.path for page in done.pages], versions),
        boosts=search_boosts(corpus),
        export_json=json.dumps(export(corpus, base_url="", site=done.site), ensure_ascii=False, indent=1),
        start_html=start_page_html(done.site, "index.md"),
        built_on=done.site.today.isoformat(),
        hidden=[page.path for page in done.pages if not page.in_nav],
        extras=extra_files(versions),
    )


DATE_YEAR = re.compile(r"\b(19|20)(\d\d)(?=-[01]\d-[0-3]\d\b)")  # the year of an ISO date


def multi_period_project(target: Path, periods: int = 10, source: Path = ROOT, period: str = "2023-2026") -> Path:
    """A project whose corpus holds `periods` periods: source's `period` as it is, and copies of it
    four years apart before it (2019-2022, 2015-2018, …), each with its id, title, every date and
    every "2023–2026" in its text moved by the same number of years, and each period naming the
    copy before it as its predecessor, so that every copy is replaced by the next and only the
    original is in force (avtal.status). Registers, site_src and mkdocs.yml come along; nothing else
    is renamed, as ids need only be unique within a period. Returns target."""
    first, last = map(int, period.split("-"))
    shutil.copytree(source / "agreement" / "register", target / "agreement" / "register")
    shutil.copytree(source / "agreement" / period, target / "agreement" / period)
    ids = [period] + [f"{first - 4 * k}-{last - 4 * k}" for k in range(1, periods)]
    for k in range(1, periods):
        years = 4 * k
        new_id = f"{first - years}-{last - years}"
        folder = target / "agreement" / new_id
        for path in sorted((source / "agreement" / period).rglob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            text = DATE_YEAR.sub(lambda m: str(int(m[1] + m[2]) - years), text)
            text = text.replace(f"{first}–{last}", f"{first - years}–{last - years}")
            if path.name == "period.yaml":
                text = text.replace(f'id: "{period}"', f'id: "{new_id}"', 1)
            out = folder / path.relative_to(source / "agreement" / period)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    for newer, older in zip(ids, ids[1:]):  # each period replaces the copy before it
        manifest = target / "agreement" / newer / "period.yaml"
        text = manifest.read_text(encoding="utf-8")
        text = re.sub(r"^predecessor:\n(?:  .*\n)*", "", text, count=1, flags=re.M)
        start, end = older.split("-")
        manifest.write_text(text.rstrip("\n") + f'\npredecessor:\n  period: "{older}"\n  title: Avtalet {older}\n'
                            f"  valid_from: {start}-01-01\n  valid_to: {end}-12-31\n", encoding="utf-8")
    shutil.copytree(source / "site_src", target / "site_src")
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    return target


def bench_generation(runs: int, periods: int = 10, source: Path = ROOT) -> list[Result]:
    """Page generation (`generate_site`) in process for the one-period corpus of source and for a
    corpus of `periods` periods made from it (`multi_period_project`), after one untimed warm-up
    (imports, templates), interleaved; the larger corpus at most 3 times (tens of seconds each today).
    Goal: the ten-period time ≤ 12× the one-period time (issue 10)."""
    runs = max(1, runs)
    with tempfile.TemporaryDirectory() as tmp:
        many = multi_period_project(Path(tmp) / "projekt", periods, source)
        corpus, findings = check_root(many)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        assert not errors, f"{len(errors)} fel i korpusen med {periods} perioder, först: {errors[0]}"
        assert len(corpus.periods) == periods
        in_force = [p.id for p in corpus.periods.values() if status_on(p, corpus, today()).code in ("gallande", "forlangd")]
        assert in_force == ["2023-2026"], in_force
        pages = {"one": len(generate_site(source).pages), "many": 0}  # the warm-up

        def ten_periods():
            pages["many"] = len(generate_site(many).pages)

        one: list[tuple[float, float]] = []
        ten: list[tuple[float, float]] = []
        for i in range(runs):
            one.append(_timed(lambda: generate_site(source)))
            if i < min(runs, 3):
                ten.append(_timed(ten_periods))
    (one_s, one_cpu), (ten_s, ten_cpu) = _medians(one), _medians(ten)
    return [
        ("sidgenerering, 1 period", one_s, f"kontroll, sidor, navigering, öppna data, startsida; {pages['one']} sidor; "
                                           f"CPU {one_cpu:.2f} s"),
        (f"sidgenerering, {periods} perioder", ten_s,
         f"{pages['many']} sidor, {len(findings)} fynd och 0 fel; {len(ten)} körningar; CPU {ten_cpu:.2f} s"),
        Goal(f"sidgenerering, {periods} perioder ÷ 1 period", ten_s / one_s, "×", 12.0, 30.0,
             f"{ten_s:.2f} s / {one_s:.2f} s", ten_cpu / one_cpu),
    ]


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of work in this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def plain_mkdocs_project(target: Path, generated: Generated, source: Path = ROOT) -> Path:
    """The generated site as an ordinary mkdocs project without the avtal hook: site_src copied to
    target/docs with the generated pages and the open-data file written into it, the start page's
    picture put in place of its placeholder, the publisher's facts in place of theirs, each page's search weight as front matter (what the
    hook sets in page.meta), and source's mkdocs.yml with the navigation written in and the hook
    and watch list removed. Returns target/mkdocs.yml."""
    from avtal.site.build import EXPORT_PATH, OTHER_PAGE_SEARCH_BOOST
    from avtal.site.mkdocs_hooks import HIERARCHY_PLACEHOLDER
    from avtal.site.publisher import BUILT_PLACEHOLDER, fill, publisher

    class Loader(yaml.SafeLoader):  # mkdocs.yml's !ENV (site_url), read as mkdocs reads it
        pass

    from yaml_env_tag import construct_env_tag

    Loader.add_constructor("!ENV", construct_env_tag)
    config = yaml.load((source / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
    facts = publisher(config.get("extra"))
    docs = target / "docs"
    shutil.copytree(source / "site_src", docs)
    for path, content in generated.pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(content, encoding="utf-8")
    (docs / EXPORT_PATH).parent.mkdir(parents=True, exist_ok=True)
    (docs / EXPORT_PATH).write_text(generated.export_json, encoding="utf-8")
    for path, text in generated.extras.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    for page in sorted(docs.rglob("*.md")):
        if page.is_relative_to(docs / "overrides"):
            continue
        uri = page.relative_to(docs).as_posix()
        text = page.read_text(encoding="utf-8").replace(HIERARCHY_PLACEHOLDER, generated.start_html)
        text = fill(text.replace(BUILT_PLACEHOLDER, generated.built_on), facts)
        boost = generated.boosts.get(uri, OTHER_PAGE_SEARCH_BOOST)
        front = text[4:text.index("\n---\n", 3)] if text.startswith("---\n") else None
        if boost != 1.0 and "search" not in (yaml.safe_load(front or "") or {}):  # as the hook: front matter decides
            weight = f"search:\n  boost: {boost}\n"
            text = "---\n" + weight + text[4:] if front is not None else f"---\n{weight}---\n\n{text}"
        page.write_text(text, encoding="utf-8")
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = "docs"
    config["nav"] = generated.nav
    config["extra_css"] = config.get("extra_css", []) + [p for p in generated.extras if p.endswith(".css")]
    if generated.hidden:  # as the hook's pages outside the navigation
        config["not_in_nav"] = "\n".join(f"/{path}" for path in generated.hidden)
    if "custom_dir" in config.get("theme", {}):
        config["theme"]["custom_dir"] = "docs/" + Path(config["theme"]["custom_dir"]).relative_to("site_src").as_posix()
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target / "mkdocs.yml"


def _run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of a subprocess; raises if it fails."""
    wall, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    elapsed = time.perf_counter() - wall, _children_cpu() - cpu
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} misslyckades ({result.returncode}):\n{result.stderr[-3000:]}")
    return elapsed


def _html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def bench_build_ratio(runs: int, source: Path = ROOT) -> list[Result]:
    """`avtal build` of source ÷ `mkdocs build --strict` of the same pages without the hook
    (`plain_mkdocs_project`), both as subprocesses, interleaved (the order swapped every run).
    Goal: ≤ 1.6× (issue 10)."""
    runs = max(1, min(runs, 5))  # a build takes seconds
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        config = plain_mkdocs_project(tmp / "plain", generate_site(source), source)
        avtal = [sys.executable, "-m", "avtal.cli", "--root", str(source), "build", "--site-dir", str(tmp / "site-avtal")]
        plain = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config),
                 "--site-dir", str(tmp / "site-plain")]
        times: dict[str, list[tuple[float, float]]] = {"avtal": [], "plain": []}
        for i in range(runs):
            for name in (("avtal", "plain") if i % 2 == 0 else ("plain", "avtal")):
                times[name].append(_run(avtal if name == "avtal" else plain))
        pages = _html_pages(tmp / "site-avtal")
        assert pages == _html_pages(tmp / "site-plain"), "de två byggena gav inte samma sidor"
        differ = sum((tmp / "site-avtal" / p).read_bytes() != (tmp / "site-plain" / p).read_bytes() for p in pages)
    (avtal_s, avtal_cpu), (plain_s, plain_cpu) = _medians(times["avtal"]), _medians(times["plain"])
    return [
        ("avtal build som process", avtal_s, f"{runs} körningar, omväxlande med mkdocs build; CPU {avtal_cpu:.2f} s"),
        ("mkdocs build av samma sidor", plain_s, f"utan hooken; samma {len(pages)} HTML-sidor, "
         + (f"{differ} skiljer sig" if differ else "lika byte för byte") + f"; CPU {plain_cpu:.2f} s"),
        Goal("avtal build ÷ mkdocs build", avtal_s / plain_s, "×", 1.6, 3.4, f"{avtal_s:.2f} s / {plain_s:.2f} s",
             avtal_cpu / plain_cpu),
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):  # not up yet, or a 404 before the first build
        return ""


def _wait_for(url: str, word: str, patience: float, process: subprocess.Popen, interval: float = 0.02) -> float:
    """Poll url until its text contains word; the seconds it took. Raises when patience runs out
    or the server exits."""
    start = time.perf_counter()
    while time.perf_counter() - start < patience:
        if word in _get(url):
            return time.perf_counter() - start
        if process.poll() is not None:
            raise RuntimeError(f"avtal serve avslutades ({process.returncode}) innan {word!r} syntes")
        time.sleep(interval)
    raise RuntimeError(f"{word!r} syntes inte på {url} inom {patience:.0f} s")


SERVE_FILE = "agreement/2023-2026/del-b.yaml"
SERVE_PAGE = "2023-2026/del-b/"
SERVE_WORD = "grundläggande"  # in the text of b-lagstiftning, once in the file and on the page


def copy_project(target: Path, source: Path = ROOT) -> Path:
    """A copy to edit: agreement/, site_src/ and mkdocs.yml copied, schemas/ and tools/ linked
    (the hook and the package stay the ones under test), as tests/built_site.py does."""
    target.mkdir(parents=True)
    shutil.copytree(source / "agreement", target / "agreement")
    shutil.copytree(source / "site_src", target / "site_src")
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    (target / "schemas").symlink_to(source / "schemas")
    (target / "tools").symlink_to(source / "tools")
    return target


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_serve(runs: int, source: Path = ROOT, patience: float = 120) -> list[Result]:
    """`avtal serve` in a copy of source: seconds from a one-word change in SERVE_FILE to the word
    being served at SERVE_PAGE, for `runs` edits one after another (each replacing the last word,
    at pauses that vary against the watcher's half-second polling). Goal: median ≤ 1.5 s."""
    runs = max(1, runs)
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_project(Path(tmp) / "projekt", source)
        yaml_file = root / SERVE_FILE
        text = yaml_file.read_text(encoding="utf-8")
        assert text.count(SERVE_WORD) == 1, f"{SERVE_WORD!r} ska stå en gång i {SERVE_FILE}"
        port = _free_port()
        url = f"http://127.0.0.1:{port}/{SERVE_PAGE}"
        log = Path(tmp) / "serve.log"
        with log.open("w") as out:
            process = subprocess.Popen([sys.executable, "-m", "avtal.cli", "--root", str(root), "serve",
                                        "--addr", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT,
                                       env=dict(ENV, TMPDIR=tmp))  # its site folder goes with ours
            try:
                first = _wait_for(url, SERVE_WORD, patience, process, interval=0.2)
                times, cpu, word = [], [], SERVE_WORD
                for i in range(runs):
                    time.sleep(0.8 + 0.13 * i)  # let the watcher settle; vary the phase of its polling
                    new = f"benchord{i:03d}x"  # none a prefix of another
                    changed = text.replace(word, new)
                    used = _process_cpu(process.pid)
                    yaml_file.write_bytes(changed.encode("utf-8"))  # one write, as an editor saves
                    start = time.perf_counter()
                    _wait_for(url, new, patience, process)
                    times.append(time.perf_counter() - start)
                    cpu.append(_process_cpu(process.pid) - used)
                    text, word = changed, new
            finally:
                process.send_signal(signal.SIGINT)  # Ctrl+C
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        output = log.read_text(encoding="utf-8")
    assert "Traceback" not in output, f"avtal serve skrev en Traceback:\n{output[-3000:]}"
    builds = [float(t) for t in re.findall(r"Documentation built in ([\d.]+) seconds", output)]
    median = statistics.median(times)
    spread = ", ".join(f"{t:.2f}" for t in times)
    inside = f"; mkdocs bygger i {statistics.median(builds[1:]):.2f} s (median)" if len(builds) > 1 else ""
    return [
        ("avtal serve, första bygget", first, "från start tills sidan visas"),
        ("avtal serve, ändrat ord synligt", median,
         f"{runs} ändringar: {spread} s{inside}; servern använder {statistics.median(cpu):.2f} s CPU per ändring"),
        Goal("avtal serve, ett ändrat ord synligt", median, "s", 1.5, 2.6, f"{median:.2f} s", statistics.median(cpu)),
    ]


# --- malformed YAML (issue 11) ------------------------------------------------------------------

def malformed_files(size: int) -> dict[str, str]:
    """Texts of about size characters (a guideline's head, then notes), each malformed in a way that once
    made the loader re-parse it in pure Python and scan it again for an open quote: the fault at the end
    (a line indented wrongly), a [ never closed, an unknown escape in the last of many quoted values,
    and a quote opened near the top that the next quote closes."""
    head = (ROOT / "agreement" / "2023-2026" / "riktlinjer" / "riktlinje-sip.yaml").read_text(encoding="utf-8")
    note = "  - kind: innehall\n    text: 'Anteckning {i} med lite text som fyller ut raden ordentligt.'\n"
    body = "".join(note.format(i=i) for i in range(size // len(note) + 1))
    fill = size - len(head) - 200
    quoted = "".join(f'  - kind: innehall\n    text: "Anteckning {i}."\n' for i in range(size // 40))
    return {
        "fel indrag sist": head + "notes:\n" + body[:body.rfind("\n", 0, fill) + 1] + "   text: [fel\n",
        "[ som aldrig stängs": head + "notes: [" + "ord, " * (fill // 5),
        "okänd escape sist": head + "notes:\n" + quoted[:quoted.rfind("  - ", 0, fill)] + '  - "slut \\q"\n',
        "citattecken öppet högt upp": head.replace("title: ", 'title: "', 1) + "notes:\n" + body[:fill],
    }


def bench_malformed(runs: int, size: int = 512 * 1024) -> list[Row]:
    """Loading a malformed file of 512 kB (the loader's MAX_BYTES) in process, CPU time (the median of
    --runs): each must give its one yaml-syntax finding in well under a second (issue 11; about 7 s
    before the parser's fault was taken from libyaml)."""
    from avtal.load.yamlfile import load_text

    rows: list[Row] = []
    for name, text in malformed_files(size).items():
        times, findings = [], []
        for _ in range(max(1, runs)):
            start = time.process_time()
            _, findings = load_text(text, "fel.yaml")
            times.append(time.process_time() - start)
        median = statistics.median(times)
        where = f"{findings[0].position.line}:{findings[0].position.column} {findings[0].code}" if findings else "inga fynd"
        rows.append((f"trasig YAML, {name}", median,
                     f"{len(text.encode('utf-8')) // 1024} kB, CPU-tid; {where}; mål < 1 s: "
                     + ("uppfyllt" if median < 1 else "inte uppfyllt")))
    return rows


# --- profiles of the targeted scenarios (--profile) ----------------------------------------------

def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/tools/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def profile_lines(stats: pstats.Stats, top: int = 25) -> list[str]:
    """The `top` functions by cumulative time and by own time, as `share  cum  own  file:function`
    (share: of the whole profile's time)."""
    entries = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, ct, _, _) in ((v[0], v[1], v[3], v[2], v[4]) for v in entries.values()))
    rows = [(ct, tt, f"{_short(f)}:{fn}" if f != "~" else fn) for (f, _, fn), (_, _, tt, ct, _) in entries.items()]
    out = [f"  totalt {total:.2f} s", "  störst kumulativ tid (andel, kumulativ s, egen s, funktion):"]
    out += [f"  {ct / total:6.1%} {ct:7.2f} {tt:7.2f}  {name}" for ct, tt, name in sorted(rows, reverse=True)[:top]]
    out.append("  störst egen tid:")
    out += [f"  {tt / total:6.1%} {ct:7.2f} {tt:7.2f}  {name}"
            for ct, tt, name in sorted(rows, key=lambda r: r[1], reverse=True)[:top]]
    return out


def _profile_call(work: Callable[[], object]) -> pstats.Stats:
    profiler = cProfile.Profile()
    profiler.runcall(work)
    return pstats.Stats(profiler, stream=io.StringIO())


def _profile_process(command: list[str], out: Path) -> pstats.Stats:
    """cProfile of a whole Python process (`python -m cProfile -o out …`), imports included."""
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), *command], capture_output=True, env=ENV,
                   check=True)
    return pstats.Stats(str(out), stream=io.StringIO())


def profile_scenarios(only: Callable[[str], bool], top: int = 25) -> None:
    """Print where the time goes in each selected targeted scenario: generation (one and ten
    periods, in process), the two builds of build-ratio (whole processes), one rebuild of serve
    (config loaded and `mkdocs build` in process, after a first build, as the server does)."""
    if only("bench_generation"):
        generate_site(ROOT)  # warm-up
        print("\nProfil: sidgenerering, 1 period")
        print("\n".join(profile_lines(_profile_call(lambda: generate_site(ROOT)), top)))
        with tempfile.TemporaryDirectory() as tmp:
            many = multi_period_project(Path(tmp) / "projekt")
            print("\nProfil: sidgenerering, 10 perioder")
            print("\n".join(profile_lines(_profile_call(lambda: generate_site(many)), top)))
    if only("bench_build_ratio"):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            config = plain_mkdocs_project(tmp / "plain", generate_site(ROOT))
            for title, command in (
                    ("avtal build som process", ["-m", "avtal.cli", "--root", str(ROOT), "build", "--site-dir",
                                                 str(tmp / "site-avtal")]),
                    ("mkdocs build av samma sidor", ["-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                                                     str(config), "--site-dir", str(tmp / "site-plain")])):
                print(f"\nProfil: {title}")
                print("\n".join(profile_lines(_profile_process(command, tmp / "profil.out"), top)))
    if only("bench_serve"):
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        with tempfile.TemporaryDirectory() as tmp:
            root = copy_project(Path(tmp) / "projekt")
            rebuild = lambda: build(load_config(config_file=str(root / "mkdocs.yml"),  # noqa: E731
                                                site_dir=str(Path(tmp) / "site")))
            rebuild()
            yaml_file = root / SERVE_FILE
            yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(SERVE_WORD, "benchord"), encoding="utf-8")
            print("\nProfil: avtal serve, en ombyggnad (i processen, efter det första bygget)")
            print("\n".join(profile_lines(_profile_call(rebuild), top)))


# --- running ---------------------------------------------------------------------------------------

BENCHMARKS: list[Callable[[int], list[Result]]] = [bench_check, bench_cli, bench_refs, bench_diff, bench_site,
                                                   bench_malformed, bench_build_ratio, bench_generation, bench_serve]


def goal_table(goals: list[Goal]) -> list[str]:
    head = ("mått", "median", "kvot", "i CPU-tid", "mål", "när issue 10 skrevs", "resultat")
    cells = [head, *(goal.cells() for goal in goals)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(head))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in cells]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mät hur lång tid kontroll, lagrumssökning, jämförelse, sidgenerering, "
                                                 "bygge och förhandsvisning tar (median) och storlekar, mot målen i issue 10.")
    parser.add_argument("--runs", type=int, default=5, help="körningar per mätning (standard 5)")
    parser.add_argument("--only", metavar="NAMN", help="kör bara mätningar vars namn innehåller detta, t.ex. build-ratio, generation, "
                                       "serve, check, diff, site (flera med kommatecken)")
    parser.add_argument("--json", metavar="FIL", help="skriv också resultaten som JSON till FIL")
    parser.add_argument("--profile", action="store_true",
                        help="visa i stället var tiden går i build-ratio, generation och serve (cProfile)")
    args = parser.parse_args(argv)
    wanted = [w.strip().replace("-", "_") for w in (args.only or "").split(",") if w.strip()]
    only = lambda name: not wanted or any(w in name for w in wanted)  # noqa: E731
    if not any(only(bench.__name__) for bench in BENCHMARKS):
        parser.error(f"ingen mätning heter något med {args.only!r}; välj bland "
                     + ", ".join(b.__name__.removeprefix("bench_").replace("_", "-") for b in BENCHMARKS))
    if args.profile:
        profile_scenarios(only)
        return 0
    rows: list[Row] = []
    goals: list[Goal] = []
    load_before = os.getloadavg()[0]
    for bench in BENCHMARKS:
        if not only(bench.__name__):
            continue
        for result in bench(args.runs):
            if isinstance(result, Goal):
                goals.append(result)
                continue
            rows.append(result)
            name, seconds, note = result
            print(f"{name:<32} {seconds * 1000:9.1f} ms   {note}", flush=True)
    load_after = os.getloadavg()[0]
    if goals:
        print(f"\nMål ur issue 10 (medianer; {os.cpu_count()} kärnor, belastning {load_before:.1f} före och "
              f"{load_after:.1f} efter; annan last på datorn förlänger väggtiden, CPU-tiden mindre):")
        print("\n".join(goal_table(goals)))
    if args.json:
        Path(args.json).write_text(json.dumps({
            "datum": datetime.now().isoformat(timespec="seconds"),
            "dator": {"kärnor": os.cpu_count(), "python": platform.python_version(), "system": platform.platform(),
                      "belastning_före": round(load_before, 2), "belastning_efter": round(load_after, 2)},
            "körningar": args.runs,
            "mätningar": [{"namn": n, "median_s": round(s, 4), "not": note} for n, s, note in rows],
            "mål": [{"namn": g.name, "värde": round(g.value, 4), "enhet": g.unit, "mål": g.target,
                     "när_issue_10_skrevs": g.reported, "medianer": g.median,
                     "kvot_i_cpu_tid": None if g.cpu is None else round(g.cpu, 4), "uppfyllt": g.met} for g in goals],
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
