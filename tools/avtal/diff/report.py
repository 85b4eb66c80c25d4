"""The change report: a whole Swedish document a working group can print, send on remiss or attach
to a decision (``avtal diff OLD NEW --format report``).

Order: what is compared with what and when, the summary (key terms, documents, statute references,
sections), the period's own changes (dates, status, decisions, change log), then per document its
changed metadata and change-log entries and, per changed section, the two-column table "Nuvarande
lydelse | Föreslagen lydelse" with the section's whole text on each side and the changed words marked
on both, then how many of its sections are unchanged. The redline layout (``layout="redline"``) shows
each document whole, in reading order, with the changes inline instead of the tables.

Python prepares the data here (``report_view``, with the section texts from ``diff.sidebyside`` and
the documents from ``diff.reportdocs``); every tag is in ``templates/report.html`` and
``templates/lydelse.html``; autoescaping is on and nothing is marked safe.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import dates
from ..model import Period
from ..templating import environment, render
from .reportdocs import DocumentView, Row, documents_view, field_rows, period_rows
from .result import PeriodDiff, Side
from .wording import (document_details, document_verb, key_term_line, statute_heading, statute_place, summary)

_PACKAGE = "avtal.diff"

TABLE, REDLINE = "table", "redline"
LAYOUTS = (TABLE, REDLINE)
#: The column headings of a report: the Swedish form of a författningsförslag.
PROPOSAL_COLUMNS = ("Nuvarande lydelse", "Föreslagen lydelse")

# What the running header of a printed page may hold: a CSS string is written into <style>, where no
# HTML escaping applies, so the header keeps letters, digits and a few marks and drops the rest.
_CSS_UNSAFE = re.compile(r"[^\w\s.,:;/()\[\]~^@+=·–—→-]")


class Summary(NamedTuple):
    """The report's opening: the summary line, key terms, documents, statute references."""

    line: str
    key_terms: list  # KeyTermRow-like tuples (label, before, after, clause)
    documents: list  # (verb, kind, title, old_title or None, details)
    statutes: list  # (heading, [place])


class Report(NamedTuple):
    """Everything ``templates/report.html`` shows."""

    title: str  # Ändringsrapport, or the caller's
    old: str  # what is compared, in words: "2023-2026 (gällande, 2023-01-01 – 2026-12-31)"
    new: str
    header: str  # the running header of printed pages (letters, digits and a few marks only)
    date: str  # ISO date of the report
    layout: str
    columns: tuple[str, str]
    summary: Summary
    period: list[Row]  # the period's own changed data (title, status, dates, decisions, change log)
    documents: list[DocumentView]
    unchanged_documents: list[str]  # titles of documents compared and found unchanged


def today() -> str:
    """The report's date (ISO): the day the sides' statuses are computed for (``dates.today``: AVTAL_DATE
    when set, as ``--date`` and tests set it, else the real day)."""
    return dates.today().isoformat()


def side_words(side: Side) -> str:
    """"2023-2026 (gällande, 2023-01-01 – 2026-12-31)", naming the document or section when not the period."""
    state = f"{side.status_label.lower()}, {side.valid_from} – {side.valid_to}"
    if side.scope == "period":
        return f"{side.label} ({state})"
    return f"{side.target_title} i {side.label} ({state})"


def header_text(diff: PeriodDiff, date: str | None, what: str = "Ändringsrapport") -> str:
    """The running header: "Ändringsrapport · 2023-2026 → 2027-2030 · 2026-09-01" (no date when None),
    in safe characters only."""
    words = f"{what} · {diff.old.label} → {diff.new.label}" + (f" · {date}" if date else "")
    return _CSS_UNSAFE.sub("", words)


def _summary(diff: PeriodDiff) -> Summary:
    key_terms = [(*key_term_line(c), c.clause or "") for c in diff.key_terms]
    documents = [(document_verb(c), c.type_label.lower(), c.title,
                  c.old_title if c.old_title and c.new_title and c.old_title != c.new_title else None,
                  document_details(c)) for c in diff.documents]
    statutes = [(statute_heading(c), [statute_place(c, p) for p in c.places]) for c in diff.statutes]
    return Summary(summary(diff), key_terms, documents, statutes)


def report_view(diff: PeriodDiff, old_period: Period, new_period: Period, *, date: str, layout: str = TABLE,
                columns: tuple[str, str] = PROPOSAL_COLUMNS, title: str = "Ändringsrapport") -> Report:
    """The report's data: diff compared old_period (or a document or section of it) with new_period.

    ``date`` (ISO) is printed in the header; ``layout`` TABLE (two columns per changed section) or REDLINE
    (each document whole, changes inline); ``columns`` the two column headings. Raises ValueError for
    an unknown layout.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"okänd layout '{layout}' (välj {' eller '.join(LAYOUTS)})")
    documents, unchanged = documents_view(diff, old_period, new_period, redline=layout == REDLINE)
    period = period_rows(old_period, new_period, diff.old.status_label, diff.new.status_label) \
        if diff.old.scope == "period" else []
    period += field_rows(diff, "period", new_period.id, period) if diff.old.scope == "period" else []
    return Report(title, side_words(diff.old), side_words(diff.new), header_text(diff, date), date, layout,
                  columns, _summary(diff), period, documents, unchanged)


def format_report(diff: PeriodDiff, old_period: Period, new_period: Period, *, date: str, layout: str = TABLE,
                  columns: tuple[str, str] = PROPOSAL_COLUMNS) -> str:
    """The change report as one standalone HTML document (lang sv, UTF-8, styles for screen and print:
    A4 pages numbered "Sida 1 av 9", the running header naming what is compared and the date)."""
    view = report_view(diff, old_period, new_period, date=date, layout=layout, columns=columns)
    title = f"{view.title}: {diff.old.label} → {diff.new.label}"
    return render(_PACKAGE, "report.html", report=view, title=title, header=view.header) + "\n"


def report_body(diff: PeriodDiff, old_period: Period, new_period: Period, *, date: str,
                columns: tuple[str, str] = PROPOSAL_COLUMNS, layout: str = TABLE):
    """The report's documents part alone (Markup from ``templates/lydelse.html``, already escaped): the
    site puts it on a page of its own, under its own heading."""
    view = report_view(diff, old_period, new_period, date=date, layout=layout, columns=columns)
    macros = environment(_PACKAGE).get_template("lydelse.html").module
    return macros.documents(view, 2)


STYLESHEET = "lydelse.css"


def stylesheet() -> str:
    """The styles of the two-column tables and the marks (``templates/lydelse.css``), for a page that
    shows ``report_body`` (the site serves them as a file of their own)."""
    env = environment(_PACKAGE)
    return env.loader.get_source(env, STYLESHEET)[0]
