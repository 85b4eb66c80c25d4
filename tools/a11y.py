#!/usr/bin/env python3
"""Accessibility of the built site: axe-core's WCAG 2.0/2.1 A and AA rules on every page at desktop
and phone width, and every request each page makes (all must stay on the site's own origin).

Builds the site (or takes a built one), serves it on 127.0.0.1 and drives Debian's Chromium through
Playwright; axe-core is the copy bundled by the PyPI package axe-playwright-python.

    .venv/bin/python tools/a11y.py              # build into a temp dir, then measure (make a11y)
    .venv/bin/python tools/a11y.py --site DIR   # measure an existing build
    .venv/bin/python tools/a11y.py -v           # also list every violating element

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


def load(page, base: str, path: str) -> list[str]:
    """Open base+path in a Playwright page and wait until the network is idle (the search index, the
    worker, every asset loaded); every request URL that left base's origin (scheme, host and port)."""
    origin = urlsplit(base)[:2]
    foreign: list[str] = []

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts[:2] != origin:
            foreign.append(request.url)

    page.on("request", record)
    try:
        page.goto(base + path, wait_until="networkidle")
    finally:
        page.remove_listener("request", record)
    return foreign


def audit_page(page, base: str, path: str, width: str, script: str) -> PageResult:
    """Load base+path in an open Playwright page, record its requests, run axe with TAGS."""
    foreign = load(page, base, path)
    page.evaluate(script)
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                            " resultTypes: ['violations', 'incomplete']})", TAGS)
    return PageResult(path, width,
                      {v["id"]: _selectors(v["nodes"]) for v in results["violations"]},
                      {v["id"]: _selectors(v["nodes"]) for v in results["incomplete"]},
                      foreign)


def audit(chromium, base: str, paths: list[str], widths=WIDTHS) -> list[PageResult]:
    """Every path at every width, one browser page per width reused for all paths."""
    script = axe_script()
    out = []
    for name, viewport in widths:
        page = chromium.new_page(viewport=viewport)
        try:
            out.extend(audit_page(page, base, path, name, script) for path in paths)
        finally:
            page.close()
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
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} saknas: installera Debians paket chromium (make browser-deps)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            sys.path.insert(0, str(ROOT / "tests"))
            from built_site import build

            site = build(ROOT, Path(tmp) / "site")
        paths = args.page or pages(site)
        with serve(site) as base, browser() as chromium:
            results = audit(chromium, base, paths)
    print(summary(results, args.verbose))
    return 1 if any(r.violations or r.foreign for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
