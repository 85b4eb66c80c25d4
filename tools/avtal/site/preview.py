"""mkdocs' messages during ``avtal build`` and ``avtal serve``, in Swedish.

mkdocs run as a library logs nowhere; the CLI shows its log through ``show_log``, which puts each
known message into Swedish, leaves out what means nothing to an editor, and lets any other message
through unchanged (a message not listed here is better shown in English than lost).
"""

from __future__ import annotations

import logging
import re
import sys

# (mkdocs' message, the Swedish one, or None to leave it out), matched from the start of the message.
_MESSAGES = [
    (r"Building documentation\.\.\.", "Bygger webbplatsen …"),
    (r"Cleaning site directory", None),
    (r"Documentation built in ([\d.]+) seconds", "Webbplatsen byggdes på \\1 sekunder."),
    (r"Watching paths for changes: (.*)", "Bevakar ändringar i \\1."),
    (r"Serving on (\S+)", "Förhandsvisningen finns på \\1"),
    (r"Detected file changes", "En fil har ändrats."),
    (r"Reloading browsers", "Sidan laddas om i webbläsaren."),
    (r"Browser connected: (.*)", None),
    (r"Shutting down\.\.\.", "Förhandsvisningen avslutas."),
    (r"An error happened during the rebuild\..*",
     "Webbplatsen kunde inte byggas om. Rätta felen ovan; sidan visas igen när filen är sparad utan fel."),
]
_COMPILED = [(re.compile(pattern + r"$", re.S), swedish) for pattern, swedish in _MESSAGES]
_CLOCK = re.compile(r"\[\d\d:\d\d:\d\d\] ")  # the preview server puts the time first
_DROPPED_LINES = {"Aborted with a BuildError!"}  # printed by mkdocs after the findings it has logged


class SwedishMessages(logging.Filter):
    """Rewrites a log record's message into Swedish (see ``_MESSAGES``), or drops it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """True to show the record (its message put into Swedish when known), False to leave it out."""
        message = record.getMessage()
        clock = _CLOCK.match(message)
        prefix = clock[0] if clock else ""
        for pattern, swedish in _COMPILED:
            match = pattern.match(message, len(prefix))
            if match:
                if swedish is None:
                    return False
                record.msg, record.args = prefix + match.expand(swedish), ()
                return True
        return True


class _Stderr:
    """sys.stderr without the lines mkdocs prints (not logs) after an error it has already reported."""

    def __init__(self, stream):
        self._stream = stream
        self._dropped = False  # print() writes the line, then its newline on its own

    def write(self, text: str) -> int:
        if text.strip() in _DROPPED_LINES or (self._dropped and text == "\n"):
            self._dropped = not self._dropped
            return len(text)
        self._dropped = False
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def show_log(quiet_stderr: bool = False) -> None:
    """Show mkdocs' log (and avtal's hook's) on stderr, in Swedish; quiet_stderr also leaves out the
    line mkdocs prints after a failed rebuild (``avtal serve``)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(SwedishMessages())
    for name in ("mkdocs", "avtal"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    if quiet_stderr and not isinstance(sys.stderr, _Stderr):
        sys.stderr = _Stderr(sys.stderr)
