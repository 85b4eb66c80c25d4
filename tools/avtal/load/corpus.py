"""Find, load and validate every file of the corpus; build the model.

Layout (one folder per contract period, registers beside them)::

    agreement/register/lagar.yaml      statutes
    agreement/register/begrepp.yaml    glossary
    agreement/register/ansvar.yaml     topics and actors of the responsibility statements
    agreement/register/omraden.yaml    delregioner and närområden
    agreement/<period>/period.yaml     the period manifest
    agreement/<period>/**/*.yaml       documents
    agreement/<period>/riktlinjer/*.yaml  guidelines and other governing documents
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import model
from ..errors import CannotRun
from ..findings import Finding, Position, error
from ..sourcefile import LoadedFile
from . import build, responsibilities, schema
from .yamlfile import load_file, load_text

PERIOD_FILE = "period.yaml"
GUIDELINE_DIR = "riktlinjer"
REGISTER_DIR = "register"
REGISTER_FILES = {"lagar.yaml": "statutes", "begrepp.yaml": "glossary", "ansvar.yaml": "responsibility",
                  "omraden.yaml": "areas"}


@dataclass(frozen=True)
class SourceFile:
    """A corpus file found on disk or in git, with the schema kind its place calls for and its period."""

    path: Path
    kind: str  # a schema kind: document, guideline, period, statutes, glossary, responsibility, areas
    period: str | None


def classify(parts: tuple[str, ...]) -> tuple[str, str | None]:
    """(kind, period) of a file from its path parts below agreement/, e.g. ``("2023-2026", "del-b.yaml")``.

    kind is a schema kind or "unknown" (a file where no data is expected); period is None for registers.
    """
    if parts[0] == REGISTER_DIR:
        return REGISTER_FILES.get(parts[-1], "unknown"), None
    if len(parts) == 1:
        return "unknown", None
    if parts[-1] == PERIOD_FILE and len(parts) == 2:
        return "period", parts[0]
    if parts[1] == GUIDELINE_DIR:
        return "guideline", parts[0]
    return "document", parts[0]


def discover(agreement_dir: Path) -> list[SourceFile]:
    """Every YAML file (``.yaml``, ``.yml``) under agreement_dir, sorted by path, with the kind of data it must hold."""
    files = []
    for path in sorted(agreement_dir.rglob("*")):
        if path.is_dir() or path.suffix not in (".yaml", ".yml"):
            continue
        files.append(SourceFile(path, *classify(path.relative_to(agreement_dir).parts)))
    return files


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
    schemas (``schema-*``), ``corpus-missing``, ``corpus-unknown-file``, ``period-folder``,
    ``period-missing``, ``duplicate-id``. With ``lenient`` (a comparison, which is informational) no
    schema is applied and every file that can be built is used; a file that cannot raises UnusableCorpus.
    """
    agreement_dir = root / "agreement"
    if not agreement_dir.is_dir():
        if lenient:
            raise UnusableCorpus(f"mappen {agreement_dir} finns inte.")
        return model.Corpus(), [error("corpus-missing", Position(str(agreement_dir)), "Mappen agreement/ finns inte.",
                              "Kör kommandot i projektets rotmapp eller ange --root.")]
    return _assemble(((source, *load_file(source.path, root)) for source in discover(agreement_dir)), lenient)


def corpus_from_texts(texts: dict[str, str], *, lenient: bool = False,
                      shown: str | None = None) -> tuple[model.Corpus, list[Finding]]:
    """Like load_corpus, from {path relative to the project: file text}, e.g. the files of a git revision.

    Paths outside ``agreement/`` or not ending in .yaml/.yml are passed over. Emits the same codes as
    load_corpus except ``corpus-missing``; with ``lenient`` raises UnusableCorpus as it does.

    shown: a prefix for the paths in positions and messages (``HEAD~1:`` gives ``HEAD~1:agreement/…``).
    """
    items = []
    for path, text in sorted(texts.items()):
        parts = PurePosixPath(path).parts
        if len(parts) < 2 or parts[0] != "agreement" or PurePosixPath(path).suffix not in (".yaml", ".yml"):
            continue
        source = SourceFile(Path(path), *classify(parts[1:]))
        items.append((source, *load_text(text.removeprefix("\ufeff"), f"{shown or ''}{path}")))
    return _assemble(items, lenient)


def _assemble(items, lenient: bool = False) -> tuple[model.Corpus, list[Finding]]:
    """Schema-check loaded files, (source, loaded or None, problems), and build the model of the valid ones."""
    corpus = model.Corpus()
    findings: list[Finding] = []
    valid: list[tuple[SourceFile, LoadedFile]] = []
    for source, loaded, problems in items:
        if lenient and loaded is None:
            first = problems[0] if problems else None
            raise UnusableCorpus(f"{first.position}: {first.message}" if first else f"{source.path} kan inte läsas.")
        findings += problems
        if loaded is None:
            continue
        corpus.files.append(loaded)
        if source.kind == "unknown":
            if not lenient:
                findings.append(error(
                    "corpus-unknown-file", Position(loaded.path),
                    "Filen ligger på en plats där ingen sorts data väntas.",
                    "Dokument ligger i agreement/<period>/, riktlinjer i agreement/<period>/riktlinjer/, "
                    "registren i agreement/register/ (lagar.yaml, begrepp.yaml, ansvar.yaml, omraden.yaml)."))
            continue
        if lenient:
            valid.append((source, loaded))
            continue
        schema_findings = schema.validate(source.kind, loaded)
        findings += schema_findings
        if not problems and not schema_findings:
            valid.append((source, loaded))
    _build(corpus, valid, findings, lenient)
    return corpus, findings


def _made(make, loaded: LoadedFile, *args, lenient: bool):
    """make(loaded, *args); leniently read data that lacks what the model needs raises UnusableCorpus."""
    if not lenient:
        return make(loaded, *args)
    try:
        return make(loaded, *args)
    except (KeyError, TypeError, AttributeError) as exc:
        raise UnusableCorpus(f"{loaded.path}: filen saknar det en jämförelse behöver ({exc}).") from None


def _build(corpus: model.Corpus, valid, findings: list[Finding], lenient: bool = False) -> None:
    for source, loaded in valid:
        if source.kind == "period":
            period = _made(build.period_from, loaded, lenient=lenient)
            if period.id != source.period:
                findings.append(error(
                    "period-folder", loaded.where(("id",)),
                    f"Perioden har id '{period.id}' men ligger i mappen '{source.period}'.",
                    "Periodens id och mappens namn ska vara lika."))
            corpus.periods[source.period] = period
        elif source.kind == "statutes":
            corpus.statutes = _made(build.statutes_from, loaded, lenient=lenient)
        elif source.kind == "glossary":
            corpus.terms = _made(build.terms_from, loaded, lenient=lenient)
        elif source.kind == "responsibility":
            corpus.topics, corpus.actors = _made(build.topics_and_actors_from, loaded, lenient=lenient)
        elif source.kind == "areas":
            corpus.areas = _made(build.areas_from, loaded, lenient=lenient)
    reported: set[str] = set()
    for source, loaded in valid:
        if source.kind not in ("document", "guideline"):
            continue
        period = corpus.periods.get(source.period)
        if period is None and source.period not in reported and not lenient:
            reported.add(source.period)
            findings.append(error(
                "period-missing", Position(loaded.path),
                f"Mappen '{source.period}' saknar {PERIOD_FILE}.",
                f"Skapa agreement/{source.period}/{PERIOD_FILE} eller flytta filen till en periods mapp."))
        if period is None:
            continue
        if source.kind == "document":
            item = _made(build.document_from, loaded, period.id, lenient=lenient)
            bucket = period.documents
        else:
            item = _made(build.guideline_from, loaded, period.id, lenient=lenient)
            bucket = period.guidelines
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
    responsibilities.resolve(corpus)
