"""The golden files of citation cases (tests/citations/*.yaml): every span and link, in order.

Each file holds cases of one form (see tests/citations/README.md); each case is a text and the
citations expected in it, ``[span as written, lagen.nu link or null]``. The texts are resolved
with the register shipped with the package, as `avtal refs` resolves them outside a project.
A case marked ``gap`` is a known gap: it must still fail (strict xfail), so that a parser that
learns the form has its case turned into an ordinary one. The scores over all cases are
tools/citation_quality.py's (``make citation-quality``); their floors are asserted here too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import citation_quality  # noqa: E402  (tools/ is not a package)

CASES = citation_quality.load_cases(ROOT / "tests" / "citations")


def _param(case: citation_quality.Case):
    marks = [pytest.mark.xfail(strict=True, reason=case.gap)] if case.gap else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_case(case):
    found = citation_quality.found(case.text)
    assert found == case.expected


def test_every_form_of_the_issue_has_its_file():
    files = {case.file for case in CASES}
    assert {"paragrafer", "intervall", "listor", "stycken-punkter", "lagar", "anafor", "blanktecken",
            "inte-hanvisningar", "avtalet"} <= files
    assert len(CASES) >= 60


def test_spans_are_written_in_the_text_in_order():
    """A case's spans occur in its text in the order given (a typo in a golden file fails here)."""
    for case in CASES:
        at = 0
        for span, _ in case.expected:
            where = case.text.find(span, at)
            assert where >= 0, (case.id, span)
            at = where + len(span)


def test_scores_stay_above_their_floors():
    score = citation_quality.score(CASES)
    assert score.recall >= 0.9 and score.precision >= 0.9 and score.by_number >= 0.95, score
