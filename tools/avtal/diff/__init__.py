"""Diff: compare two periods, documents or sections (also at git revisions), and print the result.

``diff_periods`` / ``diff_documents`` / ``diff_sections`` / ``diff_targets`` return a
``PeriodDiff`` (``diff.result``); ``diff.terminal``, ``diff.markdown``, ``diff.html`` and
``diff.data`` print it, ``diff.report`` makes the change report of it (with the two sides' periods:
each changed text whole on both sides, ``diff.sidebyside``); ``diff.sides`` reads ``[REV:]PERIOD[:ID]``.
"""

from .compare import diff_documents, diff_periods, diff_sections, diff_targets, relabel
from .result import (ADDED, CHANGED, FIELDS_CHANGED, MOVED, OTHER_PLACE, REMOVED, RENUMBERED, REPLACED, RETITLED,
                     SECTION_LABELS, PeriodDiff, SectionChange, Segment)
from .statutes import statute_index
from .words import diff_text, tokens, word_diff

__all__ = ["ADDED", "CHANGED", "FIELDS_CHANGED", "MOVED", "OTHER_PLACE", "REMOVED", "RENUMBERED", "REPLACED",
           "RETITLED", "SECTION_LABELS", "PeriodDiff", "SectionChange", "Segment", "diff_documents", "diff_periods",
           "diff_sections", "diff_targets", "diff_text", "relabel", "statute_index", "tokens", "word_diff"]
