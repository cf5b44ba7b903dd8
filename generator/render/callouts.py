"""Callouts -> Material admonitions, as edits over the callout's lines.

`> [!tip]+ Title` becomes `???+ tip "Title"` (`-` folded: `???`, no sign: `!!!`), and each
line's `>` markers become four spaces per level, so nested callouts nest and everything inside
(lists, code, math, embeds) stays inside. The engine says which lines are callouts (a plain
blockquote inside a callout stays a blockquote); this module only rewrites their prefixes.
Obsidian's 13 types and aliases map to Material's types (Material has them all: `todo` is an
alias of `info` there); unknown types are styled as `note` with their own name as title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.engine.model import Callout
from generator.render.text import Edit, LineIndex

__all__ = ["CalloutLines", "admonition_header", "callout_lines"]

INDENT = "    "
_MARKER = re.compile(r"[ \t]*>[ \t]?")
_HEADER = re.compile(r"[ \t]*>[ \t]*\[!([^\]]*)\]([+-]?)[ \t]*")
# CommonMark: a fence may be indented up to three spaces, and it interrupts a paragraph.
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")

# Obsidian type (or alias) -> Material admonition type. Both know these names; the engine already
# canonicalises, this keeps the page right if it hands over an alias.
_MATERIAL = {
    "note": "note",
    "abstract": "abstract",
    "summary": "abstract",
    "tldr": "abstract",
    "info": "info",
    "todo": "todo",
    "tip": "tip",
    "hint": "tip",
    "important": "tip",
    "success": "success",
    "check": "success",
    "done": "success",
    "question": "question",
    "help": "question",
    "faq": "question",
    "warning": "warning",
    "caution": "warning",
    "attention": "warning",
    "failure": "failure",
    "fail": "failure",
    "missing": "failure",
    "danger": "danger",
    "error": "danger",
    "bug": "bug",
    "example": "example",
    "quote": "quote",
    "cite": "quote",
}


@dataclass
class CalloutLines:
    edits: list[Edit] = field(default_factory=list)
    prefix_end: dict[int, int] = field(default_factory=dict)  # line -> offset after its markers/header
    indent: dict[int, str] = field(default_factory=dict)  # line -> what its markers became


def default_title(callout: Callout) -> str:
    """Obsidian's title for a callout without one: its type as written, capitalised."""
    raw = callout.raw_type.strip() or callout.type
    return raw[:1].upper() + raw[1:].lower()


def admonition_header(callout: Callout, indent: str, title: str) -> str:
    """The admonition's first line up to and including the title's opening quote."""
    marker = {"": "!!!", "-": "???", "+": "???+"}[callout.fold]
    kind = _MATERIAL.get(callout.type.lower(), _MATERIAL.get(callout.raw_type.strip().lower(), "note"))
    return f'{indent}{marker} {kind} "{title}'


def _strip_markers(line: str, count: int) -> int:
    """Length of the first `count` quote markers at the start of `line` (fewer if it has fewer)."""
    pos = 0
    for _ in range(count):
        m = _MARKER.match(line, pos)
        if not m:
            break
        pos = m.end()
    return pos


def callout_lines(callouts: list[Callout], index: LineIndex, first: int, last: int) -> CalloutLines:
    """Edits turning the callouts on lines `first`..`last` into admonitions.

    A callout that began before `first` (a block embedded out of it) is unwrapped: its markers
    are removed but it adds no indentation and no header.
    """
    result = CalloutLines()
    depth: dict[int, int] = {}
    outer: dict[int, int] = {}
    headers: dict[int, Callout] = {}
    for c in callouts:
        if c.end_line < first or c.start_line > last:
            continue
        for line in range(max(c.start_line, first), min(c.end_line, last) + 1):
            depth[line] = depth.get(line, 0) + 1
            if c.start_line < first:
                outer[line] = outer.get(line, 0) + 1
        if c.start_line >= first:
            headers[c.start_line] = c
    spaced = _fence_breaks(index, depth, headers)
    for line, d in depth.items():
        start, end = index.start(line), index.end(line)
        text = index.text[start:end]
        header = headers.get(line)
        strip = _strip_markers(text, d - 1 if header else d)
        level = d - outer.get(line, 0) - (1 if header else 0)
        indent = INDENT * level
        if header is not None:
            m = _HEADER.match(text, strip)
            title_start = m.end() if m else end - start
            own = text[title_start:].rstrip()
            if m and own:
                result.edits.append(Edit(start, start + title_start, admonition_header(header, indent, "")))
                result.edits.append(Edit(start + title_start + len(own), end, '"'))
            else:
                title = (header.title or default_title(header)).replace("\n", " ")
                result.edits.append(Edit(start, end, admonition_header(header, indent, title) + '"'))
            result.prefix_end[line] = start + title_start
            result.indent[line] = indent + INDENT
            continue
        # A blank line where a fence meets text: Python-Markdown's fences do not interrupt a paragraph.
        result.edits.append(Edit(start, start + strip, f"\n{indent}" if line in spaced else indent))
        result.prefix_end[line] = start + strip
        result.indent[line] = indent
    return result


def _fence_breaks(index: LineIndex, depth: dict[int, int], headers: dict[int, Callout]) -> set[int]:
    """Callout lines that need a blank line before them: a fence opening right after text, and text
    right after a fence's closing line (so the code is code and the text stays text)."""
    out: set[int] = set()
    fence: str | None = None
    prev_text = False  # the line before (inside the callout) is text, not blank and not a fence
    prev_close = False
    for line in sorted(depth):
        if line in headers or line - 1 not in depth:  # a new callout, or a gap: start afresh
            fence, prev_text, prev_close = None, False, False
        if line in headers:
            continue
        text = index.text[index.start(line) : index.end(line)]
        content = text[_strip_markers(text, depth[line]) :]
        m = _FENCE.match(content)
        if fence is None:
            if m is not None:
                if prev_text:
                    out.add(line)
                fence, prev_text, prev_close = m.group(1), False, False
                continue
            if prev_close and content.strip():
                out.add(line)
            prev_text, prev_close = bool(content.strip()), False
        elif (
            m is not None
            and m.group(1)[0] == fence[0]
            and len(m.group(1)) >= len(fence)
            and not content[m.end() :].strip()
        ):
            fence, prev_close = None, True
    return out
