"""Invisible characters: which characters a corpus file may not hold, and the finding for one.

Which: every code point with Unicode's ``Default_Ignorable_Code_Point`` property (derived in
DerivedCoreProperties.txt of the Unicode Character Database, https://www.unicode.org/reports/tr44/;
renderers show these as nothing): the soft hyphen, the zero-width characters, the word joiner, the
bidirectional controls, the byte-order mark, the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the
combining grapheme joiner (U+034F), the variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF), the tags
(U+E0000–U+E007F) and the ranges Unicode keeps for future ignorables; and beside them every other
format character (general category Cf, e.g. U+0600 ARABIC NUMBER SIGN, U+FFF9–U+FFFB interlinear
annotation), every private-use character (Co: U+E000–U+F8FF and planes 15 and 16, with no agreed
meaning, shown as whatever a font puts there) and the three line breaks YAML counts and editors do not
(U+0085, U+2028, U+2029). Non-breaking space (U+00A0) and narrow non-breaking space (U+202F) are none
of these and stay allowed: Swedish typography uses them.

The property comes from the ``regex`` module (``\\p{Default_Ignorable_Code_Point}``, ``\\p{Cf}``,
``\\p{Co}``), whose Unicode data is 18.0.0 in regex 2026.11; Python's ``unicodedata`` (Unicode 14.0 in
Python 3.11) has general categories but not this derived property, so the set would otherwise be a
hand-copied table.
"""

from __future__ import annotations

import unicodedata

import regex

from ..findings import Finding, Position, error

#: Every character ``invisible-character`` is about (see the module's docstring).
PATTERN = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Co}\u0085\u2028\u2029]")

#: The characters an editor meets most, with the Swedish name the message gives; others are named by
#: their kind (``_KINDS``) and, like these, by U+XXXX and their Unicode name in the hint.
NAMES = {
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
    "\u034f": "kombinerande grafemsammanfogare",
    "\u115f": "hangul-utfyllnadstecken",
    "\u1160": "hangul-utfyllnadstecken",
    "\u3164": "hangul-utfyllnadstecken",
    "\uffa0": "hangul-utfyllnadstecken",
    "\u0085": "radslut (NEL)",
    "\u2028": "radavgränsare",
    "\u2029": "styckeavgränsare",
}
BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: The line breaks of YAML (and of str.splitlines) that editors do not show as such.
LINE_BREAKS = frozenset("\u0085\u2028\u2029")
LINE_BREAK_WHY = "YAML läser det som ett radslut men redigerare visar det inte, så raderna räknas olika."
_PRIVATE = regex.compile(r"\p{Co}")
_VARIATION = regex.compile(r"\p{Variation_Selector}")


def unicode_name(char: str) -> str:
    """U+XXXX and the character's Unicode name, ``U+3164 (HANGUL FILLER)``; a character without a name
    gets its code point label (Unicode 4.8: ``<private-use-E000>``, ``<control-001B>``, ``<reserved-E0080>``)."""
    name = unicodedata.name(char, "")
    if not name:
        label = ("private-use" if _PRIVATE.match(char) else "control" if unicodedata.category(char) == "Cc"
                 else "reserved")
        name = f"<{label}-{ord(char):04X}>"
    return f"U+{ord(char):04X} ({name})"


def _swedish(char: str) -> str:
    if char in NAMES:
        return NAMES[char]
    if _PRIVATE.match(char):
        return "tecken för privat bruk"
    if _VARIATION.match(char):
        return "variantväljare"
    if unicodedata.category(char) == "Cc":
        return "styrtecken"
    return "osynligt formateringstecken"


def _why(char: str) -> str:
    if char in BIDI:
        return "det kan få texten att visas i en annan ordning än den står i filen."
    if char in LINE_BREAKS:
        return LINE_BREAK_WHY
    if char == "\ufeff":
        return "det hör bara hemma först i en fil (och tas bort där)."
    if _PRIVATE.match(char):
        return "det har ingen bestämd betydelse och visas olika (eller inte alls) beroende på typsnitt."
    if unicodedata.category(char) == "Cc":
        return "det kan styra en terminal eller bryta texten."
    return "det syns inte men delar eller fogar ihop ord, så att sökningen och lagrumshänvisningarna missar dem."


def invisible(where: Position, char: str, written: str | None = None) -> Finding:
    """The ``invisible-character`` error for char at where: its Swedish name (or kind) in the message,
    U+XXXX and its Unicode name in the hint with why it must go; written: the escape it was written as in a
    double-quoted value (``\\u00ad``, ``\\e``), or None when the character itself stands there."""
    name, code = _swedish(char), f"U+{ord(char):04X}"
    if written:
        return error("invisible-character", where, f"Osynligt tecken skrivet som {written}: {name} ({code}).",
                     f"Ta bort {written}, som är {unicode_name(char)}; {_why(char)}")
    return error("invisible-character", where, f"Osynligt tecken: {name} ({code}).",
                 f"Ta bort tecknet {unicode_name(char)}; {_why(char)} Det följer ofta med när text kopieras "
                 "från Word eller en PDF.")


def is_invisible(char: str) -> bool:
    """Whether char is one of the characters ``invisible`` is about."""
    return PATTERN.match(char) is not None
