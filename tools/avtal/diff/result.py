"""What a comparison finds: ``PeriodDiff`` and the changes it holds, with the labels a reader sees."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import STATUS_LABELS

# Labels as the reader sees them.
ADDED = "tillagd"
REMOVED = "borttagen"
MOVED = "flyttad"
RENUMBERED = "omnumrerad"
RETITLED = "ny rubrik"
CHANGED = "ändrad text"
FIELDS_CHANGED = "ändrade uppgifter"
SECTION_LABELS = (ADDED, REMOVED, MOVED, RENUMBERED, RETITLED, CHANGED)

# Statute reference changes.
REPLACED = "ersatt"  # a repealed act replaced by its successor (per the register)
OTHER_PLACE = "ändrat lagrum"  # same act, other chapter/section

# Likeness thresholds (difflib ratios, 0–1).
TEXT_MATCH = 0.6  # sections whose texts are this alike are the same section
TEXT_MATCH_SAME_TITLE = 0.3  # ... or this alike when the titles are alike too
TITLE_MATCH = 0.8
UNIT_CHANGED = 0.5  # a unit this alike to one in the same place was edited, not replaced
UNIT_MOVED = 0.75  # a unit this alike to one elsewhere in the section was moved (and edited)
MAX_LIKENESS_PAIRS = 200_000  # beyond this many candidate pairs, match by title and exact text only


@dataclass(frozen=True)
class Segment:
    """A run of words: "=" unchanged, "-" deleted, "+" inserted.

    ``space_before`` is False when the run continues the previous one without a space
    (a full stop or a closing parenthesis after a changed word).
    """

    op: str
    text: str
    space_before: bool = True


@dataclass(frozen=True)
class UnitChange:
    """One paragraph or list item that changed inside a section."""

    status: str  # ändrad, tillagd, borttagen, flyttad
    kind: str  # stycke, punkt (punkt2, punkt3 for nested items)
    old_number: int | None  # 1-based among the paragraphs, or among the list items, of the old text
    new_number: int | None
    segments: tuple[Segment, ...]

    @property
    def changed_words(self) -> bool:
        return any(s.op != "=" for s in self.segments)


@dataclass(frozen=True)
class SectionRef:
    """Where a section stands on one side."""

    id: str
    title: str
    number: str | None
    document_id: str
    document_title: str
    parent_id: str | None
    parent_heading: str | None
    position: int  # 1-based among its siblings

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class SectionChange:
    labels: tuple[str, ...]
    old: SectionRef | None
    new: SectionRef | None
    units: tuple[UnitChange, ...] = ()
    matched_by: str | None = None  # id, rubrik, text (how old and new were paired)

    @property
    def ref(self) -> SectionRef:
        return self.new or self.old

    @property
    def only_renumbered(self) -> bool:
        return self.labels == (RENUMBERED,)


@dataclass(frozen=True)
class FieldChange:
    label: str  # Swedish field name
    old: str | None
    new: str | None


@dataclass(frozen=True)
class TextPart:
    """A document's own text outside its sections (cover text, introduction)."""

    name: str  # försättsblad, inledning
    units: tuple[UnitChange, ...]


@dataclass(frozen=True)
class DocumentChange:
    kind: str  # dokument, riktlinje
    labels: tuple[str, ...]
    old_id: str | None
    new_id: str | None
    type_label: str  # Avtalsdel, Överenskommelse, Riktlinje …
    old_title: str | None
    new_title: str | None
    fields: tuple[FieldChange, ...] = ()
    parts: tuple[TextPart, ...] = ()
    sections: int = 0  # number of sections of an added or removed document

    @property
    def id(self) -> str:
        return self.new_id or self.old_id

    @property
    def title(self) -> str:
        return self.new_title or self.old_title


@dataclass(frozen=True)
class KeyTermChange:
    id: str
    label: str
    status: str  # ändrad, tillagd, borttagen
    old_text: str | None
    new_text: str | None
    old_value: object = None
    new_value: object = None
    clause: str | None = None  # heading of the section that states the value


@dataclass(frozen=True)
class ActLabel:
    sfs: str | None
    label: str  # "socialtjänstlag (2025:400)", "HSL (2017:30)"


@dataclass(frozen=True)
class CitationPlace:
    """The references to one act that changed in one section."""

    section_id: str
    heading: str
    document_title: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class StatuteChange:
    kind: str  # ersatt, ändrat lagrum, tillagd, borttagen
    old_act: ActLabel | None
    new_act: ActLabel | None
    places: tuple[CitationPlace, ...]

    @property
    def count(self) -> int:
        return sum(max(len(p.old), len(p.new)) for p in self.places)


@dataclass(frozen=True)
class Side:
    label: str  # as given: 2023-2026, HEAD~1:2023-2026:del-b
    period_id: str
    title: str
    status: str
    valid_from: str
    valid_to: str
    scope: str = "period"  # period, document, section
    target_id: str | None = None
    target_title: str | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class PeriodDiff:
    old: Side
    new: Side
    key_terms: tuple[KeyTermChange, ...] = ()
    documents: tuple[DocumentChange, ...] = ()
    statutes: tuple[StatuteChange, ...] = ()
    sections: tuple[SectionChange, ...] = ()
    citations_checked: bool = True  # False when no statute register was given

    @property
    def empty(self) -> bool:
        return not (self.key_terms or self.documents or self.statutes or self.sections)

    def counts(self) -> dict:
        labels = {label: sum(1 for c in self.sections if label in c.labels) for label in SECTION_LABELS}
        return {"key_terms": len(self.key_terms), "documents": len(self.documents),
                "statutes": sum(c.count for c in self.statutes), "sections": len(self.sections),
                "labels": {k: v for k, v in labels.items() if v}}
