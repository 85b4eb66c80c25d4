"""The words every diff format shares: summary, title line, labels of sections, units and statutes.

Every format lists the same things in the same order: key terms, documents and guidelines,
statute references, sections (grouped by document, in reading order). Sections whose only
change is a new number are gathered in one line at the end of their document, so a
renumbering does not drown the real changes.
"""

from __future__ import annotations

from .result import (ADDED, CHANGED, FIELDS_CHANGED, MOVED, OTHER_PLACE, REMOVED, RENUMBERED, REPLACED, RETITLED, DocumentChange,
                     KeyTermChange, PeriodDiff, SectionChange, Segment, StatuteChange, UnitChange)

# Unchanged words kept on each side of a change in terminal and Markdown (the site shows whole units).
# Chosen by hand, no measurement recorded.
CONTEXT_WORDS = 12

def plural(n: int, one: str, many: str) -> str:
    """"1 avsnitt", "3 ändrade nyckelvärden": the number with the word that agrees with it."""
    return f"{n} {one if n == 1 else many}"


def summary(diff: PeriodDiff) -> str:
    """One line: how much changed, in words a reader understands."""
    if diff.empty:
        return "Inga ändringar."
    parts = []
    if diff.key_terms:
        parts.append(plural(len(diff.key_terms), "ändrat nyckelvärde", "ändrade nyckelvärden"))
    documents = [d for d in diff.documents if d.kind == "dokument"]
    guidelines = [d for d in diff.documents if d.kind == "riktlinje"]
    if any(d.kind == "period" for d in diff.documents):
        parts.append("ändrade uppgifter i period.yaml")
    if documents:
        parts.append(plural(len(documents), "dokument", "dokument") + _document_breakdown(documents, True))
    if guidelines:
        parts.append(plural(len(guidelines), "riktlinje", "riktlinjer") + _document_breakdown(guidelines, False))
    if diff.statutes:
        parts.append(plural(sum(c.count for c in diff.statutes), "ändrad lagrumshänvisning",
                             "ändrade lagrumshänvisningar"))
    if diff.sections:
        counts = {label: sum(1 for s in diff.sections if label in s.labels)
                  for label in (ADDED, REMOVED, MOVED, RENUMBERED, RETITLED, CHANGED, FIELDS_CHANGED)}
        words = {ADDED: ("nytt", "nya"), REMOVED: ("borttaget", "borttagna"), MOVED: ("flyttat", "flyttade"),
                 RENUMBERED: ("omnumrerat", "omnumrerade"), RETITLED: ("med ny rubrik", "med ny rubrik"),
                 CHANGED: ("med ändrad text", "med ändrad text"),
                 FIELDS_CHANGED: ("med ändrade uppgifter", "med ändrade uppgifter")}
        detail = ", ".join(f"{n} {words[label][0 if n == 1 else 1]}" for label, n in counts.items() if n)
        parts.append(f"{plural(len(diff.sections), 'avsnitt', 'avsnitt')} ({detail})")
    return "; ".join(parts) + "."


def _document_breakdown(changes: list[DocumentChange], neuter: bool) -> str:
    added = sum(1 for c in changes if ADDED in c.labels)
    removed = sum(1 for c in changes if REMOVED in c.labels)
    changed = len(changes) - added - removed
    one = ("nytt", "borttaget", "ändrat") if neuter else ("ny", "borttagen", "ändrad")
    bits = [f"{n} {one[i] if n == 1 else many}" for i, (n, many) in
            enumerate(((added, "nya"), (removed, "borttagna"), (changed, "ändrade"))) if n]
    return " (" + ", ".join(bits) + ")"


def title_line(diff: PeriodDiff) -> str:
    """"Ändringar från 2023-2026 (gällande, 2023-01-01 – 2026-12-31) till …", naming a document or section."""
    def side(s):
        state = f"{s.status_label.lower()}, {s.valid_from} – {s.valid_to}"
        if s.scope == "period":
            return f"{s.label} ({state})"
        return f"{s.target_title} i {s.label} ({state})"
    return f"Ändringar från {side(diff.old)} till {side(diff.new)}"


def key_term_line(change: KeyTermChange) -> tuple[str, str, str]:
    """(label, before, after) in words."""
    before = change.old_text if change.old_text is not None else "–"
    after = change.new_text if change.new_text is not None else "–"
    if before == after:  # same wording, other value
        before, after = _value(change.old_value), _value(change.new_value)
    if before == after:  # same value, other unit
        before, after = f"{before} {change.old_unit or ''}".strip(), f"{after} {change.new_unit or ''}".strip()
    return change.label, before, after


def _value(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return "–" if value is None else str(value).replace(".", ",")


_NEUTER_KINDS = {"avtal", "direktiv"}


def document_verb(change: DocumentChange) -> str:
    """"Ny", "Borttagen" or "Ändrad", agreeing with the kind of document ("Nytt avtal")."""
    neuter = change.type_label.lower() in _NEUTER_KINDS
    if ADDED in change.labels:
        return "Nytt" if neuter else "Ny"
    if REMOVED in change.labels:
        return "Borttaget" if neuter else "Borttagen"
    return "Ändrat" if neuter else "Ändrad"


def document_status(change: DocumentChange) -> str:
    """ny, borttagen or andrad: a stable word for CSS classes and signs."""
    return "ny" if ADDED in change.labels else "borttagen" if REMOVED in change.labels else "andrad"


def document_details(change: DocumentChange) -> str:
    """What changed in a changed document; the section count of an added or removed one."""
    if ADDED in change.labels or REMOVED in change.labels:
        return plural(change.sections, "avsnitt", "avsnitt") if change.sections else ""
    return ", ".join(change.labels)


def statute_heading(change: StatuteChange) -> str:
    """The act(s) and what happened to their references, with the count: "SoL (2001:453) → … (2 hänvisningar)"."""
    count = plural(change.count, "hänvisning", "hänvisningar")
    if change.kind == REPLACED:
        return f"{change.old_act.label} → {change.new_act.label} (lagen har ersatts; {count})"
    if change.kind == OTHER_PLACE:
        return f"{change.old_act.label}: annat lagrum ({count})"
    if change.kind == REMOVED:
        return f"{change.old_act.label}: hänvisning borttagen ({count})"
    return f"{change.new_act.label}: ny hänvisning ({count})"


def statute_place(change: StatuteChange, place) -> str:
    """One section's changed references: "B.2 Ansvar (Del B): 5 kap. 1 § → 5 kap. 2 §"."""
    old = ", ".join(place.old)
    new = ", ".join(place.new)
    where = f"{place.heading} ({place.document_title})" if place.heading != place.document_title else place.heading
    if change.kind in (REPLACED, OTHER_PLACE):
        return f"{where}: {old} → {new}"
    return f"{where}: {old or new}"


def section_note(change: SectionChange) -> str:
    """The labels of a section change, each with what it means here."""
    old, new = change.old, change.new
    bits = []
    for label in change.labels:
        if label == MOVED and old and new:
            if old.document_id != new.document_id:
                bits.append(f"flyttad från {old.document_title} till {new.document_title}")
            elif old.parent_id != new.parent_id or (old.parent_heading != new.parent_heading):
                before = f"under {old.parent_heading}" if old.parent_heading else "översta nivån"
                after = f"under {new.parent_heading}" if new.parent_heading else "översta nivån"
                bits.append(f"flyttad från {before} till {after}")
            else:
                bits.append(f"flyttad (plats {old.position} → {new.position})")
        elif label == RENUMBERED and old and new:
            bits.append(f"omnumrerad ({old.number or 'utan nummer'} → {new.number or 'utan nummer'})")
        elif label == RETITLED and old:
            bits.append(f"ny rubrik (förut: {old.title})")
        else:
            bits.append(label)
    if old and new and old.id != new.id:
        bits.append(f"nytt id ({old.id} → {new.id})")
    return ", ".join(bits)


def unit_name(unit: UnitChange) -> str:
    """"stycke 2", "punkt 3 ny", "stycke 1 (förut 2)", "punkt 4 (flyttad, förut punkt 1)"; numbers 1-based."""
    family = "stycke" if unit.kind == "stycke" else "punkt"
    if unit.status == MOVED:
        return f"{family} {unit.new_number} (flyttad, förut {family} {unit.old_number})"
    if unit.status == REMOVED:
        return f"{family} {unit.old_number} borttagen"
    if unit.status == ADDED:
        return f"{family} {unit.new_number} ny"
    if unit.old_number != unit.new_number:
        return f"{family} {unit.new_number} (förut {unit.old_number})"
    return f"{family} {unit.new_number}"


def trimmed(segments: tuple[Segment, ...], context: int | None) -> list[Segment]:
    """Long unchanged runs shortened to `context` words beside each change ('…'); None keeps all.

    Only a run longer than 2 × context + 3 words is cut, so a cut always drops at least four words.
    """
    if context is None or not any(s.op != "=" for s in segments):
        return list(segments)
    out = []
    last = len(segments) - 1
    for i, segment in enumerate(segments):
        words = segment.text.split(" ")
        if segment.op != "=" or len(words) <= 2 * context + 3:
            out.append(segment)
            continue
        head = words[:context] if i > 0 else []
        tail = words[-context:] if i < last else []
        text = " ".join(head + ["…"] + tail) if head or tail else "…"
        out.append(Segment("=", text, segment.space_before))
    return out


def by_document(sections: tuple[SectionChange, ...]) -> list[tuple[str, list[SectionChange], list[SectionChange]]]:
    """(document title, changes to show in full, sections only renumbered), in report order."""
    groups: dict[str, tuple[list, list]] = {}
    for change in sections:
        title = change.ref.document_title
        full, renumbered = groups.setdefault(title, ([], []))
        (renumbered if change.only_renumbered else full).append(change)
    return [(title, full, renumbered) for title, (full, renumbered) in groups.items()]


def renumbered_line(changes: list[SectionChange]) -> str:
    """"B.3 → B.4 Egenvård; …": the sections only renumbered, in one line."""
    return "; ".join(f"{c.old.number or '–'} → {c.new.number or '–'} {c.new.title}" for c in changes)
