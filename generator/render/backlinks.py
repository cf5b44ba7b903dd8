"""The backlinks section: the notes that link to or embed a note, each with the lines that do.

A context is the source line with its markup reduced to text (links shown as their text,
comments, quote/list/heading markers and block ids dropped), cut at `CONTEXT_CHARS`. Inline code
stays code (`<code>`, its text as written): a `[[link]]` or `[!note]` in backticks is an example
of syntax, not syntax.

The section is written as one raw HTML block, not markdown: in a densely linked vault it is
most of a page's text, and Python-Markdown passes raw HTML through instead of running its
inline patterns over it (measured: markdown backlinks doubled MkDocs' build time of a
300-note vault with 50 links per note; as HTML they cost a few percent). It is excluded from
search (`data-search-exclude`), so searching finds a note, not every note linking to it.
Its URLs are therefore page URLs (MkDocs rewrites only markdown links).

Portable docs write it as markdown inside the same element (md_in_html): links to the `.md` files,
which every engine resolves (Zensical reads URLs in raw HTML as relative to the source file, not the
page), at the cost of that conversion time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.engine.canvas import canvas_context
from generator.engine.model import Graph, Link, Note, VaultPath
from generator.render.layout import SiteLayout
from generator.render.text import Edit, LineIndex, apply_edits, escape_html
from generator.render.urls import md_href, page_url, url_from_page

__all__ = ["Backlink", "backlinks", "context_of", "markdown_text"]

CONTEXT_CHARS = 160
CONTEXTS_PER_SOURCE = 3

_LEAD = re.compile(
    r"^(?:[ \t]*>)*[ \t]*(?:\[![^\]]*\][+-]?|#{1,6}[ \t]|(?:[-*+]|\d+[.)])(?:[ \t]+\[.\])?[ \t])?[ \t]*"
)
_MARKUP = re.compile(r"\*\*|__|==|~~|`|\^[A-Za-z0-9-]+\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # links the engine leaves alone (external URLs)
_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")


@dataclass(frozen=True)
class Backlink:
    title: str  # HTML-escaped title of the source note
    href: str  # URL of the source's page, relative to this page's URL (HTML-escaped)
    contexts: tuple[str, ...]  # HTML-escaped text
    doc: str = ""  # with `portable`: the markdown link target of the source's docs file


_MD_INLINE = re.compile(r"([\\`*_|{}$~=])")
# Brackets as character references, not backslash escapes: arithmatex reads `\[...\]` as display math.
_BRACKETS = str.maketrans({"[": "&#91;", "]": "&#93;"})
_MD_LINE_START = re.compile(r"^(\d*)([#>+.)-])")


def markdown_text(escaped: str) -> str:
    """HTML-escaped text (a title, a context) as markdown that shows it as written, in a list item."""
    text = " ".join(escaped.split())  # as HTML shows it; a leading space would let "#" start a heading
    text = _MD_INLINE.sub(r"\\\1", text).translate(_BRACKETS)
    return _MD_LINE_START.sub(r"\1\\\2", text, count=1)


def context_of(
    note: Note, line: int, lines: LineIndex | None = None, links: Iterable[Link] | None = None
) -> str:
    """Line `line` of `note` as plain text for a backlink's context.

    `lines` (the note's line index) and `links` (its links on that line) spare a caller with
    many contexts to make from rescanning the note each time.
    """
    if note.parsed.canvas is not None:
        text = " ".join(_MARKUP.sub("", canvas_context(note, line)).split())
        return escape_html(
            text[:CONTEXT_CHARS].rsplit(" ", 1)[0] + " …" if len(text) > CONTEXT_CHARS else text
        )
    lines = lines or LineIndex(note.text)
    start, end = lines.start(line), lines.end(line)
    edits = [Edit(c.start, c.end, "") for c in note.parsed.comments if start <= c.start and c.end <= end]
    for link in note.parsed.links if links is None else links:
        if start <= link.span.start and link.span.end <= end:
            edits.append(Edit(link.span.start, link.span.end, link.text or link.target))
    text = _LEAD.sub("", apply_edits(note.text, start, end, edits), count=1)
    if text.lstrip().startswith("|"):  # a table row: its cells, separated
        text = " · ".join(cell.strip() for cell in text.strip().strip("|").split("|") if cell.strip())
    return _excerpt(text)


def _excerpt(text: str) -> str:
    """HTML of `text`: markup dropped outside inline code, code spans kept as `<code>`, spaces
    collapsed, cut at `CONTEXT_CHARS` visible characters (between words, never inside a tag)."""
    tokens: list[tuple[str, int, bool]] = []  # (HTML, visible characters, a space before it)
    space = False
    pos = 0
    for m in [*_CODE.finditer(text), None]:
        prose = text[pos : m.start() if m else len(text)]
        for word in re.split(r"(\s+)", _MARKUP.sub("", _MD_LINK.sub(r"\1", prose))):
            if word.isspace():
                space = True
            elif word:
                tokens.append((escape_html(word), len(word), space))
                space = False
        if m is not None:
            code = " ".join(m.group(2).split())
            tokens.append((f"<code>{escape_html(code)}</code>", len(code), space))
            space, pos = False, m.end()
    out: list[str] = []
    shown = 0
    for html, size, spaced in tokens:
        if spaced and out:
            out.append(" ")
            shown += 1
        if shown + size > CONTEXT_CHARS and out:
            out.append("…")
            break
        out.append(html)
        shown += size
    return "".join(out)


def backlinks(
    graph: Graph,
    layout: SiteLayout,
    target: VaultPath,
    page: str,
    use_directory_urls: bool = True,
    context: Callable[[Note, int], str] = context_of,
    title: Callable[[Note], str] = lambda note: escape_html(note.title),
    portable: bool = False,
    with_contexts: int = 0,
    shown: int = 0,
) -> tuple[list[Backlink], int]:
    """The first `shown` (0: all) of the published notes linking to `target`, one entry each for
    the page `page`, sorted by title; and how many there are in all.

    The first `with_contexts` entries carry their context lines, the others none (0: every entry):
    a note linked from thousands keeps a page of bounded weight, and only what it shows is made.
    """
    by_source: dict[VaultPath, list[int]] = {}
    for res in graph.backlinks.get(target, []):
        if res.source == target or res.source not in layout.pages:
            continue
        lines = by_source.setdefault(res.source, [])
        if res.link.span.line not in lines:
            lines.append(res.link.span.line)
    titled = sorted(
        ((title(graph.notes[s]), layout.pages[s], s) for s in by_source), key=lambda t: (t[0].lower(), t[1])
    )
    result = []
    for i, (name, docs, source) in enumerate(titled[:shown] if shown > 0 else titled):
        href = url_from_page(page, page_url(docs, use_directory_urls), use_directory_urls)
        contexts: tuple[str, ...] = ()
        if with_contexts <= 0 or i < with_contexts:
            note = graph.notes[source]
            contexts = tuple(
                c for c in (context(note, n) for n in by_source[source][:CONTEXTS_PER_SOURCE]) if c
            )
        result.append(Backlink(name, escape_html(href), contexts, md_href(page, docs) if portable else ""))
    return result, len(titled)
