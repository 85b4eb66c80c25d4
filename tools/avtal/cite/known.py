"""Acts every Swedish text names without a number, known to the parser outside any register.

The register (agreement/register/lagar.yaml) lists the acts the agreement cites; a text may also
name a balk ("16 kap. 9 § brottsbalken"), a fundamental law or an act of general administrative
law that the register leaves out. These resolve by name to their SFS number and link to lagen.nu,
but stay outside the register (``Act.registered`` is False: no act id, and the checker tips that
the act is not in the register). Only acts whose number and name are settled are listed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Act:
    """One entry of the statute register, or a well-known act outside it."""

    id: str
    sfs: str
    title: str
    short_name: str | None = None
    abbreviation: str | None = None
    aliases: tuple[str, ...] = ()
    chapters: tuple[str, ...] = ()
    registered: bool = True  # False for the well-known acts below


def _known(sfs: str, title: str, short_name: str | None = None) -> Act:
    return Act(id="sfs-" + sfs.replace(":", "-"), sfs=sfs, title=title, short_name=short_name, registered=False)


KNOWN_ACTS: tuple[Act, ...] = (
    # The balkar.
    _known("1942:740", "Rättegångsbalk (1942:740)"),
    _known("1949:381", "Föräldrabalk (1949:381)"),
    _known("1958:637", "Ärvdabalk (1958:637)"),
    _known("1962:700", "Brottsbalk (1962:700)"),
    _known("1970:994", "Jordabalk (1970:994)"),
    _known("1981:774", "Utsökningsbalk (1981:774)"),
    _known("1987:230", "Äktenskapsbalk (1987:230)"),
    _known("1998:808", "Miljöbalk (1998:808)"),
    _known("2010:110", "Socialförsäkringsbalk (2010:110)"),
    # Fundamental laws.
    _known("1974:152", "Kungörelse (1974:152) om beslutad ny regeringsform", "regeringsformen"),
    _known("1949:105", "Tryckfrihetsförordning (1949:105)"),
    _known("1991:1469", "Yttrandefrihetsgrundlag (1991:1469)"),
    # General administrative law and health care.
    _known("2009:400", "Offentlighets- och sekretesslag (2009:400)"),
    _known("2017:900", "Förvaltningslag (2017:900)"),
    _known("2017:725", "Kommunallag (2017:725)"),
    _known("2010:659", "Patientsäkerhetslag (2010:659)"),
    _known("2008:355", "Patientdatalag (2008:355)"),
    _known("2004:168", "Smittskyddslag (2004:168)"),
    _known("2010:800", "Skollag (2010:800)"),
    _known("2008:567", "Diskrimineringslag (2008:567)"),
)
