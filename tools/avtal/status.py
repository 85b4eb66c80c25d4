"""What state a contract period is in on a given day, derived from its data; never typed by hand.

The agreement says (Del A, Avtalstid): it runs for its term, a party may give written notice up to
``uppsägningstid`` before the term ends, and without notice it is extended by ``förlängning`` at a
time. period.yaml names the key terms that hold these values (``term``) and records what happened
(``events``: antagande, uppsägning, förlängning, ersatt). From them, for any day:

- utkast — no adoption recorded;
- kommande — adopted, the term has not begun;
- gällande — within the term (or within a recorded extension);
- gällande efter förlängning — past the term with no notice recorded: the agreement's own rule
  extends it, and the sentence says that this follows from the rule, not from a record;
- upphört — ended by a recorded notice (given by the deadline of the term it ends), by a recorded
  decision that a new agreement replaces it (at the end of the term or extension running then), or
  replaced by a later adopted period of the corpus that has begun.

``timeline`` cuts the days into stretches with the same status and sentence, so a page built today
can carry every stretch and a small script pick the one for the reader's day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import add_months, day
from .model import Corpus, Period

LABELS = {"utkast": "Utkast", "kommande": "Kommande", "gallande": "Gällande",
          "forlangd": "Gällande efter förlängning", "upphord": "Upphört"}
EXTENSIONS_AHEAD = 3  # a timeline reaches this many automatic extensions past the term (nine years here)
#: The largest notice period or extension, in months or years, that the term is computed with (the schema's
#: bound for a duration, period.schema.json); a larger value (or a negative one) counts as not given, so that
#: no date arithmetic can leave the years Python's dates reach (dates.FIRST_YEAR–LAST_YEAR ± 1200 years).
MAX_DURATION = 1200


@dataclass(frozen=True)
class Term:
    """The term as period.yaml's key terms give it; None where the data does not say."""

    start: dt.date
    end: dt.date
    notice_months: int | None  # the notice period (uppsägningstid), in months
    extension_years: int | None  # each automatic extension (förlängning), in years

    def deadline(self, end: dt.date) -> dt.date | None:
        """The last day to give notice for a term ending on end."""
        return add_months(end, -self.notice_months) if self.notice_months else None


@dataclass(frozen=True)
class Status:
    """A period's state on a day: code (LABELS' keys), its Swedish label, the validity as it stands
    (the end moved by extensions), the notice deadline that applies, and a Swedish sentence saying
    what follows from which recorded fact or rule."""

    code: str
    label: str
    valid_from: dt.date
    valid_to: dt.date
    sentence: str
    deadline: dt.date | None = None
    derived: bool = False  # rests on the agreement's rule with nothing recorded (an automatic extension)


def term_of(period: Period) -> Term:
    """The period's term: its dates, and the notice and extension from the key terms ``term`` names."""
    terms = {k.id: k for k in period.key_terms}
    notice = terms.get(period.term.get("notice", "")) if period.term else None
    extension = terms.get(period.term.get("extension", "")) if period.term else None
    return Term(day(period.valid_from), day(period.valid_to),
                _months(notice.value, notice.unit) if notice else None,
                _years(extension.value, extension.unit) if extension else None)


def _months(value, unit: str | None) -> int | None:
    if not _duration(value):
        return None
    return int(value * 12) if (unit or "").startswith("år") else int(value)


def _years(value, unit: str | None) -> int | None:
    if not _duration(value):
        return None
    return int(value) if (unit or "år").startswith("år") else None


def _duration(value) -> bool:
    """Whether value is a number the term can be computed with: 0–MAX_DURATION (not a yes/no, not NaN)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= MAX_DURATION


def _events(period: Period, kind: str) -> list:
    """The period's recorded events of a kind with a real date, earliest first."""
    return sorted((e for e in period.events if e.kind == kind and e.when is not None), key=lambda e: e.when.first)


def adopted(period: Period, on: dt.date | None = None) -> bool:
    """Whether the period's adoption is recorded (otherwise it is a draft); with on, whether it was
    adopted by that day (a date known only to the month or span counts from its first day)."""
    return any(on is None or e.when.first <= on for e in _events(period, "antagande"))


def successor(corpus: Corpus, period: Period) -> Period | None:
    """The adopted period that names this one as its predecessor, if any."""
    return next((p for p in corpus.periods.values()
                 if p.predecessor.get("period") == period.id and p is not period and adopted(p)), None)


def status_on(period: Period, corpus: Corpus, on: dt.date) -> Status:
    """The period's status on the day on (see the module's docstring for the rules)."""
    term = term_of(period)
    if not adopted(period, on):
        return Status("utkast", LABELS["utkast"], term.start, term.end,
                      "Utkast till ny avtalsperiod; inget beslut om att anta avtalet finns registrerat.")
    after = successor(corpus, period)
    if after is not None and day(after.valid_from) <= on:
        ended = day(after.valid_from) - dt.timedelta(days=1)
        return Status("upphord", LABELS["upphord"], term.start, ended,
                      f"Avtalet upphörde {ended.isoformat()}; det har ersatts av {after.title}.")
    if on < term.start:
        return Status("kommande", LABELS["kommande"], term.start, term.end,
                      f"Avtalet är antaget och gäller från {term.start.isoformat()} till {term.end.isoformat()}.")
    known = {kind: [e for e in _events(period, kind) if e.when.first <= on]  # what had happened by that day
             for kind in ("uppsagning", "ersatt", "forlangning")}
    notices = known["uppsagning"]
    replaced = next(iter(known["ersatt"]), None)
    end, previous = term.end, None
    while True:
        deadline = term.deadline(end)
        notice = next((n for n in notices if deadline is None or n.when.first <= deadline), None)
        if notice is not None or (replaced is not None and replaced.when.first <= end):
            return _ending(term, end, deadline, on, notice, replaced)
        if on <= end:
            record = next((e for e in reversed(known["forlangning"])  # the record of this extension, if any
                           if previous is not None and e.when.first <= end
                           and (previous == term.end or e.when.first > previous)), None)
            return _in_force(term, end, deadline, on, record, late=next(iter(notices), None))
        if not term.extension_years:  # the data does not say how it is extended: ended as far as it knows
            return Status("upphord", LABELS["upphord"], term.start, end,
                          f"Avtalstiden löpte ut {end.isoformat()}. Hur avtalet förlängs står inte i periodens data.")
        notices = [n for n in notices if n.when.first > deadline] if deadline else []
        end, previous = add_months(end, 12 * term.extension_years), end


def _ending(term: Term, end: dt.date, deadline: dt.date | None, on: dt.date, notice, replaced) -> Status:
    """The status when the term or extension ending on end is the last one: a notice was recorded in
    time for it, or a decision that a new agreement replaces this one (which needs no deadline: the
    parties decide it together)."""
    extended = end != term.end
    if on <= end:
        code = "forlangd" if extended else "gallande"
        before = (f"Avtalstiden löpte ut {add_months(end, -12 * term.extension_years).isoformat()} och avtalet "
                  f"förlängdes enligt avtalet till {end.isoformat()}. " if extended else "")
        what = (f"är uppsagt ({_recorded(notice)})" if notice is not None
                else f"ska ersättas av ett nytt avtal ({_recorded(replaced)})")
        return Status(code, LABELS[code], term.start, end,
                      f"{before}Avtalet {what} och gäller till {end.isoformat()}.", deadline, extended)
    tail = (f"efter uppsägning ({_recorded(notice)})." if notice is not None
            else f"och har ersatts av ett nytt avtal ({_recorded(replaced)}).")
    return Status("upphord", LABELS["upphord"], term.start, end, f"Avtalet upphörde {end.isoformat()} {tail}")


def _in_force(term: Term, end: dt.date, deadline: dt.date | None, on: dt.date, record, late=None) -> Status:
    """The status within the term or an extension with no notice recorded in time for its end.

    record: the recorded extension that brought this stretch (one made during the term brings the
    first extension; one made during an extension, that extension), if any. late: a notice recorded
    after this stretch's deadline, which ends the agreement at the end of the next extension."""
    ext = term.extension_years
    if end == term.end:
        code, label, derived = "gallande", LABELS["gallande"], False
        sentence = f"Avtalet gäller {term.start.isoformat()} – {end.isoformat()}."
    elif record is not None:
        code, label, derived = "forlangd", f"Gällande till {end.isoformat()}", False
        sentence = f"Avtalet är förlängt ({_recorded(record)}) och gäller till {end.isoformat()}."
    else:
        code, label, derived = "forlangd", LABELS["forlangd"], True
        previous = add_months(end, -12 * ext)
        sentence = (f"Avtalstiden löpte ut {previous.isoformat()}. Ingen uppsägning finns registrerad; enligt "
                    f"avtalet förlängs det då med {_years_words(ext)}, till {end.isoformat()}.")
    if deadline is not None and ext:
        following = add_months(end, 12 * ext).isoformat()
        if on <= deadline:
            sentence += (f" Senast {deadline.isoformat()} kan en part skriftligen säga upp avtalet; annars förlängs "
                         f"det med {_years_words(ext)}, till {following}.")
        elif late is not None:
            sentence += (f" Uppsägning skulle ske senast {deadline.isoformat()}; uppsägningen ({_recorded(late)}) kom "
                         f"senare, så enligt avtalet förlängs det med {_years_words(ext)}, till {following}, och "
                         f"upphör då.")
        else:
            sentence += (f" Uppsägning skulle ske senast {deadline.isoformat()}; ingen uppsägning finns registrerad, "
                         f"så enligt avtalet förlängs det med {_years_words(ext)}, till {following}.")
    return Status(code, label, term.start, end, sentence, deadline, derived)


_YEAR_WORDS = {1: "ett år", 2: "två år", 3: "tre år", 4: "fyra år", 5: "fem år"}


def _years_words(years: int) -> str:
    return _YEAR_WORDS.get(years, f"{years} år")


def _recorded(event) -> str:
    """Who and when, as recorded: "Exempelkommun 2025-03-10", or the date alone without a party."""
    return f"{event.party} {event.when.label}" if event.party else event.when.label


def timeline(period: Period, corpus: Corpus, until: dt.date | None = None) -> list[tuple[dt.date | None, Status]]:
    """The days from the period's adoption on, cut where its status or sentence changes: a list of
    (first day or None for "from the beginning", Status), in order. The last stretch runs on without
    end; until (default: EXTENSIONS_AHEAD extensions past the term) bounds how far it is computed."""
    term = term_of(period)
    until = until or add_months(term.end, 12 * (term.extension_years or 1) * EXTENSIONS_AHEAD)
    days = {term.start, term.end + dt.timedelta(days=1)}
    end = term.end
    while end <= until:
        deadline = term.deadline(end)
        if deadline:
            days.add(deadline + dt.timedelta(days=1))
        days.add(end + dt.timedelta(days=1))
        if not term.extension_years:
            break
        end = add_months(end, 12 * term.extension_years)
    for event in period.events:
        if event.when is not None:
            days.add(event.when.first)
    after = successor(corpus, period)
    if after is not None:
        days.add(day(after.valid_from))
    out: list[tuple[dt.date | None, Status]] = [(None, status_on(period, corpus, min(days) - dt.timedelta(days=1)))]
    for first in sorted(d for d in days if d <= until):
        status = status_on(period, corpus, first)
        if status != out[-1][1]:
            out.append((first, status))
    return out
