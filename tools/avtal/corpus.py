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
from pathlib import Path

from . import model, schema
from .findings import Finding, Position, error
from .loader import LoadedFile, load_file

PERIOD_FILE = "period.yaml"
GUIDELINE_DIR = "riktlinjer"
REGISTER_DIR = "register"
REGISTER_FILES = {"lagar.yaml": "statutes", "begrepp.yaml": "glossary"}


@dataclass(frozen=True)
class SourceFile:
    path: Path
    kind: str  # a schema kind: document, guideline, period, statutes, glossary
    period: str | None


def discover(agreement_dir: Path) -> list[SourceFile]:
    """Every YAML file of the corpus with the kind of data it must hold."""
    files = []
    for path in sorted(agreement_dir.rglob("*")):
        if path.is_dir() or path.suffix not in (".yaml", ".yml"):
            continue
        parts = path.relative_to(agreement_dir).parts
        if parts[0] == REGISTER_DIR:
            files.append(SourceFile(path, REGISTER_FILES.get(path.name, "unknown"), None))
        elif len(parts) == 1:
            files.append(SourceFile(path, "unknown", None))
        elif path.name == PERIOD_FILE and len(parts) == 2:
            files.append(SourceFile(path, "period", parts[0]))
        elif parts[1] == GUIDELINE_DIR:
            files.append(SourceFile(path, "guideline", parts[0]))
        else:
            files.append(SourceFile(path, "document", parts[0]))
    return files


def load_corpus(root: Path) -> tuple[model.Corpus, list[Finding]]:
    """Load and schema-check every file under root/agreement; build the model of the valid ones."""
    agreement_dir = root / "agreement"
    corpus = model.Corpus()
    findings: list[Finding] = []
    if not agreement_dir.is_dir():
        return corpus, [error("corpus-missing", Position(str(agreement_dir)), "Mappen agreement/ finns inte.",
                              "Kör kommandot i projektets rotmapp eller ange --root.")]
    valid: list[tuple[SourceFile, LoadedFile]] = []
    for source in discover(agreement_dir):
        loaded, problems = load_file(source.path, root)
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
