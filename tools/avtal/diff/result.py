"""What a comparison finds: ``PeriodDiff`` and the changes it holds, with the labels a reader sees."""

from __future__ import annotations

from dataclasses import dataclass


# Labels as the reader sees them.
ADDED = "tillagd"
REMOVED = "borttagen"
MOVED = "flyttad"
RENUMBERED = "omnumrerad"
RETITLED = "ny rubrik"
CHANGED = "ändrad text"
FIELDS_CHANGED = "ändrade uppgifter"
SECTION_LABELS = (ADDED, REMOVED, MOVED, RENUMBERED, RETITLED, CHANGED, FIELDS_CHANGED)

# Statute reference changes.
REPLACED = "ersatt"  # a repealed act replaced by its successor (per the register)
OTHER_PLACE = "ändrat lagrum"  # same act, other chapter/section



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
        """Whether any run is deleted or inserted (a moved unit may have none)."""
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
        """Number and title ("B.3 Hjälpmedel"), or the title alone."""
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class SectionChange:
    """A section added (old None), removed (new None) or changed; labels from SECTION_LABELS, in that order."""

    labels: tuple[str, ...]
    old: SectionRef | None
    new: SectionRef | None
    units: tuple[UnitChange, ...] = ()
    matched_by: str | None = None  # id, rubrik, text (how old and new were paired)
    fields: tuple["FieldChange", ...] = ()  # läs mer and any other field (diff.fields), link targets in the text

    @property
    def ref(self) -> SectionRef:
        """The new side's place, or the old one's for a removed section."""
        return self.new or self.old

    @property
    def only_renumbered(self) -> bool:
        """Nothing changed but the number (the formats gather these in one line)."""
        return self.labels == (RENUMBERED,)


@dataclass(frozen=True)
class FieldChange:
    """A changed field of a document or guideline, old and new as shown (None for no value)."""

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
    """A document or guideline added, removed, retitled, or with changed fields or own texts."""

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
        """The new id, or the old one for a removed document."""
        return self.new_id or self.old_id

    @property
    def title(self) -> str:
        """The new title, or the old one for a removed document."""
        return self.new_title or self.old_title


@dataclass(frozen=True)
class KeyTermChange:
    """A key term added, removed or changed (value, wording or unit); values as in period.yaml."""

    id: str
    label: str
    status: str  # ändrad, tillagd, borttagen
    old_text: str | None
    new_text: str | None
    old_value: object = None
    new_value: object = None
    clause: str | None = None  # heading of the section that states the value
    old_unit: str | None = None
    new_unit: str | None = None


@dataclass(frozen=True)
class ActLabel:
    """An act as a reader knows it: its SFS number (None when unknown) and a label."""

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
    """The changed references to one act (or from an act to its successor), by section."""

    kind: str  # ersatt, ändrat lagrum, tillagd, borttagen
    old_act: ActLabel | None
    new_act: ActLabel | None
    places: tuple[CitationPlace, ...]

    @property
    def count(self) -> int:
        """How many references changed: per place the larger of the old and new number."""
        return sum(max(len(p.old), len(p.new)) for p in self.places)


@dataclass(frozen=True)
class Side:
    """What one side of a comparison is: a period, or a document or section in it, with the period's dates."""

    label: str  # as given: 2023-2026, HEAD~1:2023-2026:del-b
    period_id: str
    title: str
    status: str  # the period's status code today (avtal.status): utkast, kommande, gallande, forlangd, upphord
    valid_from: str
    valid_to: str
    scope: str = "period"  # period, document, section
    target_id: str | None = None
    target_title: str | None = None
    status_label: str = ""  # the status in Swedish ("Gällande" …)


@dataclass(frozen=True)
class PeriodDiff:
    """The whole result of a comparison, in report order; every format prints one of these."""

    old: Side
    new: Side
    key_terms: tuple[KeyTermChange, ...] = ()
    documents: tuple[DocumentChange, ...] = ()
    statutes: tuple[StatuteChange, ...] = ()
    sections: tuple[SectionChange, ...] = ()
    citations_checked: bool = True  # False when no statute register was given

    @property
    def empty(self) -> bool:
        """Nothing changed."""
        return not (self.key_terms or self.documents or self.statutes or self.sections)

    def counts(self) -> dict:
        """{"key_terms", "documents", "statutes", "sections": int, "labels": {label: sections}} (non-zero labels)."""
        labels = {label: sum(1 for c in self.sections if label in c.labels) for label in SECTION_LABELS}
        return {"key_terms": len(self.key_terms), "documents": len(self.documents),
                "statutes": sum(c.count for c in self.statutes), "sections": len(self.sections),
                "labels": {k: v for k, v in labels.items() if v}}
