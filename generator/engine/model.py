"""The nouns of the vault engine: what scan, parse and resolve produce, and what render and check read.

Records built per link (Span, Link, Resolution, ...) are slotted dataclasses, hashable, and never
changed once built: a 10,000-note vault holds half a million links, and `frozen=True` would double
the cost of building them (a frozen dataclass sets every field through `object.__setattr__`).

Paths inside a vault are `VaultPath`s: POSIX, relative to the vault root, with extension
("Folder/Note.md", "img/plot.png"). Offsets are into `Note.text`, the whole file as read
(frontmatter included); lines are 1-based lines of that file, so a message can name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, NewType, Protocol

VaultPath = NewType("VaultPath", str)

Severity = Literal["error", "warning"]


class Code(StrEnum):
    """What kind of problem a `Diagnostic` is: what code (the build's exit policy, tests) reads,
    never the message, which is for people."""

    UNRESOLVED_LINK = "unresolved-link"  # no note or file by that name
    EXCLUDED_TARGET = "excluded-target"  # the target exists but is not published
    MISSING_HEADING = "missing-heading"
    MISSING_BLOCK = "missing-block"
    MISSING_ATTACHMENT = "missing-attachment"
    UNSAFE_PATH = "unsafe-path"  # a link or symlink pointing outside the vault
    EMBED_CYCLE = "embed-cycle"
    EMBED_DEPTH = "embed-depth"
    INVALID_YAML = "invalid-yaml"
    INVALID_PROPERTY = "invalid-property"
    UNREADABLE = "unreadable"
    ENCODING = "encoding"
    BLOCK_INVALID = "bad-activation-block"  # a computed block that cannot be computed as written
    BLOCK_FAILED = "block-handler-error"  # a computed block whose handler failed
    BASE_FAILED = "base-error"  # a base (.base) that cannot be evaluated
    CANVAS_FAILED = "canvas-error"  # a canvas (.canvas) that cannot be read
    CANVAS_PART = "bad-canvas"  # a node or edge of a canvas that cannot be drawn (the rest is)
    PAGE_FAILED = "page-render-error"  # a page that cannot be rendered


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in a vault, always with the file and line it is on."""

    path: str
    line: int  # 1-based; 0 when the problem is the file as a whole
    severity: Severity
    code: Code
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class Problem(str):
    """Why a link does not resolve (or its heading or block is missing): the text shown to the
    reader, with its `code`."""

    code: Code

    def __new__(cls, code: Code, text: str) -> Problem:
        problem = super().__new__(cls, text)
        problem.code = code
        return problem

    def __getnewargs__(self) -> tuple[Code, str]:  # type: ignore[override]
        return self.code, str(self)


@dataclass(slots=True, unsafe_hash=True)
class Span:
    start: int  # offset into Note.text
    end: int  # exclusive
    line: int  # 1-based line of `start`


LinkKind = Literal["wikilink", "embed", "markdown", "markdown-embed"]


@dataclass(slots=True, unsafe_hash=True)
class Link:
    """A link or embed as written: `[[T#H|a]]`, `![[T#^id|300]]`, `[a](T.md#H)`, `![a](img.png)`."""

    kind: LinkKind
    target: str  # path part, unescaped and URL-decoded; "" for a link into the same note
    headings: tuple[str, ...] = ()  # [[T#H1#H2]] -> ("H1", "H2")
    block: str | None = None  # [[T#^id]] -> "id"
    alias: str | None = None  # text after "|" (for embeds: size "300", "300x200", or alt text)
    text: str = ""  # what Obsidian displays for it (alias, markdown link text, or its default form)
    span: Span = Span(0, 0, 0)
    raw: str = ""  # the source text of the whole link

    @property
    def is_embed(self) -> bool:
        return self.kind in ("embed", "markdown-embed")


@dataclass(slots=True, unsafe_hash=True)
class Heading:
    level: int
    text: str  # as displayed (markup removed)
    anchor: (
        str  # the id MkDocs' toc gives the rendered heading (generator.engine.paths.slugify, deduplicated)
    )
    line: int
    span: Span


BlockKind = Literal["paragraph", "list-item", "list", "quote", "table", "callout", "code", "math", "heading"]


@dataclass(slots=True, unsafe_hash=True)
class BlockId:
    """`^id` at the end of a block, or alone on the line after it."""

    id: str
    kind: BlockKind
    start_line: int  # the block it names, 1-based inclusive
    end_line: int
    marker: Span  # the " ^id" text (or its whole line), hidden on the page


@dataclass(slots=True, unsafe_hash=True)
class Tag:
    name: str  # as written, without "#": "ml/activation"
    line: int  # 0 for tags from frontmatter
    span: Span | None  # None for frontmatter tags

    @property
    def key(self) -> str:
        """Tags group case-insensitively."""
        return self.name.lower()


@dataclass(frozen=True)
class Callout:
    type: str  # canonical lower-case type ("note", "tip", ...; unknown types become "note")
    raw_type: str  # as written
    title: str | None  # None: the default title (the type, capitalised)
    fold: Literal["", "+", "-"]
    depth: int  # 1 for a top-level callout, 2 inside another, ...
    start_line: int  # the "> [!type]" line
    end_line: int  # last line of the callout, inclusive


@dataclass(frozen=True)
class CodeBlock:
    info: str  # the fence's info string ("python", "activation", "mermaid", "")
    content: str
    start_line: int  # the opening fence
    end_line: int  # the closing fence (or last line if unclosed)
    span: Span


@dataclass
class ParsedNote:
    frontmatter: dict[str, Any]
    body_start: int  # offset of the first character after the frontmatter
    body_start_line: int
    links: list[Link] = field(default_factory=list)  # wikilinks, embeds, markdown links, in order
    headings: list[Heading] = field(default_factory=list)
    block_ids: list[BlockId] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)  # inline and frontmatter
    callouts: list[Callout] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    comments: list[Span] = field(default_factory=list)  # %%...%%, markers included
    math: list[Span] = field(default_factory=list)  # $...$ and $$...$$, delimiters included
    code_spans: list[Span] = field(default_factory=list)  # inline `code`, backticks included
    diagnostics: list[Diagnostic] = field(default_factory=list)
    canvas: Canvas | None = None  # a `.canvas` file: its nodes and edges (generator.engine.canvas)


@dataclass
class Note:
    path: VaultPath
    text: str
    parsed: ParsedNote

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        if name.lower().endswith(".md"):
            return name[:-3]
        return name[:-7] if name.lower().endswith(".canvas") else name

    @property
    def properties(self) -> dict[str, Any]:
        return self.parsed.frontmatter

    @property
    def title(self) -> str:
        title = self.properties.get("title")
        return str(title) if isinstance(title, str | int | float) and str(title).strip() else self.stem

    @property
    def aliases(self) -> list[str]:
        value = self.properties.get("aliases") or self.properties.get("alias") or []
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value if v is not None] if isinstance(value, list) else []


ResolvedKind = Literal["note", "attachment"]


@dataclass(slots=True, unsafe_hash=True)
class Resolution:
    """A link of `source` and what it points at; `target` None means unresolved."""

    source: VaultPath
    link: Link
    target: VaultPath | None
    target_kind: ResolvedKind | None
    anchor: str | None = None  # heading anchor, or "^id" for a block
    problem: Problem | None = None  # why it is unresolved or its heading/block is missing

    @property
    def ok(self) -> bool:
        return self.target is not None and self.problem is None


class Lookups(Protocol):
    """What the graph asks of the link index `resolve.build_graph` made it with (`resolve.LinkIndex`)."""

    def resolve(self, source: VaultPath, link: Link) -> Resolution: ...

    def heading(self, note: VaultPath, headings: tuple[str, ...]) -> Heading | None: ...

    def section(self, note: VaultPath, headings: tuple[str, ...]) -> tuple[int, int] | None: ...

    def block(self, note: VaultPath, block_id: str) -> BlockId | None: ...


@dataclass
class Graph:
    """The one source the renderer and `check` read."""

    notes: dict[VaultPath, Note]
    attachments: set[VaultPath]
    links: dict[VaultPath, list[Resolution]]  # per source note, in document order
    backlinks: dict[VaultPath, list[Resolution]]  # per target note
    unresolved: list[Resolution]
    tags: dict[str, list[VaultPath]]  # tag key (lower-case; parents included: "a" for "a/b") -> notes
    embed_cycles: list[tuple[VaultPath, ...]]  # each cycle as the chain of notes, first repeated last
    diagnostics: list[Diagnostic]
    excluded: set[VaultPath] = field(default_factory=set)  # files seen but not published
    # Added by the engine: the lookups build_graph resolved with, for links met later
    # (inside embedded content) and for cutting embedded sections and blocks.
    index: Lookups | None = field(default=None, repr=False, compare=False)

    def _index(self) -> Lookups:
        if self.index is None:
            raise RuntimeError("a Graph has its link index only when built by resolve.build_graph")
        return self.index

    def resolve(self, source: VaultPath, link: Link) -> Resolution:
        """Resolve `link` as if written in `source`. For a link inside embedded content, pass the note
        the link is written in: Obsidian resolves it from there, not from the embedding note."""
        return self._index().resolve(source, link)

    def heading(self, note: VaultPath, headings: tuple[str, ...]) -> Heading | None:
        """The heading `[[note#H1#H2]]` names, or None."""
        return self._index().heading(note, headings)

    def section(self, note: VaultPath, headings: tuple[str, ...]) -> tuple[int, int] | None:
        """1-based inclusive lines of `![[note#H1#H2]]`: the heading line to the line before the next
        heading of the same level or higher (or the end of the note); None if there is no such heading."""
        return self._index().section(note, headings)

    def block(self, note: VaultPath, block_id: str) -> BlockId | None:
        """The block `![[note#^id]]` names (its start_line..end_line), or None."""
        return self._index().block(note, block_id)

    @property
    def orphans(self) -> list[VaultPath]:
        """Notes no other note links to or embeds."""
        return sorted(p for p in self.notes if not any(r.source != p for r in self.backlinks.get(p, [])))


# -- canvases (JSON Canvas 1.0; read by generator.engine.canvas) ----------------------------------

NodeType = Literal["text", "file", "link", "group"]
Side = Literal["top", "right", "bottom", "left"]
End = Literal["none", "arrow"]
BackgroundStyle = Literal["cover", "ratio", "repeat"]


@dataclass(frozen=True)
class CanvasNode:
    id: str
    type: NodeType
    x: float
    y: float
    width: float
    height: float
    line: int  # 1-based line of the node's object in the file
    color: str | None = None  # "1".."6" or "#rrggbb" (validated)
    text: str = ""  # text nodes
    parsed: ParsedNote | None = field(default=None, compare=False, repr=False)  # text nodes: their parse
    file: str | None = None  # file nodes: the vault path as written
    subpath: str | None = None  # file nodes: "#Heading" or "#^block"
    url: str | None = None  # link nodes
    label: str | None = None  # groups
    background: str | None = None  # groups: vault path of the image
    background_style: BackgroundStyle = "cover"

    def contains(self, other: CanvasNode) -> bool:
        """`other` lies wholly inside this node's box (how a group holds its nodes)."""
        return (
            other is not self
            and self.x <= other.x
            and self.y <= other.y
            and other.x + other.width <= self.x + self.width
            and other.y + other.height <= self.y + self.height
        )


@dataclass(frozen=True)
class CanvasEdge:
    id: str
    from_node: str
    to_node: str
    line: int
    from_side: Side | None = None  # None: the nearest side
    to_side: Side | None = None
    from_end: End = "none"  # Obsidian's default: no arrow at the start
    to_end: End = "arrow"  # and an arrow at the end
    color: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Canvas:
    nodes: tuple[CanvasNode, ...] = ()  # in file order (the spec's z-order: first is lowest)
    edges: tuple[CanvasEdge, ...] = ()  # only edges between nodes that exist
    valid: bool = True  # False: the file is not a JSON object (nothing could be read)
    problem: str | None = None  # why it is not valid

    def node(self, node_id: str) -> CanvasNode | None:
        for n in self.nodes:
            if n.id == node_id:
                return n
        return None

    def parent(self, node: CanvasNode) -> CanvasNode | None:
        """The smallest group holding `node`, or None."""
        holders = [g for g in self.nodes if g.type == "group" and g.contains(node)]
        return min(holders, key=lambda g: g.width * g.height, default=None)
