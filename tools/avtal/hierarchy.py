"""The hierarchy of governing documents in a period, and the rules it keeps.

::

    Hälso- och sjukvårdsavtalet (avtal)             the period's `agreement`
     ├─ Del A, Del B (avtalsdel)                      parts of the agreement
     ├─ Överenskommelse × 4 (overenskommelse)         directly under it, valid exactly as long
     ├─ länsgemensam riktlinje / rutin / handbok …    under the agreement, a part, an arrangement
     │                                                or another länsgemensam guideline
     └─ delregional / lokal (e.g. närområdesplan)     under an arrangement, a länsgemensam or a
                                                      delregional guideline
    Färdplan (strategi)                               beside the agreement, no parent

`graph(period)` gives the hierarchy as a networkx DiGraph (edges parent → child).
Every rule is its own check: a pure function from the corpus to findings.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator

import networkx as nx

from . import text as textmod
from .findings import Finding, Position, closest, error, warning
from .keyterms import number_words
from .loader import LoadedFile, PathKey
from .model import KIND_LABELS, LEVEL_LABELS, Corpus, Document, Guideline, KeyTerm, Period

AGREEMENT, PART, ARRANGEMENT, STRATEGY = "avtal", "avtalsdel", "overenskommelse", "strategi"
COUNTY, SUBREGIONAL, LOCAL = "lansgemensam", "delregional", "lokal"
#: Guideline kinds that may have länsgemensam guidelines under them.
GUIDELINE_KINDS = frozenset({"riktlinje", "rutin", "handbok", "vagledning", "webbsida", "forteckning", "direktiv"})

Item = Document | Guideline


def graph(period: Period) -> nx.DiGraph:
    """Every document and guideline of the period as a node; an edge from each existing parent to its child.

    Node attributes: ``item`` (the model object), ``kind`` and ``level`` (None for documents).
    A parent that does not exist adds no edge (checks.references reports it).
    """
    g = nx.DiGraph()
    for document in period.documents.values():
        g.add_node(document.id, item=document, kind=document.kind, level=None)
    for guideline in period.guidelines.values():
        g.add_node(guideline.id, item=guideline, kind=guideline.kind, level=guideline.level)
    for ident, item in [(n, d["item"]) for n, d in g.nodes(data=True)]:
        if item.parent and item.parent in g and item.parent != ident:
            g.add_edge(item.parent, ident)
        elif item.parent == ident:
            g.add_edge(ident, ident)
    return g


def describe(g: nx.DiGraph, ident: str) -> str:
    """'ident' (kind, level) for a Swedish message."""
    data = g.nodes[ident]
    kind = KIND_LABELS.get(data["kind"], data["kind"]).lower()
    level = f", {LEVEL_LABELS[data['level']].lower()}" if data["level"] else ""
    return f"'{ident}' ({kind}{level})"


def _parent_of(g: nx.DiGraph, ident: str) -> str | None:
    parents = list(g.predecessors(ident))
    return parents[0] if parents else None


def _where_parent(item: Item) -> Position:
    return item.where.at("parent") if item.parent else item.where.at("id")


# --- parents ---------------------------------------------------------------------------

def _allowed_parent(period: Period, g: nx.DiGraph, child: str, parent: str) -> bool:
    c, p = g.nodes[child], g.nodes[parent]
    if c["kind"] in (PART, ARRANGEMENT):
        return parent == period.agreement and p["kind"] == AGREEMENT
    if c["level"] == COUNTY:
        return (p["kind"] in (AGREEMENT, PART, ARRANGEMENT) and p["level"] is None) or (
            p["kind"] in GUIDELINE_KINDS and p["level"] == COUNTY)
    if c["level"] in (SUBREGIONAL, LOCAL):
        return (p["kind"] == ARRANGEMENT and p["level"] is None) or (
            p["kind"] in GUIDELINE_KINDS and p["level"] == COUNTY) or p["level"] == SUBREGIONAL
    return False


def _allowed_text(period: Period, g: nx.DiGraph, child: str) -> str:
    c = g.nodes[child]
    if c["kind"] == PART:
        return f"En avtalsdel ligger direkt under avtalet '{period.agreement}'."
    if c["kind"] == ARRANGEMENT:
        return f"En överenskommelse ligger direkt under avtalet '{period.agreement}'."
    if c["level"] == COUNTY:
        return ("Ett länsgemensamt styrdokument ligger under avtalet, en avtalsdel, en överenskommelse eller "
                "en annan länsgemensam riktlinje, rutin, handbok, vägledning, webbsida, förteckning eller direktiv.")
    return ("Ett delregionalt eller lokalt styrdokument ligger under en överenskommelse, ett länsgemensamt "
            "styrdokument eller ett delregionalt styrdokument.")


def parents(corpus: Corpus) -> list[Finding]:
    """Every document but the agreement and the strategy has exactly one parent, of an allowed kind."""
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        for ident, data in g.nodes(data=True):
            item = data["item"]
            if data["kind"] in (AGREEMENT, STRATEGY):
                if item.parent:
                    what = "Avtalet" if data["kind"] == AGREEMENT else "Strategin"
                    findings.append(error(
                        "hierarchy-parent-not-allowed", item.where.at("parent"),
                        f"{what} '{ident}' står överst i hierarkin och kan inte ha ett överordnat dokument.",
                        "Ta bort raden parent." if data["kind"] == AGREEMENT else
                        "Ta bort raden parent: strategin antas bredvid avtalet, inte under det."))
                continue
            if not item.parent:
                findings.append(error(
                    "hierarchy-parent-missing", item.where.at("id"),
                    f"Dokumentet {describe(g, ident)} saknar överordnat dokument.",
                    f"Lägg till parent: {period.agreement}. " + _allowed_text(period, g, ident)))
                continue
            parent = _parent_of(g, ident)
            if parent is None or parent == ident:
                continue  # a dangling parent (checks.references) or a self-loop (cycles)
            if not _allowed_parent(period, g, ident, parent):
                findings.append(error(
                    "hierarchy-parent-kind", item.where.at("parent"),
                    f"Dokumentet {describe(g, ident)} kan inte ligga under {describe(g, parent)}.",
                    _allowed_text(period, g, ident)))
    return findings


def agreement_document(corpus: Corpus) -> list[Finding]:
    """The period's agreement is a document of kind avtal, and the only one."""
    findings = []
    for period in corpus.periods.values():
        agreement = period.documents.get(period.agreement)
        if agreement is not None and agreement.kind != AGREEMENT:
            findings.append(error(
                "hierarchy-agreement-kind", period.where.at("agreement"),
                f"Periodens avtal '{period.agreement}' har typen '{agreement.kind}', inte 'avtal'.",
                "Ange avtalsdokumentets id i agreement, eller ändra dokumentets kind till avtal."))
        for document in period.documents.values():
            if document.kind == AGREEMENT and document.id != period.agreement:
                findings.append(error(
                    "hierarchy-extra-agreement", document.where.at("kind"),
                    f"Dokumentet '{document.id}' har typen avtal, men periodens avtal är '{period.agreement}'.",
                    "En period har ett avtal; gör dokumentet till en avtalsdel eller överenskommelse under det."))
    return findings


# --- cycles and reachability ---------------------------------------------------------------

def _cycles(g: nx.DiGraph) -> list[list[str]]:
    """Each cycle once, as child → parent → … starting from its smallest id."""
    found = []
    for cycle in nx.simple_cycles(g):  # parent → child order; every node has at most one parent
        members = list(reversed(cycle))
        start = members.index(min(members))
        found.append(members[start:] + members[:start])
    return sorted(found)


def cycles(corpus: Corpus) -> list[Finding]:
    """No document lies (directly or through others) under itself."""
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        for cycle in _cycles(g):
            first = g.nodes[cycle[0]]["item"]
            chain = " → ".join(f"'{i}'" for i in cycle + [cycle[0]])
            findings.append(error(
                "hierarchy-cycle", first.where.at("parent"),
                f"Dokumenten ligger under varandra i en cirkel: {chain}.",
                "Ändra parent i något av dokumenten så att kedjan slutar i avtalet.",
                related=[g.nodes[i]["item"].where.at("parent") for i in cycle[1:]]))
    return findings


def reachability(corpus: Corpus) -> list[Finding]:
    """Every document (the strategy excepted) lies under the agreement.

    Reported once per place where the chain of parents breaks, naming what is cut off;
    documents in a cycle are left to `cycles`.
    """
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        reached = nx.descendants(g, period.agreement) | {period.agreement} if period.agreement in g else set()
        in_cycle = {n for cycle in _cycles(g) for n in cycle}
        cut_off: dict[str, list[str]] = {}
        for ident in sorted(g):
            if ident in reached or g.nodes[ident]["kind"] == STRATEGY:
                continue
            chain = [ident]
            while (parent := _parent_of(g, chain[-1])) is not None and parent not in chain:
                chain.append(parent)
            if in_cycle & set(chain):
                continue
            top = chain[-1]
            if g.nodes[top]["kind"] == STRATEGY:  # under the strategy: break at the child below it
                top = chain[-2]
            cut_off.setdefault(top, []).append(ident)
        for top, cut in sorted(cut_off.items()):
            item = g.nodes[top]["item"]
            below = sorted(set(cut) - {top})
            also = f" och {len(below)} dokument under det ({', '.join(below)})" if below else ""
            parent = item.parent
            if parent and parent in g:
                why = f"kedjan av överordnade slutar i {describe(g, parent)}"
            elif parent:
                why = f"det överordnade dokumentet '{parent}' finns inte"
            else:
                why = "det saknar överordnat dokument"
            findings.append(error(
                "hierarchy-unreachable", _where_parent(item),
                f"Dokumentet {describe(g, top)}{also} ligger inte under avtalet '{period.agreement}': {why}.",
                "Ändra parent så att kedjan av överordnade dokument leder till avtalet."))
    return findings


# --- validity --------------------------------------------------------------------------------

def arrangement_validity(corpus: Corpus) -> list[Finding]:
    """An arrangement (överenskommelse) is valid exactly as long as the agreement."""
    findings = []
    for period in corpus.periods.values():
        agreement = period.documents.get(period.agreement)
        if agreement is None:
            continue
        for document in period.documents.values():
            if document.kind != ARRANGEMENT:
                continue
            for key, label in (("valid_from", "gäller från"), ("valid_to", "gäller till")):
                own, expected = getattr(document, key), getattr(agreement, key)
                if own != expected:
                    findings.append(error(
                        "hierarchy-arrangement-validity", document.where.at(key),
                        f"Överenskommelsen '{document.id}' {label} {own}, men avtalet '{agreement.id}' {label} "
                        f"{expected}.",
                        f"En överenskommelse gäller lika länge som avtalet: skriv {key}: {expected}.",
                        related=[agreement.where.at(key)]))
    return findings


def _validity(period: Period, g: nx.DiGraph) -> dict[str, tuple[str, str]]:
    """Each node's effective (from, to): its own dates, else its parent's, else the period's."""
    effective: dict[str, tuple[str, str]] = {}

    def resolve(ident: str, seen: frozenset) -> tuple[str, str]:
        if ident in effective:
            return effective[ident]
        parent = _parent_of(g, ident)
        above = (period.valid_from, period.valid_to)
        if parent is not None and parent not in seen:
            above = resolve(parent, seen | {ident})
        item = g.nodes[ident]["item"]
        effective[ident] = (item.valid_from or above[0], item.valid_to or above[1])
        return effective[ident]

    for ident in g:
        resolve(ident, frozenset())
    return effective


def validity_within_parent(corpus: Corpus) -> list[Finding]:
    """No document is valid outside its parent's validity (top documents: outside the period's).

    Guidelines without dates take their parent's; arrangements are left to `arrangement_validity`.
    """
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        effective = _validity(period, g)
        for ident, data in g.nodes(data=True):
            item = data["item"]
            if data["kind"] == ARRANGEMENT and item.parent == period.agreement:
                continue
            parent = _parent_of(g, ident)
            if parent is None and item.parent:
                continue  # dangling parent: nothing to compare with
            if parent is not None:
                bounds, whose = effective[parent], f"det överordnade dokumentet '{parent}'"
                related = [g.nodes[parent]["item"].where.position]
            else:
                bounds, whose = (period.valid_from, period.valid_to), f"perioden {period.id}"
                related = [period.where.at("valid_from")]
            if item.valid_from and item.valid_from < bounds[0]:
                findings.append(error(
                    "hierarchy-validity-outside-parent", item.where.at("valid_from"),
                    f"Dokumentet '{ident}' gäller från {item.valid_from}, före {whose} som gäller från {bounds[0]}.",
                    f"Ett dokument kan inte gälla före det som det ligger under; skriv valid_from: {bounds[0]} "
                    "eller senare.", related=related))
            if item.valid_to and item.valid_to > bounds[1]:
                findings.append(error(
                    "hierarchy-validity-outside-parent", item.where.at("valid_to"),
                    f"Dokumentet '{ident}' gäller till {item.valid_to}, efter {whose} som gäller till {bounds[1]}.",
                    f"Ett dokument kan inte gälla efter det som det ligger under; skriv valid_to: {bounds[1]} "
                    "eller tidigare.", related=related))
    return findings


def validity_order(corpus: Corpus) -> list[Finding]:
    """A document (or period) does not end before it begins."""
    findings = []
    for period in corpus.periods.values():
        items = [(period, f"Perioden {period.id}")] + [
            (item, f"Dokumentet '{item.id}'") for item in (*period.documents.values(), *period.guidelines.values())]
        for item, what in items:
            if item.valid_from and item.valid_to and item.valid_to < item.valid_from:
                findings.append(error(
                    "hierarchy-validity-order", item.where.at("valid_to"),
                    f"{what} gäller till {item.valid_to}, före sitt första giltighetsdatum {item.valid_from}.",
                    "Kontrollera valid_from och valid_to."))
    return findings


# --- key terms restated lower down -----------------------------------------------------------------

RESTATABLE_TYPES = frozenset({"varaktighet", "tal", "procent"})
# Inflected forms of the units the key terms use; any other unit matches only as written.
_UNIT_FORMS = {
    "månader": ("månader", "månaders", "månad", "månads"),
    "månad": ("månad", "månads", "månader"),
    "dagar": ("dagar", "dagars", "dag", "dags"),
    "dag": ("dag", "dagar"),
    "kalenderdagar": ("kalenderdagar", "kalenderdagars", "kalenderdag"),
    "år": ("år", "års"),
    "procent": ("procent", "%"),
    "veckor": ("veckor", "veckors", "vecka"),
}
# Label words too common in the agreement to tie a number to one key term.
_COMMON_WORDS = frozenset({
    "kommun", "kommunen", "kommunens", "kommuner", "kommunerna", "region", "regionen", "regionens", "avtalet",
    "avtalets", "första", "efter", "under", "mellan", "enligt", "andel", "ingen", "gäller", "inom", "genomsnitt",
    "per", "från", "till", "eller", "samt", "vården", "patienten",
})
_WORD_NUMBERS = {word: n for n in range(100) for word in number_words(n)}
_NUMBER = r"\d+(?:,\d+)?|" + "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True))
_SENTENCE = re.compile(r"[^\n.!?;]+(?:[.!?;](?=\d)[^\n.!?;]*)*")  # "3.5" or "kap.5" does not end a sentence
_WORD = re.compile(r"\w+")


def unit_forms(unit: str) -> tuple[str, ...]:
    return _UNIT_FORMS.get(unit.casefold(), (unit.casefold(),))


def label_stems(term: KeyTerm) -> set[str]:
    """The first six letters of each distinctive word of the term's label (not its unit)."""
    units = {form[:6] for form in unit_forms(term.unit or "")}
    return {w[:6] for w in _WORD.findall(term.label.casefold())
            if len(w) >= 6 and w not in _COMMON_WORDS and w[:6] not in units}


def _names(wanted: set[str], stems: set[str]) -> bool:
    return bool(wanted) and 2 * len(wanted & stems) >= len(wanted)


def _number_value(raw: str) -> float:
    raw = raw.casefold()
    return float(_WORD_NUMBERS[raw]) if raw in _WORD_NUMBERS else float(raw.replace(",", "."))


@functools.lru_cache(maxsize=64)
def _patterns(unit_forms: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """(any of the units, a number with one of the units before or after it)."""
    units = "|".join(sorted(map(re.escape, unit_forms), key=len, reverse=True))
    return re.compile(units, re.IGNORECASE), re.compile(
        rf"(?<![\w,.])(?P<num>{_NUMBER})\s*(?P<unit>{units})(?!\w)"
        rf"|(?<!\w)(?P<unit2>{units})\s+(?P<num2>\d+(?:,\d+)?)(?!\w|,\d)", re.IGNORECASE)


def _masked(raw: str) -> str:
    """The text with {{placeholders}} and link targets blanked out, offsets kept."""
    raw = textmod.KEY_TERM.sub(lambda m: " " * len(m[0]), raw)
    return textmod.LINK.sub(lambda m: m[0][: m.start("target") - m.start()] + " " * len(m["target"]) + ")", raw)


@dataclass(frozen=True)
class Restatement:
    term: KeyTerm
    number: str
    offset: int  # of the number in the raw text


def restatements(raw: str, terms: list[KeyTerm]) -> list[Restatement]:
    """Numbers in raw stated with a key term's unit, in a sentence that names the term, differing from its value.

    A sentence names a term when at least half of the distinctive words of the term's label share
    their first six letters with words of the sentence ("Uppsägningstid" → "uppsägningstiden").
    A number that equals the value of any term named in the sentence with that unit is not a
    restatement.
    """
    found = []
    masked = _masked(raw)
    by_unit: dict[str, list[KeyTerm]] = {}
    for term in terms:
        for form in unit_forms(term.unit or ""):
            by_unit.setdefault(form, []).append(term)
    if not by_unit:
        return found
    wanted = {t.id: label_stems(t) for t in terms}
    any_unit, pattern = _patterns(tuple(sorted(by_unit)))
    if not any_unit.search(masked):
        return found
    for sentence in _SENTENCE.finditer(masked):
        stems = {w[:6] for w in _WORD.findall(sentence[0].casefold()) if len(w) >= 6}
        for m in pattern.finditer(sentence[0]):
            number, unit = (m["num"], m["unit"]) if m["num"] else (m["num2"], m["unit2"])
            if number.casefold() in _WORD_NUMBERS and m["num"] and not m["unit"][:1].isalpha():
                continue  # "tre %" is not how the text writes numbers
            named = [t for t in by_unit[unit.casefold()] if _names(wanted[t.id], stems)]
            if not named or any(_number_value(number) == float(t.value) for t in named):
                continue
            best = max(named, key=lambda t: (len(wanted[t.id] & stems), t.id))
            start = sentence.start() + (m.start("num") if m["num"] else m.start("num2"))
            found.append(Restatement(best, number, start))
    return found


def _texts(item: Item) -> Iterator[tuple[str, LoadedFile, PathKey]]:
    """(raw text, file, path) of every text a document or guideline holds."""
    file = item.where.file
    if isinstance(item, Guideline):
        if item.description:
            yield item.description, file, ("description",)
        return
    if item.intro:
        yield item.intro, file, ("intro",)
    for section in item.walk():
        if section.text:
            yield section.text, file, section.where.path + ("text",)


def where_in_text(file: LoadedFile, path: PathKey, offset: int) -> Position:
    """Like LoadedFile.where_in_text, also right for folded scalars (``>``, ``>-``) over several lines."""
    start = file.where(path)
    lines = file.source.splitlines()
    indicator = lines[start.line - 1][start.column - 1:start.column] if 0 < start.line <= len(lines) else ""
    if indicator != ">":
        return file.where_in_text(path, offset)
    # Walk the block's lines: a line break folds to one space, or with blank lines after it to one
    # newline per blank line.
    row = start.line  # 0-based index of the first line after the indicator
    while row < len(lines) and not lines[row].strip():
        row += 1
    indent = len(lines[row]) - len(lines[row].lstrip(" ")) if row < len(lines) else 0
    consumed, blank = 0, False
    while row < len(lines):
        line = lines[row]
        if not line.strip():
            consumed += 1 if blank else 0
            blank = True
        elif len(line) - len(line.lstrip(" ")) < indent:
            break
        else:
            content, blank = line[indent:], False
            if offset < consumed + len(content):
                return Position(file.path, row + 1, indent + (offset - consumed) + 1)
            consumed += len(content) + 1
        row += 1
    return start


def _term_owner(period: Period, term: KeyTerm) -> str | None:
    section = period.section_index().get(term.clause)
    return section.document_id if section else term.document


def _lower(period: Period, g: nx.DiGraph, owner: str) -> set[str]:
    """The documents under `owner`; a part of the agreement speaks for the agreement as a whole."""
    if owner not in g:
        return set()
    if g.nodes[owner]["kind"] == PART and period.agreement in g:
        return nx.descendants(g, period.agreement) - {n for n in g if g.nodes[n]["kind"] == PART}
    return nx.descendants(g, owner)


def key_term_restatements(corpus: Corpus) -> list[Finding]:
    """A lower document does not restate a key term of a higher one with another value.

    For key terms of type varaktighet, tal or procent with a unit: a number written with the term's
    unit, in a sentence of a lower document that names the term (see `restatements`), must equal the
    term's value. Writing {{term-id}} shows the value from the data and is always right.
    """
    findings = []
    for period in corpus.periods.values():
        g = graph(period)
        lower_terms: dict[str, list[KeyTerm]] = {}
        for term in period.key_terms:
            if term.type not in RESTATABLE_TYPES or not term.unit or isinstance(term.value, bool) \
                    or not isinstance(term.value, (int, float)):
                continue
            owner = _term_owner(period, term)
            for ident in _lower(period, g, owner) if owner else ():
                lower_terms.setdefault(ident, []).append(term)
        for ident, terms in sorted(lower_terms.items()):
            item = g.nodes[ident]["item"]
            for raw, file, path in _texts(item):
                for found in restatements(raw, terms):
                    term = found.term
                    findings.append(warning(
                        "key-term-restated", where_in_text(file, path, found.offset),
                        f"'{ident}' anger {term.label.lower()} till {found.number} {term.unit}, men "
                        f"{_term_owner(period, term)} anger {term.text} (nyckelvärdet '{term.id}').",
                        f"Ett underordnat dokument får inte ange ett annat värde; skriv {{{{{term.id}}}}} "
                        "så visas värdet ur periodens data.", related=[term.where.at("value")]))
    return findings


# --- references into other periods --------------------------------------------------------------

_PERIOD_REF = re.compile(r"^ref:(?P<period>\d{4}-\d{4}):(?P<id>.+)$")


def split_ref(target: str) -> tuple[str | None, str] | None:
    """(period or None, id) of a corpus link target ``ref:id`` or ``ref:PERIOD:id``; None for other links."""
    if not target.startswith("ref:"):
        return None
    m = _PERIOD_REF.match(target)
    return (m["period"], m["id"]) if m else (None, target[4:])


def period_references(corpus: Corpus) -> list[Finding]:
    """A document points only into its own period unless the link names another: ``[x](ref:2019-2022:id)``.

    The named period must exist and hold the id; unprefixed links are checked by checks.references.
    """
    findings = []
    for period in corpus.periods.values():
        for document in period.documents.values():
            for raw, file, path in _texts(document):
                for link in textmod.links(raw):
                    split = split_ref(link.target)
                    if split is None:
                        continue
                    other, ident = split
                    where = where_in_text(file, path, link.start)
                    if other is None:
                        if ":" in ident:
                            findings.append(error(
                                "reference-period-malformed", where,
                                f"Länkmålet '{link.target}' är varken ref:id eller ref:PERIOD:id.",
                                "Skriv t.ex. ref:a-avtalstid, eller ref:2019-2022:a-avtalstid för en annan period."))
                        continue
                    target = corpus.periods.get(other)
                    if target is None:
                        findings.append(error(
                            "reference-period-unknown", where,
                            f"Länken pekar in i perioden {other}, som inte finns.",
                            f"Perioder som finns: {', '.join(sorted(corpus.periods))}. Skriv ref:{ident} för en länk "
                            "inom den egna perioden."))
                    elif target.target(ident) is None:
                        known = set(target.documents) | set(target.guidelines) | set(target.section_index())
                        findings.append(error(
                            "dangling-reference", where, f"Länkmålet '{ident}' finns inte i perioden {other}.",
                            closest(ident, known)))
    return findings


CHECKS = [agreement_document, parents, cycles, reachability, arrangement_validity, validity_within_parent,
          validity_order, key_term_restatements, period_references]
