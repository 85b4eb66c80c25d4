"""The small Markdown subset the agreement's text is written in.

Blocks: paragraphs (separated by blank lines) and lists whose items start with
``- `` (bullets), ``1. `` (numbers) or ``a. `` (letters); an item indented
under another is nested in it. Inline: ``**strong**``, ``_emphasis_``,
``[label](ref:id)`` for a link inside the corpus, ``[label](https://…)`` for
an external one, ``{{term-id}}`` for a key term shown from the period's data,
and the source's ``*`` after a word that points to the section's "läs mer".

A link's target is one of those two or nothing (``link_target_problem``): no ``javascript:``,
``data:`` or other scheme, no ``//host`` without one, no space or control character. The checker
reports any other target; the site renders one as plain words (``safe_href``), checked or not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

import regex

_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>-|\d+\.|[a-z]\.)[ ](?P<text>.*)$")
# A target may hold one level of balanced parentheses, as in CommonMark (…/wiki/Lag_(Sverige)).
# A label holds no bracket, so a line of thousands of "[" is read once, not once from each "[". It may be
# empty: "[](javascript:…)" is a link to an ordinary Markdown renderer, so it is checked as one (verify-11c N3).
LINK = re.compile(r"\[(?P<label>[^\[\]\n]*)\]\((?P<target>(?:[^()\s]|\([^()\s]*\))+)\)")
KEY_TERM = re.compile(r"\{\{\s*(?P<id>[a-z0-9-]+)\s*\}\}")
# Strong and emphasised words end before the next opening mark: without that, a line of many "**" or
# " _" and no closing one took time growing with the square of its length (80 kB: 18 s).
STRONG = re.compile(r"\*\*(?=\S)((?:(?!\*\*\S).)+?)(?<=\S)\*\*")
EMPHASIS = re.compile(r"(?<![\w])_(?=\S)((?:(?!(?<![\w])_\S).)+?)(?<=\S)_(?![\w])")
# The source's reference marker: a star right after a word or closing mark, not part of **strong**.
READ_MORE_MARK = re.compile(r"(?<=[\w”)\".,:;])\*(?!\*)")


@dataclass
class Paragraph:
    """A paragraph: its lines joined with spaces, inline markup kept."""

    text: str


@dataclass
class ListItem:
    """A list item: its text (continuation lines joined) and the lists nested under it."""

    text: str
    children: list["ListBlock"] = field(default_factory=list)


@dataclass
class ListBlock:
    """A list of one style; a list of another style at the same indent starts a new ListBlock."""

    style: str  # "bullet", "number" or "letter"
    items: list[ListItem]
    start: str = "1"  # first number or letter, as written


Block = Paragraph | ListBlock


def _style(marker: str) -> str:
    if marker == "-":
        return "bullet"
    return "number" if marker[0].isdigit() else "letter"


#: The deepest a list may be nested: the nine list levels of Word, in which the agreement is written and
#: edited (its own text nests two). A list item indented deeper joins the deepest list open, so that parsing,
#: the site's templates and the comparison never recurse deeper than this whatever the text
#: (300 levels once exhausted Python's recursion in the build); ``check.links`` reports it (``text-list-depth``).
MAX_LIST_DEPTH = 9


def parse(text: str) -> list[Block]:
    """Split text into paragraphs and (nested) lists, in order; never raises (any text is some blocks).
    Lists nest at most MAX_LIST_DEPTH deep (``too_deep``)."""
    return _parse(text)[0]


def too_deep(text: str) -> int | None:
    """The offset in text of the marker of the first list item nested deeper than MAX_LIST_DEPTH, or None."""
    return _parse(text)[1]


def _parse(text: str) -> tuple[list[Block], int | None]:
    """(parse's blocks, too_deep's offset)."""
    deep: int | None = None
    offset = 0
    blocks: list[Block] = []
    paragraph: list[str] = []
    stack: list[tuple[int, ListBlock]] = []  # open lists with the indent of their markers

    def close_paragraph():
        if paragraph:
            blocks.append(Paragraph(" ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines(keepends=True):
        at, offset = offset, offset + len(raw)
        raw = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        line = raw.rstrip()
        if not line.strip():
            close_paragraph()
            continue
        match = _ITEM.match(line)
        if match:
            close_paragraph()
            indent, style = len(match["indent"]), _style(match["marker"])
            while stack and stack[-1][0] > indent:
                stack.pop()
            if stack and stack[-1][0] == indent and stack[-1][1].style == style:
                stack[-1][1].items.append(ListItem(match["text"].strip()))
                continue
            if len(stack) == MAX_LIST_DEPTH and indent > stack[-1][0]:  # deeper than allowed: joins the deepest
                stack[-1][1].items.append(ListItem(match["text"].strip()))
                deep = at + indent if deep is None else deep
                continue
            if stack and stack[-1][0] == indent:  # another kind of list at the same level
                stack.pop()
            new = ListBlock(style, [ListItem(match["text"].strip())], match["marker"].rstrip("."))
            if stack:
                stack[-1][1].items[-1].children.append(new)
            else:
                blocks.append(new)
            stack.append((indent, new))
            continue
        if stack and raw.startswith(" "):  # continuation of the open item
            item = stack[-1][1].items[-1]
            item.text = f"{item.text} {line.strip()}"
            continue
        stack.clear()
        paragraph.append(line.strip())
    close_paragraph()
    return blocks, deep


def units(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of every paragraph and list item, in order: the units a diff compares.

    kind is "stycke" for a paragraph, "punkt" for a top-level item, "punkt2", "punkt3" … when nested.
    """
    def walk_list(block: ListBlock, depth: int):
        for item in block.items:
            yield f"punkt{'' if depth == 0 else depth + 1}", item.text
            for child in item.children:
                yield from walk_list(child, depth + 1)

    for block in parse(text):
        if isinstance(block, Paragraph):
            yield "stycke", block.text
        else:
            yield from walk_list(block, 0)


@dataclass(frozen=True)
class Link:
    """A Markdown link ``[label](target)``; start and end are character offsets of the whole link in the text."""

    label: str
    target: str
    start: int
    end: int

    @property
    def target_start(self) -> int:
        """The character offset of the target in the text (after ``[label](``)."""
        return self.start + len(self.label) + 3


def links(text: str) -> list[Link]:
    """Every ``[label](target)`` in text, in order: corpus links (``ref:…``) and external ones alike."""
    return [Link(m["label"], m["target"], m.start(), m.end()) for m in LINK.finditer(text)]


# A link whose target holds a space, a tab or another blank on its line: not a link to the renderer (the
# reader sees the brackets as written), so the checker finds it with this wider pattern.
_BLANK_LINK = re.compile(r"\[(?P<label>[^\[\]\n]*)\]\((?P<target>[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)")
_BLANK = re.compile(r"[^\S\n]")


def blank_links(text: str) -> list[Link]:
    """Every ``[label](target)`` in text whose target holds a blank (space, tab, no-break space …) on its
    line, which ``links`` does not take for a link; in order."""
    return [Link(m["label"], m["target"], m.start(), m.end()) for m in _BLANK_LINK.finditer(text)
            if _BLANK.search(m["target"]) and m["target"].strip()]


# Markdown's image syntax, "![alt](target)": the "!" right before a link. The agreement's text has no
# images; an ordinary Markdown renderer would load the target as one (verify-11c N3).
_IMAGE = re.compile(r"!(?=\[[^\[\]\n]*\]\()")


# "](" that no link of ``links`` or ``blank_links`` begins its target with: a label holding a bracket or a
# line break ("[[]](…)", "[\\]](…)", "[" then a new line), which those patterns leave alone but an ordinary
# Markdown renderer reads as a link; and a reference definition ("[r]: javascript:…"), which makes "[text][r]" a
# link (verify-11d N5). The agreement's text has neither.
_TARGET_OPENING = re.compile(r"\]\(")
# Any "[label]:" counts, wherever it stands: Markdown also reads a definition inside a quote or a list item and
# one whose address is on the next line (verify-11e N6); the agreement's text has none.
_REFERENCE_DEFINITION = re.compile(r"\[[^\[\]\n]+\]:")


def unread_links(text: str) -> list[int]:
    """The offsets of what an ordinary Markdown renderer could take for a link but ``links`` and
    ``blank_links`` do not read: the "](" of a link whose label holds a bracket or a line break, and the
    "[" of a reference definition "[name]:" wherever it stands; in order."""
    read = {link.start + len(link.label) + 1 for link in links(text) + blank_links(text)}
    stray = [m.start() for m in _TARGET_OPENING.finditer(text) if m.start() not in read]
    return sorted(stray + [m.start() for m in _REFERENCE_DEFINITION.finditer(text)])


def images(text: str) -> list[int]:
    """The offset of the "!" of every ``![alt](target)`` in text, in order."""
    return [m.start() for m in _IMAGE.finditer(text)]


#: The schemes a link may have: a web address. A link inside the corpus is ``ref:…``.
WEB = ("https://", "http://")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def unsafe_character(target: str) -> int | None:
    """The offset of the first character that may not stand in a link's target: a control or format
    character (soft hyphen, bidirectional controls …), any other invisible one (Unicode's
    Default_Ignorable_Code_Point, e.g. a Hangul filler, as ``load.invisible``), a private-use character, any
    space, a quote, ``<``, ``>`` or a backslash; None if there is none."""
    for i, c in enumerate(target):
        if c in "<>\"'`\\" or unicodedata.category(c) in ("Cc", "Cf", "Co", "Zs", "Zl", "Zp") \
                or (not c.isascii() and _IGNORABLE.match(c)):
            return i
    return None


_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")


def character_name(char: str) -> str:
    """A character as a message shows it: U+XXXX and its Unicode name (``U+200B (ZERO WIDTH SPACE)``),
    never the character itself, which may be invisible or move a terminal's cursor."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "styrtecken")
    return f"U+{ord(char):04X} ({name})"


#: Control characters have no name in the Unicode database (unicodedata.name), only an alias.
_CONTROL_NAMES = {"\x00": "NULL", "\x07": "BELL", "\x08": "BACKSPACE", "\x09": "TAB", "\x0a": "LINE FEED",
                  "\x0b": "LINE TABULATION", "\x0c": "FORM FEED", "\x0d": "CARRIAGE RETURN", "\x1b": "ESCAPE",
                  "\x7f": "DELETE", "\x85": "NEXT LINE"}


def link_target_problem(target: str) -> str | None:
    """Why target may not be a link's target in the text, in Swedish ("börjar med javascript:, som inte är
    tillåtet"); None for a link inside the corpus (``ref:…``, whose id the reference checks look up) or a
    web address (``https://host…``, ``http://host…``)."""
    bad = unsafe_character(target)
    if bad is not None:
        return f"innehåller tecknet {character_name(target[bad])}, som inte får stå i en länk"
    if target.startswith("ref:"):
        return None
    for prefix in WEB:
        if target.startswith(prefix):
            rest = target[len(prefix):]
            if rest[:1] in ("", "/"):
                return "saknar ett värdnamn efter " + prefix
            if "@" in re.split(r"[/?#]", rest, maxsplit=1)[0]:
                return ("har ett @ före värdnamnet: webbläsaren går till det som står efter @, inte till det som "
                        "står före")
            return None
    if target.startswith("//"):
        return "saknar https: i början"
    scheme = _SCHEME.match(target)
    if scheme and scheme[1].lower() in ("http", "https"):  # a web address written wrongly
        web = scheme[1].lower()
        if target[len(scheme[0]):].startswith("//"):
            return f"börjar med {scheme[1]}: i versaler; skriv {web}:// med små bokstäver"
        return f"saknar // efter {scheme[1]}: (en webbadress skrivs {web}://värdnamn/…)"
    if scheme:
        return f"börjar med {scheme[1]}:, som inte är tillåtet"
    return "är varken en länk inom avtalet (ref:id) eller en webbadress (https://…)"


_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str) -> str:
    """text for a terminal, a log or a comment: control characters (but tab and line feed) and
    bidirectional controls written out as escapes (``\\x1b``, ``\\u202e``), so that no value from the
    corpus can move the cursor, clear the screen or reorder what a reviewer reads; a lone surrogate (a
    file name's byte that is not UTF-8, which Python keeps as U+DC80–U+DCFF) as ``\\xff``, so that the
    output is UTF-8."""
    return _HIDDEN.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\x{ord(m[0]) - 0xDC00:02x}"
                       if 0xDC80 <= ord(m[0]) <= 0xDCFF else f"\\u{ord(m[0]):04x}", text)


def safe_href(href: str) -> bool:
    """Whether a page may carry href in a link: a web address (as ``link_target_problem`` allows) or a
    path on the site itself (``../del-a/#a-sip``, ``#id``), never another scheme (``javascript:``,
    ``data:`` …) nor a host without a scheme (``//host``)."""
    if not href or unsafe_character(href) is not None:
        return False
    if href.startswith(WEB):
        return link_target_problem(href) is None
    return not href.startswith("//") and _SCHEME.match(href) is None


def plain(text: str) -> str:
    """The words a reader sees: link labels kept, markup dropped (used by search and diff)."""
    text = LINK.sub(lambda m: m["label"], text)
    text = STRONG.sub(r"\1", text)
    return EMPHASIS.sub(r"\1", text)


def expand_key_terms(raw: str, shown: dict[str, str]) -> str:
    """The text as a reader sees it: every {{id}} replaced by the key term's wording.

    shown: {key term id: wording}; a placeholder whose id is not in it is left as written.
    """
    return KEY_TERM.sub(lambda m: shown.get(m["id"], m[0]), raw)


def key_term_ids(raw: str) -> list[str]:
    """The ids of the ``{{key-term}}`` placeholders in raw, in order, repeats kept."""
    return [m["id"] for m in KEY_TERM.finditer(raw)]
