"""The search measurement's own parts (tools/search_quality.py): its server keeps quiet when the
browser hangs up, and the staff words only the holdout queries reach are found for --blind."""

from __future__ import annotations

import socket
import struct
import time
import urllib.request

import pytest

from built_site import search_quality


def _hang_up(port: int, path: str) -> None:
    """Ask for a file and reset the connection before it has come (a page left while it loads)."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    sock.recv(1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
    sock.close()


def test_the_server_keeps_quiet_when_the_browser_hangs_up(tmp_path, capfd):
    (tmp_path / "stor.json").write_bytes(b"x" * 8_000_000)
    (tmp_path / "index.html").write_text("<p>hej</p>", encoding="utf-8")
    with search_quality.serve(tmp_path) as base:
        port = int(base.rstrip("/").rsplit(":", 1)[1])
        for _ in range(3):
            _hang_up(port, "/stor.json")
        time.sleep(0.5)
        with urllib.request.urlopen(base + "index.html") as answer:  # still serving
            assert answer.read() == b"<p>hej</p>"
    assert capfd.readouterr().err == ""


GLOSSARY = {"terms": [
    {"id": "a", "staff_words": [{"word": "rullator", "reason": "r"}, {"word": "tvist", "reason": "r"}]},
    {"id": "b", "staff_words": [{"word": "inkontinensskydd", "reason": "r"}, {"word": "vård- och omsorgsboende",
                                                                                 "reason": "r"}]},
    {"id": "c"},
]}


@pytest.mark.parametrize("queries, expected", [
    # reached by a holdout query only: left out
    ([{"q": "vem betalar rullator", "set": "holdout"}], ["rullator"]),
    # a holdout query's word that starts the staff word reaches it, as the search's prefixes do
    ([{"q": "inkontinens blöjor", "set": "holdout"}], ["inkontinensskydd"]),
    # reached by a dev or old query too: kept
    ([{"q": "rullator", "set": "holdout"}, {"q": "rullatorer", "set": "dev"}], []),
    ([{"q": "tvist", "set": "holdout"}, {"q": "tvist om kostnad"}], []),
    # every word of a staff word must be reached, "och" aside; without å/ä/ö as with
    ([{"q": "vard och omsorgsboende", "set": "holdout"}], ["vård- och omsorgsboende"]),
    ([{"q": "omsorgsboende", "set": "holdout"}], []),
])
def test_the_staff_words_only_holdout_queries_reach(queries, expected):
    assert search_quality.holdout_only_words(queries, GLOSSARY) == expected
