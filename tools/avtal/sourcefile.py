"""A YAML file as plain data, with the position of every value and key.

``avtal.load`` makes these; every model object keeps its file and path so a check can
point at the line that holds it (``LoadedFile.where``), also inside a multi-line text
(``LoadedFile.where_in_text``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .findings import Position

PathKey = tuple  # ("sections", 0, "title"): keys and list indexes from the file's root


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

        Block scalars (``text: |`` or ``>``) are placed line by line (see _block_lines); in a flow
        scalar the value's line breaks are the source's (a quote adds one column). The file's lines and
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
        before = value[:offset]  # a flow scalar: quoted or plain, its line breaks as written
        line_in_value = before.count("\n")
        column_in_line = offset - (before.rfind("\n") + 1)
        quote = 1 if indicator in ("'", '"') else 0
        return Position(self.path, start.line + line_in_value, start.column + quote + column_in_line)

    def lines(self) -> list[str]:
        """The file's lines (``str.splitlines``), split once."""
        if "lines" not in self._cache:
            self._cache["lines"] = self.source.splitlines()
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
