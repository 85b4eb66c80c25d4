"""Every earlier version of each document on the site, read from git at build time: how a release is
marked, when a version applied, its page with its own text and banner, the comparison of consecutive
versions and the Ändringar page that lists them.

On the made-up revision of the test period 2091-2094 (tests/fixtures/report: Del B of a test agreement,
version 1.0 committed, then 1.1; never the agreement's text), in a temporary git repository.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from avtal.git import read_blobs
from avtal.load import load_corpus
from avtal.site.versions import earlier_versions, releases, start

from built_site import ROOT, broken_links

FIXTURE = ROOT / "tests" / "fixtures" / "report"
sys.path.insert(0, str(FIXTURE))
import revision  # noqa: E402

P = revision.PERIOD
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")


@pytest.fixture(scope="module")
def repo(history_repo) -> Path:
    """The revision as a project that builds (conftest.history_repo, shared with test_accessibility)."""
    return history_repo


def test_a_release_is_the_first_commit_on_the_main_line_with_its_version(repo):
    found = releases(repo)
    chain = found[P, revision.DOCUMENT]
    assert [(r.version, r.date) for r in chain] == [("1.0", "2090-06-01"), ("1.1", "2092-03-15")]
    assert [(r.version, r.date) for r in found[P, "testavtalet"]] == [("1.0", "2090-06-01")]


def test_a_merged_branch_is_one_release_of_what_it_brought(tmp_path):
    """Work on a branch (two commits under version 1.2) counts once, at its merge into the main line, with
    the text the merge brought."""
    root = revision.history(tmp_path / "repo")
    path = root / "agreement" / P / "del-b.yaml"
    revision.git(root, "checkout", "-q", "-b", "arbete")
    for old, new in (("Tvister löses i första hand lokalt", "Tvister (första utkastet) löses lokalt"),
                     ("första utkastet", "andra utkastet")):
        text = path.read_text(encoding="utf-8").replace('version: "1.1"\nvalid_from', 'version: "1.2"\nvalid_from')
        path.write_text(text.replace(old, new), encoding="utf-8")
        revision.git(root, "commit", "-q", "-am", new, date="2093-01-01T12:00:00+00:00")
    revision.git(root, "checkout", "-q", "main")
    revision.git(root, "merge", "-q", "--no-ff", "-m", "Del B 1.2", "arbete", date="2093-02-01T12:00:00+00:00")
    chain = releases(root)[P, revision.DOCUMENT]
    assert [(r.version, r.date) for r in chain] == [("1.0", "2090-06-01"), ("1.1", "2092-03-15"),
                                                     ("1.2", "2093-02-01")]
    assert chain[-1].commit == revision.git(root, "rev-parse", "HEAD").strip()
    texts = read_blobs(root, [chain[-1].blob])
    assert "Tvister (andra utkastet) löses lokalt" in texts[chain[-1].blob]  # the text as merged


def test_a_change_file_merged_is_a_release_with_its_entry(tmp_path):
    """A change written as a file of its own (andringar/) raises the version it names: its merge into the
    main line is the release of 1.2, and the earlier version 1.1 reads as the main line last held it."""
    root = revision.history(tmp_path / "repo")
    path = root / "agreement" / P / "del-b.yaml"
    revision.git(root, "checkout", "-q", "-b", "arbete")
    path.write_text(path.read_text(encoding="utf-8").replace("Tvister löses i första hand lokalt",
                                                             "Tvister löses alltid först lokalt"), encoding="utf-8")
    change = root / "agreement" / P / "andringar" / "2093-01-10-tvister.yaml"
    change.parent.mkdir()
    change.write_text(f"document: {revision.DOCUMENT}\ndate: 2093-01-10\nsummary: Tvister löses först lokalt.\n"
                      "nature: redaktionell\n", encoding="utf-8")
    revision.git(root, "add", "-A")
    revision.git(root, "commit", "-q", "-m", "Tvister", date="2093-01-10T12:00:00+00:00")
    revision.git(root, "checkout", "-q", "main")
    revision.git(root, "merge", "-q", "--no-ff", "-m", "Tvister", "arbete", date="2093-02-01T12:00:00+00:00")
    chain = releases(root)[P, revision.DOCUMENT]
    assert [(r.version, r.date) for r in chain] == [("1.0", "2090-06-01"), ("1.1", "2092-03-15"),
                                                     ("1.2", "2093-02-01")]
    assert [p for p, _ in chain[-1].changes] == [f"agreement/{P}/andringar/2093-01-10-tvister.yaml"]
    corpus, _ = load_corpus(root)
    assert corpus.periods[P].documents[revision.DOCUMENT].version == "1.2"
    versions = {e.version: e for e in earlier_versions(root, corpus)}
    assert sorted(versions) == ["1.0", "1.1"]
    assert versions["1.1"].valid_to == "2093-01-09"  # the day before the change file's date
    assert "Tvister löses i första hand lokalt" in {s.id: s.text for s in versions["1.1"].document.walk()}["tb-tvist"]


def test_when_each_version_applied(repo):
    corpus, _ = load_corpus(repo)
    [earlier] = earlier_versions(repo, corpus)
    assert (earlier.document_id, earlier.version, earlier.next_version) == (revision.DOCUMENT, "1.0", "1.1")
    # from the document's valid_from (its entry is older), to the day before 1.1's change-log date
    assert (earlier.valid_from, earlier.valid_to, earlier.applied) == ("2091-01-01", "2092-03-14", True)
    assert start(earlier.document, "1.0", "2090-06-01").label == "2091-01-01"  # not before valid_from
    text = {s.id: s.text for s in earlier.document.walk()}
    assert revision.OLD_SENTENCE in text["tb-ansvar"] and "tb-digital" not in text
    assert [d.id for d in earlier.period.decisions] == ["testbeslut-1"]  # the period as it was then


def test_without_git_history_there_are_no_earlier_versions(tmp_path):
    shutil.copytree(revision.PROJECT, tmp_path / "project")
    corpus, _ = load_corpus(tmp_path / "project")
    from avtal.git import RevisionError

    with pytest.raises(RevisionError):
        earlier_versions(tmp_path / "project", corpus)  # the build says so at info level and goes on


# --- the built site -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(history_site) -> Path:
    """The revision's site, built once (conftest.history_site, shared with test_accessibility)."""
    return history_site


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_an_earlier_version_shows_its_own_text_and_banner(built):
    page = html(built, f"{P}/{revision.DOCUMENT}/version-1.0")
    assert "Denna version gällde 2091-01-01 – 2092-03-14." in page
    assert 'Den gällande versionen är <a href="../">version 1.1</a>.' in page
    assert revision.OLD_SENTENCE in page and revision.NEW_SENTENCE not in page
    assert "Testtext: Avgifter tas ut enligt taxan." in page  # a section 1.1 removed
    assert "Digitala tjänster" not in page  # a section 1.1 added
    assert 'href="../jamforelse-1.0-1.1/"' in page
    assert "Tidigare version</span>" in page and "Giltig 2091-01-01 – 2092-03-14" in page
    current = html(built, f"{P}/{revision.DOCUMENT}")
    assert revision.NEW_SENTENCE in current and revision.OLD_SENTENCE not in current
    assert '<a href="version-1.0/">1.0</a>' in current  # the version history links each earlier version
    assert '<a href="jamforelse-1.0-1.1/">Vad som ändrades i version 1.1</a>' in current


@pytest.mark.build
def test_the_comparison_of_consecutive_versions(built):
    page = html(built, f"{P}/{revision.DOCUMENT}/jamforelse-1.0-1.1")
    assert "<th scope=\"col\">Version 1.0</th><th scope=\"col\">Version 1.1</th>" in page
    assert "Testtext: Regionen <del>kan</del> bistå med rådgivning vid behov." in page
    assert "Testtext: Regionen <ins>ska</ins> bistå med rådgivning vid behov." in page
    assert "Testnämnden 2092-03-15 § 7" in page  # the decision behind 1.1
    assert "stylesheets/lydelse.css" in page and (built / "stylesheets" / "lydelse.css").is_file()


@pytest.mark.build
def test_the_changes_page_lists_each_earlier_version_and_its_comparison(built):
    page = html(built, f"{P}/andringar")
    assert 'id="tidigare-versioner"' in page
    assert '<a href="../test-del-b/version-1.0/">version 1.0</a>' in page
    assert "<td>2091-01-01 – 2092-03-14</td>" in page
    assert '<a href="../test-del-b/jamforelse-1.0-1.1/">version 1.0 → 1.1</a>' in page


@pytest.mark.build
def test_old_pages_are_linked_but_not_in_the_navigation_or_the_search(built):
    assert broken_links(built) == []
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "version-1.0" in d["location"] or "jamforelse" in d["location"]]
    assert "version-1.0/" not in html(built, f"{P}").split('class="md-content"')[0]  # not in the navigation


def test_the_banner_of_a_version_replaced_early_or_of_a_draft(repo):
    from dataclasses import replace

    from avtal.site.build import build_pages

    corpus, _ = load_corpus(repo)
    [earlier] = earlier_versions(repo, corpus)
    path = f"{P}/{revision.DOCUMENT}/version-1.0.md"
    early = replace(earlier, applied=False)  # 1.1 came before 1.0 began to apply
    page = {p.path: p for p in build_pages(corpus, versions=[early])}[path]
    assert not page.in_nav and "Denna version ersattes av version 1.1 innan den började gälla." in page.content
    corpus.periods[P].events = []  # no adoption recorded: a draft
    page = {p.path: p for p in build_pages(corpus, versions=[earlier])}[path]
    assert "Denna version av förslaget var aktuell 2091-01-01 – 2092-03-14." in page.content
    assert "Den senaste versionen är" in page.content


def test_a_version_decided_in_a_month_ends_in_that_month(tmp_path):
    """A change-log entry known only to the month ("2093-05"): the version before it applied until
    "maj 2093", no day made up."""
    root = revision.history(tmp_path / "repo")
    path = root / "agreement" / P / "del-b.yaml"
    text = path.read_text(encoding="utf-8").replace('version: "1.1"\nvalid_from', 'version: "1.2"\nvalid_from')
    text = text.replace("    decision: testbeslut-2\nintro:", "    decision: testbeslut-2\n  - date: 2093-05\n"
                        "    version: \"1.2\"\n    summary: Redaktionell rättelse (påhittad).\n    nature: redaktionell\n"
                        "intro:")
    path.write_text(text.replace("löses i första hand lokalt", "löses i första hand på lokal nivå"), encoding="utf-8")
    revision.git(root, "commit", "-q", "-am", "Del B 1.2", date="2093-05-20T12:00:00+00:00")
    corpus, _ = load_corpus(root)
    versions = earlier_versions(root, corpus)
    assert [(e.version, e.valid_from, e.valid_to, e.next_version) for e in versions] == [
        ("1.0", "2091-01-01", "2092-03-14", "1.1"), ("1.1", "2092-03-15", "maj 2093", "1.2")]


@pytest.mark.build
def test_the_version_history_says_a_span_of_days_in_words(site):
    """Del B 1.0 was decided over two days, written 2022-06-13/14: the history says it as the site says
    dates, and a date never breaks at its hyphens."""
    page = (site / "2023-2026" / "del-b" / "index.html").read_text(encoding="utf-8")
    history = page[page.index('class="avtal-register avtal-versionshistorik"'):]
    history = history[:history.index("</table>")]
    assert '<td class="avtal-datum">13–14 juni 2022</td>' in history and "2022-06-13/14" not in history
    assert ".avtal-datum { white-space: nowrap; }" in (site / "stylesheets" / "avtal.css").read_text(encoding="utf-8")
