"""Bad input as a hostile or careless editor would write it (issue 11), kind by kind, and what it costs.

Each kind adds files to (or links, pipes into) the agreement/ of a valid project and says which error
findings `avtal check` must give for it: code, file, line and column. tests/test_hostile_input.py
checks every kind against the small valid fixture; ``python tools/hostile.py`` runs `avtal check` on a
copy of the real project with each kind in turn, each in a fresh process, and prints its time and peak
memory (the issue's bound: a few seconds and 200 MB for any input under 1 MB)::

    python tools/hostile.py                 # every kind, against a copy of the real project
    python tools/hostile.py --only alias    # the kinds whose name contains "alias"

Exit 1 if a kind could not be built on the project or did not give exactly its expected errors.

A kind writes new files (two break the title line of period.yaml, one makes agreement/ a link), and
reads the positions it expects from what it wrote, so they do not depend on the project it is added to.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
PERIOD = "2023-2026"
PER_FILE = 100  # avtal.findings.PER_FILE: findings of one kind in a file each reported at its place
GUIDELINE = f"agreement/{PERIOD}/riktlinjer/fientlig.yaml"
DOCUMENT = f"agreement/{PERIOD}/fientlig.yaml"

#: (code, file, line, column) of an error finding; optionally its exact message, and then its exact hint
Expected = tuple

#: A guideline valid in any project that has the period and a Del A, to which a kind adds lines.
GUIDELINE_TEXT = f"""\
id: fientlig
kind: riktlinje
level: lansgemensam
title: Fientlig riktlinje
parent: del-a
status: gallande
version: "1.0"
changelog:
  - date: 2022-06-14
    version: "1.0"
    summary: Registrerad.
    nature: redaktionell
"""
GUIDELINE_LINES = GUIDELINE_TEXT.count("\n")

#: A strategy document valid in any such project (it stands beside the agreement, under nothing),
#: ending in a section whose text (a literal block) a kind continues.
DOCUMENT_TEXT = """\
id: fientlig
kind: strategi
title: Fientlig strategi
version: "1.0"
valid_from: 2023-01-01
valid_to: 2026-12-31
changelog:
  - date: 2022-06-01
    version: "1.0"
    summary: Prov.
    nature: redaktionell
sections:
  - id: fientlig-text
    title: Text
    text: |
      Första stycket.
"""
DOCUMENT_LINES = DOCUMENT_TEXT.count("\n")
TEXT_INDENT = 6  # the block's lines start in column 7


def write(root: Path, path: str, text: str, newline: str = "\n") -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.replace("\n", newline).encode("utf-8"))


@dataclass(frozen=True)
class Kind:
    name: str
    what: str  # what the editor did, in a sentence
    make: Callable[[Path], list[Expected]]  # changes agreement/ under root; returns the expected errors


KINDS: list[Kind] = []


def kind(what: str):
    def register(make: Callable[[Path], list[Expected]]):
        KINDS.append(Kind(make.__name__.replace("_", "-"), what, make))
        return make
    return register


# --- YAML that could hurt -------------------------------------------------------------------------

@kind("The billion laughs: nine levels of nine aliases, which YAML would expand to 9^9 strings.")
def billion_laughs(root: Path) -> list[Expected]:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    write(root, GUIDELINE, GUIDELINE_TEXT + "\n".join(lines) + "\n")
    return [("yaml-anchor", GUIDELINE, GUIDELINE_LINES + 1, 5)]


@kind("A list that contains itself through an alias.")
def alias_loop(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "notes: &loop [*loop]\n")
    return [("yaml-anchor", GUIDELINE, GUIDELINE_LINES + 1, 8)]


@kind("Lists nested 10 000 deep.")
def deep_lists(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "notes: " + "[" * 10_000 + "]" * 10_000 + "\n")
    return [("yaml-depth", GUIDELINE, GUIDELINE_LINES + 1, 8 + 31)]  # the 32nd "[" is the 33rd level, with the file's


@kind("Mappings nested 10 000 deep, in flow style.")
def deep_mappings(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "notes: " + "{a: " * 10_000 + "b" + "}" * 10_000 + "\n")
    return [("yaml-depth", GUIDELINE, GUIDELINE_LINES + 1, 8 + 4 * 31)]


@kind("A value with an explicit tag that YAML would construct as bytes.")
def binary_tag(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "description: !!binary aGVqCg==\n")
    return [("yaml-value", GUIDELINE, GUIDELINE_LINES + 1, 14)]


@kind("A number of 5 000 digits, more than Python converts.")
def huge_number(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "owner: " + "9" * 5000 + "\n")
    return [("yaml-value", GUIDELINE, GUIDELINE_LINES + 1, 8)]


@kind("A file of 1 MB (a valid guideline and comment lines).")
def large_file(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "# fyllnad fyllnad fyllnad fyllnad fyllnad fyllnad\n" * 20_000)
    return [("file-too-large", GUIDELINE, 1, 1)]


def _large_document_named_elsewhere(root: Path, filler: str) -> list[Expected]:
    """A document made too large by filler in its first section's text, whose last section a guideline names."""
    write(root, DOCUMENT, DOCUMENT_TEXT + filler + "  - id: fientlig-sist\n    title: Sist\n    text: Slut.\n")
    write(root, GUIDELINE, GUIDELINE_TEXT + "implements: [fientlig-sist]\n")
    return [("file-too-large", DOCUMENT, 1, 1)]


@kind("A document of 700 kB whose last section, past the first 512 kB, a guideline names: no error but the size.")
def large_document_named_elsewhere(root: Path) -> list[Expected]:
    return _large_document_named_elsewhere(root, " " * TEXT_INDENT + "_a " * 100_000 + "**a " * 100_000 + "\n")


@kind("A document of 17 MB, too large even to read for its ids, whose last section a guideline names.")
def huge_document_named_elsewhere(root: Path) -> list[Expected]:
    return _large_document_named_elsewhere(root, (" " * TEXT_INDENT + "fyllnad " * 12 + "\n") * 170_000)


@kind("A quote opened and closed only 68 lines further down, by the next quote in the file.")
def unclosed_quote(root: Path) -> list[Expected]:
    body = "".join(f"  - kind: innehall\n    text: Anteckning {i}.\n" for i in range(34))
    write(root, GUIDELINE, GUIDELINE_TEXT.replace("title: Fientlig riktlinje", 'title: "Fientlig riktlinje')
          + "notes:\n" + body + '  - kind: innehall\n    text: "Slut."\n')
    return [("yaml-syntax", GUIDELINE, 4, 8)]


@kind("A quote opened inside a [ … ] list and closed only 51 lines further down.")
def unclosed_quote_in_brackets(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + 'implements: [del-a, "a-\n' + "".join(f"# rad {i}\n" for i in range(50))
          + 'owner: "Någon"\n')
    return [("yaml-syntax", GUIDELINE, GUIDELINE_LINES + 1, 21,
             f"Filen är inte giltig YAML: citattecknet som börjar här avslutas först på rad {GUIDELINE_LINES + 52} "
             "(saknas ett avslutande citattecken?).",
             "Avsluta värdet med samma citattecken som det börjar med, på samma rad.")]


# --- files ------------------------------------------------------------------------------------------

@kind("Guidelines named with a line feed and with bytes that are not UTF-8, each with a soft hyphen: every name escaped.")
def unprintable_file_names(root: Path) -> list[Expected]:
    expected = []
    for written, shown in (("fientlig\n.yaml", "fientlig\\n.yaml"), ("fientlig\udcff.yaml", "fientlig\\xff.yaml")):
        folder = f"agreement/{PERIOD}/riktlinjer/"
        write(root, folder + written, GUIDELINE_TEXT.replace("id: fientlig", f"id: fientlig-{len(expected)}")
              .replace("Fientlig riktlinje", "Fientlig riktlinje med mjukt\u00adbindestreck"))
        expected += [("file-name", folder + shown, 1, 1,
                      f"Namnet '{shown}' innehåller en radbrytning, ett styrtecken eller byte som inte är UTF-8."),
                     ("invisible-character", folder + shown, 4, 36)]
    return expected


@kind("A YAML file directly under agreement/, where no data is expected.")
def stray_file(root: Path) -> list[Expected]:
    write(root, "agreement/anteckningar.yaml", "id: anteckningar\n")
    return [("corpus-unknown-file", "agreement/anteckningar.yaml", 1, 1)]


_NOT_YAML = ("Flytta filen ut ur agreement/ (anteckningar hör hemma i ärendet eller pull requesten, dokumentation i "
             "README.md eller site_src/), eller ta bort den.")


@kind("A README.md in agreement/: not read, so an error, not passed over.")
def readme_in_agreement(root: Path) -> list[Expected]:
    write(root, "agreement/README.md", "# Avtalet\n")
    return [("corpus-unknown-file", "agreement/README.md", 1, 1,
             "Filen 'README.md' är ingen YAML-fil och läses inte: under agreement/ läses bara .yaml och .yml.", _NOT_YAML)]


@kind("Notes and a PDF beside a period's documents, and a hidden .gitkeep.")
def other_files_in_a_period(root: Path) -> list[Expected]:
    paths = [f"agreement/{PERIOD}/anteckningar.txt", f"agreement/{PERIOD}/beslut.pdf", f"agreement/{PERIOD}/riktlinjer/.gitkeep"]
    for path in paths:
        write(root, path, "x\n")
    return [("corpus-unknown-file", path, 1, 1) for path in paths]


@kind("A git repository of its own inside a period's folder: one finding for the folder, none for its files.")
def git_folder(root: Path) -> list[Expected]:
    write(root, f"agreement/{PERIOD}/.git/HEAD", "ref: refs/heads/main\n")
    write(root, f"agreement/{PERIOD}/.git/config.yaml", "a: b\n")
    return [("corpus-unknown-file", f"agreement/{PERIOD}/.git", 1, 1,
             "Mappen .git är ett eget git-arkiv inne i agreement/; det läses inte och publiceras inte.")]


@kind("An editor's settings folder, .vscode/, inside agreement/.")
def hidden_folder(root: Path) -> list[Expected]:
    write(root, "agreement/.vscode/settings.json", "{}\n")
    return [("corpus-unknown-file", "agreement/.vscode", 1, 1,
             "Mappen '.vscode' är dold (namnet börjar med en punkt) och läses inte.")]


@kind("The package marker and byte-code of the statute register (avtal.register): accepted.")
def register_package(root: Path) -> list[Expected]:
    write(root, "agreement/register/__init__.py", '"""The statute register."""\n')
    write(root, "agreement/register/__pycache__/__init__.cpython-311.pyc", "x")
    return []


@kind("agreement/ itself a link to a folder elsewhere: refused, nothing read.")
def agreement_is_a_link(root: Path) -> list[Expected]:
    elsewhere = root.parent / "annat-avtal"
    (root / "agreement").rename(elsewhere)
    (root / "agreement").symlink_to(elsewhere, target_is_directory=True)
    return [("file-symlink", "agreement", 1, 1,
             f"Mappen agreement/ är en länk (till {elsewhere}); avtalet läses bara från en riktig mapp.")]


@kind("A link in agreement/ to a valid guideline outside the project.")
def symlink_outside(root: Path) -> list[Expected]:
    outside = root.parent / "utanfor"
    write(outside, "riktlinje.yaml", GUIDELINE_TEXT)
    (root / GUIDELINE).symlink_to(outside / "riktlinje.yaml")
    return [("file-symlink", GUIDELINE, 1, 1,
             f"Filen är en länk (till {outside / 'riktlinje.yaml'}); länkar under agreement/ läses inte.",
             "Ersätt länken med filen själv (git sparar bara länken, inte filen den pekar på), eller ta bort länken.")]


@kind("A link in agreement/ to a folder outside the project.")
def symlink_folder(root: Path) -> list[Expected]:
    outside = root.parent / "utanfor-mapp"
    write(outside, "riktlinje.yaml", GUIDELINE_TEXT)
    link = f"agreement/{PERIOD}/riktlinjer/mer"
    (root / link).symlink_to(outside, target_is_directory=True)
    return [("file-symlink", link, 1, 1, f"Mappen är en länk (till {outside}); länkar under agreement/ läses inte.",
             "Lägg mappen med sina filer här i stället för länken, eller ta bort länken: det som publiceras ska "
             "finnas under agreement/.")]


@kind("A link that points to itself.")
def symlink_loop(root: Path) -> list[Expected]:
    (root / GUIDELINE).symlink_to("fientlig.yaml")
    return [("file-symlink", GUIDELINE, 1, 1)]


@kind("A link to a file that does not exist.")
def symlink_broken(root: Path) -> list[Expected]:
    (root / GUIDELINE).symlink_to("finns-inte.yaml")
    return [("file-symlink", GUIDELINE, 1, 1)]


@kind("A named pipe where a guideline would be: reading it would wait for ever.")
def named_pipe(root: Path) -> list[Expected]:
    os.mkfifo(root / GUIDELINE)
    return [("file-unreadable", GUIDELINE, 1, 1)]


# --- invisible characters ------------------------------------------------------------------------------

def _in_text(root: Path, line: str, newline: str = "\n") -> int:
    """The document with one more line in its section's text; returns that line's number."""
    write(root, DOCUMENT, DOCUMENT_TEXT + " " * TEXT_INDENT + line + "\n", newline)
    return DOCUMENT_LINES + 1


def _column(line: str, char: str) -> int:
    return TEXT_INDENT + line.index(char) + 1


@kind("A soft hyphen pasted from Word inside the act's name: the citation would silently vanish.")
def soft_hyphen(root: Path) -> list[Expected]:
    line = "Enligt 4 kap. 1 § socialtjänst\u00adlagen (2001:453) gäller detta."
    return [("invisible-character", DOCUMENT, _in_text(root, line), _column(line, "\u00ad"))]


@kind("A zero-width space inside a word, which the site's search would then miss.")
def zero_width_space(root: Path) -> list[Expected]:
    line = "Bår\u200bhusplats ska finnas."
    return [("invisible-character", DOCUMENT, _in_text(root, line), _column(line, "\u200b"))]


@kind("Zero-width joiner, non-joiner and a word joiner in one line.")
def zero_width_joiners(root: Path) -> list[Expected]:
    line = "Vård\u200docho\u200cmsorg i\u2060samverkan."
    at = _in_text(root, line)
    return [("invisible-character", DOCUMENT, at, _column(line, c)) for c in "\u200d\u200c\u2060"]


@kind("A right-to-left override that makes a reviewer read the line in another order (Trojan Source).")
def bidi_override(root: Path) -> list[Expected]:
    line = "Kommunen betalar \u202e30 dagar\u202c efter utskrivning."
    at = _in_text(root, line)
    return [("invisible-character", DOCUMENT, at, _column(line, "\u202e")),
            ("invisible-character", DOCUMENT, at, _column(line, "\u202c"))]


@kind("Bidirectional isolates in a comment, where no schema looks.")
def bidi_isolates_in_comment(root: Path) -> list[Expected]:
    comment = "# \u2066granskad\u2069 \u2067av\u2068 regionen"
    write(root, GUIDELINE, GUIDELINE_TEXT + comment + "\n")
    return [("invisible-character", GUIDELINE, GUIDELINE_LINES + 1, comment.index(c) + 1) for c in "\u2066\u2069\u2067\u2068"]


@kind("A byte-order mark in the middle of a text (one at the start of a file is fine).")
def bom_inside(root: Path) -> list[Expected]:
    line = "Före\ufeffefter."
    return [("invisible-character", DOCUMENT, _in_text(root, line), _column(line, "\ufeff"),
             "Osynligt tecken: BOM-tecken, byte-order mark (U+FEFF).")]


@kind("A byte-order mark pasted at the start of line 4, where YAML expects a key: the mark, not a syntax error.")
def bom_at_line_start(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT.replace("title: Fientlig riktlinje", "\ufefftitle: Fientlig riktlinje"))
    return [("invisible-character", GUIDELINE, 4, 1, "Osynligt tecken: BOM-tecken, byte-order mark (U+FEFF).",
             "Ta bort tecknet U+FEFF (ZERO WIDTH NO-BREAK SPACE); det hör bara hemma först i en fil (och tas bort "
             "där). Det följer ofta med när text kopieras från Word eller en PDF.")]


@kind("A byte-order mark at the start of line 4 and an unclosed [ after it on that line: both, each at its place.")
def bom_at_line_start_and_bracket(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT.replace("title: Fientlig riktlinje", "\ufefftitle: [Fientlig riktlinje"))
    return [("invisible-character", GUIDELINE, 4, 1), ("yaml-syntax", GUIDELINE, 4, 9)]


#: Default-ignorable, format and private-use characters outside the common ones: (character, the name the
#: message gives, U+XXXX and Unicode name as the hint gives them, why).
_IGNORABLE = [
    ("\u3164", "hangul-utfyllnadstecken", "U+3164 (HANGUL FILLER)", "ord"),
    ("\u115f", "hangul-utfyllnadstecken", "U+115F (HANGUL CHOSEONG FILLER)", "ord"),
    ("\u034f", "kombinerande grafemsammanfogare", "U+034F (COMBINING GRAPHEME JOINER)", "ord"),
    ("\ufe0f", "variantväljare", "U+FE0F (VARIATION SELECTOR-16)", "ord"),
    ("\ue000", "tecken för privat bruk", "U+E000 (<private-use-E000>)", "privat"),
    ("\U000e0041", "osynligt formateringstecken", "U+E0041 (TAG LATIN CAPITAL LETTER A)", "ord"),
]
_WHY = {"ord": "det syns inte men delar eller fogar ihop ord, så att sökningen och lagrumshänvisningarna missar dem.",
        "privat": "det har ingen bestämd betydelse och visas olika (eller inte alls) beroende på typsnitt."}


@kind("Hangul fillers, a combining grapheme joiner, a variation selector, a private-use character and a tag "
      "character: each named, at its column.")
def default_ignorable(root: Path) -> list[Expected]:
    line = "Vård" + "".join(f"{char}ord{i}" for i, (char, *_) in enumerate(_IGNORABLE)) + "."
    at = _in_text(root, line)
    return [("invisible-character", DOCUMENT, at, _column(line, char), f"Osynligt tecken: {name} (U+{ord(char):04X}).",
             f"Ta bort tecknet {unicode}; {_WHY[why]} Det följer ofta med när text kopieras från Word eller en PDF.")
            for char, name, unicode, why in _IGNORABLE]


@kind("A soft hyphen in a file with Windows line endings: still the exact column.")
def soft_hyphen_crlf(root: Path) -> list[Expected]:
    line = "Hälso- och sjukvårds\u00adlagen gäller."
    return [("invisible-character", DOCUMENT, _in_text(root, line, "\r\n"), _column(line, "\u00ad"))]


@kind("Terminal escapes written as YAML escapes in a quoted title (clear screen, a hidden hyperlink).")
def escaped_control(root: Path) -> list[Expected]:
    title = 'title: "Fientlig \\e[2J riktlinje \\x1b]8;;https://example.org\\x07klicka"'
    write(root, GUIDELINE, GUIDELINE_TEXT.replace("title: Fientlig riktlinje", title))
    return [("invisible-character", GUIDELINE, 4, title.index("\\") + 1 + i)
            for i in (0, len("\\e[2J riktlinje "), len("\\e[2J riktlinje \\x1b]8;;https://example.org"))]


@kind("A soft hyphen written as an escape in a quoted title.")
def escaped_soft_hyphen(root: Path) -> list[Expected]:
    title = 'title: "Fientlig\\u00adriktlinje"'
    write(root, GUIDELINE, GUIDELINE_TEXT.replace("title: Fientlig riktlinje", title))
    return [("invisible-character", GUIDELINE, 4, title.index("\\") + 1)]


@kind("Ten thousand soft hyphens: the first 100 each at its place, then one finding for the rest.")
def many_soft_hyphens(root: Path) -> list[Expected]:
    line = "ord\u00ad" * 10_000
    at = _in_text(root, line)
    return [("invisible-character", DOCUMENT, at, TEXT_INDENT + 4 * i + 4) for i in range(PER_FILE + 1)]


@kind("Non-breaking and narrow non-breaking spaces, as Swedish typography uses them: accepted.")
def non_breaking_spaces(root: Path) -> list[Expected]:
    _in_text(root, "Enligt 16\u00a0kap. 4\u00a0§ hälso- och sjukvårdslagen, 10\u202f000 kronor.")
    return []


# --- link targets -------------------------------------------------------------------------------------

def _link(root: Path, target: str, label: str = "klicka") -> list[Expected]:
    line = f"Se [{label}]({target})."
    at = _in_text(root, line)
    return [("link-target", DOCUMENT, at, TEXT_INDENT + line.index("](") + 3)]


@kind("A javascript: link, which would run script in every reader's browser.")
def javascript_link(root: Path) -> list[Expected]:
    return _link(root, "javascript:alert(document.cookie)")


@kind("A javascript: link with the scheme in capitals.")
def javascript_link_capitals(root: Path) -> list[Expected]:
    return _link(root, "JaVaScRiPt:alert(1)")


@kind("A data: address holding a whole HTML page.")
def data_link(root: Path) -> list[Expected]:
    return _link(root, "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")


@kind("A vbscript: link.")
def vbscript_link(root: Path) -> list[Expected]:
    return _link(root, "vbscript:msgbox(1)")


@kind("A file: link to the reader's own disk.")
def file_link(root: Path) -> list[Expected]:
    return _link(root, "file:///etc/passwd")


@kind("A protocol-relative link, //host, that takes whatever scheme the page has.")
def protocol_relative_link(root: Path) -> list[Expected]:
    return _link(root, "//example.org/sida")


@kind("A web address with a zero-width space in it: two findings at the same character.")
def link_with_invisible_character(root: Path) -> list[Expected]:
    target = "https://example\u200b.org/"
    line = f"Se [klicka]({target})."
    at = _in_text(root, line)
    column = _column(line, "\u200b")
    return [("invisible-character", DOCUMENT, at, column), ("link-target", DOCUMENT, at, column)]


@kind("A dangling link, a period written with a dash and a javascript: link on one line: each at its target.")
def link_findings_at_their_targets(root: Path) -> list[Expected]:
    targets = ("ref:saknas", "ref:2023\u20132026:del-a", "javascript:alert(1)")
    line = "Se [a](ref:saknas), [b](ref:2023\u20132026:del-a) och [c](javascript:alert(1))."
    at = _in_text(root, line)
    return [(code, DOCUMENT, at, TEXT_INDENT + line.index(target) + 1)
            for code, target in zip(("dangling-reference", "reference-period-malformed", "link-target"), targets)]


@kind("Web addresses over https and http: accepted.")
def web_links(root: Path) -> list[Expected]:
    _in_text(root, "Se [vårdsamverkan](https://www.vardsamverkan.se/) och [lagen](http://example.org/a_(b)).")
    return []


def _broken_period(root: Path, broken: str) -> int:
    """period.yaml with its title line replaced by broken; returns that line's number."""
    period = root / "agreement" / PERIOD / "period.yaml"
    lines = period.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = broken
    period.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


@kind("A schema error in period.yaml and a javascript: link in a document: both are found.")
def broken_period_and_link(root: Path) -> list[Expected]:
    line = _broken_period(root, "title: 12")
    return [("schema-type", f"agreement/{PERIOD}/period.yaml", line, 8, "'title' ska vara text."),
            *_link(root, "javascript:alert(1)")]


@kind("period.yaml that is not YAML and a soft hyphen and a dangling link in a document: all three are found.")
def unreadable_period_and_document_faults(root: Path) -> list[Expected]:
    title = _broken_period(root, "title: [Period")
    line = "Se [a](ref:saknas) om social\u00adtjänsten."
    at = _in_text(root, line)
    return [("yaml-syntax", f"agreement/{PERIOD}/period.yaml", title, 8),
            ("dangling-reference", DOCUMENT, at, TEXT_INDENT + line.index("ref:") + 1),
            ("invisible-character", DOCUMENT, at, _column(line, "\u00ad"))]


def _period_line(root: Path, starts: str, written: str) -> int:
    """period.yaml with its first line that starts with starts replaced by written; returns its number."""
    period = root / "agreement" / PERIOD / "period.yaml"
    lines = period.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(starts))
    lines[at] = written
    period.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


@kind("period.yaml's valid_to written 9999-12-31 (for \"no end\") and a javascript: link: both are found.")
def open_ended_period(root: Path) -> list[Expected]:
    line = _period_line(root, "valid_to:", "valid_to: 9999-12-31")
    return [("schema-date", f"agreement/{PERIOD}/period.yaml", line, 11, "'9999-12-31' ligger utanför åren 1900–2099."),
            *_link(root, "javascript:alert(1)")]


@kind("An event dated in the year 9999, as far as a status would have to count.")
def event_far_ahead(root: Path) -> list[Expected]:
    period = root / "agreement" / PERIOD / "period.yaml"
    lines = period.read_text(encoding="utf-8").split("\n")
    # the first event's date, however the project writes it ("  - date: …" or "    date: 2022-06-13/14")
    events = lines.index("events:")
    at = next(i for i in range(events + 1, len(lines)) if lines[i].lstrip(" -").startswith("date:"))
    prefix = lines[at][:lines[at].index("date:") + len("date: ")]
    lines[at] = prefix + "9999-06"
    period.write_text("\n".join(lines), encoding="utf-8")
    return [("schema-date", f"agreement/{PERIOD}/period.yaml", at + 1, len(prefix) + 1,
             "'9999-06' ligger utanför åren 1900–2099.")]


@kind("A notice period of 20 digits months (and one of -3), which no date can be counted from.")
def huge_notice_period(root: Path) -> list[Expected]:
    period = root / "agreement" / PERIOD / "period.yaml"
    head, key_terms, tail = period.read_text(encoding="utf-8").partition("\nkey_terms:\n")
    terms = "".join(f"  - id: {name}-fel\n    label: {name}\n    type: varaktighet\n    value: {value}\n"
                    f"    unit: månader\n    text: {name}\n    clause: a-avtalstid\n" for name, value in
                    (("uppsagningstid", "99999999999999999999"), ("forlangning", "-3")))
    period.write_text(head + key_terms + terms + tail, encoding="utf-8")
    first = (head + key_terms + terms).split("\n").index("    value: 99999999999999999999") + 1
    hint = ("En varaktighet är ett antal månader eller år från 0 till 1200, t.ex. 18 för arton månader; "
            "ett större tal är säkert ett skrivfel.")
    return [("schema-range", f"agreement/{PERIOD}/period.yaml", first, 12,
             "Värdet 99999999999999999999 är för stort för 'value': högst 1200.", hint),
            ("schema-range", f"agreement/{PERIOD}/period.yaml", first + 7, 12,
             "Värdet -3 är för litet för 'value': minst 0.", hint)]


@kind("period.yaml deleted and a javascript: link in a document: the documents are still checked.")
def deleted_period_and_link(root: Path) -> list[Expected]:
    (root / "agreement" / PERIOD / "period.yaml").unlink()
    first = min(p.relative_to(root).as_posix() for p in (root / "agreement" / PERIOD).glob("*.yaml"))
    return [("period-missing", first, 1, 1, "Mappen '2023-2026' saknar period.yaml."), *_link(root, "javascript:alert(1)")]


# --- HTML where text is shown as written ---------------------------------------------------------------

@kind("A script tag in a guideline's title.")
def script_in_title(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT.replace("title: Fientlig riktlinje",
                                                  "title: Fientlig <script>alert(1)</script>"))
    return [("schema-html", GUIDELINE, 4, 17)]


@kind("An image with an onerror handler in a section's title.")
def image_in_section_title(root: Path) -> list[Expected]:
    write(root, DOCUMENT, DOCUMENT_TEXT.replace("    title: Text", "    title: Text <img src=x onerror=alert(1)>"))
    return [("schema-html", DOCUMENT, 14, 17)]


@kind("HTML in a section's number.")
def html_in_number(root: Path) -> list[Expected]:
    write(root, DOCUMENT, DOCUMENT_TEXT.replace("    title: Text", '    number: "<b>1</b>"\n    title: Text'))
    return [("schema-html", DOCUMENT, 14, 14)]


@kind("An iframe in a Markdown text.")
def iframe_in_text(root: Path) -> list[Expected]:
    line = 'Se <iframe src="https://example.org"></iframe> här.'
    return [("schema-html", DOCUMENT, _in_text(root, line), _column(line, "<"))]


# --- positions inside flow values (second round of issue 11) -----------------------------------------

def _section_text(root: Path, written: str) -> int:
    """The document with its section's text written as written (lines after the first as they stand);
    returns the line of ``text:``."""
    write(root, DOCUMENT, DOCUMENT_TEXT.replace("    text: |\n      Första stycket.\n", f"    text: {written}\n"))
    return DOCUMENT_TEXT[:DOCUMENT_TEXT.index("    text: |")].count("\n") + 1


HTML = "Texten innehåller HTML, som inte är tillåten."


@kind("HTML in a double-quoted text after \\n and \\u escapes, at its own column.")
def escapes_before_html(root: Path) -> list[Expected]:
    written = r'"Första\nandra \u00e5 <b>fet</b>"'
    at = _section_text(root, written)
    return [("schema-html", DOCUMENT, at, len("    text: ") + written.index("<b>") + 1, HTML)]


@kind("A javascript: link in a double-quoted text after \\n, \\t and \\x escapes, at its own column.")
def escapes_before_link(root: Path) -> list[Expected]:
    written = r'"Första\n\tandra \xe5 [k](javascript:x)"'
    at = _section_text(root, written)
    return [("link-target", DOCUMENT, at, len("    text: ") + written.index("javascript") + 1,
             "Länkmålet 'javascript:x' börjar med javascript:, som inte är tillåtet.")]


@kind("HTML on the second line of a single-quoted text, with a doubled quote before it.")
def single_quoted_lines(root: Path) -> list[Expected]:
    line = "      it''s <i>kursiv</i>'"
    at = _section_text(root, "'Första raden\n" + line)
    return [("schema-html", DOCUMENT, at + 1, line.index("<") + 1, HTML)]


@kind("A javascript: link on the third line of a plain text that runs over lines, a blank line between.")
def plain_lines(root: Path) -> list[Expected]:
    line = "      Se [k](javascript:alert(1))."
    at = _section_text(root, "Första raden\n      andra raden\n\n" + line)
    return [("link-target", DOCUMENT, at + 3, line.index("javascript") + 1)]


@kind("HTML in a folded block after a more indented line.")
def folded_block(root: Path) -> list[Expected]:
    line = "      sista <u>raden</u>"
    at = _section_text(root, ">\n      första\n\n        indragen\n" + line)
    return [("schema-html", DOCUMENT, at + 4, line.index("<") + 1, HTML)]


# --- line breaks that YAML sees and editors do not ---------------------------------------------------

@kind("A line separator (U+2028) in a value, then a misplaced colon: both on the lines an editor shows.")
def line_separator(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "owner: Rad ett\u2028rad två\n# kommentar\u2029mer\nsummary: a: b\n")
    return [("invisible-character", GUIDELINE, GUIDELINE_LINES + 1, 15, "Osynligt tecken: radavgränsare (U+2028)."),
            ("invisible-character", GUIDELINE, GUIDELINE_LINES + 2, 12, "Osynligt tecken: styckeavgränsare (U+2029)."),
            ("yaml-syntax", GUIDELINE, GUIDELINE_LINES + 3, 11,
             "Filen är inte giltig YAML: ett kolon står där det inte får stå (sätt texten inom citattecken).")]


@kind("Line separator, paragraph separator and next line (U+2028, U+2029, U+0085) in a text: three findings.")
def unicode_line_breaks(root: Path) -> list[Expected]:
    line = "Ett\u2028två\u2029tre\u0085fyra."
    at = _in_text(root, line)
    return [("invisible-character", DOCUMENT, at, _column(line, "\u2028"), "Osynligt tecken: radavgränsare (U+2028)."),
            ("invisible-character", DOCUMENT, at, _column(line, "\u2029"), "Osynligt tecken: styckeavgränsare (U+2029)."),
            ("invisible-character", DOCUMENT, at, _column(line, "\u0085"), "Osynligt tecken: radslut (NEL) (U+0085).")]


@kind("Left-to-right and right-to-left marks (U+200E, U+200F).")
def direction_marks(root: Path) -> list[Expected]:
    line = "Vård\u200eoch\u200fomsorg."
    at = _in_text(root, line)
    return [("invisible-character", DOCUMENT, at, _column(line, c)) for c in "\u200e\u200f"]


# --- YAML faults placed where they are made ----------------------------------------------------------

@kind("A [ opened and never closed, with more lines after it.")
def unclosed_bracket(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "see_also: [del-a, del-b\nowner: x\n")
    return [("yaml-syntax", GUIDELINE, GUIDELINE_LINES + 1, 11,
             f"Filen är inte giltig YAML: [ som börjar här avslutas inte med ] (felet märks på rad {GUIDELINE_LINES + 2}).")]


@kind("A { opened at the end of the file.")
def unclosed_brace_at_end(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "owner: {a: b, c: d")
    return [("yaml-syntax", GUIDELINE, GUIDELINE_LINES + 1, 8,
             "Filen är inte giltig YAML: { som börjar här avslutas aldrig med }.")]


@kind("A company name with an ampersand first in a value: YAML reads &Co as an anchor.")
def ampersand_name(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "owner: &Co Vård AB\n")
    return [("yaml-anchor", GUIDELINE, GUIDELINE_LINES + 1, 8,
             "Värdet börjar med &Co, som YAML läser som ett ankare; ankare och alias är inte tillåtna.")]


@kind("An unknown escape in a double-quoted value, placed at its backslash.")
def unknown_escape(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + 'owner: "C:\\dokument"\n')
    return [("yaml-syntax", GUIDELINE, GUIDELINE_LINES + 1, 11,
             "Filen är inte giltig YAML: okänd escape-sekvens \\d i text med dubbla citattecken "
             "(skriv \\\\ för ett omvänt snedstreck).")]


_SURROGATE_HINT = ("Skriv tecknet självt (filen är UTF-8), eller dess hela kodpunkt med \\U och åtta siffror: "
                   "\\U0001F600 i stället för paret \\ud83d\\ude00.")


@kind("A lone surrogate written as an escape (\\ud800, as JSON writes half an emoji): at its backslash.")
def surrogate_escape(root: Path) -> list[Expected]:
    title = 'title: "Fientlig\\ud800riktlinje"'
    write(root, GUIDELINE, GUIDELINE_TEXT.replace("title: Fientlig riktlinje", title))
    return [("yaml-syntax", GUIDELINE, 4, title.index("\\") + 1,
             "Filen är inte giltig YAML: escape-sekvensen \\ud800 anger inget tecken (U+D800 är en halv surrogat, "
             "som bara finns i par i UTF-16 och inte är något tecken).", _SURROGATE_HINT)]


@kind("An escape past the last code point, \\U00110000: at its backslash.")
def escape_past_unicode(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + 'owner: "Region \\U00110000 Väst"\n')
    return [("yaml-syntax", GUIDELINE, GUIDELINE_LINES + 1, 16,
             "Filen är inte giltig YAML: escape-sekvensen \\U00110000 anger inget tecken (Unicode slutar vid U+10FFFF).",
             _SURROGATE_HINT)]


@kind("A character YAML reserves (@) first in a value.")
def reserved_character(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "owner: @regionen\n")
    return [("yaml-syntax", GUIDELINE, GUIDELINE_LINES + 1, 8,
             "Filen är inte giltig YAML: tecknet '@' kan inte inleda ett värde (sätt texten inom citattecken).")]


@kind("A form feed pasted from a PDF: the character is named, not shown.")
def form_feed(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "owner: sida\x0cett\n")
    return [("file-character", GUIDELINE, GUIDELINE_LINES + 1, 12,
             "Filen innehåller ett otillåtet tecken: U+000C (FORM FEED).")]


# --- inputs that would be passed over ------------------------------------------------------------------

@kind("A hidden guideline, .fientlig.yaml.")
def hidden_file(root: Path) -> list[Expected]:
    path = GUIDELINE.replace("fientlig.yaml", ".fientlig.yaml")
    write(root, path, GUIDELINE_TEXT)
    return [("corpus-unknown-file", path, 1, 1, "Filen är dold (namnet börjar med en punkt) och läses inte.")]


@kind("A guideline whose extension is in capitals, .YAML.")
def capital_extension(root: Path) -> list[Expected]:
    path = GUIDELINE.replace(".yaml", ".YAML")
    write(root, path, GUIDELINE_TEXT)
    return [("corpus-unknown-file", path, 1, 1, "Filändelsen .YAML läses inte: bara .yaml och .yml, med små bokstäver, läses.")]


@kind("A folder named like a guideline, fientlig.yaml/.")
def folder_named_yaml(root: Path) -> list[Expected]:
    (root / GUIDELINE).mkdir(parents=True)
    return [("corpus-unknown-file", GUIDELINE, 1, 1, "'fientlig.yaml' är en mapp, inte en fil; mappar med filnamn läses inte.")]


@kind("A guideline in a folder under riktlinjer/.")
def guideline_subfolder(root: Path) -> list[Expected]:
    path = GUIDELINE.replace("riktlinjer/", "riktlinjer/mer/")
    write(root, path, GUIDELINE_TEXT)
    return [("corpus-unknown-file", path, 1, 1,
             "Filen ligger i en mapp under riktlinjer/; riktlinjer läses bara direkt i riktlinjer/.")]


@kind("An empty folder for a period.")
def empty_period(root: Path) -> list[Expected]:
    (root / "agreement" / "2031-2034").mkdir(parents=True)
    return [("period-missing", "agreement/2031-2034", 1, 1,
             "Mappen '2031-2034' innehåller ingen fil som läses, inte heller period.yaml.")]


@kind("A guideline's web address ending in a line feed (written as \\n).")
def url_with_newline(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + 'url: "https://www.vardsamverkan.se/\\n"\n')
    return [("schema-pattern", GUIDELINE, GUIDELINE_LINES + 1, 6,
             "Värdet 'https://www.vardsamverkan.se/\n' har fel form för 'url'.")]


# --- link targets that are nearly web addresses ----------------------------------------------------------

@kind("http: followed by javascript: — a web address without its //.")
def http_javascript_link(root: Path) -> list[Expected]:
    return [(*_link(root, "http:javascript:alert(1)")[0],
             "Länkmålet 'http:javascript:alert(1)' saknar // efter http: (en webbadress skrivs http://värdnamn/…).")]


@kind("https:x.se, without //.")
def https_without_slashes(root: Path) -> list[Expected]:
    return [(*_link(root, "https:x.se")[0], "Länkmålet 'https:x.se' saknar // efter https: (en webbadress skrivs https://värdnamn/…).")]


@kind("HTTPS:// in capitals.")
def https_capitals(root: Path) -> list[Expected]:
    return [(*_link(root, "HTTPS://x.se/")[0], "Länkmålet 'HTTPS://x.se/' börjar med HTTPS: i versaler; skriv https:// med små bokstäver.")]


def _link_with_character(root: Path, host: str, char: str, name: str) -> list[Expected]:
    """A web address https://<host><char>.se/ in a text: the character's finding and link-target, both at it."""
    line = f"Se [k](https://{host}{char}.se/)."
    at = _in_text(root, line)
    column = _column(line, char)
    return [("invisible-character", DOCUMENT, at, column),
            ("link-target", DOCUMENT, at, column, f"Länkmålet 'https://{host}\\u{ord(char):04x}.se/' innehåller "
                                                  f"tecknet U+{ord(char):04X} ({name}), som inte får stå i en länk.")]


@kind("A web address with a zero-width space, named in the message.")
def link_character_named(root: Path) -> list[Expected]:
    return _link_with_character(root, "x", "\u200b", "ZERO WIDTH SPACE")


@kind("A web address with a Hangul filler, which Unicode counts as invisible but not as a format character.")
def link_with_hangul_filler(root: Path) -> list[Expected]:
    return _link_with_character(root, "vgr", "\u3164", "HANGUL FILLER")


def _blank_link(root: Path, target: str, blank: str, name: str) -> list[Expected]:
    line = f"Se [klicka]({target})."
    at = _in_text(root, line)
    shown = target.replace("\t", "\\x09").replace("\u00a0", "\\xa0")
    return [("link-target", DOCUMENT, at, TEXT_INDENT + line.index("](") + 2 + target.index(blank) + 1,
             f"Länkmålet '{shown}' innehåller tecknet {name}, som inte får stå i en länk.")]


@kind("A web address with a space in it: no link to the renderer, an error at the space.")
def link_with_space(root: Path) -> list[Expected]:
    return _blank_link(root, "https://a.se/x y", " ", "U+0020 (SPACE)")


@kind("javascript: split by a tab, which a browser would drop: an error at the tab.")
def link_with_tab(root: Path) -> list[Expected]:
    return _blank_link(root, "java\tscript:alert(1)", "\t", "U+0009 (TAB)")


@kind("A web address with a no-break space in it: an error at the no-break space.")
def link_with_no_break_space(root: Path) -> list[Expected]:
    return _blank_link(root, "https://a.se/\u00a0x", "\u00a0", "U+00A0 (NO-BREAK SPACE)")


@kind("A web address with a name and @ before the host: it goes to the host after @.")
def link_with_userinfo(root: Path) -> list[Expected]:
    return [(*_link(root, "https://vgr.se@evil.example/")[0],
             "Länkmålet 'https://vgr.se@evil.example/' har ett @ före värdnamnet: webbläsaren går till det som står "
             "efter @, inte till det som står före.")]


def _named_elsewhere(root: Path, guideline: bytes) -> None:
    """The guideline written as guideline (bytes), and a link to it in the document's text."""
    (root / GUIDELINE).parent.mkdir(parents=True, exist_ok=True)
    (root / GUIDELINE).write_bytes(guideline)
    _in_text(root, "Se [riktlinjen](ref:fientlig).")


@kind("A guideline saved as UTF-16 and linked from another file: its one finding, no follow-on one elsewhere.")
def utf16_guideline_linked(root: Path) -> list[Expected]:
    _named_elsewhere(root, GUIDELINE_TEXT.encode("utf-16"))
    return [("file-encoding", GUIDELINE, 1, 1)]


@kind("A guideline that is a bare value, linked from another file: no follow-on dangling-reference.")
def scalar_guideline_linked(root: Path) -> list[Expected]:
    _named_elsewhere(root, b"hej\n")
    return [("schema-type", GUIDELINE, 1, 1)]


@kind("A guideline that is a list, linked from another file: no follow-on dangling-reference.")
def list_guideline_linked(root: Path) -> list[Expected]:
    _named_elsewhere(root, b"- a\n- b\n")
    return [("schema-type", GUIDELINE, 1, 1)]


def _broken_document_named_elsewhere(root: Path, newline: str) -> list[Expected]:
    """The document saved with newline, a quote left open in its section's title; a guideline names the section."""
    write(root, DOCUMENT, DOCUMENT_TEXT.replace("    title: Text\n", '    title: "Text\n'), newline)
    write(root, GUIDELINE, GUIDELINE_TEXT + "implements: [fientlig-text]\n")
    line = DOCUMENT_TEXT.split("\n").index("    title: Text") + 1
    return [("yaml-syntax", DOCUMENT, line, 12)]


@kind("A document saved with Windows line endings (CR LF) and a quote left open, its section named elsewhere: "
      "its one finding, no follow-on dangling-reference.")
def broken_crlf_document_named_elsewhere(root: Path) -> list[Expected]:
    return _broken_document_named_elsewhere(root, "\r\n")


@kind("The same with old Mac line endings (CR only).")
def broken_cr_document_named_elsewhere(root: Path) -> list[Expected]:
    return _broken_document_named_elsewhere(root, "\r")


@kind("A soft hyphen, a dangling link and a javascript: link in a file with CR-only line endings: each at its "
      "place, lines counted as YAML counts them.")
def text_faults_in_cr_file(root: Path) -> list[Expected]:
    line = "Se\u00adx [y](ref:saknas) [z](javascript:alert(2))."
    at = _in_text(root, line, "\r")
    return [("invisible-character", DOCUMENT, at, _column(line, "\u00ad")),
            ("dangling-reference", DOCUMENT, at, _column(line, "ref:")),
            ("link-target", DOCUMENT, at, _column(line, "javascript:"))]


@kind("Links with no text, [](…), and Markdown images, ![](…): each checked, the empty text and the image refused.")
def empty_links_and_images(root: Path) -> list[Expected]:
    line = "A[](javascript:alert(1)) B[](ref:saknas) D![](javascript:alert(4)) E[](data:text/html,x) G[](https://a.se/)."
    at = _in_text(root, line)
    found = [("link-empty-text", DOCUMENT, at, TEXT_INDENT + i + 1, "Länken saknar text.")
             for i, c in enumerate(line) if line.startswith("[](", i)]
    found += [("link-target", DOCUMENT, at, _column(line, target)) for target in
              ("javascript:alert(1)", "javascript:alert(4)", "data:")]
    return found + [("dangling-reference", DOCUMENT, at, _column(line, "ref:saknas")),
                    ("text-image", DOCUMENT, at, _column(line, "!"), "Bilder kan inte visas i avtalets text.")]


# --- big but well-formed: what the checks do with a lot --------------------------------------------------

def _first(code: str, path: str, places: list[tuple[int, int]]) -> list[Expected]:
    """The findings a file gives for many faults of one kind at places: PER_FILE of them each at its place,
    then one more, at the next, counting the rest."""
    return [(code, path, line, column) for line, column in places[:PER_FILE + 1]]


@kind("Two files of 450 kB of unknown keys each: together under 1 MB, the most findings per byte.")
def unknown_keys(root: Path) -> list[Expected]:
    keys = "".join(f"k{i}: x\n" for i in range(50_000))
    second = GUIDELINE.replace("fientlig", "fientlig-2")
    write(root, GUIDELINE, GUIDELINE_TEXT + keys)
    write(root, second, GUIDELINE_TEXT.replace("id: fientlig", "id: fientlig-2") + keys)
    places = [(GUIDELINE_LINES + 1 + i, 1) for i in range(50_000)]
    return _first("schema-unknown-key", GUIDELINE, places) + _first("schema-unknown-key", second, places)


@kind("A file of 450 kB of one key repeated.")
def repeated_keys(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "owner: x\n" * 50_000)
    return _first("yaml-duplicate-key", GUIDELINE, [(GUIDELINE_LINES + 2 + i, 1) for i in range(50_000)])


@kind("A document of 15 000 sections whose titles are numbers: 15 000 schema errors.")
def many_schema_errors(root: Path) -> list[Expected]:
    write(root, DOCUMENT, DOCUMENT_TEXT + "".join(f"  - id: s{i}\n    title: {i}\n" for i in range(15_000)))
    return _first("schema-type", DOCUMENT, [(DOCUMENT_LINES + 2 + 2 * i, 12) for i in range(15_000)])


@kind("Two valid documents of 450 kB each: 1 200 sections of ordinary text with citations and links.")
def two_large_documents(root: Path) -> list[Expected]:
    paragraph = ("Kommunen ansvarar för hälso- och sjukvård enligt 12 kap. 1 § hälso- och sjukvårdslagen (2017:30) "
                 "för personer i särskilt boende, se [avsnittet](ref:{prev}). Regionen ansvarar för läkarinsatser "
                 "enligt 16 kap. 1 § hälso- och sjukvårdslagen och för samordnad individuell plan enligt 16 kap. 4 § "
                 "hälso- och sjukvårdslagen.")
    for n, path in enumerate((DOCUMENT, DOCUMENT.replace("fientlig", "fientlig-2"))):
        head = DOCUMENT_TEXT.replace("fientlig-text", f"f{n}-0").replace("id: fientlig", f"id: fientlig{n}")
        sections = "".join(f"  - id: f{n}-{i}\n    number: \"{i}\"\n    title: Avsnitt {i} om ansvar\n    text: |\n"
                           f"      {paragraph.format(prev=f'f{n}-{i - 1}')}\n\n      {paragraph.format(prev=f'f{n}-0')}\n"
                           for i in range(1, 600))
        write(root, path, head + sections)
    return []


@kind("Four thousand small valid guidelines, 1 MB in all.")
def many_small_files(root: Path) -> list[Expected]:
    for i in range(4_000):
        write(root, GUIDELINE.replace("fientlig", f"fientlig-{i}"), GUIDELINE_TEXT.replace("id: fientlig", f"id: fientlig-{i}"))
    return []


@kind("A document with 6 000 sections, each linking to a section that does not exist.")
def many_dangling_links(root: Path) -> list[Expected]:
    sections = "".join(f"  - id: s{i}\n    title: Avsnitt {i}\n    text: Se [här](ref:saknas{i}).\n"
                       for i in range(6_000))
    write(root, DOCUMENT, DOCUMENT_TEXT + sections)
    return [("dangling-reference", DOCUMENT, DOCUMENT_LINES + 3 + 3 * i, 20) for i in range(6_000)]  # at the target


@kind("A document whose one text is 500 kB of statute citations without an act.")
def long_citation_text(root: Path) -> list[Expected]:
    write(root, DOCUMENT, DOCUMENT_TEXT + " " * TEXT_INDENT + "enligt 5 kap. 1 § och " * 22_000 + "\n")
    return []


@kind("A list nested 300 levels deep in a text (112 kB): it once passed the check and exhausted the build's recursion.")
def deep_markdown_list(root: Path) -> list[Expected]:
    items = "".join(" " * TEXT_INDENT + "  " * i + "- punkt\n" for i in range(300))
    write(root, DOCUMENT, DOCUMENT_TEXT + "\n" + items)
    return [("text-list-depth", DOCUMENT, DOCUMENT_LINES + 2 + 9, TEXT_INDENT + 2 * 9 + 1,
             "Listan är indragen mer än 9 nivåer djupt.")]


@kind("Texts of 400 kB made of what opens markup and never closes: **, _, [, {{ and stars.")
def unclosed_markup(root: Path) -> list[Expected]:
    pieces = ["**ord ", " _ord", "[ord", "{{ ", "ord* "]
    texts = "".join(f"  - id: s{i}\n    title: Avsnitt {i}\n    text: |\n      {piece * 16_000}\n"
                    for i, piece in enumerate(pieces))
    write(root, DOCUMENT, DOCUMENT_TEXT + texts)
    return []


@kind("A text of 450 kB of statute names, chapters and sections in every order.")
def citation_soup(root: Path) -> list[Expected]:
    soup = "kap. § 2 kap. 3 § första stycket 4 p. socialtjänstlagen (2001:453) HSL LSS SoL 12 a § och 5 kap. "
    write(root, DOCUMENT, DOCUMENT_TEXT + " " * TEXT_INDENT + soup * 4_500 + "\n")
    return []


# --- measuring ---------------------------------------------------------------------------------------

_RUN = """
import resource, sys, time
from avtal import cli
start = time.perf_counter()
code = cli.main(["--root", sys.argv[1], "check", "--format", "json"])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
print(f"{code} {seconds:.3f} {peak}", file=sys.stderr)
"""


def measure(project: Path, kind: Kind, timeout: float = 120) -> tuple[int, float, int, list[dict], list[Expected]]:
    """(exit status, seconds, peak kB, findings, expected) of `avtal check` in a fresh process on a
    copy of project with the kind added."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "projekt"
        shutil.copytree(project / "agreement", root / "agreement", symlinks=True)
        (root / "mkdocs.yml").write_text("site_name: Prov\n", encoding="utf-8")
        expected = kind.make(root)
        env = dict(os.environ, PYTHONPATH=str(ROOT / "tools"))
        done = subprocess.run([sys.executable, "-c", _RUN, str(root)], capture_output=True, text=True, env=env,
                              timeout=timeout)
        code, seconds, peak = done.stderr.strip().splitlines()[-1].split()
        return int(code), float(seconds), int(peak), json.loads(done.stdout), expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only the kinds whose name contains this")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to add each kind to")
    args = parser.parse_args(argv)
    print(f"{'kind':<24} {'exit':>4} {'seconds':>8} {'peak MB':>8}  findings")
    worst = (0.0, 0)
    failed = 0
    for k in KINDS:
        if args.only not in k.name:
            continue
        try:
            code, seconds, peak, findings, expected = measure(args.project, k)
        except Exception as exc:  # a kind that cannot be built on this project: said, and the rest still run
            print(f"{k.name:<24} kunde inte köras: {type(exc).__name__}: {exc}")
            failed += 1
            continue
        errors = sorted({f["code"] for f in findings if f["severity"] == "fel"})
        found = sorted((f["code"], f["file"], f["line"], f["column"]) for f in findings if f["severity"] == "fel")
        as_expected = found == sorted(e[:4] for e in expected) and code == (1 if expected else 0)
        failed += not as_expected
        print(f"{k.name:<24} {code:>4} {seconds:>8.2f} {peak / 1024:>8.0f}  {len(findings)}: {', '.join(errors)}"
              + ("" if as_expected else f"  UNEXPECTED: {len(found)} errors, {len(expected)} expected"))
        worst = (max(worst[0], seconds), max(worst[1], peak))
    print(f"worst: {worst[0]:.2f} s, {worst[1] / 1024:.0f} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
