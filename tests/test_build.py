"""The built site: named sentences of the agreement on the right page under the right anchor,
the trust banner on every page, Swedish search over sections with their anchors, links that lead
somewhere. The site is the session's one real `avtal build` (tests/conftest.py: `site`).
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from avtal import cli

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[1]
PERIOD = "2023-2026"
DOCUMENTS = ["hos-avtalet", "del-a", "del-b", "ok-lakarmedverkan", "ok-in-och-utskrivning",
             "ok-psykisk-funktionsnedsattning-missbruk", "ok-munhalsa", "fardplan"]


# --- a tiny HTML reader ------------------------------------------------------------------------

class _Flat(HTMLParser):
    """The page as a flat list of ("start", tag, attrs) and ("text", data) events."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("start", tag, dict(attrs)))

    def handle_data(self, data):
        self.events.append(("text", data))


_PAGES: dict[Path, _Flat] = {}
_HEADING = re.compile(r"^h([1-6])$")
_BLOCKS = {"p", "li", "ul", "ol", "div", "br", "tr", "td", "th", "table", "aside", "details", "summary",
           "section", "article", "nav", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6"}


def parsed(path: Path) -> _Flat:
    if path not in _PAGES:
        flat = _Flat()
        flat.feed(path.read_text(encoding="utf-8"))
        _PAGES[path] = flat
    return _PAGES[path]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def under(path: Path, anchor: str) -> str:
    """The text from the element with id=anchor to the next heading of the same or a higher level
    (for an element that is not a heading: to the next heading of any level)."""
    events = parsed(path).events
    start = next((i for i, e in enumerate(events) if e[0] == "start" and e[2].get("id") == anchor), None)
    assert start is not None, f"ingen id={anchor!r} i {path}"
    level = int(m[1]) if (m := _HEADING.match(events[start][1])) else 6
    texts = []
    for event in events[start + 1:]:
        if event[0] == "start" and (m := _HEADING.match(event[1])) and int(m[1]) <= level:
            break
        texts.append(event[1] if event[0] == "text" else " " if event[1] in _BLOCKS else "")
    return squeeze("".join(texts))


def page(site: Path, document: str) -> Path:
    return site / PERIOD / document / "index.html"


def ids(path: Path) -> set[str]:
    return {e[2]["id"] for e in parsed(path).events if e[0] == "start" and "id" in e[2]}


# --- sentences under their anchors --------------------------------------------------------

SENTENCES = [
    # Läsanvisningar
    ("hos-avtalet", "avtal-lasanvisningar",
     "Detta avtal består av Hälso- och sjukvårdsavtalet (huvudavtal) med fyra tillhörande överenskommelser (bilagor)."),
    ("hos-avtalet", "avtal-lasanvisningar", "Del A tillsammans med del C utgör fyra lagstadgade överenskommelser."),
    ("hos-avtalet", "avtal-lasanvisningar",
     "Syftet med den här uppdelningen är att skapa en struktur där lagreglerad samverkan mellan kommun och "
     "Västra Götalandsregionen finns samlad."),
    # Del A
    ("del-a", "a-avtalstid", "Avtalet gäller under perioden 2023-01-01 – 2026-12-31."),
    ("del-a", "a-avtalstid",
     "Senast arton månader innan avtalstiden löper ut har parterna möjlighet att skriftligt säga upp avtalet."),
    ("del-a", "a-avtalstid", "Om ingen part skriftligen sagt upp avtalet förlängs det med tre år i taget med arton "
                             "månaders uppsägningstid."),
    ("del-a", "a-sip", "Planering av den medicinska vården ska genomföras, även om den enskilde tackar nej till SIP."),
    # Del B
    ("del-b", "b-lagstiftning",
     "Hälso- och sjukvårdslagen, HSL, är den lag som reglerar grundläggande skyldigheter för VGR och kommunen."),
    ("del-b", "b-lagstiftning", "Barnets rättigheter ska beaktas vid avvägningar och bedömningar som rör barn."),
    ("del-b", "b-lakemedel",  # B.9
     "Läkemedelsbehandlingar är en integrerad del i hälso- och sjukvården och ingår därmed i regelverk för "
     "samverkan mellan VGR och kommunerna i Västra Götaland."),
    ("del-b", "b-tjanstekop",  # B.14
     "Tjänsteköp kan ske i undantagsfall och föregås av en förfrågan till den andra parten om att utföra en insats."),
    # Läkarmedverkan
    ("ok-lakarmedverkan", "lak-syfte",
     "Att reglera samverkansformerna för läkarmedverkan oberoende av läkarens organisatoriska tillhörighet."),
    ("ok-lakarmedverkan", "lak-vardcentralens-sarskilda-ansvar",
     "Detta oavsett vilken vårdcentral patienten har sitt vårdval."),
    ("ok-lakarmedverkan", "lak-vardcentralens-sarskilda-ansvar",
     "Tillse att läkare ska vara tillgänglig per direktkontakt för kommunens sjuksköterskor på överenskomna tider "
     "och vid akuta situationer hela dygnet."),
    # In- och utskrivning, with the payment threshold shown from the period's key terms
    ("ok-in-och-utskrivning", "ius-syfte",
     "Samverkan vid in- och utskrivning från sluten hälso- och sjukvård ska stärka den enskildes rätt till en "
     "trygg, säker och effektiv in- och utskrivning, och stärka samordningen mellan huvudmän och verksamheter."),
    ("ok-in-och-utskrivning", "ius-betalningsansvar",
     "En kommuns betalningsansvar inträder när det genomsnittliga antalet dagar i sluten vård efter "
     "utskrivningsklar överskrider 3,0 kalenderdagar per kommun under en kalendermånad."),
    ("ok-in-och-utskrivning", "ius-ekonomisk-modell",
     "Kommunens betalningsansvar inträder om man har ett genomsnitt över 3,0 kalenderdagar under en kalendermånad."),
    # Psykisk funktionsnedsättning och missbruk, 6.3
    ("ok-psykisk-funktionsnedsattning-missbruk", "pfm-placering",
     "Hem för viss annan heldygnsvård är ett tillfälligt boende som ger möjlighet till avlastning för anhöriga "
     "eller rehabilitering för individen."),
    ("ok-psykisk-funktionsnedsattning-missbruk", "pfm-placering",
     "Skiljelinjen mellan huvudmännens ansvar i lagstiftning är inte alltid tydlig."),
    ("ok-psykisk-funktionsnedsattning-missbruk", "pfm-syfte",
     "Den enskilde ska få vård, stöd och insatser som är samordnade mellan kommunens och VGRs verksamheter och "
     "upplevs som en välfungerande helhet."),
    # Munhälsa, 7.1
    ("ok-munhalsa", "mun-oka-andel-intyg",
     "Målsättningen är att alla individer som har rätt till intyg om N-tandvård ska få det."),
    ("ok-munhalsa", "mun-oka-andel-intyg",
     "Det är parternas gemensamma intresse att öka täckningsgraden för att uppfylla målet."),
    ("ok-munhalsa", "mun-inledning", "I förbyggande och hälsofrämjande arbetet"),
    # Färdplan
    ("fardplan", "fp-inledning", "God och nära vård är riktningen i omställningsarbetet."),
    ("fardplan", "fp-mobila-team", "Primärvården har patientansvar dygnet runt."),
    ("fardplan", "fp-uppfoljning",
     "Analyser av avvikelser ska göras lokalt, delregionalt samt länsgemensamt och ligga till grund för ett "
     "ständigt förbättringsarbete."),
]


@pytest.mark.parametrize("document,anchor,sentence", SENTENCES, ids=[f"{d}#{a}:{s[:30]}" for d, a, s in SENTENCES])
def test_sentence_is_on_its_page_under_its_anchor(site, document, anchor, sentence):
    assert sentence in under(page(site, document), anchor)


@pytest.mark.parametrize("document,anchor,sentence", [
    ("del-a", "a-andringar-och-tillagg", "Avtalet gäller under perioden 2023-01-01 – 2026-12-31."),  # the next section
    ("del-b", "b-gemensamt-ansvar", "Hälso- och sjukvårdslagen, HSL, är den lag som reglerar grundläggande"),
    ("ok-in-och-utskrivning", "ius-syfte", "3,0 kalenderdagar"),
])
def test_a_sentence_is_not_under_another_anchor(site, document, anchor, sentence):
    """The reader above can tell sections apart: it would catch a sentence under the wrong heading."""
    assert sentence not in under(page(site, document), anchor)


def test_payment_threshold_is_the_key_term_from_the_period(site):
    html = page(site, "ok-in-och-utskrivning").read_text(encoding="utf-8")
    assert html.count('<span class="avtal-nyckelvarde" title="Gräns för kommunens betalningsansvar (genomsnitt per '
                      'kommun och kalendermånad)" tabindex="0">3,0 kalenderdagar</span>') == 2
    assert "{{" not in html


# --- pages: language, banner --------------------------------------------------------------

def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_swedish(site):
    pages = html_pages(site)
    assert len(pages) > 10
    wrong = [p.relative_to(site).as_posix() for p in pages
             if not re.search(r'<html lang="sv"[ >]', p.read_text(encoding="utf-8"))]
    assert wrong == []


def banner(path: Path) -> str:
    events = parsed(path).events
    start = next((i for i, e in enumerate(events)
                  if e[0] == "start" and "avtal-meta" in e[2].get("class", "").split()), None)
    assert start is not None, f"ingen avtal-meta i {path}"
    texts = []
    for event in events[start + 1:]:
        if event[0] == "start" and event[1] in ("div", "h1", "h2", "details", "aside", "article"):
            break
        if event[0] == "text":
            texts.append(event[1])
    return squeeze("".join(texts))


@pytest.mark.parametrize("document", DOCUMENTS)
def test_document_page_shows_period_version_and_status(site, document):
    text = banner(page(site, document))
    assert text.startswith("Gällande · Avtalsperiod 2023-2026 · Version 1.0 · Giltig 2023-01-01 – 2026-12-31"), text


def test_every_page_of_the_period_shows_period_and_status(site):
    pages = sorted((site / PERIOD).rglob("index.html"))
    assert len(pages) >= len(DOCUMENTS) + 2  # the documents, the period overview, the guidelines
    for path in pages:
        if path.parent.name == "riktlinjer":  # a register: its own marks, not the agreement's status
            assert banner(path).startswith("Register · Riktlinjer och styrdokument · Avtalsperiod 2023-2026"), path
            continue
        assert banner(path).startswith("Gällande · Avtalsperiod 2023-2026"), path


# --- search --------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def search_index(site) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_search_language_is_swedish(search_index):
    assert search_index["config"]["lang"] == ["sv"]


def test_search_finds_every_section_by_its_anchor(search_index):
    from avtal.load import load_corpus

    corpus, _ = load_corpus(ROOT)
    period = corpus.periods[PERIOD]
    locations = {doc["location"] for doc in search_index["docs"]}
    expected = {f"{PERIOD}/{d.id}/#{s.id}" for d in period.documents.values() for s in d.walk()}
    assert len(expected) > 100
    assert sorted(expected - locations) == []


def test_search_entry_of_a_section(search_index):
    entry = next(doc for doc in search_index["docs"] if doc["location"] == f"{PERIOD}/del-b/#b-lagstiftning")
    assert "Lagstiftning" in entry["title"]
    assert "Hälso- och sjukvårdslagen, HSL, är den lag som reglerar grundläggande skyldigheter" in squeeze(entry["text"])
    ekonomisk = next(doc for doc in search_index["docs"]
                     if doc["location"] == f"{PERIOD}/ok-in-och-utskrivning/#ius-ekonomisk-modell")
    assert "3,0 kalenderdagar" in ekonomisk["text"]


# --- links ---------------------------------------------------------------------------------------

def test_read_more_links_to_the_arrangement(site):
    """Del B's B.2 läs mer box leads to the arrangement on läkarmedverkan."""
    path = page(site, "del-b")
    events = parsed(path).events
    start = next(i for i, e in enumerate(events) if e[0] == "start" and e[2].get("id") == "lasmer-b-gemensamt-ansvar")
    link = next(e for e in events[start:] if e[0] == "start" and e[1] == "a")
    assert link[2]["href"] == "../ok-lakarmedverkan/"
    assert "Läs mer" in under(path, "lasmer-b-gemensamt-ansvar")
    assert ("Överenskommelse om läkarmedverkan i kommunal primärvård i Västra Götaland"
            in under(path, "lasmer-b-gemensamt-ansvar"))


def broken_links(site: Path, stars: bool) -> list[str]:
    """Links of the period's pages whose page or anchor does not exist; the läs mer stars
    (a.avtal-stjarna) only when stars is true, the other links only when it is false."""
    broken = []
    for path in sorted((site / PERIOD).rglob("index.html")):
        base = "/" + path.parent.relative_to(site).as_posix() + "/"
        for event in parsed(path).events:
            if event[0] != "start" or event[1] != "a" or "href" not in event[2]:
                continue
            if ("avtal-stjarna" in event[2].get("class", "").split()) != stars:
                continue
            href = event[2]["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else base.rstrip("/")
            file = site / target.lstrip("/")
            file = file / "index.html" if file.is_dir() or not file.suffix else file
            if not file.is_file():
                broken.append(f"{path.relative_to(site).as_posix()}: {href} (ingen sida)")
            elif parts.fragment and file.suffix == ".html" and unquote(parts.fragment) not in ids(file):
                broken.append(f"{path.relative_to(site).as_posix()}: {href} (inget ankare)")
    return broken


def test_every_internal_link_of_the_agreement_leads_to_a_page_and_anchor(site):
    """Read more boxes, text links, 'läses tillsammans med', guideline registers, citations: the raw HTML
    blocks are not checked by mkdocs --strict, so check them here."""
    assert broken_links(site, stars=False) == []


def test_every_read_more_star_leads_to_its_box(site):
    assert broken_links(site, stars=True) == []


@pytest.mark.parametrize("section, title", [
    # "Samordnad individuell plan, SIP*": the star after an abbreviation
    ("a-sip", "Riktlinje för SIP - Vårdsamverkan i Västra Götaland (vardsamverkan.se)"),
    # "… ska överenskommelse, riktlinje och rutin tillämpas*.": the star after a plain word
    ("a-informationsoverforing",
     "Gemensam riktlinje om in- och utskrivning från sluten hälso- och sjukvård i Västra Götaland, PDF"),
])
def test_read_more_star_in_the_text_leads_to_the_box_of_its_section(site, section, title):
    """The source's star becomes a link to the section's läs mer box."""
    path = page(site, "del-a")
    events = parsed(path).events
    start = next(i for i, e in enumerate(events) if e[0] == "start" and e[2].get("id") == section)
    star = next(e for e in events[start:] if e[0] == "start" and "avtal-stjarna" in e[2].get("class", ""))
    assert star[2]["href"] == f"#lasmer-{section}"
    assert f"lasmer-{section}" in ids(path)
    assert title in under(path, f"lasmer-{section}")


# --- avtal refs and the site agree --------------------------------------------------------------

DOCUMENT_FILES = {"hos-avtalet": "avtal.yaml", "del-a": "del-a.yaml", "del-b": "del-b.yaml",
                  "ok-lakarmedverkan": "del-c/lakarmedverkan.yaml",
                  "ok-in-och-utskrivning": "del-c/in-och-utskrivning.yaml",
                  "ok-psykisk-funktionsnedsattning-missbruk": "del-c/psykisk-funktionsnedsattning-missbruk.yaml",
                  "ok-munhalsa": "del-c/munhalsa.yaml", "fardplan": "fardplan.yaml"}
_TEXT_BLOCK = re.compile(r'<div class="avtal-text">(.*?)</div>', re.S)
_LAW_LINK = re.compile(r'<a class="avtal-lagrum[^"]*" href="([^"]+)"')


@pytest.mark.parametrize("document", DOCUMENTS)
def test_avtal_refs_prints_the_citations_the_site_links(site, capsys, document):
    """Issue 4: `avtal refs FILE` and the page agree, link for link, in reading order."""
    path = ROOT / "agreement" / PERIOD / DOCUMENT_FILES[document]
    assert cli.main(["--root", str(ROOT), "refs", str(path), "--format", "json"]) == 0
    printed = [json.loads(line)["link"] for line in capsys.readouterr().out.splitlines()]
    page = (site / PERIOD / document / "index.html").read_text(encoding="utf-8")
    linked = [unquote(href).replace("&amp;", "&") for block in _TEXT_BLOCK.findall(page)
              for href in _LAW_LINK.findall(block)]
    assert [link for link in printed if link] == linked
    if document in ("del-a", "del-b", "ok-in-och-utskrivning"):
        assert linked  # these parts cite law; an empty list would prove nothing
