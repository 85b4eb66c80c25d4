"""The one walker over the text: every text field the schemas define, and nothing named twice.

A text field is marked in the schema (``common.schema.json#/$defs/text``, the Markdown subset, or
``#/$defs/plain``); ``Period.texts()`` yields every one of them, and every check and renderer
reads texts through it. tests/fixtures/texts/project fills every field of every schema once.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from avtal import cli
from avtal import text as textmod
from avtal.load import load_corpus
from avtal.load.schema import registry, schema_of
from avtal.site.pages import document_markdown
from avtal.site.urls import Site

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT / "tests" / "fixtures" / "texts" / "project"
PERIOD = "agreement/2023-2026/"
KINDS = {"period.yaml": "period", "riktlinjer/riktlinje-sip.yaml": "guideline", "avtal.yaml": "document"}
# String fields that hold a value, not words for a reader (each with why).
VALUE_FIELDS = {
    "number": "a document's or section's number, shown before its title (B.3, 5.2)",
    "unit": "a key term's unit (månader, dagar), part of its value",
    "decided": "the predecessor's decision date as the source gives it",
    "source": "where a decision is recorded (a protocol's name)",
    "derived_from": "where a draft was copied from (2023-2026:del-b@1.0)",
}


def _resolve(schema: dict, resolver):
    while "$ref" in schema and "x-text" not in schema:
        resolved = resolver.lookup(schema["$ref"])
        schema, resolver = resolved.contents, resolved.resolver
    return schema, resolver


def schema_fields(kind: str, depth: int = 2):
    """(generalised path, schema) of every property in the kind's schema; list items are '*', and a
    definition that contains itself (sections under sections) is followed `depth` times."""
    out = []

    def walk(schema, resolver, path, seen):
        ref = schema.get("$ref")
        if ref and seen.count(ref) >= depth:
            return
        schema, resolver = _resolve(schema, resolver)
        if "x-text" in schema or schema.get("type") == "string" or "enum" in schema:
            out.append((path, schema))
            return
        for key, sub in schema.get("properties", {}).items():
            walk(sub, resolver, path + (key,), seen + ([ref] if ref else []))
        if isinstance(schema.get("items"), dict):
            walk(schema["items"], resolver, path + ("*",), seen + ([ref] if ref else []))

    root = schema_of(kind)
    walk(root, registry().resolver(base_uri=f"{kind}.schema.json"), (), [])
    return out


def general(path) -> tuple:
    return tuple("*" if isinstance(k, int) else k for k in path)


@pytest.mark.parametrize("kind", ["document", "guideline", "period"])
def test_every_string_field_of_the_schemas_is_a_text_or_a_value(kind):
    """A prose field added to a schema as a bare string would be missed by every check and renderer."""
    unmarked = []
    for path, schema in schema_fields(kind):
        constrained = "x-text" in schema or "enum" in schema or "pattern" in schema or "format" in schema
        if not constrained and path[-1] not in VALUE_FIELDS:
            unmarked.append(".".join(path))
    assert unmarked == []


def test_the_walker_visits_every_text_field_the_schemas_define():
    corpus, findings = load_corpus(FULL)
    assert findings == []
    period = corpus.periods["2023-2026"]
    visited: dict[str, set] = {kind: set() for kind in KINDS.values()}
    for text in period.texts(editorial=True):
        name = text.file.path.removeprefix(PERIOD)
        if name in KINDS:
            visited[KINDS[name]].add(general(text.path))
    for kind in KINDS.values():
        defined = {path for path, schema in schema_fields(kind) if "x-text" in schema}
        assert visited[kind] == defined, kind


def test_each_text_knows_its_document_and_section():
    period = load_corpus(FULL)[0].periods["2023-2026"]
    owners = {(t.path, t.document.id if t.document else None, t.section.id if t.section else None)
              for t in period.texts() if t.file.path.endswith("avtal.yaml")}
    assert (("sections", 0, "sections", 0, "text"), "hos-avtalet", "avtal-underavsnitt") in owners
    assert (("sections", 0, "read_more", 0, "title"), "hos-avtalet", "avtal-lasanvisningar") in owners
    assert (("cover", "text"), "hos-avtalet", None) in owners
    assert not any(t.editorial for t in period.texts())
    assert {general(t.path)[0] for t in period.texts(editorial=True) if t.editorial} == {"notes", "changelog",
                                                                                          "sections"}


# --- the cover text is checked and linked like every other text -------------------------------

COVER = "Försättsbladets text enligt 16 kap. 4 § HSL, se [Läsanvisningar](ref:avtal-lasanvisningar)."


@pytest.mark.parametrize("new, expected", [
    ("Se [mer](ref:finns-inte).",
     ("dangling-reference", 20, 14, "Länkmålet 'finns-inte' finns inte i perioden 2023-2026.")),
    ("Gäller {{okand}}.",
     ("key-term-unknown", 20, 12, "Nyckelvärdet '{{okand}}' finns inte i periodens key_terms.")),
    ("Se [mer](ref:2019-2022:a-avtalstid).",
     ("reference-period-unknown", 20, 14, "Länken pekar in i perioden 2019-2022, som inte finns.")),
])
def test_a_fault_in_the_cover_text_is_found_where_it_stands(tmp_path, capsys, new, expected):
    root = tmp_path / "projekt"
    shutil.copytree(FULL, root)
    path = root / PERIOD / "avtal.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(COVER, new), encoding="utf-8")
    code = cli.main(["--root", str(root), "check", "--format", "json"])
    found = [(f["code"], f["line"], f["column"], f["message"]) for f in json.loads(capsys.readouterr().out)
             if f["severity"] == "fel"]
    assert code == 1
    assert found == [expected]


def test_the_cover_text_is_linked_on_its_page():
    corpus, _ = load_corpus(FULL)
    page = document_markdown(Site.of(corpus), corpus.periods["2023-2026"].documents["hos-avtalet"])
    assert '<a href="#avtal-lasanvisningar">Läsanvisningar</a>' in page
    assert 'href="https://lagen.nu/2017:30#K16P4"' in page


@pytest.mark.parametrize("levels, deepest", [(2, 2), (9, 9), (10, 9), (300, 9)])
def test_a_list_nested_however_deep_renders_at_most_nine_levels(levels, deepest):
    """The renderer is safe whatever the checker says: 300 levels once exhausted the build's recursion
    (verify-11 D2); parsing joins items deeper than text.MAX_LIST_DEPTH to the deepest list."""
    from avtal.site.inline import TextContext, text_html

    corpus, _ = load_corpus(FULL)
    period = corpus.periods["2023-2026"]
    raw = "Inledning.\n\n" + "".join("  " * i + f"- punkt {i}\n" for i in range(levels))
    html = text_html(TextContext(Site.of(corpus), "index.md", period), raw)
    assert html.count("<ul>") == deepest and html.count("<li>") == levels
    assert html.count("</ul>") == deepest


@pytest.mark.parametrize("raw, expected", [
    ("A[](javascript:alert(1)) B", "<p>A B</p>"),
    ("B[](ref:saknas) C[](https://a.se/)", "<p>B C</p>"),
    ("D![](javascript:alert(4)) E", "<p>D! E</p>"),
    ("F![bild](data:text/html,x)", "<p>F!bild</p>"),
])
def test_a_link_with_no_text_or_an_image_renders_as_no_link(raw, expected):
    """The renderer is safe whatever the checker says (verify-11c N3): a link with no text is dropped, not an
    empty <a>, and an image's "!" stays a character, its target never an href or src."""
    from avtal.site.inline import TextContext, text_html

    corpus, _ = load_corpus(FULL)
    html = text_html(TextContext(Site.of(corpus), "index.md", corpus.periods["2023-2026"]), raw)
    assert html == expected


@pytest.mark.parametrize("raw, offsets", [
    ("[[]](javascript:a)", [3]),            # a label holding brackets (verify-11d N5)
    ("[![]](javascript:b)", [4]),
    ("[\\]](javascript:x)", [3]),           # an escaped bracket as the label
    ("[\n](javascript:x)", [2]),            # a label of only a line break
    ("x\n[r]: javascript:a\n", [2]),        # a reference definition makes "[text][r]" a link
    ("x\n[r]:\n  javascript:a\n", [2]),     # its address on the next line (verify-11e N6)
    ("> [r]: javascript:a", [2]),           # inside a quote
    ("- [r]: javascript:a", [2]),           # inside a list item
    ("se [avsnitt](ref:a-sip) och (x)", []),  # the corpus's own links are read
    ("[x](https://a b)", []),               # a blank in the target: blank_links reads it (link-target)
    ("[](javascript:a)", []),               # an empty label: read (link-empty-text, link-target)
])
def test_what_a_markdown_renderer_could_take_for_a_link_is_never_left_unread(raw, offsets):
    assert textmod.unread_links(raw) == offsets
