#!/usr/bin/env python3
"""Accessibility of the built site: axe-core's WCAG 2.0/2.1 A and AA rules on every page at desktop
and phone width, and every request each page makes (all must stay on the site's own origin).

Builds the site (or takes a built one), serves it on 127.0.0.1 and drives Debian's Chromium through
Playwright; axe-core is the copy bundled by the PyPI package axe-playwright-python.

    .venv/bin/python tools/a11y.py              # build into a temp dir, then measure (make a11y)
    .venv/bin/python tools/a11y.py --site DIR   # measure an existing build
    .venv/bin/python tools/a11y.py -v           # also list every violating element

Besides every page of the build, it measures the start page with the search open and results shown
(SEARCH_QUERY), and, unless --site is given, a second build: the made-up revision of the test period
2091-2094 (tests/fixtures/report/revision.py), whose pages exist only once a document has a history (its
version-1.0/, jamforelse-1.0-1.1/ and Ändringar pages, a document with a version history).

Prints the violations by rule (pages × widths where it fires, elements), the requests that left the
origin, and the needs-review ("incomplete") items by rule; exits 1 on any violation or foreign request.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_quality import CHROMIUM, browser, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
#: The rule sets of WCAG 2.1 level AA in axe-core (its tags; "best-practice" rules are not WCAG).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: (name, viewport): a desktop and a phone (Material switches to its phone layout below 45em = 720 px).
WIDTHS = (("dator", {"width": 1280, "height": 900}), ("mobil", {"width": 375, "height": 740}))
#: A query with many results, several sections of one page among them (the "N till på denna sida" button).
SEARCH_QUERY = "betalningsansvar"
#: The day the revision's site is built for (its test period in force then).
HISTORY_DAY = "2093-01-01"


@dataclass
class PageResult:
    """One page at one width: the violations as {rule: [element selector, ...]}, the needs-review
    items likewise, and every request URL the page made that left the site's origin."""
    path: str
    width: str
    violations: dict[str, list[str]] = field(default_factory=dict)
    incomplete: dict[str, list[str]] = field(default_factory=dict)
    foreign: list[str] = field(default_factory=list)


def pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path relative to its root ('' for the start page,
    'del-a/' style for directory pages, '404.html'), sorted."""
    out = []
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return sorted(out)


def axe_script() -> str:
    """axe-core's source as bundled by axe-playwright-python."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def _selectors(nodes: list[dict]) -> list[str]:
    return [" ".join(str(t) for t in node.get("target", [])) for node in nodes]


def _recorder(base: str, foreign: list[str]):
    """A request listener that appends to foreign every request URL that leaves base's origin."""
    origin = urlsplit(base)[:2]

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts[:2] != origin:
            foreign.append(request.url)

    return record


#: Pages of ``loaded`` that take turns: one loads the next path while axe runs on the other, so the half
#: second of network quiet each page waits for is spent measuring. The five representative pages of
#: tests/test_accessibility.py at both widths, one page reused before: 25.6 and 21.8 s, now 17.8 and 17.4 s,
#: Chromium's CPU the same (20.3/19.1 s, 20.4/19.3 s; a new page per path cost 3 s more), load about 9.
AHEAD = 2


def loaded(context, base: str, paths: list[str], ahead: int = AHEAD):
    """Each of paths opened in one of `ahead` pages of a Playwright browser context that take turns (the
    next paths load while the caller works on this one); yields (path, page, foreign) in the order of
    paths once that page's network is idle (the search index, the worker, every asset loaded), foreign
    being every request URL the page made for that path that left base's origin. The page goes on to
    another path when the caller asks for the next one; all are closed at the end."""
    pages = [context.new_page() for _ in range(min(ahead, len(paths)))]

    def start(page, path):
        foreign: list[str] = []
        record = _recorder(base, foreign)
        page.on("request", record)
        page.goto(base + path, wait_until="commit")
        return path, page, foreign, record

    try:
        pending = [start(page, path) for page, path in zip(pages, paths)]
        waiting = list(paths[len(pages):])
        while pending:
            path, page, foreign, record = pending.pop(0)
            page.wait_for_load_state("networkidle")
            yield path, page, foreign
            page.remove_listener("request", record)
            if waiting:
                pending.append(start(page, waiting.pop(0)))
    finally:
        for page in pages:
            page.close()


def load(page, base: str, path: str) -> list[str]:
    """Open base+path in a Playwright page and wait until the network is idle (the search index, the
    worker, every asset loaded); every request URL that left base's origin (scheme, host and port)."""
    foreign: list[str] = []
    record = _recorder(base, foreign)
    page.on("request", record)
    try:
        page.goto(base + path, wait_until="networkidle")
    finally:
        page.remove_listener("request", record)
    return foreign


def run_axe(page, script: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """axe with TAGS on the page as it is now: (violations, needs-review), each {rule: [selector, ...]}."""
    page.evaluate(script)
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                            " resultTypes: ['violations', 'incomplete']})", TAGS)
    return ({v["id"]: _selectors(v["nodes"]) for v in results["violations"]},
            {v["id"]: _selectors(v["nodes"]) for v in results["incomplete"]})


def open_search(page, query: str) -> None:
    """Open the search with Material's key "/" on the page open in `page`, type query, wait for results."""
    page.keyboard.press("/")
    page.keyboard.type(query, delay=5)
    page.locator(".md-search-result__link").first.wait_for(state="visible", timeout=15000)


def audit_search(chromium, base: str, query: str = SEARCH_QUERY, widths=WIDTHS) -> list[PageResult]:
    """The start page with the search open and the results of query shown, at every width (its path in
    the results: 'sök: <query>')."""
    script = axe_script()
    out = []
    for name, viewport in widths:
        page = chromium.new_page(viewport=viewport)
        try:
            foreign = load(page, base, "")
            open_search(page, query)
            out.append(PageResult(f"sök: {query}", name, *run_axe(page, script), foreign))
        finally:
            page.close()
    return out


def build_history(target: Path) -> Path:
    """The made-up revision of the test period (tests/fixtures/report/revision.py) as a git repository
    under target, built as on HISTORY_DAY into target/site-out; the built site."""
    import os

    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "report"))
    sys.path.insert(0, str(ROOT / "tests"))
    import revision
    from built_site import build

    repo = revision.history(target / "repo", extra={"mkdocs.yml": ROOT / "mkdocs.yml", "site_src": ROOT / "site_src",
                                                    "schemas@": ROOT / "schemas", "tools@": ROOT / "tools"})
    day = os.environ.get("AVTAL_DATE")
    os.environ["AVTAL_DATE"] = HISTORY_DAY
    try:
        return build(repo, repo / "site-out")
    finally:
        if day is None:
            del os.environ["AVTAL_DATE"]
        else:
            os.environ["AVTAL_DATE"] = day


def audit(chromium, base: str, paths: list[str], widths=WIDTHS) -> list[PageResult]:
    """Every path at every width, each in a fresh page (``loaded``: the next pages load while axe runs)."""
    script = axe_script()
    out = []
    for name, viewport in widths:
        context = chromium.new_context(viewport=viewport)
        try:
            out.extend(PageResult(path, name, *run_axe(page, script), foreign)
                       for path, page, foreign in loaded(context, base, paths))
        finally:
            context.close()
    return out


def summary(results: list[PageResult], verbose: bool = False) -> str:
    """The report: violations by rule (page×width count, element count), foreign requests, needs-review."""
    lines = [f"axe-core ({', '.join(TAGS)}): {len({r.path for r in results})} sidor × "
             f"{len({r.width for r in results})} bredder = {len(results)} körningar"]
    for label, attr in (("Överträdelser", "violations"), ("Att granska (incomplete)", "incomplete")):
        where: dict[str, list[str]] = defaultdict(list)
        nodes: Counter = Counter()
        for r in results:
            for rule, targets in getattr(r, attr).items():
                where[rule].append(f"{r.path or '/'} ({r.width})")
                nodes[rule] += len(targets)
        lines.append(f"{label}: {sum(nodes.values())} element, {len(where)} regler")
        for rule in sorted(where, key=lambda k: -nodes[k]):
            lines.append(f"  {rule:32} {nodes[rule]:5} element på {len(where[rule]):3} sidor×bredder")
            if verbose:
                for r in results:
                    for target in getattr(r, attr).get(rule, []):
                        lines.append(f"      {r.path or '/'} ({r.width}): {target}")
    foreign = sorted({url for r in results for url in r.foreign})
    lines.append(f"Anrop till andra värdar: {len(foreign)}")
    lines.extend(f"  {url}" for url in foreign)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="en byggd webbplats (annars byggs en i en tillfällig mapp)")
    parser.add_argument("--page", action="append", help="bara denna sida (URL-sökväg, t.ex. 2023-2026/del-b/)")
    parser.add_argument("--utan-historik", action="store_true",
                        help="mät inte testperiodens versionssidor (byggs annars när --site saknas)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} saknas: installera Debians paket chromium (make browser-deps)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        history = None
        if site is None:
            sys.path.insert(0, str(ROOT / "tests"))
            from built_site import build

            site = build(ROOT, Path(tmp) / "site")
            if not args.utan_historik and not args.page:
                history = build_history(Path(tmp) / "historik")
        paths = args.page or pages(site)
        with serve(site) as base, browser() as chromium:
            results = audit(chromium, base, paths)
            if not args.page:
                results += audit_search(chromium, base)
            reports = [("Webbplatsen", results)]
            if history is not None:
                with serve(history) as history_base:
                    reports.append(("Testperioden 2091-2094 med versionshistorik (tests/fixtures/report)",
                                    audit(chromium, history_base, pages(history))))
    for title, found in reports:
        print(f"== {title}")
        print(summary(found, args.verbose))
    return 1 if any(r.violations or r.foreign for _, found in reports for r in found) else 0


if __name__ == "__main__":
    sys.exit(main())
