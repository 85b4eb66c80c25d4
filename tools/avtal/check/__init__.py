"""Check: the rules the corpus keeps, one module per family, each a function Corpus -> [Finding].

``check_root(root)`` is ``avtal check``: load, then every check in ``CHECKS``; the reporters in
``check.report`` print the findings; ``check.versions`` compares with a git revision (``--base``).
"""

from .run import CHECKS, check_root, run_checks, without_follow_on_errors

__all__ = ["CHECKS", "check_root", "run_checks", "without_follow_on_errors"]
