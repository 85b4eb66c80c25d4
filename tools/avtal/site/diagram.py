"""The hierarchy of governing documents as a clickable SVG, drawn from the data.

    Hälso- och sjukvårdsavtal ─ ─ ─ Färdplan (strategy, beside)
      ├─ Del A  ├─ Del B  ├─ Överenskommelse × 4        one column each
      │  └─ riktlinje …     └─ riktlinje, lokal plan …   stacked under their column

The graph is a networkx DiGraph (parent → child) built from the period; the layout is ours
(no graphviz): every child of the agreement is a column, and the documents under it are
stacked below it in depth-first order, indented by their depth. Every box is an <a> link to
its page or anchor. Pure: period in, the layout as data out; templates/hierarchy.svg draws it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import networkx as nx

from ..model import KIND_LABELS, LEVEL_LABELS, Period

# The layout, in SVG user units (px at 100 %; the picture scales to its figure). A layout choice made by
# hand, no measurement recorded: the 2023–2026 period's six columns (Del A, Del B, four arrangements)
# come to 6 × 158 + 5 × 10 = 998 units. CHARS is the wrap width for FONT in a column-wide box:
# 158 − 2 × 6 = 146 units of text, about 6.3 units (0.53 of the font size) a character.
COLUMN = 158  # width of a column
GAP = 10  # between columns
INDENT = 9  # per level below a column's head
LINE = 14  # text line height
PAD = 6  # inside a box
FONT = 12  # font size
TOP_ROW = 52  # height of the agreement's box
ROW_GAP = 34  # between the agreement and the columns
STACK_GAP = 8  # between stacked boxes
CHARS = 23  # characters per text line in a column-wide box


@dataclass(frozen=True)
class Node:
    """A document or guideline as the picture shows it."""

    id: str
    label: str  # shown in the box
    title: str  # the full title (tooltip)
    kind: str  # avtal, avtalsdel, overenskommelse, strategi, or a guideline kind
    level: str | None  # a guideline's level
    url: str  # site-root-relative URL


@dataclass(frozen=True)
class Box:
    """A placed box: top-left corner and width in SVG units, its label wrapped into lines."""

    node: Node
    x: float
    y: float
    width: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        """Padding above and below plus one LINE per line of text."""
        return 2 * PAD + LINE * len(self.lines)


def graph(period: Period, urls: dict[str, str]) -> nx.DiGraph:
    """The period's documents and guidelines, edges parent → child; urls: id → site URL."""
    g = nx.DiGraph()
    for document in period.documents.values():
        label = document.nav_title
        if document.kind == "overenskommelse":
            label = f"Överenskommelse: {document.nav_title}"
        g.add_node(document.id, node=Node(document.id, label, document.title, document.kind, None,
                                          urls.get(document.id, "")))
    for guideline in period.guidelines.values():
        g.add_node(guideline.id, node=Node(guideline.id, guideline.title, guideline.title, guideline.kind,
                                           guideline.level, urls.get(guideline.id, "")))
    for document in period.documents.values():
        if document.parent in g:
            g.add_edge(document.parent, document.id)
    for guideline in period.guidelines.values():
        if guideline.parent in g:
            g.add_edge(guideline.parent, guideline.id)
    return g


def _wrap(text: str, width: int, max_lines: int = 4) -> tuple[str, ...]:
    lines = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [text]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,.–-") + " …"
    return tuple(lines)


def layout(g: nx.DiGraph, root: str, columns: list[str], beside: list[str]) -> list[Box]:
    """Boxes for the root, the strategies beside it, the columns and everything under them.

    The root box is two columns wide (at most the whole width), its label in two lines of up to 36
    characters; a box narrowed by indentation wraps at proportionally fewer characters, never under 12;
    labels run to at most 4 lines (2 in the top row), cut ones ending in "…". All chosen by hand.
    """
    boxes: list[Box] = []
    width = len(columns) * COLUMN + (len(columns) - 1) * GAP
    root_width = min(2 * COLUMN, width)
    root_x = (width - root_width) / 2
    boxes.append(Box(g.nodes[root]["node"], root_x, 0, root_width, _wrap(g.nodes[root]["node"].label, 36, 2)))
    for i, ident in enumerate(beside):
        x = min(root_x + root_width + GAP * 3 + i * (COLUMN + GAP), width - COLUMN)
        boxes.append(Box(g.nodes[ident]["node"], x, 0, COLUMN, _wrap(g.nodes[ident]["node"].label, CHARS, 2)))
    top = TOP_ROW + ROW_GAP
    for i, head in enumerate(columns):
        x0 = i * (COLUMN + GAP)
        y = top
        depth = nx.single_source_shortest_path_length(g, head)
        order = list(nx.dfs_preorder_nodes(g, head, sort_neighbors=_by_title(g)))
        for ident in order:
            d = depth[ident]
            x = x0 + (INDENT * (d + 1) if d else 0)
            w = COLUMN - (x - x0)
            chars = max(12, int(CHARS * w / COLUMN))
            box = Box(g.nodes[ident]["node"], x, y, w, _wrap(g.nodes[ident]["node"].label, chars))
            boxes.append(box)
            y += box.height + STACK_GAP
    return boxes


def _by_title(g: nx.DiGraph):
    return lambda nodes: sorted(nodes, key=lambda n: (g.nodes[n]["node"].level or "", g.nodes[n]["node"].title.casefold()))


def _css_class(node: Node) -> str:
    if node.level:
        return f"avtal-nod avtal-nod-styrdokument avtal-nod-{node.level}"
    return f"avtal-nod avtal-nod-{node.kind}"


def _box(box: Box, link) -> dict:
    """A box for templates/hierarchy.svg: its link, tooltip, rectangle and lines of text."""
    node = box.node
    kind = KIND_LABELS.get(node.kind, node.kind)
    x_text = box.x + PAD
    return {"href": link(node.url), "classes": _css_class(node), "id": node.id,
            "tip": f"{kind}{', ' + LEVEL_LABELS[node.level].lower() if node.level else ''}: {node.title}",
            "x": f"{box.x:.0f}", "y": f"{box.y:.0f}", "width": f"{box.width:.0f}", "height": f"{box.height:.0f}",
            "text_x": f"{x_text:.0f}", "lines": [{"dy": LINE if i else PAD + LINE - 3, "text": line}
                                                for i, line in enumerate(box.lines)]}


def _edges(g: nx.DiGraph, boxes: dict[str, Box], root: str, columns: list[str], beside: list[str]) -> dict:
    """The path of every parent–child line (one SVG path) and the dashed lines to what stands beside."""
    parts = []
    r = boxes[root]
    bus = r.y + r.height + ROW_GAP / 2
    mid = r.x + r.width / 2
    parts.append(f"M{mid:.0f} {r.y + r.height:.0f}V{bus:.0f}")
    if columns:
        first, last = boxes[columns[0]], boxes[columns[-1]]
        parts.append(f"M{first.x + first.width / 2:.0f} {bus:.0f}H{last.x + last.width / 2:.0f}")
        for head in columns:
            b = boxes[head]
            parts.append(f"M{b.x + b.width / 2:.0f} {bus:.0f}V{b.y:.0f}")
    for parent, child in g.edges:
        if parent == root or parent not in boxes or child not in boxes:
            continue
        p, c = boxes[parent], boxes[child]
        spine = c.x - INDENT / 2
        parts.append(f"M{spine:.0f} {p.y + p.height:.0f}V{c.y + c.height / 2:.0f}H{c.x:.0f}")
    besides = [f"M{r.x + r.width:.0f} {r.y + r.height / 2:.0f}H{boxes[ident].x:.0f}" for ident in beside]
    return {"tree": "".join(parts), "beside": besides}


def hierarchy(period: Period, urls: dict[str, str], link=lambda url: url) -> dict | None:
    """The period's hierarchy of governing documents laid out for templates/hierarchy.svg.

    urls: id → site URL of every document and guideline; link: turns a site URL into the href
    used on the page that shows the picture (relative links). None for a period without documents.
    """
    g = graph(period, urls)
    root = period.agreement if period.agreement in g else next(iter(g.nodes), None)
    if root is None:
        return None
    order = {ident: i for i, ident in enumerate(period.documents)}
    columns = sorted(g.successors(root), key=lambda n: (
        0 if g.nodes[n]["node"].kind == "avtalsdel" else 1, order.get(n, len(order))))
    beside = [d.id for d in period.documents.values() if d.kind == "strategi" and g.in_degree(d.id) == 0]
    placed = layout(g, root, columns, beside)
    boxes = {b.node.id: b for b in placed}
    return {"period": period.id, "width": f"{max(b.x + b.width for b in placed) + 2:.0f}",
            "height": f"{max(b.y + b.height for b in placed) + 2:.0f}", "font": FONT,
            "edges": _edges(g, boxes, root, columns, beside), "boxes": [_box(b, link) for b in placed]}
