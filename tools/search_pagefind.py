#!/usr/bin/env python3
"""The same staff queries against a Pagefind index of the same built site: the side-by-side
comparison of issue 16 (see README, "Search").

Pagefind (PyPI ``pagefind[bin]``, not a dependency of the site: ``make search-compare``
installs it into the virtualenv) indexes a copy of the built site: the article of each page
(Material's ``article.md-content__inner``), without what the site keeps out of its own index
(``data-search-exclude``, heading permalinks, the pages with ``search: exclude``). Swedish
stemming comes from the pages' ``lang="sv"``; Pagefind 1.5 matches with and without
diacritics. Each query is run through Pagefind's JavaScript API in Chromium; a page's sections
(``sub_results``) are read in the order Pagefind's own UI picks them (most matches first), pages
in Pagefind's order. Latency is the time of ``search()`` and the first ten results' ``data()``.

    .venv/bin/python tools/search_quality.py --engine pagefind [--site DIR] [--latency] [-v]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import search_quality as sq

# Pages the site keeps out of its search index (front matter ``search: exclude``).
EXCLUDED = ("index.html", "begrepp/index.html", "*/utskrift/index.html")

_SEARCH = """async ([base, query, options]) => {
    let pf = window.avtalPagefind;
    if (!pf) {
        pf = window.avtalPagefind = await import(base + 'pagefind/pagefind.js');
        if (options) await pf.options(options);
    }
    const t0 = performance.now();
    const found = await pf.search(query);
    const pages = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
    const ms = performance.now() - t0;
    const links = [];
    for (const page of pages) {
        let subs = page.sub_results || [];
        if (subs.length && subs[0].url === page.url) subs = subs.slice(1);
        subs = [...subs].sort((a, b) => (b.locations || []).length - (a.locations || []).length);
        if (!subs.length) links.push(page.url);
        for (const s of subs) links.push(s.url);
    }
    return [links, ms];
}"""


def index(site_dir: Path, target: Path) -> Path:
    """A copy of the built site at target with a Pagefind index in target/pagefind/; returns target."""
    if shutil.which("pagefind") is None:
        try:
            import pagefind  # noqa: F401
        except ImportError:
            raise SystemExit("pagefind saknas: make search-compare installerar det (pip install 'pagefind[bin]')")
    shutil.copytree(site_dir, target, dirs_exist_ok=True)
    for pattern in EXCLUDED:
        for page in target.glob(pattern):
            page.unlink()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(target), "--quiet",
                    "--root-selector", "article.md-content__inner",
                    "--exclude-selectors", "[data-search-exclude]", "--exclude-selectors", ".headerlink"],
                   check=True)
    return target


def measure(site_dir: Path, queries: list[dict], work: Path, latency: bool = False,
            options: dict | None = None) -> list[sq.Outcome]:
    """Every query against a Pagefind index of the built site; one Outcome per query. options: Pagefind's
    search options (``pagefind.options``), e.g. ``{"ranking": {"termFrequency": 0.5}}``."""
    indexed = index(site_dir, work)
    documents, pages = sq.document_sections(), sq.id_pages(site_dir)
    outcomes = []
    with sq.serve(indexed) as base, sq.browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "om/")
        page.evaluate(_SEARCH, [base, "avtal", options])  # load Pagefind and its index entry once: "a loaded page"
        for item in queries:
            links, ms = page.evaluate(_SEARCH, [base, item["q"], options])
            found: list[tuple[str, str]] = []
            for href in links:
                ident = sq.result_id(base + href.lstrip("/"), base)
                if ident not in [i for i, _ in found]:
                    found.append((ident, sq.result_page(base + href.lstrip("/"), base)))
            outcomes.append(sq.outcome(item, found, documents, pages))
            outcomes[-1].latency = ms if latency else None
    return outcomes
