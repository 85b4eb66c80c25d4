"""The page "Lagar och förordningar": every act in the register, its status, and who cites it."""

from __future__ import annotations

import html
from collections import defaultdict

from ..check.statutes import cited
from ..cite import index_from_register
from ..model import Corpus, Statute
from .blocks import heading, html_block, period_trust_marks
from .urls import Site, current_period

PAGE = "lagar.md"


def citing_sections(corpus: Corpus) -> dict[str, dict[tuple[str, str], list[str]]]:
    """sfs -> {(period, section or document id): [citation texts]}, in corpus order."""
    index = index_from_register(corpus.statutes)
    found: dict[str, dict[tuple[str, str], list[str]]] = defaultdict(dict)
    for period in corpus.periods.values():
        for item in cited(period, index):
            owner = item.section or item.document
            if item.citation.sfs is None or owner is None:  # period.yaml's own texts have no page of their own
                continue
            ident = owner.id
            texts = found[item.citation.sfs].setdefault((period.id, ident), [])
            text = " ".join(item.citation.text.split())
            if text not in texts:
                texts.append(text)
    return found


def status_text(statute: Statute, by_sfs: dict[str, Statute]) -> str:
    if statute.repealed_from:
        new = by_sfs.get(statute.replaced_by or "")
        replaced = f", ersatt av {new.title}" if new else (f", ersatt av SFS {statute.replaced_by}" if statute.replaced_by else "")
        return f"Upphävd {statute.repealed_from}{replaced}"
    return f"Gäller sedan {statute.in_force_from}"


def laws_markdown(site: Site) -> str:
    corpus = site.corpus
    by_sfs = {s.sfs: s for s in corpus.statutes}
    citing = citing_sections(corpus)
    period = current_period(corpus)  # its trust marks, as on the glossary page
    out = ["---\ntitle: Lagar och förordningar\n---\n", "# Lagar och förordningar {#lagar}\n",
           period_trust_marks(period) if period else "",
           "Lagar och förordningar som avtalet och överenskommelserna hänvisar till, med status i dag och "
           "varje avsnitt som hänvisar till dem. Lagrummen i texten länkar till lagen.nu.\n"]
    for statute in sorted(corpus.statutes, key=lambda s: (s.short_name or s.title).casefold()):
        out.append(heading(2, statute.title, f"sfs-{statute.sfs.replace(':', '-')}"))
        rows = [("SFS-nummer", statute.sfs)]
        if statute.abbreviation:
            rows.append(("Förkortning", html.escape(statute.abbreviation)))
        if statute.short_name:
            rows.append(("I löptext", html.escape(statute.short_name)))
        status = html.escape(status_text(statute, by_sfs))
        if statute.repealed_from:
            status = f'<strong class="avtal-upphavd">{status}</strong>'
        rows.append(("Status", status))
        rows.append(("Lagtext", f'<a href="{statute.url}">{statute.url}</a>'))
        places = citing.get(statute.sfs, {})
        if places:
            items = "".join(
                f'<li><a href="{site.link(PAGE, period, ident)}">{html.escape(site.titles[period, ident])}</a>'
                f" – {html.escape('; '.join(texts))}</li>"
                for (period, ident), texts in places.items() if (period, ident) in site.urls)
            rows.append(("Hänvisas från", f"<ul>{items}</ul>"))
        else:
            rows.append(("Hänvisas från", "Inget avsnitt hänvisar till ett visst lagrum (lagen nämns i registret)."))
        table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
        out.append(html_block(f'<table class="avtal-register">{table}</table>'))
    return "\n".join(out) + "\n"
