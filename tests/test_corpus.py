"""The whole agreement as data (issue #3): the encoded corpus against the adopted text.

tests/source/001_5245c9c2ebab2e83.txt is the text extracted from the adopted PDF. From the
"A V T A L" cover (line 260) to the end of the Färdplan (line 2545) every sentence must be in the
corpus, nothing may be in the corpus that is not in the source (editorial notes aside), every
"läs mer" box must be a read_more with the same title and a target that exists, and the documents
must stand where the agreement puts them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sourcecheck
from avtal import text as textmod
from avtal.load import load_corpus
from avtal.load import load_file

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "source" / "001_5245c9c2ebab2e83.txt"
FIRST, LAST = 260, 2545  # the "A V T A L" cover … the last line of the Färdplan
PERIOD = "2023-2026"
# The documents in the order the source prints them.
SOURCE_ORDER = ["hos-avtalet", "del-a", "del-b", "ok-lakarmedverkan", "ok-in-och-utskrivning",
                "ok-psykisk-funktionsnedsattning-missbruk", "ok-munhalsa", "fardplan"]
ARRANGEMENTS = ["ok-lakarmedverkan", "ok-in-och-utskrivning", "ok-psykisk-funktionsnedsattning-missbruk", "ok-munhalsa"]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    assert lines[FIRST - 1].strip() == "A V T A L"
    assert lines[LAST - 1].startswith("samt länsgemensamt och ligga till grund för ett ständigt förbättringsarbete.")
    return lines


@pytest.fixture(scope="module")
def period():
    corpus, findings = load_corpus(ROOT)
    unusable = [f for f in findings if f.code.startswith(("yaml-", "file-", "schema-", "period-"))]
    assert unusable == [], "every file of the corpus must load"
    return corpus.periods[PERIOD]


@pytest.fixture(scope="module")
def shown(period) -> dict[str, str]:
    """Key term wordings: {{id}} in the text reads as the reader sees it."""
    return {term.id: term.text for term in period.key_terms}


@pytest.fixture(scope="module")
def body(lines) -> str:
    return sourcecheck.source_body(lines, FIRST, LAST)


def test_the_corpus_has_the_documents_of_the_source(period):
    assert sorted(period.documents) == sorted(SOURCE_ORDER)


# --- (a) every source sentence is in the corpus ------------------------------------------

def corpus_text(period, shown) -> str:
    """Every string of every document that carries agreement text (no notes), key terms expanded."""
    strings = []
    for ident in SOURCE_ORDER:
        file = period.documents[ident].where.file
        strings += sourcecheck.corpus_strings(file.data, shown)
    return "\n".join(strings)


def test_every_source_sentence_is_in_the_corpus(lines, period, shown):
    sentences = sourcecheck.source_sentences(lines, FIRST, LAST)
    assert len(sentences) > 600  # the range holds the whole agreement, not a page of it
    missing = sourcecheck.missing_sentences(sentences, corpus_text(period, shown))
    report = "\n".join(f"{SOURCE.name}:{s.line}: {s.text}" for s in missing)
    assert missing == [], f"{len(missing)} av {len(sentences)} källmeningar saknas i korpusen:\n{report}"


def test_a_dropped_paragraph_would_be_missed(lines, period, shown):
    """The comparison can fail: without B.1's text its sentences are reported, with their source lines."""
    text = corpus_text(period, shown)
    paragraph = period.section_index()["b-lagstiftning"].text.split("\n\n")[0]
    assert paragraph in text
    missing = sourcecheck.missing_sentences(sourcecheck.source_sentences(lines, FIRST, LAST), text.replace(paragraph, ""))
    # (normalised: no hyphens; the heading runs into the first sentence, as the source has no full stop after it)
    assert [s.text for s in missing] == [
        "B.1 Lagstiftning Hälso och sjukvårdslagen, HSL, är den lag som reglerar grundläggande skyldigheter för VGR "
        "och kommunen.",
        "Även övriga lagar och förordningar som berör området ska beaktas."]
    assert lines[missing[0].line - 1].strip() == "B.1  Lagstiftning"
    assert "Även övriga lagar" in lines[missing[1].line - 1]


# --- (b) nothing in the corpus is invented ---------------------------------------------------

def units(document, shown) -> list[tuple[str, str]]:
    """(where, text) of each title, cover line, paragraph and list item of a document (notes excluded)."""
    out = [("title", document.title)]
    for key in ("label", "title", "subtitle"):
        if key in document.cover:
            out.append((f"cover.{key}", document.cover[key]))
    for where, raw in (("cover.text", document.cover.get("text", "")), ("intro", document.intro)):
        out += [(where, unit) for _, unit in textmod.units(raw)]
    for section in document.walk():
        out.append((f"{section.id}.title", section.title))
        out += [(section.id, unit) for _, unit in textmod.units(section.text)]
    return [(where, textmod.expand_key_terms(textmod.plain(unit), shown)) for where, unit in out]


@pytest.mark.parametrize("ident", SOURCE_ORDER)
def test_every_paragraph_and_list_item_is_in_the_source(ident, period, shown, body):
    found = units(period.documents[ident], shown)
    assert len(found) > 10
    invented = sourcecheck.not_in_source([text for _, text in found], body)
    where = {text: w for w, text in found}
    assert invented == [], "inte i källan:\n" + "\n".join(f"{ident} {where[t]}: {t}" for t in invented)


def test_an_invented_sentence_would_be_found(body):
    real = "Planering av den medicinska vården ska genomföras, även om den enskilde tackar nej till SIP."
    invented = "Planering av den medicinska vården ska genomföras, även om den enskilde tackar ja till SIP."
    assert sourcecheck.not_in_source([real, invented], body) == [invented]


def test_the_corpus_keeps_the_source_order(period, shown, body):
    """Every paragraph that is long enough to be unique in the source comes after the one before it:
    nothing is moved to another section or document."""
    squeezed = body.replace(" ", "")
    at, checked, moved = 0, 0, []
    for ident in SOURCE_ORDER:
        document = period.documents[ident]
        for section_id, raw in [(ident, document.intro)] + [(s.id, s.text) for s in document.walk()]:
            for _, unit in textmod.units(raw):
                key = sourcecheck.normalise(textmod.expand_key_terms(unit, shown)).replace(" ", "")
                if len(key) < 40 or squeezed.count(key) != 1:
                    continue
                checked += 1
                found = squeezed.find(key, at)
                if found < 0:
                    moved.append(f"{ident} {section_id}: {unit[:80]}")
                else:
                    at = found + len(key)
    assert checked > 400
    assert moved == [], "i annan ordning än i källan:\n" + "\n".join(moved)


def test_a_paragraph_split_by_a_read_more_box_reads_as_one(lines, body):
    """Del A's 'Bästa tillgängliga kunskap' is printed around two boxes; without them it is whole."""
    assert "Västra Götalands länsgemensamma styrdokument är stöd för huvudmännen" in body
    assert "Riktlinje för SIP" not in body


# --- (c) every läs mer is a read_more with the same title, and its target exists ------------------

def test_read_more_boxes_of_the_source(lines):
    boxes = sourcecheck.read_more_boxes(lines, FIRST, LAST)
    # 16 boxes; two of them (B.6 rehabilitering, Del C psykisk funktionsnedsättning) list two links
    assert len(boxes) == 16
    assert sum(len(b.titles) for b in boxes) == 18
    assert boxes[2].titles == ("Gemensam riktlinje om in- och utskrivning från sluten hälso- och sjukvård i Västra "
                               "Götaland, PDF",)  # a title wrapped onto two lines
    assert boxes[6].titles == ("Rutiner för samordning av insatser rehabilitering och habilitering 2009, PDF",
                               "Vägledning för rehabilitering och habilitering inom öppenvård för vuxna personer i "
                               "Västra Götaland, PDF")
    assert boxes[-1].titles == ("Samverkansavvikelse",)


def test_every_read_more_box_is_a_read_more_in_the_corpus(lines, period):
    source = [(box.line, title) for box in sourcecheck.read_more_boxes(lines, FIRST, LAST) for title in box.titles]
    corpus = [(ident, section.id if section else ident, item)
              for ident in SOURCE_ORDER for section, item in period.documents[ident].all_read_more()]
    got = [sourcecheck.normalise(item.title) for _, _, item in corpus]
    want = [sourcecheck.normalise(title) for _, title in source]
    report = "\n".join(f"{SOURCE.name}:{line}: {title}" for (line, title), n in zip(source, want) if n not in got)
    assert got == want, f"läs mer i källan som saknas eller står i annan ordning i korpusen:\n{report}"


def test_every_read_more_target_exists(period):
    dangling = [(ident, item.title, item.ref) for ident in SOURCE_ORDER
                for _, item in period.documents[ident].all_read_more() if period.target(item.ref) is None]
    assert dangling == []


@pytest.mark.parametrize("title,ref", [
    ("Riktlinje för SIP - Vårdsamverkan i Västra Götaland (vardsamverkan.se)", "riktlinje-sip"),
    ("Överenskommelse om läkarmedverkan i kommunal primärvård i Västra Götaland", "ok-lakarmedverkan"),
    ("Färdplan Nära vård - Vårdsamverkan i Västra Götaland (vardsamverkan.se)", "fardplan"),
    ("Samverkansavvikelse", "samverkansavvikelse-munhalsa"),
])
def test_read_more_leads_where_its_title_says(period, title, ref):
    refs = {item.title: item.ref for d in period.documents.values() for _, item in d.all_read_more()}
    assert refs[title] == ref


# --- (d) the documents stand where the agreement puts them ------------------------------------

@pytest.mark.parametrize("ident", ARRANGEMENTS)
def test_arrangement_is_under_the_agreement_and_read_with_parts_a_and_b(period, ident):
    document = period.documents[ident]
    assert (document.kind, document.parent, document.read_with) == ("overenskommelse", "hos-avtalet", ["del-a", "del-b"])
    agreement = period.documents["hos-avtalet"]
    assert (document.valid_from, document.valid_to) == (agreement.valid_from, agreement.valid_to)


def test_parts_are_under_the_agreement(period):
    assert [(d, period.documents[d].kind, period.documents[d].parent) for d in ("del-a", "del-b")] == [
        ("del-a", "avtalsdel", "hos-avtalet"), ("del-b", "avtalsdel", "hos-avtalet")]
    assert period.documents["del-b"].read_with == ["del-a"]


def test_the_agreement_and_the_strategy_have_no_parent(period):
    assert period.agreement == "hos-avtalet"
    assert (period.documents["hos-avtalet"].kind, period.documents["hos-avtalet"].parent) == ("avtal", None)
    assert (period.documents["fardplan"].kind, period.documents["fardplan"].parent) == ("strategi", None)
    # and not merely by omission in the model: the file has no parent key
    loaded, _ = load_file(ROOT / "agreement" / PERIOD / "fardplan.yaml", ROOT)
    assert "parent" not in loaded.data


def test_the_naromradesplan_is_a_local_guideline_under_the_arrangement_on_doctors(period):
    plan = period.guidelines["naromradesplan"]
    assert (plan.kind, plan.level, plan.parent) == ("plan", "lokal", "ok-lakarmedverkan")
    assert all(period.target(s) is not None and s.startswith("lak-") for s in plan.implements)


# --- the glossary's own words are the source's ---------------------------------------------

# Glossary words written in another form than the source's, each with why (the glossary's lemma).
GLOSSARY_FORMS = {
    "Avvikelse i samverkan": "the headword in the singular; the source writes 'Avvikelser i samverkan' (a synonym)",
    "lagen med särskilda bestämmelser om vård av unga": "the source writes 'lagen (1990:52) med …': the same words without the number",
    "lagen om vård av missbrukare i vissa fall": "the source writes 'lagen (1988:870) om …': the same words without the number",
    "Sveriges Kommuner och Regioner": "not written out in the source; the term's note says so",
    "informationsteknik": "not written out in the source; the term's note says so",
}


def test_every_glossary_term_synonym_and_quote_is_in_the_source(lines):
    """Begrepp shows a term, its synonyms, its expansion and the words its notes quote as the agreement's
    own; none may be written by the project (staff words are the project's, with their reasons, and are
    exempt). Compared as the corpus is: case, spaces and hyphen breaks aside."""
    glossary = load_file(ROOT / "agreement" / "register" / "begrepp.yaml")[0].data
    squeezed = sourcecheck.normalise("\n".join(lines)).replace(" ", "").lower()  # the decision papers too
    invented = []
    for term in glossary["terms"]:
        words = [term["term"], *term.get("synonyms", []), *([term["expansion"]] if term.get("expansion") else [])]
        words += [note["quote"] for note in term.get("notes", []) if note.get("quote")]
        invented += [f"{term['id']}: {word}" for word in words if word not in GLOSSARY_FORMS
                     and sourcecheck.normalise(word).replace(" ", "").lower() not in squeezed]
    assert invented == []
