"""Key terms, documents and guidelines: what changed in each, field by field."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Sequence

from ..model import GUIDELINE_STATUS_LABELS, KIND_LABELS, LEVEL_LABELS, Document, KeyTerm, Period
from .result import (ADDED, CHANGED, FIELDS_CHANGED, REMOVED, RETITLED, DocumentChange, FieldChange, KeyTermChange,
                     TextPart)
from .sections import norm_title
from .words import diff_text


def shown_of(period: Period) -> dict[str, str]:
    """{key term id: wording}: what a reader sees in place of each ``{{id}}`` of the period."""
    return {t.id: t.text for t in period.key_terms}


def key_term_changes(old: Sequence[KeyTerm], new: Sequence[KeyTerm], old_period: Period,
                      new_period: Period) -> list[KeyTermChange]:
    """Key terms added or changed (in new order), then removed (in old order), matched by id; each with
    the heading of the section that states it."""
    old_by_id = {t.id: t for t in old}
    new_by_id = {t.id: t for t in new}
    old_sections, new_sections = old_period.section_index(), new_period.section_index()

    def clause(term: KeyTerm, sections) -> str | None:
        section = sections.get(term.clause)
        return section.heading if section else None

    out = []
    for term in new:
        before = old_by_id.get(term.id)
        if before is None:
            out.append(KeyTermChange(term.id, term.label, ADDED, None, term.text, None, term.value,
                                     clause(term, new_sections)))
        elif before.value != term.value or before.text != term.text or before.unit != term.unit:
            out.append(KeyTermChange(term.id, term.label, "ändrad", before.text, term.text, before.value, term.value,
                                     clause(term, new_sections)))
    for term in old:
        if term.id not in new_by_id:
            out.append(KeyTermChange(term.id, term.label, REMOVED, term.text, None, term.value, None,
                                     clause(term, old_sections)))
    return out


def match_by_id_then_title(old: dict, new: dict, same_kind=lambda a, b: True) -> dict[str, str]:
    """{old id: new id} of documents or guidelines ({id: item}): equal ids, then for each old one left the
    new one of the same kind whose title is most alike, if at least 0.85 (difflib ratio of normalised
    titles; a threshold chosen by hand, no measurement recorded)."""
    pairs = {i: i for i in old if i in new}
    rest_new = [n for n in new if n not in pairs.values()]
    for i in old:
        if i in pairs:
            continue
        best, best_ratio = None, 0.85
        for j in rest_new:
            if not same_kind(old[i], new[j]):
                continue
            ratio = SequenceMatcher(None, norm_title(old[i].title), norm_title(new[j].title)).ratio()
            if ratio >= best_ratio:
                best, best_ratio = j, ratio
        if best is not None:
            pairs[i] = best
            rest_new.remove(best)
    return pairs


def _document_parts(old: Document | None, new: Document | None, old_shown, new_shown) -> tuple[TextPart, ...]:
    parts = []
    for name, get in (("försättsblad", lambda d: d.cover.get("text", "")), ("inledning", lambda d: d.intro)):
        units = diff_text(get(old) if old else "", get(new) if new else "", old_shown, new_shown)
        if units:
            parts.append(TextPart(name, units))
    return tuple(parts)


def _title_of(period: Period, ident: str | None) -> str | None:
    """The title a reader knows a parent by: parents are documents or guidelines (the id when unknown)."""
    if not ident:
        return None
    target = period.documents.get(ident) or period.guidelines.get(ident)
    return target.title if target is not None else ident


def document_change(old: Document | None, new: Document | None, old_period: Period, new_period: Period,
                     with_text: bool = True) -> DocumentChange | None:
    """What changed in a document (old None: added, new None: removed), or None when nothing did.

    Its title, number, kind, parent and own texts (cover, introduction; not with ``with_text`` False);
    sections are compared separately. The parent is compared by id (shown by title): a child of a
    retitled parent is unchanged.
    """
    doc = new or old
    type_label = KIND_LABELS.get(doc.kind, doc.kind)
    if old is None or new is None:
        return DocumentChange("dokument", (ADDED if old is None else REMOVED,), old and old.id, new and new.id,
                              type_label, old and old.title, new and new.title,
                              sections=sum(1 for _ in doc.walk()))
    labels, fields = [], []
    if " ".join(old.title.split()) != " ".join(new.title.split()):
        labels.append(RETITLED)
    for label, get in (("Nummer", lambda d, p: d.number), ("Typ", lambda d, p: KIND_LABELS.get(d.kind, d.kind))):
        before, after = get(old, old_period), get(new, new_period)
        if before != after:
            fields.append(FieldChange(label, before, after))
    if old.parent != new.parent:  # the reference; a retitled parent is the same parent
        fields.append(FieldChange("Hör under", _title_of(old_period, old.parent), _title_of(new_period, new.parent)))
    if fields:
        labels.append(FIELDS_CHANGED)
    parts = _document_parts(old, new, shown_of(old_period), shown_of(new_period)) if with_text else ()
    if parts:
        labels.append(CHANGED)
    if not labels:
        return None
    return DocumentChange("dokument", tuple(labels), old.id, new.id, type_label, old.title, new.title,
                          tuple(fields), parts)


def guideline_changes(old_period: Period, new_period: Period) -> list[DocumentChange]:
    """Guidelines added, removed, retitled or with changed register fields (kind, level, status, parent,
    URL, owner), matched by id, then by title within a kind; the parent compared by id (shown by title)."""
    old, new = old_period.guidelines, new_period.guidelines
    pairs = match_by_id_then_title(old, new, lambda a, b: a.kind == b.kind)
    out = []
    for j, guideline in new.items():
        if j not in pairs.values():
            out.append(DocumentChange("riktlinje", (ADDED,), None, j, KIND_LABELS.get(guideline.kind, guideline.kind),
                                      None, guideline.title))
    for i, guideline in old.items():
        if i not in pairs:
            out.append(DocumentChange("riktlinje", (REMOVED,), i, None, KIND_LABELS.get(guideline.kind, guideline.kind),
                                      guideline.title, None))
            continue
        after = new[pairs[i]]
        fields = []
        for label, get in (("Typ", lambda g, p: KIND_LABELS.get(g.kind, g.kind)),
                           ("Nivå", lambda g, p: LEVEL_LABELS.get(g.level, g.level)),
                           ("Status", lambda g, p: GUIDELINE_STATUS_LABELS.get(g.status, g.status)),
                           ("Hör under", lambda g, p: _title_of(p, g.parent)),
                           ("Webbadress", lambda g, p: g.url), ("Ägare", lambda g, p: g.owner)):
            if label == "Hör under" and guideline.parent == after.parent:
                continue  # the same parent, even if it was retitled (its own change says so)
            before, now = get(guideline, old_period), get(after, new_period)
            if before != now:
                fields.append(FieldChange(label, before, now))
        labels = []
        if " ".join(guideline.title.split()) != " ".join(after.title.split()):
            labels.append(RETITLED)
        if fields:
            labels.append(FIELDS_CHANGED)
        if labels:
            out.append(DocumentChange("riktlinje", tuple(labels), i, after.id,
                                      KIND_LABELS.get(after.kind, after.kind), guideline.title, after.title,
                                      tuple(fields)))
    return out
