"""The one error a command raises when it cannot do its work ("could not run", exit 2).

Library code raises a subclass with a Swedish message; only the CLI turns it into
``avtal: <message>`` on stderr and exit status 2. Findings about the corpus are never
raised: checks return them (``avtal.findings``).
"""

from __future__ import annotations


class CannotRun(Exception):
    """A command could not do its work; ``str(exc)`` is a Swedish sentence for the user."""
