"""A YAML file as plain data, with the position of every value and key.

``avtal.load`` makes these; every model object keeps its file and path so a check can
point at the line that holds it (``LoadedFile.where``), also inside a multi-line text
(``LoadedFile.where_in_text``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .findings import Position

PathKey = tuple  # ("sections", 0, "title"): keys and list indexes from the file's root


def unix_line_breaks(text: str) -> str:
    """text with every CR LF and every lone CR as a LF: the line breaks YAML reads (YAML 1.2, 5.4), so
    that lines and columns counted at line feeds are the parser's and the editor's also in a file saved
    with Windows or old Mac line endings (verify-11c N1, N2)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@dataclass
class LoadedFile:
    """One YAML file as plain data (dicts, lists, scalars) with the position of every value and key.

    Positions are keyed by path from the root, e.g. ``("sections", 0, "title")``; lines and columns
    are 1-based, columns in characters.
    """

    path: str  # as shown to users (relative to the project when possible)
    data: object
    values: dict[PathKey, Position] = field(default_factory=dict)  # where each value starts
    keys: dict[PathKey, Position] = field(default_factory=dict)  # where each mapping key starts
    source: str = ""  # the file's text, to place positions inside multi-line values
    _cache: dict = field(default_factory=dict, repr=False, compare=False)  # lines, block layouts

    def where(self, path: PathKey) -> Position:
        """The position of the value at path, or of its nearest ancestor (at worst the root value's, or 1:1)."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Position(self.path, 1, 1))

    def where_in_text(self, path: PathKey, offset: int) -> Position:
        """The position of character `offset` (0-based, in characters) of the string at path.

        Block scalars (``text: |`` or ``>``) are placed line by line (see _block_lines); a flow scalar
        character by character, through its escapes and folded lines (_flow_layout). The file's lines and
        each block's layout are worked out once, so thousands of positions in one text stay cheap.
        """
        start = self.where(path)
        value = self.data
        for key in path:
            value = value[key]
        if not isinstance(value, str) or not self.source or tuple(path) not in self.values:
            return start
        lines = self.lines()
        indicator = lines[start.line - 1][start.column - 1:start.column] if start.line <= len(lines) else ""
        if indicator in ("|", ">"):
            layout = self._block_lines(tuple(path), lines, start, value)
            if layout is None:
                return start
            indent, found = layout
            line, at = found[max(bisect.bisect_right(found, offset, key=lambda pair: pair[1]) - 1, 0)]
            return Position(self.path, line + 1, indent + (offset - at) + 1)
        found = self._flow_offsets(tuple(path), start, value)
        if found is None:  # not laid out as expected: the value's start
            return start
        return self._at_index(found[min(offset, len(found) - 1)])

    def _starts(self) -> list[int]:
        """Where each line of the source starts (lines end at a line feed only, as editors count)."""
        if "starts" not in self._cache:
            self._cache["starts"] = [0] + [m.end() for m in re.finditer("\n", self.source)]
        return self._cache["starts"]

    def _at_index(self, index: int) -> Position:
        starts = self._starts()
        line = bisect.bisect_right(starts, index)
        return Position(self.path, line, index - starts[line - 1] + 1)

    def _flow_offsets(self, path: PathKey, start: Position, value: str) -> list[int] | None:
        """The source index of each character of a flow scalar's value (plain, 'single-' or "double-quoted"),
        and one past its end: escapes (``\\n``, ``\\u00e5``) stand at their backslash, a line break folded
        into a space at the break, blank lines kept as line breaks at those lines (YAML 1.2, 7.3 and 7.5).
        None when the source does not give the value (then the value's start is used)."""
        key = ("flow", path)
        if key in self._cache:
            return self._cache[key]
        starts = self._starts()
        found = None
        if 0 < start.line <= len(starts):
            found = _flow_layout(self.source, starts[start.line - 1] + start.column - 1, len(value))
        self._cache[key] = found
        return found

    def lines(self) -> list[str]:
        """The file's lines, split once at line feeds (a carriage return before one dropped): as editors and
        the positions count them, not at U+2028 or U+0085, which ``str.splitlines`` would split at too."""
        if "lines" not in self._cache:
            self._cache["lines"] = [line.removesuffix("\r") for line in self.source.split("\n")]
        return self._cache["lines"]

    def _block_lines(self, path: PathKey, lines: list[str], start: Position,
                     value: str) -> tuple[int, list[tuple[int, int]]] | None:
        """(indent, [(0-based line, where its text starts in the value) …]) of a block scalar (``|`` or
        ``>``), found by locating each of the block's source lines in the value in turn: a literal block
        keeps the line breaks, a folded one turns most into spaces, but every line's text stands in the
        value as written. None for an empty block."""
        key = ("block", path)
        if key in self._cache:
            return self._cache[key]
        first = start.line  # 0-based index of the line after the indicator
        while first < len(lines) and not lines[first].strip():
            first += 1
        if first >= len(lines):
            self._cache[key] = None
            return None
        indent = len(lines[first]) - len(lines[first].lstrip(" "))
        found = [(first, 0)]  # before the first line's text is found: its start
        cursor = 0
        for n in range(first, len(lines)):
            line = lines[n]
            if line.strip() and len(line) - len(line.lstrip(" ")) < indent:
                break  # the block has ended
            text = line[indent:]
            if not text.strip():
                continue
            at = value.find(text, cursor)
            if at < 0:
                break
            found.append((n, at))
            cursor = at + len(text)
        self._cache[key] = (indent, found)
        return self._cache[key]

    def where_key(self, path: PathKey) -> Position:
        """The position of the key that holds the value at path."""
        return self.keys.get(tuple(path)) or self.where(path)


_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}  # \xNN, \uNNNN, \UNNNNNNNN; any other escape is two characters


def _flow_layout(source: str, i: int, length: int) -> list[int] | None:
    """The source index of each of the length characters of the flow scalar that starts at source index i,
    then of its end; None if the source ends first (see ``LoadedFile._flow_offsets``)."""
    style = source[i:i + 1]
    quoted = style in ("'", '"')
    if quoted:
        i += 1
    out: list[int] = []
    n = len(source)
    while len(out) < length and i < n:
        c = source[i]
        if quoted and c == style:
            if style == "'" and source.startswith("''", i):
                out.append(i)
                i += 2
                continue
            break
        if style == '"' and c == "\\":
            after = source[i + 1:i + 2]
            if after in ("\n", "\r"):  # an escaped line break: nothing in the value, next line's indent skipped
                i += 3 if source.startswith("\r\n", i + 1) else 2
                while i < n and source[i] in " \t":
                    i += 1
                continue
            out.append(i)
            i += _ESCAPE_LENGTH.get(after, 2)
            continue
        if c in "\r\n":  # a line break: folded into a space, or kept once per blank line that follows
            while out and source[out[-1]] in " \t":
                out.pop()
            at, blank = i, []
            while i < n and source[i] in "\r\n":
                i += 2 if source.startswith("\r\n", i) else 1
                while i < n and source[i] in " \t":
                    i += 1
                if i < n and source[i] in "\r\n":
                    blank.append(i)
            out.extend(blank or [at])
            continue
        out.append(i)
        i += 1
    if len(out) < length:
        return None
    return out[:length] + [i]
