"""The site in a real browser: Debian's Chromium through Playwright, the built site served over
http on 127.0.0.1 (the search worker cannot load its index from file://).

Search finds what staff type (the query set of tests/search_queries.yaml, with a floor under the
measured hit rates: marked search_quality, run by `make search-quality`), abbreviations explain themselves on hover, the hierarchy picture leads to an
arrangement and from there to Del A, a draft period is marked as such, and the reader's path of
the issue works: from a question typed into the search box to the section that answers it, the
guideline it names, the arrangement it belongs to and the law it cites.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from built_site import CHROMIUM, ROOT, search_quality

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} saknas: installera Debians paket chromium (make browser-deps)"),
]

# Floors under the figures measured with tools/search_quality.py (README, "Search"), with room for
# the text to change under the queries; a drop below one means search got worse. Top-3 of the
# queries typed as the agreement writes (ordinary, table words, abbreviations) and of those typed
# without å/ä/ö, with a typo or in everyday words; the first result on the right page; the median
# time from the last keystroke to the results. Counted as the list shows the results (issue 16's
# follow-up): a section Material folds under "N till på denna sida" does not count. Measured 2026-11-30 after
# issue 16's final round over the 204 old, dev and holdout queries: top-1 0.87, top-5 0.98, top-3 ordinary 0.98
# and forgiving 0.96, right page 0.917 (before it 0.82, 0.94, 0.95, 0.89, 0.892). The unseen set (measured once,
# README) is reported but not held to the floors: it is not a set the search was or will be tuned on. After its one
# measurement the first unseen set became dev (from: unseen-1) and is held to them: the vocabulary round measured
# 273 old, dev and holdout queries at top-1 0.88, top-5 0.99, top-3 ordinary 0.99 and forgiving 0.96, right page
# 0.93 (README, "Vocabulary round"); the floors stay where they were, under a new unseen set that will join dev.
TOP1_FLOOR = 0.85
TOP5_FLOOR = 0.95
TOP3_ORDINARY_FLOOR = 0.95
TOP3_FORGIVING_FLOOR = 0.90
RIGHT_PAGE_FLOOR = 0.90  # issue 16's target
LATENCY_MEDIAN_MS = 100


@pytest.fixture
def page(chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def _landing(url: str) -> str:
    return url.split("#", 1)[1] if "#" in url else url.rstrip("/").rsplit("/", 1)[-1]


# --- search ---------------------------------------------------------------------

@pytest.mark.search_quality  # types every query key by key (a few minutes): `make search-quality`, not `make test`
def test_search_hit_rates_stay_above_the_measured_floor(site, capsys):
    measured = search_quality.measure(site, latency=True)
    report = search_quality.report(measured)
    with capsys.disabled():
        print("\n" + report[report.index("frågor "):])
    outcomes = [o for o in measured if o.set != "unseen"]
    top1, top5 = search_quality.hit_rates(outcomes)
    ordinary = [o for o in outcomes if o.kind not in search_quality.FORGIVING]
    forgiving = [o for o in outcomes if o.kind in search_quality.FORGIVING]
    times = sorted(o.latency for o in outcomes if o.latency is not None)
    assert len(outcomes) >= 130 and len(forgiving) >= 40
    assert top1 >= TOP1_FLOOR, report
    assert top5 >= TOP5_FLOOR, report
    assert search_quality.top_rates(ordinary)[3] >= TOP3_ORDINARY_FLOOR, report
    assert search_quality.top_rates(forgiving)[3] >= TOP3_FORGIVING_FLOOR, report
    assert search_quality.page_rate(outcomes) >= RIGHT_PAGE_FLOOR, report
    assert times and times[len(times) // 2] <= LATENCY_MEDIAN_MS, report


@pytest.fixture(scope="module")
def documents():
    return search_quality.document_sections()


@pytest.mark.parametrize("query, expected", [
    ("vem betalar när patienten är utskrivningsklar", ["ius-betalningsansvar", "ius-ekonomisk-modell"]),
    ("ÖK munhälsa", ["ok-munhalsa"]),  # the arrangement, or any of its sections
    ("HoS-avtalet uppsägning", ["a-avtalstid"]),
    ("16 kap. 4 § HSL", ["a-sip", "b-lagstiftning"]),
    ("3,0 kalenderdagar", ["ius-betalningsansvar", "ius-ekonomisk-modell"]),
    ("33 %", ["pfm-placering-kostnadsansvar"]),
    ("placeringen", ["pfm-placering"] + [f"pfm-placering-{s}" for s in (
        "gemensamt-ansvar", "regionens-kommunens-ansvar", "gemensam-planering", "kostnadsansvar", "uppfoljning",
        "process")]),
    ("dosdispensering", ["b-oppenvardsdos"]),
    ("HVB", ["pfm-placering", "pfm-placering-regionens-kommunens-ansvar", "b-regionens-ansvar"]),
    ("vem ansvarar för hjälpmedel", ["ansvar-hjalpmedel"]),  # the row of "Vem ansvarar för vad?"
])
def test_search_lands_on_the_section(page, base, documents, query, expected):
    groups = search_quality.search(page, base, query)
    ids = search_quality.ranked_ids(groups, base)[:5]
    assert search_quality.accepted_ids(expected, documents) & set(ids), ids
    hrefs = [href for group in groups for href, *_ in group]
    assert any("#" in href for href in hrefs), "träffarna ska leda till avsnitt (ankare)"


def _terms(rewritten: str) -> list[tuple[str, int]]:
    """'oenighet*^8 kommun*^1' -> [('oenighet*', 8), ('kommun*', 1)]; a bare stem is a prefix of weight 1."""
    out = []
    for term in rewritten.split():
        word, _, boost = term.partition("^")
        out.append((word if boost else word + "*", int(boost or 1)))  # Material appends "*" to a bare word
    return out


def test_query_words_are_rewritten_for_swedish(page, base):
    page.goto(base)
    page.wait_for_function("() => window.avtalSok.ready")  # the index's words are read
    rewrite = lambda q: _terms(page.evaluate("q => window.avtalSok.rewrite(q)", q))  # noqa: E731
    words = lambda q: [w for w, _ in rewrite(q)]  # noqa: E731
    asked = words("vem betalar när patienten är utskrivningsklar")
    assert {"betalar*", "patienten*", "utskrivningsklar*"} <= set(asked)  # each word typed, as a prefix
    assert not {"vem*", "när*", "är*", "nar*", "ar*"} & set(asked)  # stop words dropped
    assert words("16 kap. 4 § HSL") == ["16", "kap*", "4", "§*", "hsl"]  # numbers and abbreviations exact
    assert words("33 %") == ["33"]
    assert words("3,0 kalenderdagar")[:2] == ["3,0", "kalenderdagar*"]
    assert "hjälpmedel*" in words("hjälpmedlen")  # the stem with Swedish's dropped e put back
    assert "hjalpmedel*" in words("hjalpmedlen")  # typed without å/ä/ö: searched so, finding both spellings
    assert words("läkemedel")[:1] == ["läkemedel*"]  # typed with å/ä/ö: as typed ("vård" is not "vardag")
    assert words("lakemedel")[:1] == ["lakemedel*"]
    assert words("ÖK") == ["ök", "ok"] and words("ök") == ["ök", "ok"]  # an abbreviation is a whole word
    assert page.evaluate("q => window.avtalSok.rewrite(q)", '"fast läkarkontakt"') == '"fast läkarkontakt"'
    # the rare word that says what is asked weighs most; "kommun*" (in half of all sections) least
    # (2 since the rows of "Vem ansvarar för vad?", few of which say "kommun", joined the index)
    weights = dict(rewrite("oenighet mellan kommun och region"))
    assert weights["oenighet*"] > weights["region*"] > weights["kommun*"] == 2
    # the form typed weighs more than its stem
    typed, stem = rewrite("kalenderdagar")
    assert typed[0] == "kalenderdagar*" and typed[1] > stem[1]


def test_query_stemmer_is_lunr_sv_word_for_word(page, base, site):
    """sok.js stems queries with its own Snowball Swedish: it must agree with lunr.sv's."""
    page.goto(base)
    page.evaluate("""() => { window.lunr = {Pipeline: {registerFunction() {}},
        generateStopWordFilter() { return () => {}; }, trimmerSupport: {generateTrimmer() { return () => {}; }}}; }""")
    page.add_script_tag(url=f"{base}assets/javascripts/lunr/min/lunr.stemmer.support.min.js")
    page.add_script_tag(url=f"{base}assets/javascripts/lunr/min/lunr.sv.min.js")
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    words = sorted({w for d in docs for w in re.findall(r"[a-zåäöé]+", (d["title"] + " " + d["text"]).lower())})
    differ = page.evaluate("""words => words.filter(w => {
        let ref; lunr.sv.stemmer({update(f) { ref = f(w); return this; }});
        return ref !== window.avtalSok.stem(w); })""", words)
    assert len(words) > 1000 and differ == []


def test_search_result_highlights_the_words_on_the_page(page, base):
    search_quality.search(page, base, "bårhusplats")
    page.locator("a.md-search-result__link[href*='#b-avliden']").first.click()
    page.wait_for_url(re.compile(r".*del-b/.*#b-avliden"))
    mark = page.locator("mark[data-md-highlight]").first  # marked once the search index has loaded
    mark.wait_for(state="attached", timeout=10000)
    assert "bårhusplats" in mark.inner_text().lower()


# --- the reader's path ------------------------------------------------------------

def test_from_a_question_to_section_guideline_arrangement_and_law(page, base):
    groups = search_quality.search(page, base, "vem betalar när patienten är utskrivningsklar")
    first = search_quality.ranked_ids(groups, base)[0]
    assert first in {"ius-betalningsansvar", "ius-ekonomisk-modell"}
    page.locator(f"a.md-search-result__link[href*='#{first}']").first.click()
    page.wait_for_url(re.compile(rf".*/ok-in-och-utskrivning/.*#{first}"))
    assert "Överenskommelse Samverkan vid in- och utskrivning" in page.locator("h1").inner_text()

    section = page.locator("#ius-betalningsansvar ~ div .avtal-hanvisar").first
    law = section.locator("a.avtal-lagrum[href^='https://lagen.nu/2017:612']")
    assert law.count() >= 1  # the law it cites, on lagen.nu
    section.locator("a[href*='riktlinjer/#riktlinje-in-och-utskrivning']").click()
    page.wait_for_url(re.compile(r".*/riktlinjer/#riktlinje-in-och-utskrivning"))
    row = page.locator("#riktlinje-in-och-utskrivning + table")
    assert "Riktlinje" in row.inner_text()
    row.locator("th:text('Hör under') + td a").click()
    page.wait_for_url(re.compile(r".*/2023-2026/ok-in-och-utskrivning/$"))


def test_abbreviation_explains_itself_on_hover(page, base):
    page.goto(f"{base}2023-2026/del-b/")
    abbr = page.locator("article abbr[title]").first
    expansion = abbr.get_attribute("title")
    assert expansion
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tooltip = page.locator(".md-tooltip2", has_text=expansion)
    tooltip.first.wait_for(state="visible", timeout=5000)  # Material's content.tooltips


def test_start_page_picture_leads_to_an_arrangement_and_on_to_del_a(page, base):
    page.goto(base)
    page.locator("svg.avtal-hierarki a[data-id='ok-munhalsa']").click()
    page.wait_for_url(re.compile(r".*/2023-2026/ok-munhalsa/$"))
    guide = page.locator(".avtal-las-med")
    assert "läses tillsammans med" in guide.inner_text()
    guide.get_by_role("link", name="Del A", exact=True).click()
    page.wait_for_url(re.compile(r".*/2023-2026/del-a/$"))
    assert page.locator("h1").inner_text().startswith("Del A")


def test_every_box_of_the_picture_is_a_working_link(page, base):
    page.goto(base)
    hrefs = page.eval_on_selector_all("svg.avtal-hierarki a",
                                      "els => els.map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
    assert len(hrefs) >= 25
    for href in sorted({h.split("#")[0] for h in hrefs}):
        assert page.request.get(href).status == 200, href


# --- a draft period ---------------------------------------------------------------

def test_draft_period_is_marked_on_its_pages(page, draft_base):
    base, period = draft_base
    page.goto(f"{base}{period}/del-b/")
    banner = page.locator(".avtal-utkast-banderoll")
    assert banner.is_visible()
    assert "UTKAST" in banner.inner_text() and "gäller inte" in banner.inner_text()
    assert "Utkast" in page.locator(".avtal-meta .avtal-status").first.inner_text()
    page.goto(f"{base}2023-2026/del-b/")
    assert page.locator(".avtal-utkast-banderoll").count() == 0
    assert "Gällande" in page.locator(".avtal-meta .avtal-status").first.inner_text()


# --- print and PDF ---------------------------------------------------------------

def test_pdf_of_the_period_holds_the_whole_agreement(site, chromium, tmp_path):
    """tools/make_pdf.py prints <period>/utskrift/ with Chromium: the boards' paper copy."""
    import pypdf

    spec = importlib.util.spec_from_file_location("make_pdf", ROOT / "tools" / "make_pdf.py")
    make_pdf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_pdf)
    [pdf] = make_pdf.make_pdfs(site, ["2023-2026"], tmp_path, chromium)
    assert pdf.name == "hos-avtalet-2023-2026.pdf"
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) >= 40  # the source PDF has 87 pages; print is denser
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for sentence in ("Avtalet gäller under perioden", "Läkarmedverkan i kommunal primärvård",
                     "Färdplan – länsgemensam strategi för god och nära vård"):
        assert sentence in text, sentence
    footer = " ".join((reader.pages[0].extract_text() or "").split())
    assert "Hälso- och sjukvårdsavtalet 2023-2026 · Gällande" in footer and "Sida 1 av" in footer
    assert reader.outline, "bokmärken från rubrikerna"
    # no page ends with a heading whose text starts on the next (issue 17: break-after: avoid in print)
    headings = make_pdf.headings(site / "2023-2026" / "utskrift" / "index.html")
    assert "B.3 Parternas ansvar" in headings
    assert make_pdf.headings_at_page_end(pdf, headings) == []


# --- phones ------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["", "2023-2026/ok-in-och-utskrivning/", "2023-2026/del-b/", "2023-2026/riktlinjer/",
                                  "begrepp/", "lagar/", "2023-2026/andringar/", "redigera/", "2023-2026/vem-ansvarar/"])
def test_pages_fit_a_phone_screen(chromium, base, path):
    """Staff look things up on their phones: no page is wider than the screen (wide tables scroll
    inside themselves)."""
    phone = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        phone.goto(f"{base}{path}")
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    finally:
        phone.close()

