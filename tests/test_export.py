"""Open data: the corpus as one JSON file (avtal.export), valid against schemas/export.schema.json,
and published by the site as data/avtal.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from avtal.load import load_corpus
from avtal.site.export import export
from built_site import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "export.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus():
    corpus, _ = load_corpus(ROOT)
    return corpus


@pytest.fixture(scope="module")
def data(corpus):
    return json.loads(json.dumps(export(corpus)))  # as a reader of the file sees it


def _sections(items):
    for item in items:
        yield item
        yield from _sections(item["sections"])


def test_schema_is_a_valid_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)


def test_export_is_valid_against_its_schema(data):
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20])


def test_every_section_is_exported_with_what_an_embedding_page_needs(corpus, data):
    exported = {s["id"]: s for p in data["periods"] for d in p["documents"] for s in _sections(d["sections"])}
    for period in corpus.periods.values():
        for section in period.sections():
            item = exported[section.id]
            assert item["title"] == section.title and item["number"] == section.number
            assert item["url"].endswith(f"#{section.id}")
            assert {"text", "html"} <= item.keys()
    betalning = exported["ius-betalningsansvar"]
    assert "3,0 kalenderdagar" in betalning["text"] and "{{" not in betalning["text"]
    assert betalning["url"] == "2023-2026/ok-in-och-utskrivning/#ius-betalningsansvar"
    assert "<abbr" in betalning["html"] and "<p>" in betalning["html"]


def test_links_in_exported_html_work_from_another_site(corpus):
    data = export(corpus, base_url="https://avtal.example/")
    sections = {s["id"]: s for p in data["periods"] for d in p["documents"] for s in _sections(d["sections"])}
    html = sections["a-avvikelser"]["html"]  # has a "läs mer" star
    assert 'href="https://avtal.example/2023-2026/del-a/#lasmer-a-avvikelser"' in html
    assert 'href="#' not in html and 'href="../' not in html
    assert sections["a-avvikelser"]["url"] == "https://avtal.example/2023-2026/del-a/#a-avvikelser"


@pytest.mark.build
def test_site_publishes_the_export(site):
    published = json.loads((site / "data" / "avtal.json").read_text(encoding="utf-8"))
    assert not list(Draft202012Validator(SCHEMA).iter_errors(published))
    assert {p["id"] for p in published["periods"]} >= {"2023-2026"}
