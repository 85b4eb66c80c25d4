"""`avtal refs` on bad input: one Swedish line, exit 1 or 2, never a traceback (issue 15's follow-up).

Run as a real process: standard in is read as bytes, as a user's pipe gives them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    # what would be read without end (23 GB from /dev/zero) or wait for ever (a pipe nobody writes to)
    (["refs", "/dev/zero"], b"",
     "avtal: /dev/zero är en enhet, inte en vanlig fil, och läses inte; ange en fil, eller - för standard in."),
    (["refs", "/dev/urandom"], b"",
     "avtal: /dev/urandom är en enhet, inte en vanlig fil, och läses inte; ange en fil, eller - för standard in."),
    (["refs", "{tmp}/pipe"], b"",
     "avtal: {tmp}/pipe är en namngiven pipe, inte en vanlig fil, och läses inte; ange en fil, eller - för standard in."),
    (["refs", "-"], b"Se 16 kap. 4 \xc2\xa7 HSL. " * 60_000,  # 1.2 MB
     "avtal: standard in är större än 1 MB; avtal refs läser högst 1 MB. Dela upp texten i mindre delar."),
    (["refs", "{tmp}/stor.txt"], b"",
     "avtal: filen {tmp}/stor.txt är större än 1 MB; avtal refs läser högst 1 MB. Dela upp texten i mindre delar."),
])
def test_refs_refuses_what_it_cannot_read_in_swedish(tmp_path, args, stdin, message):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "stor.txt").write_bytes(b"Se 16 kap. 4 \xc2\xa7 HSL. " * 60_000)
    done = refs(*[a.format(tmp=tmp_path) for a in args], cwd=tmp_path, stdin=stdin)
    assert (done.returncode, done.stdout, done.stderr.decode().strip()) == (2, b"", message.format(tmp=tmp_path))


def _place(path: Path, text: str, after: str = "") -> str:
    """line:column (1-based) of text in path, in the first line holding both after and text."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line and after in line:
            return f"{number}:{line.index(text, line.index(after) if after else 0) + 1}"
    raise AssertionError(f"{text!r} finns inte i {path}")


def test_refs_reads_the_glossary_as_the_site_links_it():
    """The glossary's definitions and notes cite acts; refs, the Begrepp page and check read them alike.
    Places are looked up in the file, so an edit elsewhere in the glossary does not move them."""
    glossary = ROOT / "agreement" / "register" / "begrepp.yaml"
    done = refs("refs", "agreement/register/begrepp.yaml", cwd=ROOT)
    assert done.returncode == 0
    lines = done.stdout.decode().splitlines()
    assert (f"agreement/register/begrepp.yaml:{_place(glossary, '2 kap. 6 § HSL (2017:30)')}: 2 kap. 6 § HSL (2017:30)"
            "  →  SFS 2017:30 2 kap. 6 §  https://lagen.nu/2017:30#K2P6") in lines
    assert (f"agreement/register/begrepp.yaml:{_place(glossary, '9 §§ samma lag', '10 kap. 8')}: 9 §§ samma lag"
            "  →  SFS 2025:400 10 kap. 9 §  https://lagen.nu/2025:400#K10P9") in lines
