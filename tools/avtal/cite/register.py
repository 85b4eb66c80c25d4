"""The statute register as the citation parser sees it: acts, their names, and lookups.

``build_index(acts)`` compiles one regex for every registered name and abbreviation;
``index_from_register(statutes)`` builds (and caches) it from the model's register.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Iterable, Mapping

from ..registers import Statute
from .known import KNOWN_ACTS, Act


_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")
_SFS_IN_TITLE = re.compile(r"\s*\(\s*(?:SFS\s*)?[0-9]{4}:[0-9]+\s*\)\s*")
# Between the words of a name: spaces, line breaks, hyphens, dots
# ("hälso- och", "hälso-och", "m.fl." / "m fl").
_NAME_GAP = r"[\s.\-–]+"


def _name_key(name: str) -> str:
    """Lookup key of a name: case-folded, punctuation and spacing removed."""
    return _NON_WORD.sub("", name.casefold())


def _looks_like_abbreviation(name: str) -> bool:
    """"SoL", "HSL", "LOU": one word of at most eight letters with at least two capitals (chosen by hand)."""
    return (
        len(name) <= 8
        and name.isalpha()
        and sum(ch.isupper() for ch in name) >= 2
    )


def _flexible(name: str) -> str:
    """Regex source for a name, tolerant of spacing and hyphenation."""
    return _NAME_GAP.join(re.escape(word) for word in _WORD.findall(name))


def _names_from_title(title: str) -> list[str]:
    """Names an act goes by, derived from its title.

    "Hälso- och sjukvårdslag (2017:30)" -> "hälso- och sjukvårdslag",
    "hälso- och sjukvårdslagen"; "Lag (1991:1128) om psykiatrisk tvångsvård"
    -> "lag om psykiatrisk tvångsvård", "lagen om psykiatrisk tvångsvård".
    """
    name = " ".join(_SFS_IN_TITLE.sub(" ", title).split())
    if not name:
        return []
    names = [name]
    lower = name.casefold()
    for indefinite, definite in (("lag", "lagen"), ("förordning", "förordningen"), ("balk", "balken"),
                                 ("kungörelse", "kungörelsen"), ("stadga", "stadgan")):
        if lower.endswith(indefinite):
            names.append(name + definite[len(indefinite):])
        if lower.startswith(indefinite + " "):
            names.append(definite + name[len(indefinite):])
    return names


def _title_rest(title: str) -> str | None:
    """What follows the SFS number in a title: "om psykiatrisk tvångsvård"."""
    match = _SFS_IN_TITLE.search(title)
    if not match:
        return None
    rest = title[match.end():].strip()
    return rest if _WORD.search(rest) else None


@dataclass(frozen=True, eq=False)
class StatuteIndex:
    """Lookups over a statute register; build it with ``build_index``.

    Names and aliases are looked up case-insensitively and tolerant of
    spacing and hyphenation; abbreviations exactly ("SoL", not "SOL").
    """

    acts: Mapping[str, Act]
    _by_sfs: Mapping[str, str]
    _by_name: Mapping[str, str]
    _by_abbreviation: Mapping[str, str]
    mention_re: re.Pattern[str] | None
    title_rest_re: Mapping[str, re.Pattern[str]]
    _names_of: Mapping[str, frozenset[str]]  # act id -> its name keys and abbreviations

    def is_called(self, act: Act, written: str) -> bool:
        """Whether ``written`` (a name or abbreviation, maybe genitive) is one of the act's own names.

        Names are reused when an act is replaced (socialtjänstlagen 2001:453 and 2025:400), so a
        name can belong to several acts although ``by_name`` gives the first.
        """
        own = self._names_of.get(act.id, frozenset())
        written = written.strip()
        candidates = {written, written.removesuffix(":s"), _name_key(written)}
        if written.endswith("s"):
            candidates.add(_name_key(written[:-1]))
        return bool(candidates & own)

    def act(self, act_id: str) -> Act | None:
        """The act with this register id, or None."""
        return self.acts.get(act_id)

    def by_sfs(self, sfs: str) -> Act | None:
        """The act with this SFS number ("2017:30"), or None."""
        act_id = self._by_sfs.get(sfs.strip())
        return self.acts[act_id] if act_id else None

    def by_name(self, name: str) -> Act | None:
        """The act a name or alias stands for (case, spacing and punctuation ignored), the first listed on a clash."""
        act_id = self._by_name.get(_name_key(name))
        return self.acts[act_id] if act_id else None

    def by_abbreviation(self, abbreviation: str) -> Act | None:
        """The act with this abbreviation, matched exactly ("SoL", not "SOL"), or None."""
        act_id = self._by_abbreviation.get(abbreviation.strip())
        return self.acts[act_id] if act_id else None

    def resolve(self, written: str) -> Act | None:
        """The act a name, alias, abbreviation or SFS number stands for."""
        return (
            self.by_abbreviation(written)
            or self.by_name(written)
            or self.by_sfs(written)
        )


def build_index(acts: Iterable[Act], known: Iterable[Act] = KNOWN_ACTS) -> StatuteIndex:
    """Index a register, then the well-known acts it leaves out (``known``: the balkar, the
    fundamental laws, a few acts every text on health care names without a number). On clashing
    names or numbers the act listed first wins, so the register always wins over ``known``.

    A name whose key (letters and digits only) is shorter than three characters is kept among the act's
    own names but neither looked up nor searched for in text: a hand-chosen floor, no measurement recorded.
    An alias that looks like an abbreviation (``_looks_like_abbreviation``) is indexed as one.
    """
    by_id: dict[str, Act] = {}
    by_sfs: dict[str, str] = {}
    by_name: dict[str, str] = {}
    by_abbreviation: dict[str, str] = {}
    name_sources: dict[str, str] = {}  # key -> regex source of one spelling
    title_rest_re: dict[str, re.Pattern[str]] = {}
    names_of: dict[str, set[str]] = {}

    for act in (*acts, *known):
        by_id.setdefault(act.id, act)
        by_sfs.setdefault(act.sfs, act.id)
        abbreviations = [act.abbreviation] if act.abbreviation else []
        names = [act.short_name] if act.short_name else []
        for alias in act.aliases:
            (abbreviations if _looks_like_abbreviation(alias) else names).append(alias)
        names.extend(_names_from_title(act.title))
        own = names_of.setdefault(act.id, set())
        for abbreviation in abbreviations:
            by_abbreviation.setdefault(abbreviation, act.id)
            own.add(abbreviation)
        for name in names:
            key = _name_key(name)
            own.add(key)
            if len(key) >= 3 and key not in by_name:
                by_name[key] = act.id
                name_sources[key] = _flexible(name)
        rest = _title_rest(act.title)
        if rest:
            title_rest_re[act.id] = re.compile(
                r"\s+(?i:" + _flexible(rest) + r")(?!\w)"
            )

    return StatuteIndex(
        acts=MappingProxyType(by_id),
        _by_sfs=MappingProxyType(by_sfs),
        _by_name=MappingProxyType(by_name),
        _by_abbreviation=MappingProxyType(by_abbreviation),
        mention_re=_compile_mention_re(list(name_sources.values()), list(by_abbreviation)),
        title_rest_re=MappingProxyType(title_rest_re),
        _names_of=MappingProxyType({k: frozenset(v) for k, v in names_of.items()}),
    )


def _compile_mention_re(names: list[str], abbreviations: list[str]) -> re.Pattern[str] | None:
    """One regex for every registered name and abbreviation, longest first.

    Names take an optional genitive "s", abbreviations ":s"; neither may be
    part of a longer word or a compound ("LSS-handläggare").
    """
    alternatives = []
    if names:
        names = sorted(names, key=len, reverse=True)
        alternatives.append(r"(?P<name>(?i:" + "|".join(names) + r"))(?P<name_gen>s)?")
    if abbreviations:
        abbreviations = sorted(abbreviations, key=len, reverse=True)
        alternatives.append(
            r"(?P<abbr>" + "|".join(map(re.escape, abbreviations)) + r")(?P<abbr_gen>:s)?"
        )
    if not alternatives:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def act_from(statute: Statute) -> Act:
    """The parser's view of one register entry."""
    return Act(id=statute.id, sfs=statute.sfs, title=statute.title, short_name=statute.short_name,
               abbreviation=statute.abbreviation, aliases=tuple(statute.aliases), chapters=tuple(statute.chapters),
               chaptered=statute.chaptered)


def index_from_register(statutes) -> StatuteIndex:
    """The index of a register (a sequence of registers.Statute); built once per register content."""
    return _index(tuple(act_from(s) for s in statutes))


@lru_cache(maxsize=8)
def _index(acts: tuple[Act, ...]) -> StatuteIndex:
    return build_index(acts)
