#!/usr/bin/env python3
"""How well does the site's search find what staff type? Prints top-1 and top-5 hit rates.

Builds the site (or takes a built one), serves it on 127.0.0.1, drives Debian's Chromium
through Playwright, types every query of tests/search_queries.yaml into the search box and
reads the result links in the order the reader sees them.

    .venv/bin/python tools/search_quality.py              # build into a temp dir, then measure
    .venv/bin/python tools/search_quality.py --site DIR   # measure an existing build
    .venv/bin/python tools/search_quality.py -v           # also list each query's results

A result counts as a hit when its id (the anchor, or the page for a page-level hit) is one
of the query's expected ids, or a section of an expected document. Page-level entries that
Material shows only as the heading of a group (score 0) are not counted as results.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "search_queries.yaml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# --- serving and browsing --------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextlib.contextmanager
def serve(site_dir: Path):
    """Serve a built site over http on 127.0.0.1 (a free port) from a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def search(page, base: str, query: str, timeout: float = 15.0) -> list[list[tuple[str, float]]]:
    """Type a query into the site's search box (as a reader types, key by key); the result groups (one per page,
    as Material shows them), each a list of (href, score) of its links: the page, then its sections."""
    if not page.url.startswith(base) or page.locator("input.md-search__input").count() == 0:
        page.goto(base)
    try:  # sok.js weighs query words by their rarity once it has read the index
        page.wait_for_function("() => window.avtalSok && window.avtalSok.ready", timeout=10000)
    except Exception:
        pass
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.wait_for_timeout(100)
    box.press_sequentially(query, delay=5)
    deadline = time.monotonic() + timeout
    last, stable_since = None, time.monotonic()
    while time.monotonic() < deadline:  # wait until the result list has settled
        state = page.evaluate("""() => {
            const meta = document.querySelector('.md-search-result__meta');
            const list = document.querySelector('.md-search-result__list');
            return [meta ? meta.textContent : '', list ? list.innerHTML.length : 0,
                    document.querySelectorAll('.md-search-result__item').length];
        }""")
        if state != last:
            last, stable_since = state, time.monotonic()
        elif (state[2] > 0 or "Inga" in state[0]) and time.monotonic() - stable_since > 0.4:
            break
        page.wait_for_timeout(50)
    return page.evaluate("""() => Array.from(document.querySelectorAll('.md-search-result__item')).map(item =>
        Array.from(item.querySelectorAll('a.md-search-result__link')).map(a => {
            const article = a.querySelector('article');
            return [a.href, article ? parseFloat(article.dataset.mdScore || '0') : 0];
        }))""")


# --- scoring ---------------------------------------------------------------------

@dataclass
class Outcome:
    query: str
    expect: list[str]
    results: list[str] = field(default_factory=list)  # ids in reading order

    @property
    def rank(self) -> int | None:
        return next((i + 1 for i, r in enumerate(self.results) if r in self.accepted), None)

    accepted: set[str] = field(default_factory=set)


def result_id(href: str, base: str) -> str:
    """The id a result link lands on: its anchor, or the page's last path segment."""
    parts = urlsplit(href)
    if parts.fragment:
        return unquote(parts.fragment)
    path = parts.path[len(urlsplit(base).path):].strip("/")
    return path.rsplit("/", 1)[-1] if path else "index"


def ranked_ids(groups: list[list[tuple[str, float]]], base: str) -> list[str]:
    """Result ids in reading order. Material heads each group with its page; the page counts as
    a result only when it matched at least as well as every section shown under it."""
    ids: list[str] = []
    for links in groups:
        sections = [score for href, score in links if "#" in href]
        for href, score in links:
            if "#" not in href and (score <= 0 or (sections and score < max(sections))):
                continue  # the group's heading, not its best match
            ident = result_id(href, base)
            if ident not in ids:
                ids.append(ident)
    return ids


def accepted_ids(expect: list[str], documents: dict[str, list[str]]) -> set[str]:
    accepted = set(expect)
    for ident in expect:
        accepted.update(documents.get(ident, ()))
    return accepted


def load_queries(path: Path = QUERIES) -> list[dict]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def document_sections(root: Path = ROOT) -> dict[str, list[str]]:
    from avtal.load import load_corpus

    corpus, _ = load_corpus(root)
    return {d.id: [s.id for s in d.walk()] for p in corpus.periods.values() for d in p.documents.values()}


def measure(site_dir: Path, queries: list[dict] | None = None) -> list[Outcome]:
    queries = queries if queries is not None else load_queries()
    documents = document_sections()
    outcomes = []
    with serve(site_dir) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        for item in queries:
            links = search(page, base, item["q"])
            outcomes.append(Outcome(item["q"], item["expect"], ranked_ids(links, base),
                                    accepted_ids(item["expect"], documents)))
    return outcomes


def hit_rates(outcomes: list[Outcome]) -> tuple[float, float]:
    n = len(outcomes) or 1
    top1 = sum(1 for o in outcomes if o.rank == 1) / n
    top5 = sum(1 for o in outcomes if o.rank is not None and o.rank <= 5) / n
    return top1, top5


def report(outcomes: list[Outcome], verbose: bool = False) -> str:
    lines = []
    for o in outcomes:
        mark = "1" if o.rank == 1 else ("5" if o.rank and o.rank <= 5 else "-")
        lines.append(f"[{mark}] rank {o.rank or '–':>2}  {o.query}")
        if verbose or mark == "-":
            lines.append(f"        väntat: {', '.join(o.expect)}")
            lines.append(f"        fick:   {', '.join(o.results[:6]) or '(inga träffar)'}")
    top1, top5 = hit_rates(outcomes)
    lines.append(f"\n{len(outcomes)} frågor  top-1: {top1:.0%}  top-5: {top5:.0%}")
    return "\n".join(lines)


def build_site(target: Path) -> None:
    from avtal.cli import main

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    if main(["--root", str(ROOT), "build", "--site-dir", str(target)]) != 0:
        raise SystemExit("bygget misslyckades")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mät sökningens träffsäkerhet i en riktig webbläsare.")
    parser.add_argument("--site", type=Path, help="en byggd webbplats (standard: bygg i en tillfällig mapp)")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="frågefil (YAML)")
    parser.add_argument("-v", "--verbose", action="store_true", help="visa träffarna för varje fråga")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} saknas: installera Debians paket chromium (make browser-deps).", file=sys.stderr)
        return 2
    queries = load_queries(args.queries)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_site(site)
        print(report(measure(site, queries), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
