"""Tests for avtal.cite: statute citations in running text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avtal.cite import (
    Act,
    Citation,
    build_index,
    find_citations,
    lagen_nu_link,
)


# --------------------------------------------------------------------------
# Test register
# --------------------------------------------------------------------------


def chapters(last: int, *extra: str) -> tuple[str, ...]:
    return tuple(str(n) for n in range(1, last + 1)) + extra


ACTS = [
    Act("hsl", "2017:30", "Hälso- och sjukvårdslag (2017:30)",
        "hälso- och sjukvårdslagen", "HSL", (), chapters(18, "13 a", "16 a")),
    Act("sol", "2001:453", "Socialtjänstlag (2001:453)",
        "socialtjänstlagen", "SoL", (), chapters(16, "2 a")),
    Act("lss", "1993:387", "Lag (1993:387) om stöd och service till vissa funktionshindrade",
        "lagen om stöd och service till vissa funktionshindrade", "LSS", (), ()),
    Act("patientlagen", "2014:821", "Patientlag (2014:821)",
        "patientlagen", None, (), chapters(14)),
    Act("utskrivningslagen", "2017:612",
        "Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård",
        "lagen om samverkan vid utskrivning från sluten hälso- och sjukvård", None, (), chapters(6)),
    Act("tandvardslagen", "1985:125", "Tandvårdslag (1985:125)", "tandvårdslagen", None, (), ()),
    Act("tandvardsforordningen", "1998:1338", "Tandvårdsförordning (1998:1338)",
        "tandvårdsförordningen", None, (), ()),
    Act("lpt", "1991:1128", "Lag (1991:1128) om psykiatrisk tvångsvård",
        "lagen om psykiatrisk tvångsvård", "LPT", (), ()),
    Act("lrv", "1991:1129", "Lag (1991:1129) om rättspsykiatrisk vård",
        "lagen om rättspsykiatrisk vård", "LRV", (), ()),
    Act("lou", "2016:1145", "Lag (2016:1145) om offentlig upphandling",
        "lagen om offentlig upphandling", "LOU", (), chapters(22)),
    Act("lov", "2008:962", "Lag (2008:962) om valfrihetssystem",
        "lagen om valfrihetssystem", "LOV", (), chapters(10)),
    Act("asylsokande", "2008:344", "Lag (2008:344) om hälso- och sjukvård åt asylsökande m.fl.",
        None, None, (), ()),
    Act("utan-tillstand", "2013:407",
        "Lag (2013:407) om hälso- och sjukvård till vissa utlänningar som vistas i Sverige "
        "utan nödvändiga tillstånd", None, None, (), ()),
    Act("barnkonventionen", "2018:1197",
        "Lag (2018:1197) om Förenta nationernas konvention om barnets rättigheter",
        None, None, ("barnkonventionen",), ()),
    Act("lakemedelsformaner", "2002:160", "Lag (2002:160) om läkemedelsförmåner m.m.",
        "lagen om läkemedelsförmåner", None, (), ()),
]
INDEX = build_index(ACTS)

FIELDS = ("text", "act_id", "sfs", "name_written", "sfs_written", "chapter", "section",
          "section_to", "stycke", "punkt", "conflict", "link")


def cite(text, act_id, sfs, name, sfs_written=None, chapter=None, section=None,
         section_to=None, stycke=None, punkt=None, conflict=False, link=None):
    """The expected fields of one citation (all but the span)."""
    return dict(text=text, act_id=act_id, sfs=sfs, name_written=name, sfs_written=sfs_written,
                chapter=chapter, section=section, section_to=section_to, stycke=stycke,
                punkt=punkt, conflict=conflict, link=link)


def unresolved(text, chapter=None, section=None, section_to=None, stycke=None, punkt=None):
    return cite(text, None, None, None, chapter=chapter, section=section,
                section_to=section_to, stycke=stycke, punkt=punkt)


def fields(citation: Citation) -> dict:
    return {name: getattr(citation, name) for name in FIELDS}


HSL = "https://lagen.nu/2017:30"
SOL = "https://lagen.nu/2001:453"
LSS = "https://lagen.nu/1993:387"

# (input, expected citations in order)
CASES = [
    # --- forms from the agreement -------------------------------------------
    ("16 kap. 4 § hälso- och sjukvårdslagen (2017:30), HSL", [
        cite("16 kap. 4 § hälso- och sjukvårdslagen (2017:30), HSL", "hsl", "2017:30",
             "hälso- och sjukvårdslagen", "2017:30", "16", "4", link=HSL + "#K16P4")]),
    ("2 kap. 7 § socialtjänstlagen (2001:453), SoL", [
        cite("2 kap. 7 § socialtjänstlagen (2001:453), SoL", "sol", "2001:453",
             "socialtjänstlagen", "2001:453", "2", "7", link=SOL + "#K2P7")]),
    ("8 kap. 6 § och 12 kap. 1-3 §§, 14 kap. 1§ samt 16 kap 2 § HSL (2017:30)", [
        cite("8 kap. 6 §", "hsl", "2017:30", "HSL", "2017:30", "8", "6", link=HSL + "#K8P6"),
        cite("12 kap. 1", "hsl", "2017:30", "HSL", "2017:30", "12", "1", "3",
             link=HSL + "#K12P1"),
        cite("3 §§", "hsl", "2017:30", "HSL", "2017:30", "12", "3", link=HSL + "#K12P3"),
        cite("14 kap. 1§", "hsl", "2017:30", "HSL", "2017:30", "14", "1", link=HSL + "#K14P1"),
        cite("16 kap 2 § HSL (2017:30)", "hsl", "2017:30", "HSL", "2017:30", "16", "2",
             link=HSL + "#K16P2")]),
    ("12 kap. 1-3 §§", [unresolved("12 kap. 1", "12", "1", "3"), unresolved("3 §§", "12", "3")]),
    ("12 kap. 1-3 §§ HSL", [
        cite("12 kap. 1", "hsl", "2017:30", "HSL", None, "12", "1", "3", link=HSL + "#K12P1"),
        cite("3 §§ HSL", "hsl", "2017:30", "HSL", None, "12", "3", link=HSL + "#K12P3")]),
    ("14 kap. 1§ HSL", [
        cite("14 kap. 1§ HSL", "hsl", "2017:30", "HSL", None, "14", "1", link=HSL + "#K14P1")]),
    ("13a kap. 1 § HSL (2017:30)", [
        cite("13a kap. 1 § HSL (2017:30)", "hsl", "2017:30", "HSL", "2017:30", "13 a", "1",
             link=HSL + "#K13aP1")]),
    ("2 kap. 6 § HSL (2017:30)", [
        cite("2 kap. 6 § HSL (2017:30)", "hsl", "2017:30", "HSL", "2017:30", "2", "6",
             link=HSL + "#K2P6")]),
    ("5 kap. 8 a § och 9 a § SoL", [
        cite("5 kap. 8 a §", "sol", "2001:453", "SoL", None, "5", "8 a", link=SOL + "#K5P8a"),
        cite("9 a § SoL", "sol", "2001:453", "SoL", None, "5", "9 a", link=SOL + "#K5P9a")]),
    ("16 kap. 3 § HSL respektive 5 kap. 8 a § och 9 a § SoL", [
        cite("16 kap. 3 § HSL", "hsl", "2017:30", "HSL", None, "16", "3", link=HSL + "#K16P3"),
        cite("5 kap. 8 a §", "sol", "2001:453", "SoL", None, "5", "8 a", link=SOL + "#K5P8a"),
        cite("9 a § SoL", "sol", "2001:453", "SoL", None, "5", "9 a", link=SOL + "#K5P9a")]),
    ("9 § 8 och 9 § 9 LSS", [
        cite("9 § 8", "lss", "1993:387", "LSS", None, None, "9", punkt="8", link=LSS + "#P9S1N8"),
        cite("9 § 9 LSS", "lss", "1993:387", "LSS", None, None, "9", punkt="9",
             link=LSS + "#P9S1N9")]),
    ("5 kap. 5 § andra stycket, 5 kap. 7 § tredje stycket eller 7 kap. 1 § första stycket 2 "
     "socialtjänstlagen (2001:453), SoL", [
        cite("5 kap. 5 § andra stycket", "sol", "2001:453", "socialtjänstlagen", "2001:453",
             "5", "5", stycke=2, link=SOL + "#K5P5S2"),
        cite("5 kap. 7 § tredje stycket", "sol", "2001:453", "socialtjänstlagen", "2001:453",
             "5", "7", stycke=3, link=SOL + "#K5P7S3"),
        cite("7 kap. 1 § första stycket 2 socialtjänstlagen (2001:453), SoL", "sol", "2001:453",
             "socialtjänstlagen", "2001:453", "7", "1", stycke=1, punkt="2",
             link=SOL + "#K7P1S1N2")]),
    ("(3 kap. 6 § SoL)", [
        cite("3 kap. 6 § SoL", "sol", "2001:453", "SoL", None, "3", "6", link=SOL + "#K3P6")]),
    ("16 kap. 1 §, HSL", [
        cite("16 kap. 1 §, HSL", "hsl", "2017:30", "HSL", None, "16", "1", link=HSL + "#K16P1")]),
    ("16 kap. 4 § tredje och fjärde styckena hälso- och sjukvårdslagen (2017:30) och "
     "2 kap. 7 § andra och tredje styckena socialtjänstlagen (2001:453)", [
        cite("16 kap. 4 § tredje", "hsl", "2017:30", "hälso- och sjukvårdslagen", "2017:30", "16", "4",
             stycke=3, link=HSL + "#K16P4S3"),
        cite("fjärde styckena hälso- och sjukvårdslagen (2017:30)", "hsl", "2017:30",
             "hälso- och sjukvårdslagen", "2017:30", "16", "4", stycke=4, link=HSL + "#K16P4S4"),
        cite("2 kap. 7 § andra", "sol", "2001:453", "socialtjänstlagen", "2001:453", "2", "7",
             stycke=2, link=SOL + "#K2P7S2"),
        cite("tredje styckena socialtjänstlagen (2001:453)", "sol", "2001:453", "socialtjänstlagen",
             "2001:453", "2", "7", stycke=3, link=SOL + "#K2P7S3")]),
    ("lagen om samverkan vid utskrivning från sluten hälso- och sjukvård (4 kap. 1-3§§)", [
        cite("lagen om samverkan vid utskrivning från sluten hälso- och sjukvård (4 kap. 1",
             "utskrivningslagen", "2017:612",
             "lagen om samverkan vid utskrivning från sluten hälso- och sjukvård", None,
             "4", "1", "3", link="https://lagen.nu/2017:612#K4P1"),
        cite("3§§)", "utskrivningslagen", "2017:612",
             "lagen om samverkan vid utskrivning från sluten hälso- och sjukvård", None,
             "4", "3", link="https://lagen.nu/2017:612#K4P3")]),
    ("patientlagen (2014:821) 6 kap 3§", [
        cite("patientlagen (2014:821) 6 kap 3§", "patientlagen", "2014:821", "patientlagen",
             "2014:821", "6", "3", link="https://lagen.nu/2014:821#K6P3")]),
    ("12 kap. 1 § hälso- och sjukvårdslagen, HSL, (2017:30)", [
        cite("12 kap. 1 § hälso- och sjukvårdslagen, HSL, (2017:30)", "hsl", "2017:30",
             "hälso- och sjukvårdslagen", "2017:30", "12", "1", link=HSL + "#K12P1")]),
    ("Lag (2008:344) om hälso- och sjukvård åt asylsökande m fl", [
        cite("Lag (2008:344) om hälso- och sjukvård åt asylsökande m fl", "asylsokande",
             "2008:344", "Lag", "2008:344", link="https://lagen.nu/2008:344")]),
    ("Lag (2013:407) om hälso- och sjukvård till vissa utlänningar som vistas i Sverige utan "
     "nödvändiga tillstånd", [
        cite("Lag (2013:407) om hälso- och sjukvård till vissa utlänningar som vistas i Sverige "
             "utan nödvändiga tillstånd", "utan-tillstand", "2013:407", "Lag", "2013:407",
             link="https://lagen.nu/2013:407")]),
    ("lag (1991:1128) om psykiatrisk tvångsvård (LPT)", [
        cite("lag (1991:1128) om psykiatrisk tvångsvård (LPT)", "lpt", "1991:1128", "lag",
             "1991:1128", link="https://lagen.nu/1991:1128")]),
    ("lag (1991:1129) om rättspsykiatrisk vård, LRV", [
        cite("lag (1991:1129) om rättspsykiatrisk vård, LRV", "lrv", "1991:1129", "lag",
             "1991:1129", link="https://lagen.nu/1991:1129")]),
    ("tandvårdslagen (1985:125) 8 a §", [
        cite("tandvårdslagen (1985:125) 8 a §", "tandvardslagen", "1985:125", "tandvårdslagen",
             "1985:125", None, "8 a", link="https://lagen.nu/1985:125#P8a")]),
    ("tandvårdsförordningen (1998:1338)", [
        cite("tandvårdsförordningen (1998:1338)", "tandvardsforordningen", "1998:1338",
             "tandvårdsförordningen", "1998:1338", link="https://lagen.nu/1998:1338")]),
    ("lagen (1993:387) om stöd och service till vissa funktionshindrade, LSS", [
        cite("lagen (1993:387) om stöd och service till vissa funktionshindrade, LSS", "lss",
             "1993:387", "lagen", "1993:387", link=LSS)]),
    ("lag 2017:612", [
        cite("lag 2017:612", "utskrivningslagen", "2017:612", "lag", "2017:612",
             link="https://lagen.nu/2017:612")]),
    ("Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård", [
        cite("Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård",
             "utskrivningslagen", "2017:612", "Lag", "2017:612",
             link="https://lagen.nu/2017:612")]),
    ("(2018:1197 om Förenta nationernas konvention om barnets rättigheter)", [
        cite("2018:1197 om Förenta nationernas konvention om barnets rättigheter",
             "barnkonventionen", "2018:1197", None, "2018:1197",
             link="https://lagen.nu/2018:1197")]),
    ("svensk lag (2018:1197 om Förenta nationernas konvention om barnets rättigheter)", [
        cite("lag (2018:1197 om Förenta nationernas konvention om barnets rättigheter)",
             "barnkonventionen", "2018:1197", "lag", "2018:1197",
             link="https://lagen.nu/2018:1197")]),
    ("12 kap. 1 § HSL", [
        cite("12 kap. 1 § HSL", "hsl", "2017:30", "HSL", None, "12", "1", link=HSL + "#K12P1")]),
    ("hälso- och sjukvårdslagen", [
        cite("hälso- och sjukvårdslagen", "hsl", "2017:30", "hälso- och sjukvårdslagen",
             link=HSL)]),
    ("socialtjänstlagen", [
        cite("socialtjänstlagen", "sol", "2001:453", "socialtjänstlagen", link=SOL)]),
    ("lagen om offentlig upphandling, LOU", [
        cite("lagen om offentlig upphandling, LOU", "lou", "2016:1145",
             "lagen om offentlig upphandling", link="https://lagen.nu/2016:1145")]),
    ("lagen om valfrihetssystem, LOV", [
        cite("lagen om valfrihetssystem, LOV", "lov", "2008:962", "lagen om valfrihetssystem",
             link="https://lagen.nu/2008:962")]),
    ("lagen om läkemedelsförmåner", [
        cite("lagen om läkemedelsförmåner", "lakemedelsformaner", "2002:160",
             "lagen om läkemedelsförmåner", link="https://lagen.nu/2002:160")]),
    ("patientlagen", [
        cite("patientlagen", "patientlagen", "2014:821", "patientlagen",
             link="https://lagen.nu/2014:821")]),
    ("Vid tillämpningen av 8 § ska landstinget", [unresolved("8 §", section="8")]),
    ("Enligt 16 kap. 1 § HSL ska regionen, och enligt 12 kap. 2 § i samma lag får kommunen", [
        cite("16 kap. 1 § HSL", "hsl", "2017:30", "HSL", None, "16", "1", link=HSL + "#K16P1"),
        cite("12 kap. 2 § i samma lag", "hsl", "2017:30", None, None, "12", "2",
             link=HSL + "#K12P2")]),
    ("Enligt HSL ska regionen. Enligt 12 kap. 2 § i samma lag får kommunen.", [
        cite("HSL", "hsl", "2017:30", "HSL", link=HSL),
        cite("12 kap. 2 § i samma lag", "hsl", "2017:30", None, None, "12", "2",
             link=HSL + "#K12P2")]),
    ("Enligt HSL ska regionen.\n\nEnligt 12 kap. 2 § i samma lag får kommunen.", [
        cite("HSL", "hsl", "2017:30", "HSL", link=HSL),
        unresolved("12 kap. 2 § i samma lag", "12", "2")]),
    ("lagen (2099:1) om prov", [
        cite("lagen (2099:1) om prov", None, "2099:1", "lagen", "2099:1",
             link="https://lagen.nu/2099:1")]),
    ("HSL (2001:453)", [
        cite("HSL (2001:453)", "sol", "2001:453", "HSL", "2001:453", conflict=True, link=SOL)]),
    ("hälso- och sjukvårdslagen (2001:453)", [
        cite("hälso- och sjukvårdslagen (2001:453)", "sol", "2001:453",
             "hälso- och sjukvårdslagen", "2001:453", conflict=True, link=SOL)]),
    ("tandvårdslagen (1985:126)", [
        cite("tandvårdslagen (1985:126)", None, "1985:126", "tandvårdslagen", "1985:126",
             conflict=True, link="https://lagen.nu/1985:126")]),
    ("enligt HSL", [cite("HSL", "hsl", "2017:30", "HSL", link=HSL)]),
    ("SoL och LSS", [
        cite("SoL", "sol", "2001:453", "SoL", link=SOL),
        cite("LSS", "lss", "1993:387", "LSS", link=LSS)]),
    # --- variants ------------------------------------------------------------
    ("barnkonventionen", [
        cite("barnkonventionen", "barnkonventionen", "2018:1197", "barnkonventionen",
             link="https://lagen.nu/2018:1197")]),
    ("lagen om samverkan vid utskrivning från sluten hälso-och sjukvård (lag\n2017:612)", [
        cite("lagen om samverkan vid utskrivning från sluten hälso-och sjukvård (lag\n2017:612)",
             "utskrivningslagen", "2017:612",
             "lagen om samverkan vid utskrivning från sluten hälso-och sjukvård", "2017:612",
             link="https://lagen.nu/2017:612")]),
    ("Lag om psykiatrisk tvångsvård", [
        cite("Lag om psykiatrisk tvångsvård", "lpt", "1991:1128", "Lag om psykiatrisk tvångsvård",
             link="https://lagen.nu/1991:1128")]),
    ("16 kap. 1 § och 2 § HSL (2017:30)", [
        cite("16 kap. 1 §", "hsl", "2017:30", "HSL", "2017:30", "16", "1", link=HSL + "#K16P1"),
        cite("2 § HSL (2017:30)", "hsl", "2017:30", "HSL", "2017:30", "16", "2",
             link=HSL + "#K16P2")]),
    ("16 kap. 1 och 2 §§ HSL", [
        cite("16 kap. 1", "hsl", "2017:30", "HSL", None, "16", "1", link=HSL + "#K16P1"),
        cite("2 §§ HSL", "hsl", "2017:30", "HSL", None, "16", "2", link=HSL + "#K16P2")]),
    ("enligt 16 kap. HSL", [
        cite("16 kap. HSL", "hsl", "2017:30", "HSL", None, "16", link=HSL + "#K16")]),
    ("13 a kap. 1 § HSL", [
        cite("13 a kap. 1 § HSL", "hsl", "2017:30", "HSL", None, "13 a", "1",
             link=HSL + "#K13aP1")]),
    ("hälso-och sjukvårdslagen", [
        cite("hälso-och sjukvårdslagen", "hsl", "2017:30", "hälso-och sjukvårdslagen",
             link=HSL)]),
    ("i 16 kap. 4 § hälso- och\nsjukvårdslagen (2017:30)", [
        cite("16 kap. 4 § hälso- och\nsjukvårdslagen (2017:30)", "hsl", "2017:30",
             "hälso- och sjukvårdslagen", "2017:30", "16", "4", link=HSL + "#K16P4")]),
    ("(3\nkap. 6 § SoL)", [
        cite("3\nkap. 6 § SoL", "sol", "2001:453", "SoL", None, "3", "6", link=SOL + "#K3P6")]),
    ("tandvårdslagen (1985:125) 8\na §:", [
        cite("tandvårdslagen (1985:125) 8\na §", "tandvardslagen", "1985:125", "tandvårdslagen",
             "1985:125", None, "8 a", link="https://lagen.nu/1985:125#P8a")]),
    ("HSL:s bestämmelser", [cite("HSL:s", "hsl", "2017:30", "HSL", link=HSL)]),
    ("socialtjänstlagens bestämmelser", [
        cite("socialtjänstlagens", "sol", "2001:453", "socialtjänstlagen", link=SOL)]),
    ("9 § punkt 2 LSS", [
        cite("9 § punkt 2 LSS", "lss", "1993:387", "LSS", None, None, "9", punkt="2",
             link=LSS + "#P9S1N2")]),
    ("9 § första punkten LSS", [
        cite("9 § första punkten LSS", "lss", "1993:387", "LSS", None, None, "9", punkt="1",
             link=LSS + "#P9S1N1")]),
    ("4 § 1 st. LSS", [
        cite("4 § 1 st. LSS", "lss", "1993:387", "LSS", None, None, "4", stycke=1,
             link=LSS + "#P4S1")]),
    ("1 § första–tredje styckena LSS", [
        cite("1 § första", "lss", "1993:387", "LSS", None, None, "1", stycke=1, link=LSS + "#P1S1"),
        cite("tredje styckena LSS", "lss", "1993:387", "LSS", None, None, "1", stycke=3,
             link=LSS + "#P1S3")]),
    ("16 kap. 4 § tredje stycket 2 HSL", [
        cite("16 kap. 4 § tredje stycket 2 HSL", "hsl", "2017:30", "HSL", None, "16", "4",
             stycke=3, punkt="2", link=HSL + "#K16P4S3N2")]),
    ("12 kap. 1 § i hälso- och sjukvårdslagen", [
        cite("12 kap. 1 § i hälso- och sjukvårdslagen", "hsl", "2017:30",
             "hälso- och sjukvårdslagen", None, "12", "1", link=HSL + "#K12P1")]),
    ("6 kap. 3 § patientlagen", [
        cite("6 kap. 3 § patientlagen", "patientlagen", "2014:821", "patientlagen", None,
             "6", "3", link="https://lagen.nu/2014:821#K6P3")]),
    ("LOU (2016:1145) 4 kap.", [
        cite("LOU (2016:1145) 4 kap.", "lou", "2016:1145", "LOU", "2016:1145", "4",
             link="https://lagen.nu/2016:1145#K4")]),
    ("1 a § och 2 § LSS", [
        cite("1 a §", "lss", "1993:387", "LSS", None, None, "1 a", link=LSS + "#P1a"),
        cite("2 § LSS", "lss", "1993:387", "LSS", None, None, "2", link=LSS + "#P2")]),
    # SoL is divided into chapters: a section without its chapter has no anchor of its own on
    # lagen.nu (no #P2 there), and none is guessed: the act's link.
    ("1 a § och 2 § SoL", [
        cite("1 a §", "sol", "2001:453", "SoL", None, None, "1 a", link=SOL),
        cite("2 § SoL", "sol", "2001:453", "SoL", None, None, "2", link=SOL)]),
    ("SFS 2017:30", [
        cite("SFS 2017:30", "hsl", "2017:30", None, "2017:30", link=HSL)]),
    ("Lagen om stöd och service till vissa funktionshindrade, LSS, SoL", [
        cite("Lagen om stöd och service till vissa funktionshindrade, LSS", "lss", "1993:387",
             "Lagen om stöd och service till vissa funktionshindrade", link=LSS),
        cite("SoL", "sol", "2001:453", "SoL", link=SOL)]),
    ("hälso- och sjukvårdslagen (2017:30), SoL", [
        cite("hälso- och sjukvårdslagen (2017:30)", "hsl", "2017:30",
             "hälso- och sjukvårdslagen", "2017:30", link=HSL),
        cite("SoL", "sol", "2001:453", "SoL", link=SOL)]),
    ("tandvårdslagen (1985:125) 8 a § samt 5 kap. 2 § SoL", [
        cite("tandvårdslagen (1985:125) 8 a §", "tandvardslagen", "1985:125", "tandvårdslagen",
             "1985:125", None, "8 a", link="https://lagen.nu/1985:125#P8a"),
        cite("5 kap. 2 § SoL", "sol", "2001:453", "SoL", None, "5", "2", link=SOL + "#K5P2")]),
    ("patientlagen (2014:821) 6 kap 3§ och 4 §", [
        cite("patientlagen (2014:821) 6 kap 3§", "patientlagen", "2014:821", "patientlagen",
             "2014:821", "6", "3", link="https://lagen.nu/2014:821#K6P3"),
        cite("4 §", "patientlagen", "2014:821", "patientlagen", "2014:821", "6", "4",
             link="https://lagen.nu/2014:821#K6P4")]),
    ("16 kapitlet 4 § HSL", [
        cite("16 kapitlet 4 § HSL", "hsl", "2017:30", "HSL", None, "16", "4",
             link=HSL + "#K16P4")]),
    # --- acts outside the register -----------------------------------------
    ("skollagen (2010:800) 3 kap. 5 §", [
        cite("skollagen (2010:800) 3 kap. 5 §", None, "2010:800", "skollagen", "2010:800",
             "3", "5", link="https://lagen.nu/2010:800#K3P5")]),
    ("lagen (1990:52) med särskilda bestämmelser om vård av unga, LVU", [
        cite("lagen (1990:52) med särskilda bestämmelser om vård av unga, LVU", None,
             "1990:52", "lagen", "1990:52", link="https://lagen.nu/1990:52")]),
    ("enligt lagen (2099:1) om prov och socialtjänstlagen", [
        cite("lagen (2099:1) om prov", None, "2099:1", "lagen", "2099:1",
             link="https://lagen.nu/2099:1"),
        cite("socialtjänstlagen", "sol", "2001:453", "socialtjänstlagen", link=SOL)]),
    ("enligt lagen (2099:1) om prov ska kommunen", [
        cite("lagen (2099:1) om prov", None, "2099:1", "lagen", "2099:1",
             link="https://lagen.nu/2099:1")]),
    ("5 kap. 1 §", [unresolved("5 kap. 1 §", "5", "1")]),
    ("enligt 9 § 8. Sedan", [unresolved("9 § 8", section="9", punkt="8")]),
    # --- not citations -------------------------------------------------------
    ("2023-01-01", []),
    ("Sedan 1 juli 2021 gäller", []),
    ("överskrider 3,0 kalenderdagar per kommun", []),
    ("Regionstyrelsens beslut 2022, § 356 Hälso- och sjukvårdsavtal", []),
    ("Protokoll VästKoms Styrelse 8 mars 2022, § 14 och § 15", []),
    ("Föredragande §13", []),
    ("sedan regionbildningen 1999", []),
    ("personer under 24 år", []),
    ("LSS-handläggare", []),
    ("som omfattas av 2 a eller 2 b ovan", []),
    ("hälso- och sjukvårdsavtal", []),
    ("den lag som reglerar", []),
    ("diarienummer 2017:30", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[case[0][:60] for case in CASES])
def test_citation_table(text, expected):
    found = find_citations(text, INDEX)
    for citation in found:
        assert text[citation.start:citation.end] == citation.text
    assert [fields(c) for c in found] == expected


# --------------------------------------------------------------------------
# Links and lookups
# --------------------------------------------------------------------------


@pytest.mark.parametrize("args, link", [
    (("2017:30", "16", "4"), "https://lagen.nu/2017:30#K16P4"),
    (("2001:453", "7", "1", 1, 2), "https://lagen.nu/2001:453#K7P1S1N2"),
    (("2001:453", "5", "8 a"), "https://lagen.nu/2001:453#K5P8a"),
    (("2017:30", "13 a", "1"), "https://lagen.nu/2017:30#K13aP1"),
    (("1993:387", None, "9", None, 8), "https://lagen.nu/1993:387#P9S1N8"),  # the first stycke
    (("1993:387", None, "9", None, "2a"), "https://lagen.nu/1993:387#P9S1N2a"),
    (("1998:1338", None, "3", 1, "b"), "https://lagen.nu/1998:1338#P3S1Nb"),
    (("2017:30",), "https://lagen.nu/2017:30"),
    (("2017:30", "16"), "https://lagen.nu/2017:30#K16"),
    (("2017:30", "16", None, 2, 3), "https://lagen.nu/2017:30#K16"),
])
def test_lagen_nu_link(args, link):
    assert lagen_nu_link(*args) == link


@pytest.mark.parametrize("kwargs, link", [
    (dict(section="32", moment=3), "https://lagen.nu/1928:370#P32O3"),
    (dict(section="32", moment=1, stycke=2), "https://lagen.nu/1928:370#P32O1S2"),
    (dict(chapter="1", section="3", stycke=1, mening=1), "https://lagen.nu/1928:370#K1P3S1M1"),
    (dict(chapter="2", section="1", mening=2), "https://lagen.nu/1928:370#K2P1M2"),  # no stycke for a mening
    (dict(chapter="1", moment=2, mening=1), "https://lagen.nu/1928:370#K1"),  # nothing below a chapter
])
def test_lagen_nu_link_in_lagen_nus_order(kwargs, link):
    """K chapter, P section, O moment, S stycke, N punkt, M mening."""
    assert lagen_nu_link("1928:370", **kwargs) == link


def test_index_lookups():
    assert INDEX.by_name("Hälso- och sjukvårdslagen").id == "hsl"
    assert INDEX.by_name("hälso-och  sjukvårdslagen").id == "hsl"
    assert INDEX.by_name("BARNKONVENTIONEN").id == "barnkonventionen"
    assert INDEX.by_abbreviation("SoL").id == "sol"
    assert INDEX.by_abbreviation("SOL") is None
    assert INDEX.by_sfs("2014:821").id == "patientlagen"
    assert INDEX.resolve("LSS").id == "lss"
    assert INDEX.resolve("2099:1") is None


def test_empty_register_still_finds_numbered_acts():
    found = find_citations("12 kap. 1 § HSL och lagen (2099:1) om prov", build_index([]))
    assert [(c.text, c.sfs, c.link) for c in found] == [
        ("12 kap. 1 §", None, None),
        ("lagen (2099:1) om prov", "2099:1", "https://lagen.nu/2099:1"),
    ]


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

FRAGMENTS = [
    "16 kap.", "kap", " 4 §", "§§", "1-3", " a ", "8 a §", "HSL", "SoL", "LSS", "(2017:30)",
    "(2099:1", ")", "(", ", ", " och ", " samt ", " respektive ", " i samma lag",
    "hälso- och sjukvårdslagen", "lagen", " om ", "lag 2017:612", "andra stycket",
    "tredje och fjärde styckena", " 2 ", "punkt", "första punkten", "\n", ". ", "SFS ",
    "2018:1197 om barn", "patientlagen (2014:821) ", "6 kap 3§", "13a", "-", "–", ":s", "st.",
    " mom.", "första meningen", "andra punkten", " b)", " punkt c", "samma lag", " lagen", "denna lag",
    "förstnämnda lagen", "SFS 2020:1043", " och 2023:37", "\u00a0", "\u202f", "kungörelsen (1974:152)",
    "föräldrabalken", "7.", " p.", "punkterna", "styckena", " t.o.m. ", "\n\n", "genom 2023:37",
]
citation_like = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40
).map("".join)

# Whole phrases, so that an act, a connector and a place meet often: an act outside the register
# whose title is guessed word by word ("lagen (1982:80) om anställningsskydd"), then "och", then a
# place with its act ("3 § HSL"). Single fragments meet that way too rarely for hypothesis to find
# "lagen (1982:80) om anställningsskydd och 3 § HSL", whose span once ended in "och".
TITLE_WORDS = ["anställningsskydd", "instruktion", "för", "IVO", "vård", "av", "unga", "Sverige"]
act_outside_register = st.builds(
    "{} ({}) {} {}".format,
    st.sampled_from(["lagen", "lag", "förordningen", "kungörelsen", "Lag"]),
    st.sampled_from(["1982:80", "2017:80", "2099:1"]),
    st.sampled_from(["om", "med"]),
    st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=4).map(" ".join),
)
place_with_act = st.sampled_from([
    "3 § HSL", "16 kap. 4 § HSL", "9 § 8 LSS", "2 § samma lag", "10 § f LSS", "9 § 8) LSS", "1 §",
    "7 kap. 2 i § HSL", "2 kap. 1 § RF", "6 kap. 1 § 2 a) HSL", "SoL",
])
connector = st.sampled_from([" och ", " samt ", ", ", " eller ", " respektive ", " ", ". "])
phrases = st.lists(
    st.one_of(act_outside_register, place_with_act, connector, st.sampled_from(FRAGMENTS)), max_size=12
).map("".join)


TRAILING_CONNECTOR = re.compile(r"\s(?:och|samt|eller|respektive)\s*$")


def check_spans(text: str) -> None:
    found = find_citations(text, INDEX)
    previous_end = 0
    for citation in found:
        assert text[citation.start:citation.end] == citation.text
        assert citation.start >= previous_end  # in order and not overlapping
        previous_end = citation.end
        assert not TRAILING_CONNECTOR.search(citation.text), citation  # never "… och"
        assert (citation.link is None) == (citation.sfs is None)


# No deadline: the machine is shared, and a slow example under load is not what these properties test
# (hypothesis reports a deadline missed once and met on replay as a flaky failure).
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    check_spans(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(citation_like)
def test_never_raises_on_citation_like_text(text):
    check_spans(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(phrases)
def test_never_raises_on_phrases_of_acts_places_and_connectors(text):
    check_spans(text)


# --- a name reused by the act that replaced it -------------------------------------

REUSED = build_index([
    *ACTS,
    Act("sol-2025", "2025:400", "Socialtjänstlag (2025:400)", "socialtjänstlagen", "SoL", (), chapters(20)),
])


@pytest.mark.parametrize("text, sfs, conflict", [
    ("socialtjänstlagen (2025:400)", "2025:400", False),  # the new act's own name
    ("socialtjänstlag (2025:400) 5 kap. 1 §", "2025:400", False),
    ("SoL (2025:400)", "2025:400", False),
    ("socialtjänstlagen (2001:453)", "2001:453", False),
    ("SoL", "2001:453", False),  # a bare name: the act listed first
    ("HSL (2025:400)", "2025:400", True),  # a name neither act with that number has
    ("hälso- och sjukvårdslagens (2025:400)", "2025:400", True),
])
def test_a_name_two_acts_share_agrees_with_either_number(text, sfs, conflict):
    [citation] = find_citations(text, REUSED)
    assert (citation.sfs, citation.conflict) == (sfs, conflict)
