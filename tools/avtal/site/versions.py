"""Every earlier version of each document, found in git at build time (never committed as pages).

How a release is marked: a document's versions are its change-log entries, and the commit that
releases a version is the first commit on the main line (``git log --first-parent``: a merged pull
request counts as one commit) in which the document has that version: its file's ``version`` field,
raised once for each change file naming it (``load.changes``). The version's text is the file as the main line last held it under that version, read with
the period manifest of the same moment (key terms and decisions as they were then). No tag or other
marker is needed: what ``avtal check --base`` already enforces (a changed document gets a higher
version and a change-log entry) is the release.

When it applied: from its change-log entry's date (not before the document's own valid_from), to the
day before the next version's. A version replaced before it began to apply says so.

Git is read in ``avtal.git`` (one ``git log``, at most two ``git cat-file --batch``); without git or
outside a repository there are no earlier versions, and the build goes on.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..dates import DateSpan, date_span
from ..errors import CannotRun
from ..git import history, read_blobs
from ..load import corpus_from_texts
from ..load.changes import next_version, version_tuple
from ..load.corpus import classify
from ..model import Corpus, Document, Period

_ID = re.compile(r"""(?m)^id:[ \t]*["']?([^"'\s#]+)""")
_VERSION = re.compile(r"""(?m)^version:[ \t]*["']?([^"'\s#]+)""")
_TARGET = re.compile(r"""(?m)^document:[ \t]*["']?([^"'\s#]+)""")


@dataclass(frozen=True)
class Release:
    """One version of a document on the main line: where it began and the last state it was in."""

    period_id: str
    document_id: str
    version: str
    commit: str  # the commit that released it (first with this version)
    date: str  # that commit's date
    path: str  # the document's file, relative to the project, at its last state
    blob: str  # the file's blob at its last state
    period_blob: str | None  # period.yaml's blob at that moment
    changes: tuple[tuple[str, str], ...] = ()  # (path, blob) of the change files naming it at that moment


@dataclass(frozen=True)
class EarlierVersion:
    """A version of a document before its current one, read back from git.

    ``document`` is as it read then; ``period`` holds the key terms and decisions of that moment, this
    document as it read and the period's other documents and guidelines as they are now (for titles);
    ``valid_from``/``valid_to`` when this version applied, as precise as the change logs say (a day,
    or "juni 2024" when the next version's entry names only a month); ``applied`` False when the next
    version replaced it before it began to apply; ``next_version`` the version that replaced it.
    """

    period_id: str
    document_id: str
    version: str
    next_version: str
    valid_from: str
    valid_to: str
    applied: bool
    document: Document
    period: Period
    commit: str


def releases(root: Path) -> dict[tuple[str, str], list[Release]]:
    """{(period, document id): its releases in order}, from the main line's history of agreement/.

    A document's version at a commit is the one ``load.changes`` derives: its file's ``version`` raised once
    for each change file under its period's ``andringar/`` that names it. Raises RevisionError (a
    CannotRun) when root is not in a git repository or git is missing."""
    commits = history(root, "agreement")
    texts = read_blobs(root, [blob for c in commits for path, blob in c.changed.items()
                              if blob and _kind(path) in ("document", "change")])
    state: dict[str, str] = {}  # path -> blob, as the main line holds it
    found: dict[tuple[str, str], list[Release]] = {}
    for commit in commits:
        for path, blob in commit.changed.items():
            if blob is None:
                state.pop(path, None)
            else:
                state[path] = blob
        changed_periods = {PurePosixPath(p).parts[1] for p in commit.changed if _kind(p) == "change"}
        for path, blob in sorted(state.items()):
            if _kind(path) != "document" or blob not in texts:
                continue
            period_id = PurePosixPath(path).parts[1]
            if path not in commit.changed and period_id not in changed_periods:
                continue
            ident, version = _ID.search(texts[blob]), _VERSION.search(texts[blob])
            if not ident or not version:
                continue
            changes = tuple((p, b) for p, b in sorted(state.items()) if _kind(p) == "change" and b in texts
                            and PurePosixPath(p).parts[1] == period_id
                            and (target := _TARGET.search(texts[b])) and target[1] == ident[1])
            derived = version[1]
            for _ in changes:
                derived = next_version(derived)
            key = (period_id, ident[1])
            period_blob = state.get(f"agreement/{period_id}/period.yaml")
            chain = found.setdefault(key, [])
            if chain and chain[-1].version == derived:
                chain[-1] = replace(chain[-1], path=path, blob=blob, period_blob=period_blob, changes=changes)
            else:
                chain.append(Release(period_id, ident[1], derived, commit.sha, commit.date, path, blob,
                                     period_blob, changes))
    return found


def _kind(path: str) -> str:
    parts = PurePosixPath(path).parts
    if len(parts) < 2 or parts[0] != "agreement" or not path.endswith((".yaml", ".yml")):
        return "unknown"
    return classify(parts[1:])[0]


def _order(version: str) -> tuple:
    try:
        return (0, version_tuple(version))
    except ValueError:
        return (1, ())


def start(document: Document, version: str, fallback: str) -> DateSpan:
    """When a version began to apply: its change-log entry's date with its precision (fallback: the
    release commit's day), not before the document's valid_from."""
    entry = next((c for c in document.changelog if c.version == version), None)
    when = (entry.when if entry else None) or date_span(fallback)
    begins = date_span(document.valid_from)
    return begins if when is None or (begins is not None and when.last < begins.first) else when


def _until(next_start: DateSpan) -> tuple[str, datetime.date]:
    """The end of the version before one that began at next_start: the day before it when that is known
    to the day, else the span itself ("juni 2024"); with the last day it can be."""
    if next_start.first == next_start.last:
        end = next_start.first - datetime.timedelta(days=1)
        return end.isoformat(), end
    return next_start.label, next_start.last


def earlier_versions(root: Path, corpus: Corpus, warn=None) -> list[EarlierVersion]:
    """Every version of each current document lower than its current one, oldest first per document, each
    read back as it stood; a version whose files cannot be read is passed over (``warn(message)`` hears of
    it). Raises RevisionError (a CannotRun) when root is not in a git repository or git is missing."""
    wanted = []  # (key, its releases, the earlier ones) of each document still in the corpus
    for (period_id, ident), chain in sorted(releases(root).items()):
        current = corpus.periods[period_id].documents.get(ident) if period_id in corpus.periods else None
        earlier = [r for r in chain if current is not None and _order(r.version) < _order(current.version)]
        if earlier:
            wanted.append(((period_id, ident), chain, earlier))
    texts = read_blobs(root, [b for _, _, earlier in wanted for r in earlier
                              for b in (r.blob, r.period_blob, *(blob for _, blob in r.changes)) if b])
    out: list[EarlierVersion] = []
    for (period_id, ident), chain, earlier in wanted:
        current = corpus.periods[period_id].documents[ident]
        read: list[tuple[Release, Document, Period]] = []
        for release in earlier:
            try:
                document, period = _read(release, texts, corpus.periods[period_id])
            except (CannotRun, KeyError) as exc:
                if warn:
                    warn(f"{release.path} version {release.version} ({release.commit[:7]}) kan inte läsas: {exc}")
                continue
            read.append((release, document, period))
        for k, (release, document, period) in enumerate(read):
            following = read[k + 1] if k + 1 < len(read) else None
            next_version = following[0].version if following else current.version
            next_start = start(following[1], next_version, following[0].date) if following else \
                start(current, current.version, chain[-1].date)
            began = start(document, release.version, release.date)
            until, last = _until(next_start)
            out.append(EarlierVersion(period_id, ident, release.version, next_version, began.label, until,
                                      began.first < next_start.first and began.first <= last, document, period,
                                      release.commit))
    return out


def _read(release: Release, texts: dict[str, str], current: Period) -> tuple[Document, Period]:
    """The document and its period as they read at the release's last state, the period's other documents
    and guidelines as they are now (current). KeyError: a file or the document is missing."""
    files = {release.path: texts[release.blob], **{path: texts[blob] for path, blob in release.changes}}
    if release.period_blob:
        files[f"agreement/{release.period_id}/period.yaml"] = texts[release.period_blob]
    corpus, _ = corpus_from_texts(files, lenient=True, shown=f"{release.commit[:7]}:")
    then = corpus.periods[release.period_id]
    document = then.documents[release.document_id]
    return document, replace(then, documents={**current.documents, document.id: document},
                             guidelines=current.guidelines)
