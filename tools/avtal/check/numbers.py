"""Section numbers written in the text ("avsnitt B.12", "se 5.1"), tied to the section that had the number
at the base, and flagged when the branch gives that section another number or removes it (``check --base``).

A text of a document names a section of the same document by its number; a link ``[…](ref:id)`` follows a
section wherever it moves, a written number does not. For every such mention whose number, at the base,
was a section of the document: if that section now has another number, or is gone, the mention is a
warning, ``section-number-stale``, at the number in the text. A number the base did not have is not this
branch's doing and is left alone.

What counts as a mention (chosen by hand from the corpus, no measurement): "avsnitt"/"avsnittet" followed
by a number (``5``, ``5.1``, ``B.12``), and "se" followed by a dotted number (``se 5.1``, ``se B.3``; a
bare "se 19" is as often a page or a paragraph and is not read).
"""

from __future__ import annotations

import re

from ..findings import Finding, warning
from ..model import Document, Period, Section

_MENTION = re.compile(r"\b(?:[Aa]vsnitt(?:et)?\s+(?P<a>(?:[A-ZÅÄÖ]\.)?\d+(?:\.\d+)*)"
                      r"|[Ss]e\s+(?P<se>(?:[A-ZÅÄÖ]\.\d+|\d+\.\d+)(?:\.\d+)*))")


def mentions(text: str) -> list[tuple[int, str]]:
    """(offset, number) of each section number the text names (see the module docstring)."""
    out = []
    for match in _MENTION.finditer(text):
        group = "a" if match.group("a") else "se"
        number = match.group(group).rstrip(".")
        out.append((match.start(group), number))
    return out


def _numbered(document: Document) -> dict[str, Section]:
    return {s.number: s for s in document.walk() if s.number}


def stale_numbers(old: Period, new: Period, rev: str) -> list[Finding]:
    """``section-number-stale`` warnings for the documents of new that old has too (module docstring)."""
    findings = []
    for text in new.texts(markup=True):
        document = text.document
        if not isinstance(document, Document) or document.id not in old.documents:
            continue
        before = _numbered(old.documents[document.id])
        now = {s.id: s for s in document.walk()}
        for offset, number in mentions(text.raw):
            section = before.get(number)
            if section is None:
                continue
            current = now.get(section.id)
            if current is not None and current.number == number:
                continue
            if current is None:
                message = (f"Texten nämner avsnitt {number}, men avsnittet som hade numret i {rev} "
                           f"('{section.id}', {section.title}) finns inte längre.")
                advice = "Ta bort eller skriv om hänvisningen; pekar den nu på ett annat avsnitt, länka till det."
            else:
                now_has = f"har nu numret {current.number}" if current.number else "har inte längre något nummer"
                message = (f"Texten nämner avsnitt {number}, men avsnittet som hade numret i {rev} "
                           f"('{section.id}', {section.title}) {now_has}.")
                advice = (f"Skriv {current.number} i stället" if current.number else "Skriv avsnittets rubrik") + \
                    f", eller länka till avsnittet: [avsnitt {current.number or current.title}](ref:{current.id}) " \
                    "följer med när numret ändras."
            findings.append(warning("section-number-stale", text.where(offset), message, advice))
    return findings
