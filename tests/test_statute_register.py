"""The statute register agreement/register/lagar.yaml: where its facts come from, and facts once wrong.

Every entry names its source, the act's text at riksdagen.se by riksdagen's document id for SFS
texts (``sfs-<year>-<number>``, see README "Statute citations"), so a source can be checked
against the entry's own number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from avtal.load import load_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def statutes():
    corpus, _ = load_corpus(ROOT)
    return {s.id: s for s in corpus.statutes}


def test_every_entry_names_the_official_text_of_its_own_number(statutes):
    for statute in statutes.values():
        year, number = statute.sfs.split(":")
        assert statute.source == f"https://data.riksdagen.se/dokument/sfs-{year}-{number}.html", statute.id


def test_lou_keeps_the_22_kap_it_had_when_the_agreement_was_adopted(statutes):
    assert statutes["lou"].chapters[-3:] == ("20", "21", "22")


def test_the_duty_for_children_cared_for_outside_the_home_dates_from_2017(statutes):
    note = next(n.text for n in statutes["hsl"].notes if n.text.startswith("16 kap. 3 §"))
    assert "sedan 2017" in note and "prop. 2016/17:59" in note
    assert "2024:90" in note and "skyddat boende" in note


def test_refs_uses_the_shipped_register_outside_a_project_and_for_a_broken_one(tmp_path):
    from avtal.cite.refs import register_index, shipped_index

    assert register_index(None) is shipped_index()
    assert shipped_index().by_abbreviation("HSL").sfs == "2017:30"
    assert register_index(tmp_path) is shipped_index()  # no register here
    register = tmp_path / "agreement" / "register"
    register.mkdir(parents=True)
    (register / "lagar.yaml").write_text("statutes:\n  - id: hsl\n    sfs: 2017:30\n", encoding="utf-8")
    assert register_index(tmp_path) is shipped_index()  # one that does not follow its schema


@pytest.mark.parametrize("text, summary", [
    ("", "0 lagrumshänvisningar."),
    ("Se 16 kap. 4 § HSL.", "1 lagrumshänvisning."),
    ("Se 16 kap. 4 § HSL och 9 § 8 LSS.", "2 lagrumshänvisningar."),
])
def test_refs_counts_its_citations_in_a_sentence_that_agrees(tmp_path, capsys, text, summary):
    """The summary on stderr agrees in number: "1 lagrumshänvisning", "2 lagrumshänvisningar"."""
    from avtal import cli

    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    assert cli.main(["refs", str(path)]) == 0
    assert capsys.readouterr().err.strip() == summary


# Acts the agreement does not cite, kept so that their usual abbreviations resolve; chapters are
# listed only where checked (PSL, from 1 kap. 1 §), else the act is only marked as chaptered.
@pytest.mark.parametrize("act_id, sfs, abbreviation, chapters, chaptered", [
    ("psl", "2010:659", "PSL", tuple(str(n) for n in range(1, 11)), False),
    ("osl", "2009:400", "OSL", (), True),
    ("pdl", "2008:355", "PDL", (), True),
    ("rf", "1974:152", "RF", (), True),
])
def test_abbreviations_outside_the_agreement_are_registered_with_what_is_checked(
        statutes, act_id, sfs, abbreviation, chapters, chaptered):
    statute = statutes[act_id]
    assert (statute.sfs, statute.abbreviation, statute.chapters, statute.chaptered) == (
        sfs, abbreviation, chapters, chaptered)
    assert statute.has_chapters
    assert statute.notes[0].text.startswith("Avtalet hänvisar inte till")


@pytest.mark.parametrize("text, out", [
    ("Se 3 kap. 5 § PSL.",
     "3-17: 3 kap. 5 § PSL  →  SFS 2010:659 3 kap. 5 §  https://lagen.nu/2010:659#K3P5"),
    ("Se 26 kap. 1 § OSL.",
     "3-18: 26 kap. 1 § OSL  →  SFS 2009:400 26 kap. 1 §  https://lagen.nu/2009:400#K26P1"),
    ("Se 3 kap. 1 § PDL.",
     "3-17: 3 kap. 1 § PDL  →  SFS 2008:355 3 kap. 1 §  https://lagen.nu/2008:355#K3P1"),
    ("Se 2 kap. 1 § RF.",
     "3-16: 2 kap. 1 § RF  →  SFS 1974:152 2 kap. 1 §  https://lagen.nu/1974:152#K2P1"),
    # A section without its chapter in a chaptered act: the act, no guessed chapter.
    ("Se 16 kap. 4 § HSL och 3 § samma lag.",
     "3-18: 16 kap. 4 § HSL  →  SFS 2017:30 16 kap. 4 §  https://lagen.nu/2017:30#K16P4\n"
     "23-36: 3 § samma lag  →  SFS 2017:30 3 §  https://lagen.nu/2017:30"),
    # "RF" alone is regionfullmäktige as often: no citation.
    ("Beslutet fattas av RF.", ""),
])
def test_refs_resolves_the_usual_abbreviations_outside_a_project(tmp_path, capsys, monkeypatch, text, out):
    from avtal import cli

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    assert cli.main(["refs", str(path)]) == 0
    assert capsys.readouterr().out.strip() == out
