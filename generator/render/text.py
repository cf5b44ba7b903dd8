"""Text plumbing for the renderer: edits over a note's text, line lookup, escaping.

The renderer never re-parses a note: it turns what the engine found (spans of links, tags,
comments, block ids, callouts, code blocks) into `Edit`s and applies them in one pass, so
text outside those spans (code, math, everything else) reaches MkDocs byte for byte.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

__all__ = [
    "Edit",
    "LineIndex",
    "apply_edits",
    "attr_value",
    "block_insert",
    "code_span_html",
    "escape_html",
    "escape_md",
    "inline_math_html",
]


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` with `replacement` (start == end: an insertion)."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, start: int, end: int, edits: list[Edit]) -> str:
    """`text[start:end]` with the edits applied; an edit overlapping an earlier-starting one is dropped.

    Insertions sort before replacements at the same offset, longer replacements before shorter,
    so an outer span (a multi-line comment, a replaced code block) swallows what lies inside it.
    """
    out: list[str] = []
    pos = start
    for edit in sorted(edits, key=lambda e: (e.start, e.start != e.end, -e.end)):
        if edit.start < pos or edit.start < start or edit.end > end:
            continue
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:end])
    return "".join(out)


class LineIndex:
    """Offsets of the lines of one text (lines are 1-based, as in the engine's spans)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    @property
    def count(self) -> int:
        return len(self.starts)

    def start(self, line: int) -> int:
        return self.starts[min(max(line, 1), self.count) - 1]

    def end(self, line: int) -> int:
        """Offset of the line's "\\n" (or of the end of the text)."""
        if line >= self.count:
            return len(self.text)
        return self.starts[line] - 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[.\])?[ \t]+")


def block_insert(block: str, before: str, base_indent: str, rest_blank: bool) -> str:
    """Text that puts a multi-line markdown `block` where an inline span stood.

    `before` is the line's text between its (callout) prefix and the span; `base_indent` the
    indentation the prefix became. The block starts on its own line, set off by blank lines, and
    every line of it is indented to stay inside the callout or list item it was written in
    (Python-Markdown nests by multiples of four spaces, so indentation is rounded up to one).
    """
    lines = block.strip("\n").split("\n")
    ws = len(before) - len(before.lstrip())
    ws = -(-ws // 4) * 4
    marker = _LIST_MARKER.match(before)
    if marker:  # on a list item's first line: the block belongs to the item
        indent = base_indent + " " * (ws + 4)
        lead = "" if marker.end() == len(before) else "\n" + indent + "\n" + indent
    else:
        indent = base_indent + " " * ws
        lead = "\n" + indent + ("\n" + indent if before.strip() else "")
    body = ("\n" + indent).join(lines)
    trail = "\n" + indent + ("" if rest_blank else "\n" + indent)
    return lead + body + trail


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|{}])")


def escape_md(text: str) -> str:
    """Literal text (a note name, a link's display text) safe inside markdown, tables included."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


def escape_html(text: str) -> str:
    return html.escape(text, quote=True)


def attr_value(text: str) -> str:
    """A value for attr_list's `key="..."` (which has no escape for the quote)."""
    return text.replace('"', "'").replace("\n", " ")


def code_span_html(raw: str) -> str:
    """A code span (backticks included) as the HTML Python-Markdown makes of it (spaces at its ends
    stripped, where CommonMark strips one; the page shows them the same)."""
    ticks = len(raw) - len(raw.lstrip("`"))
    return f"<code>{html.escape(raw[ticks:-ticks].strip(), quote=False)}</code>"


def inline_math_html(raw: str) -> str:
    """`$...$` as pymdownx.arithmatex (generic mode, default wrap) writes it, for MathJax to typeset."""
    return f'<span class="arithmatex">\\({html.escape(raw[1:-1], quote=False)}\\)</span>'
