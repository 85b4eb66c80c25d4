"""Nothing a corpus file says becomes markup: HTML in any string field a schema leaves free (titles,
labels, numbers, descriptions, notes, the registers' names …) is refused by the checker
(``schema-html``), and were the checker skipped it would still reach every generated page, the
navigation, the start page's picture, the printable page, the open data and every format of
``avtal diff`` escaped; a ``javascript:`` link in a text is shown as words, not as a link.

The fields are found by the schemas, not named here: the payload goes into every string value of
every file, and back out of each one whose schema gives it a form (an id, a date, a version, an
enum), so a field added to a schema later is covered too.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from avtal.check import check_root
from avtal.diff import data as diff_data, html as diff_html, markdown as diff_markdown, terminal as diff_terminal
from avtal.diff.compare import diff_periods
from avtal.load import load_corpus, load_file
from avtal.load.corpus import classify
from avtal.load.schema import _validators
from avtal.site.build import build, nav
from avtal.site.export import UnsafeExport, export
from avtal.site.overview import start_page_html

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT / "tests" / "fixtures" / "texts" / "project"
PERIOD = "2023-2026"
PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)"> [klicka](javascript:alert(3))'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&#34;alert(2)&#34;&gt;"
SCRIPT_TARGET = re.compile(r"""(?:href|src)\s*=\s*["']?\s*(?:javascript|data|vbscript):""", re.I)


def strings(data, at: tuple = ()):
    """(path, value) of every string in data, at any depth."""
    if isinstance(data, str):
        yield at, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, at + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, at + (i,))


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def with_payload(kind: str, data) -> set[tuple]:
    """The payload appended to every string of data that its schema leaves free; returns their paths."""
    original = dict(strings(data))
    for path, value in original.items():
        _set(data, path, f"{value} {PAYLOAD}")
    free = set(original)
    while True:  # a value with a form (pattern, enum, format) gets its own value back
        formed = {tuple(e.absolute_path) for e in _validators()[kind].iter_errors(data)
                  if e.validator != "not"} & free
        if not formed:
            return free
        for path in formed:
            _set(data, path, original[path])
        free -= formed


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, set[tuple]]]:
    """The full fixture with the payload in every free string field of every file: (root, {file: paths})."""
    root = tmp_path_factory.mktemp("fientlig") / "projekt"
    shutil.copytree(FULL, root)
    fields = {}
    for path in sorted((root / "agreement").rglob("*.yaml")):
        kind, _ = classify(path.relative_to(root / "agreement").parts)
        loaded, _ = load_file(path)
        fields[path.relative_to(root).as_posix()] = with_payload(kind, loaded.data)
        path.write_text(yaml.safe_dump(loaded.data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root, fields


@pytest.fixture(scope="module")
def generated(hostile):
    """The hostile corpus read without the checker (leniently) and every page generated from it."""
    root, _ = hostile
    corpus, _ = load_corpus(root, lenient=True)
    return corpus, build(corpus)


def test_the_payload_is_in_every_free_field_of_every_file(hostile):
    _, fields = hostile
    assert len(fields) == 8 and all(fields.values())  # five period files, three registers
    assert sum(map(len, fields.values())) > 50
    for kind_field in ("title", "number", "source", "decided", "quote", "term", "expansion", "short_name"):
        assert any(path[-1] == kind_field or path[-2:-1] == (kind_field,) for paths in fields.values()
                   for path in paths), kind_field


def test_the_checker_refuses_html_in_every_free_field(hostile):
    """One schema-html per field, at its tag; none left unreported, not even in the fields that take a value of
    any form (a key term's value, a change's old and new value)."""
    root, fields = hostile
    _, findings = check_root(root)
    refused = {(f.position.file, f.position.line) for f in findings if f.code == "schema-html"}
    assert len([f for f in findings if f.code == "schema-html"]) == sum(map(len, fields.values()))
    assert {file for file, _ in refused} == set(fields)


def test_no_generated_page_holds_markup_from_the_data(generated):
    _, done = generated
    assert any("utskrift" in page.path for page in done.pages)  # the printable page too
    for page in done.pages:
        assert "<script" not in page.content and "<img" not in page.content, page.path
        assert not SCRIPT_TARGET.search(page.content), page.path
        assert ESCAPED in page.content or "alert" not in page.content, page.path


def test_a_javascript_link_in_a_text_is_shown_as_words(generated):
    _, done = generated
    texts = [page.content for page in done.pages if 'class="avtal-text"' in page.content]
    assert texts and not any('href="javascript:' in content for content in texts)


def test_headings_escape_what_markdown_would_read(generated):
    """A title's brackets and parentheses reach the Markdown heading escaped, so mkdocs makes no link."""
    _, done = generated
    headings = [line for page in done.pages for line in page.content.splitlines() if line.startswith("#")]
    assert any("\\[klicka\\](javascript:alert(3))" in line for line in headings)
    assert not any("[klicka](javascript" in line for line in headings)


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


def test_the_open_data_is_refused_not_escaped(generated):
    """The open data's strings are plain text a consumer shows as they are: with the checker skipped,
    export refuses the payload at every place it stands (export-html at its '<'), none left out."""
    corpus, done = generated
    with pytest.raises(UnsafeExport) as refused:
        export(corpus, site=done.site)
    findings = refused.value.findings
    assert {f.code for f in findings} == {"export-html"}
    assert all(f.position.line >= 1 and f.position.column >= 1 for f in findings)
    files = {f.position.file for f in findings}
    assert any(name.endswith("period.yaml") for name in files) and any("register" in name for name in files)


def test_the_published_open_data_holds_no_html_outside_its_html_fields():
    """What the checker lets through holds no tag: the open data of the real corpus, field by field."""
    corpus, findings = check_root(ROOT)
    assert not [f for f in findings if f.severity.value == "fel"]
    data = export(corpus)
    tagged = [(path, value) for path, value in strings(data) if path[-1] != "html" and re.search(r"<[a-zA-Z/!]", value)]
    assert tagged == []


def test_every_format_of_a_comparison_escapes_the_data(generated):
    corpus, _ = generated
    clean, _ = load_corpus(FULL)
    diff = diff_periods(clean.periods[PERIOD], corpus.periods[PERIOD], old_statutes=clean.statutes,
                        new_statutes=corpus.statutes)
    assert not diff.empty
    html = diff_html.format_html(diff)
    assert ESCAPED in html and "<script" not in html and "<img" not in html
    markdown = diff_markdown.format_markdown(diff)
    assert "&lt;script&gt;" in markdown and "<script" not in markdown and "<img" not in markdown
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown) and "\\[klicka\\]" in markdown
    terminal = diff_terminal.format_terminal(diff, colour=True)
    assert not re.search(r"\x1b(?!\[[0-9;]*m)", terminal)  # only the colours' own escapes
    assert json.loads(diff_data.format_json(diff))
