"""`avtal new-period NEW --from OLD`: a draft copy that passes `avtal check`, never over an existing one."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from pathlib import Path

import pytest

from avtal import cli
from avtal.diff import data as diff_data
from avtal.diff import html as diff_html
from avtal.diff import markdown as diff_markdown
from avtal.diff import terminal as diff_terminal
from avtal.diff import wording as diff_wording
from avtal import diff as d
from avtal.check import check_root
from avtal.findings import Severity
from avtal.load import load_text
from avtal.status import adopted, status_on
from avtal.newperiod import NewPeriodError, TextEditor, create_period, scalar
from avtal.diff.sides import load_lenient

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "diff"
PROJECT = FIXTURES / "project"
TODAY = dt.date(2026, 9, 1)

_spec = importlib.util.spec_from_file_location("diff_edits", FIXTURES / "edits.py")
edits = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(edits)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture project with only 2023-2026."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    shutil.rmtree(root / "agreement" / "2027-2030")
    return root


def read(root: Path, name: str) -> str:
    return (root / "agreement" / name).read_text(encoding="utf-8")


def test_copy_is_a_draft_of_the_new_years(project):
    created = create_period(project, "2027-2030", "2023-2026", today=TODAY)
    assert created.folder == project / "agreement" / "2027-2030" and created.files == 6
    corpus = load_lenient(project)
    period = corpus.periods["2027-2030"]
    assert period.events == [] and not adopted(period)  # a draft: no adoption recorded
    assert (period.valid_from, period.valid_to) == ("2027-01-01", "2030-12-31")
    assert period.title == "Hälso- och sjukvårdsavtal 2027–2030"
    assert period.predecessor == {"period": "2023-2026", "title": "Hälso- och sjukvårdsavtal 2023–2026",
                                  "valid_from": "2023-01-01", "valid_to": "2026-12-31"}
    assert period.decisions == [] and period.changes_from_predecessor == [] and period.notes == []
    avtalstid = next(t for t in period.key_terms if t.id == "avtalstid")
    assert avtalstid.value == {"from": "2027-01-01", "to": "2030-12-31"} and avtalstid.text == "2027-01-01 – 2030-12-31"
    for document in period.documents.values():
        assert (document.version, document.valid_from, document.valid_to) == ("0.1", "2027-01-01", "2030-12-31")
        (entry,) = document.changelog
        assert (entry.date, entry.version, entry.nature) == ("2026-09-01", "0.1", "redaktionell")
        assert entry.summary == "Kopierad från 2023-2026 inför revidering."
    assert period.documents["del-a"].changelog[0].derived_from == "2023-2026:del-a@1.2"
    guideline = period.guidelines["riktlinje-sip"]
    assert guideline.version == "0.1" and guideline.changelog[0].derived_from == "2023-2026:riktlinje-sip@1.0"
    # the old period is untouched
    assert status_on(corpus.periods["2023-2026"], corpus, TODAY).code == "gallande"


def test_copy_keeps_comments_and_rewrites_only_what_it_must(project):
    create_period(project, "2027-2030", "2023-2026", today=TODAY)
    old, new = read(project, "2023-2026/del-a.yaml"), read(project, "2027-2030/del-a.yaml")
    assert new.startswith("# Del A: gemensam text. En kommentar som new-period ska behålla.\n")
    assert old[old.index("intro:"):] == new[new.index("intro:"):]  # the text, byte for byte
    changed = [line for line in new.splitlines() if line not in old.splitlines()]
    assert changed == ['version: "0.1"', "valid_from: 2027-01-01", "valid_to: 2030-12-31", "  - date: 2026-09-01",
                       '    version: "0.1"', "    summary: Kopierad från 2023-2026 inför revidering.",
                       "    derived_from: 2023-2026:del-a@1.2"]


def test_copy_passes_check(project):
    create_period(project, "2027-2030", "2023-2026", today=TODAY)
    _, findings = check_root(project)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert errors == []


def test_refuses_to_overwrite(project, capsys):
    target = project / "agreement" / "2027-2030"
    target.mkdir()
    (target / "anteckning.txt").write_text("påbörjat arbete", encoding="utf-8")
    code = cli.main(["--root", str(project), "new-period", "2027-2030", "--from", "2023-2026"])
    out, err = capsys.readouterr()
    assert code == 2 and "finns redan" in err and "skriver aldrig över" in err
    assert [p.name for p in target.iterdir()] == ["anteckning.txt"]


@pytest.mark.parametrize("new, old, message", [
    ("2027-2030", "2019-2022", "perioden 2019-2022 finns inte"),
    ("2027", "2023-2026", "inte ett periodnamn"),
    ("2030-2027", "2023-2026", "slutar före den börjar"),
    ("2023-2026", "2023-2026", "annat namn"),
])
def test_refuses_bad_names(project, capsys, new, old, message):
    code = cli.main(["--root", str(project), "new-period", new, "--from", old])
    _, err = capsys.readouterr()
    assert code == 2 and message in err
    assert sorted(p.name for p in (project / "agreement").iterdir()) == ["2023-2026", "register"]


def test_nothing_is_left_behind_when_the_copy_fails(project):
    path = project / "agreement" / "2023-2026" / "del-b.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - [\n", encoding="utf-8")
    with pytest.raises(NewPeriodError):
        create_period(project, "2027-2030", "2023-2026", today=TODAY)
    assert sorted(p.name for p in (project / "agreement").iterdir()) == ["2023-2026", "register"]
    assert not list(project.glob(".avtal-*"))  # nor the staging folder


def test_cli_reports_what_it_made(project, capsys):
    code = cli.main(["--root", str(project), "new-period", "2027-2030", "--from", "2023-2026"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "Skapade agreement/2027-2030/ (6 filer) som utkast, kopierat från 2023-2026." in out
    assert "Att se över i utkastet: 1 varning (statute-repealed 1)" in out
    assert "avtal diff 2023-2026 2027-2030" in out


def test_new_period_then_edits_gives_the_fixture_and_its_diff(project):
    """new-period followed by the working group's edits is exactly the fixture 2027-2030,
    and the comparison is the reviewed snapshot."""
    create_period(project, "2027-2030", "2023-2026", today=TODAY)
    edits.apply(project / "agreement" / "2027-2030")
    made = project / "agreement" / "2027-2030"
    fixture = PROJECT / "agreement" / "2027-2030"
    names = sorted(p.relative_to(made).as_posix() for p in made.rglob("*.yaml"))
    assert names == sorted(p.relative_to(fixture).as_posix() for p in fixture.rglob("*.yaml"))
    for name in names:
        assert (made / name).read_text(encoding="utf-8") == (fixture / name).read_text(encoding="utf-8"), name
    corpus = load_lenient(project)
    result = d.diff_periods(corpus.periods["2023-2026"], corpus.periods["2027-2030"],
                            old_statutes=corpus.statutes, new_statutes=corpus.statutes)
    assert diff_terminal.format_terminal(result) == (FIXTURES / "expected" / "period.txt").read_text(encoding="utf-8")
    _, findings = check_root(project)
    assert [f for f in findings if f.severity is Severity.ERROR] == []


def test_new_period_from_the_real_agreement(tmp_path):
    """The real 2023-2026 copies to a draft that passes the check (warnings about repealed law remain)."""
    source = ROOT / "agreement"
    root = tmp_path / "real"
    (root / "agreement").mkdir(parents=True)
    shutil.copytree(source / "register", root / "agreement" / "register")
    shutil.copytree(source / "2023-2026", root / "agreement" / "2023-2026")
    created = create_period(root, "2027-2030", "2023-2026", today=TODAY)
    _, findings = check_root(root)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    corpus = load_lenient(root)
    result = d.diff_periods(corpus.periods["2023-2026"], corpus.periods["2027-2030"])
    # only the term of agreement differs, shown in the key terms and in the one section that states it
    assert [c.id for c in result.key_terms] == ["avtalstid"]
    assert result.documents == () and [c.ref.id for c in result.sections] == ["a-avtalstid"]
    assert created.files == len(list((source / "2023-2026").rglob("*.yaml")))


# --- the text editor ----------------------------------------------------------------------------

def test_editor_replaces_removes_and_adds_top_level_keys():
    text = "# kommentar\nid: x\nlist:\n  - a\n  - b\n\n# om notes\nnotes:\n  - n\nlast: 1\n"
    loaded, _ = load_text(text, "t.yaml")
    editor = TextEditor(text, loaded)
    editor.set("id", "y")
    editor.set("list", None)
    editor.set("added", "ny", after="id")
    # the blank line and the comment above notes belong to notes, not to the removed list
    assert editor.text() == "# kommentar\nid: y\nadded: ny\n\n# om notes\nnotes:\n  - n\nlast: 1\n"


@pytest.mark.parametrize("value, written", [
    ("Kopierad från 2023-2026 inför revidering.", "Kopierad från 2023-2026 inför revidering."),
    ("2023-2026:del-a@1.0", "2023-2026:del-a@1.0"),
    ("ja: nej", '"ja: nej"'),
    ("1.0", '"1.0"'),
    ("yes", '"yes"'),
])
def test_scalar(value, written):
    assert scalar(value) == written


def test_the_old_periods_change_and_decision_files_stay_and_name_the_version_they_made(project):
    """Change files (andringar/) and decision files (beslut/) are the old period's history: not copied; a
    document's derived_from names the version its change files made it."""
    folder = project / "agreement" / "2023-2026"
    (folder / "beslut").mkdir()
    (folder / "beslut" / "rs-2024-06-11.yaml").write_text(
        "id: rs-2024-06-11\nbody: Regionstyrelsen\ndate: 2024-06-11\nsummary: Ändring beslutad.\n", encoding="utf-8")
    (folder / "andringar").mkdir()
    (folder / "andringar" / "2024-06-12-del-a.yaml").write_text(
        "document: del-a\ndate: 2024-06-12\nsummary: En rättelse.\nnature: redaktionell\ndecision: rs-2024-06-11\n",
        encoding="utf-8")
    created = create_period(project, "2027-2030", "2023-2026", today=TODAY)
    assert not (created.folder / "andringar").exists() and not (created.folder / "beslut").exists()
    period = load_lenient(project).periods["2027-2030"]
    assert [c.derived_from for c in period.documents["del-a"].changelog] == ["2023-2026:del-a@1.3"]
