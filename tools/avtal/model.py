"""The domain: periods, documents, sections, guidelines (the registers' statutes and terms: ``registers``).

Built from schema-valid files only; every object keeps its file and path so a
check can point at the line that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from .dates import DateSpan, date_span
from .findings import Position, Reviewed
from .sourcefile import LoadedFile, PathKey

if TYPE_CHECKING:
    from .registers import Statute, Term
    from .responsibility import Actor, Area, Responsibility, Topic  # a layer up, with the rules that read them

KIND_LABELS = {
    "avtal": "Avtal", "avtalsdel": "Avtalsdel", "overenskommelse": "Överenskommelse", "strategi": "Strategi",
    "riktlinje": "Riktlinje", "rutin": "Rutin", "handbok": "Handbok", "vagledning": "Vägledning",
    "plan": "Lokal plan", "webbsida": "Webbsida", "forteckning": "Förteckning", "direktiv": "Direktiv",
}
LEVEL_LABELS = {"lansgemensam": "Länsgemensam", "delregional": "Delregional", "lokal": "Lokal"}
GUIDELINE_STATUS_LABELS = {"gallande": "Gällande", "okand": "Status okänd", "ersatt": "Ersatt", "upphavd": "Upphävd"}
#: Reading order of a period's documents by kind: the agreement, its parts (A, B), the arrangements (C),
#: then the strategy adopted beside it.
DOCUMENT_ORDER = {"avtal": 0, "avtalsdel": 1, "overenskommelse": 2, "strategi": 3}


@dataclass(frozen=True)
class Located:
    """Where a model object stands: its file and the path of its data in that file."""

    file: LoadedFile
    path: PathKey

    @property
    def position(self) -> Position:
        """The position of the object itself (the start of its data)."""
        return self.file.where(self.path)

    def at(self, *more) -> Position:
        """The position of a field below the object, e.g. ``at("parent")`` or ``at("changelog", 0, "decision")``."""
        return self.file.where(self.path + tuple(more))


@dataclass(frozen=True)
class Text:
    """One text field of a period: the words as written, where they stand and whose they are.

    Found by the schemas (``load.texts``): ``markup`` is True for the Markdown subset (links,
    key terms, statute citations, läs mer stars), False for plain text (titles, labels,
    descriptions). ``document`` is the Document or Guideline the text belongs to (None for the
    period manifest's own texts), ``section`` the Section (None outside sections).
    """

    raw: str
    markup: bool
    file: LoadedFile
    path: PathKey
    document: "Document | Guideline | None" = field(default=None, compare=False, repr=False)
    section: "Section | None" = field(default=None, compare=False, repr=False)

    @property
    def field(self) -> str:
        """The field's name: the last key of its path (``text``, ``title``, ``summary`` …)."""
        return next((k for k in reversed(self.path) if isinstance(k, str)), "")

    @property
    def editorial(self) -> bool:
        """An editor's note, a change-log entry or a responsibility statement: words about the agreement, not of it."""
        return "notes" in self.path or "changelog" in self.path or "responsibilities" in self.path

    @property
    def heading(self) -> bool:
        """A title of the document, a section or a läs mer link (shown as a heading or link, not as text)."""
        return self.field in ("title", "short_title") and "cover" not in self.path

    def where(self, offset: int = 0) -> Position:
        """The position of character offset of the text in its file (line and column as editors count)."""
        return self.file.where_in_text(self.path, offset)


@dataclass(frozen=True)
class Note:
    """An editor's note on the source (kind: stavfel, numrering, textuttag, innehall, lag); not agreement text."""

    kind: str
    text: str
    quote: str | None = None


@dataclass(frozen=True)
class ReadMore:
    """A "Läs mer" link of the source: its title and the id it points to (``ref``)."""

    title: str
    ref: str
    where: Located


@dataclass(frozen=True)
class Change:
    """One change-log entry; ``nature`` is materiell or redaktionell, ``sections`` the ids it names.

    An entry is written in its document's ``changelog`` (``target`` None), or as a change file of its own
    under ``<period>/andringar/`` (``target`` the id of the document, guideline or period it changes): the
    change file's version is not written but follows from the order of the changes (``load.changes``).
    ``where`` is the entry itself (the change file's root for a change file), for findings.
    """

    date: str  # as written, with its precision (avtal.dates): "2022-03-18", "2022-06", "2022-06-13/14"
    version: str
    summary: str
    nature: str
    sections: tuple[str, ...] = ()
    decision: str | None = None
    derived_from: str | None = None
    target: str | None = None
    where: "Located | None" = field(default=None, compare=False, repr=False)

    @property
    def source(self) -> str | None:
        """The change file's path (as findings show it) for an entry of its own, else None."""
        return self.where.file.path if self.target is not None and self.where is not None else None

    @property
    def key(self) -> str | None:
        """The change file's path without a revision prefix (``main:agreement/…`` → ``agreement/…``), the
        same on every side of a comparison; None for an entry in a change log. Paths under agreement/ are
        ids and hold no colon, so the prefix is what precedes the last one."""
        return self.source.rpartition(":")[2] if self.source else None

    @property
    def when(self) -> DateSpan | None:
        """The date with its precision; None when it names no real day (``check.dates`` reports it)."""
        return date_span(self.date)


@dataclass
class Section:
    """A section of a document with its sections under it; ``depth`` is 1 for a document's top sections."""

    id: str
    title: str
    document_id: str
    where: Located
    number: str | None = None
    text: str = ""
    read_more: list[ReadMore] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    depth: int = 1
    responsibilities: list["Responsibility"] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """Number and title as a heading shows them ("B.3 Hjälpmedel"), or the title alone."""
        return f"{self.number} {self.title}" if self.number else self.title

    def walk(self) -> Iterator["Section"]:
        """This section and every section under it, depth first, in file order."""
        yield self
        for child in self.sections:
            yield from child.walk()


@dataclass
class Document:
    """A document of a period (the agreement, Del A, Del B, an arrangement, the strategy); dates are ISO strings."""

    id: str
    kind: str
    title: str
    version: str
    valid_from: str
    valid_to: str
    period_id: str
    where: Located
    number: str | None = None
    short_title: str | None = None
    parent: str | None = None
    read_with: list[str] = field(default_factory=list)
    changelog: list[Change] = field(default_factory=list)
    cover: dict = field(default_factory=dict)
    intro: str = ""
    read_more: list[ReadMore] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list, compare=False, repr=False)  # every text field, in file order

    @property
    def nav_title(self) -> str:
        """The short title when there is one (navigation, diagram), else the title."""
        return self.short_title or self.title

    def walk(self) -> Iterator[Section]:
        """Every section of the document, depth first, in file order."""
        for section in self.sections:
            yield from section.walk()

    def all_read_more(self) -> Iterator[tuple[Section | None, ReadMore]]:
        """(section, läs mer link) of every link, the document's own first (section None)."""
        for item in self.read_more:
            yield None, item
        for section in self.walk():
            for item in section.read_more:
                yield section, item


@dataclass
class Guideline:
    """A governing document under the agreement (riktlinje, rutin, plan …) as the period's register lists it."""

    id: str
    kind: str
    level: str
    title: str
    parent: str
    status: str
    version: str
    period_id: str
    where: Located
    implements: list[str] = field(default_factory=list)
    area: str | None = None  # an id in the area register (agreement/register/omraden.yaml)
    sections: list[Section] = field(default_factory=list)  # the body, when its text is known
    owner: str | None = None
    url: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    review_by: str | None = None  # when it is due for revision, where known
    changelog: list[Change] = field(default_factory=list)
    description: str | None = None
    notes: list[Note] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list, compare=False, repr=False)  # every text field, in file order

    walk = Document.walk  # every section of its body (none for a title-and-address entry), depth first


@dataclass(frozen=True)
class KeyTerm:
    """A typed value of the period, shown in the text as ``{{id}}``: value, wording, the section (clause) stating it."""

    id: str
    label: str
    type: str
    value: object
    text: str
    clause: str
    where: Located
    unit: str | None = None
    document: str | None = None


@dataclass(frozen=True)
class Decision:
    """A decision behind the period (body, ISO date, paragraph such as "§ 123")."""

    id: str
    body: str
    date: str  # as written, with its precision (avtal.dates)
    summary: str
    paragraph: str | None = None
    source: str | None = None
    where: "Located | None" = field(default=None, compare=False, repr=False)  # in period.yaml or beslut/

    @property
    def when(self) -> DateSpan | None:
        """The date with its precision; None when it names no real day (``check.dates`` reports it)."""
        return date_span(self.date)


EVENT_KINDS = {"antagande": "antaget", "uppsagning": "uppsagt", "forlangning": "förlängt", "ersatt": "ersatt"}


@dataclass(frozen=True)
class Event:
    """Something that happened to the period: its adoption, a notice, an extension, its replacement.

    kind: one of EVENT_KINDS; party: who (a body or a party), decision: the id of the decision in
    the period's decisions that records it, where there is one.
    """

    kind: str
    date: str  # as written, with its precision (avtal.dates)
    where: "Located"
    party: str | None = None
    decision: str | None = None

    @property
    def when(self) -> DateSpan | None:
        """The date with its precision; None when it names no real day."""
        return date_span(self.date)


@dataclass
class Period:
    """A contract period (``2023-2026``): its manifest's data and its documents and guidelines by id, in file order."""

    id: str
    title: str
    valid_from: str
    valid_to: str
    agreement: str
    where: Located
    term: dict = field(default_factory=dict)  # {"dates", "notice", "extension": key term id}: see avtal.status
    events: list[Event] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    key_terms: list[KeyTerm] = field(default_factory=list)
    predecessor: dict = field(default_factory=dict)
    changes_from_predecessor: list[dict] = field(default_factory=list)
    changelog: list[Change] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)  # the change files (andringar/), in version order
    documents: dict[str, Document] = field(default_factory=dict)
    guidelines: dict[str, Guideline] = field(default_factory=dict)
    own_texts: list[Text] = field(default_factory=list, compare=False, repr=False)  # period.yaml's text fields
    # True when period.yaml could not be used: the period stands in from its folder's name so that its documents
    # are still checked (``load.corpus.stand_in``); what needs the manifest is not checked against it
    stand_in: bool = field(default=False, compare=False)

    def texts(self, markup: bool | None = None, editorial: bool = False) -> Iterator[Text]:
        """Every text field of the period, in file order: period.yaml's, each document's, each guideline's.

        The one walker over the text: checks and renderers read texts here, never by field name.
        markup: only the Markdown subset (True) or only plain text (False); editorial: also editors'
        notes and change-log summaries (words about the agreement, not of it).
        """
        items = [self.own_texts, *(d.texts for d in self.documents.values()),
                 *(g.texts for g in self.guidelines.values())]
        for texts in items:
            for text in texts:
                if (markup is None or text.markup == markup) and (editorial or not text.editorial):
                    yield text

    def sections(self) -> Iterator[Section]:
        """Every section of every document, document by document in file order."""
        for document in self.documents.values():
            yield from document.walk()

    def section_index(self) -> dict[str, Section]:
        """{section id: section}; built anew on each call, so keep it when calling in a loop."""
        return {s.id: s for s in self.sections()}

    def target(self, ident: str):
        """The document, guideline or section with this id, or None."""
        return self.documents.get(ident) or self.guidelines.get(ident) or self.section_index().get(ident)

    def ordered_documents(self) -> list[Document]:
        """Agreement, its parts (A, B), the arrangements (C) in source order, then the strategy.

        A kind outside DOCUMENT_ORDER (a historical revision may hold one) goes last, in file order.
        """
        source_order = {ident: i for i, ident in enumerate(self.documents)}
        return sorted(self.documents.values(), key=lambda d: (DOCUMENT_ORDER.get(d.kind, len(DOCUMENT_ORDER)),
                                                              d.number or "", source_order[d.id]))


@dataclass
class Corpus:
    """Everything loaded: periods by id, the statute register, the glossary, and every file that was read."""

    periods: dict[str, Period] = field(default_factory=dict)
    statutes: list[Statute] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    files: list[LoadedFile] = field(default_factory=list)
    reviewed: list[Reviewed] = field(default_factory=list)  # agreement/granskade.yaml
    topics: list["Topic"] = field(default_factory=list)  # agreement/register/ansvar.yaml
    actors: list["Actor"] = field(default_factory=list)
    areas: list["Area"] = field(default_factory=list)  # agreement/register/omraden.yaml
