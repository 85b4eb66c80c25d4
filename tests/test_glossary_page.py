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


def test_staff_words_are_marked_as_the_projects_each_with_its_reason():
    """The glossary's adopted text stays as it is; the words staff search with are a row of their own,
    labelled as the project's, never mixed with the synonyms the sources use."""
    corpus, _ = load_corpus(ROOT)
    page = html.unescape(glossary_markdown(Site.of(corpus)))
    entry = page[page.index("{#sarskilt-boende}"):]
    entry = entry[:entry.index("\n### ")]
    assert "<th>Personalens sökord (projektets, inte avtalets)</th>" in entry
    assert "<li>SÄBO – " in entry and "<li>äldreboende – " in entry
    assert "Sökord och synonymer" not in page
