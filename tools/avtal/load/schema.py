"""JSON Schema validation of loaded files, with findings in Swedish."""

from __future__ import annotations

import datetime
import difflib
import hashlib
import itertools
import json
import re
from functools import lru_cache
import importlib.util
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .. import dates
from ..cache import cache_dir
from ..findings import PER_FILE, Finding, Position, capped, error, more
from ..sourcefile import LoadedFile

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

KINDS = ("document", "guideline", "period", "statutes", "glossary", "change", "decision", "reviewed", "responsibility",
         "areas")

_TYPES = {"string": "text", "object": "en uppsättning nycklar", "array": "en lista",
          "integer": "ett heltal", "number": "ett tal", "boolean": "ja/nej (true/false)", "null": "tomt"}


ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"  # common.schema.json#/$defs/id
DATE_SPAN_PATTERN = "^\\d{4}-\\d{2}(-\\d{2}(/(\\d{4}-\\d{2}-)?\\d{2})?)?$"  # common.schema.json#/$defs/date_span


def read_schemas() -> dict[str, dict]:
    """{file name: schema} of every JSON Schema, read from the package data ``avtal.schemas``."""
    folder = resources.files("avtal.schemas")
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in folder.iterdir()
            if p.name.endswith(".schema.json")}


@lru_cache(maxsize=None)
def registry() -> "Registry":
    """Every schema by its file name, so that a relative ``$ref`` between schemas resolves (for jsonschema).

    The schema files carry no ``$id``: a tool that follows the specification resolves their relative
    ``$ref`` (``common.schema.json#/$defs/id``) against where it read the file from, the folder next to it,
    and never tries to fetch an address (an ``https://`` id made check-jsonschema and older versions of
    VS Code's YAML extension do that). Here a schema without ``$id`` has the empty base, so the same
    ``$ref`` resolves to the resource registered under the bare file name.
    """
    from referencing import Registry, Resource

    return Registry().with_resources((name, Resource.from_contents(s)) for name, s in _by_name().items())


@lru_cache(maxsize=None)
def _by_name() -> dict[str, dict]:
    return read_schemas()


def schema_of(kind: str) -> dict:
    """The schema of a kind of file (one of KINDS); KeyError for another kind."""
    return _by_name()[f"{kind}.schema.json"]


def resolve(ref: str, base: dict) -> tuple[dict, dict]:
    """(the schema a ``$ref`` written in the schema document base points to, the document it stands in).

    Our schemas refer to each other only as ``other.schema.json#/$defs/name`` or ``#/$defs/name``, so a
    JSON pointer into one of them is all it takes. The text walker (``load.texts``) uses this and so
    needs neither jsonschema nor referencing: importing those was a fifth of avtal's start-up when no
    file has to be validated (``validate``'s cache).
    """
    name, _, pointer = ref.partition("#")
    document = _by_name()[name] if name else base
    node = document
    for part in (p for p in pointer.split("/") if p):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node, document


@lru_cache(maxsize=None)
def _validators() -> dict[str, "Draft202012Validator"]:
    """One validator per kind of file, sharing the registry (jsonschema is imported only when a file
    has to be validated, see ``validate``)."""
    from jsonschema import Draft202012Validator, validators

    schemas = read_schemas()
    registry_ = registry()
    validator = validators.extend(Draft202012Validator, {"pattern": _pattern})
    return {
        kind: validator(schemas[f"{kind}.schema.json"], registry=registry_, format_checker=_format_checker())
        for kind in KINDS
    }


def _format_checker():
    """jsonschema's format checks, with ``date`` (a day) and ``date-span`` (common.schema.json#/$defs/date_span)
    also bounded to the years dates.FIRST_YEAR–LAST_YEAR: a date such as 9999-12-31 (written for "no end")
    is a finding, not a term the status code cannot compute."""
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker()
    checker.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)

    @checker.checks("date", raises=ValueError)
    def _day(instance) -> bool:
        if not isinstance(instance, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", instance):
            return True  # the pattern says what is wrong with the form
        return dates.in_range(datetime.date.fromisoformat(instance))

    @checker.checks("date-span")
    def _span(instance) -> bool:
        match = dates.PATTERN.match(instance) if isinstance(instance, str) else None
        return match is None or all(dates.FIRST_YEAR <= int(y) <= dates.LAST_YEAR for y in (match["y"], match["y2"]) if y)

    return checker


def _pattern(validator, pattern: str, instance, schema):
    """The ``pattern`` keyword as JSON Schema means it (ECMA-262): ``$`` is the end of the value. Python's
    ``re`` would also let ``$`` match before a final line feed, so that "https://x.se\\n" (a quoted value
    ending in \\n, or a block value) passed a pattern meant to refuse every space."""
    from jsonschema import ValidationError

    if not validator.is_type(instance, "string"):
        return
    if not re.search(_ecma(pattern), instance):
        yield ValidationError(f"{instance!r} does not match {_ecma(pattern)!r}")


def _ecma(pattern: str) -> str:
    """pattern with a final ``$`` made ``\\Z``: the end of the value, not also before a final line feed."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern


def forget() -> None:
    """Forget the schemas read so far (the validators, the registry, their digest): for a test that
    changes what ``read_schemas`` returns."""
    for cached in (_validators, registry, _schemas_digest, _by_name):
        cached.cache_clear()


#: Raised whenever the validation's own rules change (not the schemas'), e.g. how ``pattern`` reads ``$``:
#: files recorded as valid under the earlier rules are validated again.
RULES = 3  # 3: dates bounded to dates.FIRST_YEAR–LAST_YEAR


@lru_cache(maxsize=None)
def _schemas_digest() -> str:
    """What a file's validity depends on besides its text: the schemas and the validator's version."""
    schemas = json.dumps(read_schemas(), sort_keys=True, ensure_ascii=False)
    spec = importlib.util.find_spec("jsonschema")  # found, not imported: its install time stands for its version
    installed = os.stat(spec.origin).st_mtime_ns if spec and spec.origin else 0
    return hashlib.sha256(f"{schemas}\0{installed}\0{RULES}".encode()).hexdigest()


def _known_valid(kind: str, loaded: LoadedFile) -> Path | None:
    """The cache entry that records this kind and text as valid (``avtal.cache``), or None without a cache."""
    folder = cache_dir("valid")
    if folder is None:
        return None
    key = hashlib.sha256(f"{_schemas_digest()}\0{kind}\0{loaded.source}".encode()).hexdigest()
    return folder / key


def validate(kind: str, loaded: LoadedFile) -> list[Finding]:
    """Every schema violation in the file, one finding each (the deepest cause), sorted by path.

    kind: one of KINDS. Codes: ``schema-unknown-key`` (one per unknown key, PER_FILE at most and one
    finding counting the rest; at most ERRORS errors are read), ``schema-required``,
    ``schema-enum``, ``schema-type``, ``schema-id`` (a period id), ``schema-date`` (a date's form or
    value, or a year outside dates.FIRST_YEAR–LAST_YEAR), ``schema-range`` (a number past a bound),
    ``schema-pattern``, ``schema-empty``, ``schema-html`` (at the tag), ``schema-invalid``.
    A text found valid before (same kind, same text, same schemas and jsonschema version) is not
    validated again: the cache (``avtal.cache``) records valid files only, so a file with findings
    is always validated.
    """
    marker = _known_valid(kind, loaded)
    if marker is not None and marker.exists():
        return []
    findings = _validate(kind, loaded)
    if marker is not None and not findings:
        try:
            marker.touch()
        except OSError:
            pass
    return findings


def _validate(kind: str, loaded: LoadedFile) -> list[Finding]:
    """The validation itself (see ``validate``)."""
    validator = _validators()[kind]
    findings = []
    errors = sorted(itertools.islice(validator.iter_errors(loaded.data), ERRORS + 1),
                    key=lambda e: list(map(str, e.absolute_path)))
    unread = len(errors) > ERRORS
    # a date like 31/12/2026 fails both its pattern and its format: one fault, one finding (the pattern's)
    wrong_form = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    unknown = _Unknown()
    for err in errors:
        if err.validator == "format" and tuple(err.absolute_path) in wrong_form:
            continue
        findings.extend(_findings_for(err, loaded, unknown))
    if len(findings) > PER_FILE:  # unknown keys are counted as they are found, every other code here
        keys = [f for f in findings if f.code == "schema-unknown-key"]
        findings = keys + capped([f for f in findings if f.code != "schema-unknown-key"], more_unread=unread)
    if unknown.left:
        err, key = unknown.first_left
        findings.append(more("schema-unknown-key", loaded.where_key(tuple(err.absolute_path) + (key,)), unknown.left))
    return findings


class _Unknown:
    """The file's unknown keys: PER_FILE are reported each at its place, the rest counted (``more``)."""

    def __init__(self):
        self.shown, self.left, self.first_left = 0, 0, None


#: Schema errors read from one file: a file of 500 kB could hold tens of thousands, each a heavy object.
#: A file with more is far from its schema; the first ones say how (at most PER_FILE of each code).
ERRORS = 1000


def _leaves(err: "ValidationError"):
    """For oneOf/anyOf, the errors of the branch that came closest; else the error itself."""
    if err.context:
        best = max(err.context, key=lambda e: len(e.absolute_path))
        yield from _leaves(best)
    else:
        yield err


def _findings_for(err: "ValidationError", loaded: LoadedFile, unknown: list) -> list[Finding]:
    """The findings for one error; an unknown key past the file's first PER_FILE goes into unknown instead."""
    out = []
    for leaf in _leaves(err):
        if leaf.validator == "additionalProperties":  # one finding per unknown key, not just the first
            known = leaf.schema.get("properties", {})
            for key in leaf.instance:
                if key in known:
                    continue
                if unknown.shown < PER_FILE:
                    unknown.shown += 1
                    out.append(_finding(leaf, loaded, key))
                else:
                    unknown.left += 1
                    unknown.first_left = unknown.first_left or (leaf, key)
        else:
            out.append(_finding(leaf, loaded))
    return out


_DASHES = re.compile("[\u2010-\u2015\u2212]")  # hyphen, non-breaking hyphen, figure/en/em dash, bar, minus


def _dashes_fixed(value, pattern: str) -> str | None:
    """value with its dashes made hyphens, when that is what makes it match pattern (a period typed
    "2023–2026" as titles write it); else None."""
    if not isinstance(value, str) or not _DASHES.search(value):
        return None
    fixed = _DASHES.sub("-", value)
    return fixed if re.search(_ecma(pattern), fixed) else None


def _field(path) -> str:
    names = [str(p) for p in path if not isinstance(p, int)]
    return names[-1] if names else "dokumentet"


def _typed(loaded: LoadedFile, where) -> str:
    """The value as the author typed it at where (e.g. 2017:30, which YAML reads as a number)."""
    lines = loaded.lines()
    if not 0 < where.line <= len(lines):
        return ""
    return lines[where.line - 1][where.column - 1:].split(" #")[0].strip()


def _finding(err: "ValidationError", loaded: LoadedFile, key: str | None = None) -> Finding:
    path = tuple(err.absolute_path)
    where = loaded.where(path)
    v = err.validator
    if v == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        if key is None:
            unknown = [k for k in err.instance if k not in err.schema.get("properties", {})]
            key = unknown[0] if unknown else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = (f"Menade du '{close[0]}'? " if close else "") + "Tillåtna nycklar här: " + ", ".join(allowed) + "."
        return error("schema-unknown-key", loaded.where_key(path + (key,)),
                     f"Okänd nyckel '{key}'.", hint)
    if v == "required":
        name = err.message.split("'")[1] if "'" in err.message else str(err.validator_value)
        return error("schema-required", where, f"Obligatoriskt fält '{name}' saknas.",
                     f"Lägg till '{name}:' här. Se schemas/ för vad fältet ska innehålla.")
    if v == "enum":
        allowed = ", ".join(str(x) for x in err.validator_value)
        return error("schema-enum", where, f"Värdet '{err.instance}' är inte tillåtet för '{_field(path)}'.",
                     f"Tillåtna värden: {allowed}.")
    if v == "type":
        wanted = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        want = " eller ".join(_TYPES.get(w, w) for w in wanted)
        typed = _typed(loaded, where) if "string" in wanted and not isinstance(err.instance, (dict, list)) else ""
        if err.instance is None:
            hint = "Fältet saknar värde: skriv värdet efter kolonet eller ta bort raden."
        elif typed:  # a number, date or yes/no where text is wanted: the author's own value, quoted
            hint = f"Sätt värdet inom citattecken: {_field(path)}: \"{typed}\"."
        else:
            hint = "Kontrollera värdets form."
        return error("schema-type", where, f"'{_field(path)}' ska vara {want}.", hint)
    if v == "pattern":
        desc = err.schema.get("description", "")
        dashed = _dashes_fixed(err.instance, err.validator_value)
        if dashed is not None:
            return error("schema-date" if err.validator_value.startswith("^\\d{4}-\\d{2}") else "schema-id"
                         if err.validator_value in ("^\\d{4}-\\d{4}$", ID_PATTERN) else "schema-pattern", where,
                         f"'{err.instance}' är skrivet med tankstreck (–) där det ska vara ett vanligt bindestreck (-).",
                         f"Skriv {dashed}. Tankstreck hör till löptext och rubriker (2023–2026), inte till id, "
                         "perioder och datum.")
        if err.validator_value == "^\\d{4}-\\d{4}$":
            return error("schema-id", where, f"'{err.instance}' är inte ett giltigt id för en avtalsperiod.",
                         "Skriv första och sista året med ett vanligt bindestreck, t.ex. 2023-2026.")
        if err.validator_value == ID_PATTERN:
            return error("schema-id", where, f"'{err.instance}' är inte ett giltigt id.",
                         "Ett id består av små bokstäver a–z, siffror och bindestreck, t.ex. b-lagstiftning.")
        if err.validator_value == DATE_SPAN_PATTERN:  # a decision's or change's date, as precise as known
            return error("schema-date", where, f"'{err.instance}' är inte ett datum.", err.schema["patternErrorMessage"])
        if err.validator_value.startswith("^\\d{4}-\\d{2}"):
            return error("schema-date", where, f"'{err.instance}' är inte ett datum i formen ÅÅÅÅ-MM-DD.",
                         "Skriv datumet som t.ex. 2023-01-01.")
        # patternErrorMessage: the YAML language server shows the same text in the editor
        return error("schema-pattern", where, f"Värdet '{err.instance}' har fel form för '{_field(path)}'.",
                     err.schema.get("patternErrorMessage") or desc or f"Värdet ska matcha {err.validator_value}.")
    if v == "format":
        if err.cause is None:  # a real day (or span), in a year outside the bound (``_format_checker``)
            return error("schema-date", where,
                         f"'{err.instance}' ligger utanför åren {dates.FIRST_YEAR}–{dates.LAST_YEAR}.",
                         "Skriv den verkliga dagen, t.ex. 2026-12-31. Ett datum som 9999-12-31 för \"inget slut\" "
                         "går inte att räkna med; avtalstiden och dess förlängningar anges av nyckelvärdena.")
        return error("schema-date", where, f"'{err.instance}' är inte ett giltigt datum.",
                     "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-31.")
    if v in ("minimum", "maximum"):
        limit = err.validator_value
        return error("schema-range", where,
                     f"Värdet {err.instance} är för {'stort' if v == 'maximum' else 'litet'} för '{_field(path)}': "
                     f"{'högst' if v == 'maximum' else 'minst'} {limit}.",
                     err.schema.get("description") or f"Skriv ett värde från {err.schema.get('minimum', '')} "
                     f"till {err.schema.get('maximum', '')}.")
    if v in ("minLength", "minItems"):
        return error("schema-empty", where, f"'{_field(path)}' får inte vara tomt.",
                     "Fyll i ett värde; är fältet frivilligt kan du i stället ta bort det.")
    if v == "not":
        tag = re.search(r"<[a-zA-Z/!]", err.instance) if isinstance(err.instance, str) else None
        if tag and "propertyNames" in err.relative_schema_path:  # a key of the value: at the key
            where = loaded.where_key(path + (err.instance,))
            where = Position(where.file, where.line, where.column + tag.start())
        elif tag:
            where = loaded.where_in_text(path, tag.start())  # the tag itself, not the field
        if err.schema.get("x-text") == "markdown":
            advice = "Skriv texten som vanlig text; använd Markdown för listor och länkar."
        else:  # a title, label, number …: shown exactly as written
            advice = f"Ta bort taggen; '{_field(path)}' visas som vanlig text, precis som den står."
        return error("schema-html", where, "Texten innehåller HTML, som inte är tillåten.", advice)
    return error("schema-invalid", where, f"Ogiltigt värde för '{_field(path)}': {err.message}",
                 "Jämför med schemat i schemas/.")
