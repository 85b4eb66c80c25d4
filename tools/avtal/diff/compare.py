"""Compare two contract periods, documents or sections: what changed, in order of weight.

Pure functions from the model to a ``PeriodDiff`` value; the reporters in
``terminal``, ``markdown``, ``html`` and ``data`` print it.

Sections are matched by id first; sections left over on both sides are then
paired by likeness of title and text (difflib), so a section that got a new id,
number, title or place is reported as such and not as removed plus added.
Inside a changed section the text is compared unit by unit (paragraphs and list
items, ``text.units``) and each changed unit word by word. Whitespace and
hyphenation ("hälso- och" / "hälso-och", soft hyphens) are not changes. What is
compared is the text a reader sees: key terms shown with their wording, link
markup reduced to its label.

The report lists, in this order: changed key terms, documents added or removed
(agreement parts, arrangements, guidelines), changed statute references, then
the sections.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..dates import today
from ..model import Corpus, Document, Guideline, KeyTerm, Period, Section
from ..registers import Statute
from ..status import status_on
from .documents import (document_change, guideline_changes, key_term_changes, match_by_id_then_title, period_change,
                        shown_of)
from .result import ADDED, CHANGED, REMOVED, DocumentChange, KeyTermChange, PeriodDiff, SectionRef, Side, StatuteChange
from .sections import flatten, match_sections, section_changes
from .statutes import Register, statute_changes


def side_of(period: Period, label: str | None = None, scope: str = "period", target=None) -> Side:
    """The Side a result names: label as the user wrote it (default the period id); scope "period",
    "document" or "section" with target the Document or Section."""
    title = None
    if target is not None:
        title = getattr(target, "heading", None) or target.title
    status = status_on(period, Corpus(periods={period.id: period}), today())
    return Side(label or period.id, period.id, period.title, status.code, period.valid_from, period.valid_to,
                scope, target.id if target is not None else None, title, status.label)


def _diff(old_period: Period, new_period: Period, old_roots, new_roots, doc_map: dict[str, str],
          forced: dict[str, str], documents: list[DocumentChange], skip_old: set[str], skip_new: set[str],
          old_statutes, new_statutes, key_terms: list[KeyTermChange], old_side: Side, new_side: Side) -> PeriodDiff:
    old_shown, new_shown = shown_of(old_period), shown_of(new_period)
    old_nodes = flatten(old_roots, old_shown)
    new_nodes = flatten(new_roots, new_shown)
    matches = match_sections(old_nodes, new_nodes, forced)
    sections = section_changes(old_nodes, new_nodes, matches, doc_map, skip_old, skip_new)

    old_reg, new_reg = Register.of(old_statutes), Register.of(new_statutes)
    statutes: list[StatuteChange] = []
    if old_reg is not None and new_reg is not None:
        old_by_id = {n.id: n for n in old_nodes}
        new_by_id = {n.id: n for n in new_nodes}
        compared = []
        for change in sections:
            if CHANGED not in change.labels and ADDED not in change.labels and REMOVED not in change.labels:
                continue
            old_text = old_by_id[change.old.id].section.text if change.old else ""
            new_text = new_by_id[change.new.id].section.text if change.new else ""
            compared.append((change.ref, old_text, new_text))
        for change in documents:
            if change.kind != "dokument" or CHANGED not in change.labels:
                continue
            before, after = old_period.documents[change.old_id], new_period.documents[change.new_id]
            where = SectionRef(after.id, after.nav_title, None, after.id, after.nav_title, None, None, 0)
            for get in (lambda d: d.cover.get("text", ""), lambda d: d.intro):
                compared.append((where, get(before), get(after)))
        statutes = statute_changes(compared, old_reg, new_reg, old_shown, new_shown)
    return PeriodDiff(old_side, new_side, tuple(key_terms), tuple(documents), tuple(statutes), tuple(sections),
                      citations_checked=old_reg is not None and new_reg is not None)


def diff_periods(old: Period, new: Period, *, old_statutes: Sequence[Statute] | None = None,
                 new_statutes: Sequence[Statute] | None = None, old_label: str | None = None,
                 new_label: str | None = None) -> PeriodDiff:
    """Everything that changed from one period to another.

    Statute references are compared when both registers are given (each side
    is read with its own register).
    """
    kinds = lambda a, b: a.kind == b.kind  # noqa: E731
    doc_map = match_by_id_then_title(old.documents, new.documents, kinds)
    documents: list[DocumentChange] = []
    new_order = new.ordered_documents()
    old_order = old.ordered_documents()
    for document in new_order:
        if document.id not in doc_map.values():
            documents.append(document_change(None, document, old, new))
    for document in old_order:
        if document.id not in doc_map:
            documents.append(document_change(document, None, old, new))
    for document in new_order:
        old_id = next((i for i, j in doc_map.items() if j == document.id), None)
        if old_id is not None:
            change = document_change(old.documents[old_id], document, old, new)
            if change is not None:
                documents.append(change)
    documents += guideline_changes(old, new)
    period = period_change(old, new)
    if period is not None:
        documents.insert(0, period)
    skip_old = {d for d in old.documents if d not in doc_map}
    skip_new = {d for d in new.documents if d not in doc_map.values()}
    key_terms = key_term_changes(old.key_terms, new.key_terms, old, new)
    return _diff(old, new, [(d, d.sections) for d in old_order], [(d, d.sections) for d in new_order], doc_map,
                 {}, documents, skip_old, skip_new, old_statutes, new_statutes, key_terms,
                 side_of(old, old_label), side_of(new, new_label))


def _terms_in(period: Period, ids: set[str], document_id: str | None) -> list[KeyTerm]:
    return [t for t in period.key_terms if t.clause in ids or (document_id and t.document == document_id)]


def diff_documents(old: Document, new: Document, old_period: Period, new_period: Period, *,
                   old_statutes: Sequence[Statute] | None = None, new_statutes: Sequence[Statute] | None = None,
                   old_label: str | None = None, new_label: str | None = None) -> PeriodDiff:
    """What changed in one document (the two may have different ids)."""
    change = document_change(old, new, old_period, new_period)
    old_ids = {old.id} | {s.id for s in old.walk()}
    new_ids = {new.id} | {s.id for s in new.walk()}
    key_terms = key_term_changes(_terms_in(old_period, old_ids, old.id), _terms_in(new_period, new_ids, new.id),
                                  old_period, new_period)
    return _diff(old_period, new_period, [(old, old.sections)], [(new, new.sections)], {old.id: new.id}, {},
                 [change] if change else [], set(), set(), old_statutes, new_statutes, key_terms,
                 side_of(old_period, old_label, "document", old), side_of(new_period, new_label, "document", new))


def diff_sections(old: Section, new: Section, old_period: Period, new_period: Period, *,
                  old_statutes: Sequence[Statute] | None = None, new_statutes: Sequence[Statute] | None = None,
                  old_label: str | None = None, new_label: str | None = None) -> PeriodDiff:
    """What changed in one section and the sections under it (the two may have different ids)."""
    old_doc = old_period.documents[old.document_id]
    new_doc = new_period.documents[new.document_id]
    old_ids = {s.id for s in old.walk()}
    new_ids = {s.id for s in new.walk()}
    key_terms = key_term_changes(_terms_in(old_period, old_ids, None), _terms_in(new_period, new_ids, None),
                                  old_period, new_period)
    return _diff(old_period, new_period, [(old_doc, [old])], [(new_doc, [new])], {old_doc.id: new_doc.id},
                 {old.id: new.id}, [], set(), set(), old_statutes, new_statutes, key_terms,
                 side_of(old_period, old_label, "section", old), side_of(new_period, new_label, "section", new))


def diff_targets(old_period: Period, old_target, new_period: Period, new_target, **kwargs) -> PeriodDiff:
    """Dispatch on what the two sides are: periods (both targets None), documents or sections.

    kwargs: the statutes and labels of ``diff_periods``. Raises ValueError (a Swedish message, which the
    CLI reports as could not run) for a guideline or for two sides of different kinds.
    """
    if old_target is None and new_target is None:
        return diff_periods(old_period, new_period, **kwargs)
    if isinstance(old_target, Document) and isinstance(new_target, Document):
        return diff_documents(old_target, new_target, old_period, new_period, **kwargs)
    if isinstance(old_target, Section) and isinstance(new_target, Section):
        return diff_sections(old_target, new_target, old_period, new_period, **kwargs)
    if isinstance(old_target, Guideline) or isinstance(new_target, Guideline):
        raise ValueError("riktlinjer jämförs som en del av perioden; ange periodens id")
    raise ValueError("båda sidor måste vara av samma slag: två perioder, två dokument eller två avsnitt")


def relabel(diff: PeriodDiff, old_label: str, new_label: str) -> PeriodDiff:
    """The same result with the sides named otherwise (e.g. "origin/main:2023-2026")."""
    return replace(diff, old=replace(diff.old, label=old_label), new=replace(diff.new, label=new_label))
