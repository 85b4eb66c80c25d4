"""A folder for what avtal keeps between runs: compiled templates, files already found valid.

Everything kept there is keyed by the content it was made from, so it can never be stale; deleting
the folder only makes the next run slower.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def cache_dir(name: str) -> Path | None:
    """``$XDG_CACHE_HOME/avtal/<name>`` (``~/.cache/avtal/<name>``), else a folder in the system's
    temporary folder; None when neither can be written (nothing is then kept)."""
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    user = getattr(os, "getuid", lambda: "")()  # no user ids on Windows
    for folder in (Path(base) / "avtal" / name, Path(tempfile.gettempdir()) / f"avtal-{user}" / name):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / ".skrivbar").touch()
        except OSError:
            continue
        return folder
    return None
