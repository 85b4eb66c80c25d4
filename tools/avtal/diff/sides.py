"""Read one side of a comparison: a period, document or section, now or at a git revision.

A side is written ``[REV:]PERIOD[:ID]``: ``2023-2026``, ``2023-2026:del-b``,
``HEAD~1:2023-2026:b-lagstiftning``, ``origin/main:2023-2026``. Without REV the
working tree is read. At a revision the files come from git itself
(``avtal.git``), so what is compared is exactly what was committed.

Loading is lenient: a comparison is informational, so a file that breaks a rule
of the current schema is still compared when the model can be built from it.
Only a file that cannot be read as YAML, or lacks what the model needs, stops
the comparison (``SideError``, a Swedish message).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import model
from ..errors import CannotRun
from ..findings import closest
from ..git import read_revision
from ..load import corpus_from_texts, load_corpus

PERIOD_ID = re.compile(r"^\d{4}-\d{4}$")


class SideError(CannotRun):
    """A side of a comparison cannot be read; the message is Swedish."""


@dataclass(frozen=True)
class SideSpec:
    """A side as written, split: ``HEAD~1:2023-2026:del-b`` → rev HEAD~1, period 2023-2026, ident del-b."""

    text: str
    rev: str | None
    period: str
    ident: str | None


@dataclass
class Side:
    """A side read: its corpus (working tree or revision), the period, and what in it is compared."""

    spec: SideSpec
    corpus: model.Corpus
    period: model.Period
    target: object  # None (the whole period), a Document or a Section


def parse_side(text: str) -> SideSpec:
    """``[REV:]PERIOD[:ID]``; the period is the part that looks like 2023-2026.

    REV may itself hold colons. Raises SideError when no part looks like a period or more than an id follows.
    """
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


def refuse_same(old: str, new: str) -> None:
    """Raise SideError when the sides ``old`` and ``new`` name the same thing: the same period, document or
    section in the same revision (written the same), or both in the working tree.

    Comparing a revision with the working tree is allowed even when nothing changed ("Inga ändringar"):
    only two names for one thing are refused, with an example comparison that would show something.
    """
    a, b = parse_side(old), parse_side(new)
    if (a.rev, a.period, a.ident) != (b.rev, b.period, b.ident):
        return
    bare = a.period + (f":{a.ident}" if a.ident else "")
    if a.rev is None:
        where, example = "i arbetskopian", f"avtal diff HEAD:{bare} {bare} (senaste incheckningen mot arbetskopian)"
    else:
        where, example = f"i revisionen '{a.rev}'", f"avtal diff {a.rev}:{bare} {bare} (mot arbetskopian)"
    raise SideError(f"GAMMAL och NY är samma: {bare} {where} jämförs med sig själv. Ange två olika sidor, "
                    f"t.ex. {example}.")


class Reader:
    """Reads sides, each revision once."""

    def __init__(self, root: Path):
        self.root = root
        self._corpora: dict[str | None, model.Corpus] = {}

    def corpus(self, rev: str | None) -> model.Corpus:
        """The corpus in the working tree (rev None) or at a git revision, read leniently, each once."""
        if rev not in self._corpora:
            if rev is None:
                self._corpora[rev] = load_lenient(self.root)
            else:
                texts = read_revision(self.root, rev)
                if not texts:
                    raise SideError(f"revisionen '{rev}' har ingen mapp agreement/.")
                self._corpora[rev] = corpus_from_texts(texts, lenient=True, shown=f"{rev}:")[0]
        return self._corpora[rev]

    def side(self, text: str) -> Side:
        """The side ``[REV:]PERIOD[:ID]`` read; ID a document or section.

        Raises SideError (unknown period or id, a guideline, a revision without agreement/), RevisionError
        (git) or UnusableCorpus (a file the model cannot be built from); all are CannotRun.
        """
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
                ids = list(period.documents) + list(period.section_index())
                raise SideError(f"'{spec.ident}' finns inte i perioden {spec.period}{where}. "
                                f"{closest(spec.ident, ids)}")
        return Side(spec, corpus, period, target)


def load_lenient(root: Path) -> model.Corpus:
    """Every period, document, guideline and register under root/agreement, without schema checks.

    Raises UnusableCorpus (a CannotRun) when a file cannot be read or lacks what the model needs.
    """
    return load_corpus(root, lenient=True)[0]


__all__ = ["Reader", "Side", "SideError", "SideSpec", "load_lenient", "parse_side", "refuse_same"]
