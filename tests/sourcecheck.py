"""Compare the encoded corpus with the source text, sentence by sentence.

The source is the text extracted from the adopted agreement's PDF (kept in
``tests/source/``). Page furniture, line breaks, bullets and hyphenation at
line ends are normalised away on both sides; what remains must match word for
word. The result is the list of source sentences that are not found in the
encoded text, each with its line number in the source.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from avtal.text import expand_key_terms

FURNITURE = [
    re.compile(r"^\s*Page \d+ of \d+\s*$"),
    re.compile(r"^\s*Sida \| \d+\s*$"),
    re.compile(r"^\s*\*\s*L Ä S\s+M E R\s*$"),
    re.compile(r"^\s*https?://\S+\s*$"),  # a bare address printed at a page foot
]
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[A-ZÅÄÖ•])")


def normalise(text: str) -> str:
    """Reduce text to a comparable form: no bullets, markers, hyphen breaks or extra space."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # markdown links -> label
    text = re.sub(r"[•*_]", " ", text)
    text = re.sub(r"(?m)^\s*(?:-|\d+\.|[a-z]\.)\s+", " ", text)  # list markers at line start
    text = text.replace("-", "")  # hyphenation and "hälso- och" compare equal however broken
    text = re.sub(r"[“”\"]", '"', text)
    text = re.sub(r"\s+", " ", text)
    return text.strip()


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str
    fragments: tuple[str, ...] = ()  # the sentence's pieces, one per source line, normalised


_LIST_MARKER = re.compile(r"^\s*(?:\d+\.|[a-z]\.|[•\-])\s+")


def source_sentences(lines: list[str], start: int, end: int) -> list[Sentence]:
    """Sentences of source lines start..end (1-based, inclusive), furniture removed."""
    kept = [(n, _LIST_MARKER.sub("", lines[n - 1]).rstrip())
            for n in range(start, end + 1) if not any(p.match(lines[n - 1]) for p in FURNITURE)]
    joined = "\n".join(text for _, text in kept) + "\n"
    sentences = []
    position = 0
    for part in _SENTENCE_END.split(joined):
        index = joined.find(part, position)
        position = index + len(part)
        line = kept[joined.count("\n", 0, index)][0] if kept else start
        text = normalise(part)
        if len(text.split()) >= 2:
            fragments = tuple(f for f in (normalise(x) for x in part.split("\n")) if f)
            sentences.append(Sentence(line, text, fragments))
    return sentences


READ_MORE_HEADER = FURNITURE[2]


@dataclass(frozen=True)
class ReadMoreBox:
    """A floating "* L Ä S  M E R" box of the source and the link titles printed in it."""

    line: int  # the header line
    titles: tuple[str, ...]  # each title as printed, its wrapped lines joined by a space
    lines: tuple[int, ...]  # the header and title lines (not the blank lines between titles)


def read_more_boxes(lines: list[str], start: int, end: int) -> list[ReadMoreBox]:
    """The "läs mer" boxes of source lines start..end (1-based, inclusive).

    After the header come the titles, one per paragraph (a title may wrap onto a second line;
    a blank line separates titles). The box ends at the next header, at page furniture, or at
    the first line that starts with a space: the text extraction indents the body text that resumes.
    """
    boxes = []
    for header in range(start, end + 1):
        if not READ_MORE_HEADER.match(lines[header - 1]):
            continue
        titles: list[str] = []
        current: list[str] = []
        used = [header]
        n = header + 1
        while n <= end:
            raw = lines[n - 1]
            if any(p.match(raw) for p in FURNITURE) or (raw.strip() and raw[0].isspace()):
                break
            if not raw.strip():
                if current:
                    titles.append(" ".join(current))
                    current = []
            else:
                current.append(raw.strip())
                used.append(n)
            n += 1
        if current:
            titles.append(" ".join(current))
        boxes.append(ReadMoreBox(header, tuple(titles), tuple(used)))
    return boxes


def source_body(lines: list[str], start: int, end: int) -> str:
    """The running text of source lines start..end, normalised: page furniture and the floating
    läs mer boxes (which the corpus keeps as read_more, not as text) taken out, so that a
    paragraph the PDF split around a box reads as one again."""
    boxed = {n for box in read_more_boxes(lines, start, end) for n in box.lines}
    kept = [_LIST_MARKER.sub("", lines[n - 1]) for n in range(start, end + 1)
            if n not in boxed and not any(p.match(lines[n - 1]) for p in FURNITURE)]
    return normalise("\n".join(kept))


def not_in_source(texts, body: str) -> list[str]:
    """The texts (paragraphs, list items, titles of the corpus) whose words are not in the source body,
    in order: what the corpus would have invented. Spaces are ignored, as in missing_sentences."""
    squeezed = body.replace(" ", "")
    return [t for t in texts if normalise(t).replace(" ", "") not in squeezed]


_TEXT_KEYS = ("cover", "label", "number", "title", "subtitle", "text", "intro", "sections", "read_more")


def corpus_strings(node, shown: dict[str, str] | None = None) -> list[str]:
    """The strings of a loaded YAML tree that carry agreement text, in reading order.

    `shown` maps key term ids to their wording, so {{id}} reads as the reader sees it.
    """
    if isinstance(node, str):
        return [expand_key_terms(node, shown or {})]
    if isinstance(node, dict):
        return [s for key in _TEXT_KEYS if key in node for s in corpus_strings(node[key], shown)]
    if isinstance(node, list):
        return [s for item in node for s in corpus_strings(item, shown)]
    return []


def key_term_wordings(document_file: Path) -> dict[str, str]:
    """Key term wordings of the period that a document file belongs to."""
    for folder in document_file.resolve().parents:
        manifest = folder / "period.yaml"
        if manifest.is_file():
            data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
            return {t["id"]: t["text"] for t in data.get("key_terms", ())}
    return {}


def missing_sentences(sentences: list[Sentence], corpus: str) -> list[Sentence]:
    """Sentences whose words do not all appear, in order, in the corpus.

    A sentence split by a heading or a floating "läs mer" box in the source is
    accepted when each of its lines' fragments is found.
    """
    flat = normalise(corpus)
    squeezed = flat.replace(" ", "")
    missing = []
    for sentence in sentences:
        if sentence.text.replace(" ", "") in squeezed:
            continue
        if sentence.fragments and all(f.replace(" ", "") in squeezed for f in sentence.fragments):
            continue  # split by a heading or a floating box: every line's words are there
        missing.append(sentence)
    return missing


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Jämför YAML-filer med källtexten mening för mening.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--lines", required=True, help="källrader START-SLUT, t.ex. 595-945")
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parents[2] / "tests/source/001_5245c9c2ebab2e83.txt")
    args = parser.parse_args(argv)
    start, end = (int(x) for x in args.lines.split("-"))
    lines = args.source.read_text(encoding="utf-8").splitlines()
    corpus = "\n".join(s for f in args.files
                       for s in corpus_strings(yaml.safe_load(f.read_text(encoding="utf-8")), key_term_wordings(f)))
    sentences = source_sentences(lines, start, end)
    missing = missing_sentences(sentences, corpus)
    for sentence in missing:
        print(f"{args.source.name}:{sentence.line}: saknas: {sentence.text}")
    print(f"{len(sentences) - len(missing)} av {len(sentences)} meningar hittade")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
