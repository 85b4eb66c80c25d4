"""`avtal refs`: every statute citation in a text or a corpus file, as lines of text or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..findings import Finding, Position, Severity, failing
from ..load import load_file, load_text
from ..load.build import statutes_from
from ..load.corpus import REGISTER_DIR
from ..load.schema import validate
from ..load.texts import citing_fields
from ..sourcefile import LoadedFile
from . import parse as citations
from .register import StatuteIndex, index_from_register

FIELDS = ("text", "start", "end", "act_id", "sfs", "chapter", "section", "section_to", "moment", "stycke",
          "mening", "punkt", "link")
SHIPPED_REGISTER = "lagar.yaml"  # in the package avtal.register: the project's agreement/register/


def register_index(root: Path | None) -> StatuteIndex:
    """The statute register of the project at root, or, outside a project or when the project has
    no register that loads and follows its schema, the register shipped with the package."""
    return project_register(root)[0]


def project_register(root: Path | None) -> tuple[StatuteIndex, Finding | None]:
    """(index, problem): the register ``register_index`` gives, and, when the project at root has a
    register that does not load or does not follow schemas/statutes.schema.json, its first error
    (the packaged register is then used; ``avtal refs`` says so and exits 1, as ``avtal check``
    fails on the same file)."""
    if root is not None:
        path = root / "agreement" / REGISTER_DIR / "lagar.yaml"
        if path.is_file():
            loaded, findings = load_file(path, root)
            problems = [f for f in findings if f.severity is Severity.ERROR]
            if loaded is not None and not problems:
                problems = validate("statutes", loaded)
            if loaded is not None and not problems:
                return index_from_register(statutes_from(loaded)), None
            return shipped_index(), (problems[0] if problems else None)
    return shipped_index(), None


@lru_cache(maxsize=1)
def shipped_index() -> StatuteIndex:
    """The index of the statute register shipped with the package (the project's own, at build)."""
    raw = resources.files("avtal.register").joinpath(SHIPPED_REGISTER).read_text(encoding="utf-8")
    loaded = _usable(*load_text(raw, SHIPPED_REGISTER))
    if loaded is None:  # a broken wheel: tests/test_packaging.py keeps this from happening
        raise ValueError("the statute register shipped with avtal does not follow its schema")
    return index_from_register(statutes_from(loaded))


def _usable(loaded: LoadedFile | None, findings) -> LoadedFile | None:
    """A register that loaded without errors and follows schemas/statutes.schema.json, or None."""
    if loaded is None or failing(findings) or validate("statutes", loaded):
        return None
    return loaded


def kind_of(data) -> str | None:
    """The kind of corpus file data is, by the keys only that kind has (a file given by name may lie
    anywhere); None when it is not a document, guideline or period manifest."""
    if not isinstance(data, dict):
        return None
    if "sections" in data:
        return "document"
    if "level" in data and "parent" in data:
        return "guideline"
    if "agreement" in data or "key_terms" in data:
        return "period"
    if "terms" in data:
        return "glossary"
    return None


def find_in_file(name: str, raw: str, index) -> list[tuple[Position | None, citations.Citation]]:
    """Citations of a plain text, or of every text of a corpus YAML file the site links citations in
    (the Markdown subset, the glossary's definitions and notes: ``load.texts.citing_fields``),
    link for link as the site shows them (``display_pieces``: the act's words before "(4 kap. 1-3§§)"
    are a link of their own, no link takes half of the parentheses)."""
    if name.endswith((".yaml", ".yml")):
        loaded, _ = load_text(raw, name)
        if loaded is not None:
            kind = kind_of(loaded.data)
            texts = list(citing_fields(kind, loaded.data)) if kind else []
            return [(loaded.where_in_text(path, c.start), c)
                    for path, text in texts
                    for c in citations.display_pieces(citations.find_citations(text, index))]
    return [(None, c) for c in citations.display_pieces(citations.find_citations(raw, index))]


def citation_line(position: Position | None, c: citations.Citation) -> str:
    """One line of ``avtal refs``: where (file:line:column, or start-end character offsets in plain text),
    the citation as written, the act and place ("SFS 2017:30 16 kap. 4 §") and the lagen.nu link."""
    where = f"{position}: " if position else f"{c.start}-{c.end}: "
    place = " ".join(p for p in (
        f"{c.chapter} kap." if c.chapter else "",
        (f"{c.section}-{c.section_to} §§" if c.section_to else f"{c.section} §") if c.section else "",
        f"mom. {c.moment}" if c.moment else "", f"st. {c.stycke}" if c.stycke else "",
        f"men. {c.mening}" if c.mening else "", f"p. {c.punkt}" if c.punkt else "") if p)
    act = f"SFS {c.sfs}" if c.sfs else "okänd lag"
    link = c.link or "(ingen länk: lagen går inte att avgöra)"
    return f"{where}{' '.join(c.text.split())}  →  {act}{(' ' + place) if place else ''}  {link}"


def citation_json(position: Position | None, c: citations.Citation) -> str:
    """One JSON object on one line: the citation's FIELDS in that order, plus file, line and column when it
    has a position."""
    values = asdict(c)
    record = {k: values[k] for k in FIELDS}
    if position:
        record.update(file=position.file, line=position.line, column=position.column)
    return json.dumps(record, ensure_ascii=False)
