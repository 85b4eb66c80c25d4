"""Acts every Swedish text names without a number, known to the parser outside any register.

The register (agreement/register/lagar.yaml) lists the acts the agreement cites, and a few it does
not cite but whose usual abbreviations should resolve (PSL, OSL, PDL, RF: there with their sources);
a text may also name a balk ("16 kap. 9 § brottsbalken"), a fundamental law or an act of general
administrative law that the register leaves out. These resolve by name to their SFS number and link
to lagen.nu, but stay outside the register (``Act.registered`` is False: no act id, and the checker
tips that the act is not in the register; the site's "Lagar och förordningar" lists the register
only). The register wins over this list on a clash (``build_index``), so the acts the shipped
register also lists (PSL, OSL, PDL, RF) are here only for a project whose own register leaves them
out. Only acts whose number and name are settled are listed, with the abbreviation lawyers and staff
write for them ("3 kap. 5 § PSL", "26 kap. 1 § OSL", "2 kap. 1 § RF"; the standard Swedish law
abbreviations, as lagen.nu and the commentaries write them). No chapters are listed here (no source
is recorded for them), so a section without its chapter still gets lagen.nu's plain ``#P`` anchor.

An abbreviation of an act listed here counts only beside a place it cites ("2 kap. 1 § RF",
"RF 2 kap. 1 §"), never alone: two or three capitals mean other things in a region's text ("RF" is
also regionfullmäktige, "MB" a megabyte); see ``acts.needs_place``, which also holds the register's
own two-letter abbreviations to a place.
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
    chaptered: bool = False  # divided into chapters the register does not list (Statute.chaptered)

    @property
    def has_chapters(self) -> bool:
        """Whether the act is known to be divided into chapters (listed or not)."""
        return bool(self.chapters) or self.chaptered


def _known(sfs: str, title: str, short_name: str | None = None, abbreviation: str | None = None) -> Act:
    return Act(id="sfs-" + sfs.replace(":", "-"), sfs=sfs, title=title, short_name=short_name,
               abbreviation=abbreviation, registered=False)


KNOWN_ACTS: tuple[Act, ...] = (
    # The balkar.
    _known("1942:740", "Rättegångsbalk (1942:740)", abbreviation="RB"),
    _known("1949:381", "Föräldrabalk (1949:381)", abbreviation="FB"),
    _known("1958:637", "Ärvdabalk (1958:637)", abbreviation="ÄB"),
    _known("1962:700", "Brottsbalk (1962:700)", abbreviation="BrB"),
    _known("1970:994", "Jordabalk (1970:994)", abbreviation="JB"),
    _known("1981:774", "Utsökningsbalk (1981:774)", abbreviation="UB"),
    _known("1987:230", "Äktenskapsbalk (1987:230)", abbreviation="ÄktB"),
    _known("1998:808", "Miljöbalk (1998:808)", abbreviation="MB"),
    _known("2010:110", "Socialförsäkringsbalk (2010:110)", abbreviation="SFB"),
    # Fundamental laws.
    _known("1974:152", "Kungörelse (1974:152) om beslutad ny regeringsform", "regeringsformen", "RF"),
    _known("1949:105", "Tryckfrihetsförordning (1949:105)", abbreviation="TF"),
    _known("1991:1469", "Yttrandefrihetsgrundlag (1991:1469)", abbreviation="YGL"),
    _known("1810:0926", "Successionsordning (1810:0926)", "successionsordningen"),
    # General administrative law and health care.
    _known("2009:400", "Offentlighets- och sekretesslag (2009:400)", abbreviation="OSL"),
    _known("2017:900", "Förvaltningslag (2017:900)", abbreviation="FL"),
    _known("2017:725", "Kommunallag (2017:725)", abbreviation="KL"),
    _known("2010:659", "Patientsäkerhetslag (2010:659)", abbreviation="PSL"),
    _known("2008:355", "Patientdatalag (2008:355)", abbreviation="PDL"),
    _known("2004:168", "Smittskyddslag (2004:168)", abbreviation="SmL"),
    _known("2010:800", "Skollag (2010:800)"),
    _known("2008:567", "Diskrimineringslag (2008:567)"),
    # Intellectual property, as staff name it ("42 § upphovsrättslagen").
    _known("1960:729", "Lag (1960:729) om upphovsrätt till litterära och konstnärliga verk", "upphovsrättslagen"),
)
