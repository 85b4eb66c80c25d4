"""Cite: Swedish statute citations in running text, the statute register, lagen.nu links.

``find_citations(text, index)`` finds every citation ("16 kap. 4 § HSL", "9 § 8 LSS", "12 kap.
1-3 §§", "lagen (1993:387) om stöd och service …", "2 § samma lag"), one per provision;
``index_from_register(statutes)`` builds the index from the register (and the well-known acts
of ``known``); ``lagen_nu_link`` makes the deep link in lagen.nu's scheme (``#K16P4``,
``#P9S1N8``); ``place_label`` writes a citation's place out whole ("12 kap. 3 §").
"""

from functools import lru_cache

from .known import KNOWN_ACTS
from .parse import Citation, Written, display_pieces, find_citations, place_label, written_citations
from .places import lagen_nu_link
from .register import Act, StatuteIndex, build_index, index_from_register

__all__ = ["Act", "Citation", "KNOWN_ACTS", "StatuteIndex", "Written", "build_index", "citations_of", "display_pieces",
           "find_citations", "written_citations",
           "index_from_register", "lagen_nu_link", "place_label"]


@lru_cache(maxsize=16384)
def citations_of(text: str, index: StatuteIndex) -> tuple[Citation, ...]:
    """``find_citations`` remembered per text and register index: ``avtal check`` and the site's pages,
    printable page and open data parse each text of a build once. (An index is built once per
    register content, ``index_from_register``, so the same register gives the same key.)"""
    return tuple(find_citations(text, index))
