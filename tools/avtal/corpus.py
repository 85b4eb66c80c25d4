"""Find, load and validate every file of the corpus; build the model.

Layout (one folder per contract period, registers beside them)::

    agreement/register/lagar.yaml      statutes
    agreement/register/begrepp.yaml    glossary
    agreement/<period>/period.yaml     the period manifest
    agreement/<period>/**/*.yaml       documents
    agreement/<period>/riktlinjer/*.yaml  guidelines and other governing documents
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import model, schema
from .findings import Finding, Position, error
from .loader import LoadedFile, load_file, load_text

PERIOD_FILE = "period.yaml"
GUIDELINE_DIR = "riktlinjer"
REGISTER_DIR = "register"
REGISTER_FILES = {"lagar.yaml": "statutes", "begrepp.yaml": "glossary"}


@dataclass(frozen=True)
class SourceFile:
    path: Path
    kind: str  # a schema kind: document, guideline, period, statutes, glossary
    period: str | None


def classify(parts: tuple[str, ...]) -> tuple[str, str | None]:
    """(kind, period) of a file from its path parts below agreement/."""
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
    """Every YAML file of the corpus with the kind of data it must hold."""
    files = []
    for path in sorted(agreement_dir.rglob("*")):
        if path.is_dir() or path.suffix not in (".yaml", ".yml"):
            continue
        files.append(SourceFile(path, *classify(path.relative_to(agreement_dir).parts)))
    return files


def load_corpus(root: Path) -> tuple[model.Corpus, list[Finding]]:
    """Load and schema-check every file under root/agreement; build the model of the valid ones."""
    agreement_dir = root / "agreement"
    if not agreement_dir.is_dir():
        return model.Corpus(), [error("corpus-missing", Position(str(agreement_dir)), "Mappen agreement/ finns inte.",
                              "Kör kommandot i projektets rotmapp eller ange --root.")]
    return _assemble((source, *load_file(source.path, root)) for source in discover(agreement_dir))


def corpus_from_texts(texts: dict[str, str]) -> tuple[model.Corpus, list[Finding]]:
    """Like load_corpus, from {path relative to the project: file text}, e.g. the files of a git revision."""
    items = []
    for path, text in sorted(texts.items()):
        parts = PurePosixPath(path).parts
        if len(parts) < 2 or parts[0] != "agreement" or PurePosixPath(path).suffix not in (".yaml", ".yml"):
            continue
        source = SourceFile(Path(path), *classify(parts[1:]))
        items.append((source, *load_text(text.removeprefix("\ufeff"), path)))
    return _assemble(items)


def _assemble(items) -> tuple[model.Corpus, list[Finding]]:
    """Schema-check loaded files, (source, loaded or None, problems), and build the model of the valid ones."""
    corpus = model.Corpus()
    findings: list[Finding] = []
    valid: list[tuple[SourceFile, LoadedFile]] = []
    for source, loaded, problems in items:
        findings += problems
        if loaded is None:
            continue
        corpus.files.append(loaded)
        if source.kind == "unknown":
            findings.append(error(
                "corpus-unknown-file", Position(loaded.path),
                "Filen ligger på en plats där ingen sorts data väntas.",
                "Dokument ligger i agreement/<period>/, riktlinjer i agreement/<period>/riktlinjer/, "
                "registren i agreement/register/ (lagar.yaml, begrepp.yaml)."))
            continue
        schema_findings = schema.validate(source.kind, loaded)
        findings += schema_findings
        if not problems and not schema_findings:
            valid.append((source, loaded))
    _build(corpus, valid, findings)
    return corpus, findings


def _build(corpus: model.Corpus, valid, findings: list[Finding]) -> None:
    for source, loaded in valid:
        if source.kind == "period":
            period = model.period_from(loaded)
            if period.id != source.period:
                findings.append(error(
                    "period-folder", loaded.where(("id",)),
                    f"Perioden har id '{period.id}' men ligger i mappen '{source.period}'.",
                    "Periodens id och mappens namn ska vara lika."))
            corpus.periods[source.period] = period
        elif source.kind == "statutes":
            corpus.statutes = model.statutes_from(loaded)
        elif source.kind == "glossary":
            corpus.terms = model.terms_from(loaded)
    reported: set[str] = set()
    for source, loaded in valid:
        if source.kind not in ("document", "guideline"):
            continue
        period = corpus.periods.get(source.period)
        if period is None and source.period not in reported:
            reported.add(source.period)
            findings.append(error(
                "period-missing", Position(loaded.path),
                f"Mappen '{source.period}' saknar {PERIOD_FILE}.",
                f"Skapa agreement/{source.period}/{PERIOD_FILE} eller flytta filen till en periods mapp."))
        if period is None:
            continue
        if source.kind == "document":
            item = model.document_from(loaded, period.id)
            bucket = period.documents
        else:
            item = model.guideline_from(loaded, period.id)
            bucket = period.guidelines
        if item.id in period.documents or item.id in period.guidelines:
            other = (period.documents.get(item.id) or period.guidelines.get(item.id)).where.position
            findings.append(error(
                "duplicate-id", loaded.where(("id",)),
                f"Id '{item.id}' används redan av ett annat dokument i perioden {period.id}.",
                f"Ge dokumentet ett eget id; det andra står i {other}.", related=[other]))
            continue
        bucket[item.id] = item
