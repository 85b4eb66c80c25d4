"""Every check over the corpus, and `avtal check` as a function: ``check_root``.

Each check is a pure function from the model to a list of findings (``Check``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from ..dates import today
from ..findings import Finding
from ..load import load_corpus
from ..load.yamlfile import MAX_BYTES
from ..model import Corpus
from ..sourcefile import unix_line_breaks
from .areas import CHECKS as AREA_CHECKS
from .conformance import CHECKS as CONFORMANCE_CHECKS
from .hierarchy import CHECKS as HIERARCHY_CHECKS
from .responsibility import CHECKS as RESPONSIBILITY_CHECKS
from .term import WARN_MONTHS
from .term import checks as term_checks
from .validity import CHECKS as VALIDITY_CHECKS
from .decisions import decision_dates
from .characters import invisible_characters
from .links import link_targets
from .ids import unique_ids
from .keyterms import check_key_terms
from .references import iter_references, period_references, references
from .restatements import key_term_restatements
from .statutes import check_statutes
from .versions import written_versions

Check = Callable[[Corpus], list[Finding]]  # a pure function; it never raises for a fault in the corpus

CHECKS: list[Check] = [unique_ids, references, check_key_terms, check_statutes, *HIERARCHY_CHECKS, *VALIDITY_CHECKS,
                       key_term_restatements, period_references, link_targets, invisible_characters, decision_dates,
                       written_versions, *RESPONSIBILITY_CHECKS, *CONFORMANCE_CHECKS, *AREA_CHECKS]


def run_checks(corpus: Corpus, checks: Iterable[Check] | None = None) -> list[Finding]:
    """The findings of each check in turn (default: CHECKS, every rule but the ``--base`` ones), unsorted."""
    findings = []
    for check in checks or CHECKS:
        findings += check(corpus)
    return findings


_ID_LINE = re.compile(r"""^[ ]*(?:-[ ]+)?id:[ ]*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?[ ]*(?:#.*)?$""", re.M)
_UNUSABLE = ("yaml-", "file-", "schema-")  # a file with such a finding is left out of the model


def unusable_files(findings: list[Finding]) -> set[str]:
    """The files (as findings show them) left out of the model: those with a YAML, file or schema finding."""
    return {f.position.file for f in findings if f.code.startswith(_UNUSABLE)}


#: How much of a file left out of the model is read for the ids written in it: the whole of any file up to 32
#: times the largest file read (``file-too-large``), so that a file refused for its size does not make the
#: references to its later sections errors elsewhere (verify-11 D7: a 702 kB del-a.yaml gave ten such).
#: A larger file is not read for ids at all; every ``dangling-reference`` then waits until it is fixed.
ID_SCAN_BYTES = 32 * MAX_BYTES


def _unusable_ids(root: Path, findings: list[Finding]) -> tuple[set[str], set[str], bool]:
    """The files left out of the model, the ids written in them (read as text: they may not parse, and
    may be UTF-16), or, for a file with no id line to read (a bare value or list, another encoding), its
    name: a document's or guideline's file is named after its id (its own ``id`` is what others name);
    and whether a file was too large to read for ids (over ID_SCAN_BYTES)."""
    files = unusable_files(findings)
    ids: set[str] = set()
    unread = False
    for file in files:
        path = root / file
        ids.add(PurePosixPath(file).stem)
        try:
            if path.is_symlink() or not path.is_file():  # never through a link, never a pipe that would wait
                continue
            with path.open("rb") as stream:
                data = stream.read(ID_SCAN_BYTES + 1)
            if len(data) > ID_SCAN_BYTES:
                unread = True
                continue
            text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8", errors="replace")
        except OSError:
            continue
        ids.update(_ID_LINE.findall(unix_line_breaks(text)))  # `$` is before a LF only
    return files, ids, unread


def without_follow_on_errors(corpus: Corpus, root: Path, findings: list[Finding], derived: list[Finding]) -> list[Finding]:
    """Drop what follows from a file that could not be used: a reference to an id defined in it
    ('finns inte', 'ligger inte under avtalet' …; any dangling reference while a file is too large to read for
    ids, ``ID_SCAN_BYTES``), without the statute register every statute finding, and in a period whose
    period.yaml cannot be used or is missing what the checks of its manifest would say (``_NEEDS_MANIFEST``,
    and references to its agreement, decisions and key terms).
    The file's own findings name the fault; the rest shows up once it is fixed."""
    files, ids, unread = _unusable_ids(root, findings)
    if not files and not any(period.stand_in for period in corpus.periods.values()):  # a missing period.yaml
        return derived
    places = {ref.where for period in corpus.periods.values() for ref in iter_references(period)
              if ref.ident in ids or (period.stand_in and (ref.scope in ("decisions", "key_terms") or not ref.ident))}
    no_register = any(PurePosixPath(f).parts[-2:] == ("register", "lagar.yaml") for f in files)
    standing_in = tuple(f"agreement/{period.id}/" for period in corpus.periods.values() if period.stand_in)
    return [f for f in derived if f.position not in places and not (no_register and f.code.startswith("statute-"))
            and not (unread and f.code == "dangling-reference")
            and not (f.position.file.startswith(standing_in) and f.code.startswith(_NEEDS_MANIFEST))]


#: The checks that read a period's manifest (period.yaml: its agreement, key terms, term, decisions): in a period
#: whose period.yaml cannot be used (a stand-in, ``load.corpus.stand_in``) their findings would all follow from
#: that one fault, so they wait until it is fixed; links, characters, statutes and references are still checked.
_NEEDS_MANIFEST = ("hierarchy-", "key-term-", "term-", "notice-", "decision-", "responsibility-")


def check_root(root: Path, on: dt.date | None = None, warn_months: int = WARN_MONTHS) -> tuple[Corpus, list[Finding]]:
    """Load the corpus under root and run every check: the whole of `avtal check` (without ``--base``).

    on: the day the term's checks are made for (default ``dates.today()``: ``--date``, else today);
    warn_months: how long before the term ends to warn (``term.WARN_MONTHS``).
    Returns (corpus, findings); findings carry every code the loader and CHECKS emit (README, *Finding
    codes*), follow-on errors of unusable files dropped. Never raises for a fault in the corpus.
    """
    corpus, findings = load_corpus(root)
    derived = run_checks(corpus, [*CHECKS, *term_checks(on or today(), warn_months)])
    return corpus, findings + without_follow_on_errors(corpus, root, findings, derived)
