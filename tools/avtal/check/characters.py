"""Invisible characters: each one in a corpus file is a finding at its exact line and column.

A soft hyphen pasted from Word or a PDF inside "socialtjänst­lagen" hides the citation from the
checker and the word from the site's search; a bidirectional control can make a reviewer read a line
in another order than the one that is published. None of them is visible in an editor, so each
gets a finding that names it. Non-breaking spaces (U+00A0, U+202F) are not among them: Swedish
typography uses them.

The files are read as their editors see them (``LoadedFile.source``): every file of the corpus,
registers included, in every value, key and comment. A character written as an escape in a
double-quoted value (``"\\u00ad"``, ``"\\e"``) is found too, at its backslash; so is any control
character written that way (the YAML reader already refuses them written as themselves).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Iterator

import yaml

from ..findings import PER_FILE, Finding, Position, error, more
from ..load.yamlfile import LINE_BREAK_WHY, LINE_BREAKS
from ..model import Corpus
from ..sourcefile import LoadedFile

#: The characters, with the Swedish name the hint gives.
INVISIBLE = {
    "\u00ad": "mjukt bindestreck",
    "\u200b": "nollbreddsmellanslag",
    "\u200c": "nollbredds icke-sammanfogare",
    "\u200d": "nollbreddssammanfogare",
    "\u2060": "ordsammanfogare",
    "\ufeff": "BOM-tecken, byte-order mark",
    "\u200e": "vänster-till-höger-markering",
    "\u200f": "höger-till-vänster-markering",
    "\u061c": "arabisk bokstavsmarkering",
    "\u202a": "vänster-till-höger-inbäddning",
    "\u202b": "höger-till-vänster-inbäddning",
    "\u202c": "avslutad riktningsformatering",
    "\u202d": "vänster-till-höger-åsidosättning",
    "\u202e": "höger-till-vänster-åsidosättning",
    "\u2066": "vänster-till-höger-isolering",
    "\u2067": "höger-till-vänster-isolering",
    "\u2068": "första-starka-isolering",
    "\u2069": "avslutad riktningsisolering",
    "\u2061": "osynlig funktionsapplikation",
    "\u2062": "osynligt gångertecken",
    "\u2063": "osynlig avgränsare",
    "\u2064": "osynligt plustecken",
    "\u180e": "mongolisk vokalavgränsare",
    "\u0085": "radslut (NEL)",
    "\u2028": "radavgränsare",
    "\u2029": "styckeavgränsare",
}
_BIDI = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FOUND = re.compile("[" + "".join(INVISIBLE) + "]")
# An escape in a double-quoted scalar; matched left to right, so "\\\\" (a backslash) is one escape.
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_NAMED_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
                  "N": "\u0085", "L": "\u2028", "P": "\u2029"}


def invisible_characters(corpus: Corpus) -> list[Finding]:
    """``invisible-character`` for every invisible or control character in every file of the corpus."""
    findings: list[Finding] = []
    for loaded in corpus.files:
        findings += _in_file(loaded)
    return findings


def _in_file(loaded: LoadedFile) -> list[Finding]:
    found = sorted(_found(loaded.source))
    if not found:
        return []
    starts = [0] + [m.end() for m in re.finditer("\n", loaded.source)]
    out = []
    for n, (offset, char, written) in enumerate(found):
        line = bisect.bisect_right(starts, offset)
        where = Position(loaded.path, line, offset - starts[line - 1] + 1)
        if n == PER_FILE:
            out.append(more("invisible-character", where, len(found) - PER_FILE))
            break
        out.append(_finding(where, char, written))
    return out


def _finding(where: Position, char: str, written: str | None) -> Finding:
    name = INVISIBLE.get(char, "styrtecken")
    code = f"U+{ord(char):04X}"
    if char in _BIDI:
        why = "det kan få texten att visas i en annan ordning än den står i filen."
    elif char in LINE_BREAKS:
        why = LINE_BREAK_WHY
    elif char == "\ufeff":
        why = "det hör bara hemma först i en fil (och tas bort där)."
    elif char in INVISIBLE:
        why = "det syns inte men delar eller fogar ihop ord, så att sökningen och lagrumshänvisningarna missar dem."
    else:
        why = "det kan styra en terminal eller bryta texten."
    if written:
        return error("invisible-character", where, f"Osynligt tecken skrivet som {written}: {name} ({code}).",
                     f"Ta bort {written}; {why}")
    return error("invisible-character", where, f"Osynligt tecken: {name} ({code}).",
                 f"Ta bort tecknet; {why} Det följer ofta med när text kopieras från Word eller en PDF.")


def _found(source: str) -> Iterator[tuple[int, str, str | None]]:
    """(offset, character, escape as written or None) of every invisible character in the source."""
    for match in _FOUND.finditer(source):
        yield match.start(), match[0], None
    if "\\" in source and '"' in source:
        yield from _escaped(source)


def _escaped(source: str) -> Iterator[tuple[int, str, str]]:
    """Invisible and control characters written as escapes in double-quoted values."""
    loader = yaml.CSafeLoader(source) if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader(source)
    try:
        while loader.check_token():
            token = loader.get_token()
            if not (isinstance(token, yaml.ScalarToken) and token.style == '"'):
                continue
            start = token.start_mark.index
            for match in _ESCAPE.finditer(source, start, token.end_mark.index):
                char = _decoded(match[1])
                if char is not None and (char in INVISIBLE or _control(char)):
                    yield match.start(), char, match[0]
    except yaml.YAMLError:  # only files that parsed are checked; nothing more to find in one that did not
        return
    finally:
        loader.dispose()


def _decoded(escape: str) -> str | None:
    if escape[0] in "xuU" and len(escape) > 1:
        try:
            return chr(int(escape[1:], 16))
        except (ValueError, OverflowError):
            return None
    return _NAMED_ESCAPES.get(escape)


def _control(char: str) -> bool:
    """A C0 or C1 control character or DEL, other than tab and line feed."""
    return unicodedata.category(char) == "Cc" and char not in "\t\n"
