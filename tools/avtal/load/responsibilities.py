"""Resolve what a responsibility statement leaves to its surroundings, once the registers are read.

For every statement of every document's and guideline's sections: the nearest heading that names a
party (the section itself or one above it: "Regionens ansvar" gives region to what stands under it),
the party (written > the actor's > the heading's; none for an unclassified statement), and where the
quote stands in the section's text (its paragraph or list item, and the "… omfattar:" it is listed
under). Whether that is all right is for ``check.responsibility`` to say.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..model import Corpus, Section
from ..responsibility import Actor, Responsibility, find_quote, heading_party

Heading = tuple[str, str]  # (section id, party)


def resolve(corpus: Corpus) -> None:
    """Fill in party, party_from, heading, heading_party, unit and lead of every statement, in place."""
    actors = {a.id: a for a in corpus.actors}
    for period in corpus.periods.values():
        shown = {k.id: k.text for k in period.key_terms}
        for item in [*period.documents.values(), *period.guidelines.values()]:
            for section, heading in with_headings(item.sections):
                for statement in section.responsibilities:
                    _resolve(statement, section, heading, actors, shown)


def with_headings(sections: Iterable[Section], inherited: Heading | None = None) -> Iterator[
        tuple[Section, Heading | None]]:
    """(section, the nearest heading naming a party at or above it) of every section, depth first."""
    for section in sections:
        party = heading_party(section.title)
        here = (section.id, party) if party else inherited
        yield section, here
        yield from with_headings(section.sections, here)


def _resolve(statement: Responsibility, section: Section, heading: Heading | None, actors: dict[str, Actor],
             shown: dict[str, str]) -> None:
    statement.heading, statement.heading_party = heading or (None, None)
    actor = actors.get(statement.actor or "")
    if statement.unclassified:
        statement.party, statement.party_from = None, None
    elif statement.tagged:
        statement.party, statement.party_from = statement.tagged, "tagg"
    elif actor is not None:
        statement.party, statement.party_from = actor.party, "aktor"
    elif heading is not None:
        statement.party, statement.party_from = heading[1], "rubrik"
    found = find_quote(section.text, statement.quote, shown)
    statement.unit, statement.lead = found if found else (None, None)
