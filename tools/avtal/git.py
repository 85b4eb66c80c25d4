"""Reading the corpus as it was at a git revision: the one place the project runs git.

Used by ``avtal check --base REV`` (version changes) and ``avtal diff REV:PERIOD …`` (comparisons).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from .errors import CannotRun


class RevisionError(CannotRun):
    """A git revision cannot be read; the message is Swedish."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git finns inte installerat; att läsa en tidigare version av avtalet kräver git.") from None


def read_revision(root: Path, rev: str) -> dict[str, str]:
    """{path relative to root: text} of every YAML file under root/agreement at git revision rev.

    One ``git ls-tree`` and one ``git cat-file --batch`` for all files: what is read is exactly what was
    committed. Raises RevisionError (a CannotRun, exit 2) when root is not in a git repository, the
    revision does not exist or git is missing.
    """
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise RevisionError(f"{root} ligger inte i ett git-arkiv, så revisionen '{rev}' kan inte läsas.")
    commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if commit.returncode != 0:
        raise RevisionError(f"revisionen '{rev}' finns inte i git-arkivet. Ange en gren, tagg eller commit som finns "
                            "(i en klon: hämta den först, t.ex. git fetch origin main).")
    sha = commit.stdout.decode().strip()
    prefix = root.resolve().relative_to(Path(top.stdout.decode().strip()).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
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
    if not blobs:
        return {}
    batch = _git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for _, b in blobs).encode())
    if batch.returncode != 0:
        raise RevisionError(f"git cat-file misslyckades: {batch.stderr.decode(errors='replace').strip()}")
    texts, out, at = {}, batch.stdout, 0
    for path, _ in blobs:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        data = out[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1
        texts[path] = data.decode("utf-8", errors="replace")
    return texts


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
