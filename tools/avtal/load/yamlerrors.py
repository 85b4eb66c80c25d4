"""Malformed YAML as one Swedish finding (``yaml-syntax``), placed where the author can fix it.

The parser's message (libyaml's wording, or PyYAML's when PyYAML has no libyaml) is translated; where it
says little ("did not find expected key"), the character at the fault says what is wrong. A quote or a
bracket left open is reported where it opens, found by reading the file's tokens once.
"""

from __future__ import annotations

import re

import yaml

from ..findings import Finding, Position, error
from ..text import character_name


def syntax_error(text: str, path: str, exc: yaml.MarkedYAMLError, loader) -> Finding:
    """The ``yaml-syntax`` finding for malformed YAML, in Swedish (``_problem``), placed where the author can
    fix it: an unclosed quote or bracket where it opens. loader: the loader class whose tokens are read to
    find them (libyaml's when there is one: one linear pass)."""
    mark = exc.problem_mark or exc.context_mark
    english = exc.problem or exc.context or ""
    hint = "Kontrollera indrag, kolon och citattecken på raden och raden ovanför."
    if exc.context_mark is not None and "end of stream" in english and "quoted" in (exc.context or ""):
        mark = exc.context_mark  # a quote that runs to the end of the file: point at where it opens
        problem = "filen tar slut mitt i ett värde (saknas ett avslutande citattecken?)"
    elif exc.context_mark is not None and re.search(r"expected ',' or '([\]}])'", english) and mark is not None \
            and (quote := _open_quote(text, mark, loader)) is not None \
            and quote.start_mark.index > exc.context_mark.index:  # a quote left open inside [ … ] or { … }
        problem = (f"citattecknet som börjar här avslutas först på rad {quote.end_mark.line + 1} "
                   "(saknas ett avslutande citattecken?)")
        hint = "Avsluta värdet med samma citattecken som det börjar med, på samma rad."
        mark = quote.start_mark
    elif exc.context_mark is not None and (closing := re.search(r"expected ',' or '([\]}])'", english)):
        opening = "[" if closing[1] == "]" else "{"
        problem = (f"{opening} som börjar här avslutas aldrig med {closing[1]}" if not text[mark.index:].strip() else
                   f"{opening} som börjar här avslutas inte med {closing[1]} (felet märks på rad {mark.line + 1})")
        hint = f"Avsluta med {closing[1]}, eller sätt texten inom citattecken om {opening} hör till texten."
        mark = exc.context_mark
    elif "flow" in (exc.context or "") and mark is not None and not text[mark.index:].strip() \
            and (bracket := _open_bracket(text, loader)) is not None:  # the file ends inside [ or {
        closing = "]" if bracket[0] == "[" else "}"
        problem = f"{bracket[0]} som börjar här avslutas aldrig med {closing}"
        hint = f"Avsluta med {closing}, eller sätt texten inom citattecken om {bracket[0]} hör till texten."
        mark = bracket[1]
    elif "invalid Unicode character escape" in english and mark is not None \
            and (escape := _bad_escape(text, mark.index)) is not None:
        slash, written, problem, hint = escape
        return error("yaml-syntax", Position(path, mark.line + 1, mark.column + 1 - (mark.index - slash)),
                     f"Filen är inte giltig YAML: {problem}.", hint)
    elif mark is not None and (quote := _open_quote(text, mark, loader)) is not None:
        problem = (f"citattecknet som börjar här avslutas först på rad {quote.end_mark.line + 1} "
                   "(saknas ett avslutande citattecken?)")
        hint = "Avsluta värdet med samma citattecken som det börjar med, på samma rad."
        mark = quote.start_mark
    else:
        problem = _problem(english, text, mark)
    position = Position(path, mark.line + 1, mark.column + 1) if mark else Position(path, 1, 1)
    return error("yaml-syntax", position, f"Filen är inte giltig YAML: {problem}.", hint)


_CODE_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})")


def _bad_escape(text: str, at: int) -> tuple[int, str, str, str] | None:
    """(offset of its backslash, the escape as written, the problem, the hint) of the escape by code point
    (``\\ud800``, ``\\U00110000``) that names no character and on which the parser stopped at offset at;
    None when there is none there."""
    slash = text.rfind("\\", max(0, at - 10), at + 1)  # the parser stops inside the escape, at most 9 after it
    written = _CODE_ESCAPE.match(text, slash) if slash >= 0 else None
    if written is None:
        return None
    code = int(written[0][2:], 16)
    why = (f"U+{code:04X} är en halv surrogat, som bara finns i par i UTF-16 och inte är något tecken"
           if 0xD800 <= code <= 0xDFFF else "Unicode slutar vid U+10FFFF")
    return (slash, written[0], f"escape-sekvensen {written[0]} anger inget tecken ({why})",
            "Skriv tecknet självt (filen är UTF-8), eller dess hela kodpunkt med \\U och åtta siffror: "
            "\\U0001F600 i stället för paret \\ud83d\\ude00.")


def _open_bracket(text: str, loader) -> tuple[str, object] | None:
    """("[" or "{", its mark) of the innermost bracket still open where the parser stopped; None if none."""
    open_: list[tuple[str, object]] = []
    scanner = loader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                open_.append(("[" if isinstance(token, yaml.FlowSequenceStartToken) else "{", token.start_mark))
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and open_:
                open_.pop()
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    return open_[-1] if open_ else None


def _open_quote(text: str, fault, loader) -> yaml.ScalarToken | None:
    """The quoted value that ends on the faulty line after starting on an earlier one: a quote left open,
    closed only by the next quote in the file, after which nothing fits. None when there is none."""
    last = None
    scanner = loader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if token.start_mark.index >= fault.index:
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    if last is None or last.style not in ("'", '"') or last.start_mark.line == last.end_mark.line:
        return None
    return last if last.end_mark.line == fault.line else None


#: The parsers' messages (libyaml's and PyYAML's wording) in Swedish; the first that the English
#: message contains applies. Messages that depend on the character at the fault are in ``_problem``.
_PROBLEMS = {
    "mapping values are not allowed": "ett kolon står där det inte får stå (sätt texten inom citattecken)",
    "tab character": "tabbtecken får inte användas för indrag",
    "could not find expected ':'": "ett kolon saknas efter en nyckel",
    "while scanning a simple key": "en rad saknar kolon efter nyckeln",
    "found undefined alias": "okänt alias",
    "but found another document": "filen innehåller mer än ett dokument (--- får bara stå på första raden)",
    "expected <document start>": "text står efter dokumentets slut (en rad med ... eller ---)",
    "found unexpected end of stream": "filen tar slut mitt i ett värde (saknas ett avslutande citattecken?)",
    "block sequence entries are not allowed": "en listrad (-) står där ett värde redan har börjat "
                                              "(en lista börjar på en egen rad)",
    "node content": "ett värde saknas här",
    "comment or line break": "text står efter värdet på samma rad (sätt hela värdet inom citattecken)",
    "alphabetic or numeric character": "efter & eller * ska ett namn stå (sätt texten inom citattecken "
                                       "om tecknet hör till texten)",
    "unexpected document indicator": "--- eller ... står i början av en rad inne i ett värde",
    "tag handle": "en okänd YAML-tagg (!) står här",
    "directive": "YAML-direktiv (rader som börjar med %) är inte tillåtna",
    "escaped line break": "ett citerat värde bryts fel",
    "while scanning an anchor": "ett ankare (&) saknar namn",
    "while scanning an alias": "ett alias (*) saknar namn",
}


def _problem(english: str, text: str, mark) -> str:
    """The parser's English message about the fault at mark, in Swedish; where the message says little
    ("did not find expected key"), what stands at the fault says what is wrong."""
    at = mark.index if mark is not None else len(text)
    char = text[at:at + 1]
    if "unknown escape character" in english:
        slash = text.rfind("\\", 0, at + 1)
        written = text[slash:slash + 2] if slash >= 0 else "\\"
        return f"okänd escape-sekvens {written} i text med dubbla citattecken (skriv \\\\ för ett omvänt snedstreck)"
    if char == "\t" and ("token" in english or "tab" in english):
        return "tabbtecken får inte användas för indrag"
    if "cannot start any token" in english:
        shown = f"'{char}'" if char.isprintable() else character_name(char)
        return f"tecknet {shown} kan inte inleda ett värde (sätt texten inom citattecken)"
    for words, swedish in _PROBLEMS.items():
        if words in english:
            return swedish
    if any(words in english for words in ("expected <block end>", "expected key", "'-' indicator")):
        line_start = text.rfind("\n", 0, at) + 1
        if char == "-":
            return "en listrad har fel indrag"
        if char in "]}":
            return f"{char} står utan en {'[' if char == ']' else '{'} före"
        if not text[line_start:at].strip():
            return "en rad har fel indrag"
        return "ett värde står där det inte får stå (fel indrag eller ett citattecken som inte avslutas?)"
    return f"YAML-tolken kan inte läsa vidare här ({english})"
