"""Cite: Swedish statute citations in running text, the statute register, lagen.nu links.

``find_citations(text, index)`` finds every citation ("16 kap. 4 § HSL", "9 § 8 LSS",
"lagen (1993:387) om stöd och service …"); ``index_from_register(statutes)`` builds the
index from the register; ``lagen_nu_link`` makes the deep link (``#K16P4``).
"""

from functools import lru_cache

from .parse import Citation, find_citations
from .places import lagen_nu_link
from .register import Act, StatuteIndex, build_index, index_from_register

__all__ = ["Act", "Citation", "StatuteIndex", "build_index", "citations_of", "find_citations", "index_from_register",
           "lagen_nu_link"]


@lru_cache(maxsize=16384)
def citations_of(text: str, index: StatuteIndex) -> tuple[Citation, ...]:
    """``find_citations`` remembered per text and register index: ``avtal check`` and the site's pages,
    printable page and open data parse each text of a build once. (An index is built once per
    register content, ``index_from_register``, so the same register gives the same key.)"""
    return tuple(find_citations(text, index))
