"""The registers of the corpus: the acts of agreement/register/lagar.yaml and the terms of begrepp.yaml.

Built from schema-valid files only, like ``model`` (whose Corpus holds them); each keeps where it stands.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Located, Note


@dataclass(frozen=True)
class Statute:
    """An act in the statute register (agreement/register/lagar.yaml); ``sfs`` is its number, e.g. "2017:30"."""

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
    source: str | None = None  # the official text the register's facts come from (riksdagen.se, SFS)
    sections: tuple[str, ...] = ()  # an act without chapters: its sections, "1-30", when checked
    chaptered: bool = False  # divided into chapters that the register does not list (not checked)

    @property
    def has_chapters(self) -> bool:
        """Whether the act is divided into chapters: listed in ``chapters``, or ``chaptered`` unlisted."""
        return bool(self.chapters) or self.chaptered

    @property
    def url(self) -> str:
        """The act on lagen.nu, without a place in it."""
        return f"https://lagen.nu/{self.sfs}"


@dataclass(frozen=True)
class StaffWord:
    """A word staff search with for a glossary term, why they use it, and sections it also leads to."""

    word: str
    reason: str
    see: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    """A glossary entry (agreement/register/begrepp.yaml); ``kind`` is begrepp or forkortning."""

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
    notes: tuple[Note, ...] = ()
    staff_words: tuple[StaffWord, ...] = ()
