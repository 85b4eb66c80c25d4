"""The model built from files that passed the schema: one function per kind of file.

Each function reads a ``LoadedFile`` whose data follows its schema and returns model
objects that remember their file and path (``model.Located``).
"""

from __future__ import annotations

from ..model import (Change, Decision, Document, Event, Guideline, KeyTerm, Located, Note, Period, ReadMore,
                     Section, Text)
from ..registers import StaffWord, Statute, Term
from ..findings import Reviewed
from ..responsibility import Actor, Area, Responsibility, Topic
from ..sourcefile import LoadedFile, PathKey
from .texts import text_fields


def _texts(kind: str, file: LoadedFile, document: Document | Guideline | None = None) -> list[Text]:
    """Every text field of the file (found by its schema), each with the section that holds it."""
    sections = {s.where.path: s for s in document.walk()} if document is not None else {}
    out = []
    for path, raw, markup in text_fields(kind, file.data):
        section = next((sections[path[:n]] for n in range(len(path) - 1, 0, -1) if path[:n] in sections), None)
        out.append(Text(raw, markup, file, path, document, section))
    return out


def texts_of(kind: str, file: LoadedFile) -> list[Text]:
    """Every text field of a file of kind that stands outside any document (a decision's, the period's)."""
    return _texts(kind, file)


def _notes(items) -> list[Note]:
    return [Note(n["kind"], n["text"], n.get("quote")) for n in items or ()]


def _changes(items, file: LoadedFile, path: PathKey = ("changelog",)) -> list[Change]:
    return [Change(str(c["date"]), c["version"], c["summary"], c["nature"], tuple(c.get("sections", ())),
                   c.get("decision"), c.get("derived_from"), where=Located(file, path + (i,)))
            for i, c in enumerate(items or ())]


def _decision(x: dict, where: Located) -> Decision:
    return Decision(x["id"], x["body"], str(x["date"]), x["summary"], x.get("paragraph"), x.get("source"), where)


def change_from(file: LoadedFile) -> Change:
    """The Change of a schema-valid change file (``andringar/``): its ``target`` the id it changes, its
    version not yet known ("": ``load.changes`` gives it)."""
    c = file.data
    return Change(str(c["date"]), "", c["summary"], c["nature"], tuple(c.get("sections", ())), c.get("decision"),
                  target=c["document"], where=Located(file, ()))


def decision_from(file: LoadedFile) -> Decision:
    """The Decision of a schema-valid decision file (``beslut/``)."""
    return _decision(file.data, Located(file, ()))


def _read_more(items, file: LoadedFile, path: PathKey) -> list[ReadMore]:
    return [ReadMore(r["title"], r["ref"], Located(file, path + (i,))) for i, r in enumerate(items or ())]


def _responsibilities(items, section_id: str, document_id: str, file: LoadedFile,
                      path: PathKey) -> list[Responsibility]:
    """The statements as written; ``load.responsibilities.resolve`` adds their party, heading and unit."""
    return [Responsibility(
        topic=r["topic"], kind=r["kind"], quote=r["quote"], section=section_id, document=document_id,
        where=Located(file, path + (i,)), tagged=r.get("party"), actor=r.get("actor"),
        levels=tuple(r.get("levels", ())), across_heading=r.get("across_heading"),
        unclassified=r.get("unclassified"), notes=_notes(r.get("notes")))
        for i, r in enumerate(items or ())]


def _section(data: dict, document_id: str, file: LoadedFile, path: PathKey, depth: int) -> Section:
    return Section(
        id=data["id"], title=data["title"], document_id=document_id, where=Located(file, path),
        number=data.get("number"), text=data.get("text", ""),
        read_more=_read_more(data.get("read_more"), file, path + ("read_more",)),
        sections=[_section(s, document_id, file, path + ("sections", i), depth + 1)
                  for i, s in enumerate(data.get("sections", ()))],
        notes=_notes(data.get("notes")), depth=depth,
        responsibilities=_responsibilities(data.get("responsibilities"), data["id"], document_id, file,
                                           path + ("responsibilities",)))


def document_from(file: LoadedFile, period_id: str) -> Document:
    """The Document of a schema-valid document file, with its sections and texts.

    Raises KeyError, TypeError or AttributeError on data that lacks what the model needs (only a lenient
    load passes such data; ``load.corpus`` turns that into UnusableCorpus). So do the other ``*_from``.
    """
    d = file.data
    document = Document(
        id=d["id"], kind=d["kind"], title=d["title"], version=d["version"], valid_from=d["valid_from"],
        valid_to=d["valid_to"], period_id=period_id, where=Located(file, ()), number=d.get("number"),
        short_title=d.get("short_title"), parent=d.get("parent"), read_with=list(d.get("read_with", ())),
        changelog=_changes(d.get("changelog"), file), cover=dict(d.get("cover", {})), intro=d.get("intro", ""),
        read_more=_read_more(d.get("read_more"), file, ("read_more",)),
        sections=[_section(s, d["id"], file, ("sections", i), 1) for i, s in enumerate(d["sections"])],
        notes=_notes(d.get("notes")))
    document.texts = _texts("document", file, document)
    return document


def guideline_from(file: LoadedFile, period_id: str) -> Guideline:
    """The Guideline of a schema-valid file under ``riktlinjer/``, with its texts."""
    d = file.data
    guideline = Guideline(
        id=d["id"], kind=d["kind"], level=d["level"], title=d["title"], parent=d["parent"], status=d["status"],
        version=d["version"], period_id=period_id, where=Located(file, ()),
        implements=list(d.get("implements", ())), area=d.get("area"),
        sections=[_section(s, d["id"], file, ("sections", i), 1) for i, s in enumerate(d.get("sections", ()))],
        owner=d.get("owner"), url=d.get("url"),
        valid_from=d.get("valid_from"), valid_to=d.get("valid_to"), review_by=d.get("review_by"),
        changelog=_changes(d.get("changelog"), file), description=d.get("description"), notes=_notes(d.get("notes")))
    guideline.texts = _texts("guideline", file, guideline)
    return guideline


def period_from(file: LoadedFile) -> Period:
    """The Period of a schema-valid period.yaml, without documents or guidelines (``load.corpus`` adds them)."""
    d = file.data
    period = Period(
        id=d["id"], title=d["title"], valid_from=d["valid_from"], valid_to=d["valid_to"],
        agreement=d["agreement"], where=Located(file, ()), term=dict(d.get("term", {})),
        events=[Event(e["kind"], str(e["date"]), Located(file, ("events", i)), e.get("party"), e.get("decision"))
                for i, e in enumerate(d.get("events", ()))],
        decisions=[_decision(x, Located(file, ("decisions", i))) for i, x in enumerate(d.get("decisions", ()))],
        key_terms=[KeyTerm(k["id"], k["label"], k["type"], k["value"], k["text"], k["clause"],
                           Located(file, ("key_terms", i)), k.get("unit"), k.get("document"))
                   for i, k in enumerate(d.get("key_terms", ()))],
        predecessor=dict(d.get("predecessor", {})),
        changes_from_predecessor=list(d.get("changes_from_predecessor", ())),
        changelog=_changes(d.get("changelog"), file), notes=_notes(d.get("notes")))
    period.own_texts = _texts("period", file)
    return period


def statutes_from(file: LoadedFile) -> list[Statute]:
    """The acts of the statute register (lagar.yaml), in file order."""
    return [Statute(
        id=s["id"], sfs=s["sfs"], kind=s["kind"], title=s["title"], in_force_from=s["in_force_from"],
        where=Located(file, ("statutes", i)), short_name=s.get("short_name"), abbreviation=s.get("abbreviation"),
        aliases=tuple(s.get("aliases", ())), repealed_from=s.get("repealed_from"), replaced_by=s.get("replaced_by"),
        chapters=tuple(s.get("chapters", ())), notes=tuple(_notes(s.get("notes"))), source=s.get("source"),
        sections=tuple(s.get("sections", ())), chaptered=bool(s.get("chaptered", False)))
        for i, s in enumerate(file.data["statutes"])]


def terms_from(file: LoadedFile) -> list[Term]:
    """The entries of the glossary (begrepp.yaml), in file order."""
    return [Term(
        id=t["id"], term=t["term"], kind=t["kind"], where=Located(file, ("terms", i)),
        expansion=t.get("expansion"), definition=t.get("definition"), defined_in=t.get("defined_in"),
        statute=t.get("statute"), synonyms=tuple(t.get("synonyms", ())), see=t.get("see"),
        notes=tuple(_notes(t.get("notes"))),
        staff_words=tuple(StaffWord(w["word"], w["reason"], tuple(w.get("see", ()))) for w in t.get("staff_words", ())))
        for i, t in enumerate(file.data["terms"])]


def topics_from(file: LoadedFile) -> list[Topic]:
    """The topics of the responsibility register (ansvar.yaml), in file order."""
    return [Topic(t["id"], t["title"], Located(file, ("topics", i)), t.get("description"),
                  tuple(t.get("synonyms", ()))) for i, t in enumerate(file.data["topics"])]


def actors_from(file: LoadedFile) -> list[Actor]:
    """The actors of the responsibility register (ansvar.yaml), in file order."""
    return [Actor(a["id"], a["name"], a["party"], a["basis"], Located(file, ("actors", i)))
            for i, a in enumerate(file.data["actors"])]


def areas_from(file: LoadedFile) -> list[Area]:
    """The delregioner and närområden of the area register (omraden.yaml), in file order."""
    return [Area(a["id"], a["name"], a["kind"], a["source"], Located(file, ("areas", i)), a.get("part_of"),
                 tuple(_notes(a.get("notes")))) for i, a in enumerate(file.data["areas"])]


def reviewed_from(file: LoadedFile) -> list[Reviewed]:
    """The entries of granskade.yaml (findings the working group has reviewed), in file order."""
    return [Reviewed(code=r["code"], file=r["file"], reason=r["reason"], date=r["date"],
                     position=file.where(("reviewed", i)), id=r.get("id"), by=r.get("by"),
                     count=r.get("count", 1))
            for i, r in enumerate(file.data["reviewed"])]
