"""Nothing a corpus file says becomes markup on the site: every plain text field (titles, labels,
descriptions, notes …) holding HTML reaches every generated page, the navigation, the start page
and the open data's HTML escaped.

The fields are found by the schemas (``load.texts``), so a plain text field added later is
covered too. Text in the Markdown subset may not hold HTML at all (the schema's rule).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from avtal.check import check_root
from avtal.load import load_file
from avtal.load.corpus import classify
from avtal.load.texts import text_fields
from avtal.site.build import build, nav
from avtal.site.export import export
from avtal.site.overview import start_page_html

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT / "tests" / "fixtures" / "texts" / "project"
PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&#34;alert(2)&#34;&gt;"


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _quote(path) -> bool:
    """A responsibility statement's quote: the section's own words, which cannot hold HTML (the text's
    schema rule), so a quote that does is an error of `avtal check` and no page is built from it."""
    return len(path) >= 3 and path[-3] == "responsibilities" and path[-1] == "quote"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The full fixture with the payload appended to every plain text field of every period file."""
    root = tmp_path_factory.mktemp("fientlig") / "projekt"
    shutil.copytree(FULL, root)
    for path in sorted((root / "agreement").rglob("*.yaml")):
        kind, _ = classify(path.relative_to(root / "agreement").parts)
        if kind not in ("document", "guideline", "period"):
            continue
        loaded, _ = load_file(path)
        data = loaded.data
        for field, value, markup in list(text_fields(kind, data)):
            if not markup and not _quote(field):
                _set(data, field, f"{value} {PAYLOAD}")
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def generated(hostile):
    corpus, findings = check_root(hostile)
    assert [f for f in findings if f.severity.value == "fel"] == []
    return corpus, build(corpus)


def test_the_payload_is_in_every_plain_field(generated):
    corpus, _ = generated
    plain = [t for t in corpus.periods["2023-2026"].texts(markup=False, editorial=True) if not _quote(t.path)]
    assert len(plain) > 20 and all(PAYLOAD in t.raw for t in plain)


def test_no_generated_page_holds_markup_from_the_data(generated):
    _, done = generated
    for page in done.pages:
        assert "<script" not in page.content and "<img" not in page.content, page.path
        assert ESCAPED in page.content or "alert" not in page.content, page.path


def test_the_navigation_titles_are_escaped(generated):
    corpus, done = generated
    titles = [title for entry in nav(corpus, [p.path for p in done.pages]) for group in entry.values()
              if isinstance(group, list) for child in group for title in child]
    assert any(ESCAPED in title for title in titles)
    assert not any("<script" in title for title in titles)


def test_the_start_page_picture_is_escaped(generated):
    _, done = generated
    picture = start_page_html(done.site)
    assert "<script" not in picture and ESCAPED in picture


def test_the_open_data_html_is_escaped(generated):
    corpus, done = generated
    data = export(corpus, site=done.site)
    html = [s["html"] for p in data["periods"] for d in p["documents"] for s in [d, *d["sections"]]]
    assert html and not any("<script" in h for h in html)
