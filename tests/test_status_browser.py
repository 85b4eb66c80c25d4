"""The status on the reader's day, in a real browser with a fixed clock (Playwright's clock API):
the site is built on the test day (2025-03-01) and read later; javascripts/status.js picks the
stretch of data-avtal-status for the browser's date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from avtal.load import load_corpus
from avtal.model import Event
from avtal.site import blocks
from avtal.site.markup import macro
from avtal.site.urls import Site
from built_site import CHROMIUM, ROOT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} saknas: installera Debians paket chromium (make browser-deps)"),
]

STATUS_JS = (ROOT / "site_src" / "javascripts" / "status.js").read_text(encoding="utf-8")
PASSED = ("Avtalet gäller 2023-01-01 – 2026-12-31. Uppsägning skulle ske senast 2025-06-30; ingen uppsägning finns "
          "registrerad, så enligt avtalet förlängs det med tre år, till 2029-12-31.")
EXTENDED = ("Avtalstiden löpte ut 2026-12-31. Ingen uppsägning finns registrerad; enligt avtalet förlängs det då med "
            "tre år, till 2029-12-31. Senast 2028-06-30 kan en part skriftligen säga upp avtalet; annars förlängs "
            "det med tre år, till 2032-12-31.")


@pytest.fixture
def page(chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def banner(page) -> dict:
    meta = page.locator(".avtal-meta").first
    return {"status": meta.locator(".avtal-status").inner_text(),
            "valid": meta.locator(".avtal-giltig").inner_text(),
            "sentence": meta.locator(".avtal-status-text").inner_text(),
            "ended": meta.locator(".avtal-upphord-banderoll").count()}


@pytest.mark.parametrize("day, status, valid, sentence", [
    ("2025-03-01", "Gällande", "Giltig 2023-01-01 – 2026-12-31",
     "Avtalet gäller 2023-01-01 – 2026-12-31. Senast 2025-06-30 kan en part skriftligen säga upp avtalet; annars "
     "förlängs det med tre år, till 2029-12-31."),
    ("2026-06-15", "Gällande", "Giltig 2023-01-01 – 2026-12-31", PASSED),
    ("2027-02-15", "Gällande efter förlängning", "Giltig 2023-01-01 – 2029-12-31", EXTENDED),
])
@pytest.mark.parametrize("path", ["2023-2026/del-b/", "2023-2026/"])
def test_the_banner_shows_the_readers_day(page, base, path, day, status, valid, sentence):
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{day}T12:00:00"))
    page.goto(base + path)
    assert banner(page) == {"status": status, "valid": valid, "sentence": sentence, "ended": 0}


def test_the_built_banner_is_the_build_days_without_the_script(chromium, base):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "2023-2026/del-b/")
        assert banner(page)["status"] == "Gällande" and "Senast 2025-06-30" in banner(page)["sentence"]
    finally:
        context.close()


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT)[0]


def marks_for(corpus, events: list[Event]) -> str:
    """The banner of a page of the whole period as the build on the test day would write it, for
    the adopted period with these events."""
    period = dataclasses.replace(corpus.periods["2023-2026"], events=events)
    corpus = dataclasses.replace(corpus, periods={period.id: period})
    site = Site.of(corpus, on=dt.date(2025, 3, 1))
    return str(macro("macros.html", "trust_marks")(blocks.period_trust_marks(site, period)))


@pytest.mark.parametrize("kind, date, day, status, valid, sentence", [
    ("forlangning", "2025-09-15", "2027-02-15", "Gällande till 2029-12-31", "Giltig 2023-01-01 – 2029-12-31",
     "Avtalet är förlängt (Regionfullmäktige 2025-09-15) och gäller till 2029-12-31. Senast 2028-06-30 kan en part "
     "skriftligen säga upp avtalet; annars förlängs det med tre år, till 2032-12-31."),
    ("uppsagning", "2025-03-10", "2026-06-15", "Gällande", "Giltig 2023-01-01 – 2026-12-31",
     "Avtalet är uppsagt (Regionfullmäktige 2025-03-10) och gäller till 2026-12-31."),
    ("uppsagning", "2025-03-10", "2027-02-15", "Upphört", "Giltig 2023-01-01 – 2026-12-31",
     "Avtalet upphörde 2026-12-31 efter uppsägning (Regionfullmäktige 2025-03-10)."),
    ("uppsagning", "2025-09-15", "2030-01-01", "Upphört", "Giltig 2023-01-01 – 2029-12-31",
     "Avtalet upphörde 2029-12-31 efter uppsägning (Regionfullmäktige 2025-09-15)."),
])
def test_recorded_events_change_the_banner_on_their_day(page, corpus, kind, date, day, status, valid, sentence):
    adoption = corpus.periods["2023-2026"].events[0]
    html = marks_for(corpus, [adoption, Event(kind, date, adoption.where, party="Regionfullmäktige")])
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{day}T12:00:00"))
    page.set_content(f"<!doctype html><html lang='sv'><body>{html}<script>{STATUS_JS}</script></body></html>")
    got = banner(page)
    assert (got["status"], got["valid"], got["sentence"]) == (status, valid, sentence)
    assert got["ended"] == (1 if status == "Upphört" else 0)
    if got["ended"]:
        assert page.locator(".avtal-upphord-banderoll").inner_text() == "UPPHÖRT – denna avtalsperiod gäller inte längre."


def test_a_validity_of_its_own_is_not_moved_by_an_extension(page, corpus):
    """A document valid on dates of its own keeps them; only a validity that follows the term moves."""
    period = corpus.periods["2023-2026"]
    site = Site.of(corpus, on=dt.date(2025, 3, 1))
    marks = blocks.trust_marks(site, period, "1.0", "2023-01-01", "2025-12-31", None, None)
    html = str(macro("macros.html", "trust_marks")(marks))
    page.clock.set_fixed_time(dt.datetime(2027, 2, 15, 12))
    page.set_content(f"<!doctype html><html lang='sv'><body>{html}<script>{STATUS_JS}</script></body></html>")
    assert banner(page)["status"] == "Gällande efter förlängning"
    assert banner(page)["valid"] == "Giltig 2023-01-01 – 2025-12-31"
