"""Read one note's Obsidian syntax: pure, text in, `ParsedNote` out, with exact spans.

Two passes, so that nothing inside code is ever touched:

1. a line scanner finds the blocks: fenced and indented code, `$$` math, `%%` comments
   (inline and across lines), headings, quotes and callouts, lists, tables, paragraphs and
   the block ids that name them;
2. an inline scanner walks only the text outside code, math and comments, skipping code
   spans and inline math, and finds wikilinks, embeds, markdown links and tags.

A full markdown-it parse of a 10,000-note vault costs several seconds on its own; this
scanner does what the graph needs in a fraction of that (see `benchmarks.bench_vault`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

from generator.engine.callout_types import canonical_callout_type
from generator.engine.frontmatter import frontmatter_tags, parse_frontmatter
from generator.engine.links import markdown_fields, markdown_link, wikilink, wikilink_fields
from generator.engine.model import (
    BlockId,
    BlockKind,
    Callout,
    Code,
    CodeBlock,
    Diagnostic,
    Heading,
    Link,
    ParsedNote,
    Span,
    Tag,
)
from generator.engine.paths import slugify, unique_anchor
from generator.engine.property_links import property_links

__all__ = ["heading_text", "is_valid_tag", "parse_frontmatter", "parse_note"]

# --- block level -------------------------------------------------------------------------

_QUOTE = re.compile(r" {0,3}((?:>[ ]?)+)")
_FENCE_OPEN = re.compile(r"( *)(`{3,}|~{3,})[ \t]*([^\n]*)$")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_HR = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM = re.compile(r"( *)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_TABLE_DELIM = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_BLOCK_ID_END = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$")
_ID_CHARS = re.compile(r"[A-Za-z0-9-]+")
_EMBED_END = re.compile(r"!\[\[[^\[\]]+\]\]$")
_BLOCK_ID_ALONE = re.compile(r"[ \t]*\^([A-Za-z0-9-]+)[ \t]*$")
_CALLOUT = re.compile(r"\[!([^\]\s]+)\]([+-]?)(?:[ \t]*(.*?))?[ \t]*$")
_INLINE_CODE = re.compile(r"(`+)(?:.*?[^`])??\1(?!`)")

# Line kinds.
_BLANK, _CODE, _MATH, _COMMENT, _HEADING_L, _QUOTE_L, _LIST_L, _TABLE_L, _TEXT, _HR_L, _ID_L = range(11)

_LINE_BLOCK: dict[int, BlockKind] = {
    _QUOTE_L: "quote",
    _LIST_L: "list",
    _TABLE_L: "table",
    _TEXT: "paragraph",
    _HEADING_L: "heading",
}

# --- inline level ------------------------------------------------------------------------

# The tokens of the inline scan. Every alternative starts with a literal character (not a
# group), so the regex engine skips plain text with one character-set test per position.
_TAG_CHARS = r"[\w\-/\u0300-\u036f\u200c\u200d]+"
_TOKEN = re.compile(
    r"\\[^\n]"  # an escaped character
    r"|``*"  # a code span opens (or the backticks are literal)
    r"|\$\$?"  # inline math opens (or the dollar is literal)
    r"|!\[\[[^\[\]\n]+\]\]"  # an embed
    r"|\[\[[^\[\]\n]+\]\]"  # a wikilink
    r"|!\["  # a markdown image opens (or the bracket is literal)
    r"|\["  # a markdown link opens (or the bracket is literal)
    r"|#(?<!\S#)" + _TAG_CHARS  # a tag
)
# The same tokens, but code spans, inline math and plain markdown links closed on their own
# line are matched whole, so that one match stands for each (most of them). Such a match
# fails, leaving it to the token and `_scan_inline`'s slower path, where a token inside it
# could run past its end (see `_resume`): a "]]" follows it on the line with no bracket
# between, or a "$" follows its closing "$".
_NO_OVERRUN = r"(?![^\[\]\n]*\]\])"
_INLINE = re.compile(
    r"\\(?P<esc>[^\n])"
    r"|`(?P<code>`*)(?!`)(?>[^\n]*?(?<!`)`(?P=code)(?!`))" + _NO_OVERRUN + r"|`(?P<ticks>`*)"
    r"|\$\$(?P<math2>(?>[^\n]*?\$\$))(?!\$)" + _NO_OVERRUN + r""
    r"|\$(?P<math>(?>[^\s$][^\n]*?(?<![\s\\])\$(?!\d)))(?!\$)" + _NO_OVERRUN + r"|\$(?P<dollar>\$?)"
    r"|!\[\[(?P<embed>[^\[\]\n]+)\]\]"
    r"|\[\[(?P<wiki>[^\[\]\n]+)\]\]"
    r"|!\[(?P<img_label>[^\[\]\\\n]*)\]\((?P<img>[^\s()<>\\]*)\)" + _NO_OVERRUN + r"|!(?P<img_open>\[)"
    r"|\[(?P<label>[^\[\]\\\n]*)\]\((?P<md>[^\s()<>\\]*)\)" + _NO_OVERRUN + r"|\[(?P<md_open>)"
    r"|#(?<!\S#)(?P<tag>" + _TAG_CHARS + ")"
)
_WIKI_BODY = re.compile(r"[^\[\]\n]*")
_PARA_END = re.compile(r"\n[ \t>]*\n")
_TAG_BODY = re.compile(_TAG_CHARS)
_MATH_CLOSE = re.compile(r"(?<![\s\\])\$(?!\d)")
_MD_SIMPLE = re.compile(r"\[([^\[\]\\\n]*)\]\(([^\s()<>\\]*)\)")
_BRACKET = re.compile(r"\\.|[\[\]]")
_MD_TAIL = re.compile(
    r"\([ \t]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*\)"
)


@dataclass(slots=True)
class _Block:
    kind: BlockKind
    start: int  # 0-based line index
    end: int  # inclusive


_BLOCK_START = attrgetter("start")
_MARKER_START = attrgetter("marker.start")
_CALLOUT_ORDER = attrgetter("start_line", "depth")


def parse_note(path: str, text: str) -> ParsedNote:
    """Everything the graph and the renderer need from one note; never raises."""
    fm = parse_frontmatter(path, text)
    parsed = ParsedNote(
        frontmatter=fm.data,
        body_start=fm.body_start,
        body_start_line=fm.body_start_line,
        diagnostics=list(fm.diagnostics),
    )
    if fm.data:  # links in properties come first: they are written first
        parsed.links.extend(property_links(text, fm.body_start, fm.data))
    lines = text.split("\n")
    starts = [0] * len(lines)
    pos = 0
    for i, line in enumerate(lines):
        starts[i] = pos
        pos += len(line) + 1
    scanner = _BlockScanner(path, text, lines, starts, parsed)
    scanner.run(fm.body_start_line - 1)
    masked = sorted(scanner.masked)
    _scan_inline(text, starts, fm.body_start, masked, parsed)
    parsed.headings = _headings(scanner.heading_lines, lines, starts, parsed.comments)
    for name in frontmatter_tags(fm.data.get("tags", fm.data.get("tag"))):
        if is_valid_tag(name):
            parsed.tags.append(Tag(name, 0, None))
        else:
            parsed.diagnostics.append(
                Diagnostic(path, 1, "warning", Code.INVALID_PROPERTY, f"tag '{name}' is not a valid tag")
            )
    return parsed


def is_valid_tag(name: str) -> bool:
    """Letters of any script, digits, "_", "-", "/"; at least one character not a digit
    (help.obsidian.md, "Tags": `#1984` is not a tag, `#y1984` is)."""
    return bool(_TAG_BODY.fullmatch(name)) and not name.isdigit() and name.strip("/-_") != ""


# What a line of the body can start with to open anything but a paragraph: indentation, quote,
# fence, math, block id, heading, rule, list item, table (and digits: ordered list items).
_BLOCK_STARTS = frozenset(" \t>`~$^#-*_+|")


def _prose_start(first: str) -> bool:
    """A line starting with `first` (not a letter) is prose, as a letter's is: "[[", "![[", "**"..."""
    return first not in _BLOCK_STARTS and not first.isspace() and not first.isdigit()


def _tail_block_id(line: str) -> tuple[str, int] | None:
    """The id and the column of its "^" when `line` ends with " ^id" (or is "^id")."""
    end = len(line.rstrip())
    caret = line.rfind("^", 0, end)
    if caret < 0 or not _ID_CHARS.fullmatch(line, caret + 1, end):
        return None
    # Obsidian also reads an id written right after an embed: "![[diagram.png]]^fig-1".
    if caret > 0 and line[caret - 1] not in " \t" and not _EMBED_END.search(line, 0, caret):
        return None
    return line[caret + 1 : end], caret


class _BlockScanner:
    # The shortcuts for empty lines, prose and headings in `run` conclude what the general path
    # concludes for those lines, sooner; tests turn them off and compare (test_parse_fast_paths.py).
    fast_paths = True

    """One pass over the lines of the body; fills code blocks, math, comments, callouts, ids."""

    def __init__(self, path: str, text: str, lines: list[str], starts: list[int], parsed: ParsedNote) -> None:
        self.path = path
        self.text = text
        self.lines = lines
        self.starts = starts
        self.parsed = parsed
        self.masked: list[tuple[int, int]] = []
        self.kinds = [_BLANK] * len(lines)
        self.depths = [0] * len(lines)
        self.heading_lines: list[int] = []
        self.blocks: list[_Block] = []
        self.list_items: list[tuple[int, int]] = []  # (indent, line)
        self.pending_ids: list[tuple[str, int, Span, int]] = []  # id, line, marker, kind of line
        self.comment_until = 0  # offset where a comment running across lines ends

    # -- helpers
    def _line_end(self, i: int) -> int:
        return self.starts[i] + len(self.lines[i])

    def _strip_quotes(self, line: str, depth: int) -> tuple[str, int]:
        """The line without its first `depth` quote markers, and the column it starts at."""
        col = 0
        for _ in range(depth):
            j = line.find(">", col)
            if j < 0:
                break
            col = j + 1
            if col < len(line) and line[col] == " ":
                col += 1
        return line[col:], col

    def run(self, first: int) -> None:
        lines = self.lines
        starts = self.starts
        kinds = self.kinds
        n = len(lines)
        i = first
        current: _Block | None = None
        prev_blank = True
        fast = self.fast_paths
        while i < n:
            line = lines[i]
            if fast and not line:  # an empty line (a third of a note): the general path below, shortened
                if self.comment_until > starts[i]:
                    kinds[i] = _COMMENT
                else:
                    if current is not None and current.kind != "list":  # only a list goes on
                        self._close(current, i - 1)
                        current = None
                    prev_blank = True
                i += 1
                continue
            cut = 0  # columns of this line still inside a comment opened above
            if self.comment_until > starts[i]:
                cut = self.comment_until - starts[i]
                if cut > len(line):
                    kinds[i] = _COMMENT
                    i += 1
                    continue
            if (
                fast
                and not cut
                and (line[0].isalpha() or _prose_start(line[0]))
                and (current is None or (current.kind == "paragraph" and not prev_blank))
                and "%%" not in line
                and ("|" not in line or not self._table_below(i))
            ):
                # A line of prose (most lines): what the general path below concludes for it,
                # without its quote, fence, math, code, comment and list checks.
                kinds[i] = _TEXT
                if current is None:
                    current = _Block("paragraph", i, i)
                if " ^" in line or "\t^" in line or "]]^" in line:  # what an id closing the line needs
                    self._id_at_end(i, line, line, _TEXT)
                prev_blank = False
                i += 1
                continue
            if fast and line[0] == "#" and not cut and "%%" not in line and _HEADING.match(line):
                # A heading: what the general path below concludes for it, sooner.
                if current is not None and current.kind in ("quote", "callout"):
                    self._close(current, i - 1)
                    current = None
                kinds[i] = _HEADING_L
                self.heading_lines.append(i)
                current = self._group(i, _HEADING_L, current, prev_blank)
                if "^" in line:
                    self._id_at_end(i, line, line, _HEADING_L)
                prev_blank = False
                i += 1
                continue
            depth = 0
            col = 0
            if line[:1] == ">" or (line[:1] == " " and line.lstrip(" ")[:1] == ">"):
                m = _QUOTE.match(line)
                if m:
                    depth = m.group(1).count(">")
                    col = m.end()
            self.depths[i] = depth
            content = line[col:]
            stripped = content.strip()
            nested = current is not None and current.kind in ("list", "quote", "callout")

            # A quote block ends where the quote markers stop.
            if current is not None and (current.kind in ("quote", "callout")) != (depth > 0):
                self._close(current, i - 1)
                current = None
                nested = False

            if not stripped:
                self.kinds[i] = _QUOTE_L if depth else _BLANK
                if current is not None and not nested:
                    self._close(current, i - 1)
                    current = None
                prev_blank = True
                i += 1
                continue

            if not cut:
                fence = _FENCE_OPEN.match(content) if stripped[0] in "`~" else None
                if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
                    if current is not None and not nested:
                        self._close(current, i - 1)
                        current = None
                    i = self._fence(i, depth, fence, nested)
                    prev_blank = False
                    continue
                if stripped.startswith("$$") and "$$" not in stripped[2:]:
                    if current is not None and not nested:
                        self._close(current, i - 1)
                        current = None
                    i = self._math_block(i, depth, col + content.index("$$"), nested)
                    prev_blank = False
                    continue
                if depth == 0 and prev_blank and current is None and content.startswith(("    ", "\t")):
                    i = self._indented_code(i)
                    prev_blank = False
                    continue

            visible = content
            if cut or "%%" in line:
                visible = self._comments(i, max(col, cut))
                if not visible.strip():
                    self.kinds[i] = _COMMENT
                    i += 1
                    continue

            kind = self._classify(i, depth, visible, current, prev_blank)
            self.kinds[i] = kind
            if kind == _ID_L:
                current = self._id_alone(i, visible, current)
                prev_blank = True
                i += 1
                continue
            current = self._group(i, kind, current, prev_blank)
            if kind != _HR_L and "^" in visible:
                self._id_at_end(i, line, visible, kind)
            prev_blank = False
            i += 1
        if current is not None:
            self._close(current, n - 1)
        self._finish()

    def _id_at_end(self, i: int, line: str, visible: str, kind: int) -> None:
        """` ^id` closing a line of a paragraph, list item, heading, quote or table."""
        found = _tail_block_id(line)
        if found is None or (visible is not line and _tail_block_id(visible) is None):
            return
        if found is None:
            return
        ident, caret = found
        start = self.starts[i] + caret
        for s, e in self.masked:
            if s <= start < e:
                return
        if caret >= 1 and line[caret - 1] in " \t":
            start -= 1
        marker = Span(start, self.starts[i] + len(line.rstrip()), i + 1)
        self.pending_ids.append((ident, i, marker, kind))

    def _table_below(self, i: int) -> bool:
        """Line i + 1 is a table's delimiter row (so a line i with "|" is the table's header)."""
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else ""
        return "-" in nxt and _TABLE_DELIM.match(nxt) is not None

    def _classify(self, i: int, depth: int, visible: str, current: _Block | None, prev_blank: bool) -> int:
        if depth:
            return _QUOTE_L
        first = visible.lstrip()[:1]
        if first.isalpha() and "|" not in visible:  # the common case: a line of prose
            if current is not None and current.kind == "list" and (not prev_blank or visible[0] in " \t"):
                return _LIST_L
            return _TEXT
        if first == "^" and _BLOCK_ID_ALONE.match(visible):
            return _ID_L
        if first == "#" and _HEADING.match(visible) and not visible.startswith("    "):
            self.heading_lines.append(i)
            return _HEADING_L
        if first in "-*_" and _HR.match(visible):
            return _HR_L
        item = _LIST_ITEM.match(visible) if first in "-*+" or first.isdigit() else None
        if item:
            self.list_items.append((len(item.group(1)), i))
            return _LIST_L
        if (
            current is not None
            and current.kind == "list"
            and (not prev_blank or visible.startswith(("  ", "\t")))
        ):
            return _LIST_L
        if "|" in visible:
            if current is not None and current.kind == "table":
                return _TABLE_L
            if self._table_below(i):
                return _TABLE_L
        return _TEXT

    def _group(self, i: int, kind: int, current: _Block | None, prev_blank: bool) -> _Block | None:
        """Extend the current block with line i, or close it and open the next one."""
        block_kind = _LINE_BLOCK.get(kind)
        if current is not None:
            same = current.kind == block_kind or (current.kind == "callout" and block_kind == "quote")
            continues = (
                same and block_kind != "heading" and (not prev_blank or block_kind in ("list", "quote"))
            )
            if continues:
                return current
            self._close(current, self._last_nonblank(i - 1, current.start))
            current = None
        if block_kind is None:
            return None
        if block_kind == "quote":
            rest, _ = self._strip_quotes(self.lines[i], 1)
            if _CALLOUT.match(rest.lstrip()):
                block_kind = "callout"
        return _Block(block_kind, i, i)

    def _last_nonblank(self, i: int, floor: int) -> int:
        while i > floor and self.kinds[i] in (_BLANK, _COMMENT):
            i -= 1
        return i

    def _close(self, block: _Block, end: int) -> None:
        kinds = self.kinds
        while end > block.start and kinds[end] in (_BLANK, _COMMENT):  # _last_nonblank, inlined
            end -= 1
        block.end = end
        self.blocks.append(block)

    # -- code, math, comments
    def _fence(self, i: int, depth: int, fence: re.Match[str], nested: bool) -> int:
        lines = self.lines
        marker = fence.group(2)
        ch, size = marker[0], len(marker)
        info = fence.group(3).strip()
        indent = len(fence.group(1))
        first = i
        content_lines: list[str] = []
        closed = False
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if depth:
                m = _QUOTE.match(line)
                line_depth = m.group(1).count(">") if m else 0
                if line_depth < depth:
                    break
                inner, _ = self._strip_quotes(line, depth)
            else:
                inner = line
            self.depths[j] = depth
            self.kinds[j] = _CODE
            stripped = inner.strip()
            if stripped.startswith(ch * size) and not stripped.strip(ch):
                closed = True
                break
            # Content lines lose the fence's own indentation (as CommonMark does).
            k = 0
            while k < indent and k < len(inner) and inner[k] == " ":
                k += 1
            content_lines.append(inner[k:])
            j += 1
        last = j if closed else j - 1
        self.kinds[first] = _CODE
        start = self.starts[first]
        end = self._line_end(last)
        span = Span(start, end, first + 1)
        self.parsed.code_blocks.append(
            CodeBlock(
                info, "\n".join(content_lines) + ("\n" if content_lines else ""), first + 1, last + 1, span
            )
        )
        self.masked.append((start, end))
        if not nested:
            self.blocks.append(_Block("code", first, last))
        return last + 1

    def _math_block(self, i: int, depth: int, col: int, nested: bool) -> int:
        lines = self.lines
        self.kinds[i] = _MATH
        j = i + 1
        while j < len(lines):
            if depth:  # inside a quote or callout, the block ends with the quote
                m = _QUOTE.match(lines[j])
                if (m.group(1).count(">") if m else 0) < depth:
                    break
                self.depths[j] = depth
            self.kinds[j] = _MATH
            if "$$" in lines[j]:
                break
            j += 1
        last = min(j, len(lines) - 1)
        if self.kinds[last] != _MATH:  # ended by the quote: the block is the lines before
            last -= 1
        start = self.starts[i] + col
        line = lines[last]
        close = line.find("$$")
        end = self.starts[last] + close + 2 if close >= 0 else self._line_end(last)
        span = Span(start, end, i + 1)
        self.parsed.math.append(span)
        self.masked.append((start, end))
        if not nested:
            self.blocks.append(_Block("math", i, last))
            tail = _BLOCK_ID_END.search(line, close + 2) if close >= 0 else None
            if tail is not None:  # "$$ ^id": the id of the math block, on its closing line
                marker = Span(
                    self.starts[last] + tail.start(1) - 1, self.starts[last] + len(line.rstrip()), last + 1
                )
                self.parsed.block_ids.append(BlockId(tail.group(1), "math", i + 1, last + 1, marker))
        return last + 1

    def _indented_code(self, i: int) -> int:
        lines = self.lines
        j = i
        last = i
        while j < len(lines):
            line = lines[j]
            if line.startswith("    ") or line.startswith("\t"):
                last = j
            elif line.strip():
                break
            j += 1
        for k in range(i, last + 1):
            self.kinds[k] = _CODE
        start, end = self.starts[i], self._line_end(last)
        content = "\n".join(ln[4:] if ln.startswith("    ") else ln[1:] for ln in lines[i : last + 1]) + "\n"
        self.parsed.code_blocks.append(CodeBlock("", content, i + 1, last + 1, Span(start, end, i + 1)))
        self.masked.append((start, end))
        self.blocks.append(_Block("code", i, last))
        return last + 1

    def _comments(self, i: int, col: int) -> str:
        """Record the `%%...%%` comments that start on line i (from column `col`) and return
        the text of the line outside them; an unclosed one runs to the next `%%` in the note,
        or to its end (as in Obsidian)."""
        line = self.lines[i]
        base = self.starts[i]
        code = [(m.start(), m.end()) for m in _INLINE_CODE.finditer(line, col)] if "`" in line else []
        pieces: list[str] = []
        pos = search = col
        while True:
            j = line.find("%%", search)
            if j < 0:
                break
            if any(s <= j < e for s, e in code):
                search = j + 2
                continue
            pieces.append(line[pos:j])
            k = line.find("%%", j + 2)
            if k < 0:
                close = self.text.find("%%", base + j + 2)
                end = len(self.text) if close < 0 else close + 2
                self._comment(base + j, end)
                self.comment_until = end
                return "".join(pieces)
            self._comment(base + j, base + k + 2)
            pos = search = k + 2
        pieces.append(line[pos:])
        return "".join(pieces)

    def _comment(self, start: int, end: int) -> None:
        span = Span(start, end, bisect_right(self.starts, start))
        self.parsed.comments.append(span)
        self.masked.append((start, end))

    # -- block ids
    def _id_alone(self, i: int, visible: str, current: _Block | None) -> _Block | None:
        """`^id` alone on a line names the block just before it (with or without a blank line)."""
        m = _BLOCK_ID_ALONE.match(visible)
        assert m is not None
        line = self.lines[i]
        start = self.starts[i] + len(line) - len(line.lstrip())
        marker = Span(start, self._line_end(i), i + 1)
        target: _Block | None = None
        if current is not None:  # right after the block, or after it and one blank line
            self._close(current, i - 1)
            target = current
        elif self.blocks:
            target = self.blocks[-1]
        if target is not None:
            self.parsed.block_ids.append(
                BlockId(m.group(1), target.kind, target.start + 1, target.end + 1, marker)
            )
        return None

    def _finish(self) -> None:
        """Resolve `^id`s at line ends to their blocks, and callouts inside quote blocks."""
        self.blocks.sort(key=_BLOCK_START)
        starts = [b.start for b in self.blocks]
        for ident, i, marker, kind in self.pending_ids:
            k = bisect_right(starts, i) - 1
            block = self.blocks[k] if k >= 0 and self.blocks[k].end >= i else None
            if kind == _HEADING_L or block is None:
                self.parsed.block_ids.append(
                    BlockId(ident, "heading" if kind == _HEADING_L else "paragraph", i + 1, i + 1, marker)
                )
            elif block.kind == "list":
                s, e = self._list_item(block, i)
                self.parsed.block_ids.append(BlockId(ident, "list-item", s + 1, e + 1, marker))
            else:
                self.parsed.block_ids.append(
                    BlockId(ident, block.kind, block.start + 1, block.end + 1, marker)
                )
        self.parsed.block_ids.sort(key=_MARKER_START)
        for block in self.blocks:
            if block.kind in ("quote", "callout"):
                self._callouts(block)
        self.parsed.callouts.sort(key=_CALLOUT_ORDER)

    def _list_item(self, block: _Block, i: int) -> tuple[int, int]:
        items = [(ind, ln) for ind, ln in self.list_items if block.start <= ln <= block.end]
        indent, start = 0, block.start
        for ind, ln in items:  # the last item starting at or before line i (items are in line order)
            if ln > i:
                break
            indent, start = ind, ln
        end = block.end
        for ind, ln in items:
            if ln > start and ind <= indent:
                end = self._last_nonblank(ln - 1, start)
                break
        return start, end

    def _callouts(self, block: _Block) -> None:
        depths = self.depths
        for j in range(block.start, block.end + 1):
            d = depths[j]
            if d == 0 or self.kinds[j] in (_CODE, _MATH, _COMMENT):
                continue
            if j != block.start and depths[j - 1] >= d:
                continue
            rest, _ = self._strip_quotes(self.lines[j], d)
            m = _CALLOUT.match(rest.lstrip())
            if not m:
                continue
            end = j
            while end + 1 <= block.end and depths[end + 1] >= d:
                end += 1
            raw_type = m.group(1)
            fold = m.group(2)
            title = (m.group(3) or "").strip() or None
            self.parsed.callouts.append(
                Callout(canonical_callout_type(raw_type), raw_type, title, fold, d, j + 1, end + 1)  # type: ignore[arg-type]
            )


# --- inline ------------------------------------------------------------------------------


def _scan_inline(
    text: str, starts: list[int], body_start: int, masked: list[tuple[int, int]], parsed: ParsedNote
) -> None:
    """Links, embeds and tags in the prose between code, math and comments."""
    gaps: list[tuple[int, int]] = []
    pos = body_start
    for s, e in masked:
        if s > pos:
            gaps.append((pos, s))
        pos = max(pos, e)
    if pos < len(text):
        gaps.append((pos, len(text)))
    links = parsed.links
    tags = parsed.tags
    seen = _LINKS_SEEN
    finditer = _INLINE.finditer
    line, next_line = 0, 0  # the line of the last match, where the next line starts
    ints = _OFFSETS if len(text) < len(_OFFSETS) else range(len(text) + 1)
    for gap_start, gap_end in gaps:
        pos = gap_start
        while pos < gap_end:
            resume = gap_end  # where to scan again, when a token's end is not its match's
            for m in finditer(text, pos, gap_end):
                start, end = m.span()
                if start >= next_line:
                    line = bisect_right(starts, start, line)
                    next_line = starts[line] if line < len(starts) else len(text) + 1
                group = m.lastgroup
                if group == "wiki" or group == "md" or group == "embed" or group == "img":
                    raw = m[0]
                    f = seen.get(raw, _UNSEEN)
                    if f is _UNSEEN:
                        f = _first_link(m, group, raw, Span(ints[start], ints[end], line))
                        if f is not None:
                            links.append(f)
                    elif f is not None:
                        span = Span(ints[start], ints[end], line)
                        links.append(
                            Link(f.kind, f.target, f.headings, f.block, f.alias, f.text, span, f.raw)
                        )
                elif group == "code":
                    parsed.code_spans.append(Span(ints[start], ints[end], line))
                elif group == "esc":
                    pass
                elif group == "math" or group == "math2":
                    parsed.math.append(Span(ints[start], ints[end], line))
                elif group == "tag":
                    name = m["tag"]
                    if not name.isdigit() and name.strip("/-_"):  # is_valid_tag: the regex did the rest
                        tags.append(Tag(name, line, Span(ints[start], ints[end], line)))
                else:  # "[", "![", "$" or backticks whose link, math or code span is not matched whole
                    if group == "ticks":
                        until = _code_span(text, m, gap_end)
                        if until != end:
                            parsed.code_spans.append(Span(start, until, line))
                    elif group == "dollar":
                        until = _inline_math(text, m, gap_end, starts, parsed)
                    else:
                        until = _markdown_link(text, m, gap_end, starts, links)
                    if until != end:
                        resume = _resume(text, end, until, gap_end)
                        break
            pos = resume


# One int object per offset, shared by the spans of every note: a span's offsets would
# otherwise be two new ints (a 10,000-note vault: 1.4 million, 40 MB).
_OFFSETS = list(range(1 << 16))


def _resume(text: str, inner: int, end: int, limit: int) -> int:
    """Where the scan goes on after a code span, math or markdown link that ends at `end`.

    The text inside it (from `inner`) is read as tokens too, each skipped whole: one that starts
    inside and runs past `end` (a wikilink opened in a code span, `` `[[a` b]] ``, or "$$" over a
    closing "$") hides what it covers. Only those two can, so the tokens are read only when one
    of them may be there.
    """
    if end == inner:
        return end
    q = text.rfind("[[", inner, end)
    if (q < 0 or _WIKI_BODY.fullmatch(text, q + 2, end) is None) and not (
        text[end - 1] == "$" and end < limit and text[end] == "$"
    ):
        return end
    pos = inner
    while (m := _TOKEN.search(text, pos, limit)) is not None and m.start() < end:
        pos = m.end()
    return max(pos, end)


# The first link written with a given source text, standing for the links written the same
# way later: a vault writes the same link many times (a 10,000-note vault: 530,000 links, a
# third of them distinct), and all but the span of a wikilink or a plain markdown link follow
# from its text. None for a text that is no link. Bounded, so a long-running `serve` stays small.
_LINKS_SEEN: dict[str, Link | None] = {}
_LINKS_SEEN_MAX = 1 << 18
_UNSEEN = Link("wikilink", "")


def _first_link(m: re.Match[str], group: str, raw: str, span: Span) -> Link | None:
    """The link `m` matched (None when it is no link), kept for its source text."""
    if group == "md" or group == "img":
        fields = markdown_fields(m[group + "_label" if group == "img" else "label"], m[group], group == "img")
    else:
        fields = wikilink_fields(m[group], group == "embed")
    link = None if fields is None else Link(*fields, span, raw)
    if len(_LINKS_SEEN) >= _LINKS_SEEN_MAX:
        _LINKS_SEEN.clear()
    _LINKS_SEEN[raw] = link
    return link


def _para_end(text: str, pos: int, limit: int) -> int:
    m = _PARA_END.search(text, pos, limit)
    return m.start() if m else limit


def _code_span(text: str, m: re.Match[str], limit: int) -> int:
    """The end of a code span whose closing backticks are on a later line of its paragraph;
    m.end() when there are none (the backticks are literal)."""
    ticks = m.group(0)
    end = _para_end(text, m.end(), limit)
    j = m.end()
    while True:
        k = text.find(ticks, j, end)
        if k < 0:
            return m.end()
        if text[k + len(ticks) : k + len(ticks) + 1] == "`":
            j = k + len(ticks)
            while j < end and text[j] == "`":
                j += 1
            continue
        return k + len(ticks)


def _inline_math(text: str, m: re.Match[str], limit: int, starts: list[int], parsed: ParsedNote) -> int:
    """The end of inline math closed on a later line of its paragraph; m.end() when it is not
    closed there (the dollar is literal)."""
    start = m.start()
    end_limit = _para_end(text, m.end(), limit)
    if m.group(0) == "$$":
        k = text.find("$$", m.end(), end_limit)
        if k < 0:
            return m.end()
        end = k + 2
    else:
        nxt = text[m.end() : m.end() + 1]
        if not nxt or nxt.isspace():
            return m.end()
        close = _MATH_CLOSE.search(text, m.end() + 1, end_limit)
        if close is None:
            return m.end()
        end = close.end()
    parsed.math.append(Span(start, end, bisect_right(starts, start)))
    return end


def _markdown_link(text: str, m: re.Match[str], limit: int, starts: list[int], links: list[Link]) -> int:
    """The end of the markdown link `[` (or `![`) opens; m.end() when it opens none."""
    simple = _MD_SIMPLE.match(text, m.end() - 1, limit)
    if simple is not None:  # "[text](dest)" without nesting, escapes or title: one regex match
        start, end = m.start(), simple.end()
        embed = text[start] == "!"
        span = Span(start, end, bisect_right(starts, start))
        link = markdown_link(simple.group(1), simple.group(2), embed, span, text[start:end])
        if link is not None:
            links.append(link)
        return end
    line_end = text.find("\n", m.end(), limit)
    if line_end < 0:
        line_end = limit
    depth = 1
    close = -1
    for b in _BRACKET.finditer(text, m.end(), line_end):
        ch = b.group(0)
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                close = b.start()
                break
    if close < 0:
        return m.end()
    tail = _MD_TAIL.match(text, close + 1, limit)
    if tail is None:
        return m.end()  # "[text]" without a destination: its text is still scanned
    destination = tail.group(1) if tail.group(1) is not None else tail.group(2)
    start = m.start()
    end = tail.end()
    embed = m.group(0).startswith("!")
    link = markdown_link(
        text[m.end() : close],
        destination,
        embed,
        Span(start, end, bisect_right(starts, start)),
        text[start:end],
    )
    if link is not None:
        links.append(link)
    return end


# --- headings ----------------------------------------------------------------------------

_H_SPECIAL = re.compile(r"[\[`*_=~$<\\^&]")
_H_WIKI = re.compile(r"(!?)\[\[([^\]]*)\]\]")
_H_MDLINK = re.compile(r"(!?)\[([^\]]*)\]\([^)]*\)")
_H_FOOTNOTE = re.compile(r"\[\^[^\]]*\]")
_H_CODE = re.compile(r"(`+)(.+?)\1")
_H_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_H_EM = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_H_MARK = re.compile(r"(==|~~)(?=\S)(.+?)(?<=\S)\1")
_H_MATH = re.compile(r"\$([^$]+)\$")
_H_HTML = re.compile(r"<[^>]+>")
_H_ESC = re.compile(r"\\([!-/:-@\[-`{-~])")


def heading_text(raw: str) -> str:
    """A heading's text as the rendered page shows it: links by their text, markup removed.

    This is the text MkDocs' toc slugifies, so `slugify(heading_text(raw))` is the anchor.
    """
    if not _H_SPECIAL.search(raw):
        return " ".join(raw.split())
    text = _BLOCK_ID_END.sub("", raw)
    text = _H_FOOTNOTE.sub("", text)
    text = _H_WIKI.sub(_wiki_display, text)
    text = _H_MDLINK.sub(lambda m: "" if m.group(1) else m.group(2), text)
    text = _H_CODE.sub(lambda m: m.group(2).strip(), text)
    text = _H_MATH.sub(lambda m: m.group(1), text)
    for _ in range(2):
        text = _H_STRONG.sub(r"\2", text)
        text = _H_EM.sub(r"\2", text)
        text = _H_MARK.sub(r"\2", text)
    text = _H_HTML.sub("", text)
    text = _H_ESC.sub(r"\1", text)
    return " ".join(text.split())


def _wiki_display(m: re.Match[str]) -> str:
    if m.group(1):
        return ""
    link = wikilink(m.group(2), False, Span(0, 0, 0), m.group(0))
    return link.text if link else m.group(0)


def _headings(
    heading_lines: list[int], lines: list[str], starts: list[int], comments: list[Span]
) -> list[Heading]:
    headings: list[Heading] = []
    used: set[str] = set()
    for i in heading_lines:
        line = lines[i]
        if comments and "%%" in line:
            line = _without_comments(line, starts[i], comments)
        m = _HEADING.match(line)
        if m is None:
            continue
        text = heading_text(m.group(2) or "")
        anchor = unique_anchor(slugify(text, "-"), used)
        span = Span(starts[i], starts[i] + len(lines[i]), i + 1)
        headings.append(Heading(len(m.group(1)), text, anchor, i + 1, span))
    return headings


def _without_comments(line: str, base: int, comments: list[Span]) -> str:
    chars = list(line)
    for c in comments:
        for k in range(max(c.start, base), min(c.end, base + len(line))):
            chars[k - base] = ""
    return "".join(chars)
