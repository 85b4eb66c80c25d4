"""Who publishes the site: the facts the accessibility statement and Om webbplatsen need and the
sources do not give (the publishing body, its contact for feedback, the date of the latest review).

They come from mkdocs.yml (``extra: utgivare: {namn, kontakt, bedomd, atgardas, uppdaterad}``). Hand-written pages name them
with placeholders (``<!-- avtal:utgivare -->``, ``<!-- avtal:kontakt -->``, ``<!-- avtal:bedomd -->``),
which the build fills; an unset value is never guessed: the page says plainly that the publisher has
not filled it in, and the build warns (``missing``).
"""

from __future__ import annotations

import re

from .markup import macro

#: key in extra.utgivare -> (placeholder, what it is, in Swedish, for the warning and the page)
#: Where a page names the day its build was made (dates.today(): AVTAL_DATE or today), filled in by the
#: build hook, not by the publisher.
BUILT_PLACEHOLDER = "<!-- avtal:byggd -->"

FIELDS = {
    "namn": ("<!-- avtal:utgivare -->", "utgivarens namn"),
    "kontakt": ("<!-- avtal:kontakt -->", "kontaktväg för synpunkter och tillgänglighetsbrister"),
    "bedomd": ("<!-- avtal:bedomd -->", "datum för senaste bedömningen av tillgängligheten"),
    "atgardas": ("<!-- avtal:atgardas -->", "när de kända bristerna ska vara åtgärdade"),
    "uppdaterad": ("<!-- avtal:uppdaterad -->", "datum då redogörelsen senast uppdaterades"),
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def publisher(extra: dict | None) -> dict[str, str]:
    """``extra.utgivare`` of mkdocs' config as {key: value} for every key of FIELDS ("" when unset)."""
    given = (extra or {}).get("utgivare") or {}
    return {key: str(given.get(key) or "").strip() for key in FIELDS}


def missing(values: dict[str, str]) -> list[str]:
    """The Swedish names of the FIELDS left unset, in FIELDS' order."""
    return [label for key, (_, label) in FIELDS.items() if not values.get(key)]


def warning(values: dict[str, str]) -> str | None:
    """The build's warning when something is unset, else None."""
    gaps = missing(values)
    if not gaps:
        return None
    return ("Tillgänglighetsredogörelsen och Om webbplatsen saknar " + ", ".join(gaps) +
            ": ange dem i mkdocs.yml under extra: utgivare: (sidorna säger tills dess att uppgiften saknas).")


def fill(markdown: str, values: dict[str, str]) -> str:
    """The page's Markdown with each placeholder of FIELDS replaced: the value (escaped; a contact that is
    an e-mail or web address as a link), or the marked notice that the publisher has not given it."""
    show = macro("publisher.html", "field")
    for key, (placeholder, label) in FIELDS.items():
        if placeholder in markdown:
            value = values.get(key, "")
            kind = "email" if _EMAIL.fullmatch(value) else "web" if value.startswith("https://") else "text"
            markdown = markdown.replace(placeholder, str(show(value, label, kind)))
    return markdown
