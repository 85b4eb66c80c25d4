"""How well avtal.cite finds statute citations, scored over the golden cases of tests/citations/.

    .venv/bin/python tools/citation_quality.py [-v] [FOLDER]      (make citation-quality)

Every case is a text and the citations expected in it (tests/citations/README.md). Scored by
provision link, as lagen.nu would link them, over every case including the known gaps:

- recall: of the links the cases expect, the share the parser gives (a multiset: a link expected
  twice must be found twice);
- precision: of the links the parser gives, the share the cases expect;
- acts named by number: of the expected citations whose span writes their act's SFS number
  ("lagen (1993:387) …", "SFS 2020:1043"), the share the parser resolves to that number at that place.

Prints the scores per file and in total (-v: every case that differs); exits 1 below the floors
(recall and precision 0.9, acts named by number 0.95).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FLOORS = {"recall": 0.9, "precision": 0.9, "by_number": 0.95}
_SFS_OF_LINK = re.compile(r"^https://lagen\.nu/(?P<sfs>[0-9]{4}:[0-9]+)")


@dataclass(frozen=True)
class Case:
    file: str  # the golden file's name without .yaml
    index: int
    text: str
    expected: list[tuple[str, str | None]]
    gap: str | None = None

    @property
    def id(self) -> str:
        return f"{self.file}-{self.index + 1}"


def load_cases(folder: Path) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            expected = [(span, link) for span, link in case["links"]]
            cases.append(Case(path.stem, i, case["text"], expected, case.get("gap")))
    return cases


def found(text: str) -> list[tuple[str, str | None]]:
    """The citations the parser finds, as (span, link), with the register shipped with avtal."""
    from avtal.cite import find_citations
    from avtal.cite.refs import shipped_index

    return [(c.text, c.link) for c in find_citations(text, shipped_index())]


@dataclass(frozen=True)
class Score:
    expected: int = 0
    given: int = 0
    right: int = 0
    numbered: int = 0
    numbered_right: int = 0

    def __add__(self, other: "Score") -> "Score":
        return Score(*(a + b for a, b in zip(self._values(), other._values())))

    def _values(self) -> tuple[int, ...]:
        return (self.expected, self.given, self.right, self.numbered, self.numbered_right)

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.given if self.given else 1.0

    @property
    def by_number(self) -> float:
        return self.numbered_right / self.numbered if self.numbered else 1.0


def _spans(text: str, pairs: list[tuple[str, str | None]]) -> list[tuple[int, int, str | None]]:
    """(start, end, link) of spans written in text in this order."""
    out, at = [], 0
    for span, link in pairs:
        where = text.find(span, at)
        if where < 0:
            continue
        out.append((where, where + len(span), link))
        at = where + len(span)
    return out


def case_score(case: Case, given: list[tuple[str, str | None]] | None = None) -> Score:
    given = found(case.text) if given is None else given
    expected_links = Counter(link for _, link in case.expected if link)
    given_links = Counter(link for _, link in given if link)
    right = sum((expected_links & given_links).values())
    numbered = numbered_right = 0
    given_spans = _spans(case.text, given)
    for start, end, link in _spans(case.text, case.expected):
        sfs = _SFS_OF_LINK.match(link or "")
        if not sfs:
            continue
        at = case.text.find(sfs["sfs"], start, end)
        if at < 0:
            continue  # the act is named by name here, not by number
        numbered += 1
        numbered_right += any(s <= at < e and _SFS_OF_LINK.match(g or "") and _SFS_OF_LINK.match(g)["sfs"] == sfs["sfs"]
                              for s, e, g in given_spans)
    return Score(sum(expected_links.values()), sum(given_links.values()), right, numbered, numbered_right)


def score(cases: list[Case]) -> Score:
    total = Score()
    for case in cases:
        total += case_score(case)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "tests" / "citations")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every case that differs")
    args = parser.parse_args(argv)
    cases = load_cases(args.folder)
    by_file: dict[str, Score] = {}
    counts: Counter[str] = Counter()
    for case in cases:
        given = found(case.text)
        by_file[case.file] = by_file.get(case.file, Score()) + case_score(case, given)
        counts[case.file] += 1
        if args.verbose and given != case.expected:
            print(f"{case.id}{' (gap)' if case.gap else ''}: {case.text!r}")
            print(f"    expected {case.expected}\n    found    {given}")
    total = sum(by_file.values(), Score())
    print(f"{'file':<20} {'cases':>5} {'links':>5} {'recall':>7} {'precision':>9} {'by number':>9}")
    for name, s in sorted(by_file.items()):
        print(f"{name:<20} {counts[name]:>5} {s.expected:>5} {s.recall:>7.3f} {s.precision:>9.3f} "
              f"{s.by_number:>9.3f}")
    print(f"{'all':<20} {len(cases):>5} {total.expected:>5} {total.recall:>7.3f} {total.precision:>9.3f} "
          f"{total.by_number:>9.3f}  ({total.numbered_right}/{total.numbered} acts named by number)")
    below = [name for name, floor in FLOORS.items() if getattr(total, name) < floor]
    if below:
        print("below the floor: " + ", ".join(below), file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
