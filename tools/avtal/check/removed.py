"""Sections and documents gone since the base (``avtal check --base``), and what still refers to them.

A section id that disappeared is reported, saying where the section went if an identical or near-identical
one (title + text) now stands under another id, unless a new change-log entry names it (removed on
purpose); whatever still refers to a removed id is reported at the referring line. A change log naming a
removed section is history, not a reference.
"""

from __future__ import annotations

import difflib

from ..findings import Finding, error, warning
from ..model import Period, Section
from .references import iter_references

# difflib ratio (0–1) of "title\ntext" at or above which a removed section counts as moved under a new id
# ("ett nästan identiskt avsnitt"): chosen by hand, no measurement recorded; tests/test_versions.py
# moves a section with one character changed ("." → "!") and expects it found.
NEAR = 0.9


def similar(a: Section, b: Section) -> float:
    """How alike two sections are (difflib ratio of title and text together, 0–1); 0.0 when surely below NEAR."""
    left, right = f"{a.title}\n{a.text}", f"{b.title}\n{b.text}"
    if left == right:
        return 1.0
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    if matcher.real_quick_ratio() < NEAR or matcher.quick_ratio() < NEAR:
        return 0.0
    return matcher.ratio()


def removed(old: Period, new: Period, rev: str, old_sections: dict[str, Section], new_sections: dict[str, Section],
            recorded: set[str]) -> tuple[list[Finding], dict[str, Section]]:
    """(findings, {removed id: the section now under another id}) for the ids of old gone from new.

    recorded: the section ids new change-log entries name (removed on purpose: not reported). Codes:
    ``section-removed`` and ``document-removed`` (warnings), ``removed-reference`` (error; for a section
    under a new id the hint says to rename it back, as ``section-removed`` does).
    """
    findings = []
    gone_documents = {d for d in old.documents if d not in new.documents}
    gone_sections = {s for s in old_sections if s not in new_sections and s not in new.documents
                     and s not in new.guidelines}
    fresh = [s for s in new_sections.values() if s.id not in old_sections]
    moved_to: dict[str, Section] = {}
    for ident in sorted(gone_sections):
        section = old_sections[ident]
        best = max(fresh, key=lambda s: (similar(section, s), s.id), default=None)
        score = similar(section, best) if best else 0.0
        if score >= NEAR:
            moved_to[ident] = best
        if section.document_id in gone_documents and score < NEAR:
            continue  # reported once for the whole document below
        if ident in recorded and score < NEAR:
            continue  # removed on purpose: a new change-log entry names it
        document = new.documents.get(section.document_id)
        where = document.where.at("version") if document else new.where.file.where_key(("changelog",))
        heading = f" ({section.heading})" if section.heading else ""
        if score >= NEAR:
            kind = "identiskt" if score == 1.0 else "nästan identiskt"
            findings.append(warning(
                "section-removed", where,
                f"Avsnittet '{ident}'{heading} i '{section.document_id}' finns inte längre; ett {kind} avsnitt står nu "
                f"som '{best.id}' i '{best.document_id}'.",
                f"Ett avsnitt behåller sitt id när det flyttas eller numreras om: byt tillbaka '{best.id}' till "
                f"'{ident}', så fungerar länkar och jämförelser."))
        else:
            findings.append(warning(
                "section-removed", where,
                f"Avsnittet '{ident}'{heading} i '{section.document_id}' har tagits bort sedan {rev}.",
                f"Är borttagningen avsiktlig: nämn '{ident}' i ändringens sections, så står den i historiken."))
    for ident in sorted(gone_documents):
        findings.append(warning(
            "document-removed", new.where.file.where_key(("changelog",)),
            f"Dokumentet '{ident}' har tagits bort ur perioden {new.id} sedan {rev}.",
            "Kontrollera att borttagningen är avsiktlig och står i periodens changelog."))
    removed = gone_sections | gone_documents | {g for g in old.guidelines if g not in new.guidelines
                                                and g not in new.documents and g not in new_sections}
    for ref in iter_references(new):
        if ref.history or ref.ident not in removed:  # a change log naming a removed section records history
            continue
        moved = moved_to.get(ref.ident)
        findings.append(error(
            "removed-reference", ref.where,
            f"{ref.what} '{ref.ident}' har tagits bort sedan {rev}, men hänvisningen hit finns kvar.",
            f"Avsnittet står nu som '{moved.id}': byt tillbaka dess id till '{ref.ident}' (ett avsnitt behåller "
            "sitt id när det flyttas eller numreras om), så fungerar hänvisningen igen." if moved else
            "Ändra eller ta bort hänvisningen; ett avsnitt som andra hänvisar till kan inte tas bort ensamt."))
    return findings, moved_to
