"""`avtal serve`: a real mkdocs preview on 127.0.0.1 that rebuilds when a YAML file of the corpus
changes, and shows the check's Swedish findings in the terminal when a change breaks the corpus."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from built_site import copy_project

pytestmark = pytest.mark.build

PATIENCE = 90  # seconds to wait for a rebuild (one build takes a few seconds)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait(condition, what: str):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.1)  # a rebuild takes seconds: ask often, so the test ends as soon as it is done
    raise AssertionError(f"väntade förgäves i {PATIENCE} s på: {what}")


@pytest.fixture
def preview(tmp_path):
    root = copy_project(tmp_path / "projekt")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "avtal.cli", "--root", str(root), "serve",
                                    "--addr", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT,
                                   env=dict(os.environ, NO_MKDOCS_2_WARNING="true"))
        try:
            yield root, f"http://127.0.0.1:{port}/", log
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_serve_rebuilds_when_yaml_changes_and_names_the_fault(preview):
    root, base, log = preview
    page = f"{base}2023-2026/del-a/"
    _wait(lambda: '<h2 id="a-inledning">Inledning' in _get(page), "förhandsvisningen av Del A")
    del_a = root / "agreement" / "2023-2026" / "del-a.yaml"
    text = del_a.read_text(encoding="utf-8")
    del_a.write_text(text.replace("title: Inledning\n", "title: Inledning och bakgrund\n", 1), encoding="utf-8")
    _wait(lambda: '<h2 id="a-inledning">Inledning och bakgrund' in _get(page), "ombyggnad efter ändrad rubrik")

    broken = text.replace("short_title: Del A\n", "short_title: Del A: trasig\n", 1)
    line = broken[:broken.index("short_title: Del A:")].count("\n") + 1
    del_a.write_text(broken, encoding="utf-8")
    expected = (f"agreement/2023-2026/del-a.yaml:{line}:19: fel [yaml-syntax] Filen är inte giltig YAML: "
                "ett kolon står där det inte får stå (sätt texten inom citattecken).")
    _wait(lambda: expected in log.read_text(encoding="utf-8"), "felet i terminalen")
    assert "Traceback" not in log.read_text(encoding="utf-8")

    # Every address answers at once (mkdocs' own server waited for ever for the failed build): the reader
    # sees a Swedish page with the finding at its place, on this page and any other.
    def broken_page(url):
        try:
            _get(url)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")
        return 200, ""
    for url in (page, base, f"{base}2023-2026/del-b/"):
        code, html = broken_page(url)
        assert code == 500 and "<h1>Webbplatsen kan inte byggas</h1>" in html
        assert f"<code>agreement/2023-2026/del-a.yaml:{line}:19</code> [yaml-syntax]" in html

    del_a.write_text(text, encoding="utf-8")  # the reader's page polls meanwhile, as a browser would
    _wait(lambda: '<h2 id="a-inledning">Inledning' in _get(page), "sidan igen när felet är rättat")



def test_serve_on_a_broken_corpus_lists_the_findings_and_exits_1(tmp_path):
    root = copy_project(tmp_path / "projekt")
    del_a = root / "agreement" / "2023-2026" / "del-a.yaml"
    text = del_a.read_text(encoding="utf-8")
    broken = text.replace("short_title: Del A\n", "short_title: Del A: trasig\n", 1)
    line = broken[:broken.index("short_title: Del A:")].count("\n") + 1
    del_a.write_text(broken, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "avtal.cli", "--root", str(root), "serve",
                           "--addr", f"127.0.0.1:{_free_port()}"], capture_output=True, text=True,
                          timeout=PATIENCE, env=dict(os.environ, NO_MKDOCS_2_WARNING="true"))
    assert done.returncode == 1
    assert f"agreement/2023-2026/del-a.yaml:{line}:19: fel [yaml-syntax]" in done.stderr
    assert done.stderr.endswith("Förhandsvisningen startar inte förrän felen är rättade.\n")
    assert "Aborted" not in done.stdout + done.stderr and "Traceback" not in done.stderr
