"""The small Markdown subset the agreement's text is written in.

Blocks: paragraphs (separated by blank lines) and lists whose items start with
``- `` (bullets), ``1. `` (numbers) or ``a. `` (letters); an item indented
under another is nested in it. Inline: ``**strong**``, ``_emphasis_``,
``[label](ref:id)`` for a link inside the corpus, ``[label](https://…)`` for
an external one, ``{{term-id}}`` for a key term shown from the period's data,
and the source's ``*`` after a word that points to the section's "läs mer".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>-|\d+\.|[a-z]\.)[ ](?P<text>.*)$")
LINK = re.compile(r"\[(?P<label>[^\]\n]+)\]\((?P<target>[^)\s]+)\)")
KEY_TERM = re.compile(r"\{\{\s*(?P<id>[a-z0-9-]+)\s*\}\}")
STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
EMPHASIS = re.compile(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])")
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


def parse(text: str) -> list[Block]:
    """Split text into paragraphs and (nested) lists, in order; never raises (any text is some blocks)."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    stack: list[tuple[int, ListBlock]] = []  # open lists with the indent of their markers

    def close_paragraph():
        if paragraph:
            blocks.append(Paragraph(" ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines():
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
    return blocks


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


def links(text: str) -> list[Link]:
    """Every ``[label](target)`` in text, in order: corpus links (``ref:…``) and external ones alike."""
    return [Link(m["label"], m["target"], m.start(), m.end()) for m in LINK.finditer(text)]


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
