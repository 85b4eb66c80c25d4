#!/usr/bin/env python3
"""The agreement of each period as a PDF, printed by Chromium from the site's printable page.

The site has one printable document per period (<period>/utskrift/: the whole agreement in
reading order, every link inside the document). This prints it with Debian's Chromium
through Playwright into the built site as <period>/hos-avtalet-<period>.pdf:

    make pdf                                   # builds site/, then the PDFs into it
    .venv/bin/python tools/make_pdf.py --site site [--period 2023-2026] [--out DIR]

A change report (`avtal diff OLD NEW --format report`) is printed the same way, from the HTML
document itself (its own CSS sets the A4 page, the running header and the page numbers):

    make report OLD=origin/main:2023-2026 NEW=2023-2026          # andringsrapport.html and .pdf
    .venv/bin/python tools/make_pdf.py --report OLD NEW [--layout redline] [--out rapport.pdf]

A separate step on purpose: `avtal build` must not need a browser.
"""

from __future__ import annotations

import io
import re
import sys
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_quality import CHROMIUM, browser, serve  # noqa: E402

from avtal.site.pdflink import link_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HEADER = '<div style="font-size:7pt;width:100%;margin:0 12mm;color:#555"><span class="title"></span></div>'
FOOTER = ('<div style="font-size:7pt;width:100%;margin:0 12mm;color:#555;display:flex;justify-content:space-between">'
          '<span>{label}</span><span>Sida <span class="pageNumber"></span> av <span class="totalPages"></span></span>'
          "</div>")


def pdf_name(period: str) -> str:
    return f"hos-avtalet-{period}.pdf"


def periods_in(site: Path) -> list[str]:
    return sorted(p.parent.parent.name for p in site.glob("*/utskrift/index.html"))


def make_pdfs(site: Path, periods: list[str], out: Path | None = None, chromium=None,
              address: str | None = None) -> list[Path]:
    """Print <period>/utskrift/ of a built site to PDF; returns the files written. Printed into the site
    (out None), the period's printable page and overview then link their PDF (avtal.site.pdflink).

    address: the site's public address ('https://example.se/avtal/'); each printout then says it was
    printed from <address><period>/utskrift/. Without it the printout names the address only when the
    build knows it (mkdocs.yml site_url), never the local server's it is printed from.

    chromium: a Playwright browser already running (one process may run one sync Playwright);
    by default one is started for the job."""
    if chromium is None:
        with browser() as started:
            return make_pdfs(site, periods, out, started, address)
    with serve(site) as base:
        page = chromium.new_page()
        try:
            printed = [print_period(page, base, site, period, out, address) for period in periods]
        finally:
            page.close()
    if out is None:  # the PDFs are in the site: its printable page and overview link them, with their size
        for period, pdf in zip(periods, printed):
            for html in (site / period / "utskrift" / "index.html", site / period / "index.html"):
                link_pdf(html, pdf)
    return printed


def headings(html: Path) -> set[str]:
    """The text of every heading (h1-h6) of an HTML page, whitespace collapsed, without permalink signs."""
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.found: set[str] = set()
            self.current: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            if re.fullmatch(r"h[1-6]", tag):
                self.current = []

        def handle_endtag(self, tag):
            if re.fullmatch(r"h[1-6]", tag) and self.current is not None:
                self.found.add(" ".join("".join(self.current).replace("¶", "").split()))
                self.current = None

        def handle_data(self, data):
            if self.current is not None:
                self.current.append(data)

    parser = Parser()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser.found - {""}


#: Points kept clear at the top and bottom of each page for the running header and footer (16 mm margins).
_MARGIN_PT = 50
#: A line this much larger than the page's usual text is a heading (Material's h3 is 1.25 times the text).
_HEADING_RATIO = 1.2


def headings_at_page_end(pdf: Path, heading_texts: set[str]) -> list[tuple[int, str]]:
    """Pages of a printed PDF whose last line of text is a heading, as (page number, line): a heading
    separated from the text it introduces. A line is a heading when its words are one of heading_texts set
    in bold, or its type is _HEADING_RATIO times the page's most common size."""
    from collections import Counter, defaultdict

    import pypdf

    reader = pypdf.PdfReader(pdf)
    out = []
    for number, page in enumerate(reader.pages, 1):
        height = float(page.mediabox.height)
        lines: dict[int, list[tuple[str, float, bool]]] = defaultdict(list)

        def visit(text, cm, tm, font, size, lines=lines):
            if text.strip():
                y = tm[5] * (cm[3] or 1) + cm[5]
                bold = "bold" in str((font or {}).get("/BaseFont", "")).lower()
                lines[round(y)].append((text.strip(), abs(size * (tm[3] or 1) * (cm[3] or 1)), bold))

        page.extract_text(visitor_text=visit)
        body = {y: parts for y, parts in lines.items() if _MARGIN_PT < y < height - _MARGIN_PT}
        if not body:
            continue
        usual = Counter(round(size, 1) for parts in body.values() for _, size, _ in parts).most_common(1)[0][0]
        last = body[min(body)]
        words = " ".join(" ".join(text for text, _, _ in last).split())
        if (words in heading_texts and all(bold for _, _, bold in last)) or \
                max(size for _, size, _ in last) >= usual * _HEADING_RATIO:
            out.append((number, words))
    return out


def public_address(page, address: str | None, path: str) -> None:
    """Give the printout line of the page open in `page` the public address address+path (the page's
    script fills the line in on beforeprint); nothing when address is None or empty."""
    if address:
        page.evaluate("""a => { document.querySelectorAll('.avtal-utskriftsinfo')
            .forEach(line => line.setAttribute('data-adress', a));
            window.dispatchEvent(new Event('beforeprint')); }""", address.rstrip("/") + "/" + path)


def print_period(page, base: str, site: Path, period: str, out: Path | None, address: str | None = None) -> Path:
    """One period's printable page to <out or site/period>/hos-avtalet-<period>.pdf (address: see make_pdfs)."""
    response = page.goto(f"{base}{period}/utskrift/", wait_until="load")
    if response is None or response.status != 200:
        raise SystemExit(f"{period}/utskrift/ finns inte i {site}")
    public_address(page, address, f"{period}/utskrift/")
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


def report_pdf(html: Path, target: Path, chromium=None) -> Path:
    """Print a change report (an HTML file made by `avtal diff --format report`) to target as PDF.

    The report's own CSS gives the page size, margins, running header and "Sida 1 av 9", so Chromium's
    header and footer are off. chromium: a Playwright browser already running, or one is started."""
    if chromium is None:
        with browser() as started:
            return report_pdf(html, target, started)
    page = chromium.new_page()
    try:
        page.goto(html.resolve().as_uri(), wait_until="load")
        page.emulate_media(media="print")
        options = dict(path=str(target), prefer_css_page_size=True, print_background=True)
        try:
            page.pdf(**options, outline=True, tagged=True)
        except TypeError:  # an older Playwright
            page.pdf(**options)
    finally:
        page.close()
    return target


def make_report(old: str, new: str, target: Path, layout: str | None = None, root: Path | None = None) -> int:
    """`avtal diff OLD NEW --format report` into target's .html, then printed to target (.pdf).

    Returns avtal's exit status (its message is on stderr when it is not 0)."""
    from avtal.cli import main as avtal

    args = (["--root", str(root)] if root else []) + ["diff", old, new, "--format", "report"]
    out = io.StringIO()
    with redirect_stdout(out):
        code = avtal(args + (["--layout", layout] if layout else []))
    if code != 0:
        return code
    html = target.with_suffix(".html")
    html.write_text(out.getvalue(), encoding="utf-8")
    pdf = report_pdf(html, target.with_suffix(".pdf"))
    print(f"Ändringsrapport: {html} och {pdf} ({pdf.stat().st_size // 1024} kB)")
    return 0


def report_problem(old: str, new: str, target: Path) -> str | None:
    """Why `--report OLD NEW --out target` cannot run, in Swedish (None when it can): OLD or NEW empty
    (``make report`` without OLD= and NEW=), or target's folder missing (it is not created: a mistyped
    OUT= would otherwise leave folders behind)."""
    if not old.strip() or not new.strip():
        missing = " och ".join(name for name, value in (("OLD", old), ("NEW", new)) if not value.strip())
        return (f"{missing} saknas: ange vad som jämförs med vad, "
                "t.ex. make report OLD=origin/main:2023-2026 NEW=2023-2026.")
    if not target.resolve().parent.is_dir():
        return f"mappen {target.parent} finns inte; skapa den först eller välj en annan fil med OUT=."
    return None


def main(argv: list[str] | None = None) -> int:
    """The command line (sys.argv[1:] when None): 0 when printed, 2 when it could not run (a Swedish
    message on stderr; argument errors as `avtal` reports them, through avtal.arguments.Parser)."""
    from avtal.arguments import Parser
    from avtal.errors import CannotRun

    parser = Parser(prog="make_pdf.py", description="Skriv ut varje avtalsperiod som PDF från webbplatsens "
                                                     "utskriftssida, eller en ändringsrapport.")
    parser.add_argument("--site", type=Path, metavar="MAPP", default=ROOT / "site", help="den byggda webbplatsen (standard: site/)")
    parser.add_argument("--period", metavar="PERIOD", action="append", help="period att skriva ut (standard: alla)")
    parser.add_argument("--out", type=Path, metavar="MÅL", help="målmapp (standard: periodens mapp i webbplatsen); med --report "
                                                  "rapportens PDF-fil (standard: andringsrapport.pdf)")
    parser.add_argument("--report", nargs=2, metavar=("GAMMAL", "NY"),
                        help="skriv i stället ut ändringsrapporten mellan två sidor (som i avtal diff)")
    parser.add_argument("--address", metavar="ADRESS", help="webbplatsens publika adress, t.ex. https://example.se/avtal/ "
                        "(utskriften anger då sidans adress där; annars bara om mkdocs.yml har site_url)")
    parser.add_argument("--layout", choices=("table", "redline"), help="ändringsrapportens uppställning")
    parser.add_argument("--root", type=Path, metavar="MAPP", help="projektmappen (som avtal --root)")
    try:
        args = parser.parse_args(argv)
    except CannotRun as exc:
        print(f"make_pdf: {exc}", file=sys.stderr)
        return 2
    if args.report:
        target = args.out or Path("andringsrapport.pdf")
        if problem := report_problem(*args.report, target):
            print(f"make_pdf: {problem}", file=sys.stderr)
            return 2
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} saknas: installera Debians paket chromium (make browser-deps).", file=sys.stderr)
        return 2
    if args.report:
        return make_report(*args.report, target, args.layout, args.root)
    site = args.site.resolve()
    periods = args.period or periods_in(site)
    if not periods:
        print(f"Hittar ingen utskriftssida i {site}; bygg webbplatsen först (make site).", file=sys.stderr)
        return 2
    for path in make_pdfs(site, periods, args.out, address=args.address):
        print(f"PDF: {path} ({path.stat().st_size // 1024} kB)")
    return 0

if __name__ == "__main__":
    sys.exit(main())
