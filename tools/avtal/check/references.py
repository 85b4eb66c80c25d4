"""References: every id the corpus points to resolves, in its own period or the one it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .. import text as textmod
from ..findings import Finding, Position, Suggestions, error, hint
from ..model import Corpus, Period


@dataclass(frozen=True)
class Reference:
    """One id that something in a period points to, and where."""

    ident: str
    where: Position
    what: str  # Swedish, for messages: "Avsnittet", "Läs mer-länkens mål" …
    scope: str  # which ids may be meant: "known", "documents", "parents", "targets", "decisions" or "key_terms"
    history: bool = False  # a change log naming a section: it may name one the change removed


def iter_references(period: Period) -> Iterator[Reference]:
    """Every reference in the period: agreement, key term clauses, decisions, what change files change,
    parents, read_with, changelog sections, läs mer, text links ``ref:id`` (exact position in the text) and
    implements.
    Links into another period (``ref:PERIOD:id``) are left to period_references."""
    yield Reference(period.agreement, period.where.at("agreement"), "Huvudavtalet", "documents")
    for term in period.key_terms:
        yield Reference(term.clause, term.where.at("clause"), "Avsnittet", "known")
    for role, ident in period.term.items():
        yield Reference(ident, period.where.at("term", role), "Nyckelvärdet", "key_terms")
    for event in period.events:
        if event.decision:
            yield Reference(event.decision, event.where.at("decision"), "Beslutet", "decisions")
    for change in period.changelog:
        if change.decision:
            yield Reference(change.decision, change.where.at("decision"), "Beslutet", "decisions")
    for change in period.changes:
        yield Reference(change.target, change.where.at("document"), "Dokumentet", "targets")
    for document in period.documents.values():
        if document.parent:
            yield Reference(document.parent, document.where.at("parent"), "Överordnat dokument", "documents")
        for i, other in enumerate(document.read_with):
            yield Reference(other, document.where.at("read_with", i), "Dokumentet", "documents")
        for change in document.changelog:
            if change.decision:
                yield Reference(change.decision, change.where.at("decision"), "Beslutet", "decisions")
            for j, ident in enumerate(change.sections):
                yield Reference(ident, change.where.at("sections", j), "Avsnittet", "known", history=True)
        for _, item in document.all_read_more():
            yield Reference(item.ref, item.where.at("ref"), "Läs mer-länkens mål", "known")
    for guideline in period.guidelines.values():
        yield Reference(guideline.parent, guideline.where.at("parent"), "Överordnat dokument", "parents")
        for i, ident in enumerate(guideline.implements):
            yield Reference(ident, guideline.where.at("implements", i), "Avsnittet", "known")
        for section in guideline.walk():
            for item in section.read_more:
                yield Reference(item.ref, item.where.at("ref"), "Läs mer-länkens mål", "known")
    for text in period.texts(markup=True):
        for link in textmod.links(text.raw):
            split = split_ref(link.target)
            if split is not None and split[0] is None and ":" not in split[1]:
                yield Reference(split[1], text.where(link.target_start), "Länkmålet", "known")


def references(corpus: Corpus) -> list[Finding]:
    """Every reference (parent, läs mer, implements, text link, key term clause, decision) resolves.

    Codes: ``dangling-reference`` (with the closest id as hint); ``changelog-section-gone`` (a tip) for
    a change log naming a section that no longer exists, which is right when the change removed it.
    """
    findings = []
    for period in corpus.periods.values():
        scopes = {"documents": set(period.documents), "decisions": {d.id for d in period.decisions},
                  "key_terms": {k.id for k in period.key_terms}}
        scopes["parents"] = scopes["documents"] | set(period.guidelines)
        scopes["targets"] = scopes["parents"] | {period.id}
        scopes["known"] = scopes["parents"] | set(period.section_index()) | {
            s.id for g in period.guidelines.values() for s in g.walk()}
        suggest = {scope: Suggestions(known) for scope, known in scopes.items()}
        sections = period.section_index()
        for ref in iter_references(period):
            known = scopes[ref.scope]
            if ref.ident not in known and ref.history:
                findings.append(hint(
                    "changelog-section-gone", ref.where,
                    f"Ändringsloggen nämner avsnittet '{ref.ident}', som inte finns i perioden {period.id}.",
                    "Det är rätt om ändringen tog bort avsnittet. Annars: " + suggest[ref.scope](ref.ident)))
            elif ref.ident not in known and ref.scope in ("documents", "parents", "targets") and ref.ident in sections:
                section = sections[ref.ident]
                findings.append(error(
                    "dangling-reference", ref.where,
                    f"'{ref.ident}' är ett avsnitt ({section.heading} i '{section.document_id}'), inte ett dokument; "
                    f"{ref.what.lower()} ska vara ett dokument{' eller en riktlinje' if ref.scope != 'documents' else ''}.",
                    f"Skriv dokumentets id, t.ex. {section.document_id}. Ska texten hänvisa till avsnittet, gör det "
                    f"med en länk i texten: [{section.heading}](ref:{ref.ident})."))
            elif ref.ident not in known:
                findings.append(error(
                    "dangling-reference", ref.where, f"{ref.what} '{ref.ident}' finns inte i perioden {period.id}.",
                    suggest[ref.scope](ref.ident)))
    return findings


_PERIOD_REF = re.compile(r"^ref:(?P<period>\d{4}-\d{4}):(?P<id>.+)$")
# A period written with an en or em dash, or a minus sign, as titles write it ("2023–2026").
_DASHED_PERIOD = re.compile(r"^ref:(?P<first>\d{4})\s*[\u2010-\u2015\u2212]\s*(?P<last>\d{4}):(?P<id>.+)$")


def split_ref(target: str) -> tuple[str | None, str] | None:
    """(period or None, id) of a corpus link target ``ref:id`` or ``ref:PERIOD:id``; None for other links."""
    if not target.startswith("ref:"):
        return None
    m = _PERIOD_REF.match(target)
    return (m["period"], m["id"]) if m else (None, target[4:])


def period_references(corpus: Corpus) -> list[Finding]:
    """A document points only into its own period unless the link names another: ``[x](ref:2019-2022:id)``.

    The named period must exist and hold the id; unprefixed links are checked by ``references``.
    Codes: ``reference-period-malformed`` (``ref:a:b`` without a period), ``reference-period-unknown``,
    ``dangling-reference`` (the id is not in the named period).
    """
    findings = []
    known_in: dict[str, set[str]] = {}
    suggest: dict[str, Suggestions] = {}
    for period in corpus.periods.values():
        for text in period.texts(markup=True):
            for link in textmod.links(text.raw):
                split = split_ref(link.target)
                if split is None:
                    continue
                other, ident = split
                where = text.where(link.target_start)
                if other is None:
                    dashed = _DASHED_PERIOD.match(link.target)
                    if dashed:
                        fixed = f"ref:{dashed['first']}-{dashed['last']}:{dashed['id']}"
                        findings.append(error(
                            "reference-period-malformed", where,
                            f"Perioden i länkmålet '{link.target}' är skriven med tankstreck (–), inte bindestreck (-).",
                            f"Skriv {fixed}: en period skrivs med vanligt bindestreck, också när rubriken har "
                            "tankstreck (2023–2026)."))
                    elif ":" in ident:
                        findings.append(error(
                            "reference-period-malformed", where,
                            f"Länkmålet '{link.target}' är varken ref:id eller ref:PERIOD:id.",
                            "Skriv t.ex. ref:a-avtalstid, eller ref:2019-2022:a-avtalstid för en annan period."))
                    continue
                target = corpus.periods.get(other)
                if target is None:
                    findings.append(error(
                        "reference-period-unknown", where,
                        f"Länken pekar in i perioden {other}, som inte finns.",
                        f"Perioder som finns: {', '.join(sorted(corpus.periods))}. Skriv ref:{ident} för en länk "
                        "inom den egna perioden."))
                    continue
                if other not in known_in:  # once per period linked into: a corpus may hold thousands of links
                    known_in[other] = {*target.documents, *target.guidelines, *target.section_index()}
                    suggest[other] = Suggestions(known_in[other])
                if ident not in known_in[other]:
                    findings.append(error(
                        "dangling-reference", where, f"Länkmålet '{ident}' finns inte i perioden {other}.",
                        suggest[other](ident)))
    return findings
