"""The change report (`avtal diff OLD NEW --format report`): the two-column table "Nuvarande lydelse |
Föreslagen lydelse", the marks, the metadata, the redline layout, the PDF.

On the made-up revision of the test period 2091-2094 (tests/fixtures/report: Del B of a test agreement
from version 1.0 to 1.1, committed in a temporary git repository; never the agreement's text).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import unicodedata
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from avtal import cli
from avtal.diff import diff_periods, diff_targets
from avtal.diff.report import format_report
from avtal.diff.sides import Reader, load_lenient

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "report"
sys.path.insert(0, str(FIXTURE))
import revision  # noqa: E402

DATE = "2092-04-01"
OLD, NEW = f"HEAD~1:{revision.PERIOD}", f"HEAD:{revision.PERIOD}"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")


# --- a small DOM: enough to find a table cell and the marks in it ----------------------------------

VOID = {"meta", "br", "img", "link", "hr", "input", "col", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self, skip: str = "avtal-lydelse-not") -> str:
        """The words inside, as a reader reads them; elements with class skip (notes) left out."""
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif skip not in child.attrs.get("class", "").split():
                out.append(child.text(skip))
        return "".join(out)

    def find_all(self, test) -> list["Node"]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if test(child):
                    found.append(child)
                found += child.find_all(test)
        return found

    def by_id(self, ident: str) -> "Node":
        [node] = self.find_all(lambda n: n.attrs.get("id") == ident)
        return node

    def by_class(self, name: str) -> list["Node"]:
        return self.find_all(lambda n: name in n.attrs.get("class", "").split())

    def tags(self, tag: str) -> list["Node"]:
        return self.find_all(lambda n: n.tag == tag)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.at = Node("#root", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag):
        node = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.at = node.parent

    def handle_data(self, data):
        self.at.children.append(data)


def dom(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    return builder.root


def cells(page: Node, section: str) -> tuple[list[str], list[str], Node, Node]:
    """The paragraphs of the old and new cell of a section's two-column table, and the cells."""
    table = page.by_id(f"avsnitt-{section}")
    old, new = table.by_class("avtal-lydelse-fore")[0], table.by_class("avtal-lydelse-efter")[0]
    return [p.text().strip() for p in old.tags("p")], [p.text().strip() for p in new.tags("p")], old, new


# --- the revision, committed -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return revision.history(tmp_path_factory.mktemp("report") / "repo")


@pytest.fixture(scope="module")
def sides(repo):
    reader = Reader(repo)
    old, new = reader.side(OLD), reader.side(NEW)
    result = diff_targets(old.period, None, new.period, None, old_statutes=old.corpus.statutes,
                          new_statutes=new.corpus.statutes, old_label=OLD, new_label=NEW)
    return result, old.period, new.period


@pytest.fixture(scope="module")
def report(sides) -> str:
    return format_report(*sides, date=DATE)


@pytest.fixture(scope="module")
def page(report) -> Node:
    return dom(report)


def test_a_standalone_swedish_document_for_print(report):
    assert report.startswith('<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">')
    head = report[:report.index("<body")]
    assert "<title>Ändringsrapport: HEAD~1:2091-2094 → HEAD:2091-2094</title>" in head
    assert "@media print" in head and "size: A4" in head
    assert 'content: "Sida " counter(page) " av " counter(pages)' in head  # page numbers
    assert 'content: "Ändringsrapport · HEAD~1:2091-2094 → HEAD:2091-2094 · 2092-04-01"' in head  # running header
    assert "<link" not in head and "<script" not in report  # nothing fetched, nothing run


def test_order_summary_then_documents(report):
    order = [report.index(words) for words in ('id="sammanfattning"', 'id="avtalsperioden"', 'id="dokument-test-del-b"',
                                               "Oförändrade dokument: Testavtalet (påhittad text).")]
    assert order == sorted(order)
    assert "5 avsnitt (1 nytt, 1 borttaget, 1 omnumrerat, 1 med ny rubrik, 2 med ändrad text)." in report


def test_the_cells_hold_the_whole_old_and_new_text(page):
    old, new, _, _ = cells(page, "tb-ansvar")
    common = ["Testtext: Kommunen ansvarar för insatser i hemmet."]
    assert old == ["B.1 Ansvar", *common, revision.OLD_SENTENCE, "Insatserna ges av:", "– sjuksköterska",
                   "– arbetsterapeut"]
    assert new == ["B.1 Ansvar", *common, revision.NEW_SENTENCE, "Insatserna ges av:", "– sjuksköterska",
                   "– arbetsterapeut", "– fysioterapeut"]
    old, new, _, _ = cells(page, "tb-uppfoljning")
    assert old == ["B.2 Uppföljning", "Testtext: Parterna följer upp testavtalet en gång per år."]
    assert new == ["B.2 Uppföljning och utvärdering", "Testtext: Parterna följer upp testavtalet två gånger per år."]


def test_the_marks_cover_exactly_the_changed_words(page):
    _, _, old, new = cells(page, "tb-ansvar")
    assert [d.text() for d in old.tags("del")] == ["kan"] and old.tags("ins") == []
    assert [i.text() for i in new.tags("ins")] == ["ska", "fysioterapeut"] and new.tags("del") == []
    _, _, old, new = cells(page, "tb-uppfoljning")
    assert [d.text() for d in old.tags("del")] == ["en gång"]
    assert [i.text() for i in new.tags("ins")] == ["och utvärdering", "två gånger"]


def test_added_and_removed_sections_have_one_side_only(page):
    old, new, _, cell = cells(page, "tb-digital")
    assert old == ["Avsnittet finns inte i nuvarande lydelse."]
    assert new == ["B.3 Digitala tjänster", "Testtext: Parterna erbjuder digitala tjänster."]
    assert [i.text() for i in cell.tags("ins")] == new  # all of it is new
    old, new, _, _ = cells(page, "tb-avgift")
    assert old == ["B.4 Avgifter", "Testtext: Avgifter tas ut enligt taxan."] and new == ["Avsnittet utgår."]


def test_renumbered_and_unchanged_sections(page, report):
    [table] = page.by_class("avtal-lydelse-nummer")
    assert [[td.text() for td in tr.tags("td")] for tr in table.tags("tr") if tr.tags("td")] == \
        [["B.3 Tvister", "B.4 Tvister"]]
    assert "1 av 5 avsnitt i Del B, Testavtalet är oförändrat." in report
    caption = page.by_id("avsnitt-tb-uppfoljning").tags("caption")[0].text()
    assert caption == "B.2 Uppföljning och utvärdering – ny rubrik (förut: Uppföljning), ändrad text"


def test_metadata_changes_appear(page):
    document = page.by_id("dokument-test-del-b")
    [rows] = document.by_class("avtal-lydelse-uppgifter")
    assert [[c.text() for c in tr.children if not isinstance(c, str)] for tr in rows.tags("tr")][1:] == \
        [["Version", "1.0", "1.1"]]
    [log] = document.by_class("avtal-lydelse-logg")
    assert [[td.text() for td in tr.tags("td")] for tr in log.tags("tr") if tr.tags("td")] == [
        ["1.1", "2092-03-15", "Ansvaret förtydligat och uppföljningen utökad (påhittad ändring för tester).",
         "materiell", "Testnämnden 2092-03-15 § 7"]]
    period = page.by_id("avtalsperioden").parent.by_class("avtal-lydelse-uppgifter")[0].text()
    assert "Testnämnden 2092-03-15 § 7: Påhittad ändring av Del B." in period
    assert "version 1.1, 2092-03-15: Del B ändrad (påhittad ändring för tester). (materiell; beslut: Testnämnden" \
        in period


def test_moved_sections_say_from_where_to_where():
    corpus = load_lenient(ROOT / "tests" / "fixtures" / "diff" / "project")
    old, new = corpus.periods["2023-2026"], corpus.periods["2027-2030"]
    page = dom(format_report(diff_periods(old, new), old, new, date=DATE))
    caption = page.by_id("avsnitt-b-hjalpmedel").tags("caption")[0].text()
    assert caption == "Hjälpmedel – flyttad från Del B till Del A, omnumrerad (B.5 → utan nummer)"
    old_cell, new_cell, _, _ = cells(page, "a-uppfoljning")  # a paragraph moved within its section
    assert old_cell[1] == "Parterna följer upp avtalet varje år." and new_cell[3] == old_cell[1]
    notes = [n.text(skip="-") for n in page.by_id("avsnitt-a-uppfoljning").by_class("avtal-lydelse-not")]
    assert notes == ["(flyttat till stycke 3)", "(flyttat hit från stycke 1)"]


def test_redline_layout_is_each_document_whole_in_order(sides):
    page = dom(format_report(*sides, date=DATE, layout="redline"))
    document = page.by_id("dokument-test-del-b")
    blocks = document.by_class("avtal-lydelse-sida")
    assert [b.attrs["id"] for b in blocks] == ["test-del-b-inledning", "avsnitt-tb-ansvar", "avsnitt-tb-uppfoljning",
                                             "avsnitt-tb-digital", "avsnitt-tb-tvist", "avsnitt-tb-avgift",
                                             "avsnitt-tb-sekretess"]
    ansvar = page.by_id("avsnitt-tb-ansvar")
    assert [d.text() for d in ansvar.tags("del")] == ["kan"]
    assert [i.text() for i in ansvar.tags("ins")] == ["ska", "fysioterapeut"]
    assert "Testtext: Regionen kan ska bistå med rådgivning vid behov." in ansvar.text()
    assert page.by_id("avsnitt-tb-sekretess").tags("del") == [] and "avtal-lydelse-oforandrad" in \
        page.by_id("avsnitt-tb-sekretess").attrs["class"]
    assert page.by_id("dokument-testavtalet")  # every document, changed or not


def test_command(repo, capsys, monkeypatch):
    monkeypatch.setenv("AVTAL_DATE", "2092-04-01")
    code = cli.main(["--root", str(repo), "diff", OLD, NEW, "--format", "report"])
    out, _ = capsys.readouterr()
    assert code == 0 and "Rapportens datum</th><td>2092-04-01" in out and revision.NEW_SENTENCE.split()[0] in out
    code = cli.main(["--root", str(repo), "diff", f"{OLD}:test-del-b", "2091-2094:test-del-b", "--format", "report",
                     "--layout", "redline"])
    out, _ = capsys.readouterr()
    assert code == 0 and "Löpande text" in out and 'id="avsnitt-tb-ansvar"' in out
    code = cli.main(["--root", str(repo), "diff", OLD, NEW, "--layout", "redline"])
    _, err = capsys.readouterr()
    assert code == 2 and "--layout gäller bara --format report" in err


def test_markup_in_labels_and_titles_is_text(sides):
    result, old, new = sides
    evil = '"</style><script>alert(1)</script>'
    result = replace(result, old=replace(result.old, label=f"HEAD~1{evil}"))
    new.documents["test-del-b"].title = f"Del B {evil}"
    try:
        out = format_report(result, old, new, date=DATE)
    finally:
        new.documents["test-del-b"].title = "Del B, Testavtalet"
    assert "<script>" not in out and out.count("</style>") == 1
    assert "Del B &#34;&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in out
    header = re.search(r'@top-left \{ content: "([^"]*)"; \}', out)[1]
    assert header == "Ändringsrapport · HEAD~1/stylescriptalert(1)/script → HEAD:2091-2094 · 2092-04-01"


# --- printed -------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_the_report_prints_to_pdf(report, chromium, tmp_path):
    import pypdf

    spec = importlib.util.spec_from_file_location("make_pdf", ROOT / "tools" / "make_pdf.py")
    make_pdf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_pdf)
    html = tmp_path / "andringsrapport.html"
    html.write_text(report, encoding="utf-8")
    pdf = make_pdf.report_pdf(html, tmp_path / "andringsrapport.pdf", chromium)
    reader = pypdf.PdfReader(pdf)
    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]
    text = " ".join(" ".join(pages).split())
    assert "Nuvarande lydelse" in text and "Föreslagen lydelse" in text
    assert "Regionen kan bistå" in text and "Regionen ska bistå" in text
    assert "Ansvaret förtydligat och uppföljningen utökad" in text
    for number, words in enumerate(pages, 1):  # every page: the running header and its number
        assert "Ändringsrapport · HEAD~1:2091-2094 → HEAD:2091-2094 · 2092-04-01" in words
        assert f"Sida {number} av {len(pages)}" in words
