"""The hierarchy of governing documents as a clickable SVG, drawn from the data.

    Hälso- och sjukvårdsavtal ─ ─ ─ Färdplan (strategy, beside)
      ├─ Del A  ├─ Del B  ├─ Överenskommelse × 4        one column each
      │  └─ riktlinje …     └─ riktlinje, lokal plan …   stacked under their column

The graph is a networkx DiGraph (parent → child) built from the period; the layout is ours
(no graphviz): every child of the agreement is a column, and the documents under it are
stacked below it in depth-first order, indented by their depth. Every box is an <a> link to
its page or anchor. Pure: period in, SVG text out.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import networkx as nx

from ..model import KIND_LABELS, LEVEL_LABELS, Period

COLUMN = 158  # width of a column
GAP = 10  # between columns
INDENT = 9  # per level below a column's head
LINE = 14  # text line height
PAD = 6  # inside a box
FONT = 12
TOP_ROW = 52  # height of the agreement's box
ROW_GAP = 34  # between the agreement and the columns
STACK_GAP = 8  # between stacked boxes
CHARS = 23  # characters per text line in a column-wide box


@dataclass(frozen=True)
class Node:
    id: str
    label: str  # shown in the box
    title: str  # the full title (tooltip)
    kind: str  # avtal, avtalsdel, overenskommelse, strategi, or a guideline kind
    level: str | None  # a guideline's level
    url: str  # site-root-relative URL


@dataclass(frozen=True)
class Box:
    node: Node
    x: float
    y: float
    width: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
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
    """Boxes for the root, the strategies beside it, the columns and everything under them."""
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


def _box_svg(box: Box, link) -> str:
    node = box.node
    kind = KIND_LABELS.get(node.kind, node.kind)
    tip = f"{kind}{', ' + LEVEL_LABELS[node.level].lower() if node.level else ''}: {node.title}"
    x_text = box.x + PAD
    spans = "".join(f'<tspan x="{x_text:.0f}" dy="{LINE if i else PAD + LINE - 3}">{html.escape(line)}</tspan>'
                    for i, line in enumerate(box.lines))
    return (f'<a href="{html.escape(link(node.url))}" class="{_css_class(node)}" data-id="{node.id}">'
            f"<title>{html.escape(tip)}</title>"
            f'<rect x="{box.x:.0f}" y="{box.y:.0f}" width="{box.width:.0f}" height="{box.height:.0f}" rx="4"/>'
            f'<text x="{x_text:.0f}" y="{box.y:.0f}" font-size="{FONT}">{spans}</text></a>')


def _edges_svg(g: nx.DiGraph, boxes: dict[str, Box], root: str, columns: list[str], beside: list[str]) -> str:
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
    out = f'<path class="avtal-kant" d="{"".join(parts)}"/>'
    for ident in beside:
        b = boxes[ident]
        out += (f'<path class="avtal-kant avtal-kant-bredvid" d="M{r.x + r.width:.0f} {r.y + r.height / 2:.0f}'
                f'H{b.x:.0f}"/>')
    return out


def hierarchy_svg(period: Period, urls: dict[str, str], link=lambda url: url) -> str:
    """The period's hierarchy of governing documents as inline SVG with a link in every box.

    urls: id → site URL of every document and guideline; link: turns a site URL into the href
    used on the page that shows the picture (relative links).
    """
    g = graph(period, urls)
    root = period.agreement if period.agreement in g else next(iter(g.nodes), None)
    if root is None:
        return ""
    order = {ident: i for i, ident in enumerate(period.documents)}
    columns = sorted(g.successors(root), key=lambda n: (
        0 if g.nodes[n]["node"].kind == "avtalsdel" else 1, order.get(n, len(order))))
    beside = [d.id for d in period.documents.values() if d.kind == "strategi" and g.in_degree(d.id) == 0]
    placed = layout(g, root, columns, beside)
    boxes = {b.node.id: b for b in placed}
    width = max(b.x + b.width for b in placed) + 2
    height = max(b.y + b.height for b in placed) + 2
    legend = ('<desc>Hälso- och sjukvårdsavtalet består av Del A och Del B; de fyra överenskommelserna ligger '
              "direkt under avtalet; riktlinjer, rutiner och lokala planer ligger under den del de hör till. "
              "Färdplanen är en strategi vid sidan av avtalet.</desc>")
    body = _edges_svg(g, boxes, root, columns, beside) + "".join(_box_svg(b, link) for b in placed)
    return (f'<svg class="avtal-hierarki" viewBox="-1 -1 {width:.0f} {height:.0f}" width="{width:.0f}" '
            f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="avtal-hierarki-titel" role="group">'
            f'<title id="avtal-hierarki-titel">Styrdokumentens hierarki, avtalsperiod {html.escape(period.id)}</title>'
            f"{legend}{body}</svg>")


def legend_html() -> str:
    items = [("avtal-nod-avtal", "Avtal"), ("avtal-nod-avtalsdel", "Avtalsdel (Del A, Del B)"),
             ("avtal-nod-overenskommelse", "Överenskommelse (Del C)"),
             ("avtal-nod-lansgemensam", "Länsgemensam riktlinje, rutin, handbok …"),
             ("avtal-nod-lokal", "Delregionalt eller lokalt dokument"), ("avtal-nod-strategi", "Strategi")]
    return ('<ul class="avtal-teckenforklaring">'
            + "".join(f'<li><span class="avtal-ruta {cls}"></span>{label}</li>' for cls, label in items) + "</ul>")
