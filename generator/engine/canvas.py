"""Read one `.canvas` file (JSON Canvas 1.0, obsidianmd/jsoncanvas `spec/1.0.md`): pure, text in,
`Canvas` and `Diagnostic`s out, and the canvas as a document of the vault (`parse_canvas_note`).

A canvas is the vault's second kind of document: it has a page, and its links count like a note's.
Its text nodes are vault markdown (parsed by the note parser), its file nodes show a vault file, so
both are links of the canvas (file nodes as embeds, found by their exact vault path, as Obsidian
stores them). Bad input never stops the read: a node or edge that cannot be drawn is left out with
a warning naming the canvas, its line and the node's or edge's id; only text that is not a JSON
object at all is an error (the canvas cannot be evaluated). Nothing in a canvas is executed.

Defaults the spec leaves to the app, as Obsidian draws them: an edge has no arrow at its start
(`fromEnd: none`) and an arrow at its end (`toEnd: arrow`); an edge without sides is drawn between
the nearest sides (`generator.render.canvas_geometry`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.engine.model import (
    BackgroundStyle,
    Canvas,
    CanvasEdge,
    CanvasNode,
    Code,
    Diagnostic,
    End,
    Link,
    NodeType,
    Note,
    ParsedNote,
    Side,
    Span,
    Tag,
)
from generator.engine.parse import parse_note
from generator.engine.paths import join_link

__all__ = [
    "CANVAS_SUFFIX",
    "END_DEFAULTS",
    "PRESET_COLORS",
    "Canvas",
    "CanvasEdge",
    "CanvasNode",
    "canvas_context",
    "file_link",
    "is_canvas",
    "parse_canvas",
    "parse_canvas_note",
]

CANVAS_SUFFIX = ".canvas"

NODE_TYPES: tuple[NodeType, ...] = ("text", "file", "link", "group")
SIDES: tuple[Side, ...] = ("top", "right", "bottom", "left")
ENDS: tuple[End, ...] = ("none", "arrow")
BACKGROUND_STYLES: tuple[BackgroundStyle, ...] = ("cover", "ratio", "repeat")
END_DEFAULTS: tuple[End, End] = ("none", "arrow")  # (fromEnd, toEnd) when absent
# The spec's six presets, by number.
PRESET_COLORS = {"1": "red", "2": "orange", "3": "yellow", "4": "green", "5": "cyan", "6": "purple"}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
# Schemes a link node may point at; anything else (javascript:, data:, file: ...) is shown, not linked.
SAFE_SCHEMES = ("http://", "https://", "mailto:", "ftp://")
_WIKILINK = re.compile(r"!?\[\[([^\]|#]*)[^\]|]*(?:\|([^\]]*))?\]\]")


def is_canvas(path: str) -> bool:
    return path.lower().endswith(CANVAS_SUFFIX)


def _element_lines(text: str) -> dict[str, list[int]]:
    """The 1-based line of each element of the top-level "nodes" and "edges" arrays, in order.

    A small scan of JSON text already known to be valid: strings are skipped whole (escapes
    included), brackets counted, and an element is an object opened at depth 2 under those keys."""
    lines: dict[str, list[int]] = {"nodes": [], "edges": []}
    depth = 0
    line = 1
    key: str | None = None  # the current top-level key
    last_string: str | None = None
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            last_string = text[i + 1 : j]
            line += text.count("\n", i, j)  # a raw newline is invalid JSON, but count it anyway
            i = j
        elif c == ":" and depth == 1:
            key = last_string
        elif c in "{[":
            if c == "{" and depth == 2 and key in lines:
                lines[key].append(line)
            depth += 1
        elif c in "}]":
            depth -= 1
        i += 1
    return lines


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _color(value: Any, what: str, problems: list[str]) -> str | None:
    if value is None:
        return None
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else None
    if text is not None and (text in PRESET_COLORS or _HEX.fullmatch(text)):
        return text
    problems.append(f"{what} has an unknown color {value!r} (a preset 1-6 or #rrggbb): ignored")
    return None


def _vault_file(value: str) -> str | None:
    """A file path as written in a canvas (vault-relative), or None when it leaves the vault."""
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", value):
        return None  # an absolute path of the machine, not of the vault
    joined = join_link("", value.replace("\\", "/"))
    return joined or None


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    def warn(self, line: int, message: str, code: Code = Code.CANVAS_PART) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, "warning", code, message))

    def _identity(self, raw: Any, what: str, k: int, line: int, seen: set[str]) -> str | None:
        """The id of the k-th node or edge, or None (with a warning) when it is not an object, has no
        id, or repeats one already seen."""
        if not isinstance(raw, dict):
            self.warn(line, f"{what} #{k + 1} is not an object: skipped")
            return None
        ident = raw.get("id")
        if not isinstance(ident, str) or not ident:
            self.warn(line, f"{what} #{k + 1} has no id: skipped")
            return None
        if ident in seen:
            self.warn(line, f"{what} '{ident}': the id is used twice: skipped")
            return None
        return ident

    def node(self, raw: Any, k: int, line: int, seen: set[str]) -> CanvasNode | None:
        node_id = self._identity(raw, "node", k, line, seen)
        if node_id is None:
            return None
        what = f"node '{node_id}'"
        kind = raw.get("type")
        if kind not in NODE_TYPES:
            self.warn(line, f"{what} has an unknown type {kind!r} (text, file, link or group): skipped")
            return None
        box = [_number(raw.get(key)) for key in ("x", "y", "width", "height")]
        if any(v is None for v in box):
            self.warn(line, f"{what} has no numeric x, y, width and height: skipped")
            return None
        x, y, width, height = (float(v) for v in box if v is not None)
        if width <= 0 or height <= 0:
            self.warn(line, f"{what} has no area (width {width:g}, height {height:g}): skipped")
            return None
        problems: list[str] = []
        color = _color(raw.get("color"), what, problems)
        extra: dict[str, Any] = {}
        if kind == "text":
            text = raw.get("text")
            if not isinstance(text, str):
                problems.append(f"{what} (text) has no text")
                text = ""
            extra["text"] = text
            extra["parsed"] = parse_note(self.path, text)
        elif kind == "file":
            file = raw.get("file")
            if not isinstance(file, str) or not file.strip():
                self.warn(line, f"{what} (file) names no file: skipped")
                return None
            if _vault_file(file) is None:
                self.warn(line, f"{what}: file '{file}' is outside the vault: refused", Code.UNSAFE_PATH)
                return None
            extra["file"] = file
            subpath = raw.get("subpath")
            if subpath is not None:
                if isinstance(subpath, str) and subpath.startswith("#") and len(subpath) > 1:
                    extra["subpath"] = subpath
                else:
                    problems.append(f"{what} has a subpath {subpath!r} not starting with '#': ignored")
        elif kind == "link":
            url = raw.get("url")
            if not isinstance(url, str) or not url.strip():
                problems.append(f"{what} (link) has no url")
                url = ""
            elif not url.strip().lower().startswith(SAFE_SCHEMES):
                problems.append(f"{what}: url {url!r} is not http(s), mailto or ftp: shown, not linked")
            extra["url"] = url.strip()
        else:
            label = raw.get("label")
            if label is not None and not isinstance(label, str):
                problems.append(f"{what} has a label that is not a string: ignored")
                label = None
            extra["label"] = label
            background = raw.get("background")
            if isinstance(background, str) and background.strip():
                if _vault_file(background) is None:
                    self.warn(
                        line,
                        f"{what}: background '{background}' is outside the vault: refused",
                        Code.UNSAFE_PATH,
                    )
                else:
                    extra["background"] = background
            style = raw.get("backgroundStyle", "cover")
            if style not in BACKGROUND_STYLES:
                problems.append(f"{what} has an unknown backgroundStyle {style!r} (cover, ratio, repeat)")
                style = "cover"
            extra["background_style"] = style
        for problem in problems:
            self.warn(line, problem)
        seen.add(node_id)
        return CanvasNode(node_id, kind, x, y, width, height, line, color, **extra)

    def edge(self, raw: Any, k: int, line: int, nodes: set[str], seen: set[str]) -> CanvasEdge | None:
        edge_id = self._identity(raw, "edge", k, line, seen)
        if edge_id is None:
            return None
        what = f"edge '{edge_id}'"
        ends: list[str] = []
        for key in ("fromNode", "toNode"):
            value = raw.get(key)
            if not isinstance(value, str) or value not in nodes:
                self.warn(line, f"{what}: {key} {value!r} is not a node of the canvas: not drawn")
                return None
            ends.append(value)
        problems: list[str] = []
        sides: list[Side | None] = []
        for key in ("fromSide", "toSide"):
            value = raw.get(key)
            if value is not None and value not in SIDES:
                problems.append(
                    f"{what} has an unknown {key} {value!r} (top, right, bottom, left): nearest used"
                )
                value = None
            sides.append(value)
        shapes: list[End] = []
        for key, default in zip(("fromEnd", "toEnd"), END_DEFAULTS, strict=True):
            value = raw.get(key, default)
            if value not in ENDS:
                problems.append(f"{what} has an unknown {key} {value!r} (none, arrow): {default} used")
                value = default
            shapes.append(value)
        label = raw.get("label")
        if label is not None and not isinstance(label, str):
            problems.append(f"{what} has a label that is not a string: ignored")
            label = None
        color = _color(raw.get("color"), what, problems)
        for problem in problems:
            self.warn(line, problem)
        seen.add(edge_id)
        return CanvasEdge(
            edge_id, ends[0], ends[1], line, sides[0], sides[1], shapes[0], shapes[1], color, label or None
        )


def parse_canvas(path: str, text: str) -> tuple[Canvas, list[Diagnostic]]:
    """The canvas in `text` (the file at vault path `path`) and its problems."""
    reader = _Reader(path)
    try:
        data = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        problem = f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        diagnostic = Diagnostic(
            path, exc.lineno, "error", Code.CANVAS_FAILED, f"canvas is not readable: {problem}"
        )
        return Canvas(valid=False, problem=problem), [diagnostic]
    if not isinstance(data, dict):
        problem = f"the file holds a JSON {type(data).__name__}, not an object with nodes and edges"
        return Canvas(valid=False, problem=problem), [
            Diagnostic(path, 1, "error", Code.CANVAS_FAILED, f"canvas is not readable: {problem}")
        ]
    lines = _element_lines(text)
    arrays: dict[str, list[Any]] = {}
    for key in ("nodes", "edges"):
        value = data.get(key, [])
        if not isinstance(value, list):
            reader.warn(1, f"'{key}' is not an array: ignored")
            value = []
        arrays[key] = value

    def line_of(key: str, k: int) -> int:
        found = lines[key]
        return found[k] if k < len(found) else 1

    nodes: list[CanvasNode] = []
    seen: set[str] = set()
    for k, raw in enumerate(arrays["nodes"]):
        node = reader.node(raw, k, line_of("nodes", k), seen)
        if node is not None:
            nodes.append(node)
    edges: list[CanvasEdge] = []
    edge_ids: set[str] = set()
    for k, raw in enumerate(arrays["edges"]):
        edge = reader.edge(raw, k, line_of("edges", k), seen, edge_ids)
        if edge is not None:
            edges.append(edge)
    return Canvas(tuple(nodes), tuple(edges)), reader.diagnostics


def file_link(node: CanvasNode, file: str, start: int = 0) -> Link:
    """A file node (or a group's background) as an embed of its exact vault path."""
    headings: tuple[str, ...] = ()
    block = None
    sub = (node.subpath or "")[1:]
    if sub.startswith("^"):
        block = sub[1:]
    elif sub:
        headings = tuple(h for h in sub.split("#") if h)
    path = _vault_file(file) or file
    raw = (
        f"{file}{node.subpath or ''} (file node '{node.id}')"
        if node.type == "file"
        else (f"{file} (background of group '{node.id}')")
    )
    # "/" + path: vault-absolute, so the exact path is looked up (not a name anywhere).
    return Link("embed", "/" + path, headings, block, None, file, Span(start, start + 1, node.line), raw)


def parse_canvas_note(path: str, text: str) -> ParsedNote:
    """The canvas as a document of the vault: its links (text nodes' links and embeds, file nodes,
    group backgrounds; each on the line of its node), tags of its text nodes, and its problems.
    `parsed.canvas` holds the canvas itself."""
    canvas, diagnostics = parse_canvas(path, text)
    parsed = ParsedNote(frontmatter={}, body_start=0, body_start_line=1, diagnostics=diagnostics)
    parsed.canvas = canvas
    start = 0  # offsets of links are made unique across nodes: each node's text gets its own range
    for node in canvas.nodes:
        if node.parsed is not None:
            for link in node.parsed.links:
                span = Span(start + link.span.start, start + link.span.end, node.line)
                raw = f"{link.raw} (text node '{node.id}')"
                parsed.links.append(
                    Link(link.kind, link.target, link.headings, link.block, link.alias, link.text, span, raw)
                )
            for tag in node.parsed.tags:
                if tag.span is not None:  # tags of the text (a text node's front matter is no note's)
                    parsed.tags.append(Tag(tag.name, node.line, None))
            parsed.diagnostics.extend(
                Diagnostic(d.path, node.line, d.severity, d.code, f"text node '{node.id}': {d.message}")
                for d in node.parsed.diagnostics
            )
            start += len(node.text) + 1
        elif node.file is not None or node.background is not None:
            file = node.file if node.file is not None else node.background
            assert file is not None
            parsed.links.append(file_link(node, file, start))
            start += 1
    return parsed


def canvas_context(note: Note, line: int) -> str:
    """What a backlink from a canvas shows: the text of the node on `line` (or its file)."""
    canvas = note.parsed.canvas
    if canvas is None:
        return ""
    for node in canvas.nodes:
        if node.line == line:
            if node.type == "text":  # wikilinks as the text they show
                return _WIKILINK.sub(lambda m: m.group(2) or m.group(1), node.text)
            if node.file is not None:
                return f"{node.file}{node.subpath or ''}"
            return node.label or ""
    return ""
