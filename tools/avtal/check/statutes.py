"""Statutory references in the corpus: find them, check them against the register.

The parser (avtal.cite) knows nothing of the model; this module feeds it
the register and every text in the Markdown subset (``Period.texts``), and turns
what it finds into findings with exact positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .. import cite
from ..cite import index_from_register
from ..load.texts import citing_fields
from ..findings import Finding, Position, capped, error, hint, warning
from ..dates import DateSpan
from ..model import Corpus, Document, Guideline, Period, Section, Text
from ..registers import Statute


@dataclass(frozen=True)
class CitedAt:
    """One citation in the corpus, with the text it stands in and the dates that text is valid."""

    citation: cite.Citation
    text: Text
    valid_from: str  # the document's dates, or the period's for period.yaml's own texts
    valid_to: str
    introduced: DateSpan | None = None  # the date of the change that brought the citing text (introduced_by)

    @property
    def position(self) -> Position:
        """Where the citation starts in its file."""
        return self.text.where(self.citation.start)

    @property
    def document(self) -> Document | Guideline | None:
        """The document or guideline the citing text belongs to (None for period.yaml's)."""
        return self.text.document

    @property
    def section(self) -> Section | None:
        """The section the citing text stands in, if any."""
        return self.text.section


def cited(period: Period, index: cite.StatuteIndex) -> Iterator[CitedAt]:
    """Every citation in the period's texts in the Markdown subset (where the site links them), in order."""
    paths: dict[str, dict] = {}  # per document: section path -> section id, built once
    for text in period.texts(markup=True):
        owner = text.document
        valid_from = (owner.valid_from if owner else None) or period.valid_from
        valid_to = (owner.valid_to if owner else None) or period.valid_to
        ids = None
        if isinstance(owner, Document):
            ids = paths.get(owner.id)
            if ids is None:
                ids = paths[owner.id] = {s.where.path: s.id for s in owner.walk()}
        when = introduced_by(owner.changelog if owner else period.changelog, ids, text.section)
        for citation in cite.citations_of(text.raw, index):
            yield CitedAt(citation, text, valid_from, valid_to, when)


def cited_in_glossary(corpus: Corpus, index: cite.StatuteIndex) -> Iterator[CitedAt]:
    """Every citation in the glossary's definitions and notes (``load.texts.citing_fields``), which the
    Begrepp page links like the agreement's texts. The glossary has no validity of its own: no date
    check (repealed, not yet in force) applies to it, the others do."""
    if not corpus.terms:
        return
    file = corpus.terms[0].where.file
    for path, raw in citing_fields("glossary", file.data):
        text = Text(raw, False, file, path)
        for citation in cite.citations_of(raw, index):
            yield CitedAt(citation, text, "", "")


def introduced_by(changelog, ids: dict | None, section: Section | None) -> DateSpan | None:
    """The date of the change that brought a text as it stands: the latest change-log entry that names
    its section (or one of the sections above it), else the first entry (when the document was adopted).
    ids: the document's section ids by their data path (None outside a document)."""
    if not changelog:
        return None
    names = set()
    if section is not None and ids is not None:
        path = section.where.path
        names = {ids[path[:k]] for k in range(len(path) + 1) if path[:k] in ids}
    naming = [c for c in changelog if names & set(c.sections)]
    return (naming[-1] if naming else changelog[0]).when


# Between the members of one list: "och", "samt", commas, and the dash of a range ("12 kap. 1-3 §§").
_LIST_GAP = re.compile(r"^\s*(?:,|och|samt|eller|respektive|,\s*(?:och|samt|eller)|[-–—‑]{1,2})?\s*$")


def places(found: list[CitedAt]) -> list[list[CitedAt]]:
    """Group citations written as one list ("5 kap. 8 a § och 9 a § SoL", "12 kap. 1-3 §§ HSL") into one place."""
    groups: list[list[CitedAt]] = []
    for item in found:
        last = groups[-1][-1] if groups else None
        if (last is not None and last.text is item.text
                and last.citation.sfs == item.citation.sfs and item.citation.sfs is not None
                and _LIST_GAP.match(item.text.raw[last.citation.end:item.citation.start] or "")):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _register_names(statute: Statute) -> set[str]:
    names = {statute.title, statute.short_name, statute.abbreviation, *statute.aliases}
    rest = statute.title.split(")", 1)[-1].strip() if ")" in statute.title else None
    names.add(rest)
    return {n for n in names if n}


def _same_name(written: str, names: set[str]) -> bool:
    def norm(s: str) -> str:
        s = re.sub(r"\s*\(\d{4}:\d+\)\s*", " ", s)
        s = re.sub(r"\s+", " ", s).strip(" ,")
        return s[:1].lower() + s[1:]
    return norm(written) in {norm(n) for n in names}


def check_statutes(corpus: Corpus) -> list[Finding]:
    """Unknown acts, mismatched numbers, missing chapters, repealed acts, other spellings.

    Each place (a list of citations of one act, see ``places``) is reported once, at its first citation;
    chapters and sections are checked per citation. Errors: ``statute-unknown``, ``statute-number-mismatch``,
    ``statute-no-chapters``, ``statute-chapter``, ``statute-section`` (a section outside the register's
    checked ``sections`` of an act without chapters). Warnings: ``statute-unresolved`` (no act named), ``statute-chapter-missing`` (a section without
    its chapter in an act divided into chapters: linked to the act only),
    ``statute-repealed`` (repealed on or before the text's valid_to), ``statute-not-in-force`` (in force
    only after the date of the change that brought the text, ``introduced_by``). Tips: ``statute-not-in-register``, ``statute-spelling``.
    At most PER_FILE findings of a code in one file, then one counting the rest (``findings.capped``).
    """
    findings: list[Finding] = []
    by_sfs = {s.sfs: s for s in corpus.statutes}
    index = index_from_register(corpus.statutes)
    for period in corpus.periods.values():
        for place in places(list(cited(period, index))):
            findings += _check_place(place, by_sfs, index)
    for place in places(list(cited_in_glossary(corpus, index))):
        findings += _check_place(place, by_sfs, index)
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.position.file, []).append(f)
    return [f for found in by_file.values() for f in capped(found)]  # PER_FILE of each code in a file


def _check_place(place: list[CitedAt], by_sfs: dict[str, Statute], index: cite.StatuteIndex) -> list[Finding]:
    first = place[0]
    c = first.citation
    where = first.position
    out: list[Finding] = []
    if c.sfs is None:
        if c.name_written:
            out.append(error("statute-unknown", where, f"Lagen '{c.name_written}' finns inte i lagregistret.",
                             "Lägg till lagen i agreement/register/lagar.yaml eller skriv lagens SFS-nummer, t.ex. (2017:30)."))
        else:
            out.append(warning("statute-unresolved", where,
                               f"Lagrummet '{c.text}' anger ingen lag och ingen lag nämns tidigare i meningen.",
                               "Skriv ut lagen, t.ex. '12 kap. 1 § HSL'."))
        return out
    statute = by_sfs.get(c.sfs)
    if c.conflict:
        named = index.resolve(c.name_written or "")
        numbered = by_sfs.get(c.sfs_written or "")
        out.append(error("statute-number-mismatch", where,
                         f"'{c.name_written}' och SFS-numret {c.sfs_written} avser olika lagar"
                         + (f": {c.sfs_written} är {numbered.title}." if numbered else "."),
                         f"{c.name_written} har nummer {named.sfs}; rätta namnet eller numret." if named
                         else "Kontrollera namnet och numret."))
    if statute is None:
        out.append(hint("statute-not-in-register", where,
                        f"Lagen {c.sfs} finns inte i lagregistret; länken fungerar men titeln och statusen saknas.",
                        "Lägg till lagen i agreement/register/lagar.yaml."))
        return out
    for item in place:
        chapter = item.citation.chapter
        if chapter and not statute.has_chapters:
            out.append(error("statute-no-chapters", item.position,
                             f"{statute.title} är inte indelad i kapitel, men '{item.citation.text}' anger {chapter} kap.",
                             "Ta bort kapitlet eller kontrollera vilken lag som avses."))
        elif chapter and statute.chapters and chapter not in statute.chapters:
            out.append(error("statute-chapter", item.position,
                             f"{statute.title} har inget {chapter} kap.",
                             f"Lagen har kapitlen {_chapter_span(statute.chapters)}."))
        section = item.citation.section
        if section and not chapter and statute.has_chapters:
            out.append(warning("statute-chapter-missing", item.position,
                               f"'{' '.join(item.citation.text.split())}' anger inget kapitel, men {statute.title} är "
                               f"indelad i kapitel; länken går till lagen, inte till {section} §.",
                               "Skriv ut kapitlet, t.ex. '16 kap. 3 § HSL', när texten får ändras."))
        elif section and not chapter and statute.sections and not _has_section(statute.sections, section):
            out.append(error("statute-section", item.position,
                             f"{statute.title} har ingen {section} §.",
                             f"Lagen har paragraferna {', '.join(statute.sections)}; kontrollera numret."))
    if statute.repealed_from and statute.repealed_from <= first.valid_to:
        replacement = by_sfs.get(statute.replaced_by or "")
        new = replacement.title if replacement else (statute.replaced_by or "okänd lag")
        out.append(warning("statute-repealed", where,
                           f"{statute.title} upphävdes {statute.repealed_from} och ersattes av {new}; "
                           f"dokumentet gäller till {first.valid_to}.",
                           f"Hänvisa till {new} vid nästa revidering."))
    if first.introduced is not None and statute.in_force_from > first.introduced.last.isoformat():
        out.append(warning("statute-not-in-force", where,
                           f"{statute.title} träder i kraft {statute.in_force_from}, efter ändringen som införde "
                           f"hänvisningen ({first.introduced.label}).", "Kontrollera att rätt lag avses."))
    generic = c.name_written and c.name_written.casefold() in {"lag", "lagen", "förordning", "förordningen"}
    if c.name_written and not generic and not _same_name(c.name_written, _register_names(statute)):
        names = statute.short_name or statute.title
        out.append(hint("statute-spelling", where,
                        f"Lagen skrivs '{c.name_written}' här, men registret skriver '{names}'.",
                        "Skriv lagens namn som i registret, eller lägg till stavningen som alias."))
    return out


def _chapter_span(chapters: tuple[str, ...]) -> str:
    return ", ".join(chapters)


def _has_section(sections: tuple[str, ...], section: str) -> bool:
    """Whether the register's sections ("1-30") hold a cited section; "9 a" is a section of 9's."""
    number = int(section.split()[0])
    for span in sections:
        first, _, last = span.partition("-")
        if int(first) <= number <= int(last or first):
            return True
    return False
