"""A period's status on any day, derived from its term and recorded events (avtal.status), and
dates as precise as the sources make them (avtal.dates). The cases and their expected banners are
in tests/fixtures/status/cases.yaml."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml

from avtal import dates, status
from avtal.load import load_corpus
from avtal.model import Event
from built_site import ROOT

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "status" / "cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus():
    corpus, _ = load_corpus(ROOT)
    return corpus


def with_events(corpus, events):
    """The corpus with only the adopted period, its events replaced by the scenario's."""
    period = corpus.periods["2023-2026"]
    where = period.events[0].where  # the recorded adoption's place stands in for the scenario's
    recorded = [Event(e["kind"], str(e["date"]), where, party=e.get("party")) for e in events]
    period = dataclasses.replace(period, events=recorded)
    return period, dataclasses.replace(corpus, periods={period.id: period})


@pytest.mark.parametrize("scenario, case", [(name, case) for name, s in CASES["scenarios"].items()
                                            for case in s["cases"]],
                         ids=lambda v: v if isinstance(v, str) else str(v["day"]))
def test_status_on_a_day(corpus, scenario, case):
    period, only = with_events(corpus, CASES["scenarios"][scenario]["events"])
    got = status.status_on(period, only, dates.day(str(case["day"])))
    assert (got.code, got.label, got.valid_to.isoformat(), got.sentence) == (
        case["code"], case["label"], str(case["valid_to"]), case["sentence"])


def test_the_timeline_has_every_stretch_and_agrees_with_status_on(corpus):
    period, only = with_events(corpus, CASES["scenarios"]["antaget"]["events"])
    stretches = status.timeline(period, only)
    firsts = [first.isoformat() if first else None for first, _ in stretches]
    assert firsts[:6] == [None, "2022-06-13", "2023-01-01", "2025-07-01", "2027-01-01", "2028-07-01"]
    for first, expected in stretches[1:]:
        assert status.status_on(period, only, first) == expected
        assert status.status_on(period, only, first - dt.timedelta(days=1)) != expected


def test_an_adopted_successor_that_has_begun_ends_the_period(corpus):
    period, _ = with_events(corpus, CASES["scenarios"]["antaget"]["events"])
    follower = dataclasses.replace(period, id="2027-2030", title="Hälso- och sjukvårdsavtal 2027–2030",
                                   valid_from="2027-01-01", valid_to="2030-12-31",
                                   predecessor={"period": "2023-2026", "title": period.title})
    both = dataclasses.replace(corpus, periods={period.id: period, follower.id: follower})
    got = status.status_on(period, both, dt.date(2027, 2, 15))
    assert (got.code, got.valid_to, got.sentence) == (
        "upphord", dt.date(2026, 12, 31),
        "Avtalet upphörde 2026-12-31; det har ersatts av Hälso- och sjukvårdsavtal 2027–2030.")
    draft = dataclasses.replace(follower, events=[])  # a draft successor replaces nothing
    both = dataclasses.replace(corpus, periods={period.id: period, draft.id: draft})
    assert status.status_on(period, both, dt.date(2027, 2, 15)).code == "forlangd"


def test_the_term_comes_from_the_key_terms_period_yaml_names(corpus):
    term = status.term_of(corpus.periods["2023-2026"])
    assert term == status.Term(dt.date(2023, 1, 1), dt.date(2026, 12, 31), 18, 3)
    assert term.deadline(term.end) == dt.date(2025, 6, 30)


def test_without_an_extension_rule_the_period_ends_with_its_term(corpus):
    period, only = with_events(corpus, CASES["scenarios"]["antaget"]["events"])
    period = dataclasses.replace(period, term={"dates": "avtalstid"})
    got = status.status_on(period, dataclasses.replace(only, periods={period.id: period}), dt.date(2027, 1, 1))
    assert (got.code, got.sentence) == (
        "upphord", "Avtalstiden löpte ut 2026-12-31. Hur avtalet förlängs står inte i periodens data.")


# --- dates with their precision -------------------------------------------------------

@pytest.mark.parametrize("written, first, last, precision, label", [
    ("2022-03-18", "2022-03-18", "2022-03-18", "dag", "2022-03-18"),
    ("2022-06-13/14", "2022-06-13", "2022-06-14", "dagar", "13–14 juni 2022"),
    ("2022-06-30/2022-07-01", "2022-06-30", "2022-07-01", "dagar", "2022-06-30 – 2022-07-01"),
    ("2022-06", "2022-06-01", "2022-06-30", "månad", "juni 2022"),
    ("2024-02", "2024-02-01", "2024-02-29", "månad", "februari 2024"),
])
def test_a_date_keeps_its_precision(written, first, last, precision, label):
    span = dates.parse(written)
    assert (span.first.isoformat(), span.last.isoformat(), span.precision, span.label) == (first, last, precision, label)


@pytest.mark.parametrize("written", ["2022-02-30", "2022-13", "2022-06-14/13", "2022-6-1", "13 juni 2022", ""])
def test_a_date_that_names_no_day_is_refused(written):
    with pytest.raises(ValueError):
        dates.parse(written)
    assert dates.date_span(written) is None


def test_dates_sort_by_their_first_day():
    written = ["2022-06-14", "2022-06", "2022-06-13/14", "2022-05-31"]
    assert [s.written for s in sorted(map(dates.parse, written))] == ["2022-05-31", "2022-06", "2022-06-13/14", "2022-06-14"]


@pytest.mark.parametrize("start, months, expected", [
    ("2026-12-31", -18, "2025-06-30"), ("2026-12-31", 36, "2029-12-31"), ("2024-02-29", 12, "2025-02-28"),
    ("2023-01-31", 1, "2023-02-28")])
def test_months_are_added_as_the_calendar_has_them(start, months, expected):
    assert dates.add_months(dates.day(start), months).isoformat() == expected


def test_the_day_comes_from_avtal_date(monkeypatch):
    monkeypatch.setenv("AVTAL_DATE", "2027-02-15")
    assert dates.today() == dt.date(2027, 2, 15)
