"""Every text field of a corpus file, found by its schema: the one walker over the text.

A field is a text when its schema is (a reference to) ``common.schema.json#/$defs/text`` — the
Markdown subset, with links, key terms, statute citations and the source's läs mer stars — or
``#/$defs/plain`` — a title, label or description shown as written. The two definitions carry
the annotation ``"x-text": "markdown"`` and ``"x-text": "plain"``. No module names text fields:
a text field added to a schema is seen by every check and renderer that reads
``model.Period.texts()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from ..sourcefile import PathKey
from .schema import registry, schema_of

MARKDOWN, PLAIN = "markdown", "plain"
# A guard against runaway recursion, chosen by hand: the real corpus nests sections three levels deep,
# its deepest value 9 keys from the root, so data nested deeper than 64 keys is not a corpus file.
_MAX_DEPTH = 64


@dataclass
class _Shape:
    """Where a schema puts text: a text field itself (``text``), or the shapes of its keys and items."""

    text: str | None = None  # "markdown" or "plain" for a text field
    properties: dict[str, "_Shape"] = field(default_factory=dict)
    items: "_Shape | None" = None


@lru_cache(maxsize=None)
def _shape(kind: str) -> _Shape:
    """The kind's schema with every ``$ref`` resolved once (a definition that contains itself, such as
    sections under sections, becomes a shape that contains itself)."""
    made: dict[int, _Shape] = {}

    def compile_(schema: dict, resolver) -> _Shape:
        while "$ref" in schema and "x-text" not in schema:
            resolved = resolver.lookup(schema["$ref"])
            schema, resolver = resolved.contents, resolved.resolver
        if id(schema) in made:
            return made[id(schema)]
        shape = made[id(schema)] = _Shape(schema.get("x-text"))
        for key, sub in schema.get("properties", {}).items():
            shape.properties[key] = compile_(sub, resolver)
        if isinstance(schema.get("items"), dict):
            shape.items = compile_(schema["items"], resolver)
        return shape

    root = schema_of(kind)
    return compile_(root, registry().resolver(base_uri=root["$id"]))


def text_fields(kind: str, data) -> Iterator[tuple[PathKey, str, bool]]:
    """(path, text, markup) of every text field in data, a file of kind (``document``, ``guideline``,
    ``period`` …), in file order; markup is True for the Markdown subset, False for plain text.

    Data that does not follow its schema is walked as far as it does: a value of the wrong type
    or an unknown key is passed over, never an error.
    """
    yield from _walk(_shape(kind), data, (), 0)


def _walk(shape: _Shape, data, path: PathKey, depth: int):
    if shape.text is not None:
        if isinstance(data, str):
            yield path, data, shape.text == MARKDOWN
        return
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            if key in shape.properties:
                yield from _walk(shape.properties[key], value, path + (key,), depth + 1)
    elif isinstance(data, list) and shape.items is not None:
        for i, value in enumerate(data):
            yield from _walk(shape.items, value, path + (i,), depth + 1)
