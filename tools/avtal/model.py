"""The domain: periods, documents, sections, guidelines, statutes and terms.

Built from schema-valid files only; every object keeps its file and path so a
check can point at the line that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from .findings import Position
from .loader import LoadedFile, PathKey

STATUS_LABELS = {"gallande": "Gällande", "utkast": "Utkast", "upphavd": "Upphävd"}
KIND_LABELS = {
    "avtal": "Avtal", "avtalsdel": "Avtalsdel", "overenskommelse": "Överenskommelse", "strategi": "Strategi",
    "riktlinje": "Riktlinje", "rutin": "Rutin", "handbok": "Handbok", "vagledning": "Vägledning",
    "plan": "Lokal plan", "webbsida": "Webbsida", "forteckning": "Förteckning", "direktiv": "Direktiv",
}
LEVEL_LABELS = {"lansgemensam": "Länsgemensam", "delregional": "Delregional", "lokal": "Lokal"}
GUIDELINE_STATUS_LABELS = {"gallande": "Gällande", "okand": "Status okänd", "ersatt": "Ersatt", "upphavd": "Upphävd"}


@dataclass(frozen=True)
class Located:
    file: LoadedFile
    path: PathKey

    @property
    def position(self) -> Position:
        return self.file.where(self.path)

    def at(self, *more) -> Position:
        return self.file.where(self.path + tuple(more))


@dataclass(frozen=True)
class Note:
    kind: str
    text: str
    quote: str | None = None


@dataclass(frozen=True)
class ReadMore:
    title: str
    ref: str
    where: Located


@dataclass(frozen=True)
class Change:
    date: str
    version: str
    summary: str
    nature: str
    sections: tuple[str, ...] = ()
    decision: str | None = None
    derived_from: str | None = None


@dataclass
class Section:
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

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.sections:
            yield from child.walk()


@dataclass
class Document:
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

    @property
    def nav_title(self) -> str:
        return self.short_title or self.title

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def all_read_more(self) -> Iterator[tuple[Section | None, ReadMore]]:
        for item in self.read_more:
            yield None, item
        for section in self.walk():
            for item in section.read_more:
                yield section, item


@dataclass
class Guideline:
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
    owner: str | None = None
    url: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    changelog: list[Change] = field(default_factory=list)
    description: str | None = None
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class KeyTerm:
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
    id: str
    body: str
    date: str
    summary: str
    paragraph: str | None = None
    source: str | None = None


@dataclass
class Period:
    id: str
    title: str
    status: str
    valid_from: str
    valid_to: str
    agreement: str
    where: Located
    decisions: list[Decision] = field(default_factory=list)
    key_terms: list[KeyTerm] = field(default_factory=list)
    predecessor: dict = field(default_factory=dict)
    changes_from_predecessor: list[dict] = field(default_factory=list)
    changelog: list[Change] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    guidelines: dict[str, Guideline] = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def sections(self) -> Iterator[Section]:
        for document in self.documents.values():
            yield from document.walk()

    def section_index(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections()}

    def target(self, ident: str):
        """The document, guideline or section with this id, or None."""
        return self.documents.get(ident) or self.guidelines.get(ident) or self.section_index().get(ident)


@dataclass(frozen=True)
class Statute:
    id: str
    sfs: str
    kind: str
    title: str
    in_force_from: str
    where: Located
    short_name: str | None = None
    abbreviation: str | None = None
    aliases: tuple[str, ...] = ()
    repealed_from: str | None = None
    replaced_by: str | None = None
    chapters: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def url(self) -> str:
        return f"https://lagen.nu/{self.sfs}"


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    kind: str
    where: Located
    expansion: str | None = None
    definition: str | None = None
    defined_in: str | None = None
    statute: str | None = None
    synonyms: tuple[str, ...] = ()
    see: str | None = None


@dataclass
class Corpus:
    periods: dict[str, Period] = field(default_factory=dict)
    statutes: list[Statute] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    files: list[LoadedFile] = field(default_factory=list)


# --- construction from schema-valid data ---------------------------------

def _notes(items) -> list[Note]:
    return [Note(n["kind"], n["text"], n.get("quote")) for n in items or ()]


def _changes(items) -> list[Change]:
    return [Change(c["date"], c["version"], c["summary"], c["nature"], tuple(c.get("sections", ())),
                   c.get("decision"), c.get("derived_from")) for c in items or ()]


def _read_more(items, file: LoadedFile, path: PathKey) -> list[ReadMore]:
    return [ReadMore(r["title"], r["ref"], Located(file, path + (i,))) for i, r in enumerate(items or ())]


def _section(data: dict, document_id: str, file: LoadedFile, path: PathKey, depth: int) -> Section:
    return Section(
        id=data["id"], title=data["title"], document_id=document_id, where=Located(file, path),
        number=data.get("number"), text=data.get("text", ""),
        read_more=_read_more(data.get("read_more"), file, path + ("read_more",)),
        sections=[_section(s, document_id, file, path + ("sections", i), depth + 1)
                  for i, s in enumerate(data.get("sections", ()))],
        notes=_notes(data.get("notes")), depth=depth)


def document_from(file: LoadedFile, period_id: str) -> Document:
    d = file.data
    return Document(
        id=d["id"], kind=d["kind"], title=d["title"], version=d["version"], valid_from=d["valid_from"],
        valid_to=d["valid_to"], period_id=period_id, where=Located(file, ()), number=d.get("number"),
        short_title=d.get("short_title"), parent=d.get("parent"), read_with=list(d.get("read_with", ())),
        changelog=_changes(d.get("changelog")), cover=dict(d.get("cover", {})), intro=d.get("intro", ""),
        read_more=_read_more(d.get("read_more"), file, ("read_more",)),
        sections=[_section(s, d["id"], file, ("sections", i), 1) for i, s in enumerate(d["sections"])],
        notes=_notes(d.get("notes")))


def guideline_from(file: LoadedFile, period_id: str) -> Guideline:
    d = file.data
    return Guideline(
        id=d["id"], kind=d["kind"], level=d["level"], title=d["title"], parent=d["parent"], status=d["status"],
        version=d["version"], period_id=period_id, where=Located(file, ()),
        implements=list(d.get("implements", ())), owner=d.get("owner"), url=d.get("url"),
        valid_from=d.get("valid_from"), valid_to=d.get("valid_to"), changelog=_changes(d.get("changelog")),
        description=d.get("description"), notes=_notes(d.get("notes")))


def period_from(file: LoadedFile) -> Period:
    d = file.data
    return Period(
        id=d["id"], title=d["title"], status=d["status"], valid_from=d["valid_from"], valid_to=d["valid_to"],
        agreement=d["agreement"], where=Located(file, ()),
        decisions=[Decision(x["id"], x["body"], x["date"], x["summary"], x.get("paragraph"), x.get("source"))
                   for x in d.get("decisions", ())],
        key_terms=[KeyTerm(k["id"], k["label"], k["type"], k["value"], k["text"], k["clause"],
                           Located(file, ("key_terms", i)), k.get("unit"), k.get("document"))
                   for i, k in enumerate(d.get("key_terms", ()))],
        predecessor=dict(d.get("predecessor", {})),
        changes_from_predecessor=list(d.get("changes_from_predecessor", ())),
        changelog=_changes(d.get("changelog")), notes=_notes(d.get("notes")))


def statutes_from(file: LoadedFile) -> list[Statute]:
    return [Statute(
        id=s["id"], sfs=s["sfs"], kind=s["kind"], title=s["title"], in_force_from=s["in_force_from"],
        where=Located(file, ("statutes", i)), short_name=s.get("short_name"), abbreviation=s.get("abbreviation"),
        aliases=tuple(s.get("aliases", ())), repealed_from=s.get("repealed_from"), replaced_by=s.get("replaced_by"),
        chapters=tuple(s.get("chapters", ())), notes=tuple(_notes(s.get("notes"))))
        for i, s in enumerate(file.data["statutes"])]


def terms_from(file: LoadedFile) -> list[Term]:
    return [Term(
        id=t["id"], term=t["term"], kind=t["kind"], where=Located(file, ("terms", i)),
        expansion=t.get("expansion"), definition=t.get("definition"), defined_in=t.get("defined_in"),
        statute=t.get("statute"), synonyms=tuple(t.get("synonyms", ())), see=t.get("see"))
        for i, t in enumerate(file.data["terms"])]
