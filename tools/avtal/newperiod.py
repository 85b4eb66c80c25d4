"""Start the next contract period as a draft copy of the current one.

``avtal new-period 2027-2030 --from 2023-2026`` copies agreement/2023-2026/ to
agreement/2027-2030/ file by file, as text: comments, order and layout stay as
the authors wrote them, and only these lines are rewritten:

- period.yaml: id, title (the years), valid_from/valid_to
  (the new years, 1 January – 31 December), the date-range key term that
  stated the old period's dates, ``predecessor`` (pointing at the old period),
  a fresh changelog; the old period's decisions and events (so the copy is a draft: no adoption
  is recorded), its list of changes against
  its own predecessor and its notes are left out (they are about the old period);
- every document: version ``0.1``, valid_from/valid_to, a fresh changelog whose
  one entry says where the text came from (``derived_from: 2023-2026:del-b@1.0``);
- every guideline: version ``0.1`` and a fresh changelog; its dates only when
  they were the old period's dates (a guideline's validity is its own);
- the old period's change files and decision files (``andringar/``, ``beslut/``) are not copied: they
  are its history; a document's ``derived_from`` names the version they made it.

Ids stay the same (ids are unique within a period), so the next comparison
matches every section by id. The new folder is written beside the old one in a
temporary folder, checked, and only then moved into place: an existing folder
is never overwritten, and a copy that would not pass ``avtal check`` is never
left behind.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .check import check_root
from .check.report import format_text
from .errors import CannotRun
from .findings import Severity
from .load import load_text
from .load.changes import next_version
from .load.corpus import RECORD_DIRS
from .sourcefile import LoadedFile

PERIOD_ID = re.compile(r"^(\d{4})-(\d{4})$")
DRAFT_VERSION = "0.1"


class NewPeriodError(CannotRun):
    """The new period cannot be created; the message is Swedish."""


@dataclass(frozen=True)
class Created:
    """What ``create_period`` made: the new folder, how many YAML files it wrote, the new period's warnings."""

    folder: Path
    files: int
    warnings: list  # findings of `avtal check` in the new folder that are not errors


# --- editing YAML as text ---------------------------------------------------------

def scalar(value: str) -> str:
    """A YAML scalar for value: plain when it reads back as the same string, else double-quoted."""
    try:
        plain_ok = (value == value.strip() and "\n" not in value
                    and load_text(f"x: {value}\n", "-")[0].data == {"x": value})
    except Exception:  # noqa: BLE001 – anything odd gets quoted
        plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


class TextEditor:
    """Replace, remove or add top-level keys of a YAML file, leaving every other line alone."""

    def __init__(self, text: str, loaded: LoadedFile):
        self.lines = text.splitlines(keepends=True)
        if self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += "\n"
        self.loaded = loaded
        starts = sorted((pos.line - 1, key[0]) for key, pos in loaded.keys.items() if len(key) == 1)
        self.blocks: dict[str, list[int]] = {}
        for k, (start, key) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(self.lines)
            # comment and blank lines just above the next key belong to that key
            while end - 1 > start and (not self.lines[end - 1].strip() or self.lines[end - 1].startswith("#")):
                end -= 1
            self.blocks[key] = [start, end]
        self.replacements: dict[str, list[str]] = {}
        self.additions: list[tuple[str, str, list[str]]] = []  # (after key, key, lines)

    def set(self, key: str, lines: list[str] | str | None, after: str | None = None) -> None:
        """The block of key becomes lines (None removes it); a missing key is added after `after`."""
        if isinstance(lines, str):
            lines = [f"{key}: {lines}\n"]
        if key in self.blocks:
            self.replacements[key] = lines or []
        elif lines:
            self.additions.append((after, key, lines))

    def sub_in_item(self, key: str, index: int, old: str, new: str) -> None:
        """Replace text inside one item of a top-level list (e.g. key_terms[2])."""
        start = self.loaded.where((key, index)).line - 1
        following = (key, index + 1)
        end = (self.loaded.where(following).line - 1 if following in self.loaded.values
               else self.blocks[key][1])
        for i in range(start, end):
            self.lines[i] = self.lines[i].replace(old, new)

    def text(self) -> str:
        """The file with every ``set`` and ``sub_in_item`` applied; additions after their key, or at the end."""
        out: list[str] = []
        by_start = {start: key for key, (start, _) in self.blocks.items()}
        i = 0
        while i < len(self.lines):
            key = by_start.get(i)
            if key is None:
                out.append(self.lines[i])
                i += 1
                continue
            start, end = self.blocks[key]
            out += self.replacements.get(key, self.lines[start:end])
            for after, added, lines in self.additions:
                if after == key:
                    out += lines
            i = end
        for after, added, lines in self.additions:
            if after is None or after not in self.blocks:
                out += lines
        return "".join(out)


# --- the copy ------------------------------------------------------------------------

def _years(period_id: str) -> tuple[int, int]:
    match = PERIOD_ID.match(period_id)
    if not match:
        raise NewPeriodError(f"'{period_id}' är inte ett periodnamn; skriv årtalen som ÅÅÅÅ-ÅÅÅÅ, t.ex. 2027-2030.")
    start, end = int(match[1]), int(match[2])
    if end < start:
        raise NewPeriodError(f"perioden {period_id} slutar före den börjar.")
    return start, end


def _changelog(today: str, summary: str, derived_from: str | None) -> list[str]:
    lines = ["changelog:\n", f"  - date: {today}\n", f'    version: "{DRAFT_VERSION}"\n',
             f"    summary: {scalar(summary)}\n", "    nature: redaktionell\n"]
    if derived_from:
        lines.append(f"    derived_from: {scalar(derived_from)}\n")
    return lines


def _load(path: Path) -> tuple[str, LoadedFile]:
    text = path.read_text(encoding="utf-8")
    loaded, findings = load_text(text.lstrip("\ufeff"), path.as_posix())
    if loaded is None or not isinstance(loaded.data, dict):
        first = findings[0] if findings else None
        raise NewPeriodError(f"{path} kan inte läsas: {first.message if first else 'okänt fel'} "
                             "Rätta filen (avtal check) innan en ny period skapas.")
    return text, loaded


def _period_file(text: str, loaded: LoadedFile, old: str, new: str, dates: tuple[str, str], today: str) -> str:
    data = loaded.data
    editor = TextEditor(text, loaded)
    old_from, old_to = str(data.get("valid_from")), str(data.get("valid_to"))
    new_from, new_to = dates
    editor.set("id", f'"{new}"')
    title = str(data.get("title", ""))
    old_start, old_end = old.split("-")
    new_start, new_end = new.split("-")
    new_title = re.sub(rf"{old_start}(\s*[–-]\s*){old_end}", rf"{new_start}\g<1>{new_end}", title)
    if new_title == title:
        new_title = f"{title} ({new})"
    editor.set("title", scalar(new_title))
    editor.set("status", None)  # a period's status is derived, never typed (an old period.yaml may still have one)
    editor.set("valid_from", new_from)
    editor.set("valid_to", new_to)
    predecessor = ["predecessor:\n", f'  period: "{old}"\n', f"  title: {scalar(title)}\n",
                   f"  valid_from: {old_from}\n", f"  valid_to: {old_to}\n"]
    editor.set("predecessor", predecessor, after="agreement")
    for i, term in enumerate(data.get("key_terms") or ()):
        value = term.get("value") if isinstance(term, dict) else None
        if term.get("type") == "datumintervall" and isinstance(value, dict) \
                and (str(value.get("from")), str(value.get("to"))) == (old_from, old_to):
            editor.sub_in_item("key_terms", i, old_from, new_from)
            editor.sub_in_item("key_terms", i, old_to, new_to)
    editor.set("decisions", "[]")
    editor.set("events", None)  # no adoption recorded: a draft
    editor.set("changes_from_predecessor", None)
    editor.set("notes", None)
    editor.set("changelog", _changelog(today, f"Utkast till ny avtalsperiod, kopierat från {old} inför revidering.",
                                       old), after="key_terms")
    return editor.text()


def _document_file(text: str, loaded: LoadedFile, old: str, dates: tuple[str, str], today: str,
                   guideline: bool, old_dates: tuple[str, str], changes: dict[str, int]) -> str:
    data = loaded.data
    version = str(data.get("version"))
    for _ in range(changes.get(data.get("id"), 0)):  # its version as its change files make it (load.changes)
        version = next_version(version)
    editor = TextEditor(text, loaded)
    editor.set("version", f'"{DRAFT_VERSION}"')
    own_dates = (str(data.get("valid_from")), str(data.get("valid_to")))
    if not guideline or own_dates == old_dates:
        if "valid_from" in data:
            editor.set("valid_from", dates[0])
        if "valid_to" in data:
            editor.set("valid_to", dates[1])
    editor.set("changelog", _changelog(today, f"Kopierad från {old} inför revidering.",
                                       f"{old}:{data.get('id')}@{version}"), after="version")
    return editor.text()


def _changes_by_target(source: Path) -> dict[str, int]:
    """{id: how many change files of the period under source (andringar/) name it}."""
    counts: dict[str, int] = {}
    for path in sorted(source.glob("andringar/*.y*ml")):
        _, loaded = _load(path)
        target = loaded.data.get("document") if isinstance(loaded.data, dict) else None
        if isinstance(target, str):
            counts[target] = counts.get(target, 0) + 1
    return counts


def create_period(root: Path, new: str, old: str, today: dt.date | None = None) -> Created:
    """Write agreement/NEW as a draft copy of agreement/OLD; raise NewPeriodError when it cannot.

    NewPeriodError (a CannotRun; nothing is written) for a malformed period name, NEW equal to OLD, OLD
    missing, NEW existing, a file of OLD that cannot be read, or a copy with ``avtal check`` errors.
    today: the date of the new change-log entries (default today).
    """
    today_text = (today or dt.date.today()).isoformat()
    start, end = _years(new)
    _years(old)
    if new == old:
        raise NewPeriodError("den nya perioden måste ha ett annat namn än den gamla.")
    agreement = root / "agreement"
    source, target = agreement / old, agreement / new
    if not (source / "period.yaml").is_file():
        known = ", ".join(sorted(p.name for p in agreement.iterdir() if (p / "period.yaml").is_file())) \
            if agreement.is_dir() else "inga"
        raise NewPeriodError(f"perioden {old} finns inte (agreement/{old}/period.yaml saknas; perioder: {known}).")
    if target.exists():
        raise NewPeriodError(f"agreement/{new}/ finns redan; new-period skriver aldrig över en befintlig period. "
                             "Ta bort eller byt namn på mappen om du vill börja om.")
    dates = (f"{start}-01-01", f"{end}-12-31")
    period_text, period_loaded = _load(source / "period.yaml")
    old_dates = (str(period_loaded.data.get("valid_from")), str(period_loaded.data.get("valid_to")))

    # Staged beside agreement/ (same file system, so the final rename is atomic; outside the
    # folder the corpus is read from, so a copy cut short is never taken for a period).
    with tempfile.TemporaryDirectory(prefix=f".avtal-new-period-{new}-", dir=root) as tmp:
        staging = Path(tmp) / new
        count = 0
        changes = _changes_by_target(source)
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source)
            if path.is_dir() or relative.parts[0] in RECORD_DIRS:  # the old period's changes and decisions stay
                continue
            out = staging / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix not in (".yaml", ".yml"):
                shutil.copy2(path, out)
                continue
            if relative.as_posix() == "period.yaml":
                written = _period_file(period_text, period_loaded, old, new, dates, today_text)
            else:
                text, loaded = _load(path)
                written = _document_file(text, loaded, old, dates, today_text,
                                         guideline=relative.parts[0] == "riktlinjer", old_dates=old_dates,
                                         changes=changes)
            out.write_text(written, encoding="utf-8")
            count += 1
        problems = _check_staged(root, staging, new)
        errors = [f for f in problems if f.severity is Severity.ERROR]
        if errors:
            raise NewPeriodError("kopian klarar inte avtal check och har inte sparats:\n" + format_text(errors))
        if target.exists():  # created meanwhile by someone else
            raise NewPeriodError(f"agreement/{new}/ finns redan; new-period skriver aldrig över en befintlig period.")
        staging.rename(target)
    return Created(target, count, [f for f in problems if f.severity is not Severity.ERROR])


def _check_staged(root: Path, staging: Path, new: str) -> list:
    """`avtal check` on the register and the new period alone (a scratch project)."""
    with tempfile.TemporaryDirectory(prefix="avtal-check-") as tmp:
        scratch = Path(tmp)
        (scratch / "agreement").mkdir()
        register = root / "agreement" / "register"
        if register.is_dir():
            shutil.copytree(register, scratch / "agreement" / "register")
        shutil.copytree(staging, scratch / "agreement" / new)
        _, findings = check_root(scratch)
    prefix = f"agreement/{new}/"
    return [f for f in findings if f.position.file.startswith(prefix)]
