"""Link targets: a link in the text goes into the corpus (``ref:id``) or to a web address, nowhere else.

``[klicka](javascript:alert(1))`` or a ``data:text/html`` address would run script in every reader's
browser once published; ``//host`` leaves out the scheme, and a space or control character makes the
address mean something else to each program that reads it. The site shows such a link as plain words
whatever the checker says (``text.safe_href``); here each one is an error at the target itself.
"""

from __future__ import annotations

from .. import text as textmod
from ..findings import Finding, error
from ..model import Corpus

_SHOWN = 60  # characters of a target quoted in a message: a data: address can be very long


def link_targets(corpus: Corpus) -> list[Finding]:
    """``link-target`` for every link in a Markdown text whose target is neither ``ref:…`` nor a web address
    (``textmod.link_target_problem``); a ``ref:`` target's id is left to the reference checks. Also
    ``text-list-depth`` at the first list item of a text nested deeper than ``textmod.MAX_LIST_DEPTH``,
    ``link-empty-text`` at the "[" of a link with no text (``[](…)``: nothing for a reader to click; its target
    is checked as any other's) and ``text-image`` at the "!" of Markdown's image syntax ``![…](…)``, which the
    agreement's text never uses and which an ordinary Markdown renderer would load; ``link-unreadable`` at what
    a Markdown renderer could take for a link but ``textmod.links`` does not read (``textmod.unread_links``: a
    label holding a bracket or a line break, a reference definition)."""
    findings = []
    for period in corpus.periods.values():
        for text in period.texts(markup=True, editorial=True):
            deep = textmod.too_deep(text.raw)
            if deep is not None:
                findings.append(error(
                    "text-list-depth", text.where(deep),
                    f"Listan är indragen mer än {textmod.MAX_LIST_DEPTH} nivåer djupt.",
                    f"Word har högst {textmod.MAX_LIST_DEPTH} listnivåer, och avtalets egen text använder två; minska "
                    f"indraget. Punkter som är djupare visas på den {textmod.MAX_LIST_DEPTH}:e nivån."))
            for at in textmod.images(text.raw):
                findings.append(error(
                    "text-image", text.where(at), "Bilder kan inte visas i avtalets text.",
                    "Ta bort utropstecknet före [ och skriv en vanlig länk med text, [text](https://…)."))
            for at in textmod.unread_links(text.raw):
                findings.append(error(
                    "link-unreadable", text.where(at),
                    "Det här kan läsas som en länk, men inte som avtalets länkar skrivs.",
                    "Skriv länken på en rad med texten utan hakparenteser, [text](ref:id) eller [text](https://…); "
                    "referenslänkar ([text][namn] med [namn]: adress) används inte."))
            for link in sorted(textmod.links(text.raw) + textmod.blank_links(text.raw), key=lambda x: x.start):
                if not link.label.strip():
                    findings.append(error(
                        "link-empty-text", text.where(link.start), "Länken saknar text.",
                        "Skriv det läsaren ska klicka på mellan hakparenteserna, [text](ref:id)."))
                if link.target.startswith("ref:") and textmod.unsafe_character(link.target) is None:
                    continue
                problem = textmod.link_target_problem(link.target)
                if problem is None:
                    continue
                bad = textmod.unsafe_character(link.target)
                at = link.target_start + (bad or 0)
                shown = link.target if len(link.target) <= _SHOWN else link.target[:_SHOWN] + "…"
                shown = "".join(c if textmod.unsafe_character(c) is None else _escaped(c) for c in shown)
                findings.append(error(
                    "link-target", text.where(at), f"Länkmålet '{shown}' {problem}.",
                    "En länk i texten går till ett avsnitt eller dokument i avtalet, [text](ref:id), eller till "
                    "en webbadress, [text](https://…)."))
    return findings


def _escaped(char: str) -> str:
    """A character that may not stand in a link, as the target is quoted: a line feed as \\n, a space as
    itself, as a printable ASCII character (a quote, ``<``, a backslash), any other as a \\u escape (the
    message names it: a Hangul filler prints as a blank)."""
    if char == "\n":
        return "\\n"
    if char == " " or (char.isascii() and char.isprintable()):  # a quote, < > or a backslash
        return char
    return f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}"
