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


def test_the_redline_says_where_a_moved_section_went():
    corpus = load_lenient(ROOT / "tests" / "fixtures" / "diff" / "project")
    old, new = corpus.periods["2023-2026"], corpus.periods["2027-2030"]
    page = dom(format_report(diff_periods(old, new), old, new, date=DATE, layout="redline"))
    stub = page.by_id("flyttat-fran-b-hjalpmedel")
    assert [stub.tags("h3")[0].text(), stub.by_class("avtal-lydelse-etikett")[0].text()] == \
        ["B.5 Hjälpmedel", "Avsnittet har flyttats till Hjälpmedel i Del A."]
    assert stub.tags("p") == stub.by_class("avtal-lydelse-etikett")  # no text: it is shown at its new place
    ids = [b.attrs["id"] for b in page.by_id("dokument-del-b").by_class("avtal-lydelse-sida")]
    assert ids[ids.index("flyttat-fran-b-hjalpmedel") - 1:ids.index("flyttat-fran-b-hjalpmedel") + 2] == \
        ["avsnitt-b-avliden", "flyttat-fran-b-hjalpmedel", "avsnitt-b-lokal-samverkan"]
    assert "avsnitt-b-hjalpmedel" in [b.attrs["id"] for b in page.by_id("dokument-del-a").by_class("avtal-lydelse-sida")]


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


@pytest.mark.parametrize("old, new, code, expected", [
    # two names for one thing: refused, with a comparison that would show something
    ("2091-2094", "2091-2094", 2, "avtal: GAMMAL och NY är samma: 2091-2094 i arbetskopian jämförs med sig själv. "
     "Ange två olika sidor, t.ex. avtal diff HEAD:2091-2094 2091-2094 (senaste incheckningen mot arbetskopian).\n"),
    ("HEAD:2091-2094:test-del-b", "HEAD:2091-2094:test-del-b", 2,
     "avtal: GAMMAL och NY är samma: 2091-2094:test-del-b i revisionen 'HEAD' jämförs med sig själv. Ange två "
     "olika sidor, t.ex. avtal diff HEAD:2091-2094:test-del-b 2091-2094:test-del-b (mot arbetskopian).\n"),
    # the last commit against an unchanged working tree: a real comparison that found nothing
    ("HEAD:2091-2094", "2091-2094", 0, ""),
])
def test_the_same_side_twice(repo, capsys, monkeypatch, old, new, code, expected):
    monkeypatch.setenv("AVTAL_DATE", DATE)
    assert cli.main(["--root", str(repo), "diff", old, new, "--format", "report"]) == code
    out, err = capsys.readouterr()
    assert err == expected
    assert ('<p class="avtal-rapport-summa">Inga ändringar.</p>' in out) == (code == 0)


def _make_pdf():
    spec = importlib.util.spec_from_file_location("make_pdf", ROOT / "tools" / "make_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("argv, expected", [
    # `make report` without OLD= and NEW= passes two empty words
    (["--report", "", ""], "make_pdf: OLD och NEW saknas: ange vad som jämförs med vad, "
                           "t.ex. make report OLD=origin/main:2023-2026 NEW=2023-2026.\n"),
    (["--report", "HEAD:2091-2094", ""], "make_pdf: NEW saknas: ange vad som jämförs med vad, "
                                         "t.ex. make report OLD=origin/main:2023-2026 NEW=2023-2026.\n"),
    (["--report", "HEAD:2091-2094", "2091-2094", "--out", "/finns-inte/alls/r.pdf"],
     "make_pdf: mappen /finns-inte/alls finns inte; skapa den först eller välj en annan fil med OUT=.\n"),
    (["--report", "a", "b", "--layout", "foo"], "make_pdf: --layout: okänt värde 'foo'. Välj bland: table, redline.\n"),
])
def test_make_pdf_refuses_in_swedish(capsys, argv, expected):
    assert _make_pdf().main(argv) == 2
    _, err = capsys.readouterr()
    assert err.splitlines()[-1] + "\n" == expected
    assert not Path("/finns-inte").exists()


@pytest.mark.parametrize("old, new, expected", [
    # a word replaced by one with no space on either side: the two marks still read as two words
    ("enligt lagen (2001:453).", "enligt lagen (2025:400).", "enligt lagen (<del>2001:453</del> <ins>2025:400</ins>)."),
    ("Regionen kan bistå.", "Regionen ska bistå.", "Regionen <del>kan</del> <ins>ska</ins> bistå."),
    ("vid behov.", "vid behov och i tid.", "vid behov <ins>och i tid</ins>."),  # an insertion alone: no space added
])
def test_a_deletion_and_an_insertion_are_two_words(old, new, expected):
    from avtal.diff.sidebyside import words_inline
    from avtal.templating import environment

    redline = environment("avtal.diff").get_template("redline.html").module.redline
    assert str(redline(words_inline(old, new))).strip() == expected


@pytest.mark.parametrize("old, new, expected", [
    # the case of the 2026 test revision (B.3, Vårdhygien): "utbildning" stays unmarked
    ("rådgivning och utbildning i enlighet med direktivet", "rådgivning, utbildning och stöd vid utbrott i "
     "enlighet med direktivet", "rådgivning [-och-]{+,+} utbildning {+och stöd vid utbrott+} i enlighet med direktivet"),
    # a sentence rewritten around a short word: the word goes with the change, as before
    ("Kommunen ansvarar och betalar", "Regionen svarar och står för kostnaden",
     "[-Kommunen ansvarar och betalar-] {+Regionen svarar och står för kostnaden+}"),
    ("enligt 5 kap. 8 a § SoL", "enligt 7 kap. 2 § socialtjänstlag",
     "enligt [-5 kap. 8 a § SoL-] {+7 kap. 2 § socialtjänstlag+}"),
])
def test_the_word_diff_marks_only_changed_words(old, new, expected):
    from avtal.diff.words import word_diff

    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    assert "".join((" " if s.space_before else "") + marks[s.op].format(s.text) for s in word_diff(old, new)).strip() \
        == expected


def test_an_added_or_removed_document_counts_its_sections_as_such():
    """The contents list of the report: a removed document's sections are removed, not changed."""
    old = load_lenient(FIXTURE / "project").periods[revision.PERIOD]
    new = load_lenient(FIXTURE / "project").periods[revision.PERIOD]
    removed = new.documents.pop("test-del-b")
    page = dom(format_report(diff_periods(old, new), old, new, date=DATE))
    contents = [li.text() for li in page.by_id("innehall").parent.tags("ol")[0].tags("li")]
    n = sum(1 for _ in removed.walk())
    assert contents == [f"Del B, Testavtalet – dokumentet utgår, {n} avsnitt utgår"]
    page = dom(format_report(diff_periods(new, old), new, old, date=DATE))
    contents = [li.text() for li in page.by_id("innehall").parent.tags("ol")[0].tags("li")]
    assert contents == [f"Del B, Testavtalet – nytt dokument, {n} nya avsnitt"]


def test_the_report_written_by_make_report_is_not_committed():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/andringsrapport.html" in ignored and "/andringsrapport.pdf" in ignored


# --- printed -------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_the_report_prints_to_pdf(report, chromium, tmp_path):
    import pypdf

    make_pdf = _make_pdf()
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


def _print_page(chromium, html: str, tmp_path: Path, name: str):
    """A Chromium page showing html (written to tmp_path/name) in print media."""
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    page = chromium.new_page()
    page.goto(path.as_uri(), wait_until="load")
    page.emulate_media(media="print")
    return page


@pytest.mark.browser
def test_the_redline_margin_bars_are_inside_the_printed_page(sides, chromium, tmp_path):
    """The Läsanvisning promises a bar in the left margin of each changed section: in print it must lie
    inside the page's content box (Chromium cuts off what is left of it), and keep its line style."""
    page = _print_page(chromium, format_report(*sides, date=DATE, layout="redline"), tmp_path, "redline.html")
    try:
        bars = page.evaluate("""() => [...document.querySelectorAll('.avtal-lydelse-sida')].map(e => {
            const s = getComputedStyle(e);
            return [e.id, e.getBoundingClientRect().left, s.borderLeftStyle, s.borderLeftWidth]; })""")
    finally:
        page.close()
    marked = {ident: (left, style, width) for ident, left, style, width in bars}
    assert {ident: (style, width) for ident, (_, style, width) in marked.items()
            if ident in ("avsnitt-tb-ansvar", "avsnitt-tb-digital", "avsnitt-tb-avgift")} == {
        "avsnitt-tb-ansvar": ("solid", "3px"), "avsnitt-tb-digital": ("double", "6px"),
        "avsnitt-tb-avgift": ("dashed", "3px")}
    assert [ident for ident, (left, _, _) in marked.items() if left < 0] == []


@pytest.mark.browser
def test_a_section_heading_is_never_left_alone_at_the_foot_of_a_page(report, chromium, tmp_path):
    """Printed, a section's caption and column headings stay on the page where its text begins.

    The fixture's sections are short, so the test makes them long (the changed section's paragraphs
    repeated to some 40 % of a page) and many (twelve copies): a row kept whole would leave a caption
    and the empty "Nuvarande lydelse | Föreslagen lydelse" at the foot of most pages."""
    import pypdf

    page = _print_page(chromium, report, tmp_path, "lang.html")
    try:
        page.evaluate("""() => {
            const table = document.getElementById('avsnitt-tb-ansvar');
            for (const cell of table.querySelectorAll('td')) {
                const paragraphs = [...cell.querySelectorAll('p')].slice(1);
                for (let k = 0; k < 3; k++) paragraphs.forEach(p => cell.appendChild(p.cloneNode(true)));
            }
            for (let k = 0; k < 12; k++) {
                const copy = table.cloneNode(true);
                copy.id = 'kopia-' + k;
                copy.querySelector('caption .avtal-lydelse-rubrik').textContent = 'Kopia ' + k;
                table.parentNode.insertBefore(copy, table);
            }
        }""")
        pdf = tmp_path / "lang.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    pages = [[line.strip() for line in p.extract_text().splitlines() if line.strip()]
             for p in pypdf.PdfReader(pdf).pages]
    assert len(pages) >= 5
    stranded = []
    for number, lines in enumerate(pages, 1):
        body = [line for line in lines if not line.startswith(("Sida ", "Ändringsrapport ·"))]
        if body and ("Föreslagen lydelse" in body[-1] or body[-1].startswith("Kopia")):
            stranded.append((number, body[-1]))
    assert stranded == []


# --- a retitled parent -------------------------------------------------------------------------------

@pytest.mark.parametrize("move_sip, expected_summary, expected_fields", [
    # Del A and the agreement retitled: their children still point to the same ids, so only the two
    # retitled documents are changed; the guideline under Del A and Del B under the agreement are not.
    (False, "2 dokument (2 ändrade).", {}),
    # a real change of parent: the SIP guideline moved from Del A to Del B, named by the new titles
    (True, "2 dokument (2 ändrade); 1 riktlinje (1 ändrad).",
     {"riktlinje-sip": [("Hör under", "Del A, Gemensam avtalstext", "Del B, Hälso- och sjukvårdsavtalet")]}),
])
def test_a_retitled_parent_leaves_its_children_unchanged(move_sip, expected_summary, expected_fields):
    import copy

    from avtal.diff.wording import summary

    corpus = load_lenient(ROOT / "tests" / "fixtures" / "diff" / "project")
    old = corpus.periods["2023-2026"]
    new = copy.deepcopy(old)
    new.documents["del-a"].title = "Del A, Ny titel"
    new.documents["hos-avtalet"].title = "Hälso- och sjukvårdsavtal, ny titel"
    if move_sip:
        new.guidelines["riktlinje-sip"].parent = "del-b"
    result = diff_periods(old, new)
    assert summary(result) == expected_summary
    assert {c.new_id: [(f.label, f.old, f.new) for f in c.fields] for c in result.documents if c.fields} == expected_fields
    page = dom(format_report(result, old, new, date=DATE))
    rows = {d.attrs["id"]: [tr.tags("th")[0].text() for tr in d.by_class("avtal-lydelse-uppgifter")[0].tags("tr")[1:]]
            for d in page.by_class("avtal-lydelse-dokument") if d.by_class("avtal-lydelse-uppgifter")}
    assert rows == {"dokument-hos-avtalet": ["Titel"], "dokument-del-a": ["Titel"]}


@pytest.mark.browser
def test_a_date_of_the_change_log_is_never_broken(report, chromium, tmp_path):
    """On a phone-wide screen the change-log table is narrow: its dates stay on one line ("2092-03-15",
    not "2092-/03-15")."""
    path = tmp_path / "smal.html"
    path.write_text(report, encoding="utf-8")
    page = chromium.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(path.as_uri(), wait_until="load")
        lines = page.evaluate("""() => [...document.querySelectorAll('table.avtal-lydelse-logg td.avtal-lydelse-datum')]
            .map(td => { const r = document.createRange(); r.selectNodeContents(td);
                         return [td.textContent, new Set([...r.getClientRects()].map(b => Math.round(b.top))).size]; })""")
    finally:
        page.close()
    assert lines == [["2092-03-15", 1]]
