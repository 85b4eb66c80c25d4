"""Areas: a delregional or local document covers an area of the register (agreement/register/omraden.yaml)
of its own level: a delregional one a delregion, a local one a närområde; a länsgemensam one the
whole county, so none."""

from __future__ import annotations

from ..findings import Finding, closest, error
from ..model import Corpus

#: The kind of area each level of document covers (a länsgemensam document covers the county: none).
AREA_KIND_OF_LEVEL = {"delregional": "delregion", "lokal": "naromrade"}
_AN = {"delregion": "en delregion", "naromrade": "ett närområde"}
_NEUTER = {"lansgemensam": "länsgemensamt", "delregional": "delregionalt", "lokal": "lokalt"}  # "ett … dokument"


def known_areas(corpus: Corpus) -> list[Finding]:
    """A guideline's area and a närområde's delregion are in the area register.

    Code: ``area-unknown`` at the guideline's ``area`` or the area's ``part_of``.
    """
    areas = {a.id: a for a in corpus.areas}
    findings = []
    for area in corpus.areas:
        if area.part_of is not None and (area.part_of not in areas or areas[area.part_of].kind != "delregion"):
            findings.append(error(
                "area-unknown", area.where.at("part_of"),
                f"Delregionen '{area.part_of}' som området '{area.id}' ligger i finns inte i områdesregistret.",
                closest(area.part_of, [a.id for a in corpus.areas if a.kind == "delregion"])))
    for period in corpus.periods.values():
        for guideline in period.guidelines.values():
            if guideline.area is not None and guideline.area not in areas:
                findings.append(error(
                    "area-unknown", guideline.where.at("area"),
                    f"Området '{guideline.area}' finns inte i agreement/register/omraden.yaml.",
                    closest(guideline.area, areas) + " Nya områden läggs till i registret, med källa."))
    return findings


def area_levels(corpus: Corpus) -> list[Finding]:
    """The area fits the document's level (module docstring).

    Code: ``area-level`` at the guideline's ``area``.
    """
    areas = {a.id: a for a in corpus.areas}
    findings = []
    for period in corpus.periods.values():
        for guideline in period.guidelines.values():
            area = areas.get(guideline.area or "")
            if area is None:
                continue
            wanted = AREA_KIND_OF_LEVEL.get(guideline.level)
            if wanted == area.kind:
                continue
            level = _NEUTER[guideline.level]
            if wanted is None:
                message, hint = (f"Ett {level} dokument gäller hela länet och har inget område, men '{guideline.id}' "
                                 f"anger '{area.id}'.", "Ta bort area, eller ändra level till delregional eller lokal.")
            else:
                message, hint = (f"Dokumentet '{guideline.id}' är {level} men området '{area.id}' är "
                                 f"{_AN[area.kind]}.", f"Ett {level} dokument gäller {_AN[wanted]}.")
            findings.append(error("area-level", guideline.where.at("area"), message, hint))
    return findings


CHECKS = [known_areas, area_levels]
