"""Every text field of a corpus file, found by its schema: the one walker over the text.

A field is a text when its schema is (a reference to) ``common.schema.json#/$defs/text`` — the
Markdown subset, with links, key terms, statute citations and the source's läs mer stars — or
``#/$defs/plain`` — a title, label or description shown as written. The two definitions carry
the annotation ``"x-text": "markdown"`` and ``"x-text": "plain"``. No module names text fields:
a text field added to a schema is seen by every check and renderer that reads
``model.Period.texts()``.
"""

from __future__ import annotations

from typing import Iterator

from ..sourcefile import PathKey
from .schema import registry, schema_of

MARKDOWN, PLAIN = "markdown", "plain"
# A guard against runaway recursion, chosen by hand: the real corpus nests sections three levels deep,
# its deepest value 9 keys from the root, so data nested deeper than 64 keys is not a corpus file.
_MAX_DEPTH = 64


def text_fields(kind: str, data) -> Iterator[tuple[PathKey, str, bool]]:
    """(path, text, markup) of every text field in data, a file of kind (``document``, ``guideline``,
    ``period`` …), in file order; markup is True for the Markdown subset, False for plain text.

    Data that does not follow its schema is walked as far as it does: a value of the wrong type
    or an unknown key is passed over, never an error.
    """
    schema = schema_of(kind)
    resolver = registry().resolver(base_uri=schema["$id"])
    yield from _walk(schema, resolver, data, (), 0)


def _walk(schema: dict, resolver, data, path: PathKey, depth: int):
    while "$ref" in schema and "x-text" not in schema:
        resolved = resolver.lookup(schema["$ref"])
        schema, resolver = resolved.contents, resolved.resolver
    if "x-text" in schema:
        if isinstance(data, str):
            yield path, data, schema["x-text"] == MARKDOWN
        return
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, dict):
        properties = schema.get("properties", {})
        for key, value in data.items():
            if key in properties:
                yield from _walk(properties[key], resolver, value, path + (key,), depth + 1)
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(data):
            yield from _walk(schema["items"], resolver, value, path + (i,), depth + 1)
