"""The search measurement's own parts (tools/search_quality.py): its server keeps quiet when the
browser hangs up, the staff words only the holdout queries reach are found for --blind, and the sets
measured but never tuned on (holdout, unseen) are reported apart, by kind."""

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
    # an unseen query was written after the work: it does not make a word seen
    ([{"q": "rullator", "set": "holdout"}, {"q": "rullator", "set": "unseen"}], ["rullator"]),
])
def test_the_staff_words_only_holdout_queries_reach(queries, expected):
    assert search_quality.holdout_only_words(queries, GLOSSARY) == expected


def _outcome(query, kind, set_, rank, right_page):
    results = ["x"] * (rank - 1) + ["svar"] if rank else ["x"]
    return search_quality.Outcome(query, ["svar"], results, {"svar"}, kind, set_, right_page)


OUTCOMES = [
    _outcome("a", "ordinary", "dev", 1, True),
    _outcome("b", "ordinary", "unseen", 1, True),
    _outcome("c", "ordinary", "unseen", 3, False),
    _outcome("d", "typo", "unseen", 5, True),
    _outcome("e", "everyday", "unseen", None, False),
    _outcome("f", "everyday", "holdout", 2, True),
]


def test_the_unseen_set_is_reported_apart_by_kind():
    rows = [(label, n, rates[1], rates[3], rates[5], page) for label, n, rates, page, _ in
            search_quality.table(OUTCOMES)]
    labels = [row[0] for row in rows]
    assert rows[labels.index("unseen"):labels.index("all")] == [
        ("unseen", 4, 0.25, 0.5, 0.75, 0.5),
        ("  ordinary+table+abbreviation", 2, 0.5, 1.0, 1.0, 0.5),
        ("  no-diacritics+typo+everyday", 2, 0.0, 0.0, 0.5, 0.5),
        ("  kind ordinary", 2, 0.5, 1.0, 1.0, 0.5),
        ("  kind typo", 1, 0.0, 0.0, 1.0, 1.0),
        ("  kind everyday", 1, 0.0, 0.0, 0.0, 0.0),
    ]
    assert rows[labels.index("holdout"):labels.index("unseen")] == [
        ("holdout", 1, 0.0, 1.0, 1.0, 1.0), ("  kind everyday", 1, 0.0, 1.0, 1.0, 1.0)]
    assert rows[labels.index("dev"):labels.index("holdout")] == [("dev", 1, 1.0, 1.0, 1.0, 1.0)]  # not by kind


def test_the_held_queries_can_be_left_out_of_the_list():
    listed = search_quality.report(OUTCOMES, held=False)
    assert "rank  1  a  (dev, ordinary)" in listed
    assert not any(f"  {q}  (" in listed for q in "bcdef")
    assert "\nunseen                               4    25%    50%    75%     50%" in listed
    assert "rank  3  c  (unseen, ordinary)" in search_quality.report(OUTCOMES)  # listed unless asked not to


@pytest.mark.parametrize("expected, result, page, hit, right_page", [
    ("2023-2026", "beslut", "2023-2026", True, True),  # a period: its start page's anchors, like a document's sections
    ("2023-2026", "2023-2026", "2023-2026", True, True),  # and the page itself
    ("2023-2026", "a-avtalstid", "2023-2026/del-a", False, False),
    ("lag-2017-612", "sfs-2017-612", "lagar", True, True),  # a statute of the register: its entry on the Lagar page
    ("barnkonventionen", "sfs-2018-1197", "lagar", True, True),
    ("lag-2017-612", "sfs-2018-1197", "lagar", False, True),  # another act: the right page, not the answer
])
def test_a_query_may_name_a_period_or_a_statute_by_its_register_id(expected, result, page, hit, right_page):
    pages = {"beslut": {"2023-2026"}, "nyckelvarden": {"2023-2026"}, "a-avtalstid": {"2023-2026/del-a"},
             "sfs-2017-612": {"lagar"}, "sfs-2018-1197": {"lagar"}}
    accepts, on = search_quality.other_names(pages)
    documents, pages = {**accepts, **search_quality.document_sections()}, {**on, **pages}
    got = search_quality.outcome({"q": "x", "expect": [expected]}, [(result, page)], documents, pages)
    assert (result in got.accepted, got.right_page) == (hit, right_page)
