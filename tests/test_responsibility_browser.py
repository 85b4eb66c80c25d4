""""Vem ansvarar för vad?" in a real browser: Debian's Chromium through Playwright against the built
site served on 127.0.0.1 (the session's fixtures in conftest.py).

A nurse on her phone (375 px, the narrowest common screen) filters by party and kind, follows a
quote to the adopted words and prints the page; without JavaScript every statement is listed;
the page and a section page with party marks pass axe-core's WCAG 2.1 AA rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from avtal.load import load_corpus
from avtal.site.responsibility import agreement_statements
from built_site import CHROMIUM, ROOT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} saknas: installera Debians paket chromium (make browser-deps)"),
]

PHONE = {"width": 375, "height": 812}
MATRIX = "2023-2026/vem-ansvarar/"
#: axe-core's rule sets for WCAG 2.0 and 2.1, levels A and AA (lag (2018:1937) asks for 2.1 AA).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def statements() -> int:
    corpus, _ = load_corpus(ROOT)
    return len(agreement_statements(corpus.periods["2023-2026"]))


def _scroll_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_the_matrix_on_a_phone_filters_by_party_and_kind_and_prints_without_its_filters(chromium, base, statements):
    """One column, the municipality's costs only, the quote's link to the adopted words, then print."""
    phone = chromium.new_page(viewport=PHONE)
    try:
        phone.goto(f"{base}{MATRIX}")
        assert _scroll_width(phone) <= PHONE["width"]
        controls = phone.locator(".avtal-ansvar-filter")
        assert controls.is_visible()  # hidden until the script runs: without it every statement is listed
        count = phone.locator(".avtal-ansvar-antal")
        assert count.inner_text() == f"Visar alla {statements} ansvar."
        cells = phone.locator("#ansvar-hjalpmedel + .avtal-ansvar-rad .avtal-ansvar-cell")
        boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
        assert len(boxes) == 4 and len({round(b["x"]) for b in boxes}) == 1, "the parties stand under each other"
        assert all(b["x"] + b["width"] <= PHONE["width"] for b in boxes)

        for label in ("Region", "Gemensamt", "Respektive huvudman", "Utan angiven part"):
            phone.get_by_role("checkbox", name=label, exact=True).uncheck()  # found by their labels
        phone.get_by_role("combobox", name="Typ av ansvar").select_option("kostnad")
        shown = phone.locator(".avtal-ansvar-post:visible")
        assert count.inner_text() == f"Visar {shown.count()} av {statements} ansvar."
        assert {shown.nth(i).get_attribute("data-party") for i in range(shown.count())} == {"kommun"}
        assert {shown.nth(i).get_attribute("data-kind") for i in range(shown.count())} == {"kostnad"}
        assert shown.count() == 3  # when a municipality pays for a patient ready for discharge
        headings = [h.rstrip("¶").strip() for h in phone.locator("article h2:visible").all_inner_texts()]
        assert headings == ["Vem ansvarar för in- och utskrivning från sluten vård?"]
        overview = phone.locator(".avtal-ansvar-oversikt tbody tr:visible")
        assert overview.count() == 1 and overview.locator("td:visible").all_inner_texts() == ["3"]
        assert _scroll_width(phone) <= PHONE["width"]

        shown.first.locator(".avtal-ansvar-kalla a").click()  # to the adopted words
        phone.wait_for_url(re.compile(r".*/ok-in-och-utskrivning/#ius-betalningsansvar$"))
        phone.go_back()
        phone.emulate_media(media="print")
        assert not controls.is_visible()
    finally:
        phone.close()


def test_without_javascript_every_statement_is_listed_and_no_dead_controls_show(chromium, base, statements):
    context = chromium.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        phone = context.new_page()
        phone.goto(f"{base}{MATRIX}")
        assert not phone.locator(".avtal-ansvar-filter").is_visible()
        assert phone.locator(".avtal-ansvar-post:visible").count() == statements
        assert _scroll_width(phone) <= PHONE["width"]
    finally:
        context.close()


def test_the_overview_is_a_table_of_topics_and_parties_that_leads_to_each_cell(chromium, base):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{base}{MATRIX}")
        table = page.locator(".avtal-ansvar-oversikt table")
        assert table.locator("caption").inner_text().startswith("Antal ansvar per ämne och part")
        assert table.locator("thead th[scope=col]").all_inner_texts() == [
            "Ämne", "Region", "Kommun", "Gemensamt", "Respektive huvudman"]
        row = table.locator("tbody tr", has=page.locator("th[scope=row]", has_text="Hjälpmedel och läkemedelsnära"))
        region = row.get_by_role("link", name=re.compile(r"^\d+ ansvar, region, Hjälpmedel"))
        region.click()
        page.wait_for_url(re.compile(r".*#ansvar-hjalpmedel-region$"))
        assert page.locator("#ansvar-hjalpmedel-region .avtal-ansvar-post").count() == int(region.inner_text())
    finally:
        page.close()


@pytest.mark.parametrize("path, scope", [(MATRIX, ".md-content"), ("2023-2026/del-b/", ".avtal-ansvar-marken")])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_matrix_and_the_party_marks_pass_axe_wcag_21_aa(chromium, base, path, scope, width):
    """The matrix page's content and the marks under Del B's sections break no WCAG 2.1 AA rule of
    axe-core: table headers, labels, contrast, links told apart from text by more than colour. (The
    theme's header and footer and the rest of the document pages are issue 17's.)"""
    from axe_playwright_python.sync_playwright import Axe

    page = chromium.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(f"{base}{path}")
        assert page.locator(scope).count() > 0
        result = Axe().run(page, context={"include": [[scope]]},
                           options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        violations = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"]]
        assert violations == []
    finally:
        page.close()
