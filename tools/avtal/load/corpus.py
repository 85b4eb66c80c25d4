"""Find, load and validate every file of the corpus; build the model.

Layout (one folder per contract period, registers beside them)::

    agreement/register/lagar.yaml      statutes
    agreement/register/begrepp.yaml    glossary
    agreement/register/ansvar.yaml     topics and actors of the responsibility statements
    agreement/register/omraden.yaml    delregioner and närområden
    agreement/granskade.yaml           findings the working group has reviewed (check.reviewed)
    agreement/<period>/period.yaml     the period manifest
    agreement/<period>/**/*.yaml       documents
    agreement/<period>/riktlinjer/*.yaml  guidelines and other governing documents
    agreement/<period>/andringar/*.yaml   changes, one per file (``load.changes``: versions follow)
    agreement/<period>/beslut/*.yaml      decisions, one per file, beside those in period.yaml
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import dates, model
from ..errors import CannotRun
from ..findings import Finding, Position, error, warning
from ..sourcefile import LoadedFile
from .build import (actors_from, areas_from, change_from, decision_from, document_from, guideline_from, period_from,
                    reviewed_from, statutes_from, terms_from, texts_of, topics_from)
from .changes import apply as apply_changes
from .responsibilities import resolve as resolve_responsibilities
from .schema import validate
from .tree import PERIOD_FILE, REGISTER_DIR, hidden, link_finding, passed_over, tree, unprintable_names
from .yamlfile import display_path, load_file, load_text

GUIDELINE_DIR = "riktlinjer"
#: Folders of a period whose files each hold one record: a change (one change-log entry) or a decision.
RECORD_DIRS = {"andringar": "change", "beslut": "decision"}
REGISTER_FILES = {"lagar.yaml": "statutes", "begrepp.yaml": "glossary", "ansvar.yaml": "responsibility",
                  "omraden.yaml": "areas"}
REVIEWED_FILE = "granskade.yaml"  # agreement/granskade.yaml: findings the working group has reviewed


@dataclass(frozen=True)
class SourceFile:
    """A corpus file found on disk or in git, with the schema kind its place calls for and its period."""

    path: Path
    kind: str  # a schema kind: document, guideline, period, statutes, glossary, change, decision, responsibility, areas
    period: str | None


def classify(parts: tuple[str, ...]) -> tuple[str, str | None]:
    """(kind, period) of a file from its path parts below agreement/, e.g. ``("2023-2026", "del-b.yaml")``.

    kind is a schema kind or "unknown" (a file where no data is expected); period is None for registers.
    """
    if parts[0] == REGISTER_DIR:
        return REGISTER_FILES.get(parts[-1], "unknown"), None
    if len(parts) == 1:
        return ("reviewed" if parts[0] == REVIEWED_FILE else "unknown"), None
    if parts[-1] == PERIOD_FILE and len(parts) == 2:
        return "period", parts[0]
    if parts[1] == GUIDELINE_DIR:
        return ("guideline" if len(parts) == 3 else "unknown"), parts[0]  # not in a folder under riktlinjer/
    if parts[1] in RECORD_DIRS:
        return (RECORD_DIRS[parts[1]] if len(parts) == 3 else "unknown"), parts[0]
    return "document", parts[0]


def discover(agreement_dir: Path) -> list[SourceFile]:
    """Every YAML file (``.yaml``, ``.yml``) under agreement_dir, sorted by path, with the kind of data it must
    hold. Links are not followed, and not listed (see ``tree.links``)."""
    return _sources(agreement_dir, tree(agreement_dir)[0])


def _sources(agreement_dir: Path, files: list[Path]) -> list[SourceFile]:
    return [SourceFile(path, *classify(path.relative_to(agreement_dir).parts))
            for path in files if path.suffix in (".yaml", ".yml") and not hidden(path.relative_to(agreement_dir))]


class UnusableCorpus(CannotRun):
    """A corpus read leniently (for a comparison) lacks what the model needs; the message is Swedish."""


def find_root(start: Path) -> Path:
    """The project folder: the nearest of start and its ancestors holding mkdocs.yml and agreement/.

    Raises CannotRun when there is none.
    """
    for folder in (start, *start.parents):
        if (folder / "agreement").is_dir() and (folder / "mkdocs.yml").is_file():
            return folder
    raise CannotRun(f"hittar ingen projektmapp (med agreement/ och mkdocs.yml) i {start} eller ovanför; "
                    "kör kommandot i projektet eller ange --root.")


def load_corpus(root: Path, *, lenient: bool = False) -> tuple[model.Corpus, list[Finding]]:
    """Load and schema-check every file under root/agreement; build the model of the valid ones.

    Returns (corpus, findings). Codes emitted: those of the YAML loader (``yaml-*``, ``file-*``) and the
    schemas (``schema-*``), ``file-symlink`` (every link under agreement/, never followed; agreement/ itself
    a link: nothing is read),
    ``file-internal-error`` (see ``guarded``), ``file-name`` (``tree.unprintable_names``), ``corpus-missing``,
    ``corpus-unknown-file``,
    ``period-folder``, ``period-missing``, ``duplicate-id``. With ``lenient`` (a comparison, which is
    informational) no schema is applied and every file that can be built is used; a file that cannot
    raises UnusableCorpus; links are passed over.
    """
    agreement_dir = root / "agreement"
    if not agreement_dir.is_dir():
        if lenient:
            raise UnusableCorpus(f"mappen {agreement_dir} finns inte.")
        return model.Corpus(), [error("corpus-missing", Position(str(agreement_dir)), "Mappen agreement/ finns inte.",
                              "Kör kommandot i projektets rotmapp eller ange --root.")]
    if agreement_dir.is_symlink() and not lenient:
        return model.Corpus(), [error(
            "file-symlink", Position("agreement", 1, 1),
            f"Mappen agreement/ är en länk (till {os.readlink(agreement_dir)}); avtalet läses bara från en riktig mapp.",
            "Lägg avtalets filer i mappen agreement/ i projektet i stället för länken: git sparar bara länken, "
            "så det som granskas och publiceras vore något annat än det du ser.")]
    files, linked, folders = tree(agreement_dir)
    items = ((source, *guarded(display_path(source.path, root), load_file, source.path, root))
             for source in _sources(agreement_dir, files))
    corpus, findings = _assemble(items, lenient)
    if lenient:
        return corpus, findings
    return corpus, ([link_finding(link, root) for link in linked] + passed_over(agreement_dir, root, files, folders)
                    + unprintable_names(agreement_dir, root, files, folders)
                    + _missing_register(agreement_dir, root) + findings)


def _missing_register(agreement_dir: Path, root: Path) -> list[Finding]:
    """``file-missing`` at agreement/register/lagar.yaml:1:1 when the register folder is there without the
    statute register (a link there has its own finding): without it no citation can be checked, and every
    statute finding that would follow is left out (``check.run.without_follow_on_errors``), as for a register
    that cannot be read. A corpus with no register folder at all (a small test corpus) has no registers."""
    register = agreement_dir / "register" / "lagar.yaml"
    if not register.parent.is_dir() or register.exists() or register.is_symlink():
        return []
    return [error("file-missing", Position(display_path(register, root), 1, 1),
                  "Lagregistret saknas: utan det kan inga hänvisningar till lagar i texten kontrolleras.",
                  "Lägg tillbaka filen, t.ex. med git checkout -- agreement/register/lagar.yaml.")]


def corpus_from_texts(texts: dict[str, str], *, lenient: bool = False,
                      shown: str | None = None) -> tuple[model.Corpus, list[Finding]]:
    """Like load_corpus, from {path relative to the project: file text}, e.g. the files of a git revision.

    Paths outside ``agreement/``, not ending in .yaml/.yml or hidden (a part starting with a dot) are passed over. Emits the same codes as
    load_corpus except ``corpus-missing``; with ``lenient`` raises UnusableCorpus as it does.

    shown: a prefix for the paths in positions and messages (``HEAD~1:`` gives ``HEAD~1:agreement/…``).
    """
    items = []
    for path, text in sorted(texts.items()):
        parts = PurePosixPath(path).parts
        if len(parts) < 2 or parts[0] != "agreement" or PurePosixPath(path).suffix not in (".yaml", ".yml") \
                or hidden(Path(*parts[1:])):  # passed over as on disk (``passed_over``)
            continue
        source = SourceFile(Path(path), *classify(parts[1:]))
        name = f"{shown or ''}{path}"
        items.append((source, *guarded(name, load_text, text.removeprefix("\ufeff"), name)))
    return _assemble(items, lenient)


def _assemble(items, lenient: bool = False) -> tuple[model.Corpus, list[Finding]]:
    """Schema-check loaded files, (source, loaded or None, problems), and build the model of the valid ones."""
    corpus = model.Corpus()
    findings: list[Finding] = []
    valid: list[tuple[SourceFile, LoadedFile]] = []
    present: set[str] = set()  # the periods whose period.yaml exists, usable or not
    for source, loaded, problems in items:
        if source.kind == "period":
            present.add(source.period)
        if lenient and loaded is None:
            first = problems[0] if problems else None
            raise UnusableCorpus(f"{first.position}: {first.message}" if first else f"{source.path} kan inte läsas.")
        findings += problems
        if loaded is None:
            continue
        corpus.files.append(loaded)
        if source.kind == "unknown":
            below = loaded.path.partition(f"/{GUIDELINE_DIR}/")[2]
            if not lenient and "/" in below:  # agreement/<period>/riktlinjer/<folder>/…
                findings.append(error(
                    "corpus-unknown-file", Position(loaded.path, 1, 1),
                    f"Filen ligger i en mapp under {GUIDELINE_DIR}/; riktlinjer läses bara direkt i {GUIDELINE_DIR}/.",
                    f"Flytta filen till mappen {GUIDELINE_DIR}/ (ge den ett eget namn där)."))
            elif not lenient:
                findings.append(error(
                    "corpus-unknown-file", Position(loaded.path, 1, 1),
                    "Filen ligger på en plats där ingen sorts data väntas.",
                    "Dokument ligger i agreement/<period>/, riktlinjer i agreement/<period>/riktlinjer/, ändringar "
                    "och beslut i agreement/<period>/andringar/ och beslut/, registren i agreement/register/ "
                    "(lagar.yaml, begrepp.yaml, ansvar.yaml, omraden.yaml)."))
            continue
        if lenient:
            valid.append((source, loaded))
            continue
        schema_findings = guarded(loaded.path, validate, source.kind, loaded)
        findings += schema_findings
        if not problems and not schema_findings:
            valid.append((source, loaded))
    _build(corpus, valid, findings, lenient, present)
    return corpus, findings


def guarded(shown: str, load, *args):
    """load(*args), the loading or checking of one file; should it fail in a way nobody foresaw, a finding
    for that file instead ([] or (None, [finding]), as load returns), so that the rest of the corpus is
    still checked. AVTAL_DEBUG=1 lets the exception through, with its traceback."""
    try:
        return load(*args)
    except Exception as exc:  # noqa: BLE001 - any fault in one file's loading is that file's finding
        if os.environ.get("AVTAL_DEBUG"):
            raise
        finding = internal_error(shown, exc)
        return [finding] if load is validate else (None, [finding])  # what each kind of load returns


def internal_error(shown: str, exc: Exception) -> Finding:
    """The ``file-internal-error`` finding for a file whose loading raised exc, about the whole file."""
    return error("file-internal-error", Position(shown, 1, 1),
                 f"Filen kunde inte läsas in på grund av ett internt fel ({type(exc).__name__}); resten av avtalet "
                 "har kontrollerats.",
                 "Rapportera gärna felet tillsammans med filen. Jämför under tiden filen med de andra filerna "
                 "av samma slag.")


def _made(make, loaded: LoadedFile, *args, lenient: bool, findings: list[Finding]):
    """make(loaded, *args); leniently read data that lacks what the model needs raises UnusableCorpus.
    Strictly, a failure nobody foresaw becomes the file's finding and None (the file is left out)."""
    if not lenient:
        made = guarded(loaded.path, make, loaded, *args)
        if isinstance(made, tuple):  # (None, [finding]) from guarded
            findings += made[1]
            return None
        return made
    try:
        return make(loaded, *args)
    except (KeyError, TypeError, AttributeError) as exc:
        raise UnusableCorpus(f"{loaded.path}: filen saknar det en jämförelse behöver ({exc}).") from None


_PERIOD_NAME = re.compile(r"(\d{4})-(\d{4})")


def stand_in(folder: str, first: LoadedFile) -> model.Period | None:
    """A period made from its folder's name (``2023-2026``: 1 January 2023 to 31 December 2026) for a period
    whose period.yaml cannot be used or is missing (its own findings, or ``period-missing``, say why), so that
    the period's documents are still loaded and checked: links, characters, statutes, references among them.
    It has no agreement, key terms, decisions or events; ``stand_in`` is set, and the checks that need the
    manifest leave its files alone (``check.run.without_follow_on_errors``). first: the first of the period's
    files, where the stand-in's own position points. None for a folder not named as a period is, or named with
    a year outside dates.FIRST_YEAR–LAST_YEAR (``period-folder`` applies)."""
    named = _PERIOD_NAME.fullmatch(folder)
    if named is None or not all(dates.FIRST_YEAR <= int(year) <= dates.LAST_YEAR for year in named.groups()):
        return None
    return model.Period(id=folder, title=folder, valid_from=f"{named[1]}-01-01", valid_to=f"{named[2]}-12-31",
                        agreement="", where=model.Located(first, ()), stand_in=True)


def _build(corpus: model.Corpus, valid, findings: list[Finding], lenient: bool = False,
           present: set[str] = frozenset()) -> None:
    """Build the model of the valid files into corpus. present: the periods whose period.yaml exists,
    valid or not (an invalid one has its own findings; its documents are then not said to lack it)."""
    for source, loaded in valid:
        if source.kind == "period":
            period = _made(period_from, loaded, lenient=lenient, findings=findings)
            if period is None:
                continue
            if lenient:  # unchecked: a term that no date can be counted from is said with its file
                try:
                    dates.day(period.valid_from), dates.day(period.valid_to)
                except ValueError as exc:
                    raise UnusableCorpus(f"{loaded.path}: {exc}") from None
            if period.id != source.period:
                findings.append(error(
                    "period-folder", loaded.where(("id",)),
                    f"Perioden har id '{period.id}' men ligger i mappen '{source.period}'.",
                    "Periodens id och mappens namn ska vara lika."))
            corpus.periods[source.period] = period
        elif source.kind == "statutes":
            corpus.statutes = _made(statutes_from, loaded, lenient=lenient, findings=findings) or []
        elif source.kind == "glossary":
            corpus.terms = _made(terms_from, loaded, lenient=lenient, findings=findings) or []
        elif source.kind == "responsibility":
            corpus.topics = _made(topics_from, loaded, lenient=lenient, findings=findings) or []
            corpus.actors = _made(actors_from, loaded, lenient=lenient, findings=findings) or []
        elif source.kind == "areas":
            corpus.areas = _made(areas_from, loaded, lenient=lenient, findings=findings) or []
        elif source.kind == "reviewed":
            corpus.reviewed = _made(reviewed_from, loaded, lenient=lenient, findings=findings) or []
    reported: set[str] = set()
    records: list[tuple[model.Period, str, object]] = []  # (period, kind, the change or decision) in file order
    for source, loaded in valid:
        if source.kind not in ("document", "guideline", "change", "decision"):
            continue
        period = corpus.periods.get(source.period)
        if period is None and source.period not in reported | present and not lenient:
            reported.add(source.period)
            findings.append(error(
                "period-missing", Position(loaded.path, 1, 1),
                f"Mappen '{source.period}' saknar {PERIOD_FILE}.",
                f"Skapa agreement/{source.period}/{PERIOD_FILE} eller flytta filen till en periods mapp."))
        if period is None and not lenient:  # period.yaml unusable or missing: its documents are still checked
            period = stand_in(source.period, loaded)
            if period is not None:
                corpus.periods[source.period] = period
        if period is None:
            continue
        if source.kind in ("change", "decision"):
            make = change_from if source.kind == "change" else decision_from
            record = _made(make, loaded, lenient=lenient, findings=findings)
            if record is not None:
                records.append((period, source.kind, record))
                if source.kind == "decision":  # a decision's words are checked as period.yaml's are
                    period.own_texts += texts_of("decision", loaded)
            continue
        if source.kind == "document":
            item = _made(document_from, loaded, period.id, lenient=lenient, findings=findings)
            bucket = period.documents
        else:
            item = _made(guideline_from, loaded, period.id, lenient=lenient, findings=findings)
            bucket = period.guidelines
        if item is None:
            continue
        if item.id in period.documents or item.id in period.guidelines:
            if lenient:
                continue  # the first file of an id is compared
            other = (period.documents.get(item.id) or period.guidelines.get(item.id)).where.position
            findings.append(error(
                "duplicate-id", loaded.where(("id",)),
                f"Id '{item.id}' används redan av ett annat dokument i perioden {period.id}.",
                f"Ge dokumentet ett eget id; det andra står i {other}.", related=[other]))
            continue
        bucket[item.id] = item
    for period, kind, record in records:
        (period.changes if kind == "change" else period.decisions).append(record)
    for period in corpus.periods.values():
        if period.changes:
            apply_changes(period)
    resolve_responsibilities(corpus)
