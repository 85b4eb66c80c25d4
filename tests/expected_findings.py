"""Expected findings kept beside their fixture, as `avtal check` prints them.

A fixture ``name.yaml`` has its expectation in ``name.expected`` in the same folder::

    # The quote opened on line 3 runs to the end of the file: point at the opening quote.
    3:8: fel [yaml-syntax] Filen är inte giltig YAML: filen tar slut mitt i ett värde (...).
        tips: Kontrollera indrag, kolon och citattecken på raden och raden ovanför.
        se även: 2:1

One finding per ``line:column: severity [code] message`` line, in the order expected; an indented
``tips:`` line gives its hint and ``se även:`` lines its related positions (in the same file). A hint
ending in "…" is matched by what comes before the "…" (hints that list what a schema allows, so that
adding a key to a schema does not break an unrelated case). Lines starting with # are comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SUFFIX = ".expected"
ELLIPSIS = "…"

_FINDING = re.compile(r"(?P<line>\d+):(?P<column>\d+): (?P<severity>fel|varning|tips) \[(?P<code>[a-z0-9-]+)\] "
                      r"(?P<message>.+)")
_HINT = re.compile(r"    tips: (?P<hint>.+)")
_RELATED = re.compile(r"    se även: (?P<line>\d+):(?P<column>\d+)")


@dataclass
class Expected:
    line: int
    column: int
    severity: str
    code: str
    message: str
    hint: str = ""
    related: list[tuple[int, int]] = field(default_factory=list)

    @property
    def hint_is_prefix(self) -> bool:
        return self.hint.endswith(ELLIPSIS)

    @property
    def hint_prefix(self) -> str:
        return self.hint.removesuffix(ELLIPSIS)


def sidecar(fixture: Path) -> Path:
    """Where the expectation of a fixture is kept: name.yaml -> name.expected."""
    return fixture.with_suffix(SUFFIX)


def fixture_of(expectation: Path) -> Path:
    return expectation.with_suffix(".yaml")


def read(path: Path) -> list[Expected]:
    """The findings a sidecar file expects, in order; raises ValueError on a line it cannot read."""
    found: list[Expected] = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip() or text.startswith("#"):
            continue
        if m := _FINDING.fullmatch(text):
            found.append(Expected(int(m["line"]), int(m["column"]), m["severity"], m["code"], m["message"]))
        elif (m := _HINT.fullmatch(text)) and found and not found[-1].hint:
            found[-1].hint = m["hint"]
        elif (m := _RELATED.fullmatch(text)) and found:
            found[-1].related.append((int(m["line"]), int(m["column"])))
        else:
            raise ValueError(f"{path}:{number}: kan inte läsa raden: {text!r}")
    if not found:
        raise ValueError(f"{path}: inget förväntat fynd")
    return found
