"""Read one side of a comparison: a period, document or section, now or at a git revision.

A side is written ``[REV:]PERIOD[:ID]``: ``2023-2026``, ``2023-2026:del-b``,
``HEAD~1:2023-2026:b-lagstiftning``, ``origin/main:2023-2026``. Without REV the
working tree is read. At a revision the files come from git itself (``git
ls-tree`` and ``git cat-file --batch``, the plumbing behind ``git show
REV:path``), so what is compared is exactly what was committed.

Loading is lenient: a comparison is informational, so a file that breaks a rule
of the current schema is still compared when the model can be built from it.
Only a file that cannot be read as YAML, or lacks what the model needs, stops
the comparison (``SideError``, a Swedish message).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import model
from .corpus import discover
from .loader import load_file

PERIOD_ID = re.compile(r"^\d{4}-\d{4}$")


class SideError(Exception):
    """A side of a comparison cannot be read; the message is Swedish."""


@dataclass(frozen=True)
class SideSpec:
    text: str
    rev: str | None
    period: str
    ident: str | None


@dataclass
class Side:
    spec: SideSpec
    corpus: model.Corpus
    period: model.Period
    target: object  # None (the whole period), a Document or a Section


def parse_side(text: str) -> SideSpec:
    """``[REV:]PERIOD[:ID]``; the period is the part that looks like 2023-2026."""
    parts = text.split(":")
    for at, part in enumerate(parts):
        if PERIOD_ID.match(part):
            rev = ":".join(parts[:at]) or None
            rest = parts[at + 1:]
            if len(rest) > 1 or (rest and not rest[0]):
                break
            return SideSpec(text, rev, part, rest[0] if rest else None)
    raise SideError(f"'{text}' är inte en period, ett dokument eller ett avsnitt. Skriv t.ex. 2023-2026, "
                    "2023-2026:del-b, 2023-2026:b-lagstiftning eller HEAD~1:2023-2026.")


def _git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=input, capture_output=True, check=False)
    except FileNotFoundError:
        raise SideError("git finns inte installerat; jämförelser mot en revision kräver git.") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SideError(f"git kunde inte läsa ({' '.join(args[:2])}): {message[-1] if message else 'okänt fel'}")
    return result.stdout


def _materialize(root: Path, rev: str, into: Path) -> None:
    """Write agreement/ as it was at rev into a folder."""
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except SideError:
        raise SideError(f"git känner inte till revisionen '{rev}'.") from None
    listing = _git(root, "ls-tree", "-r", "-z", "--full-name", rev, "--", "agreement")
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    entries = []
    for line in listing.split(b"\0"):
        if not line:
            continue
        meta, _, path = line.partition(b"\t")
        mode, kind, sha = meta.split()
        path_text = path.decode("utf-8")
        if kind != b"blob" or not path_text.startswith(prefix + "agreement/"):
            continue
        entries.append((sha.decode(), path_text[len(prefix):]))
    if not entries:
        raise SideError(f"revisionen '{rev}' har ingen mapp agreement/.")
    batch = _git(root, "cat-file", "--batch", input="".join(f"{sha}\n" for sha, _ in entries).encode())
    at = 0
    for _, relative in entries:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        body = batch[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


def load_lenient(root: Path, shown_root: Path | None = None) -> model.Corpus:
    """Every period, document, guideline and register under root/agreement, without schema checks."""
    agreement = root / "agreement"
    if not agreement.is_dir():
        raise SideError(f"mappen {agreement} finns inte.")
    corpus = model.Corpus()
    loaded = []
    for source in discover(agreement):
        file, findings = load_file(source.path, root)
        if file is None:
            first = findings[0] if findings else None
            raise SideError(f"{first.position}: {first.message}" if first else f"{source.path} kan inte läsas.")
        if shown_root is not None:
            file.path = _shown(file.path, shown_root)
        loaded.append((source, file))
    for source, file in loaded:
        try:
            if source.kind == "period":
                corpus.periods[source.period] = model.period_from(file)
            elif source.kind == "statutes":
                corpus.statutes = model.statutes_from(file)
            elif source.kind == "glossary":
                corpus.terms = model.terms_from(file)
        except (KeyError, TypeError, AttributeError) as exc:
            raise SideError(f"{file.path}: filen saknar det en jämförelse behöver ({exc}).") from None
    for source, file in loaded:
        if source.kind not in ("document", "guideline") or source.period not in corpus.periods:
            continue
        period = corpus.periods[source.period]
        try:
            if source.kind == "document":
                document = model.document_from(file, period.id)
                period.documents.setdefault(document.id, document)
            else:
                guideline = model.guideline_from(file, period.id)
                period.guidelines.setdefault(guideline.id, guideline)
        except (KeyError, TypeError, AttributeError) as exc:
            raise SideError(f"{file.path}: filen saknar det en jämförelse behöver ({exc}).") from None
    return corpus


def _shown(path: str, shown_root: Path) -> str:
    return f"{shown_root.as_posix()}:{path}"


class Reader:
    """Reads sides, each revision once."""

    def __init__(self, root: Path):
        self.root = root
        self._corpora: dict[str | None, model.Corpus] = {}

    def corpus(self, rev: str | None) -> model.Corpus:
        if rev not in self._corpora:
            if rev is None:
                self._corpora[rev] = load_lenient(self.root)
            else:
                with tempfile.TemporaryDirectory(prefix="avtal-rev-") as tmp:
                    _materialize(self.root, rev, Path(tmp))
                    self._corpora[rev] = load_lenient(Path(tmp), Path(rev))
        return self._corpora[rev]

    def side(self, text: str) -> Side:
        spec = parse_side(text)
        corpus = self.corpus(spec.rev)
        where = f" i revisionen '{spec.rev}'" if spec.rev else ""
        period = corpus.periods.get(spec.period)
        if period is None:
            known = ", ".join(sorted(corpus.periods)) or "inga"
            raise SideError(f"perioden '{spec.period}' finns inte{where} (perioder: {known}).")
        target = None
        if spec.ident:
            target = period.documents.get(spec.ident) or period.section_index().get(spec.ident)
            if target is None:
                if spec.ident in period.guidelines:
                    raise SideError(f"'{spec.ident}' är en riktlinje; riktlinjer jämförs med hela perioden "
                                    f"({spec.period}).")
                from .findings import closest
                ids = list(period.documents) + list(period.section_index())
                raise SideError(f"'{spec.ident}' finns inte i perioden {spec.period}{where}. "
                                f"{closest(spec.ident, ids)}")
        return Side(spec, corpus, period, target)


__all__ = ["Reader", "Side", "SideError", "SideSpec", "load_lenient", "parse_side"]
