"""Version changes against a git revision: `avtal check --base REV`.

Both sides are loaded with the same loader and model: the working tree from disk, the
revision from git (``git ls-tree`` + ``git cat-file --batch``, one process for all files).
Then, for every period present on both sides:

- a document, guideline or period whose content changed carries a higher version (periods
  have none) and a new changelog entry; a document's entry names the sections that changed
  or were added (sections compared by id: title, number, text, läs mer, children);
- versions only rise (compared as tuples of numbers, 1.0 == 1.0.0);
- a section id that disappeared is reported, saying where the section went if an identical or
  near-identical one (title + text) now stands under another id; whatever still refers to a
  removed id is reported at the referring line;
- an adopted period (an antagande in its events) does not change (period.yaml or any of its documents)
  without a new changelog entry naming a decision in the period's decisions. Guidelines
  are decided by others (e.g. VGR and VästKom) and need no decision of the period.

"Content" is the file's data without version, changelog, notes and responsibility statements: notes
record what an editor noticed about the source, statements who the adopted words make responsible
(their quotes must repeat those words exactly); neither changes anything the parties agreed.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..findings import Finding, Position, Severity, error, hint, warning
from ..git import read_revision
from ..load import corpus_from_texts, load_corpus
from ..status import adopted
from ..model import Change, Corpus, Document, Guideline, Period, Section
from .references import iter_references

# difflib ratio (0–1) of "title\ntext" at or above which a removed section counts as moved under a new id
# ("ett nästan identiskt avsnitt"): chosen by hand, no measurement recorded; tests/test_versions.py
# moves a section with one character changed ("." → "!") and expects it found.
NEAR = 0.9


def check_against_base(root: Path, base: str, work: Corpus | None = None) -> list[Finding]:
    """Findings for the working tree under root compared with git revision `base`.

    work: the working tree's corpus when already loaded. Codes: those of ``compare``, and
    ``base-unreadable`` (a tip) for a period or file that exists now but could not be read at `base`.
    Raises RevisionError (a CannotRun) when the revision cannot be read.
    """
    texts = read_revision(root, base)
    base_corpus, problems = corpus_from_texts(texts)
    if work is None:
        work, _ = load_corpus(root)
    return _unreadable(texts, base_corpus, problems, work, base) + compare(base_corpus, work, base)


def _unreadable(texts: dict[str, str], base: Corpus, problems: list[Finding], work: Corpus,
                rev: str) -> list[Finding]:
    """Hints for what exists now but could not be read (or broke a rule) at the revision, so is not compared."""
    findings, skipped = [], set()
    for pid, period in sorted(work.periods.items()):
        if pid not in base.periods and any(p.startswith(f"agreement/{pid}/") for p in texts):
            skipped.add(f"agreement/{pid}/")
            findings.append(hint(
                "base-unreadable", Position(period.where.file.path),
                f"Perioden {pid} kunde inte läsas in som den såg ut i {rev}; ingenting i den jämförs.",
                f"Kör 'git show {rev}:{period.where.file.path}' för att se den tidigare versionen."))
    now = {f.path for f in work.files}
    counts: dict[str, int] = {}
    for problem in problems:
        path = problem.position.file
        if problem.severity is Severity.ERROR and path in now and not path.startswith(tuple(skipped)):
            counts[path] = counts.get(path, 0) + 1
    return findings + [hint(
        "base-unreadable", Position(path),
        f"Filen kunde inte läsas in som den såg ut i {rev} ({n} fel mot dagens regler); dess ändringar jämförs inte.",
        f"Kör 'git show {rev}:{path}' för att se den tidigare versionen.") for path, n in sorted(counts.items())]


def combine(check_findings: list[Finding], base_findings: list[Finding]) -> list[Finding]:
    """All findings, a reference to a removed id reported once (as removed, not merely dangling).

    A ``dangling-reference`` at the position of a ``removed-reference`` is dropped.
    """
    removed_at = {f.position for f in base_findings if f.code == "removed-reference"}
    kept = [f for f in check_findings if not (f.code == "dangling-reference" and f.position in removed_at)]
    return kept + base_findings


# --- comparing two corpora -------------------------------------------------------------------

def version_tuple(version: str) -> tuple[int, ...]:
    """"1.2.0" → (1, 2): numbers compared as numbers, trailing zeros dropped; ValueError for a non-number part."""
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _content(data):
    """The file's data without version, changelog, notes and responsibility statements, at any depth."""
    if isinstance(data, dict):
        return {k: _content(v) for k, v in data.items()
                if k not in ("version", "changelog", "notes", "responsibilities")}
    if isinstance(data, list):
        return [_content(v) for v in data]
    return data


def _signature(section: Section) -> tuple:
    return (section.title, section.number, section.text, tuple((r.title, r.ref) for r in section.read_more),
            tuple(child.id for child in section.sections))


def _sections(period: Period) -> dict[str, Section]:
    return {s.id: s for s in period.sections()}


def compare(base: Corpus, work: Corpus, rev: str) -> list[Finding]:
    """The version rules (module docstring) for every period on both sides; rev names the base in messages.

    Errors: ``version-lowered``, ``version-not-raised``, ``changelog-missing``, ``changelog-sections``,
    ``decision-missing``, ``removed-reference``. Warnings: ``section-removed``, ``document-removed``.
    """
    findings = []
    for pid, period in sorted(work.periods.items()):
        if pid in base.periods:
            findings += _compare_period(base.periods[pid], period, rev)
    return findings


def _compare_period(old: Period, new: Period, rev: str) -> list[Finding]:
    findings = []
    in_force = adopted(old) or adopted(new)  # an adopted period changes only by decision
    decisions = {d.id for d in new.decisions}
    old_sections, new_sections = _sections(old), _sections(new)

    for ident, document in sorted(new.documents.items()):
        before = old.documents.get(ident)
        if before is None:
            if in_force:
                findings += _decision(document, list(enumerate(document.changelog)), decisions, new)
            continue
        required = [s.id for s in document.walk()
                    if s.id not in old_sections or _signature(old_sections[s.id]) != _signature(s)]
        findings += _versioned(document, before, rev, required, in_force, decisions, new)
    for ident, guideline in sorted(new.guidelines.items()):
        before = old.guidelines.get(ident)
        if before is not None:
            findings += _versioned(guideline, before, rev, [], False, decisions, new)
    findings += _period_changed(old, new, rev, in_force, decisions)
    findings += _removed(old, new, rev, old_sections, new_sections)
    return findings


def _new_entries(item, before) -> list[tuple[int, Change]]:
    seen = set(before.changelog)
    return [(i, c) for i, c in enumerate(item.changelog) if c not in seen]


def _what(item) -> str:
    return f"Riktlinjen '{item.id}'" if isinstance(item, Guideline) else f"Dokumentet '{item.id}'"


def _versioned(item: Document | Guideline, before, rev: str, required: list[str], in_force: bool,
               decisions: set[str], period: Period) -> list[Finding]:
    findings = []
    changed = _content(item.where.file.data) != _content(before.where.file.data)
    old_v, new_v = version_tuple(before.version), version_tuple(item.version)
    what = _what(item)
    if new_v < old_v:
        findings.append(error(
            "version-lowered", item.where.at("version"),
            f"{what} har version {item.version}, lägre än {before.version} i {rev}.",
            "Versioner får bara höjas; ange en version högre än den tidigare."))
    elif changed and new_v == old_v:
        findings.append(error(
            "version-not-raised", item.where.at("version"),
            f"{what} har ändrats sedan {rev} men har fortfarande version {item.version}.",
            f"Höj versionen (t.ex. till {_next(item.version)}) och lägg till en rad i changelog med samma version"
            + (f" som nämner de ändrade avsnitten: {', '.join(required)}." if required else ".")))
    if not (changed or new_v > old_v) or new_v < old_v:
        return findings
    entries = _new_entries(item, before)
    if new_v > old_v:
        entries = [(i, c) for i, c in entries if version_tuple(c.version) == new_v]
    if not entries:
        findings.append(error(
            "changelog-missing", item.where.file.where_key(("changelog",)),
            f"{what} har ändrats sedan {rev} men changelog saknar en ny rad"
            + (f" för version {item.version}." if new_v > old_v else "."),
            "Lägg till en rad i changelog med datum, version, summary, nature"
            + (", decision (perioden är gällande)" if in_force else "")
            + (" och de ändrade avsnitten i sections." if required else ".")))
        return findings
    named = {s for _, c in entries for s in c.sections}
    missing = [s for s in required if s not in named]
    if missing:
        i = entries[-1][0]
        at = ("changelog", i, "sections") if entries[-1][1].sections else ("changelog", i)
        findings.append(error(
            "changelog-sections", item.where.at(*at),
            f"Changelog-raden för version {entries[-1][1].version} nämner inte de ändrade avsnitten: "
            f"{', '.join(missing)}.",
            f"Skriv sections: [{', '.join(dict.fromkeys([*entries[-1][1].sections, *missing]))}]."))
    if in_force:
        findings += _decision(item, entries, decisions, period)
    return findings


def _decision(item, entries: list[tuple[int, Change]], decisions: set[str], period: Period) -> list[Finding]:
    """In a period in force, one of the new entries names a decision (one that does not exist is a dangling
    reference, reported by checks.references)."""
    if any(c.decision for _, c in entries):
        return []
    i, change = entries[-1]
    return [error(
        "decision-missing", item.where.at("changelog", i),
        f"Perioden {period.id} är gällande: en ändring kräver ett beslut, men changelog-raden för version "
        f"{change.version} anger inget.",
        "Ange decision: med id för beslutet i period.yaml (decisions); lägg först till beslutet där om det saknas.")]


def _next(version: str) -> str:
    parts = version.split(".")
    if len(parts) == 1:
        parts.append("0")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


def _period_changed(old: Period, new: Period, rev: str, in_force: bool, decisions: set[str]) -> list[Finding]:
    if _content(old.where.file.data) == _content(new.where.file.data):
        return []
    latest = max((c.version for c in old.changelog), key=version_tuple, default="0")
    highest = version_tuple(latest)
    entries = [(i, c) for i, c in _new_entries(new, old) if version_tuple(c.version) > highest]
    if not entries:
        return [error(
            "changelog-missing", new.where.file.where_key(("changelog",)),
            f"Perioden {new.id} (period.yaml) har ändrats sedan {rev} men changelog saknar en ny rad med högre version "
            f"än {latest}.",
            "Lägg till en rad i changelog med datum, en högre version, summary, nature"
            + (" och decision (perioden är gällande)." if in_force else "."))]
    return _decision(new, entries, decisions, new) if in_force else []


def _similar(a: Section, b: Section) -> float:
    left, right = f"{a.title}\n{a.text}", f"{b.title}\n{b.text}"
    if left == right:
        return 1.0
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    if matcher.real_quick_ratio() < NEAR or matcher.quick_ratio() < NEAR:
        return 0.0
    return matcher.ratio()


def _removed(old: Period, new: Period, rev: str, old_sections: dict[str, Section],
             new_sections: dict[str, Section]) -> list[Finding]:
    findings = []
    gone_documents = {d for d in old.documents if d not in new.documents}
    gone_sections = {s for s in old_sections if s not in new_sections and s not in new.documents
                     and s not in new.guidelines}
    fresh = [s for s in new_sections.values() if s.id not in old_sections]
    moved_to: dict[str, Section] = {}
    for ident in sorted(gone_sections):
        section = old_sections[ident]
        best = max(fresh, key=lambda s: (_similar(section, s), s.id), default=None)
        score = _similar(section, best) if best else 0.0
        if score >= NEAR:
            moved_to[ident] = best
        if section.document_id in gone_documents and score < NEAR:
            continue  # reported once for the whole document below
        document = new.documents.get(section.document_id)
        where = document.where.at("version") if document else new.where.file.where_key(("changelog",))
        heading = f" ({section.heading})" if section.heading else ""
        if score >= NEAR:
            kind = "identiskt" if score == 1.0 else "nästan identiskt"
            findings.append(warning(
                "section-removed", where,
                f"Avsnittet '{ident}'{heading} i '{section.document_id}' finns inte längre; ett {kind} avsnitt står nu "
                f"som '{best.id}' i '{best.document_id}'.",
                f"Ett avsnitt behåller sitt id när det flyttas eller numreras om: byt tillbaka '{best.id}' till "
                f"'{ident}', så fungerar länkar och jämförelser."))
        else:
            findings.append(warning(
                "section-removed", where,
                f"Avsnittet '{ident}'{heading} i '{section.document_id}' har tagits bort sedan {rev}.",
                "Kontrollera att borttagningen är avsiktlig och står i changelog."))
    for ident in sorted(gone_documents):
        findings.append(warning(
            "document-removed", new.where.file.where_key(("changelog",)),
            f"Dokumentet '{ident}' har tagits bort ur perioden {new.id} sedan {rev}.",
            "Kontrollera att borttagningen är avsiktlig och står i periodens changelog."))
    removed = gone_sections | gone_documents | {g for g in old.guidelines if g not in new.guidelines
                                                and g not in new.documents and g not in new_sections}
    for ref in iter_references(new):
        if ref.ident not in removed:
            continue
        moved = moved_to.get(ref.ident)
        findings.append(error(
            "removed-reference", ref.where,
            f"{ref.what} '{ref.ident}' har tagits bort sedan {rev}, men hänvisningen hit finns kvar.",
            f"Ändra hänvisningen till '{moved.id}', dit avsnittet har flyttats." if moved else
            "Ändra eller ta bort hänvisningen; ett avsnitt som andra hänvisar till kan inte tas bort ensamt."))
    return findings
