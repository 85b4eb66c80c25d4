"""``python -m avtal``: the `avtal` command where its script is not on the path (Windows, a bare venv)."""

import sys

from .cli import main

sys.exit(main())
