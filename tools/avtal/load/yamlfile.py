"""Strict YAML loading that remembers where every value stands.

A file becomes plain Python data (dicts, lists, strings, numbers, booleans)
plus a map from each value's path to its position. Dates stay strings, so the
JSON Schema sees exactly what the author typed. Duplicate keys, malformed YAML
and files that are not UTF-8 become findings, never exceptions.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..findings import Finding, Position, error
from ..sourcefile import LoadedFile, PathKey


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


def _compose_fast(text: str) -> Node | None | bool:
    """The document's node by libyaml; False when libyaml is missing or finds a fault."""
    if _FastLoader is None:
        return False
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()


def _position(path: str, node: Node) -> Position:
    return Position(path, node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, path: str, loader: _Loader):
        self.path = path
        self.loader = loader
        self.values: dict[PathKey, Position] = {}
        self.keys: dict[PathKey, Position] = {}
        self.findings: list[Finding] = []

    def build(self, node: Node, at: PathKey):
        self.values[at] = _position(self.path, node)
        if isinstance(node, MappingNode):
            return self._mapping(node, at)
        if isinstance(node, SequenceNode):
            return [self.build(item, at + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: MappingNode, at: PathKey) -> dict:
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.findings.append(error(
                    "yaml-complex-key", _position(self.path, key_node),
                    "En nyckel måste vara ett enkelt ord.",
                    "Skriv nyckeln som text, t.ex. title:"))
                continue
            key = key_node.value
            if key in first_seen:
                self.findings.append(error(
                    "yaml-duplicate-key", _position(self.path, key_node),
                    f"Nyckeln '{key}' förekommer två gånger i samma avsnitt.",
                    f"Ta bort den ena; den första står på rad {first_seen[key].line}.",
                    related=[first_seen[key]]))
                continue
            first_seen[key] = _position(self.path, key_node)
            self.keys[at + (key,)] = first_seen[key]
            result[key] = self.build(value_node, at + (key,))
        return result


def display_path(path: Path, root: Path | None = None) -> str:
    """path as findings show it: POSIX, relative to root when it lies under root, else as given."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def load_text(text: str, path: str) -> tuple[LoadedFile | None, list[Finding]]:
    """Parse YAML text; return the file (None if unusable) and the findings; never raises.

    path: the name positions carry. Codes: ``file-character``, ``yaml-syntax``, ``yaml-empty``,
    ``yaml-value`` (the file is unusable), ``yaml-duplicate-key``, ``yaml-complex-key`` (the file is
    built without the offending key).
    """
    node = _compose_fast(text)
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
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote: point at where it opens, not at the end of the file
        position = Position(path, mark.line + 1, mark.column + 1) if mark else Position(path)
        problem = _translate_problem(exc.problem or exc.context or "")
        return None, [error(
            "yaml-syntax", position, f"Filen är inte giltig YAML: {problem}.",
            "Kontrollera indrag, kolon och citattecken på raden och raden ovanför.")]
    except yaml.YAMLError as exc:  # a reader error without a mark
        return None, [error("yaml-syntax", Position(path, 1, 1), f"Filen är inte giltig YAML: {exc}.",
                            "Kontrollera filens innehåll.")]
    finally:
        loader.dispose()
    return _built(text, path, node, loader)


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
        return None, [error("yaml-value", position, f"Ett värde kan inte läsas: {exc}.",
                            "Skriv värdet som text inom citattecken.")]
    return LoadedFile(path, data, builder.values, builder.keys, text), builder.findings


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

    Adds the codes ``file-unreadable`` (an OSError) and ``file-encoding`` (not UTF-8, at the first
    bad byte); never raises.
    """
    shown = display_path(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error("file-unreadable", Position(shown), f"Filen kan inte läsas: {exc.strerror}.",
                            "Kontrollera att filen finns och är läsbar.")]
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
