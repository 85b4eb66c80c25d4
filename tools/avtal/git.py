"""Reading the corpus as it was at a git revision: the one place the project runs git.

Used by ``avtal check --base REV`` (version changes), ``avtal diff REV:PERIOD …`` (comparisons) and the
site's earlier versions of each document (``history``: the main line's commits that changed agreement/).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import CannotRun


class RevisionError(CannotRun):
    """A git revision cannot be read; the message is Swedish."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git finns inte installerat; att läsa en tidigare version av avtalet kräver git.") from None


def _prefix(root: Path) -> str:
    """root's path inside its repository, "" at the top or "sub/dir/"; RevisionError outside a repository."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise RevisionError(f"{root} ligger inte i ett git-arkiv, så avtalets historik kan inte läsas.")
    prefix = root.resolve().relative_to(Path(top.stdout.decode().strip()).resolve()).as_posix()
    return "" if prefix == "." else prefix + "/"


def read_revision(root: Path, rev: str) -> dict[str, str]:
    """{path relative to root: text} of every YAML file under root/agreement at git revision rev.

    One ``git ls-tree`` and one ``git cat-file --batch`` for all files: what is read is exactly what was
    committed. Raises RevisionError (a CannotRun, exit 2) when root is not in a git repository, the
    revision does not exist or git is missing.
    """
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise RevisionError(f"{root} ligger inte i ett git-arkiv, så revisionen '{rev}' kan inte läsas.")
    sha = _commit(root, rev)
    prefix = _prefix(root)
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", sha, "--", f"{prefix}agreement")
    if listing.returncode != 0:
        raise RevisionError(f"git ls-tree misslyckades för '{rev}': {listing.stderr.decode(errors='replace').strip()}")
    blobs: list[tuple[str, str]] = []
    for entry in listing.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        _, kind, blob = meta.split()
        if kind == "blob" and path.endswith((".yaml", ".yml")):
            blobs.append((path[len(prefix):], blob))
    texts = read_blobs(root, [blob for _, blob in blobs])
    return {path: texts[blob] for path, blob in blobs if blob in texts}


@dataclass(frozen=True)
class Start:
    """Where a branch started from a base: ``commit`` the merge-base of HEAD and the base (the base's own
    commit when HEAD has no commit or no common history), ``base`` the base's commit, ``behind`` how many
    commits the base has that the branch lacks (0: the base has not moved on since the branch started)."""

    commit: str
    base: str
    behind: int


def branch_start(root: Path, rev: str) -> Start:
    """Where HEAD's branch left rev: the merge-base of HEAD and rev (``git merge-base``), and how far rev
    has moved on since (``git rev-list --count``).

    Raises RevisionError (a CannotRun) when root is not in a git repository, rev does not exist or git
    is missing."""
    _prefix(root)
    base = _commit(root, rev)
    head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if head.returncode != 0:
        return Start(base, base, 0)
    found = _git(root, "merge-base", head.stdout.decode().strip(), base)
    if found.returncode != 0:  # no common history: compare with the base as it is
        return Start(base, base, 0)
    start = found.stdout.decode().strip()
    count = _git(root, "rev-list", "--count", f"{start}..{base}")
    behind = int(count.stdout.decode().strip() or 0) if count.returncode == 0 else 0
    return Start(start, base, behind)


_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
_FILE = re.compile(rb"^\+\+\+ b/(.*)$", re.M)


def changed_lines(root: Path, commit: str, folder: str = "agreement") -> dict[str, frozenset[int] | None]:
    """{path from the repository's top: the lines of the working tree added or changed since commit} for
    the files under folder (``git diff -U0``), with None for a file git does not track yet (all of it is new).
    Paths as findings show them when root is the repository's top. Raises RevisionError as ``branch_start``."""
    prefix = _prefix(root)
    done = _git(root, "-c", "core.quotepath=off", "diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", commit, "--", folder)
    if done.returncode != 0:
        raise RevisionError(f"git diff mot {commit[:7]} misslyckades: {done.stderr.decode(errors='replace').strip()}")
    out: dict[str, frozenset[int] | None] = {}
    for chunk in re.split(rb"^diff --git ", done.stdout, flags=re.M)[1:]:
        name = _FILE.search(chunk)
        if name is None:  # a removed file: nothing of it is in the working tree
            continue
        lines: set[int] = set()
        for start, count in _HUNK.findall(chunk):
            n = int(count) if count else 1
            lines.update(range(int(start), int(start) + n))
        out[name.group(1).decode("utf-8", errors="replace")[len(prefix):]] = frozenset(lines)
    new = _git(root, "-c", "core.quotepath=off", "ls-files", "--others", "--exclude-standard", "-z", "--", folder)
    for name in new.stdout.split(b"\0"):
        if name:
            out[name.decode("utf-8", errors="replace")] = None
    return out


def _commit(root: Path, rev: str) -> str:
    commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if commit.returncode != 0:
        raise RevisionError(f"revisionen '{rev}' finns inte i git-arkivet. Ange en gren, tagg eller commit som finns "
                            "(i en klon: hämta den först, t.ex. git fetch origin main).")
    return commit.stdout.decode().strip()


# --- history: the releases of each document (avtal.site.versions) ------------------------------------

@dataclass(frozen=True)
class Commit:
    """A commit on the main line (first parent) that changed files under a folder.

    ``changed``: {path relative to the project: blob id of the file as the commit left it, None when the
    commit deleted it}; ``date``: the committer date, YYYY-MM-DD.
    """

    sha: str
    date: str
    changed: dict[str, str | None]


def history(root: Path, folder: str = "agreement") -> list[Commit]:
    """Every commit on the first-parent line of HEAD that changed a file under root/folder, oldest first.

    One ``git log`` (``--first-parent --diff-merges=first-parent``, so a merged pull request counts as
    the one commit that brought its changes to the main line). Raises RevisionError when root is not in
    a git repository or git is missing; an empty list when HEAD has no commit yet.
    """
    prefix = _prefix(root)
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return []
    done = _git(root, "log", "--reverse", "--first-parent", "--diff-merges=first-parent", "--no-renames",
                "--no-abbrev", "--raw", "-z", "--format=%x01%H %cs", "HEAD", "--", f"{prefix}{folder}")
    if done.returncode != 0:
        raise RevisionError(f"git log misslyckades: {done.stderr.decode(errors='replace').strip()}")
    commits = []
    for chunk in done.stdout.decode("utf-8", errors="surrogateescape").split("\x01")[1:]:
        header, _, rest = chunk.partition("\0")
        sha, date = header.split()
        fields, changed, k = rest.split("\0"), {}, 0
        while k + 1 < len(fields):
            meta = fields[k].strip()
            if not meta.startswith(":"):
                k += 1
                continue
            _, _, _, blob, status = meta[1:].split()[:5]
            path = fields[k + 1]
            if path.startswith(prefix):
                changed[path[len(prefix):]] = None if status.startswith("D") else blob
            k += 2
        commits.append(Commit(sha, date, changed))
    return commits


def read_blobs(root: Path, blobs) -> dict[str, str]:
    """{blob id: text} of the given blobs, read with one ``git cat-file --batch`` (UTF-8, errors replaced).

    A blob git does not have is left out. Raises RevisionError when git fails."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    batch = _git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in wanted).encode())
    if batch.returncode != 0:
        raise RevisionError(f"git cat-file misslyckades: {batch.stderr.decode(errors='replace').strip()}")
    texts, out, at = {}, batch.stdout, 0
    for blob in wanted:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()
        if len(header) < 3 or header[1] == b"missing":
            at = header_end + 1
            continue
        size = int(header[2])
        texts[blob] = out[header_end + 1:header_end + 1 + size].decode("utf-8", errors="replace")
        at = header_end + 1 + size + 1
    return texts


def is_shallow(root: Path) -> bool:
    """Whether root's repository is a shallow clone (its history cut off: earlier versions may be missing)."""
    done = _git(root, "rev-parse", "--is-shallow-repository")
    return done.returncode == 0 and done.stdout.decode().strip() == "true"


def last_change(root: Path, path: str) -> dt.date | None:
    """The day of the last commit that changed path (relative to root), or None when root is not in a
    git repository, git is missing or the file has no commit: what is not known stays unknown."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path], cwd=root, capture_output=True,
                                text=True, check=False)
    except FileNotFoundError:
        return None
    try:
        return dt.date.fromisoformat(result.stdout.strip()) if result.returncode == 0 else None
    except ValueError:
        return None
