"""Accessibility of the built site (issue 17): WCAG 2.1 AA as axe-core measures it, in the browser, at
desktop and phone width; no request leaves the site; tooltips by keyboard and touch, closed with Esc;
Swedish footer and 404; the accessibility statement never presents a missing fact as one; print.

axe runs here over a representative set of pages (one of each kind the build makes, the heaviest pages
left out to keep `make test` short), recording their requests; the markup of every page is read for
anything loaded from another host. `make a11y` (tools/a11y.py) runs axe over every page of a build and
loads every page until its network is idle (17 s of `make test` before).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from built_site import CHROMIUM, ROOT, build

from avtal.site.blocks import READ_MORE_NOT_PDF, SAYS_PDF
from avtal.site.build import ARRANGEMENTS_NAV_TITLE
from avtal.site.pages import spoken_label
from avtal.site.pdflink import PLACEHOLDER, link_pdf, size_label
from avtal.site.publisher import FIELDS, fill, missing, publisher, warning


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


a11y = _tool("a11y")
make_pdf = _tool("make_pdf")
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason=f"{CHROMIUM} saknas: installera Debians paket chromium (make browser-deps)")

#: The kinds of page the build makes, one each: the start page (the hierarchy picture, hand-written text),
#: the agreement's page (cover, its parts, a table), an arrangement (reading guide, läs mer, statute links,
#: key values, the version history that scrolls on phones), the statement, the 404. The overview, the
#: registers, Del A/B and the printable page take 3-25 s each for axe: `make a11y` covers every page.
REPRESENTATIVE = ["", "2023-2026/hos-avtalet/", "2023-2026/ok-lakarmedverkan/", "tillganglighet/", "404.html"]


# --- axe-core, in the browser ------------------------------------------------------

@pytest.mark.parametrize("width, viewport", a11y.WIDTHS, ids=[w for w, _ in a11y.WIDTHS])
@pytest.mark.browser
@needs_chromium
def test_axe_finds_no_wcag_violation(chromium, base, site, width, viewport):
    assert set(REPRESENTATIVE) <= set(a11y.pages(site))
    results = a11y.audit(chromium, base, REPRESENTATIVE, widths=[(width, viewport)])
    assert {r.path: r.violations for r in results if r.violations} == {}
    assert {r.path: r.foreign for r in results if r.foreign} == {}



@pytest.mark.parametrize("width, viewport", a11y.WIDTHS, ids=[w for w, _ in a11y.WIDTHS])
@pytest.mark.browser
@needs_chromium
def test_axe_finds_no_wcag_violation_with_search_results_shown(chromium, base, width, viewport):
    """The search open and its results listed: the "N sökresultat" line and the words marked in the
    results in their contrast (WCAG 1.4.3, measured 4.41:1 and 4.25:1 in the theme's colours)."""
    [result] = a11y.audit_search(chromium, base, widths=[(width, viewport)])
    assert (result.path, result.violations, result.foreign) == (f"sök: {a11y.SEARCH_QUERY}", {}, [])


HISTORY = "2091-2094"
#: The pages only a document with an earlier version has (tests/fixtures/report: test-del-b 1.0, then 1.1).
HISTORY_PAGES = [f"{HISTORY}/", f"{HISTORY}/andringar/", f"{HISTORY}/test-del-b/", f"{HISTORY}/test-del-b/version-1.0/",
                 f"{HISTORY}/test-del-b/jamforelse-1.0-1.1/"]


@pytest.mark.parametrize("width, viewport", a11y.WIDTHS, ids=[w for w, _ in a11y.WIDTHS])
@pytest.mark.browser
@needs_chromium
def test_axe_finds_no_wcag_violation_on_version_pages(chromium, history_site, history_base, width, viewport):
    """The version history's small links ("Avsnitt: …", "Vad som ändrades i version 1.1"), the earlier
    version and the comparison: pages the real build has only once a document is revised."""
    assert set(HISTORY_PAGES) <= set(a11y.pages(history_site))
    document = (history_site / HISTORY / "test-del-b" / "index.html").read_text(encoding="utf-8")
    assert '<small><a href="../test-del-b/jamforelse-1.0-1.1/">Vad som ändrades i version 1.1</a></small>' in document \
        or ">Vad som ändrades i version 1.1</a></small>" in document
    results = a11y.audit(chromium, history_base, HISTORY_PAGES, widths=[(width, viewport)])
    assert {r.path: r.violations for r in results if r.violations} == {}
    assert {r.path: r.foreign for r in results if r.foreign} == {}


_CONTRAST = """el => {
    const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const box = getComputedStyle(el.querySelector('rect')).fill;
    return [...el.querySelectorAll('text')].map(t => {
        const [a, b] = [lum(getComputedStyle(t).fill), lum(box)].sort((x, y) => y - x);
        return [t.textContent, (a + 0.05) / (b + 0.05)]; }); }"""


@pytest.mark.browser
@needs_chromium
def test_hierarchy_picture_text_has_contrast(chromium, base):
    """axe cannot compute contrast inside SVG (its needs-review items on the start page): computed here,
    each box's text colour against its fill, at least 4.5:1 (WCAG 1.4.3)."""
    page = chromium.new_page()
    try:
        page.goto(base, wait_until="load")
        ratios = [pair for node in page.locator("svg.avtal-hierarki .avtal-nod").all() for pair in node.evaluate(_CONTRAST)]
    finally:
        page.close()
    assert len(ratios) >= 20
    assert [(text, round(ratio, 1)) for text, ratio in ratios if ratio < 4.5] == []


class _Fetched(HTMLParser):
    """The URLs a page's markup has the browser fetch on its own, as it loads: scripts, stylesheets, icons,
    images, frames, media, and url() in style attributes and style elements (links followed on a click,
    prev/next/canonical and SVG namespaces are not fetched)."""

    ATTRIBUTES = {"script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
                  "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
                  "embed": ("src",), "object": ("data",), "input": ("src",), "image": ("href", "xlink:href"),
                  "use": ("href", "xlink:href"), "link": ("href", "imagesrcset")}
    NOT_FETCHED = {"prev", "next", "canonical", "alternate", "author", "license", "help", "search"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = set((attrs.get("rel") or "").lower().split())
        if tag != "link" or not rel or not rel <= self.NOT_FETCHED:
            for name in self.ATTRIBUTES.get(tag, ()):
                value = (attrs.get(name) or "").strip()
                if value:
                    self.urls.extend(part.split()[0] for part in value.split(",") if part.strip()) \
                        if "srcset" in name else self.urls.append(value)
        self.urls.extend(_CSS_URL.findall(attrs.get("style") or ""))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls.extend(_CSS_URL.findall(data))


_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


def foreign_fetches(html: str) -> list[str]:
    """The URLs of the page's own fetches (_Fetched) that name another host: http(s)://… or //…"""
    parser = _Fetched()
    parser.feed(html)
    return [url for url in parser.urls if urlsplit(url).scheme in ("http", "https") or url.startswith("//")]


@pytest.mark.parametrize("html, foreign", [
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
     ["https://fonts.googleapis.com/css?family=Roboto"]),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">', ["https://fonts.gstatic.com"]),
    ('<link rel="icon" href="../assets/favicon.png"><link rel="next" href="https://example.se/b/">', []),
    ('<script src="//cdn.example.com/x.js"></script><script src="../javascripts/sok.js"></script>',
     ["//cdn.example.com/x.js"]),
    ('<img src="bild.png" srcset="bild.png 1x, https://example.se/bild@2x.png 2x">', ["https://example.se/bild@2x.png"]),
    ('<div style="background: url(&quot;https://example.se/a.png&quot;)">', ["https://example.se/a.png"]),
    ("<style>@import 'https://example.se/a.css'; .x { background: url(../a.png) }</style>", ["https://example.se/a.css"]),
    ('<a href="https://lagen.nu/2017:30">HSL</a><svg xmlns="http://www.w3.org/2000/svg"></svg>', []),
    ('<img src="data:image/png;base64,AAAA">', []),
])
def test_foreign_fetches_are_what_the_browser_would_load_from_another_host(html, foreign):
    assert foreign_fetches(html) == foreign


def test_no_page_has_the_browser_load_anything_from_another_host(site):
    """Every page of the build and every stylesheet, read: nothing to load names another host. The browser
    checks the requests themselves on the representative pages (test_axe_finds_no_wcag_violation: the
    same scripts, which fetch the fonts, the search index and its worker, load on every page); `make a11y`
    loads every page until its network is idle."""
    pages = sorted(site.rglob("*.html"))
    found = {path.relative_to(site).as_posix(): foreign_fetches(path.read_text(encoding="utf-8")) for path in pages}
    found |= {path.relative_to(site).as_posix(): [url for url in _CSS_URL.findall(path.read_text(encoding="utf-8"))
                                                  if urlsplit(url).scheme in ("http", "https") or url.startswith("//")]
              for path in site.rglob("*.css")}
    assert {path: urls for path, urls in found.items() if urls} == {}
    assert len(pages) >= 19
    scripts = {tuple(re.sub(r"^(?:\.\./|/?\./)+", "", src) for src in re.findall(r'<script[^>]* src="([^"]+)"',
                                                                        path.read_text(encoding="utf-8")))
               for path in pages}
    assert len(scripts) == 1, scripts  # the same scripts on every page: the representative ones stand for all


def test_no_page_names_a_font_service(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


# --- the menu by keyboard on a phone and when zoomed (below 76.25em Material's menu is a drawer) --------

_FOCUS = """() => { const el = document.activeElement; return {role: el.getAttribute('role'),
    name: el.getAttribute('aria-label'), expanded: el.getAttribute('aria-expanded'),
    inMenu: !!el.closest('.md-sidebar--primary'), tag: el.tagName}; }"""


@pytest.mark.browser
@needs_chromium
def test_menu_opens_and_closes_with_the_keyboard_on_a_phone(chromium, base):
    page = chromium.new_page(viewport={"width": 375, "height": 740})
    try:
        page.goto(base + "2023-2026/del-a/", wait_until="load")
        menu = page.locator(".md-sidebar--primary")
        assert menu.evaluate("el => el.inert") is True  # closed: its links are not in the tab order
        for _ in range(3):  # the skip link, the logo, the menu button
            page.keyboard.press("Tab")
            if page.evaluate(_FOCUS)["name"] == "Meny":
                break
        assert page.evaluate(_FOCUS) == {"role": "button", "name": "Meny", "expanded": "false", "inMenu": False,
                                         "tag": "LABEL"}
        page.keyboard.press("Enter")
        focus = page.evaluate(_FOCUS)
        assert focus["inMenu"] and focus["tag"] == "A", focus  # the focus moved into the open menu
        assert page.locator(".avtal-meny-knapp").get_attribute("aria-expanded") == "true"
        assert menu.evaluate("el => el.inert") is False
        page.keyboard.press("Escape")
        assert page.evaluate(_FOCUS) == {"role": "button", "name": "Meny", "expanded": "false", "inMenu": False,
                                         "tag": "LABEL"}
        assert menu.evaluate("el => el.inert") is True
        page.keyboard.press(" ")  # Space opens it too
        assert page.locator(".avtal-meny-knapp").get_attribute("aria-expanded") == "true"
        page.keyboard.press("Escape")
        stops = []  # the whole tab order of the page with the menu closed: nothing inside it
        for _ in range(40):
            page.keyboard.press("Tab")
            stops.append(page.evaluate(_FOCUS)["inMenu"])
        assert not any(stops)
    finally:
        page.close()


@pytest.mark.browser
@needs_chromium
def test_menu_stays_in_the_tab_order_on_a_wide_screen(chromium, base):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base + "2023-2026/del-a/", wait_until="load")
        assert page.locator(".md-sidebar--primary").evaluate("el => el.inert") is False
        assert not page.locator(".avtal-meny-knapp").is_visible()
        # the search's result area is no tab stop while the search is closed, one once results show
        wrap = page.locator(".md-search__scrollwrap")
        assert wrap.evaluate("el => getComputedStyle(el).visibility") == "hidden"  # not focusable
        a11y.open_search(page, a11y.SEARCH_QUERY)
        assert wrap.evaluate("el => getComputedStyle(el).visibility") == "visible"
        more = page.locator(".md-search-result__more > summary").first  # "N till på denna sida"
        more.focus()
        assert more.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    finally:
        page.close()


# --- the period page at 320 px (WCAG 1.4.10) ----------------------------------------------------

@pytest.mark.browser
@needs_chromium
def test_period_page_does_not_scroll_sideways_at_320_px(chromium, base, site):
    text = (site / "2023-2026" / "index.html").read_text(encoding="utf-8")
    assert ('<div class="avtal-tabell-rulla" tabindex="0" role="region" aria-label="Beslut"><table class="avtal-register">'
            '<tr><th>Datum</th><th>Organ</th><th>Beslut</th></tr>') in text
    page = chromium.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(base + "2023-2026/", wait_until="load")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    finally:
        page.close()


# --- tooltips: keyboard, touch, Esc (WCAG 1.4.13) -----------------------------------------

TOOLTIPS = [  # (page, element, the tooltip's words)
    ("2023-2026/del-b/", "abbr[title='Västra Götalandsregionen']", "Västra Götalandsregionen"),
    ("2023-2026/del-a/", ".avtal-nyckelvarde[title='Avtalstid']", "Avtalstid"),
    ("2023-2026/del-b/", "a.avtal-lagrum[href='https://lagen.nu/2017:30']", "Hälso- och sjukvårdslag (2017:30)"),
]
_TIP = ".md-tooltip2--active .md-tooltip2__inner"


@pytest.mark.parametrize("path, selector, words", TOOLTIPS)
@pytest.mark.browser
@needs_chromium
def test_tooltip_opens_by_keyboard_and_closes_with_escape(chromium, base, path, selector, words):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base + path, wait_until="load")
        # a handle, not a locator: Material moves the title into the tooltip while it is open
        target = page.locator(f"article {selector}").first.element_handle()
        # from the link or focusable element just before it, one Tab reaches it
        page.evaluate("""el => {
            const all = [...document.querySelectorAll('article a[href], article [tabindex="0"]')];
            all[all.indexOf(el) - 1].focus(); }""", target)
        page.keyboard.press("Tab")
        assert target.evaluate("el => el === document.activeElement")
        # its own tooltip: the one of the element before may still be closing (seen on a loaded machine)
        tip = page.locator(_TIP, has_text=words)
        tip.wait_for(state="visible", timeout=5000)
        assert tip.inner_text().strip() == words
        page.keyboard.press("Escape")
        tip.wait_for(state="hidden", timeout=5000)
        assert target.evaluate("el => el === document.activeElement")  # Esc closes it, the focus stays
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")  # back again: it opens again
        tip.wait_for(state="visible", timeout=5000)
    finally:
        page.close()



@pytest.mark.browser
@needs_chromium
def test_tooltip_opens_on_touch(chromium, base):
    context = chromium.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base + "2023-2026/del-b/", wait_until="load")
        page.locator("article abbr[title='Västra Götalandsregionen']").first.tap()
        tip = page.locator(_TIP)
        tip.wait_for(state="visible", timeout=5000)
        assert tip.inner_text().strip() == "Västra Götalandsregionen"
    finally:
        context.close()



def test_every_element_with_a_tooltip_can_take_the_focus(site):
    """Material shows a title as a tooltip on hover and on focus: everything titled in the text is focusable."""
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r'<(?:abbr|span|sup)\b[^>]*\btitle="[^"]*"[^>]*>', text):
            assert 'tabindex="0"' in tag, f"{path}: {tag}"


# --- print ------------------------------------------------------------------------------

@pytest.mark.browser
@needs_chromium
def test_printout_names_its_date_and_address_and_keeps_headings_with_text(chromium, base):
    page = chromium.new_page()
    try:
        page.goto(base + "2023-2026/utskrift/", wait_until="load")
        info = page.locator(".avtal-utskriftsinfo")
        assert not info.is_visible()  # only on paper
        page.emulate_media(media="print")
        assert info.is_visible()
        today = page.evaluate("() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; }")
        day = dt.date(*today).isoformat()
        assert base.startswith("http://127.0.0.1:")
        assert info.inner_text() == f"Utskriven {day}"  # printed from this computer: no local address
        make_pdf.public_address(page, "https://example.se/avtal/", "2023-2026/utskrift/")  # make_pdf.py --address
        assert info.inner_text() == f"Utskriven {day} från https://example.se/avtal/2023-2026/utskrift/"
        for level in ("h2", "h3", "h4"):
            assert page.locator(f"article {level}").first.evaluate("el => getComputedStyle(el).breakAfter") == "avoid"
    finally:
        page.close()



@pytest.mark.parametrize("size, label", [(999, "1 kB"), (1, "1 kB"), (850_400, "850 kB"), (1_564_000, "1,6 MB"),
                                         (12_000_000, "12,0 MB")])
def test_pdf_size_label(size, label):
    assert size_label(size) == label


def test_printable_page_links_its_pdf_once_printed(site, tmp_path):
    period = tmp_path / "2023-2026"
    (period / "utskrift").mkdir(parents=True)
    html = period / "utskrift" / "index.html"
    shutil.copy(site / "2023-2026" / "utskrift" / "index.html", html)
    assert PLACEHOLDER in html.read_text(encoding="utf-8")
    pdf = period / "hos-avtalet-2023-2026.pdf"
    pdf.write_bytes(b"%PDF" + b"x" * 1_563_996)
    assert link_pdf(html, pdf) is True
    text = html.read_text(encoding="utf-8")
    assert ('Skriv ut med webbläsarens utskriftsfunktion. Avtalet finns också som '
            '<a href="../hos-avtalet-2023-2026.pdf" type="application/pdf">PDF-fil (1,6 MB)</a>.</p>') in text
    assert link_pdf(html, pdf) is False  # once


# --- Swedish throughout ------------------------------------------------------------------

def test_footer_is_swedish_on_every_page(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "Made with" not in text and "Material for MkDocs" not in text, path
        footer = text[text.index('<div class="md-copyright">'):]
        assert ">Tillgänglighetsredogörelse</a>" in footer[:600], path


def test_404_page_helps_in_swedish(site):
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Sidan finns inte</h1>" in text and "Not found" not in text
    assert '<a href="/./">startsidan</a>' in text
    assert 'class="md-search__input"' in text  # the search box
    assert '"base": "/."' in text  # not "/": the theme would fetch "//search/…", another host


@pytest.mark.build
def test_404_page_and_printout_know_a_site_in_a_subfolder(history_repo, tmp_path, monkeypatch):
    """The small test period (conftest.history_repo) built with site_url https://example.se/avtal/ (mkdocs.yml
    reads AVTAL_SITE_URL): the 404 page, served at any depth, links the subfolder's start page; the
    printout names the public address."""
    monkeypatch.setenv("AVTAL_DATE", "2093-01-01")
    monkeypatch.setenv("AVTAL_SITE_URL", "https://example.se/avtal/")
    history_site = build(history_repo, tmp_path / "site")
    text = (history_site / "404.html").read_text(encoding="utf-8")
    assert '<a href="/avtal/">startsidan</a>' in text and '<a href="/avtal/om/">om webbplatsen</a>' in text
    assert "/./" not in text
    printable = (history_site / "2091-2094" / "utskrift" / "index.html").read_text(encoding="utf-8")
    assert ('<p class="avtal-utskriftsinfo" aria-hidden="true" '
            'data-adress="https://example.se/avtal/2091-2094/utskrift/"></p>') in printable


def test_cover_label_spelled_out_is_read_as_a_word(site):
    text = (site / "2023-2026" / "hos-avtalet" / "index.html").read_text(encoding="utf-8")
    assert ('<p class="avtal-omslag-etikett" data-search-exclude><span aria-hidden="true">A V T A L</span>'
            '<span class="avtal-for-skarmlasare">Avtal</span></p>') in text


@pytest.mark.parametrize("label, spoken", [("A V T A L", "Avtal"), ("STRATEGI", None), ("Del A", None),
                                           ("A B", None), ("Ö K A", "Öka")])
def test_spoken_label(label, spoken):
    assert spoken_label(label) == spoken


def test_glossary_does_not_ask_for_a_mouse(site):
    text = (site / "begrepp" / "index.html").read_text(encoding="utf-8")
    assert "muspekaren" not in text
    assert ("peka på, tryck på eller gå med tabbtangenten till en förkortning med prickad understrykning, så visas "
            "förklaringen (Esc stänger den)") in text


# --- navigation and links ----------------------------------------------------------------

def test_agreement_page_links_its_parts(site):
    text = (site / "2023-2026" / "hos-avtalet" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="avtal-delar" aria-label="Avtalets delar".*?</nav>', text, re.S)[0]
    assert re.findall(r'<a href="([^"]+)">', nav) == [
        "../del-a/", "../del-b/", "../ok-in-och-utskrivning/", "../ok-lakarmedverkan/", "../ok-munhalsa/",
        "../ok-psykisk-funktionsnedsattning-missbruk/"]


def test_menu_groups_the_arrangements_under_del_c(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    start = text.index(ARRANGEMENTS_NAV_TITLE)
    group = text[start:text.index("</nav>", start)]
    assert [href for href in re.findall(r'href="([^"]+)"', group)] == [
        "2023-2026/ok-in-och-utskrivning/", "2023-2026/ok-lakarmedverkan/", "2023-2026/ok-munhalsa/",
        "2023-2026/ok-psykisk-funktionsnedsattning-missbruk/"]


@pytest.mark.parametrize("title, says_pdf", [
    ("Rutiner för samordning av insatser rehabilitering och habilitering 2009, PDF", True),
    ("Riktlinje Hantering av oenighet på regional nivå Vårdsamverkan Västra Götaland (PDF)", True),
    ("PDF-rutin för samordning", False), ("Riktlinje för SIP", False)])
def test_source_titles_that_name_a_pdf(title, says_pdf):
    assert bool(SAYS_PDF.search(title)) is says_pdf


def test_read_more_link_says_pdf_only_when_it_leads_to_one(site):
    text = (site / "2023-2026" / "del-b" / "index.html").read_text(encoding="utf-8")
    assert ("<li>Rutiner för samordning av insatser rehabilitering och habilitering 2009, PDF – "
            f'<a href="../riktlinjer/#rutin-samordning-rehabilitering-habilitering">{READ_MORE_NOT_PDF}</a></li>') in text
    for path in site.rglob("*.html"):
        for href, words in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>([^<]*)</a>', path.read_text(encoding="utf-8")):
            if "PDF" in words and "PDF-fil" not in words:
                assert href.lower().endswith(".pdf"), f"{path}: {href} {words}"


# --- the accessibility statement: the publisher's facts from configuration, never invented ---------

def test_statement_marks_what_the_publisher_must_fill_in(site):
    text = (site / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert ('<strong class="avtal-saknas">[Uppgift saknas: utgivarens namn. Fylls i av den som publicerar '
            'webbplatsen.]</strong> står bakom den här webbplatsen.') in text
    for _, label in FIELDS.values():
        assert f"[Uppgift saknas: {label}. Fylls i av den som publicerar webbplatsen.]" in text
    assert '<a href="https://www.digg.se/tdosanmalan">anmäla det till Digg</a>' in text
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in text
    assert "Så vitt vi vet uppfyller" not in text  # no claim of full conformance
    # what was measured, on which build, and what remains
    assert "<p>Den här versionen av webbplatsen byggdes 2025-03-01. Bedömningen är en självskattning." in text
    assert "<li>på varje sida av webbplatsen, i datorbredd (1280 pixlar) och mobilbredd (375 pixlar),</li>" in text
    assert "<li>med sökningen öppen och sökträffar visade, i båda bredderna,</li>" in text
    words = " ".join(text.split())
    assert "På en pekskärm öppnar ett tryck i stället länken till lagen, så förklaringen visas inte" in words
    assert "En skärmläsare läser därför upp rubrikerna med ¶ på slutet" in words
    om = (site / "om" / "index.html").read_text(encoding="utf-8")
    assert ("<strong>Ansvarig för innehållet:</strong> <strong class=\"avtal-saknas\">[Uppgift saknas: utgivarens "
            "namn. Fylls i av den som publicerar webbplatsen.]</strong>") in om


@pytest.mark.parametrize("extra, shown", [
    ({"utgivare": {"namn": "Västra Götalandsregionen"}}, "Västra Götalandsregionen står"),
    ({"utgivare": {"namn": "A & B <i>"}}, "A &amp; B &lt;i&gt; står"),
    ({"utgivare": {"namn": "  "}}, '<strong class="avtal-saknas">[Uppgift saknas: utgivarens namn.'),
    ({}, '<strong class="avtal-saknas">[Uppgift saknas: utgivarens namn.'),
    (None, '<strong class="avtal-saknas">[Uppgift saknas: utgivarens namn.'),
])
def test_publisher_name_filled_in(extra, shown):
    assert fill("<!-- avtal:utgivare --> står", publisher(extra)).startswith(shown)


@pytest.mark.parametrize("contact, shown", [
    ("tillganglighet@example.se", '<a href="mailto:tillganglighet@example.se">tillganglighet@example.se</a>'),
    ("https://example.se/kontakt", '<a href="https://example.se/kontakt">https://example.se/kontakt</a>'),
    ("javascript:alert(1)", "javascript:alert(1)"),  # neither: shown as text, never a link
    ("031-00 00 00", "031-00 00 00"),
])
def test_publisher_contact_filled_in(contact, shown):
    assert fill("<!-- avtal:kontakt -->", publisher({"utgivare": {"kontakt": contact}})) == shown


def test_build_warns_while_a_fact_is_missing():
    values = publisher({"utgivare": {"namn": "VGR", "kontakt": "a@b.se", "bedomd": "2026-11-30",
                                     "atgardas": "2027-06-30"}})
    assert missing(values) == ["datum då redogörelsen senast uppdaterades"]
    assert warning(values) == ("Tillgänglighetsredogörelsen och Om webbplatsen saknar datum då redogörelsen senast "
                               "uppdaterades: ange dem i mkdocs.yml under extra: utgivare: (sidorna säger tills dess "
                               "att uppgiften saknas).")
    assert warning(values | {"uppdaterad": "2026-11-30"}) is None


def test_real_project_leaves_the_publisher_unset_and_the_build_says_so():
    """The sources name no publisher or contact: mkdocs.yml leaves them empty rather than invent them."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs' !!python tags
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert missing(publisher(config["extra"])) == [label for _, label in FIELDS.values()]


# --- the keyboard-only path: search -> result -> section -> tooltip -> back ------------------------

@pytest.mark.browser
@needs_chromium
def test_keyboard_alone_goes_from_search_to_a_tooltip_and_back(chromium, base):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base, wait_until="networkidle")
        page.keyboard.press("/")  # Material's key for the search box
        assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
        page.keyboard.type("16 kap. 4 § HSL", delay=10)
        page.locator(".md-search-result__link").first.wait_for(state="visible", timeout=15000)
        page.keyboard.press("Tab")  # Tab reaches the first result, as the arrow keys do
        first = page.evaluate("""() => { const el = document.activeElement;
            return [el.matches('.md-search-result__link'), el.getAttribute('href'), getComputedStyle(el).outlineStyle]; }""")
        assert first[0] and first[2] == "solid", first  # focused, visibly
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")  # and back again, the search still open
        assert page.evaluate("() => document.activeElement.getAttribute('href')") == first[1]
        page.keyboard.press("Tab")  # the first result's section
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r".*#.+"), timeout=10000)
        landed = page.url
        assert landed.startswith(f"{base}2023-2026/del-b/") and landed.endswith("#b-lagstiftning"), landed
        # from the section, Tab reaches a tooltip within a few steps
        for _ in range(12):
            page.keyboard.press("Tab")
            if page.evaluate("() => !!document.activeElement.getAttribute('aria-describedby')"):
                break
        tip = page.locator(_TIP)
        tip.wait_for(state="visible", timeout=5000)
        page.keyboard.press("Escape")
        tip.wait_for(state="hidden", timeout=5000)
        page.go_back()  # the browser's Back (Alt+Left is the browser's key, not the page's: headless has none)
        assert page.url.split("?")[0].split("#")[0] == base
    finally:
        page.close()


def test_laws_stand_in_swedish_alphabetical_order_of_their_names(site):
    from avtal.site.glossary_page import sv_key

    text = (site / "lagar" / "index.html").read_text(encoding="utf-8")
    assert "i bokstavsordning efter lagens namn" in text
    cited, _, uncited = text.partition('id="inte-i-avtalet"')
    for part in (cited, uncited):
        names = [" ".join(re.sub(r"<[^>]+>", "", h).replace("¶", "").split())
                 for h in re.findall(r'<h[23] id="sfs-[^"]+">(.*?)</h[23]>', part, re.S)]
        assert len(names) >= 3
        assert names == sorted(names, key=sv_key)
