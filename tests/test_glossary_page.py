"""The glossary page ("Begrepp och förkortningar") shows what the register says, notes included."""

from __future__ import annotations

import html
from pathlib import Path

from avtal.load import load_corpus
from avtal.site.glossary_page import glossary_markdown
from avtal.site.urls import Site

ROOT = Path(__file__).resolve().parents[1]


def test_an_editors_note_on_a_term_reaches_its_entry():
    corpus, _ = load_corpus(ROOT)
    page = glossary_markdown(Site.of(corpus))
    entry = page[page.index("{#sip-mote}"):]
    entry = entry[:entry.index("\n### ")]
    assert "Redaktionell anmärkning (inte del av avtalstexten)" in entry
    assert 'Texten skriver "Samordnad individuell planering (SIP-möte)"' in html.unescape(entry)
