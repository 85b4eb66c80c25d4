"""Responsibility as data: who does what, as the adopted text says it.

A section's ``responsibilities`` are statements (``Responsibility``): a topic of the register
(agreement/register/ansvar.yaml), a kind of responsibility, a party — written, given by a named
actor (vårdcentral → region) or by the heading the section stands under ("Kommunens ansvar") —
and the exact words of the section that say so (``quote``). Nothing here paraphrases: the quote
is found in the section's text or the statement is reported (``check.responsibility``).

The pure rules every layer above needs live here: which heading names which party
(``heading_party``), the words a reader sees (``reader_words``), where a quote stands
(``find_quote``) and whether the text names a level of care (``says_level``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import text as textmod
from .model import Located, Note

PARTY_LABELS = {"region": "Region", "kommun": "Kommun", "gemensamt": "Gemensamt", "respektive": "Respektive huvudman"}
#: The parties in the order every page and message lists them.
PARTIES = tuple(PARTY_LABELS)
#: The party as a message names it ("regionen", "kommunen" …).
PARTY_WORDS = {"region": "regionen", "kommun": "kommunen", "gemensamt": "parterna gemensamt",
               "respektive": "respektive huvudman"}
KIND_LABELS = {
    "utforande": "Utförande", "kostnad": "Kostnad", "forskrivning": "Förskrivning och ordination",
    "beslut": "Beslut", "samordning": "Samordning och planering", "uppfoljning": "Uppföljning",
    "kunskapsstod": "Handledning, utbildning och råd", "tillhandahallande": "Tillhandahållande",
    "information": "Information och rapportering", "styrning": "Styrning och krav",
}
LEVEL_LABELS = {"primarvard": "Primärvård", "specialistvard": "Specialiserad vård"}
AREA_KIND_LABELS = {"delregion": "Delregion", "naromrade": "Närområde"}
#: Word stems that say a level of care, lower case: the text says the level when one of them occurs.
LEVEL_WORDS = {"primarvard": ("primärvård", "vårdcentral"),
               "specialistvard": ("specialist", "specialiserad", "sluten vård", "slutenvård", "sluten hälso")}

# A heading that names a party: its first words are the party's genitive (or "Gemensamt"), and it speaks
# of a responsibility ("Kommunens ansvar", "Kommunens betalningsansvar", "Västra Götalandsregionens ansvar
# för munhälsa", "Gemensamt ansvar och samverkan", "Parternas gemensamma åtagande"). "Regionens respektive
# kommunens ansvar" names both and gives no party; "Parternas ansvar" names none.
_HEADING = re.compile(r"^(?:(?P<region>västra götalandsregionens|regionens|vgr:s)"
                      r"|(?P<kommun>kommunens|kommunernas)"
                      r"|(?P<gemensamt>gemensamt|gemensamma|parternas gemensamma))\s.*?(?:ansvar|åtagande)")
_SPACE = re.compile(r"\s+")
_LEAD_END = (":", "...", "…")


@dataclass
class Responsibility:
    """A statement of who does what, anchored to the exact words (``quote``) of the section it stands in.

    As written: topic, kind, ``tagged`` (the party written, or None), actor, levels, across_heading,
    unclassified. Resolved by ``load.responsibilities`` once the registers are read: ``party`` (from
    the tag, else the actor, else the nearest heading that names a party; None when unclassified or
    nothing gives one) and ``party_from`` ("tagg", "aktor", "rubrik"); ``heading`` and
    ``heading_party`` (the nearest section, itself or above, whose title names a party); ``unit``
    (the paragraph or list item holding the quote, as the reader sees it; None when the quote is not
    in the text) and ``lead`` (the paragraph a quoted list item stands under, "… omfattar:").
    """

    topic: str
    kind: str
    quote: str
    section: str  # id of the section the statement stands in
    document: str  # id of the document or guideline
    where: Located
    tagged: str | None = None
    actor: str | None = None
    levels: tuple[str, ...] = ()
    across_heading: str | None = None
    unclassified: str | None = None
    notes: list[Note] = field(default_factory=list)
    party: str | None = None
    party_from: str | None = None
    heading: str | None = None
    heading_party: str | None = None
    unit: str | None = None
    lead: str | None = None


@dataclass(frozen=True)
class Topic:
    """A row of "Vem ansvarar för vad?": an area of the agreement (hjälpmedel, munhälsa …)."""

    id: str
    title: str
    where: Located
    description: str | None = None
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    """Someone the text names instead of a party (vårdcentral, tandvårdsleverantör), and the party it belongs to."""

    id: str
    name: str
    party: str
    basis: str  # where the agreement says so
    where: Located


@dataclass(frozen=True)
class Area:
    """A delregion or närområde that a delregional or local document covers (``kind``: delregion, naromrade)."""

    id: str
    name: str
    kind: str
    source: str
    where: Located
    part_of: str | None = None
    notes: tuple[Note, ...] = ()


def heading_party(title: str) -> str | None:
    """The party a section's title names ("Kommunens ansvar" → kommun), or None."""
    folded = title.casefold()
    if "respektive" in folded:
        return None
    match = _HEADING.match(folded)
    return next((party for party, word in match.groupdict().items() if word), None) if match else None


def reader_words(raw: str, shown: dict[str, str] | None = None) -> str:
    """The words as a reader sees them, on one line: key terms shown, markup and läs mer stars dropped,
    every run of white space (line breaks and non-breaking spaces too) one space."""
    words = textmod.plain(textmod.expand_key_terms(raw, shown or {}))
    return _SPACE.sub(" ", textmod.READ_MORE_MARK.sub("", words)).strip()


def units_with_leads(raw: str) -> list[tuple[str, str | None]]:
    """(unit, lead) of every paragraph and list item of raw text, in order; lead is the paragraph a
    top-level list stands under when that paragraph ends in ":" or "…" (the list's "… omfattar:")."""
    out: list[tuple[str, str | None]] = []

    def items(block: textmod.ListBlock, lead: str | None):
        for item in block.items:
            out.append((item.text, lead))
            for child in item.children:
                items(child, lead)

    previous: textmod.Block | None = None
    for block in textmod.parse(raw):
        if isinstance(block, textmod.Paragraph):
            out.append((block.text, None))
        else:
            lead = previous.text if isinstance(previous, textmod.Paragraph) and \
                previous.text.rstrip().endswith(_LEAD_END) else None
            items(block, lead)
        previous = block
    return out


def find_quote(raw: str, quote: str, shown: dict[str, str] | None = None) -> tuple[str, str | None] | None:
    """(unit, lead) of the paragraph or list item of raw that holds quote, both as the reader sees them;
    None when no single paragraph or item holds it. Exact words: case, punctuation and spelling count,
    white space does not, and key terms may be quoted as shown ("3,0 kalenderdagar")."""
    wanted = reader_words(quote, shown)
    if not wanted:
        return None
    for unit, lead in units_with_leads(raw):
        seen = reader_words(unit, shown)
        if wanted in seen:
            return seen, reader_words(lead, shown) if lead else None
    return None


def says_level(level: str, *texts: str) -> bool:
    """Whether any of texts names the level of care (``LEVEL_WORDS``)."""
    words = LEVEL_WORDS[level]
    return any(word in t.casefold() for t in texts for word in words)
