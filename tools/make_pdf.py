#!/usr/bin/env python3
"""The agreement of each period as a PDF, printed by Chromium from the site's printable page.

The site has one printable document per period (<period>/utskrift/: the whole agreement in
reading order, every link inside the document). This prints it with Debian's Chromium
through Playwright into the built site as <period>/hos-avtalet-<period>.pdf:

    make pdf                                   # builds site/, then the PDFs into it
    .venv/bin/python tools/make_pdf.py --site site [--period 2023-2026] [--out DIR]

A separate step on purpose: `avtal build` must not need a browser.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_quality import CHROMIUM, browser, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HEADER = '<div style="font-size:7pt;width:100%;margin:0 12mm;color:#555"><span class="title"></span></div>'
FOOTER = ('<div style="font-size:7pt;width:100%;margin:0 12mm;color:#555;display:flex;justify-content:space-between">'
          '<span>{label}</span><span>Sida <span class="pageNumber"></span> av <span class="totalPages"></span></span>'
          "</div>")


def pdf_name(period: str) -> str:
    return f"hos-avtalet-{period}.pdf"


def periods_in(site: Path) -> list[str]:
    return sorted(p.parent.parent.name for p in site.glob("*/utskrift/index.html"))


def make_pdfs(site: Path, periods: list[str], out: Path | None = None, chromium=None) -> list[Path]:
    """Print <period>/utskrift/ of a built site to PDF; returns the files written.

    chromium: a Playwright browser already running (one process may run one sync Playwright);
    by default one is started for the job."""
    if chromium is None:
        with browser() as started:
            return make_pdfs(site, periods, out, started)
    with serve(site) as base:
        page = chromium.new_page()
        try:
            return [print_period(page, base, site, period, out) for period in periods]
        finally:
            page.close()


def print_period(page, base: str, site: Path, period: str, out: Path | None) -> Path:
    """One period's printable page to <out or site/period>/hos-avtalet-<period>.pdf."""
    response = page.goto(f"{base}{period}/utskrift/", wait_until="load")
    if response is None or response.status != 200:
        raise SystemExit(f"{period}/utskrift/ finns inte i {site}")
    page.emulate_media(media="print")
    status = (page.locator(".avtal-meta .avtal-status").first.text_content(timeout=10000) or "").strip()
    target = (out or site / period) / pdf_name(period)
    target.parent.mkdir(parents=True, exist_ok=True)
    options = dict(path=str(target), format="A4", print_background=True, display_header_footer=True,
                   header_template=HEADER,
                   footer_template=FOOTER.format(label=f"Hälso- och sjukvårdsavtalet {period} · {status}"),
                   margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
    try:
        page.pdf(**options, outline=True, tagged=True)  # bookmarks from the headings
    except TypeError:  # an older Playwright
        page.pdf(**options)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skriv ut varje avtalsperiod som PDF från webbplatsens utskriftssida.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="den byggda webbplatsen (standard: site/)")
    parser.add_argument("--period", action="append", help="period att skriva ut (standard: alla)")
    parser.add_argument("--out", type=Path, help="målmapp (standard: periodens mapp i webbplatsen)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} saknas: installera Debians paket chromium (make browser-deps).", file=sys.stderr)
        return 2
    site = args.site.resolve()
    periods = args.period or periods_in(site)
    if not periods:
        print(f"Hittar ingen utskriftssida i {site}; bygg webbplatsen först (make site).", file=sys.stderr)
        return 2
    for path in make_pdfs(site, periods, args.out):
        print(f"PDF: {path} ({path.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
