"""A ``PeriodDiff`` as JSON: a stable structure for other tools (``--format json``)."""

from __future__ import annotations

import json
from dataclasses import asdict

from .result import PeriodDiff
from .wording import summary

JSON_FORMAT = "avtal-diff/1"  # a new number only when a key is renamed or removed


def to_data(diff: PeriodDiff) -> dict:
    """A stable structure: keys never renamed within a format version."""
    data = asdict(diff)
    return {"format": JSON_FORMAT, "summary": summary(diff), "counts": diff.counts(), **data}


def format_json(diff: PeriodDiff) -> str:
    """``to_data`` as JSON indented by 2, non-ASCII characters unescaped, with a final newline."""
    return json.dumps(to_data(diff), ensure_ascii=False, indent=2) + "\n"
