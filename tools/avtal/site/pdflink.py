"""The printable page links its PDF once the PDF is printed (tools/make_pdf.py prints it after the build,
so the build cannot know it): the placeholder the page carries becomes a link with the file's size."""

from __future__ import annotations

from pathlib import Path

from .markup import macro

PLACEHOLDER = "<!-- avtal:pdf -->"


def size_label(size: int) -> str:
    """A file size as Swedish readers write it: '850 kB', '1,4 MB' (1 kB = 1 000 bytes)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def link_pdf(html: Path, pdf: Path) -> bool:
    """Put the link to pdf (relative to the page html) with its size in place of PLACEHOLDER in html;
    False when the page has no placeholder (already linked, or an older build)."""
    text = html.read_text(encoding="utf-8")
    if PLACEHOLDER not in text:
        return False
    href = Path(*[".."] * len(html.parent.relative_to(pdf.parent).parts), pdf.name).as_posix()
    rendered = str(macro("pdf_link.html", "pdf_link")(href, size_label(pdf.stat().st_size)))
    html.write_text(text.replace(PLACEHOLDER, " " + rendered, 1), encoding="utf-8")
    return True
