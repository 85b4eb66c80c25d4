"""Decisions behind changes: a change rests on a decision taken before it, within its period.

A change-log entry (in a document's ``changelog`` or a change file of its own) that names a decision
(``decision: id``) must name one that exists (``check.references``), taken on or before the change and
not after the period ends. Dates keep their precision (``avtal.dates``): a decision "2022-06-13/14" and a
change "2022-06-13/14" may be the same day, so a decision is after a change only when its first possible
day is after the change's last. With ``--base`` a new material change that names a decision older than
the newest decision the base already had gets a warning: a new agreement rests on a new decision.
"""

from __future__ import annotations

from ..dates import day
from ..findings import Finding, error, warning
from ..model import Change, Corpus, Period


def _entries(period: Period):
    """Every change-log entry of the period: its own, its documents', its guidelines', and the change files
    that name no known id."""
    items = [period, *period.documents.values(), *period.guidelines.values()]
    placed = {id(c) for item in items for c in item.changelog}
    for item in items:
        yield from item.changelog
    yield from (c for c in period.changes if id(c) not in placed)


def decision_dates(corpus: Corpus) -> list[Finding]:
    """Each change's decision is dated on or before the change and not after its period ends.

    Codes: ``decision-after-change`` and ``decision-after-period`` (errors, at the entry's ``decision``).
    A decision that does not exist or a date that names no day is reported elsewhere (``dangling-reference``,
    ``schema-date``)."""
    findings = []
    for period in corpus.periods.values():
        by_id = {d.id: d for d in period.decisions}
        end = day(period.valid_to)
        for change in _entries(period):
            decision = by_id.get(change.decision or "")
            if decision is None or decision.when is None or change.when is None or change.where is None:
                continue
            where = change.where.at("decision")
            if decision.when.first > change.when.last:
                findings.append(error(
                    "decision-after-change", where,
                    f"Beslutet '{decision.id}' är daterat {decision.when.label}, efter ändringen "
                    f"({change.when.label}) som bygger på det.",
                    "En ändring görs efter beslutet om den: kontrollera ändringens date och beslutets date, eller "
                    "ange det beslut ändringen bygger på."))
            elif decision.when.first > end:
                findings.append(error(
                    "decision-after-period", where,
                    f"Beslutet '{decision.id}' är daterat {decision.when.label}, efter att perioden {period.id} "
                    f"slutade ({period.valid_to}).",
                    "Ett beslut efter periodens slut ändrar inte perioden: ange beslutet i den period det gäller, "
                    "eller rätta datumet."))
    return findings


def older(entries: list[Change], base: Period, period: Period, rev: str) -> list[Finding]:
    """A warning ``decision-older`` for each new material entry whose decision was taken before the newest
    decision of the period at the base (rev names the base): it most likely needs a decision of its own."""
    dated = [d for d in base.decisions if d.when is not None]
    if not dated:
        return []
    newest = max(dated, key=lambda d: (d.when.first, d.when.last))
    by_id = {d.id: d for d in period.decisions}
    findings = []
    for change in entries:
        decision = by_id.get(change.decision or "")
        if change.nature != "materiell" or decision is None or decision.when is None or change.where is None:
            continue
        if decision.when.last < newest.when.first:
            findings.append(warning(
                "decision-older", change.where.at("decision"),
                f"Den materiella ändringen (version {change.version}) bygger på beslutet '{decision.id}' från "
                f"{decision.when.label}, äldre än det senaste beslutet i {rev}: '{newest.id}' från {newest.when.label}.",
                f"En ny materiell ändring bygger på ett nytt beslut: lägg det i agreement/{period.id}/beslut/<id>.yaml "
                "och ange det här. Bygger ändringen verkligen på det äldre beslutet, för in varningen i "
                "agreement/granskade.yaml med skälet."))
    return findings
