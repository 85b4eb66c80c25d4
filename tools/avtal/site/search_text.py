"""A page's HTML as the search index should read it: every block and table cell apart.

Material's search plugin reads a page's HTML and keeps only paragraphs, lists and code as
blocks; the text of everything else runs together, so adjacent table cells became one word
("2022-03-18Göteborgsregionens", "TypRutinNivåLänsgemensam") that no query finds and no
snippet reads. ``index_html`` rewrites a page for the index only (the page itself is
unchanged; ``mkdocs_hooks`` hands this version to the search plugin and puts the page back):

- every table row becomes one paragraph that reads as a line: "Typ: Rutin" for a register's
  label and value, "Datum: 2022-02-24; Organ: …; Beslut: …" for a row under column headings;
  the row of column headings itself is dropped (each cell carries its heading);
- lists inside a cell are joined with "; ", a line break is a space;
- the end of every other block (div, aside, section, dd, dt, th, td, figure …) is a space;
- a heading the page has more than once ("Kommunens ansvar" under 6.1, 6.2 and 6.4) is followed by
  the heading it stands under, as a line of its own ("6.1 Personer med psykisk funktionsnedsättning"),
  so the section is found by its topic as well and its result says which one it is.

Everything else — the text, the paragraphs and lists Material keeps, ``data-search-exclude``
— passes through as it was. Labels are never the agreement's words: only the table's own
headings, written as the page shows them.
"""

from __future__ import annotations

import html as htmlmod
import re
from collections import Counter
from html.parser import HTMLParser

# Blocks whose end must separate words; paragraphs and lists are kept by Material itself.
_BLOCKS = {"div", "aside", "section", "article", "nav", "header", "footer", "figure", "figcaption",
           "dl", "dt", "dd", "blockquote", "details", "summary", "table", "caption", "h1", "h2", "h3",
           "h4", "h5", "h6"}
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_HEADING = re.compile(r"<(h[2-6])\b[^>]*>(.*?)</\1>", re.S)


class _Rewriter(HTMLParser):
    """Copies HTML, turning table rows into paragraphs and block ends into spaces (module docstring)."""

    def __init__(self, repeated: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=False)
        self.repeated = repeated  # headings the page has more than once
        self.open: list[tuple[int, str]] = []  # (level, text) of the headings the text stands under
        self.heading: list[str] | None = None  # the text of the open heading
        self.out: list[str] = []
        self.headings: list[list[str]] = []  # column headings of each open table (innermost last)
        self.row: list[tuple[str, list[str]]] | None = None  # (tag, parts) of each cell of the open row
        self.cell: list[str] | None = None
        self.depth = 0  # nesting of tables: only the outermost table's rows become paragraphs

    # Where text goes: the open cell, or the page.
    def _emit(self, text: str) -> None:
        (self.cell if self.cell is not None else self.out).append(text)

    def handle_starttag(self, tag, attrs):
        if tag in _HEADINGS:
            self.heading = []
        if tag == "table":
            self.depth += 1
            self.headings.append([])
            if self.depth > 1:
                self._emit(" ")
            return
        if self.depth == 1 and tag == "tr":
            self.row = []
            return
        if self.depth == 1 and tag in ("td", "th") and self.row is not None:
            self.cell = []
            self.row.append((tag, self.cell))
            return
        if self.cell is not None and tag in ("ul", "ol", "li", "p"):
            return  # flattened: items are joined at their end
        self._emit(" " if tag == "br" else self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._emit(" ")
        else:
            self._emit(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "table":
            self.depth -= 1
            self.headings.pop()
            self._emit(" ")
            return
        if self.depth == 1 and tag in ("td", "th"):
            self.cell = None
            return
        if self.depth == 1 and tag == "tr" and self.row is not None:
            self._finish_row()
            return
        if self.cell is not None and tag in ("ul", "ol", "p"):
            return
        if self.cell is not None and tag == "li":
            self.cell.append("; ")
            return
        self._emit(f"</{tag}>")
        if tag in _BLOCKS:
            self._emit(" ")
        if tag in _HEADINGS and self.heading is not None:
            self._close_heading(int(tag[1]), _heading_text("".join(self.heading)))

    def _close_heading(self, level: int, text: str) -> None:
        self.heading = None
        while self.open and self.open[-1][0] >= level:
            self.open.pop()
        if text in self.repeated and self.open:
            self.out.append(f"<p>{htmlmod.escape(self.open[-1][1], quote=False)}</p>")
        self.open.append((level, text))
    def _finish_row(self) -> None:
        cells = [(tag, _clean("".join(parts))) for tag, parts in self.row]
        self.row = None
        heads = self.headings[-1]
        if cells and all(tag == "th" for tag, _ in cells):
            heads[:] = [text for _, text in cells]  # the row of column headings
            return
        if len(cells) == 2 and cells[0][0] == "th":
            line = f"{cells[0][1]}: {cells[1][1]}" if cells[1][1] else cells[0][1]
        else:
            line = "; ".join(f"{heads[i]}: {text}" if i < len(heads) and heads[i] else text
                             for i, (_, text) in enumerate(cells) if text)
        if line:
            self.out.append(f"<p>{line}</p>")

    def handle_data(self, data):
        if self.heading is not None:
            self.heading.append(data)
        self._emit(data)

    def handle_entityref(self, name):
        if self.heading is not None:
            self.heading.append(f"&{name};")
        self._emit(f"&{name};")

    def handle_charref(self, name):
        if self.heading is not None:
            self.heading.append(f"&#{name};")
        self._emit(f"&#{name};")

    def handle_comment(self, data):
        self._emit(f"<!--{data}-->")


def _clean(text: str) -> str:
    """A cell's text on one line, without the "; " a last list item leaves."""
    return " ".join(text.split()).strip().removesuffix(";").strip()


def _heading_text(raw: str) -> str:
    """A heading's text as it reads, without its permalink sign (¶)."""
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]*>", "", raw)).replace("\u00b6", " ").split())


def index_html(html: str) -> str:
    """The page's HTML as the search index should read it (module docstring)."""
    counts = Counter(_heading_text(body) for _, body in _HEADING.findall(html))
    rewriter = _Rewriter(frozenset(text for text, n in counts.items() if n > 1 and text))
    rewriter.feed(html)
    rewriter.close()
    return "".join(rewriter.out)
