"""Check and diff agree, by construction: every field the schemas allow, changed in turn in a real git
repository, makes `avtal check --base HEAD` ask for a described change (changelog-missing, at the file) and
makes the diff of HEAD:2023-2026 and 2023-2026 (as `avtal diff` reads the two sides) show it in every format:
terminal, Markdown (the pull-request comment), HTML and JSON (issue 13, 2).

The cases are generated from the schemas (document, section, läs mer, guideline, period, each property
down to its leaves), not listed: a field added to a schema is a new case here, and fails until the diff
shows it (``avtal.diff.fields`` labels every field it does not show otherwise with its schema title).
Ids are identity, not fields: a changed id is a rename (tests/test_versions.py, tests/test_diff.py).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from avtal import cli
from avtal.diff import data as diff_data, diff_targets, html, markdown, terminal
from avtal.diff.sides import Reader
from avtal.diff.fields import IGNORED, shown
from avtal.load.schema import resolve, schema_of
from avtal.model import GUIDELINE_STATUS_LABELS, KIND_LABELS, LEVEL_LABELS

from gitrepo import init, minimal_project

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")

P = "agreement/2023-2026/"
# Where each kind of item is changed in the minimal corpus: (file, path of the item in the file, schema path).
TARGETS = {
    "document": ("del-a.yaml", (), ()),
    "section": ("del-a.yaml", ("sections", 1), ("$defs", "section")),
    "guideline": ("riktlinjer/riktlinje-oenighet.yaml", (), ()),
    "period": ("period.yaml", (), ()),
}
KIND_OF = {"document": "document", "section": "document", "guideline": "guideline", "period": "period"}


class _Loader(yaml.SafeLoader):
    """Dates stay strings, as avtal's loader reads them."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _resolved(schema: dict, document: dict) -> tuple[dict, dict]:
    while "$ref" in schema:
        schema, document = resolve(schema["$ref"], document)
    return schema, document


def _defname(schema: dict) -> str | None:
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if "#/$defs/" in ref else None


def _value(schema: dict, document: dict, old):
    """A value for the field that the schema allows and that differs from old."""
    name = _defname(schema)
    leaf, _ = _resolved(schema, document)
    if "enum" in leaf:
        return next(v for v in leaf["enum"] if v != old)
    if name == "date":
        return "2026-06-30" if old != "2026-06-30" else "2026-06-29"
    if name == "date_span":
        return "2024-05"
    if name == "id":
        return "a-samverkan-lokal" if old != "a-samverkan-lokal" else "a-avtalstid"
    if "url" in leaf.get("patternErrorMessage", "").lower() or "https" in leaf.get("pattern", ""):
        return "https://www.vardsamverkan.se/ny-adress/"
    if leaf.get("pattern") == "^\\d{4}-\\d{4}$":
        return "2019-2022"
    if leaf.get("type") == "array":
        item_schema = leaf.get("items", {})
        return [*(old or []), _value(item_schema, document, None)]
    if leaf.get("type") == "string" or "x-text" in leaf:
        return f"{old} Ändrad." if old else "Ny uppgift"
    return {"ny": 1} if old != {"ny": 1} else 2  # no type: any value (a key term's value, old and new)


def _minimal(schema: dict, document: dict) -> dict:
    """An object with the schema's required fields, each a value it allows."""
    schema, document = _resolved(schema, document)
    return {key: _value(schema["properties"][key], document, None) for key in schema.get("required", [])}


def cases() -> list[tuple[str, tuple]]:
    """(kind, property path) of every leaf field of the four kinds of item; list items are 0."""
    out = []

    def walk(kind, schema, document, path, depth):
        schema, document = _resolved(schema, document)
        properties = schema.get("properties")
        if properties is None:
            out.append((kind, path))
            return
        for key, sub in properties.items():
            if key in IGNORED or (key == "id" and depth <= 1) or key == "sections":
                continue
            sub_schema, sub_document = _resolved(sub, document)
            items = sub_schema.get("items", {})
            if sub_schema.get("type") == "array" and "properties" in _resolved(items, sub_document)[0]:
                walk(kind, items, sub_document, path + (key, 0), depth + 2)
            elif "properties" in sub_schema:
                walk(kind, sub_schema, sub_document, path + (key,), depth + 1)
            else:
                out.append((kind, path + (key,)))

    for kind, (_, _, schema_path) in TARGETS.items():
        root = schema_of(KIND_OF[kind])
        schema = root
        for part in schema_path:
            schema = schema[part]
        walk(kind, schema, root, (), 1 if kind != "section" else 1)
    return out


CASES = cases()


def _schema_at(kind: str, path: tuple) -> tuple[dict, dict, dict]:
    """(the property's schema as written, the document it stands in, the object schema holding it)."""
    root = schema_of(KIND_OF[kind])
    schema, document = root, root
    for part in TARGETS[kind][2]:
        schema = schema[part]
    parent = schema
    for part in path:
        schema, document = _resolved(schema, document)
        if isinstance(part, int):
            schema = schema["items"]
        else:
            parent = schema
            schema = schema["properties"][part]
    return schema, document, parent


def mutate(data: dict, kind: str, path: tuple):
    """Change the field at path in data (the item's data) in place; returns the new value."""
    node = data
    for depth, part in enumerate(path[:-1]):
        nxt = path[depth + 1]
        if isinstance(part, int):
            while len(node) <= part:
                item_schema, document, _ = _schema_at(kind, path[:depth + 1])
                node.append(_minimal(item_schema, document))
            node = node[part]
        else:
            if part not in node or node[part] is None:
                sub_schema, document, _ = _schema_at(kind, path[:depth + 1])
                node[part] = [] if isinstance(nxt, int) else _minimal(sub_schema, document)
            node = node[part]
    schema, document, _ = _schema_at(kind, path)
    last = path[-1]
    new = _value(schema, document, node.get(last))
    node[last] = new
    return new


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return init(minimal_project(tmp_path_factory.mktemp("agree") / "repo", mkdocs=None))


def _labels(kind: str, path: tuple) -> set[str]:
    """What the diff may name the change by: the field's schema title, the new value's reader label."""
    schema, _, _ = _schema_at(kind, path)
    return {schema.get("title", "")}


def _shown_values(value) -> set[str]:
    out = {shown(value) or ""}
    if isinstance(value, list):
        out |= {shown(value[-1]) or ""}
    if isinstance(value, str) and value.endswith(" Ändrad."):
        out.add("Ändrad.")  # a text: the word diff shows the word added
    if isinstance(value, str):
        out |= {label for labels in (KIND_LABELS, LEVEL_LABELS, GUIDELINE_STATUS_LABELS)
                for key, label in labels.items() if key == value}
    if isinstance(value, dict):
        out |= {shown(v) for v in value.values() if not isinstance(v, (dict, list))}
    return {v for v in out if v}


@pytest.fixture(scope="module")
def base(repo):
    """The committed side, read once as `avtal diff HEAD:2023-2026 …` reads it."""
    return Reader(repo).side("HEAD:2023-2026")


@pytest.mark.parametrize("kind,path", CASES, ids=[f"{k}:{'.'.join(map(str, p))}" for k, p in CASES])
def test_a_changed_field_needs_a_described_change_and_is_shown_by_the_diff(repo, base, capsys, kind, path):
    name, item_path, _ = TARGETS[kind]
    file = repo / P / name
    original = file.read_text(encoding="utf-8")
    try:
        data = yaml.load(original, Loader=_Loader)
        item = data
        for part in item_path:
            item = item[part]
        new = mutate(item, kind, path)
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

        cli.main(["--root", str(repo), "check", "--base", "HEAD", "--format", "json"])
        found = [(f["code"], f["file"]) for f in json.loads(capsys.readouterr().out)]
        assert ("changelog-missing", P + name) in found, found

        new_side = Reader(repo).side("2023-2026")
        result = diff_targets(base.period, None, new_side.period, None, old_statutes=base.corpus.statutes,
                              new_statutes=new_side.corpus.statutes, old_label="HEAD:2023-2026",
                              new_label="2023-2026")
        outputs = {"terminal": terminal.format_terminal(result), "markdown": markdown.format_markdown(result),
                   "html": html.format_html(result), "json": diff_data.format_json(result)}
        assert json.loads(outputs["json"])["summary"] != "Inga ändringar."
        wanted = _labels(kind, path) | _shown_values(new)
        for fmt, out in outputs.items():
            plain = out.replace("&#39;", "'").replace("&amp;", "&").replace("\\", "")
            assert any(w in plain for w in wanted), (fmt, wanted, out)
    finally:
        file.write_text(original, encoding="utf-8")


def test_the_diff_shows_the_version_and_the_change_that_raised_it(repo, base, capsys):
    """Version, the change's date, nature, decision (its body and date) and summary: what a reviewer checks
    beside the text, in the terminal and in the pull-request comment."""
    text = repo / P / "del-a.yaml"
    change = repo / P / "andringar" / "2024-06-12-a-samverkan.yaml"
    original = text.read_text(encoding="utf-8")
    try:
        text.write_text(original.replace("Parterna samverkar på länsnivå.", "Parterna samverkar på länsnivå och lokalt."),
                        encoding="utf-8")
        change.parent.mkdir(exist_ok=True)
        change.write_text("document: del-a\ndate: 2024-06-12\nsummary: Lokal samverkan tillagd.\nnature: materiell\n"
                          "sections: [a-samverkan]\ndecision: beslut-2024\n", encoding="utf-8")
        assert cli.main(["--root", str(repo), "check", "--base", "HEAD"]) == 0, capsys.readouterr().out
        capsys.readouterr()
        assert cli.main(["--root", str(repo), "diff", "HEAD:2023-2026", "2023-2026", "--color", "never"]) == 0
        out = capsys.readouterr().out
        assert ("      Version: 1.0 → 1.1\n"
                "      Ändring 1.1: – → 2024-06-12, materiell, beslut: Regionfullmäktige 2024-06-11 (beslut-2024), "
                "avsnitt: a-samverkan: Lokal samverkan tillagd.\n") in out
        assert cli.main(["--root", str(repo), "diff", "HEAD:2023-2026", "2023-2026", "--format", "markdown"]) == 0
        out = capsys.readouterr().out
        assert "  - Version: 1.0 → 1.1\n" in out
        assert "  - Ändring 1.1: – → 2024-06-12, materiell, beslut: Regionfullmäktige 2024-06-11 (beslut-2024)" in out
    finally:
        text.write_text(original, encoding="utf-8")
        shutil.rmtree(change.parent)


@pytest.mark.parametrize("kind,path,label", [
    ("document", ("read_with",), "Läses tillsammans med"),
    ("document", ("read_more", 0, "ref"), "Läs mer 1"),  # a new item: shown whole
    ("period", ("predecessor", "decided"), "Föregående avtal"),
    ("period", ("events", 0, "party"), "Händelser 1 › Part"),
])
def test_the_change_report_shows_the_other_fields_of_documents_and_the_period(repo, base, kind, path, label):
    """`avtal diff --format report` (the printed change report) has a row for each, under its schema title.
    Fields of sections (läs mer of a section) and of guidelines are not in the report yet."""
    from avtal.diff import report

    name, item_path, _ = TARGETS[kind]
    file = repo / P / name
    original = file.read_text(encoding="utf-8")
    try:
        data = yaml.load(original, Loader=_Loader)
        item = data
        for part in item_path:
            item = item[part]
        mutate(item, kind, path)
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        new_side = Reader(repo).side("2023-2026")
        result = diff_targets(base.period, None, new_side.period, None, old_label="HEAD:2023-2026",
                              new_label="2023-2026")
        out = report.format_report(result, base.period, new_side.period, date="2026-11-30")
        assert f">{label}<" in out, label
    finally:
        file.write_text(original, encoding="utf-8")
