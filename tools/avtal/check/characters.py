"""Invisible characters: each one in a corpus file is a finding at its exact line and column.

A soft hyphen pasted from Word or a PDF inside "socialtjänst­lagen" hides the citation from the
checker and the word from the site's search; a bidirectional control can make a reviewer read a line
in another order than the one that is published. None of them is visible in an editor, so each
gets a finding that names it. Which characters: ``load.invisible`` (Unicode's
Default_Ignorable_Code_Point, format and private-use characters); non-breaking spaces (U+00A0, U+202F) are
not among them: Swedish typography uses them.

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

from ..findings import PER_FILE, Finding, Position, more
from ..load.invisible import PATTERN, invisible, is_invisible
from ..model import Corpus
from ..sourcefile import LoadedFile

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
        out.append(invisible(where, char, written))
    return out


def _found(source: str) -> Iterator[tuple[int, str, str | None]]:
    """(offset, character, escape as written or None) of every invisible character in the source."""
    for match in PATTERN.finditer(source):
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
                if char is not None and (is_invisible(char) or _control(char)):
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
