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
import stat
from pathlib import Path

import yaml
from yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent, ScalarEvent,
                         StreamEndEvent)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..findings import PER_FILE, Finding, Position, error, more
from ..sourcefile import LoadedFile, PathKey

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
        findings.append(error(
            "yaml-anchor", _position(path, first_anchor),
            f"Filen använder YAML-{'aliaset' if alias else 'ankaret'} {written}; ankare och alias är inte tillåtna"
            + (f" (filen har {anchors}, det första står här)." if anchors > 1 else "."),
            "Skriv ut värdet på varje ställe där det behövs; avtalets filer använder inga ankare (&) eller alias (*)."))
    return sorted(findings, key=Finding.sort_key), fault


def _compose_fast(text: str, path: str) -> tuple[Node | None | bool, list[Finding]]:
    """(the document's node, []) by libyaml, or (None, findings) when the screen refuses the file;
    (False, []) when libyaml is missing or the YAML is malformed (_Loader then names the fault)."""
    if _FastLoader is None:
        return False, []
    loader = _FastLoader(text)
    try:
        refused, fault = _screen(loader, path)
    finally:
        loader.dispose()
    if fault is not None:
        return False, []
    if refused:
        return None, refused
    loader = _FastLoader(text)
    try:
        return loader.get_single_node(), []
    except yaml.YAMLError:
        return False, []
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
    node, refused = _compose_fast(text, path)
    if refused:
        return None, refused
    if node is not False:
        return _built(text, path, node, _Loader(""))
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a control character, e.g. a form feed pasted from a PDF
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [error(
            "file-character", Position(path, line, column),
            f"Filen innehåller ett otillåtet tecken (U+{exc.character:04X}).",
            "Ta bort tecknet; det följer ofta med när text kopieras från en PDF.")]
    try:
        refused, fault = _screen(loader, path)  # an alias or deep nesting before a fault is named too
    finally:
        loader.dispose()
    if fault is None and not refused:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:  # e.g. a second document, which the events allow
            fault = exc
        finally:
            loader.dispose()
    if isinstance(fault, yaml.MarkedYAMLError):
        refused.append(_syntax_error(text, path, fault))
    elif fault is not None:  # a reader error without a mark
        refused.append(error("yaml-syntax", Position(path, 1, 1), f"Filen är inte giltig YAML: {fault}.",
                             "Kontrollera filens innehåll."))
    if refused:
        return None, refused
    return _built(text, path, node, loader)


def too_large(path: str, size: int) -> Finding:
    """The ``file-too-large`` finding for a file of size bytes (over MAX_BYTES), about the whole file."""
    return error("file-too-large", Position(path), f"Filen är {size // 1024} kB; filer över {MAX_BYTES // 1024} kB läses inte.",
                 "Dela upp dokumentet i flera filer, eller kontrollera att filen bara innehåller avtalstext.")


def _syntax_error(text: str, path: str, exc: yaml.MarkedYAMLError) -> Finding:
    """The finding for malformed YAML, placed where the author can fix it: an unclosed quote where it opens."""
    mark = exc.problem_mark or exc.context_mark
    problem = _translate_problem(exc.problem or exc.context or "")
    hint = "Kontrollera indrag, kolon och citattecken på raden och raden ovanför."
    if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
        mark = exc.context_mark  # a quote that runs to the end of the file: point at where it opens
    elif mark is not None and (quote := _open_quote(text, mark)) is not None:
        problem = (f"citattecknet som börjar här avslutas först på rad {quote.end_mark.line + 1} "
                   "(saknas ett avslutande citattecken?)")
        hint = "Avsluta värdet med samma citattecken som det börjar med, på samma rad."
        mark = quote.start_mark
    position = Position(path, mark.line + 1, mark.column + 1) if mark else Position(path)
    return error("yaml-syntax", position, f"Filen är inte giltig YAML: {problem}.", hint)


def _open_quote(text: str, fault) -> yaml.ScalarToken | None:
    """The quoted value that ends on the faulty line after starting on an earlier one: a quote left open,
    closed only by the next quote in the file, after which nothing fits. None when there is none."""
    last = None
    scanner = _Loader(text)
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


_PROBLEMS = {
    "found character '\\t' that cannot start any token": "tabbtecken får inte användas för indrag",
    "mapping values are not allowed here": "ett kolon står där det inte får stå (sätt texten inom citattecken)",
    "could not find expected ':'": "ett kolon saknas efter en nyckel",
    "found undefined alias": "okänt alias",
    "expected <block end>, but found '-'": "en listrad har fel indrag",
    "expected <block end>, but found '<scalar>'": "ett värde står där det inte får stå (fel indrag eller ett citattecken som inte avslutas?)",
    "expected <block end>": "en rad har fel indrag",
    "but found another document": "filen innehåller mer än ett dokument (--- får bara stå på första raden)",
    "did not find expected key": "en nyckel har fel indrag",
    "found unexpected end of stream": "filen tar slut mitt i ett värde (saknas ett avslutande citattecken?)",
    "found unknown escape character": "okänd escape-sekvens i text med dubbla citattecken",
    "did not find expected '-' indicator": "en listrad har fel indrag",
    "while scanning a simple key": "en rad saknar kolon efter nyckeln",
    "expected ',' or ']'": "en lista inom [ ] avslutas inte med ]",
    "expected ',' or '}'": "ett uttryck inom { } avslutas inte med }",
    "found character that cannot start any token": "ett tecken som inte får inleda ett värde (sätt texten inom citattecken)",
}


def _translate_problem(problem: str) -> str:
    for english, swedish in _PROBLEMS.items():
        if english in problem:
            return swedish
    return problem


def load_file(path: Path, root: Path | None = None) -> tuple[LoadedFile | None, list[Finding]]:
    """Read and parse a file (a leading BOM dropped), as ``load_text``; positions name it relative to root.

    Adds the codes ``file-unreadable`` (an OSError, or not a regular file: a named pipe would wait for
    ever), ``file-too-large`` (over MAX_BYTES; never more is read) and ``file-encoding`` (not UTF-8, at
    the first bad byte); never raises.
    """
    shown = display_path(path, root)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None, [error("file-unreadable", Position(shown), "Filen kan inte läsas: den är ingen vanlig fil.",
                                "Ersätt den med en vanlig textfil.")]
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
            size = len(raw) if len(raw) <= MAX_BYTES else max(len(raw), os.fstat(stream.fileno()).st_size)
    except OSError as exc:
        return None, [error("file-unreadable", Position(shown), f"Filen kan inte läsas: {exc.strerror}.",
                            "Kontrollera att filen finns och är läsbar.")]
    if size > MAX_BYTES:
        return None, [too_large(shown, size)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start:exc.start].decode("utf-8").lstrip("\ufeff")) + 1  # characters, as editors count
        return None, [error(
            "file-encoding", Position(shown, line, column),
            "Filen är inte kodad i UTF-8.",
            "Spara filen som UTF-8 (i VS Code: 'Spara med kodning' → UTF-8).")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return load_text(text, shown)
