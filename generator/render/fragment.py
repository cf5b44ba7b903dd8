"""A note (or a part of it) as Material-flavoured markdown: the heart of the renderer.

Everything the engine found becomes an `Edit` over the note's text: comments removed, links and
tags rewritten, block ids turned into anchors, callout markers into admonition indentation,
computed blocks replaced, embeds inlined (recursively, with the chain of embeds as a stack: a
cycle or a chain deeper than the limit is cut with a visible marker and a warning). What no edit
touches (code, math, tables, footnotes, highlights...) reaches MkDocs exactly as written.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.engine.model import Code, Diagnostic, Graph, Link, Note, Resolution, VaultPath
from generator.render.backlinks import context_of
from generator.render.bases import BasePages
from generator.render.blocks import BlockContext, code_block_output, explore_page
from generator.render.callouts import CalloutLines, callout_lines
from generator.render.canvas import canvas_embed
from generator.render.html_stash import OPEN, Stash
from generator.render.layout import SiteLayout
from generator.render.links import link_html, render_link, render_tag, tag_html, unresolved_span
from generator.render.media import render_attachment_embed
from generator.render.options import RenderOptions
from generator.render.templates import template
from generator.render.text import (
    Edit,
    LineIndex,
    apply_edits,
    attr_value,
    block_insert,
    code_span_html,
    escape_html,
    escape_md,
    inline_math_html,
)
from generator.render.urls import md_href

__all__ = ["EMBEDDED_HEADING", "MAX_EMBEDS_PER_PAGE", "PageState", "Renderer"]

# A page stops inlining after this many embeds (a note embedding two notes that each embed two...
# grows as 2^depth); later embeds become links with a marker, so no page grows without bound.
MAX_EMBEDS_PER_PAGE = 200

EmbedKey = tuple[VaultPath, str | None]

# Ids of embedded headings start with this; they stay out of the page's table of contents
# (`generator.adapter.pages`), as in Obsidian's outline, which shows a note's own headings.
EMBEDDED_HEADING = "obsidian-embed-"


@dataclass
class PageState:
    """What one page's render collects besides its text."""

    page: str  # docs path of the page being rendered
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # computed blocks' files, docs-relative
    embeds: int = 0
    embedded: set[VaultPath] = field(default_factory=set)  # notes whose text the page shows
    computed: bool = False  # a block handler (or property page) produced part of the page
    bases: bool = False  # the page shows a base: it depends on every file of the vault (render/deps.py)
    stash: Stash = field(default_factory=Stash)  # pre-rendered HTML of its links and tags
    # The note's line the render is at (a link, an embed, a code block, the properties; 0: the page
    # as a whole), so that a render that fails names it (`generator.render.pages.failed_page`).
    line: int = 0

    @property
    def page_dir(self) -> str:
        return posixpath.dirname(self.page)


# A footnote reference or definition label, `[^label]` (a definition: at a line's start, then ":").
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\](:?)")

# The underline of a setext heading: the line above it is a heading too.
_SETEXT = re.compile(r"\n {0,3}(?:=+|-+)[ \t]*(?=\n|$)")


class _NoteIndex:
    def __init__(self, note: Note, resolutions: list[Resolution]) -> None:
        self.note = note
        self.lines = LineIndex(note.text)
        # Lines whose spans stay markdown: a heading's anchor is made from its text. None: the
        # note holds the token character itself, so none of its spans is stashed.
        self.markdown_lines: frozenset[int] | None = None
        if OPEN not in note.text:
            setext = (self.lines.line_of(m.start()) for m in _SETEXT.finditer(note.text))
            self.markdown_lines = frozenset([*(h.line for h in note.parsed.headings), *setext])
        self.resolutions = {r.link.span.start: r for r in resolutions}
        self.links_by_line: dict[int, list[Link]] = {}
        for link in note.parsed.links:
            self.links_by_line.setdefault(link.span.line, []).append(link)
        self.title = escape_html(note.title)


class Renderer:
    """Renders notes of one graph onto pages of one layout; holds per-note indexes for the run."""

    def __init__(self, graph: Graph, layout: SiteLayout, options: RenderOptions) -> None:
        self.graph = graph
        self.layout = layout
        self.options = options
        self._indexes: dict[VaultPath, _NoteIndex] = {}
        self._contexts: dict[tuple[VaultPath, int], str] = {}
        self._explore: str | None = None
        self._bases: BasePages | None = None

    @property
    def bases(self) -> BasePages:
        """Bases of this render (base files read once, per-file facts shared by every base)."""
        if self._bases is None:
            self._bases = BasePages(
                self.graph, self.layout, self.options.vault_dir, self.options.use_directory_urls
            )
        return self._bases

    def explore_page(self) -> str:
        """Docs path of the page holding the interactive comparison ("" if the vault has none)."""
        if self._explore is None:
            self._explore = explore_page(self.graph.notes, self.layout.pages)
        return self._explore

    def index(self, note: Note) -> _NoteIndex:
        found = self._indexes.get(note.path)
        if found is not None and found.note is note:
            return found
        if self.graph.notes.get(note.path) is note:
            found = self._indexes[note.path] = _NoteIndex(note, self.graph.links.get(note.path, []))
            return found
        # A text of its own inside a document (a canvas's text node): its links resolved from there.
        return _NoteIndex(note, [self.graph.resolve(note.path, link) for link in note.parsed.links])

    def context(self, note: Note, line: int) -> str:
        """A backlink context (memoised: one line is the context of every link on it)."""
        key = (note.path, line)
        found = self._contexts.get(key)
        if found is None:
            idx = self.index(note)
            found = self._contexts[key] = context_of(note, line, idx.lines, idx.links_by_line.get(line, ()))
        return found

    def title(self, note: Note) -> str:
        """The note's title, escaped for HTML (memoised: it titles every backlink from it)."""
        return self.index(note).title

    def body(self, note: Note, state: PageState) -> str:
        """The note's body (front matter left out) for its own page."""
        return self.fragment(note, note.parsed.body_start, len(note.text), state, ())

    def fragment(
        self, note: Note, start: int, end: int, state: PageState, stack: tuple[EmbedKey, ...]
    ) -> str:
        """`note.text[start:end]` as markdown for the page `state.page`; `stack`: the embeds around it."""
        idx = self.index(note)
        lines = idx.lines
        text = note.text
        first, last = lines.line_of(start), lines.line_of(max(start, end - 1))
        parsed = note.parsed
        co = callout_lines(parsed.callouts, lines, first, last)
        edits = list(co.edits)
        embedded = bool(stack)
        plain = idx.markdown_lines
        stash = state.stash
        udu = self.options.use_directory_urls

        def inside(s: int, e: int) -> bool:
            return start <= s and e <= end

        portable = self.options.portable

        def html_ok(line: int) -> bool:
            return plain is not None and not portable and line not in plain

        for span in parsed.comments:
            if inside(span.start, span.end):
                edits.append(Edit(span.start, span.end, ""))
        for tag in parsed.tags:
            if tag.span is not None and inside(tag.span.start, tag.span.end):
                if html_ok(tag.span.line):
                    out = stash.put(tag_html(tag, state.page, self.layout, udu))
                else:
                    out = render_tag(tag, state.page, self.layout)
                edits.append(Edit(tag.span.start, tag.span.end, out))
        # Inline code and `$...$` math on one line, pre-rendered ("$$" display math stays markdown).
        inline = [(span, code_span_html) for span in parsed.code_spans] if self.options.inline_code else []
        if self.options.inline_math:
            inline += [(span, inline_math_html) for span in parsed.math if text[span.start + 1] != "$"]
        for span, to_html in inline:
            if inside(span.start, span.end) and html_ok(span.line):
                raw = text[span.start : span.end]
                if "\n" not in raw:
                    edits.append(Edit(span.start, span.end, stash.put(to_html(raw))))
        for block in parsed.block_ids:
            m = block.marker
            if inside(m.start, m.end):
                edits.append(
                    Edit(m.start, m.end, "" if embedded else self._anchor(block.id, m.start, co, lines))
                )
        if embedded:
            edits.extend(self._footnotes(note, start, end, state.embeds))
            # Embedded headings get ids of their own, so the page's headings keep the anchors the
            # engine computed; an embedded H1 becomes an H2, so Material still shows the page title.
            prefix = f"{EMBEDDED_HEADING}{state.embeds}-"
            for h in parsed.headings:
                if first <= h.line <= last:
                    at = lines.end(h.line)
                    edits.append(Edit(at, at, f" {{ #{prefix}{h.anchor} }}"))
                    if h.level == 1 and text.startswith("# ", h.span.start):
                        edits.append(Edit(h.span.start, h.span.start, "#"))
        top = not stack  # the page's own note: its lines are the page's
        for link in parsed.links:
            res = idx.resolutions.get(link.span.start)
            if res is None or not inside(link.span.start, link.span.end):
                continue
            if top:
                state.line = link.span.line
            if link.is_embed:
                edits.append(self._embed(note, res, co, lines, state, stack))
            else:
                html = link_html(res, state.page, self.layout, udu) if html_ok(link.span.line) else None
                out = stash.put(html) if html is not None else render_link(res, state.page, self.layout)
                edits.append(Edit(link.span.start, link.span.end, out))
        for cb in parsed.code_blocks:
            if cb.start_line >= first and cb.end_line <= last:
                if top:
                    state.line = cb.start_line
                edit = self._code_block(
                    note, cb.info, cb.content, cb.start_line, cb.end_line, co, lines, state
                )
                if edit is not None:
                    edits.append(edit)
        return apply_edits(text, start, end, edits)

    # -- pieces ---------------------------------------------------------------------------------

    @staticmethod
    def _footnotes(note: Note, start: int, end: int, embed: int) -> list[Edit]:
        """An embedded note's footnotes, renamed apart from the page's (Python-Markdown has one set of
        labels per page: the embed's `[^1]` would point at the page's note 1). A reference whose
        definition is outside the embedded part stays as written, as text."""
        text = note.text
        parsed = note.parsed
        masked = sorted(
            (s.start, s.end)
            for s in (
                *parsed.comments,
                *parsed.math,
                *parsed.code_spans,
                *(b.span for b in parsed.code_blocks),
            )
            if s.end > start and s.start < end
        )
        found = []
        for m in _FOOTNOTE.finditer(text, start, end):
            at = m.start()
            if any(s <= at < e for s, e in masked):
                continue
            line_start = text.rfind("\n", 0, at) + 1
            definition = bool(m.group(2)) and not text[line_start:at].strip(" \t>")
            found.append((m, definition))
        defined = {m.group(1) for m, definition in found if definition}
        edits = []
        for m, _ in found:
            label = m.group(1)
            new = f"[^obsidian-embed-{embed}-{label}]" if label in defined else f"\\[^{label}]"
            edits.append(Edit(m.start(), m.start() + len(label) + 3, new))
        return edits

    @staticmethod
    def _anchor(block_id: str, at: int, co: CalloutLines, lines: LineIndex) -> str:
        """A hidden anchor where ` ^id` stood; on a line of its own it is its own paragraph.

        Raw HTML in the markdown, not pre-rendered: MkDocs checks links to anchors against the
        ids it sees when it converts the page."""
        span = f'<span class="obsidian-block-anchor" id="^{attr_value(block_id)}"></span>'
        line = lines.line_of(at)
        before = lines.text[co.prefix_end.get(line, lines.start(line)) : at]
        if before.strip():
            return " " + span
        return "\n" + co.indent.get(line, "") + span

    def _block_edit(self, block: str, s: int, e: int, co: CalloutLines, lines: LineIndex) -> Edit:
        line = lines.line_of(s)
        before = lines.text[co.prefix_end.get(line, lines.start(line)) : s]
        rest = lines.text[e : lines.end(lines.line_of(e))] if e < len(lines.text) else ""
        return Edit(s, e, block_insert(block, before, co.indent.get(line, ""), not rest.strip()))

    def _code_block(
        self,
        note: Note,
        info: str,
        source: str,
        first: int,
        last: int,
        co: CalloutLines,
        lines: LineIndex,
        state: PageState,
    ) -> Edit | None:
        if info.split(maxsplit=1)[:1] == ["base"]:
            html, problems = self.bases.block(source, note, first, state.page)
            state.diagnostics.extend(problems)
            state.bases = True
            after_prefix = co.prefix_end.get(first, lines.start(first))
            fence_line = lines.text[after_prefix : lines.end(first)]
            s = after_prefix + len(fence_line) - len(fence_line.lstrip())
            return self._block_edit(html, s, lines.end(last), co, lines)
        ctx = BlockContext(
            note_path=note.path,
            line=first,
            page_dir=state.page_dir,
            cache_dir=self.options.cache_dir or Path(".cache"),
            device=self.options.device,
            measure=self.options.measure,
        )
        out = code_block_output(info, source, ctx)
        if out is None:
            return None
        state.diagnostics.extend(out.diagnostics)
        state.files.update(out.files)
        state.computed = True
        after_prefix = co.prefix_end.get(first, lines.start(first))
        fence_line = lines.text[after_prefix : lines.end(first)]
        s = after_prefix + len(fence_line) - len(fence_line.lstrip())
        return self._block_edit(out.markdown, s, lines.end(last), co, lines)

    def _embed(
        self,
        note: Note,
        res: Resolution,
        co: CalloutLines,
        lines: LineIndex,
        state: PageState,
        stack: tuple[EmbedKey, ...],
    ) -> Edit:
        span = res.link.span
        line = lines.line_of(span.start)
        before = lines.text[co.prefix_end.get(line, lines.start(line)) : span.start]
        indent = co.indent.get(line, "")
        # Raw HTML blocks (a canvas) must start at a line's start: not inside a callout, list or embed.
        nested = bool(stack) or not block_insert("\0", before, indent, True).lstrip("\n").startswith("\0")
        out, block = self.embed_markdown(note, res, state, stack, nested)
        if block:
            return self._block_edit(out, span.start, span.end, co, lines)
        return Edit(span.start, span.end, out)

    def embed_markdown(
        self, note: Note, res: Resolution, state: PageState, stack: tuple[EmbedKey, ...], nested: bool
    ) -> tuple[str, bool]:
        """What the embed `res` in `note` shows, and whether it is a block (else inline markdown).

        `stack`: the embeds around it; `nested`: the block would be indented (a canvas, which is
        raw HTML, becomes a link to its page there)."""
        span = res.link.span
        link = res.link
        if res.target is None:
            why = res.problem or f"not found: {link.target}"
            return unresolved_span(link.raw or link.target, why, "obsidian-unresolved-embed"), False
        if res.target_kind == "attachment" and res.target.lower().endswith(".base"):
            view = "#".join(link.headings) if link.headings else None
            html, problems = self.bases.embed(res.target, view, note.path, state.page)
            state.diagnostics.extend(problems)
            state.bases = True
            return html, True
        if res.target_kind == "attachment":
            embed = render_attachment_embed(
                res, state.page, self.options.use_directory_urls, self.options.portable
            )
            return embed, False
        target = self.graph.notes.get(res.target)
        if target is None or res.target not in self.layout.pages or res.problem:
            why = res.problem or "not published"
            return unresolved_span(link.raw or link.target, why, "obsidian-unresolved-embed"), False
        key: EmbedKey = (res.target, res.anchor)
        chain = (*stack, key) if stack else ((note.path, None), key)
        href = md_href(state.page, self.layout.pages[res.target], res.anchor)
        cut = None
        if key in stack or (not stack and key == (note.path, None)):
            cut = (Code.EMBED_CYCLE, "embed cycle")
        elif (len(stack) if stack else 1) > self.options.embed_depth:
            cut = (Code.EMBED_DEPTH, f"embeds nested deeper than {self.options.embed_depth}")
        elif state.embeds >= MAX_EMBEDS_PER_PAGE:
            cut = (Code.EMBED_DEPTH, f"more than {MAX_EMBEDS_PER_PAGE} embeds on one page")
        if cut is not None:
            names = " → ".join(
                posixpath.splitext(posixpath.basename(p))[0] + (f"#{a}" if a else "") for p, a in chain
            )
            message = f"{cut[1]} cut: {names}"
            state.diagnostics.append(Diagnostic(note.path, span.line, "warning", cut[0], message))
            marker = f'[{escape_md(message)}]({href}){{ .obsidian-embed-cut title="{attr_value(message)}" }}'
            return marker, False
        state.embeds += 1
        state.embedded.add(res.target)
        if target.parsed.canvas is not None:
            return canvas_embed(self, target, state, chain, href, nested)
        s, e, kind, title = self._section(target, link)
        content = self.fragment(target, s, e, state, chain)
        block = template("embed.md.j2").render(
            kind=kind, title=escape_md(title), href=href, content=content.strip("\n")
        )
        return block, True

    def _section(self, note: Note, link: Link) -> tuple[int, int, str, str]:
        """Offsets, kind and title of what `![[note#...]]` shows, by the engine's rules.

        A heading's section runs to the next heading of its level or higher; a block is the
        lines its id names; otherwise the whole body.
        """
        lines = self.index(note).lines
        if link.block:
            block = self.graph.block(note.path, link.block)
            if block is not None:
                return lines.start(block.start_line), lines.end(block.end_line), "block", note.title
        elif link.headings:
            section = self.graph.section(note.path, link.headings)
            heading = self.graph.heading(note.path, link.headings)
            if section is not None and heading is not None:
                first, last = section
                return lines.start(first), lines.end(last), "section", f"{note.title} › {heading.text}"
        return note.parsed.body_start, len(note.text), "note", note.title
