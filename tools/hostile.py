"""Bad input as a hostile or careless editor would write it (issue 11), kind by kind, and what it costs.

Each kind adds files to (or links, pipes into) the agreement/ of a valid project and says which error
findings `avtal check` must give for it: code, file, line and column. tests/test_hostile_input.py
checks every kind against the small valid fixture; ``python tools/hostile.py`` runs `avtal check` on a
copy of the real project with each kind in turn, each in a fresh process, and prints its time and peak
memory (the issue's bound: a few seconds and 200 MB for any input under 1 MB)::

    python tools/hostile.py                 # every kind, against a copy of the real project
    python tools/hostile.py --only alias    # the kinds whose name contains "alias"

A kind writes new files (never changes the project's own), so the positions it expects do not depend
on the project it is added to.
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
GUIDELINE = f"agreement/{PERIOD}/riktlinjer/fientlig.yaml"
DOCUMENT = f"agreement/{PERIOD}/fientlig.yaml"

Expected = tuple[str, str, int, int]  # (code, file, line, column) of an error finding; line 0: the whole file

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
    return [("file-too-large", GUIDELINE, 0, 0)]


@kind("A quote opened and closed only 68 lines further down, by the next quote in the file.")
def unclosed_quote(root: Path) -> list[Expected]:
    body = "".join(f"  - kind: innehall\n    text: Anteckning {i}.\n" for i in range(34))
    write(root, GUIDELINE, GUIDELINE_TEXT.replace("title: Fientlig riktlinje", 'title: "Fientlig riktlinje')
          + "notes:\n" + body + '  - kind: innehall\n    text: "Slut."\n')
    return [("yaml-syntax", GUIDELINE, 4, 8)]


# --- files ------------------------------------------------------------------------------------------

@kind("A YAML file directly under agreement/, where no data is expected.")
def stray_file(root: Path) -> list[Expected]:
    write(root, "agreement/anteckningar.yaml", "id: anteckningar\n")
    return [("corpus-unknown-file", "agreement/anteckningar.yaml", 1, 1)]


@kind("A link in agreement/ to a valid guideline outside the project.")
def symlink_outside(root: Path) -> list[Expected]:
    outside = root.parent / "utanfor"
    write(outside, "riktlinje.yaml", GUIDELINE_TEXT)
    (root / GUIDELINE).symlink_to(outside / "riktlinje.yaml")
    return [("file-symlink", GUIDELINE, 0, 0)]


@kind("A link in agreement/ to a folder outside the project.")
def symlink_folder(root: Path) -> list[Expected]:
    outside = root.parent / "utanfor-mapp"
    write(outside, "riktlinje.yaml", GUIDELINE_TEXT)
    link = f"agreement/{PERIOD}/riktlinjer/mer"
    (root / link).symlink_to(outside, target_is_directory=True)
    return [("file-symlink", link, 0, 0)]


@kind("A link that points to itself.")
def symlink_loop(root: Path) -> list[Expected]:
    (root / GUIDELINE).symlink_to("fientlig.yaml")
    return [("file-symlink", GUIDELINE, 0, 0)]


@kind("A link to a file that does not exist.")
def symlink_broken(root: Path) -> list[Expected]:
    (root / GUIDELINE).symlink_to("finns-inte.yaml")
    return [("file-symlink", GUIDELINE, 0, 0)]


@kind("A named pipe where a guideline would be: reading it would wait for ever.")
def named_pipe(root: Path) -> list[Expected]:
    os.mkfifo(root / GUIDELINE)
    return [("file-unreadable", GUIDELINE, 0, 0)]


# --- big but well-formed: what the checks do with a lot --------------------------------------------------

@kind("A guideline with 30 000 unknown keys, just under the size limit.")
def many_unknown_keys(root: Path) -> list[Expected]:
    write(root, GUIDELINE, GUIDELINE_TEXT + "".join(f"okand{i}: x\n" for i in range(30_000)))
    return [("schema-unknown-key", GUIDELINE, GUIDELINE_LINES + 1 + i, 1) for i in range(30_000)]


@kind("A document with 6 000 sections, each linking to a section that does not exist.")
def many_dangling_links(root: Path) -> list[Expected]:
    sections = "".join(f"  - id: s{i}\n    title: Avsnitt {i}\n    text: Se [här](ref:saknas{i}).\n"
                       for i in range(6_000))
    write(root, DOCUMENT, DOCUMENT_TEXT + sections)
    return [("dangling-reference", DOCUMENT, DOCUMENT_LINES + 3 + 3 * i, 14) for i in range(6_000)]


@kind("A document whose one text is 500 kB of statute citations without an act.")
def long_citation_text(root: Path) -> list[Expected]:
    write(root, DOCUMENT, DOCUMENT_TEXT + " " * TEXT_INDENT + "enligt 5 kap. 1 § och " * 22_000 + "\n")
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
    for k in KINDS:
        if args.only not in k.name:
            continue
        code, seconds, peak, findings, expected = measure(args.project, k)
        errors = sorted({f["code"] for f in findings if f["severity"] == "fel"})
        print(f"{k.name:<24} {code:>4} {seconds:>8.2f} {peak / 1024:>8.0f}  {len(findings)}: {', '.join(errors)}")
        worst = (max(worst[0], seconds), max(worst[1], peak))
    print(f"worst: {worst[0]:.2f} s, {worst[1] / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
