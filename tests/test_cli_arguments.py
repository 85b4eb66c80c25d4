"""The `avtal` command line: every kind of bad argument, for every command that has it, gives the
command's usage line, `avtal: <Swedish message>` and exit status 2; the messages come from our own
checks, so they stay the same whatever argparse's own (English) wording is; the help is Swedish.

Parsing fails before any command runs; the cases run in an empty folder all the same, so that a
case that wrongly parsed would stop at once (no project) instead of, say, starting a server.
"""

from __future__ import annotations

import argparse

import pytest

from avtal import cli

USAGE = {
    "avtal": "användning: avtal [-h] [--root MAPP]\n"
             "                  {check,build,serve,refs,diff,new-period} ...",
    "check": "användning: avtal check [-h] [--format {github,json,text}] [--strict]\n"
             "                        [--base REV] [--date DATUM] [--warn-months MÅNADER]",
    "build": "användning: avtal build [-h] [--site-dir MAPP] [--date DATUM]",
    "serve": "användning: avtal serve [-h] [--addr ADRESS]",
    "refs": "användning: avtal refs [-h] [--format {text,json}] [FIL]",
    "diff": "användning: avtal diff [-h] [--format {terminal,markdown,html,json,report}]\n"
            "                       [--layout {table,redline}]\n"
            "                       [--color {auto,always,never}] [--full-url URL]\n"
            "                       GAMMAL NY",
    "new-period": "användning: avtal new-period [-h] --from GAMMAL NY",
}
COMMANDS = "Välj bland: check, build, serve, refs, diff, new-period."

# (command line, whose usage line is printed, the message after "avtal: ")
CASES = [
    # no command, or an unknown one
    ([], "avtal", "ange ett kommando, t.ex. avtal check. Se avtal --help."),
    (["--root", "."], "avtal", "ange ett kommando, t.ex. avtal check. Se avtal --help."),
    (["chekc"], "avtal", f"okänt kommando 'chekc'. Menade du 'check'? {COMMANDS}"),
    (["new-perod", "2027-2030"], "avtal", f"okänt kommando 'new-perod'. Menade du 'new-period'? {COMMANDS}"),
    (["publicera"], "avtal", f"okänt kommando 'publicera'. {COMMANDS}"),
    # an unknown value of an option with fixed values
    (["check", "--format", "xml"], "check", "--format: okänt värde 'xml'. Välj bland: github, json, text."),
    (["check", "--format", "jsn"], "check",
     "--format: okänt värde 'jsn'. Menade du 'json'? Välj bland: github, json, text."),
    (["check", "--format=jsonn"], "check",
     "--format: okänt värde 'jsonn'. Menade du 'json'? Välj bland: github, json, text."),
    (["refs", "--format", "jsn"], "refs", "--format: okänt värde 'jsn'. Menade du 'json'? Välj bland: text, json."),
    (["diff", "a", "b", "--format", "markdwn"], "diff",
     "--format: okänt värde 'markdwn'. Menade du 'markdown'? Välj bland: terminal, markdown, html, json, report."),
    (["diff", "a", "b", "--color", "alwayz"], "diff",
     "--color: okänt värde 'alwayz'. Menade du 'always'? Välj bland: auto, always, never."),
    (["diff", "a", "b", "--color", "ja"], "diff", "--color: okänt värde 'ja'. Välj bland: auto, always, never."),
    # a required argument missing
    (["diff"], "diff", "saknar GAMMAL, NY."),
    (["diff", "2023-2026"], "diff", "saknar NY."),
    (["diff", "--format", "json", "2023-2026"], "diff", "saknar NY."),
    (["new-period"], "new-period", "saknar NY, --from."),
    (["new-period", "2027-2030"], "new-period", "saknar --from."),
    (["new-period", "--from", "2023-2026"], "new-period", "saknar NY."),
    # an option without its value (at the end, or followed by another option)
    (["--root"], "avtal", "--root behöver ett värde."),
    (["check", "--format"], "check", "--format behöver ett värde."),
    (["check", "--base"], "check", "--base behöver ett värde."),
    (["check", "--base", "--strict"], "check", "--base behöver ett värde."),
    (["build", "--site-dir"], "build", "--site-dir behöver ett värde."),
    (["serve", "--addr"], "serve", "--addr behöver ett värde."),
    (["refs", "--format"], "refs", "--format behöver ett värde."),
    (["diff", "a", "b", "--format"], "diff", "--format behöver ett värde."),
    (["diff", "a", "b", "--color"], "diff", "--color behöver ett värde."),
    (["diff", "a", "b", "--full-url"], "diff", "--full-url behöver ett värde."),
    (["new-period", "2027-2030", "--from"], "new-period", "--from behöver ett värde."),
    # a day outside the years the corpus's dates may have (dates.FIRST_YEAR–LAST_YEAR), or none at all
    (["check", "--date", "9999-12-31"], "check", "--date: '9999-12-31' ligger utanför åren 1900–2099; skriv t.ex. 2027-02-15."),
    (["check", "--date", "0001-01-01"], "check", "--date: '0001-01-01' ligger utanför åren 1900–2099; skriv t.ex. 2027-02-15."),
    (["check", "--date", "2025-02-30"], "check", "--date: '2025-02-30' är inte ett datum; skriv t.ex. 2027-02-15."),
    # a flag given a value
    (["check", "--strict=ja"], "check", "--strict tar inget värde."),
    (["diff", "a", "b", "--help=ja"], "diff", "-h/--help tar inget värde."),
    # an argument that no parser takes: reported by the parser that could not place it
    (["--bogus", "check"], "avtal", "okänt argument: --bogus. Se avtal --help."),
    (["check", "--bogus"], "check", "okänt argument: --bogus. Se avtal --help."),
    (["check", "--root", "projekt"], "check", "okänt argument: --root projekt. Se avtal --help."),
    (["check", "del-a.yaml"], "check", "okänt argument: del-a.yaml. Se avtal --help."),
    (["check", "--form", "json"], "check", "okänt argument: --form json. Se avtal --help."),  # no abbreviations
    (["build", "--bogus"], "build", "okänt argument: --bogus. Se avtal --help."),
    (["serve", "--bogus"], "serve", "okänt argument: --bogus. Se avtal --help."),
    (["refs", "a.txt", "b.txt"], "refs", "okänt argument: b.txt. Se avtal --help."),
    (["diff", "a", "b", "c"], "diff", "okänt argument: c. Se avtal --help."),
    (["new-period", "2027-2030", "--from", "2023-2026", "--force"], "new-period",
     "okänt argument: --force. Se avtal --help."),
]
IDS = [" ".join(argv) or "(inget)" for argv, _, _ in CASES]


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps the usage line to the terminal's width
    monkeypatch.setenv("NO_COLOR", "1")  # and colours it on newer Pythons
    monkeypatch.chdir(tmp_path)


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv, usage, message", CASES, ids=IDS)
def test_bad_arguments_exit_2_in_swedish(capsys, argv, usage, message):
    assert run(capsys, argv) == (2, "", f"{USAGE[usage]}\navtal: {message}\n")


def reworded(text: str) -> str:
    return f"«{text}»"


@pytest.mark.parametrize("argv, usage, message", CASES, ids=IDS)
def test_messages_do_not_depend_on_argparse_wording(monkeypatch, capsys, argv, usage, message):
    """argparse's own messages reworded (as a new Python release or a translation would): ours stay the same.

    The former design read the suggestion out of argparse's English "invalid choice: 'x' (choose
    from 'a', 'b')"; Python releases that dropped the quotes lost the suggestion without a failure.
    """
    monkeypatch.setattr(argparse, "_", reworded)
    monkeypatch.setattr(argparse, "ngettext", lambda singular, plural, n: reworded(singular if n == 1 else plural))
    assert run(capsys, argv) == (2, "", f"{USAGE[usage]}\navtal: {message}\n")


@pytest.mark.parametrize("argv, expected", [
    (["check"], {"command": "check", "format": "text", "strict": False, "base": None, "root": None}),
    (["--root", "p", "check", "--format=json", "--strict", "--base", "origin/main"],
     {"command": "check", "format": "json", "strict": True, "base": "origin/main", "root": "p"}),
    (["refs"], {"file": "-", "format": "text"}),
    (["diff", "a", "b"], {"old": "a", "new": "b", "format": "terminal", "color": "auto", "full_url": None}),
    # options between, before and after the positionals, as argparse has always allowed
    (["diff", "a", "--format", "json", "b", "--color", "never"], {"old": "a", "new": "b", "format": "json",
                                                                    "color": "never"}),
    (["new-period", "--from", "2023-2026", "2027-2030"], {"new": "2027-2030", "old": "2023-2026"}),
    (["new-period", "2027-2030", "--from=2023-2026"], {"new": "2027-2030", "old": "2023-2026"}),
])
def test_good_arguments(argv, expected):
    args = vars(cli.parse_arguments(argv))
    assert {key: args[key] for key in expected} == expected


@pytest.mark.parametrize("command", [[], ["check"], ["build"], ["serve"], ["refs"], ["diff"], ["new-period"]])
def test_help_is_swedish(capsys, command):
    with pytest.raises(SystemExit) as stop:
        cli.main([*command, "--help"])
    out, err = capsys.readouterr()
    assert (stop.value.code, err) == (0, "")
    assert out.startswith(USAGE[command[0] if command else "avtal"] + "\n")
    assert "flaggor:\n  -h, --help" in out and "visa den här hjälpen och avsluta" in out
    if not command:
        assert "\nkommandon:\n" in out and "    new-period" in out
    if command in (["refs"], ["diff"], ["new-period"]):
        assert "\nargument:\n" in out
    for english in ("usage", "options", "positional arguments", "show this help", "required"):
        assert english not in out
