"""A canvas as a page, and as an embed in a note: a static layout in HTML and SVG.

The canvas is one block of HTML that Python-Markdown's `md_in_html` reads: an outer box as wide
as the content column allows (never wider than the canvas) with the canvas's aspect ratio, and
inside it the stage, the bounding box at its real size in px (`canvas_geometry.Stage`), scaled
down to the box by CSS alone (`generator/assets/canvas.css`: container units), so the layout is
readable without JavaScript and every node keeps the proportions of its text. `canvas.js` adds
pan, zoom and fit.

On the stage, in the file's order (the spec's z-order) with groups first, outer before inner:
- groups: labelled frames (raw HTML), with their background image;
- text nodes: the text as vault markdown, through the renderer that renders notes (links,
  embeds, math, callouts, tags);
- file nodes: the note, or its heading's section or block (`subpath`), through the embed
  machinery; images, PDF, audio and video as their embeds;
- link nodes: a card with the URL (linked only for http, https, mailto and ftp);
- edges: one SVG over the nodes, a Bézier curve per edge, arrowheads and labels.
Colours are classes (presets 1-6) or a CSS variable (hex), drawn by the stylesheet in both palettes.

Nodes are parts of the canvas, so their embeds and links see the canvas on the embed stack: a
file node showing a note that embeds the canvas is cut as a cycle, and a canvas inside a node
(or inside a callout, a list item or another embed, where raw HTML cannot go) is a link to its page.
"""

from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import urlsplit

from generator.engine.canvas import PRESET_COLORS, SAFE_SCHEMES, Canvas, CanvasEdge, CanvasNode, file_link
from generator.engine.model import Graph, Note, Resolution, VaultPath
from generator.render.canvas_geometry import Stage, arrowhead, edge_geometry, stage_of
from generator.render.links import unresolved_span
from generator.render.text import escape_html, escape_md
from generator.render.urls import url_from_page

__all__ = ["canvas_block", "canvas_embed", "canvas_page_body"]

EmbedKey = tuple[VaultPath, str | None]  # as generator.render.fragment's: a note and an anchor


class _Stash(Protocol):
    def put(self, html: str) -> str: ...


class PageState(Protocol):
    """What this module uses of `generator.render.fragment.PageState` (which imports this module)."""

    @property
    def page(self) -> str: ...

    @property
    def stash(self) -> _Stash: ...


class _Options(Protocol):
    @property
    def use_directory_urls(self) -> bool: ...

    @property
    def portable(self) -> bool: ...


class Renderer(Protocol):
    """What this module uses of `generator.render.fragment.Renderer`: the note renderer it reuses."""

    @property
    def graph(self) -> Graph: ...

    @property
    def options(self) -> _Options: ...

    def fragment(self, note: Note, start: int, end: int, state: Any, stack: tuple[EmbedKey, ...]) -> str: ...

    def embed_markdown(
        self, note: Note, res: Resolution, state: Any, stack: tuple[EmbedKey, ...], nested: bool
    ) -> tuple[str, bool]: ...


def _n(value: float) -> str:
    """A coordinate, short: whole pixels without decimals, else one decimal."""
    r = round(value, 1)
    return str(int(r)) if r == int(r) else str(r)


def _color(color: str | None) -> tuple[str, str]:
    """(class, style) for a node's or edge's colour."""
    if color is None:
        return "", ""
    if color in PRESET_COLORS:
        return f" c{color}", ""
    return " cx", f"--oc:{color};"


def _box(node: CanvasNode, stage: Stage) -> str:
    """Position and size in px as CSS variables (canvas.css sets left, top, width, height from them):
    shorter than the four properties, on every node of a page that must stay small."""
    x, y = stage.at((node.x, node.y))
    return f"--x:{_n(x)};--y:{_n(y)};--w:{_n(node.width)};--h:{_n(node.height)}"


def _i(value: float) -> str:
    """An edge coordinate: whole pixels (the stage is drawn at most at its real size)."""
    return str(round(value))


def _order(canvas: Canvas) -> list[CanvasNode]:
    """Groups first (a group holding another before it), then the other nodes, each in file order."""
    groups = [n for n in canvas.nodes if n.type == "group"]
    depth = {g.id: sum(1 for h in groups if h.contains(g)) for g in groups}
    groups.sort(key=lambda g: depth[g.id])  # stable: file order within a depth
    return groups + [n for n in canvas.nodes if n.type != "group"]


class _CanvasRenderer:
    def __init__(self, renderer: Renderer, note: Note, state: PageState, stack: tuple[EmbedKey, ...]) -> None:
        assert note.parsed.canvas is not None
        self.renderer = renderer
        self.note = note
        self.canvas = note.parsed.canvas
        self.state = state
        self.stack = stack
        self.stage = stage_of(self.canvas.nodes)

    def block(self) -> str:
        stage = self.stage
        w, h = _n(stage.width), _n(stage.height)
        parts = [
            f'<div class="obsidian-canvas" data-canvas="{escape_html(self.note.title)}" '
            f'style="aspect-ratio:{w}/{h};max-width:{w}px;--ow:{w}px" markdown="1">',
            f'<div class="obsidian-canvas-stage" style="width:{w}px;height:{h}px" markdown="1">',
        ]
        for node in _order(self.canvas):
            parts.append(self.node(node))
        parts.append(self.edges())
        parts.append("</div>")
        parts.append("</div>")
        return "\n".join(parts)

    def raw(self, html: str) -> str:
        """HTML inside a raw block: pre-rendered (a token Python-Markdown passes over, put back after
        it: `generator.render.html_stash`), except in portable docs, which MkDocs reads alone."""
        if self.renderer.options.portable or not html:
            return html
        return self.state.stash.put(html)

    # -- nodes ----------------------------------------------------------------------------------

    def node(self, node: CanvasNode) -> str:
        cls, style = _color(node.color)
        head = f'class="n {node.type}{cls}" data-id="{escape_html(node.id)}" style="{style}{_box(node, self.stage)}"'
        if node.type == "group":
            return f"<div {head}>{self.raw(self.group(node))}</div>"
        if node.type == "link":
            return f"<div {head}>{self.raw(self.link(node))}</div>"
        content = self.text(node) if node.type == "text" else self.file(node)
        return f'<div {head} markdown="1">\n\n{content.strip(chr(10))}\n\n</div>'

    def text(self, node: CanvasNode) -> str:
        assert node.parsed is not None
        part = Note(self.note.path, node.text, node.parsed)
        return self.renderer.fragment(part, 0, len(node.text), self.state, self.stack)

    def file(self, node: CanvasNode) -> str:
        assert node.file is not None
        res = self.renderer.graph.resolve(self.note.path, file_link(node, node.file))
        out, _ = self.renderer.embed_markdown(self.note, res, self.state, self.stack, nested=True)
        return out

    def link(self, node: CanvasNode) -> str:
        url = node.url or ""
        shown = escape_html(url)
        host = escape_html(urlsplit(url).netloc or url) if url else ""
        if url.lower().startswith(SAFE_SCHEMES):
            return (
                f'<a href="{shown}" target="_blank" rel="noopener noreferrer">'
                f'<span class="host">{host}</span><span class="url">{shown}</span></a>'
            )
        return f'<span class="url">{shown}</span>'

    def group(self, node: CanvasNode) -> str:
        out = f'<span class="label">{escape_html(node.label)}</span>' if node.label else ""
        if node.background is not None:
            res = self.renderer.graph.resolve(self.note.path, file_link(node, node.background))
            if res.target is not None and res.target_kind == "attachment":
                src = url_from_page(self.state.page, res.target, self.renderer.options.use_directory_urls)
                out += f'<span class="bg {node.background_style}" style="background-image:url(&quot;{escape_html(src)}&quot;)"></span>'
            else:
                out += unresolved_span(node.background, res.problem or "not found", "bg-missing")
        return out

    # -- edges ----------------------------------------------------------------------------------

    def edges(self) -> str:
        stage = self.stage
        w, h = _n(stage.width), _n(stage.height)
        by_id = {n.id: n for n in self.canvas.nodes}
        out = [f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}">']
        for edge in self.canvas.edges:
            out.append(self.edge(edge, by_id[edge.from_node], by_id[edge.to_node]))
        out.append("</svg>")
        # Pre-rendered: half the HTML of a large canvas, which Python-Markdown's HTML parser would
        # otherwise read tag by tag (measured: a third of the conversion of a 500-node canvas).
        return f'<div class="edges">{self.raw("".join(out))}</div>'

    def edge(self, edge: CanvasEdge, a: CanvasNode, b: CanvasNode) -> str:
        at = self.stage.at
        g = edge_geometry(a, b, edge)
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = at(g.start), at(g.c1), at(g.c2), at(g.end)
        cls, style = _color(edge.color)
        style_attr = f' style="{style}"' if style else ""
        class_attr = f' class="{cls.strip()}"' if cls else ""
        parts = [
            f'<g{class_attr} data-id="{escape_html(edge.id)}"{style_attr}>',
            f'<path d="M{_i(x0)} {_i(y0)}C{_i(x1)} {_i(y1)} {_i(x2)} {_i(y2)} {_i(x3)} {_i(y3)}"/>',
        ]
        for shape, point, side in ((edge.from_end, g.start, g.from_side), (edge.to_end, g.end, g.to_side)):
            if shape == "arrow":  # the tip, then each corner of the base relative to the point before
                tip, left, right = (at(p) for p in arrowhead(point, side))
                dx1, dy1 = round(left[0] - tip[0]), round(left[1] - tip[1])
                dx2, dy2 = round(right[0] - left[0]), round(right[1] - left[1])
                parts.append(f'<path d="M{_i(tip[0])} {_i(tip[1])}l{dx1} {dy1} {dx2} {dy2}z"/>')
        if edge.label:
            mx, my = at(g.middle)
            parts.append(f'<text x="{_i(mx)}" y="{_i(my)}">{escape_html(edge.label)}</text>')
        parts.append("</g>")
        return "".join(parts)


def canvas_block(renderer: Renderer, note: Note, state: PageState, stack: tuple[EmbedKey, ...]) -> str:
    """The canvas of `note` as a block of HTML and markdown (`md_in_html`), for the page `state.page`;
    `stack`: the embeds around it, the canvas itself last."""
    canvas = note.parsed.canvas
    assert canvas is not None
    if not canvas.valid:
        problem = escape_md(canvas.problem or "not readable")
        return f'!!! failure "This canvas could not be read"\n\n    {note.path}: {problem}'
    return _CanvasRenderer(renderer, note, state, stack).block()


def canvas_page_body(renderer: Renderer, note: Note, state: PageState) -> str:
    """The body of a canvas's own page."""
    key: EmbedKey = (note.path, None)
    return canvas_block(renderer, note, state, (key,))


def canvas_embed(
    renderer: Renderer, note: Note, state: PageState, chain: tuple[EmbedKey, ...], href: str, nested: bool
) -> tuple[str, bool]:
    """`![[Board.canvas]]`: the canvas, scaled, under a link to its page (a block); where a block of
    HTML cannot go (`nested`), the link alone (inline)."""
    title = escape_md(note.title)
    link = f"[{title}]({href}){{ .obsidian-canvas-open }}"
    if nested:
        return link, False
    body = canvas_block(renderer, note, state, chain)
    return f'<div class="obsidian-canvas-embed" markdown="1">\n\n{link}\n\n{body}\n\n</div>', True
