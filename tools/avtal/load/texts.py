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
from .schema import resolve, schema_of

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

    def compile_(schema: dict, document: dict) -> _Shape:
        while "$ref" in schema and "x-text" not in schema:
            schema, document = resolve(schema["$ref"], document)
        if id(schema) in made:
            return made[id(schema)]
        shape = made[id(schema)] = _Shape(schema.get("x-text"))
        for key, sub in schema.get("properties", {}).items():
            shape.properties[key] = compile_(sub, document)
        if isinstance(schema.get("items"), dict):
            shape.items = compile_(schema["items"], document)
        return shape

    root = schema_of(kind)
    return compile_(root, root)


def text_fields(kind: str, data) -> Iterator[tuple[PathKey, str, bool]]:
    """(path, text, markup) of every text field in data, a file of kind (``document``, ``guideline``,
    ``period`` …), in file order; markup is True for the Markdown subset, False for plain text.

    Data that does not follow its schema is walked as far as it does: a value of the wrong type
    or an unknown key is passed over, never an error.
    """
    yield from _walk(_shape(kind), data, (), 0)


def citing_fields(kind: str, data) -> Iterator[tuple[PathKey, str]]:
    """(path, text) of the texts of a file of kind in which statute citations are found, linked and
    checked: the Markdown subset, and in the glossary (kind ``glossary``) each term's definition and
    the text of its notes, plain text that cites acts ("13 a kap. 1 § HSL (2017:30)"). Data that does
    not follow its schema is walked as far as it does."""
    if kind != "glossary":
        yield from ((path, text) for path, text, markup in text_fields(kind, data) if markup)
        return
    terms = data.get("terms") if isinstance(data, dict) else None
    for i, term in enumerate(terms if isinstance(terms, list) else ()):
        if not isinstance(term, dict):
            continue
        if isinstance(term.get("definition"), str):
            yield ("terms", i, "definition"), term["definition"]
        notes = term.get("notes")
        for j, note in enumerate(notes if isinstance(notes, list) else ()):
            if isinstance(note, dict) and isinstance(note.get("text"), str):
                yield ("terms", i, "notes", j, "text"), note["text"]


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
