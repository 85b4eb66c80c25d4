"""`avtal refs` on bad input: one Swedish line, exit 1 or 2, never a traceback (issue 15's follow-up).

Run as a real process: standard in is read as bytes, as a user's pipe gives them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from built_site import ROOT

_MAIN = "import sys; from avtal.cli import main; sys.exit(main(sys.argv[1:]))"


def refs(*args: str, cwd, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _MAIN, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


def test_a_broken_project_register_is_named_and_the_packaged_one_used(tmp_path):
    """Like `avtal check`, which fails on the same file: the finding on stderr, exit 1, and the citations
    resolved with the register shipped with the package (said in the same line)."""
    register = tmp_path / "agreement" / "register"
    register.mkdir(parents=True)
    (register / "lagar.yaml").write_text("statutes: [\n", encoding="utf-8")
    done = refs("--root", str(tmp_path), "refs", "-", cwd=tmp_path, stdin="Se 16 kap. 4 § HSL.".encode())
    assert done.returncode == 1
    assert done.stdout.decode() == "3-18: 16 kap. 4 § HSL  →  SFS 2017:30 16 kap. 4 §  https://lagen.nu/2017:30#K16P4\n"
    first, summary = done.stderr.decode().splitlines()
    assert first.startswith("agreement/register/lagar.yaml:1:11: fel: projektets lagregister går inte att använda (")
    assert first.endswith("); hänvisningarna nedan bygger på registret som följer med paketet. "
                          "Rätta filen (avtal check visar alla fel).")
    assert summary == "1 lagrumshänvisning."


@pytest.mark.parametrize("args, stdin, message", [
    (["refs", "{tmp}"], b"",
     "avtal: {tmp} är en mapp, inte en fil; ange en fil (t.ex. en YAML-fil i agreement/) eller - för standard in."),
    (["refs", "16 kap. 4 § HSL"], b"",
     "avtal: filen 16 kap. 4 § HSL finns inte. Vill du läsa en text? Skriv texten på standard in med -, "
     "t.ex. echo '16 kap. 4 § HSL' | avtal refs -"),
    (["refs", "saknas.yaml"], b"", "avtal: filen saknas.yaml finns inte."),
    (["refs", "-"], "Se 16 kap. 4 § HSL.".encode("latin-1"),
     "avtal: standard in är inte kodad i UTF-8; spara texten som UTF-8 och försök igen."),
])
def test_refs_refuses_what_it_cannot_read_in_swedish(tmp_path, args, stdin, message):
    done = refs(*[a.format(tmp=tmp_path) for a in args], cwd=tmp_path, stdin=stdin)
    assert (done.returncode, done.stdout, done.stderr.decode().strip()) == (2, b"", message.format(tmp=tmp_path))


def test_refs_reads_the_glossary_as_the_site_links_it():
    """The glossary's definitions and notes cite acts; refs, the Begrepp page and check read them alike."""
    done = refs("refs", "agreement/register/begrepp.yaml", cwd=ROOT)
    assert done.returncode == 0
    lines = done.stdout.decode().splitlines()
    assert ("agreement/register/begrepp.yaml:295:74: 2 kap. 6 § HSL (2017:30)  →  SFS 2017:30 2 kap. 6 §  "
            "https://lagen.nu/2017:30#K2P6") in lines
    assert ("agreement/register/begrepp.yaml:369:80: 9 §§ samma lag  →  SFS 2025:400 10 kap. 9 §  "
            "https://lagen.nu/2025:400#K10P9") in lines
