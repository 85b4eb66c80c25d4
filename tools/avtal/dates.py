"""Dates as precise as the sources make them: a day, a month, or a span of days.

A decision's or change's date is written ``2022-03-18`` (a day), ``2022-06`` (a month: the day
is not known) or ``2022-06-13/14`` / ``2022-06-30/2022-07-01`` (one of these days, or the span a
meeting took). ``DateSpan`` keeps the first and last day it can be, sorts by the first, and says
in Swedish what is known ("13–14 juni 2022", "juni 2022"). Validity dates (valid_from, valid_to)
are always days and stay ``datetime.date``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import CannotRun

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")
#: The forms a date with its precision may take (common.schema.json#/$defs/date_span holds the same).
#: The years a date in the corpus or on the command line may have. The agreement speaks of days from the
#: 1900s on and no term runs past this century; the bound leaves room for a century of notice and
#: extensions either side (``status``: ``MAX_DURATION``) inside the years Python's dates reach (1–9999),
#: so that no date arithmetic on the corpus can fail. The schemas' ``date`` formats use the same bound.
FIRST_YEAR, LAST_YEAR = 1900, 2099
PATTERN = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:/(?:(?P<y2>\d{4})-(?P<m2>\d{2})-)?(?P<d2>\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class DateSpan:
    """The first and last day a date written with its precision can be; ``written`` as the source has it."""

    first: dt.date
    last: dt.date
    written: str

    @property
    def precision(self) -> str:
        """"dag" (one day known), "dagar" (a span of days) or "månad" (only the month known)."""
        if self.first == self.last:
            return "dag"
        if len(self.written) == 7:
            return "månad"
        return "dagar"

    @property
    def label(self) -> str:
        """What is known, as the site prints it: "2022-03-18", "13–14 juni 2022", "juni 2022"."""
        if self.first == self.last:
            return self.first.isoformat()
        if self.precision == "månad":
            return f"{MONTHS[self.first.month - 1]} {self.first.year}"
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return f"{self.first.day}–{self.last.day} {MONTHS[self.first.month - 1]} {self.first.year}"
        return f"{self.first.isoformat()} – {self.last.isoformat()}"

    def __str__(self) -> str:
        return self.written


def parse(written: str) -> DateSpan:
    """The DateSpan of a date as written; ValueError for a form or a day that does not exist, or a year
    outside FIRST_YEAR–LAST_YEAR (the schema reports each as a finding first)."""
    match = PATTERN.match(str(written).strip())
    if not match:
        raise ValueError(f"not a date: {written!r}")
    year, month = int(match["y"]), int(match["m"])
    if not FIRST_YEAR <= year <= LAST_YEAR or not FIRST_YEAR <= int(match["y2"] or year) <= LAST_YEAR:
        raise ValueError(f"outside {FIRST_YEAR}–{LAST_YEAR}: {written!r}")
    if match["d"] is None:
        return DateSpan(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]),
                        str(written))
    first = dt.date(year, month, int(match["d"]))
    if match["d2"] is None:
        return DateSpan(first, first, str(written))
    last = dt.date(int(match["y2"] or year), int(match["m2"] or month), int(match["d2"]))
    if last < first:
        raise ValueError(f"the span ends before it begins: {written!r}")
    return DateSpan(first, last, str(written))


@lru_cache(maxsize=4096)
def date_span(written: str | None) -> DateSpan | None:
    """``parse`` for model fields: None for no date or one that names no real day."""
    if not written:
        return None
    try:
        return parse(written)
    except ValueError:
        return None


def today() -> dt.date:
    """The day statuses are computed for: ``AVTAL_DATE`` (YYYY-MM-DD) when set — ``avtal check --date``
    and ``avtal build --date`` set it, and tests do for reproducible runs — else the real day.
    Raises CannotRun for an AVTAL_DATE that is not a date."""
    written = os.environ.get("AVTAL_DATE")
    if not written:
        return dt.date.today()
    try:
        on = exact_day(written)
    except ValueError:
        raise CannotRun(f"AVTAL_DATE={written} är inte ett datum; skriv t.ex. 2027-02-15.") from None
    if not in_range(on):
        raise CannotRun(f"AVTAL_DATE={written} ligger utanför åren {FIRST_YEAR}–{LAST_YEAR}; skriv t.ex. 2027-02-15.")
    return on


def in_range(date: dt.date) -> bool:
    """Whether date lies within FIRST_YEAR–LAST_YEAR, the years the corpus's dates may have."""
    return FIRST_YEAR <= date.year <= LAST_YEAR


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def exact_day(written: str) -> dt.date:
    """A day written exactly YYYY-MM-DD (not 20270215 or 2027-W07, which fromisoformat also takes);
    ValueError for any other form or a day that does not exist."""
    if not _DAY.match(written):
        raise ValueError(written)
    return dt.date.fromisoformat(written)


def day(written: str) -> dt.date:
    """A validity date (``YYYY-MM-DD``) as a date; ValueError (a Swedish message) for one that is no day or
    lies outside FIRST_YEAR–LAST_YEAR (the schema reports both as findings first; a comparison, which reads
    files without the schema, says it so)."""
    try:
        date = dt.date.fromisoformat(str(written))
    except ValueError:
        raise ValueError(f"'{written}' är inte ett datum i formen ÅÅÅÅ-MM-DD.") from None
    if not in_range(date):
        raise ValueError(f"datumet {written} ligger utanför åren {FIRST_YEAR}–{LAST_YEAR}.")
    return date


def add_months(date: dt.date, months: int) -> dt.date:
    """date moved by a number of months (negative: back); the last day of a month stays the last
    day (2026-12-31 − 18 months = 2025-06-30), as a term "ends" on a month's last day."""
    total = date.year * 12 + (date.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    at_end = date.day == calendar.monthrange(date.year, date.month)[1]
    return dt.date(year, month, last if at_end else min(date.day, last))
