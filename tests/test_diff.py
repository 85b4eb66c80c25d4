"""`avtal diff`: matching, labels, redlines, every output format, git revisions, the site page.

The fixture project (tests/fixtures/diff/project) holds 2023-2026 and 2027-2030, the latter made
by `avtal new-period` and the edits in tests/fixtures/diff/edits.py. Expected outputs are snapshot
files under tests/fixtures/diff/expected/, reviewed by hand; regenerate them with
``AVTAL_UPDATE_SNAPSHOTS=1 pytest tests/test_diff.py`` and read the git diff before committing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from avtal import cli
from avtal.diff import data as diff_data
from avtal.diff import html as diff_html
from avtal.diff import markdown as diff_markdown
from avtal.diff import terminal as diff_terminal
from avtal.diff import wording as diff_wording
from avtal import diff as d
from avtal.diff.sides import Reader, SideError, load_lenient, parse_side

from gitrepo import commit_all, init

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
PROJECT = FIXTURES / "project"
EXPECTED = FIXTURES / "expected"
UPDATE = bool(os.environ.get("AVTAL_UPDATE_SNAPSHOTS"))


def snapshot(name: str, actual: str) -> None:
    path = EXPECTED / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} saknas; kör med AVTAL_UPDATE_SNAPSHOTS=1 och granska filen"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def corpus():
    return load_lenient(PROJECT)


@pytest.fixture(scope="module")
def period_diff(corpus):
    old, new = corpus.periods["2023-2026"], corpus.periods["2027-2030"]
    return d.diff_periods(old, new, old_statutes=corpus.statutes, new_statutes=corpus.statutes)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--root", str(PROJECT), *args])
    out, err = capsys.readouterr()
    return code, out, err


def by_id(result: d.PeriodDiff, ident: str) -> d.SectionChange:
    return next(c for c in result.sections if c.ref.id == ident)


# --- words --------------------------------------------------------------------------------

def test_whitespace_and_hyphenation_are_not_changes():
    assert all(s.op == "=" for s in d.word_diff("hälso- och sjukvård  ska\nges", "hälso-och sjukvård ska ges"))
    assert all(s.op == "=" for s in d.word_diff("sjuk\u00advård", "sjukvård"))
    assert all(s.op == "=" for s in d.word_diff("sjuk-vård", "sjukvård"))


def test_numbers_with_hyphens_are_compared():
    segments = d.word_diff("12 kap. 1-3 §§", "12 kap. 13 §§")
    assert [s.op for s in segments if s.op != "="] == ["-", "+"]


def test_word_redline_keeps_punctuation_with_its_word():
    segments = d.word_diff("Del A gäller med Del B.", "Del A gäller med Del B och Del C.")
    assert segments == (d.Segment("=", "Del A gäller med Del B"), d.Segment("+", "och Del C"),
                        d.Segment("=", ".", False))


def test_a_rewritten_phrase_is_one_change_not_confetti():
    segments = d.word_diff("skyldig enligt 5 kap. 8 a § SoL", "skyldig enligt 7 kap. 2 § socialtjänstlag (2025:400)")
    assert [s.op for s in segments] == ["=", "-", "+"]
    assert segments[1].text == "5 kap. 8 a § SoL"


# --- units inside a section ---------------------------------------------------------------

def test_paragraph_moved_within_a_section_is_moved_not_deleted_and_inserted():
    units = d.diff_text("Ett.\n\nTvå.\n\nTre.", "Två.\n\nTre.\n\nEtt.")
    assert [(u.status, u.old_number, u.new_number) for u in units] == [(d.MOVED, 1, 3)]
    assert not units[0].changed_words


def test_paragraph_moved_and_edited():
    old = "Parterna följer upp avtalet varje år och redovisar resultatet.\n\nAndra stycket.\n\nTredje stycket."
    new = "Andra stycket.\n\nTredje stycket.\n\nParterna följer upp avtalet varje halvår och redovisar resultatet."
    (unit,) = d.diff_text(old, new)
    assert unit.status == d.MOVED and unit.changed_words


def test_list_items_added_removed_and_changed():
    old = "Inledning:\n\n- sjuksköterska\n- arbetsterapeut\n- fysioterapeut"
    new = "Inledning:\n\n- sjuksköterskor\n- fysioterapeut\n- dietist"
    units = d.diff_text(old, new)
    assert [(u.status, u.kind, u.old_number, u.new_number) for u in units] == [
        ("ändrad", "punkt", 1, 1), (d.REMOVED, "punkt", 2, None), (d.ADDED, "punkt", None, 3)]


def test_unchanged_text_gives_no_units():
    assert d.diff_text("A.\n\n- b\n- c", "A.\n\n- b\n-   c") == ()


def test_key_terms_are_compared_as_the_reader_sees_them():
    units = d.diff_text("Senast {{t}} innan.", "Senast {{t}} innan.", {"t": "12 månader"}, {"t": "18 månader"})
    assert [s.text for s in units[0].segments if s.op != "="] == ["12", "18"]


# --- the fixture periods: every label -------------------------------------------------------

def test_key_terms_first(period_diff):
    changed = {c.id: (c.old_text, c.new_text) for c in period_diff.key_terms}
    assert changed["uppsagningstid"] == ("12 månader", "18 månader")
    assert changed["avtalstid"] == ("2023-01-01 – 2026-12-31", "2027-01-01 – 2030-12-31")


def test_documents_and_guidelines_added_removed_changed(period_diff):
    found = {(c.kind, c.id): c.labels for c in period_diff.documents}
    assert found[("dokument", "ok-digital-vard")] == (d.ADDED,)
    assert found[("riktlinje", "riktlinje-avlidna")] == (d.REMOVED,)
    assert found[("dokument", "del-a")] == (d.CHANGED,)  # the introduction
    assert ("riktlinje", "riktlinje-sip") not in found  # only its version changed


def test_statute_replaced_by_its_successor(period_diff):
    (change,) = period_diff.statutes
    assert change.kind == d.REPLACED
    assert (change.old_act.label, change.new_act.label) == ("SoL (2001:453)", "socialtjänstlag (2025:400)")
    assert [(p.section_id, p.old, p.new) for p in change.places] == [
        ("b-lagstiftning", ("5 kap. 8 a §",), ("7 kap. 2 §",))]


@pytest.mark.parametrize("ident, labels", [
    ("a-avtalstid", (d.CHANGED,)),  # the key terms it shows changed
    ("a-uppfoljning", (d.CHANGED,)),  # a paragraph moved; a hyphenation change does not count
    ("b-hjalpmedel", (d.MOVED, d.RENUMBERED)),  # to Del A, without a number
    ("b-lagstiftning", (d.CHANGED,)),
    ("b-ansvar", (d.CHANGED,)),
    ("b-digital", (d.ADDED,)),
    ("b-egenvard", (d.RENUMBERED,)),
    ("b-avliden", (d.RENUMBERED, d.RETITLED, d.FIELDS_CHANGED)),  # and its läs mer to the removed guideline
    ("b-lokal-samverkan", (d.CHANGED,)),  # new id, matched by title and text
    ("b-asyl", (d.REMOVED,)),
])
def test_section_labels(period_diff, ident, labels):
    assert by_id(period_diff, ident).labels == labels


def test_every_section_label_is_exercised(period_diff):
    used = {label for change in period_diff.sections for label in change.labels}
    assert used == set(d.SECTION_LABELS)


def test_unchanged_sections_are_not_reported(period_diff):
    ids = {c.ref.id for c in period_diff.sections}
    assert not ids & {"a-syfte", "avtal-lasanvisningar"}


def test_renamed_section_is_matched_by_likeness(period_diff):
    change = by_id(period_diff, "b-lokal-samverkan")
    assert (change.old.id, change.matched_by) == ("b-samverkan", "rubrik")


def test_move_to_other_document(period_diff):
    change = by_id(period_diff, "b-hjalpmedel")
    assert (change.old.document_id, change.new.document_id) == ("del-b", "del-a")
    assert "flyttad från Del B till Del A" in diff_wording.section_note(change)


def test_reorder_among_siblings_is_a_move():
    corpus = load_lenient(PROJECT)
    old = corpus.periods["2023-2026"]
    new = load_lenient(PROJECT).periods["2023-2026"]
    sections = new.documents["del-b"].sections
    sections[0], sections[1] = sections[1], sections[0]
    result = d.diff_periods(old, new)
    assert [(c.ref.id, c.labels) for c in result.sections] == [("b-ansvar", (d.MOVED,))]
    assert "plats 2 → 1" in diff_wording.section_note(result.sections[0])


def test_identical_periods_have_no_changes(corpus):
    period = corpus.periods["2023-2026"]
    result = d.diff_periods(period, period, old_statutes=corpus.statutes, new_statutes=corpus.statutes)
    assert result.empty
    assert diff_wording.summary(result) == "Inga ändringar."


def test_without_register_statutes_are_not_compared(corpus):
    result = d.diff_periods(corpus.periods["2023-2026"], corpus.periods["2027-2030"])
    assert result.statutes == () and not result.citations_checked


def test_report_order_is_reading_order(period_diff):
    assert [c.ref.id for c in period_diff.sections] == [
        "a-avtalstid", "a-uppfoljning", "b-hjalpmedel", "b-lagstiftning", "b-ansvar", "b-digital", "b-egenvard",
        "b-avliden", "b-lokal-samverkan", "b-asyl"]


# --- outputs (snapshots) ------------------------------------------------------------------

def test_terminal_plain(period_diff):
    snapshot("period.txt", diff_terminal.format_terminal(period_diff))


def test_terminal_colour(period_diff):
    out = diff_terminal.format_terminal(period_diff, colour=True)
    assert "\033[31;9m5 kap. 8 a § SoL\033[0m" in out and "\033[32m18\033[0m" in out
    assert "[-" not in out
    snapshot("period-colour.txt", out)


def test_markdown(period_diff):
    snapshot("period.md", diff_markdown.format_markdown(period_diff))


def test_markdown_too_long_gives_summary_with_link(period_diff):
    out = diff_markdown.format_markdown(period_diff, full_url="https://example.org/diff.html", limit=2500)
    assert len(out) <= 2500
    assert "[Hela jämförelsen](https://example.org/diff.html)" in out
    assert "<del>" not in out  # no redlines in the summary
    assert "B.6 Lokal samverkan" in out
    snapshot("period-summary.md", out)


def test_markdown_too_long_without_url_says_how_to_see_it(period_diff):
    out = diff_markdown.format_markdown(period_diff, limit=2500)
    assert "avtal diff 2023-2026 2027-2030" in out


def body(html: str) -> str:
    """A standalone document from its <body> on: the snapshot leaves out the head (the styles)."""
    return html[html.index("<body"):]


def test_html(period_diff):
    snapshot("period.html", body(diff_html.format_html(period_diff)))


def test_html_is_a_document_of_its_own(period_diff):
    out = diff_html.format_html(period_diff, date="2026-09-01")
    assert out.startswith('<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">')
    head = out[:out.index("<body")]
    assert "@page" in head and "@media print" in head and "line-through" in head
    assert 'content: "Jämförelse · 2023-2026 → 2027-2030 · 2026-09-01"' in head  # the running header
    assert "Jämförelsen gjordes 2026-09-01." in out
    assert "<link" not in head and "<script" not in out  # nothing fetched, nothing run


SCRIPT, IMG = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"
MARKUP = SCRIPT + IMG
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def markup_diff(period_diff) -> d.PeriodDiff:
    """The fixture diff with markup in a key term label, a document title (Del A, changed; Del B, whose
    sections changed), a section title (B.1) and a changed word of that section."""
    key_terms = tuple(replace(c, label=f"{c.label} {MARKUP}") if c.id == "uppsagningstid" else c
                      for c in period_diff.key_terms)
    documents = tuple(replace(c, new_title=f"Del A {MARKUP}") if c.id == "del-a" else c
                      for c in period_diff.documents)

    def section(change: d.SectionChange) -> d.SectionChange:
        if change.new is None or change.new.document_id != "del-b":
            return change
        new = replace(change.new, document_title=f"Del B {MARKUP}")
        if change.new.id != "b-lagstiftning":
            return replace(change, new=new)
        unit = change.units[0]
        segments = tuple(replace(s, text=f"{s.text} {MARKUP}") if s.op == "+" else s for s in unit.segments)
        return replace(change, new=replace(new, title=f"Lagstiftning {MARKUP}"),
                       units=(replace(unit, segments=segments), *change.units[1:]))

    return replace(period_diff, key_terms=key_terms, documents=documents,
                   sections=tuple(section(c) for c in period_diff.sections))


def test_html_escapes_titles_labels_and_text(markup_diff):
    out = diff_html.format_html(markup_diff)
    assert f"<tr><td>Uppsägningstid {ESCAPED}</td><td><del>12 månader</del></td>" in out
    assert f"<strong>Ändrad</strong> avtalsdel: Del A {ESCAPED} – ändrad text<ul>" in out
    assert f'<h3 id="avsnitt-2">Del B {ESCAPED}</h3>' in out
    assert f"<strong>B.1 Lagstiftning {ESCAPED}</strong>" in out
    assert f"<ins>7 kap. 2 § socialtjänstlag (2025:400) {ESCAPED}</ins>" in out
    assert "<script" not in out and "<img" not in out
    assert out.count(ESCAPED) == 5  # each of the five above once


def test_html_blocks_escape_their_bodies_and_leave_headings_as_text(markup_diff):
    blocks = diff_html.html_blocks(markup_diff)
    bodies = "".join(body for _, _, _, body in blocks)
    assert f"<td>Uppsägningstid {ESCAPED}</td>" in bodies
    assert f"avtalsdel: Del A {ESCAPED} – ändrad text" in bodies
    assert f"<strong>B.1 Lagstiftning {ESCAPED}</strong>" in bodies
    assert f"<ins>7 kap. 2 § socialtjänstlag (2025:400) {ESCAPED}</ins>" in bodies
    assert "<script" not in bodies and "<img" not in bodies
    assert (3, f"Del B {MARKUP}", "avsnitt-2") in [block[:3] for block in blocks]  # the page escapes its headings
    assert all("\n" not in body for _, _, _, body in blocks)  # the site puts them into Markdown as raw HTML


def test_a_link_cannot_leave_its_attribute(period_diff):
    def link(side: str, ident: str) -> str:
        return f'https://example.org/{side}/{ident}" onmouseover="alert(1)'

    out = diff_html.format_html(period_diff, link)
    bodies = "".join(body for _, _, _, body in diff_html.html_blocks(period_diff, link))
    for html in (out, bodies):
        assert ('<a href="https://example.org/new/b-lagstiftning&#34; onmouseover=&#34;alert(1)">B.1 Lagstiftning</a>'
                in html)
        assert '<a href="https://example.org/old/b-asyl&#34; onmouseover=&#34;alert(1)">B.7 Asylsökande</a>' in html
        assert 'onmouseover="' not in html


def test_html_templates_mark_nothing_safe():
    """Escaping rests on autoescaping alone: no template or module of the diff opts out of it."""
    package = Path(diff_html.__file__).parent
    templates = sorted((package / "templates").glob("*.html"))
    assert templates
    for path in templates:
        assert not re.search(r"\|\s*safe\b|\{%-?\s*autoescape", path.read_text(encoding="utf-8")), path.name
    for path in package.glob("*.py"):
        assert not re.search(r"\bMarkup\(|autoescape\s*=", path.read_text(encoding="utf-8")), path.name


def test_json_is_stable(period_diff):
    out = diff_data.format_json(period_diff)
    data = json.loads(out)
    assert data["format"] == "avtal-diff/1"
    assert list(data) == ["format", "summary", "counts", "old", "new", "key_terms", "documents", "statutes",
                          "sections", "citations_checked"]
    assert data["counts"]["sections"] == 10 and data["counts"]["labels"][d.RENUMBERED] == 3
    snapshot("period.json", out)


# --- the command ------------------------------------------------------------------------------

def test_cli_terminal_matches_snapshot(capsys):
    code, out, _ = run(capsys, "diff", "2023-2026", "2027-2030")
    assert code == 0
    assert out == (EXPECTED / "period.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt, name", [("markdown", "period.md"), ("html", "period.html"), ("json", "period.json")])
def test_cli_formats(capsys, monkeypatch, fmt, name):
    monkeypatch.setenv("AVTAL_DATE", "2026-09-01")
    code, out, _ = run(capsys, "diff", "2023-2026", "2027-2030", "--format", fmt)
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    if fmt == "html":
        out = body(out).replace("<p class=\"avtal-rapport-datum\">Jämförelsen gjordes 2026-09-01.</p>", "")
    assert code == 0 and out == expected


def test_cli_colour_always(capsys):
    code, out, _ = run(capsys, "diff", "2023-2026", "2027-2030", "--color", "always")
    assert code == 0 and out == (EXPECTED / "period-colour.txt").read_text(encoding="utf-8")


def test_cli_document(capsys):
    code, out, _ = run(capsys, "diff", "2023-2026:del-b", "2027-2030:del-b")
    assert code == 0
    snapshot("del-b.txt", out)
    assert "Hjälpmedel" in out  # moved out of Del B: seen from Del B, removed
    assert "NYCKELVÄRDEN" not in out  # none is stated in Del B


def test_cli_section_with_other_id(capsys):
    code, out, _ = run(capsys, "diff", "2023-2026:b-samverkan", "2027-2030:b-lokal-samverkan")
    assert code == 0
    snapshot("section.txt", out)


def test_cli_the_same_side_twice_is_refused(capsys):
    # "Inga ändringar" for a real comparison that finds none: tests/test_report.py::test_the_same_side_twice
    code, out, err = run(capsys, "diff", "2023-2026", "2023-2026")
    assert code == 2 and out == "" and "GAMMAL och NY är samma: 2023-2026 i arbetskopian" in err


@pytest.mark.parametrize("args, message", [
    (["diff", "2023-2026", "2031-2034"], "perioden '2031-2034' finns inte"),
    (["diff", "2023-2026:nope", "2027-2030"], "'nope' finns inte i perioden 2023-2026"),
    (["diff", "2023-2026", "del-b"], "är inte en period"),
    (["diff", "2023-2026:del-b", "2027-2030:b-ansvar"], "samma slag"),
    (["diff", "2023-2026:riktlinje-sip", "2027-2030:riktlinje-sip"], "riktlinje"),
])
def test_cli_side_cannot_be_read(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and message in err


def test_parse_side():
    spec = parse_side("HEAD~1:2023-2026:b-lagstiftning")
    assert (spec.rev, spec.period, spec.ident) == ("HEAD~1", "2023-2026", "b-lagstiftning")
    spec = parse_side("origin/main:2023-2026")
    assert (spec.rev, spec.period, spec.ident) == ("origin/main", "2023-2026", None)
    with pytest.raises(SideError):
        parse_side("2023-2026:a:b")


# --- git revisions ---------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git saknas")
    root = tmp_path / "repo"
    shutil.copytree(PROJECT, root)
    shutil.rmtree(root / "agreement" / "2027-2030")
    init(root, "2023-2026")
    shutil.copytree(PROJECT / "agreement" / "2027-2030", root / "agreement" / "2027-2030")
    commit_all(root, "2027-2030")
    return root


def test_git_revision_sides(repo, capsys):
    path = repo / "agreement" / "2027-2030" / "del-b.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Gemensamt ansvar", "Gemensamt ansvar och samverkan"),
                    encoding="utf-8")
    code = cli.main(["--root", str(repo), "diff", "HEAD:2027-2030:del-b", "2027-2030:del-b"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "B.2 Gemensamt ansvar och samverkan [b-ansvar] – ny rubrik (förut: Gemensamt ansvar)" in out
    # both sides at revisions; the working tree is not read
    code = cli.main(["--root", str(repo), "diff", "HEAD~1:2023-2026", "HEAD:2027-2030"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.replace("HEAD~1:", "").replace("HEAD:", "") == \
        (EXPECTED / "period.txt").read_text(encoding="utf-8")


def test_git_revision_without_the_period(repo, capsys):
    code = cli.main(["--root", str(repo), "diff", "HEAD~1:2027-2030", "2027-2030"])
    _, err = capsys.readouterr()
    assert code == 2 and "perioden '2027-2030' finns inte i revisionen 'HEAD~1'" in err


def test_unknown_revision(repo, capsys):
    code = cli.main(["--root", str(repo), "diff", "nosuchbranch:2023-2026", "2023-2026"])
    _, err = capsys.readouterr()
    assert code == 2 and "revisionen 'nosuchbranch'" in err


def test_broken_yaml_side(repo, capsys):
    (repo / "agreement" / "2027-2030" / "del-a.yaml").write_text("id: [\n", encoding="utf-8")
    code = cli.main(["--root", str(repo), "diff", "HEAD:2027-2030", "2027-2030"])
    _, err = capsys.readouterr()
    assert code == 2 and "del-a.yaml" in err and "YAML" in err


def test_reader_reads_each_revision_once(repo):
    reader = Reader(repo)
    first = reader.side("HEAD:2027-2030")
    second = reader.side("HEAD:2027-2030:del-a")
    assert first.corpus is second.corpus


# --- the site --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages():
    from avtal.load import load_corpus
    from avtal.site.build import build_pages, nav

    corpus, _ = load_corpus(PROJECT)
    built = {p.path: p for p in build_pages(corpus)}
    return built, nav(corpus, [])


def test_changes_page_for_period_with_predecessor(pages):
    built, _ = pages
    page = built["2027-2030/andringar.md"].content
    assert "# Ändringar i Hälso- och sjukvårdsavtal 2027–2030 {#andringar}" in page
    assert "## Nyckelvärden {#nyckelvarden}" in page
    assert "<td><del>12 månader</del></td><td><ins>18 månader</ins></td>" in page
    assert "<del>5 kap. 8 a § SoL</del> <ins>7 kap. 2 § socialtjänstlag (2025:400)</ins>" in page
    assert 'href="../del-b/#b-lokal-samverkan"' in page  # a changed section links to its new place
    assert 'href="../../2023-2026/del-b/#b-asyl"' in page  # a removed one to where it was
    assert "data-search-exclude" in page  # old wording stays out of search


def test_changes_page_from_the_sources(pages):
    built, _ = pages
    page = built["2023-2026/andringar.md"].content
    assert "Ändringar mot Hälso- och sjukvårdsavtalet 2017–2020 enligt beslutsunderlaget" in page
    # staff ask in their words what is new since the last agreement (issue 16): the source's list says it in them
    assert ('<p class="avtal-kalla">Vad som är nytt och vad som har ändrats jämfört med det förra avtalet: '
            "förändringarna så som tjänsteskrivelsen inför beslutet räknar upp dem, ordagrant.</p>") in page
    assert "Uppsägningstiden är förändrad från 6 månader till 12 månader." in page
    assert "<del>6 månader</del> → <ins>12 månader</ins>" in page
    overview = built["2023-2026/index.md"].content
    assert "andringar/" in overview and "Uppsägningstiden är förändrad" not in overview


def test_changes_page_in_nav(pages):
    _, entries = pages
    periods = {list(e)[0]: list(e.values())[0] for e in entries if isinstance(list(e.values())[0], list)}
    children = periods["Avtalsperiod 2027-2030 (utkast)"]
    assert children[1] == {"Ändringar": "2027-2030/andringar.md"}


def test_version_history_on_document_page(pages):
    built, _ = pages
    page = built["2027-2030/del-a.md"].content
    assert "## Versionshistorik {#versionshistorik}" in page
    assert "Kopierad från 2023-2026 inför revidering." in page
    assert 'href="../../2023-2026/del-a/"' in page and "version 1.2" in page
    old = built["2023-2026/del-a.md"].content
    assert old.index("<td>1.2</td>") < old.index("<td>1.0</td>")  # newest first
    assert "Avsnitt: <a" in old  # the sections a change names
