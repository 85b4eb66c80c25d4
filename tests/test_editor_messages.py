"""The smaller findings of the editors' try (issue 13, 7): a section used as a parent, a period or date
written with an en dash. The real CLI on a copy of the minimal corpus; exact messages and places."""

from __future__ import annotations

from pathlib import Path

import pytest

from avtal import cli

from gitrepo import P, init, minimal_project, replace_once


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return minimal_project(tmp_path / "project", mkdocs="site_name: x\n")


def edit(root: Path, name: str, old: str, new: str) -> None:
    replace_once(root / P / name, old, new)


def check(root: Path, capsys) -> tuple[int, list[str]]:
    code = cli.main(["--root", str(root), "check", "--date", "2025-03-01"])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("name,old,new,expected", [
    ("del-c/lakarmedverkan.yaml", "parent: avtalet", "parent: a-samverkan", [
        f"{P}del-c/lakarmedverkan.yaml:5:9: fel [dangling-reference] 'a-samverkan' är ett avsnitt (Samverkan i "
        "'del-a'), inte ett dokument; överordnat dokument ska vara ett dokument.",
        "    tips: Skriv dokumentets id, t.ex. del-a. Ska texten hänvisa till avsnittet, gör det med en länk i "
        "texten: [Samverkan](ref:a-samverkan)."]),
    ("riktlinjer/riktlinje-oenighet.yaml", "parent: del-a", "parent: a-oenighet", [
        f"{P}riktlinjer/riktlinje-oenighet.yaml:5:9: fel [dangling-reference] 'a-oenighet' är ett avsnitt "
        "(Hantering av oenighet i 'del-a'), inte ett dokument; överordnat dokument ska vara ett dokument eller en "
        "riktlinje.",
        "    tips: Skriv dokumentets id, t.ex. del-a. Ska texten hänvisa till avsnittet, gör det med en länk i "
        "texten: [Hantering av oenighet](ref:a-oenighet)."]),
    ("del-a.yaml", "(ref:riktlinje-oenighet)", "(ref:2023–2026:riktlinje-oenighet)", [
        f"{P}del-a.yaml:32:45: fel [reference-period-malformed] Perioden i länkmålet "
        "'ref:2023–2026:riktlinje-oenighet' är skriven med tankstreck (–), inte bindestreck (-).",
        "    tips: Skriv ref:2023-2026:riktlinje-oenighet: en period skrivs med vanligt bindestreck, också när "
        "rubriken har tankstreck (2023–2026)."]),
    ("period.yaml", 'id: "2023-2026"', 'id: "2023–2026"', [
        f"{P}period.yaml:1:5: fel [schema-id] '2023–2026' är skrivet med tankstreck (–) där det ska vara ett "
        "vanligt bindestreck (-).",
        "    tips: Skriv 2023-2026. Tankstreck hör till löptext och rubriker (2023–2026), inte till id, perioder "
        "och datum."]),
    ("period.yaml", 'id: "2023-2026"', 'id: "2023–2026\\n"', [  # a hyphen alone would not do: no dash hint
        f"{P}period.yaml:1:5: fel [schema-id] '2023–2026\\n' är inte ett giltigt id för en avtalsperiod.",
        "    tips: Skriv första och sista året med ett vanligt bindestreck, t.ex. 2023-2026."]),
    ("del-a.yaml", "valid_from: 2023-01-01", "valid_from: 2023–01–01", [
        f"{P}del-a.yaml:7:13: fel [schema-date] '2023–01–01' är skrivet med tankstreck (–) där det ska vara ett "
        "vanligt bindestreck (-).",
        "    tips: Skriv 2023-01-01. Tankstreck hör till löptext och rubriker (2023–2026), inte till id, perioder "
        "och datum."]),
])
def test_the_message_names_what_was_written(project, capsys, name, old, new, expected):
    edit(project, name, old, new)
    code, lines = check(project, capsys)
    assert code == 1
    at = lines.index(expected[0]) if expected[0] in lines else None
    assert at is not None, "\n".join(lines)
    assert lines[at:at + 2] == expected


@pytest.mark.parametrize("text,expected", [
    ("Se avsnitt B.12 och avsnittet 5.1.", [(11, "B.12"), (30, "5.1")]),
    ("enligt rutinen, se 5.1. Se även se 19 och se B.3", [(19, "5.1"), (45, "B.3")]),  # "se 19": a page
    ("Avsnitt 2 gäller.", [(8, "2")]),
    ("5.1 kap. i lagen", []),
])
def test_the_section_numbers_a_text_names(text, expected):
    from avtal.check.numbers import mentions

    assert mentions(text) == expected


def test_a_number_naming_a_section_that_no_longer_has_one(tmp_path, capsys):
    """Under --base: the section that had the number at the base has none now (a renumbered one:
    tests/fixtures/codes/section-number-stale)."""
    root = minimal_project(tmp_path / "repo", mkdocs="site_name: x\n")
    edit(root, "del-a.yaml", "  - id: a-oenighet\n", "  - id: a-oenighet\n    number: \"3\"\n")
    edit(root, "del-a.yaml", "Lokal samverkan sker i varje närområde.",
         "Lokal samverkan sker i varje närområde; oenighet, se avsnitt 3.")
    init(root)
    edit(root, "del-a.yaml", "    number: \"3\"\n", "")
    cli.main(["--root", str(root), "check", "--base", "HEAD", "--date", "2025-03-01"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[lines.index(
        f"{P}del-a.yaml:28:72: varning [section-number-stale] Texten nämner avsnitt 3, men avsnittet som hade "
        "numret i HEAD ('a-oenighet', Hantering av oenighet) har inte längre något nummer.") + 1] == (
        "    tips: Skriv avsnittets rubrik, eller länka till avsnittet: [avsnitt Hantering av oenighet]"
        "(ref:a-oenighet) följer med när numret ändras.")
