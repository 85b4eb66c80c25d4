"""Key terms, documents and guidelines: what changed in each, field by field."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Sequence

from ..model import GUIDELINE_STATUS_LABELS, KIND_LABELS, LEVEL_LABELS, Document, KeyTerm, Period
from .fields import data_of, field_changes, markup_only, shown
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
                                     clause(term, new_sections), before.unit, term.unit))
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


# What document_change and guideline_changes show in their own way (the rest: fields.field_changes).
_DOCUMENT_SHOWN = frozenset({"id", "title", "number", "kind", "parent", "intro", "cover", "sections"})
_GUIDELINE_SHOWN = frozenset({"id", "title", "kind", "level", "status", "parent", "url", "owner"})
# period.yaml: key-term values and wordings are in the diff's own table (key_term_changes).
_PERIOD_SHOWN = frozenset({"id"})


NATURE_LABELS = {"materiell": "materiell", "redaktionell": "redaktionell"}


def change_line(change, period: Period) -> str:
    """A change-log entry as a reader sees it: "2026-03-18, materiell, beslut: Regionstyrelsen 2026-03-18
    § 56 (regionstyrelsen-2026-03): Ny lydelse om hjälpmedel." """
    bits = [change.date, NATURE_LABELS.get(change.nature, change.nature)]
    if change.decision:
        decision = next((d for d in period.decisions if d.id == change.decision), None)
        said = " ".join(x for x in (decision.body, decision.date, decision.paragraph or "") if x) if decision else ""
        bits.append(f"beslut: {said} ({change.decision})" if said else f"beslut: {change.decision}")
    if change.sections:
        bits.append("avsnitt: " + ", ".join(change.sections))
    return ", ".join(bits) + ": " + (shown(change.summary) or "")


def metadata(old, new, new_period: Period) -> list[FieldChange]:
    """The version and each change-log entry new has and old lacks (a change file by its file, an entry in
    the file by its words): what check --base asks for, shown with the change it describes."""
    out = []
    if getattr(old, "version", None) != getattr(new, "version", None):  # a period has no version
        out.append(FieldChange("Version", old.version, new.version))
    seen = {("fil", c.source) if c.source else ("rad", c) for c in old.changelog}
    for change in new.changelog:
        if (("fil", change.source) if change.source else ("rad", change)) not in seen:
            out.append(FieldChange(f"Ändring {change.version}", None, change_line(change, new_period)))
    return out


def period_change(old: Period, new: Period) -> DocumentChange | None:
    """period.yaml's own fields (dates, term, events, predecessor, decisions, key terms' other fields, changes
    from the predecessor) and its change log: a DocumentChange of kind "period", or None; None too for two
    different periods (a new period's dates and decisions are its own, not changes)."""
    if old.id != new.id:
        return None
    old_data, new_data = dict(data_of(old)), dict(data_of(new))
    for data in (old_data, new_data):  # values and wordings are in the key-term table
        data["key_terms"] = [{k: v for k, v in term.items() if k not in ("value", "text", "unit")}
                             if isinstance(term, dict) else term for term in data.get("key_terms") or []]
    fields = field_changes("period", old_data, new_data, _PERIOD_SHOWN)
    fields += metadata(old, new, new)
    if not fields:
        return None
    return DocumentChange("period", (FIELDS_CHANGED,), old.id, new.id, "Period", old.title, new.title, tuple(fields))


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
    retitled parent is unchanged. Within one period (the comparison ``check --base`` makes) also every
    other field (``fields.field_changes``: dates, short title, read_with, läs mer …), markup changed under
    unchanged words (``fields.markup_only``), the version and each new change-log entry (``metadata``).
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
    if old_period.id == new_period.id:  # what check --base compares (not a new period with its dates)
        fields += field_changes("document", data_of(old), data_of(new), _DOCUMENT_SHOWN)
        fields += field_changes("document", old.cover, new.cover, frozenset({"text"}), ("properties", "cover"),
                                ("Försättsblad",))
        fields += metadata(old, new, new_period)
    if fields:
        labels.append(FIELDS_CHANGED)
    parts = _document_parts(old, new, shown_of(old_period), shown_of(new_period)) if with_text else ()
    named = {p.name for p in parts}
    for name, label, get in (("försättsblad", "Försättsblad › Text", lambda d: d.cover.get("text", "")),
                             ("inledning", "Inledning", lambda d: d.intro)):
        if name not in named and with_text:
            fields += markup_only(label, get(old), get(new))
    if fields and FIELDS_CHANGED not in labels:
        labels.append(FIELDS_CHANGED)
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
        if old_period.id == new_period.id:
            fields += field_changes("guideline", data_of(guideline), data_of(after), _GUIDELINE_SHOWN)
            fields += metadata(guideline, after, new_period)
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
