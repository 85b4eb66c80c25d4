"""Strict YAML loading that remembers where every value stands.

A file becomes plain Python data (dicts, lists, strings, numbers, booleans)
plus a map from each value's path to its position. Dates stay strings, so the
JSON Schema sees exactly what the author typed. Duplicate keys, malformed YAML
and files that are not UTF-8 become findings, never exceptions.

Nothing a file says can make loading slow or large: the parser's events are read before anything
is composed, and a file with anchors or aliases (``&a`` / ``*a``, which YAML expands: the "billion
laughs"), explicit tags (``!!binary``) or nesting deeper than MAX_DEPTH is refused there; so is a
file over MAX_BYTES, unread.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from pathlib import Path

import yaml
from yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent, ScalarEvent,
                         StreamEndEvent)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..findings import PER_FILE, Finding, Position, error, more
from ..sourcefile import LoadedFile, PathKey, unix_line_breaks
from ..text import character_name
from .invisible import invisible
from .yamlerrors import syntax_error

#: The largest file read: the largest real file is about 33 kB; a document sixteen times that is checked
#: in about a second (tools/hostile.py measures it), so the limit leaves room to grow and bounds the work.
MAX_BYTES = 512 * 1024
#: The deepest nesting of lists and mappings: the real corpus nests 9 deep (sections in sections, notes),
#: so this leaves room for about a dozen more levels of sections, far below where recursion could fail.
MAX_DEPTH = 32


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps: dates stay the strings authors wrote."""


_NO_TIMESTAMPS = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.yaml_implicit_resolvers = _NO_TIMESTAMPS

if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        """The same rules parsed by libyaml, about ten times faster. Used for files that parse; a file
        that does not is parsed again by _Loader, whose error messages and positions we translate."""

    _FastLoader.yaml_implicit_resolvers = _NO_TIMESTAMPS
else:  # PyYAML built without libyaml
    _FastLoader = None


def _screen(loader, path: str) -> tuple[list[Finding], yaml.YAMLError | None]:
    """What the file may not hold, from the parser's events, before anything is composed: the first
    anchor or alias (with how many there are), the first explicit tag and the first collection nested
    deeper than MAX_DEPTH (which ends the reading); and the parser's error for malformed YAML, if any."""
    findings: list[Finding] = []
    first_anchor, anchors, depth, tagged = None, 0, 0, False
    try:
        while not isinstance(event := loader.get_event(), StreamEndEvent):
            if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor is not None):
                anchors += 1
                first_anchor = first_anchor or event
            if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag is not None and not tagged:
                tagged = True
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                findings.append(error(
                    "yaml-value", _position(path, event), f"Värdet har YAML-taggen '{tag}', som inte är tillåten.",
                    "Ta bort taggen; skriv värdet som text inom citattecken om det behövs."))
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    findings.append(error(
                        "yaml-depth", _position(path, event),
                        f"Listor och nycklar ligger mer än {MAX_DEPTH} nivåer djupt i varandra.",
                        "Kontrollera indrag och hakparenteser; avtalets filer behöver inte så många nivåer."))
                    break
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
        fault = None
    except yaml.YAMLError as exc:
        fault = exc
    if first_anchor is not None:
        alias = isinstance(first_anchor, AliasEvent)
        written = ("*" if alias else "&") + first_anchor.anchor
        count = f" (filen har {anchors}, det första står här)." if anchors > 1 else "."
        if alias or isinstance(first_anchor, ScalarEvent):  # most likely text: "&Co", "*viktigt*"
            findings.append(error(
                "yaml-anchor", _position(path, first_anchor),
                f"Värdet börjar med {written}, som YAML läser som ett {'alias' if alias else 'ankare'}; ankare och "
                "alias är inte tillåtna" + count,
                f"Hör {written[0]} till texten, sätt hela värdet inom citattecken: \"{written} …\". Avtalets filer "
                "använder inga ankare (&) eller alias (*)."))
        else:
            findings.append(error(
                "yaml-anchor", _position(path, first_anchor),
                f"Filen använder YAML-ankaret {written}; ankare och alias är inte tillåtna" + count,
                "Skriv ut värdet på varje ställe där det behövs; avtalets filer använder inga ankare (&) eller alias (*)."))
    return sorted(findings, key=Finding.sort_key), fault


def _compose(text: str, path: str) -> tuple[Node | None, list[Finding], yaml.YAMLError | None]:
    """(the document's node or None, the screen's findings, the parser's fault or None), parsed by libyaml
    when PyYAML has it (about ten times faster, so that even a malformed file of MAX_BYTES is read once, in
    a fraction of a second), else by the pure-Python parser. The node is None when the screen refuses the
    file, the YAML is malformed or the file is empty."""
    make = _FastLoader or _Loader
    loader = make(text)
    try:
        refused, fault = _screen(loader, path)
    finally:
        loader.dispose()
    if fault is not None and make is _FastLoader and "depth" in str(fault):
        # libyaml stops at 1000 levels, scanning ahead of the events: the pure-Python parser names the level
        # past MAX_DEPTH where it starts (it stops reading there, so this stays quick)
        loader = _Loader(text)
        try:
            refused, fault = _screen(loader, path)
        finally:
            loader.dispose()
    if fault is not None or refused:
        return None, refused, fault
    loader = make(text)
    try:
        return loader.get_single_node(), [], None
    except yaml.YAMLError as exc:  # e.g. a second document, which the events allow
        return None, [], exc
    finally:
        loader.dispose()


def _position(path: str, node) -> Position:
    """Where a node or parser event starts."""
    return Position(path, node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, path: str, loader: _Loader):
        self.path = path
        self.loader = loader
        self.values: dict[PathKey, Position] = {}
        self.keys: dict[PathKey, Position] = {}
        self.findings: list[Finding] = []
        self.shown: dict[str, int] = {}  # code -> findings reported
        self.left: dict[str, list] = {}  # code -> [first position not reported, count]: past PER_FILE of it

    def report(self, code: str, node: Node, message: str, hint: str, related=()) -> None:
        """A finding about a key, or a count of it once the file has PER_FILE of that code (see ``counted``)."""
        if self.shown.get(code, 0) < PER_FILE:
            self.shown[code] = self.shown.get(code, 0) + 1
            self.findings.append(error(code, _position(self.path, node), message, hint, related))
        else:
            self.left.setdefault(code, [_position(self.path, node), 0])[1] += 1

    def counted(self) -> list[Finding]:
        """The findings, and for each code with more than PER_FILE one finding counting the rest."""
        return self.findings + [more(code, where, n) for code, (where, n) in self.left.items()]

    def build(self, node: Node, at: PathKey):
        self.values[at] = _position(self.path, node)
        if isinstance(node, MappingNode):
            return self._mapping(node, at)
        if isinstance(node, SequenceNode):
            return [self.build(item, at + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError):  # an integer of more digits than Python converts (4300)
            raise yaml.constructor.ConstructorError(None, None, "talet har för många siffror",
                                                    node.start_mark) from None

    def _mapping(self, node: MappingNode, at: PathKey) -> dict:
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.report("yaml-complex-key", key_node, "En nyckel måste vara ett enkelt ord.",
                            "Skriv nyckeln som text, t.ex. title:")
                continue
            key = key_node.value
            if key in first_seen:
                self.report("yaml-duplicate-key", key_node, f"Nyckeln '{key}' förekommer två gånger i samma avsnitt.",
                            f"Ta bort den ena; den första står på rad {first_seen[key].line}.",
                            related=[first_seen[key]])
                continue
            first_seen[key] = _position(self.path, key_node)
            self.keys[at + (key,)] = first_seen[key]
            result[key] = self.build(value_node, at + (key,))
        return result


def display_path(path: Path, root: Path | None = None) -> str:
    """path as findings show it: POSIX, relative to root when it lies under root, else as given; a link
    is named, not its target (only the folders above it are resolved)."""
    if root is not None:
        try:
            return path.absolute().relative_to(root.absolute()).as_posix()
        except ValueError:  # given through another way to the same folder: compare with links resolved
            try:
                return (_resolved(path.parent) / path.name).relative_to(_resolved(root)).as_posix()
            except ValueError:
                pass
    return path.as_posix()


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return path.absolute()


def load_text(text: str, path: str) -> tuple[LoadedFile | None, list[Finding]]:
    """Parse YAML text; return the file (None if unusable) and the findings; never raises.

    path: the name positions carry. Codes: ``file-too-large`` (over MAX_BYTES), ``file-character``,
    ``yaml-syntax``, ``yaml-anchor``, ``yaml-depth``, ``yaml-empty``, ``yaml-value`` (the file is
    unusable), ``yaml-duplicate-key``, ``yaml-complex-key`` (the file is built without the offending key).
    """
    if len(text) > MAX_BYTES // 4 and (size := len(text.encode("utf-8"))) > MAX_BYTES:
        return None, [too_large(path, size)]
    text = unix_line_breaks(text)  # a CR-only file's positions as YAML counts its lines
    if (bad := yaml.reader.Reader.NON_PRINTABLE.search(text)) is not None:  # e.g. a form feed from a PDF
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return None, [error(
            "file-character", Position(path, line, column),
            f"Filen innehåller ett otillåtet tecken: {character_name(bad[0])}.",
            "Ta bort tecknet; det följer ofta med när text kopieras från en PDF.")]
    # YAML ends a line at U+0085, U+2028 and U+2029 too, editors do not: read as spaces, every position
    # stays the editor's (the characters themselves are invisible-character findings, at their places)
    parsed = text.translate(_BREAKS) if _HAS_BREAKS.search(text) else text
    node, refused, fault = _compose(parsed, path)
    if fault is not None and "\ufeff" in parsed:
        # a byte-order mark where YAML expects a key or an indent (pasted at the start of a line): its finding
        # names it at its place, not the parser's fault one column on; a fault that is not a mark is the next
        # fault of the file read without them, at the place it has with them
        bare = parsed.replace("\ufeff", "")
        _, bare_refused, bare_fault = _compose(bare, path)
        if bare_fault is None and not bare_refused:
            return None, loader_invisible(text, path)
        if isinstance(bare_fault, yaml.MarkedYAMLError):
            found = syntax_error(bare, path, bare_fault, _FastLoader or _Loader)
            return None, [_with_marks(found, parsed)] + loader_invisible(text, path)
    if isinstance(fault, yaml.MarkedYAMLError):
        refused.append(syntax_error(parsed, path, fault, _FastLoader or _Loader))
    elif fault is not None:  # a reader error without a mark
        refused.append(error("yaml-syntax", Position(path, 1, 1), "Filen är inte giltig YAML: den kan inte läsas.",
                             "Kontrollera filens innehåll."))
    if refused:
        return None, refused + (loader_invisible(text, path) if _LOADER_INVISIBLE.search(text) else [])
    return _built(text, path, node, _Loader(""))


_BREAKS = {0x85: " ", 0x2028: " ", 0x2029: " "}
_HAS_BREAKS = re.compile("[\u0085\u2028\u2029]")
# What the loader itself reports of the invisible characters, in a file it cannot use (in one it can, the
# check of invisible characters finds them): the line breaks, and a byte-order mark past the file's start,
# which YAML reads as the start of a token (the one at the start is dropped before parsing)
_LOADER_INVISIBLE = re.compile("[\u0085\u2028\u2029\ufeff]")


def _with_marks(found: Finding, text: str) -> Finding:
    """found, a finding about text with its byte-order marks removed, at its place in text itself (its column
    counts the marks before it on its line)."""
    line = text.split("\n")[found.position.line - 1] if found.position.line else ""
    column, left = 0, found.position.column - 1
    while column < len(line) and (left > 0 or line[column] == "\ufeff"):
        left -= line[column] != "\ufeff"
        column += 1
    return replace(found, position=Position(found.position.file, found.position.line, column + 1))


def loader_invisible(text: str, path: str) -> list[Finding]:
    """``invisible-character`` for each U+0085, U+2028, U+2029 and U+FEFF in text, at the line and column an
    editor shows (lines counted at line feeds only); PER_FILE at most, then one counting the rest. For a
    file that could not be used; in a file that could, the check of invisible characters finds them."""
    found = []
    for n, match in enumerate(_LOADER_INVISIBLE.finditer(text)):
        at = match.start()
        where = Position(path, text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1)
        if n == PER_FILE:
            found.append(more("invisible-character", where, len(_LOADER_INVISIBLE.findall(text)) - PER_FILE))
            break
        found.append(invisible(where, match[0]))
    return found


def too_large(path: str, size: int) -> Finding:
    """The ``file-too-large`` finding for a file of size bytes (over MAX_BYTES), about the whole file."""
    return error("file-too-large", Position(path, 1, 1), f"Filen är {size // 1024} kB; filer över {MAX_BYTES // 1024} kB läses inte.",
                 "Dela upp dokumentet i flera filer, eller kontrollera att filen bara innehåller avtalstext.")


def _built(text: str, path: str, node: Node | None, loader: _Loader) -> tuple[LoadedFile | None, list[Finding]]:
    """The file's data and positions from its composed node (loader constructs non-string scalars)."""
    if node is None:
        return None, [error("yaml-empty", Position(path, 1, 1), "Filen är tom.",
                            "Fyll i dokumentet eller ta bort filen.")]
    builder = _Builder(path, loader)
    try:
        data = builder.build(node, ())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        position = Position(path, mark.line + 1, mark.column + 1) if mark else Position(path, 1, 1)
        return None, [error("yaml-value", position, f"Ett värde kan inte läsas: {getattr(exc, 'problem', None) or exc}.",
                            "Skriv värdet som text inom citattecken.")]
    return LoadedFile(path, data, builder.values, builder.keys, text), builder.counted()


def load_file(path: Path, root: Path | None = None) -> tuple[LoadedFile | None, list[Finding]]:
    """Read and parse a file (a leading BOM dropped), as ``load_text``; positions name it relative to root.

    Adds the codes ``file-unreadable`` (an OSError, or not a regular file: a named pipe would wait for
    ever), ``file-too-large`` (over MAX_BYTES; never more is read) and ``file-encoding`` (not UTF-8, at
    the first bad byte); never raises.
    """
    shown = display_path(path, root)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None, [error("file-unreadable", Position(shown, 1, 1), "Filen kan inte läsas: den är ingen vanlig fil.",
                                "Ersätt den med en vanlig textfil.")]
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
            size = len(raw) if len(raw) <= MAX_BYTES else max(len(raw), os.fstat(stream.fileno()).st_size)
    except OSError as exc:
        return None, [error("file-unreadable", Position(shown, 1, 1), f"Filen kan inte läsas: {exc.strerror}.",
                            "Kontrollera att filen finns och är läsbar.")]
    if size > MAX_BYTES:
        return None, [too_large(shown, size)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = raw[:exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # lines as YAML counts them
        line = head.count(b"\n") + 1
        line_start = head.rfind(b"\n") + 1
        column = len(head[line_start:].decode("utf-8").lstrip("\ufeff")) + 1  # characters, as editors count
        return None, [error(
            "file-encoding", Position(shown, line, column),
            "Filen är inte kodad i UTF-8.",
            "Spara filen som UTF-8 (i VS Code: 'Spara med kodning' → UTF-8).")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return load_text(text, shown)
