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
- in an adopted period (an antagande in its events) a new *materiell* change (of period.yaml or any of its
  documents) names a decision in the period's decisions. The rule is Del A's own ("Ändringar och tillägg":
  changes and additions to the agreement and to an överenskommelse apply after a decision has gained legal
  force with all parties): a *redaktionell* change (spelling, numbering, links, markup; the meaning as
  adopted) changes nothing the parties agreed and needs no decision, though it may name one. Guidelines
  are decided by others (e.g. VGR and VästKom) and need no decision of the period.

"Content" is the file's data without version, changelog, notes and responsibility statements: notes
record what an editor noticed about the source, statements who the adopted words make responsible
(their quotes must repeat those words exactly); neither changes anything the parties agreed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..dates import today
from ..findings import Finding, Position, Severity, error, hint, warning
from ..git import branch_start, read_revision
from ..load import corpus_from_texts, load_corpus
from ..load.yamlfile import MAX_BYTES
from ..load.changes import next_version, version_tuple
from ..model import Change, Corpus, Document, Guideline, Period, Section
from ..sourcefile import unix_line_breaks
from ..status import adopted
from .decisions import older
from .numbers import stale_numbers
from .removed import removed as removed_sections


def check_against_base(root: Path, base: str, work: Corpus | None = None,
                       unusable: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
    """Findings for the working tree under root compared with where its branch left git revision `base`.

    What is compared is what the branch changed: the base side is the merge-base of HEAD and `base`
    (``git.branch_start``), so changes merged into the base after the branch started are not taken for the
    branch's own. work: the working tree's corpus when already loaded; unusable: the paths (as findings
    show them) of files that do not parse or validate now, which have findings of their own and are left
    out of the comparison on both sides (never reported as removed). Codes: those of ``compare``,
    ``base-unreadable`` (a tip) for a period or file that exists now but could not be read at the base, and
    ``base-moved`` (a tip) when the base has moved on since the branch started.
    Raises RevisionError (a CannotRun) when the revision cannot be read.
    """
    start = branch_start(root, base)
    texts = read_revision(root, start.commit)
    base_corpus, problems = corpus_from_texts(texts)
    if work is None:
        work, _ = load_corpus(root)
    base_corpus, skip = _without(base_corpus, set(unusable), root)
    label, shown = (base, base) if not start.behind else (f"{start.commit[:7]} (där grenen utgick från {base})",
                                                          start.commit[:7])
    findings = _unreadable(texts, base_corpus, problems, work, label, shown) + compare(base_corpus, work, label, skip)
    if start.behind:
        findings.append(hint(
            "base-moved", Position("agreement"),
            f"{base} har {start.behind} {'commit' if start.behind == 1 else 'commits'} som grenen saknar; ändringarna "
            f"jämförs med {start.commit[:7]}, där grenen utgick från {base}.",
            f"Uppdatera grenen (git merge {base}, eller Update branch på GitHub) och kör kontrollen igen innan "
            "pull requesten slås ihop."))
    return findings


_TARGET = re.compile(r"""^document:[ \t]*["']?([a-z0-9]+(?:-[a-z0-9]+)*)""", re.M)


def _without(corpus: Corpus, paths: set[str], root: Path) -> tuple[Corpus, dict[str, set[str]]]:
    """(the base corpus without what stands in the given files, {period: ids not to compare}).

    A period whose period.yaml is among the files is dropped whole, a document or guideline from its period;
    what an unusable change file (now or at the base) changes is kept but not compared: its change log
    cannot be read whole (the change file's id is read as text, it may not parse)."""
    if not paths:
        return corpus, {}
    periods, skip = {}, {}
    for pid, period in corpus.periods.items():
        if period.where.file.path in paths:
            continue
        periods[pid] = replace(
            period, documents={i: d for i, d in period.documents.items() if d.where.file.path not in paths},
            guidelines={i: g for i, g in period.guidelines.items() if g.where.file.path not in paths})
        skip[pid] = {c.target for c in period.changes if c.source in paths}
    for path in paths:
        parts = path.split("/")
        if len(parts) == 4 and parts[0] == "agreement" and parts[2] == "andringar" and (root / path).is_file() \
                and not (root / path).is_symlink():
            text = (root / path).read_bytes()[:MAX_BYTES].decode("utf-8", errors="replace")
            skip.setdefault(parts[1], set()).update(_TARGET.findall(unix_line_breaks(text)))
    return replace(corpus, periods=periods), skip


def _unreadable(texts: dict[str, str], base: Corpus, problems: list[Finding], work: Corpus,
                rev: str, shown: str) -> list[Finding]:
    """Hints for what exists now but could not be read (or broke a rule) at the revision, so is not compared."""
    findings, skipped = [], set()
    for pid, period in sorted(work.periods.items()):
        if pid not in base.periods and any(p.startswith(f"agreement/{pid}/") for p in texts):
            skipped.add(f"agreement/{pid}/")
            findings.append(hint(
                "base-unreadable", Position(period.where.file.path),
                f"Perioden {pid} kunde inte läsas in som den såg ut i {rev}; ingenting i den jämförs.",
                f"Kör 'git show {shown}:{period.where.file.path}' för att se den tidigare versionen."))
    now = {f.path for f in work.files}
    counts: dict[str, int] = {}
    for problem in problems:
        path = problem.position.file
        if problem.severity is Severity.ERROR and path in now and not path.startswith(tuple(skipped)):
            counts[path] = counts.get(path, 0) + 1
    return findings + [hint(
        "base-unreadable", Position(path),
        f"Filen kunde inte läsas in som den såg ut i {rev} ({n} fel mot dagens regler); dess ändringar jämförs inte.",
        f"Kör 'git show {shown}:{path}' för att se den tidigare versionen.") for path, n in sorted(counts.items())]


def combine(check_findings: list[Finding], base_findings: list[Finding]) -> list[Finding]:
    """All findings, a reference to a removed id reported once (as removed, not merely dangling).

    A ``dangling-reference`` at the position of a ``removed-reference`` is dropped.
    """
    removed_at = {f.position for f in base_findings if f.code == "removed-reference"}
    kept = [f for f in check_findings if not (f.code == "dangling-reference" and f.position in removed_at)]
    return kept + base_findings


# --- comparing two corpora -------------------------------------------------------------------

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


def compare(base: Corpus, work: Corpus, rev: str, skip: dict[str, set[str]] | None = None) -> list[Finding]:
    """The version rules (module docstring) for every period on both sides; rev names the base in messages;
    skip: {period id: ids of documents and guidelines not to compare} (a change file of theirs is unusable).

    Errors: ``version-lowered``, ``version-not-raised``, ``changelog-missing``, ``changelog-sections``,
    ``decision-missing``, ``removed-reference``. Warnings: ``section-removed``, ``document-removed``,
    ``changelog-renumbered``, ``decision-older``, ``section-number-stale`` (``check.numbers``).
    """
    findings = []
    for pid, period in sorted(work.periods.items()):
        if pid in base.periods:
            findings += _compare_period(base.periods[pid], period, rev, (skip or {}).get(pid, set()))
    return findings


def _compare_period(old: Period, new: Period, rev: str, skip: set[str]) -> list[Finding]:
    in_force = adopted(old) or adopted(new)  # an adopted period changes only by decision
    old_sections, new_sections = _sections(old), _sections(new)
    findings, moved_to = removed_sections(old, new, rev, old_sections, new_sections, recorded(old, new))
    renamed = {section.id: ident for ident, section in moved_to.items()}
    rules = _Rules(rev, in_force, new, old, renamed)
    for ident, document in sorted(new.documents.items()):
        before = old.documents.get(ident)
        if ident in skip:
            continue
        if before is None:
            if in_force:
                findings += rules.decision(document.changelog)
            continue
        required = [s.id for s in document.walk()
                    if s.id not in old_sections or _signature(old_sections[s.id]) != _signature(s)]
        findings += rules.versioned(document, before, required)
    for ident, guideline in sorted(new.guidelines.items()):
        before = old.guidelines.get(ident)
        if before is not None and ident not in skip:
            findings += replace(rules, in_force=False).versioned(guideline, before, [])
    if new.id not in skip:
        findings += rules.period_changed(old, new)
    return findings + stale_numbers(old, new, rev)


def new_entries(item, before) -> list[Change]:
    """The change-log entries of item (a document, guideline or period) that before (the same at the base)
    lacks: a change file by its file, an entry in the file by its words."""
    seen = {_key(c) for c in before.changelog}
    return [c for c in item.changelog if _key(c) not in seen]


def _key(change: Change):
    return ("fil", change.key) if change.key else ("rad", change)


def _moved(item, before) -> list[Change]:
    """The change files of item the base had too, whose version is now another (one dated before was added)."""
    was = {c.source: c.version for c in before.changelog if c.source}
    return [c for c in item.changelog if c.source in was and was[c.source] != c.version]


def recorded(old: Period, new: Period) -> set[str]:
    """The section ids named by the change-log entries each document of new has and the same in old lacks."""
    return {ident for document in new.documents.values() if document.id in old.documents
            for change in new_entries(document, old.documents[document.id]) for ident in change.sections}


def _what(item) -> str:
    if isinstance(item, Period):
        return f"Perioden {item.id} (period.yaml)"
    return f"Riktlinjen '{item.id}'" if isinstance(item, Guideline) else f"Dokumentet '{item.id}'"


@dataclass(frozen=True)
class _Rules:
    """The version rules for the items of one period: rev names the base; in_force: changes need decisions;
    period and base: the period now and at the base; renamed {new id: old id} of sections under new ids."""

    rev: str
    in_force: bool
    period: Period
    base: Period
    renamed: dict[str, str]

    def versioned(self, item: Document | Guideline, before, required: list[str]) -> list[Finding]:
        """A changed document or guideline has a new entry for a higher version naming the changed sections."""
        changed = _content(item.where.file.data) != _content(before.where.file.data)
        old_v, new_v = version_tuple(before.version), version_tuple(item.version)
        what, rev = _what(item), self.rev
        if new_v < old_v:
            return [error(
                "version-lowered", item.where.at("version"),
                f"{what} har version {item.version}, lägre än {before.version} i {rev}.",
                "Versioner får bara höjas: sänk inte version: och ta inte bort någon fil under andringar/.")]
        entries = new_entries(item, before)
        moved = _moved(item, before)
        findings = self.renumbered(entries, moved, before)
        if not (changed or entries or new_v > old_v):
            return findings
        if not entries and not changed:
            return findings + [self.unlogged(item)]
        if not entries:
            return findings + [error(
                "changelog-missing", item.where.file.where_key(("changelog",)),
                f"{what} har ändrats sedan {rev} men ändringen är inte beskriven: ingen ny ändringsfil under "
                f"agreement/{self.period.id}/andringar/.", self.describe(item, required))]
        if new_v == old_v:
            return findings + [error(
                "version-not-raised", item.where.at("version"),
                f"{what} har en ny rad i changelog sedan {rev} men har fortfarande version {item.version}.",
                f"Höj version: till {next_version(item.version)}, samma version som den nya raden, eller skriv "
                "ändringen i en egen fil under andringar/ i stället: då följer versionen av sig själv.")]
        if not any(version_tuple(c.version) == new_v for c in [*entries, *moved]):
            return findings + [self.unlogged(item)]
        findings += self.sections(entries, required)
        if self.in_force:
            findings += self.decision(entries)
        return findings

    def unlogged(self, item) -> Finding:
        """changelog-missing for a version raised in the file with no change-log entry for it."""
        return error(
            "changelog-missing", item.where.file.where_key(("changelog",)),
            f"{_what(item)} har version {item.version} men ingen rad i changelog för den versionen.",
            f"Lägg till raden för version {item.version} i changelog, eller låt version: vara och skriv ändringen i "
            "en egen fil under andringar/: då följer versionen av sig själv.")

    def describe(self, item, required: list[str]) -> str:
        """The hint for an undescribed change: the change file to write, with its name and fields."""
        name = f"{today().isoformat()}-{required[0] if required else item.id}.yaml"
        fields = ["date", "summary", "nature"] + (["decision (för en materiell ändring: perioden är gällande)"] if self.in_force else [])
        named = f" och sections: [{', '.join(required)}]" if required else ""
        return (f"Skriv ändringen i en egen fil, t.ex. agreement/{self.period.id}/andringar/{name}, med "
                f"document: {item.id}, {', '.join(fields)}{named}; versionen ({next_version(item.version)}) "
                "följer av sig själv." + self.rename_advice(required))

    def rename_advice(self, required: list[str]) -> str:
        """For a section under a new id: rename it back, as section-removed says."""
        back = [f"'{new}' till '{self.renamed[new]}'" for new in required if new in self.renamed]
        return (f" Ett avsnitt som bara fått nytt id behåller sitt gamla: byt tillbaka {', '.join(back)}."
                if back else "")

    def sections(self, entries: list[Change], required: list[str]) -> list[Finding]:
        """The new entries together name every changed or added section."""
        named = {s for c in entries for s in c.sections}
        missing = [s for s in required if s not in named]
        if not missing:
            return []
        last = entries[-1]
        return [error(
            "changelog-sections", last.where.at("sections") if last.sections else last.where.position,
            f"Ändringen (version {last.version}) nämner inte de ändrade avsnitten: {', '.join(missing)}.",
            f"Skriv sections: [{', '.join(dict.fromkeys([*last.sections, *missing]))}]."
            + self.rename_advice(missing))]

    def decision(self, entries: list[Change]) -> list[Finding]:
        """In a period in force each new materiell entry names a decision (module docstring: Del A's rule; one
        that does not exist is a dangling reference, reported by check.references; its date is checked by
        check.decisions). A redaktionell entry needs none."""
        if not entries:
            return []
        findings = older(entries, self.base, self.period, self.rev)
        return findings + [error(
            "decision-missing", change.where.position,
            f"Perioden {self.period.id} är gällande: en materiell ändring gäller först efter beslut hos parterna "
            f"(Del A, Ändringar och tillägg), men ändringen (version {change.version}) anger inget beslut.",
            f"Ange decision: med id för beslutet; finns det inte än, lägg det i en egen fil "
            f"agreement/{self.period.id}/beslut/<id>.yaml (id, body, date, summary). Är ändringen bara en "
            "rättelse som inte ändrar innebörden, skriv nature: redaktionell.")
            for change in entries if change.nature == "materiell" and not change.decision]

    def renumbered(self, entries: list[Change], moved: list[Change], before) -> list[Finding]:
        """A warning when new changes move the version of a change file the base had (one dated before it)."""
        if not moved or not entries:
            return []
        was = {c.source: c.version for c in before.changelog if c.source}
        first = moved[0]
        return [warning(
            "changelog-renumbered", entries[0].where.at("date"),
            f"Ändringen är daterad före '{first.source}', som hade version {was[first.source]} i {self.rev} och nu "
            f"får {first.version}.",
            "Versionerna följer ändringarnas datum. Är datumet rätt är det också rätt att versionerna flyttas; "
            "annars rätta datumet.")]

    def period_changed(self, old: Period, new: Period) -> list[Finding]:
        """A changed period.yaml has a new entry (in changelog or a change file of the period) with a higher
        version than the base's highest, and in a period in force a decision."""
        entries = new_entries(new, old)
        if _content(old.where.file.data) == _content(new.where.file.data):
            return self.decision(entries) if self.in_force and entries else []
        latest = max((c.version for c in old.changelog), key=version_tuple, default="0")
        entries = [c for c in entries if version_tuple(c.version) > version_tuple(latest)]
        if entries:
            return self.decision(entries) if self.in_force else []
        added = [d.id for d in new.decisions if d.where and d.where.file is new.where.file
                 and d.id not in {x.id for x in old.decisions}]
        only_decisions = _content({**old.where.file.data, "decisions": None}) == \
            _content({**new.where.file.data, "decisions": None})
        message = f"Perioden {new.id} (period.yaml) har ändrats sedan {self.rev} men ändringen är inte beskriven."
        advice = (f"Skriv ändringen i en egen fil, t.ex. agreement/{new.id}/andringar/{today().isoformat()}-period.yaml, "
                  f"med document: {new.id}, date, summary, nature" + (", decision (för en materiell ändring)" if self.in_force else "") + ".")
        if added and only_decisions:
            listed = "', '".join(added)
            message = (f"Beslutet '{listed}' har lagts till i period.yaml, och en ändring av period.yaml behöver en "
                       "ändringsfil.")
            advice = (f"Flytta beslutet till en egen fil, agreement/{new.id}/beslut/{added[0]}.yaml: ett beslut i en "
                      "egen fil ändrar inte period.yaml och behöver ingen ändringsfil. Eller: " + advice[0].lower() + advice[1:])
        return [error("changelog-missing", new.where.file.where_key(("changelog",)), message, advice)]


def written_versions(corpus: Corpus) -> list[Finding]:
    """A document or guideline with change files keeps the ``version:`` its own change log ends at: the
    version follows from the change files (``load.changes``), so one raised by hand would be silently
    overridden. Code: ``version-written`` (error, at ``version``); a version that is no number is the
    schema's finding."""
    findings = []
    for period in corpus.periods.values():
        for item in [*period.documents.values(), *period.guidelines.values()]:
            files = [c for c in item.changelog if c.key]
            written = item.where.file.data.get("version") if item.where is not None else None
            own = [c.version for c in item.changelog if not c.key]
            if not files or not isinstance(written, str) or not own:
                continue
            try:
                expected = max(own, key=version_tuple)
                if version_tuple(written) == version_tuple(expected):
                    continue
            except ValueError:
                continue
            findings.append(error(
                "version-written", item.where.at("version"),
                f"{_what(item)} har version: \"{written}\" skrivet i filen, men versionen följer av ändringsfilerna "
                f"under agreement/{period.id}/andringar/ (nu {item.version}).",
                f"Skriv tillbaka version: \"{expected}\" (den sista versionen i filens changelog); varje ändringsfil "
                "höjer versionen ett steg av sig själv."))
    return findings

