"""Every field the checker counts as a change, shown: the diff and ``check --base`` agree by construction.

``check.versions`` asks for a new version whenever a file's data changes, except its ``version``,
``changelog``, ``notes`` and responsibility statements, an editor's reading (``IGNORED``). The diff shows the fields a reader knows in a way of their own
(texts word by word, sections by id, titles, numbers, kinds, parents, key-term values); this module
lists every *other* field whose value differs, by walking the two files' data beside their schema and
labelling each field with its schema ``title`` (Swedish, the one VS Code shows on hover). A field added
to a schema is therefore shown by the diff without a line of code here; tests/test_check_diff_agree.py
changes every field of the schemas in turn and asserts that both the checker and the diff see it.

Lists of objects are paired by ``id`` where their items have one (decisions, key terms, events by
position otherwise); a list of plain values is one field ("a, b, c").
"""

from __future__ import annotations

import re

from ..load.schema import resolve, schema_of
from ..text import visible
from .result import FieldChange

IGNORED = ("version", "changelog", "notes", "responsibilities")  # what check.versions leaves out of a file's content
_MAX_DEPTH = 32  # deeper than any corpus file (load.yamlfile refuses nesting over 32)


def _resolved(schema: dict, document: dict) -> tuple[dict, dict]:
    while "$ref" in schema:
        schema, document = resolve(schema["$ref"], document)
    return schema, document


def _title(schema: dict, key) -> str:
    return schema.get("title") or str(key)


def shown(value) -> str | None:
    """A value as one line: None stays None, a list of plain values is joined with ", ", a mapping is
    "title: value" pairs (keys as written)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(shown(v) or "–" for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {shown(v)}" for k, v in value.items())
    return " ".join(visible(str(value)).split())


def data_of(item) -> dict:
    """The data an item (document, guideline, section, period) has in its file, as written."""
    data = item.where.file.data
    for key in item.where.path:
        data = data[key]
    return data if isinstance(data, dict) else {}


def _key_of(item, position: int):
    return ("id", item["id"]) if isinstance(item, dict) and isinstance(item.get("id"), str) else ("nr", position)


def field_changes(kind: str, old: dict, new: dict, handled: frozenset[str] = frozenset(),
                  schema_path: tuple = (), prefix: tuple[str, ...] = ()) -> list[FieldChange]:
    """The changed fields of two versions of one file's data (or of one part of it), labelled from the
    schema of kind (``document``, ``guideline``, ``period``).

    handled: the top-level keys the diff shows in a way of its own, not listed here; schema_path: where old
    and new stand in the schema (e.g. ``("$defs", "section")`` for one section). Each FieldChange has the
    labels of its path joined with " › " ("Läs mer 2 › Länkmål"), the old and new value as one line
    (``shown``; None where a side has none); prefix: labels put before each path's.
    """
    root = schema_of(kind)
    schema, document = root, root
    for part in schema_path:
        schema = schema[part]
    schema, document = _resolved(schema, document)
    out: list[FieldChange] = []
    _walk(schema, document, old or {}, new or {}, prefix, out, set(handled) | set(IGNORED), 0)
    return out


def _walk(schema: dict, document: dict, old, new, labels: tuple[str, ...], out: list[FieldChange],
          skip: set[str], depth: int) -> None:
    if old == new:
        return
    label = " › ".join(labels)
    if depth > _MAX_DEPTH:
        out.append(FieldChange(label, shown(old), shown(new)))
        return
    if isinstance(old, dict) and isinstance(new, dict):
        properties = schema.get("properties", {})
        for key in [*old, *(k for k in new if k not in old)]:
            if key in skip:
                continue
            sub = properties.get(key, {})
            sub_schema, sub_document = _resolved(sub, document)
            _walk(sub_schema, sub_document, old.get(key), new.get(key), labels + (_title(sub, key),), out,
                  set(IGNORED), depth + 1)
        return
    if old is None and isinstance(new, list):
        old = []
    if new is None and isinstance(old, list):
        new = []
    if isinstance(old, list) and isinstance(new, list) and any(isinstance(v, dict) for v in [*old, *new]):
        items, item_document = _resolved(schema.get("items", {}), document)
        before = {_key_of(item, i): item for i, item in enumerate(old)}
        after = {_key_of(item, i): item for i, item in enumerate(new)}
        for key in [*before, *(k for k in after if k not in before)]:
            name = f"'{key[1]}'" if key[0] == "id" else str(key[1] + 1)
            _walk(items, item_document, before.get(key), after.get(key), labels[:-1] + (f"{labels[-1]} {name}",)
                  if labels else (name,), out, set(IGNORED), depth + 1)
        return
    if isinstance(old, dict) or isinstance(new, dict):  # an item added or removed whole: its fields, not notes
        old = _titled(schema, old) if isinstance(old, dict) else old
        new = _titled(schema, new) if isinstance(new, dict) else new
        if old == new:
            return
    out.append(FieldChange(label, shown(old), shown(new)))


def _titled(schema: dict, item: dict) -> dict:
    """An object's fields under their schema titles, without version, changelog and notes."""
    properties = schema.get("properties", {})
    return {_title(properties.get(k, {}), k): v for k, v in item.items() if k not in IGNORED}


_LINK = re.compile(r"\]\(([^)\s]+)\)")
_TERM = re.compile(r"\{\{\s*([a-z0-9-]+)\s*\}\}")


def markup_only(label: str, old: str, new: str) -> list[FieldChange]:
    """For a text whose words a reader sees unchanged but whose markup changed (the word diff compares the
    reader's text): the link targets, or the key terms named, as a field; else one field saying that only
    the writing changed (spacing, hyphenation, emphasis). [] when the two texts are the same."""
    if old == new:
        return []
    for what, pattern in (("länkmål", _LINK), ("nyckelvärden", _TERM)):
        before, after = pattern.findall(old or ""), pattern.findall(new or "")
        if before != after:
            return [FieldChange(f"{label} › {what}", ", ".join(before) or None, ", ".join(after) or None)]
    return [FieldChange(label, None, "skrivsättet ändrat (mellanrum, avstavning eller markering); lydelsen är densamma")]
