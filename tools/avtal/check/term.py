"""The agreement's term: warn the working group in time, and keep the data the status rests on sound.

The status of a period is derived (``avtal.status``) from its term — the key terms period.yaml's
``term`` names — and its recorded ``events``. These checks run for a day (``--date``, default
today): they say when the term ends soon or the notice deadline has passed with nothing recorded,
and when a guideline is past its review date; and, for any day, that the term's key terms are the
right kind and agree with the period's dates, and that every date names a real day.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from ..dates import add_months
from ..findings import Finding, error, warning
from ..model import Corpus, Period
from ..status import adopted, status_on, successor, term_of

#: How long before the term ends ``term-ending`` warns (months); ``avtal check --warn-months`` changes it.
#: Chosen as the time a revision of this agreement has taken (the working group of 2024 began two years ahead).
WARN_MONTHS = 12
_TERM_KINDS = {"dates": ("datumintervall", None), "notice": ("varaktighet", "månad"), "extension": ("varaktighet", "år")}


def checks(today: dt.date, warn_months: int = WARN_MONTHS) -> list[Callable[[Corpus], list[Finding]]]:
    """The checks for the day today: ``term_timing`` and ``review_dates`` bound to it, and ``term_data``."""
    return [lambda corpus: term_timing(corpus, today, warn_months), lambda corpus: review_dates(corpus, today),
            term_data]


def term_timing(corpus: Corpus, today: dt.date, warn_months: int = WARN_MONTHS) -> list[Finding]:
    """Warnings about an adopted period in force on today with nothing recorded for how it goes on.

    Codes: ``term-extended`` (warning; the term ran out and the agreement goes on by its own rule of
    extension, with nothing recorded), ``notice-deadline-passed`` (warning; the last day to give
    notice has passed, and neither a notice nor an extension is recorded), ``term-ending`` (warning; the term as it stands ends within
    warn_months, and no notice, extension, replacement or next period is recorded).
    """
    findings = []
    for period in corpus.periods.values():
        if not adopted(period) or successor(corpus, period) is not None:
            continue
        status = status_on(period, corpus, today)
        if status.code not in ("gallande", "forlangd"):
            continue
        where = period.where.file.where_key(("events",)) if period.events else period.where.at("id")
        if status.derived:
            ran_out = add_months(status.valid_to, -12 * (term_of(period).extension_years or 0))
            findings.append(warning(
                "term-extended", where,
                f"Avtalstiden för {period.id} löpte ut {ran_out.isoformat()} och ingen uppsägning eller förlängning "
                f"är registrerad; enligt avtalet gäller det nu till {status.valid_to.isoformat()}.",
                "Registrera förlängningen under events i period.yaml (kind: forlangning) med datum och beslut, "
                "eller en uppsägning som inte är registrerad."))
        term = term_of(period)
        stretch = term.start if status.valid_to == term.end or not term.extension_years else \
            add_months(status.valid_to, -12 * term.extension_years) + dt.timedelta(days=1)
        if any(e.kind in ("uppsagning", "forlangning", "ersatt") and e.when is not None and e.when.first >= stretch
               for e in period.events):
            continue  # what happens at the end of this stretch is recorded
        if status.deadline is not None and status.deadline < today:
            findings.append(warning(
                "notice-deadline-passed", where,
                f"Sista dag att säga upp avtalsperioden {period.id} var {status.deadline.isoformat()}, och inget är "
                f"registrerat: varken en uppsägning eller en förlängning.",
                "Registrera under events i period.yaml om en part sade upp avtalet (kind: uppsagning) eller att "
                "det förlängs (kind: forlangning), med datum och beslut."))
        if status.valid_to <= add_months(today, warn_months):
            days = (status.valid_to - today).days
            left = "i dag" if days == 0 else f"om {days} dag{'ar' if days != 1 else ''}"
            findings.append(warning(
                "term-ending", where,
                f"Avtalsperioden {period.id} löper ut {status.valid_to.isoformat()}, {left}, och inget är "
                "registrerat om vad som händer sedan: ingen uppsägning, ingen förlängning, ingen ny period.",
                "Registrera uppsägningen eller förlängningen under events i period.yaml, eller börja nästa period: "
                "avtal new-period ÅÅÅÅ-ÅÅÅÅ --from " + period.id + "."))
    return findings


def review_dates(corpus: Corpus, today: dt.date) -> list[Finding]:
    """``guideline-review-due`` (warning): a guideline in force past its review date (``review_by``)
    or its end of validity (``valid_to``) on today. A guideline without either is not known to be due."""
    findings = []
    for period in corpus.periods.values():
        for guideline in period.guidelines.values():
            if guideline.status != "gallande":
                continue
            for key, what in (("review_by", "skulle ses över senast"), ("valid_to", "gällde till")):
                value = getattr(guideline, key)
                if value and value < today.isoformat():
                    findings.append(warning(
                        "guideline-review-due", guideline.where.at(key),
                        f"{guideline.title} {what} {value}, men står som gällande.",
                        "Se över dokumentet och ange ny version, eller ändra status om det har ersatts eller upphävts."))
                    break
    return findings


def term_data(corpus: Corpus) -> list[Finding]:
    """The data the status rests on. Codes: ``term-key-term`` (error; a key term ``term`` names is not of
    the kind its role needs, or the term's dates differ from the period's), ``schema-date`` (error; a
    decision's, event's or change's date written right but naming no real day, e.g. 2022-02-30)."""
    findings = []
    for period in corpus.periods.values():
        findings += _term_key_terms(period)
        dated = [(d.date, d.when, d.where.at("date")) for d in period.decisions]
        dated += [(e.date, e.when, e.where.at("date")) for e in period.events]
        changes = {id(c): c for item in [period, *period.documents.values(), *period.guidelines.values()]
                   for c in item.changelog}
        changes.update((id(c), c) for c in period.changes)  # also those naming no known id
        dated += [(c.date, c.when, c.where.at("date")) for c in changes.values()]
        for written, when, where in dated:
            if when is None:
                findings.append(error("schema-date", where, f"'{written}' är inte ett giltigt datum.",
                                      "Kontrollera dagen och månaden. Skriv en dag (2022-06-14), en månad (2022-06) eller dagarna ett "
                                      "sammanträde tog (2022-06-13/14)."))
    return findings


def _term_key_terms(period: Period) -> list[Finding]:
    terms = {k.id: k for k in period.key_terms}
    out = []
    for role, ident in period.term.items():
        term = terms.get(ident)
        if term is None:
            continue  # a missing key term is a dangling reference (check.references)
        kind, unit = _TERM_KINDS[role]
        if term.type != kind or (unit and not (term.unit or "").startswith(unit)):
            wanted = {"månad": f"{kind} i månader", "år": f"{kind} i år"}.get(unit, kind)
            out.append(error("term-key-term", period.where.at("term", role),
                             f"Nyckelvärdet '{ident}' ska ange {_ROLE[role]} och vara av typen {wanted}, men är "
                             f"{term.type}{' i ' + term.unit if term.unit else ''}.",
                             f"Peka term.{role} på rätt nyckelvärde, eller rätta nyckelvärdets typ och enhet."))
        elif role == "dates" and isinstance(term.value, dict) and \
                (str(term.value.get("from")), str(term.value.get("to"))) != (period.valid_from, period.valid_to):
            out.append(error("term-key-term", term.where.at("value"),
                             f"Avtalstiden i nyckelvärdet '{ident}' ({term.value.get('from')} – {term.value.get('to')}) "
                             f"är inte periodens ({period.valid_from} – {period.valid_to}).",
                             "Avtalstiden och periodens valid_from och valid_to ska vara samma datum."))
    return out


_ROLE = {"dates": "avtalstiden", "notice": "uppsägningstiden", "extension": "förlängningen"}
