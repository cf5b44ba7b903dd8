"""One note's page: front matter, body, computed property blocks, backlinks (`page.md.j2`).

Front matter is an allow-list: `title` (the `title` property, else the file name), `description`
(text only), `tags` (for Material's tags plugin: chips and search), `cssclasses` (text only), and
the page settings the note asks for through its `mkdocs:` property, checked
(`generator.render.page_settings`). Every other property is the note's data and never reaches
Material. No H1 is added: Material shows the title when the note has none, and the note's own
headings keep the anchors the engine computed.
"""

from __future__ import annotations

import posixpath
import unicodedata
from pathlib import Path
from typing import Any

from generator.blocks import error_box
from generator.engine.model import Code, Diagnostic, Note, VaultPath
from generator.render.backlinks import Backlink, backlinks, markdown_text
from generator.render.blocks import BlockContext, property_output
from generator.render.canvas import canvas_page_body
from generator.render.fragment import PageState, Renderer
from generator.render.page_settings import PageSettings, page_settings
from generator.render.reader.options import PORTABLE_META_KEY
from generator.render.reader.page_parts import page_header, social_meta, social_tags
from generator.render.templates import dump_yaml, template

__all__ = ["failed_page", "frontmatter", "render_page"]


def frontmatter(note: Note, settings: PageSettings | None = None) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The page's front matter (the allow-list above) and a warning per page setting refused."""
    props = note.properties
    data: dict[str, Any] = {"title": note.title}
    description = props.get("description")
    if (
        isinstance(description, str | int | float)
        and not isinstance(description, bool)
        and str(description).strip()
    ):
        data["description"] = " ".join(str(description).split())
    tags: dict[str, str] = {}
    for tag in note.parsed.tags:
        tags.setdefault(tag.key, tag.name)
    if tags:
        data["tags"] = list(tags.values())
    classes = props.get("cssclasses")
    classes = [classes] if isinstance(classes, str) else classes
    if isinstance(classes, list):
        names = [c for c in classes if isinstance(c, str) and c.strip()]
        if names:
            data["cssclasses"] = names
    chosen, problems = page_settings(note, settings or PageSettings())
    if note.parsed.canvas is not None and "hide" not in chosen:
        data["hide"] = ["toc"]  # a canvas has no outline; its layout gets the room
    data.update(chosen)
    return data, problems


def _as_markdown(links: list[Backlink]) -> list[Backlink]:
    return [
        Backlink(markdown_text(b.title), b.href, tuple(markdown_text(c) for c in b.contexts), b.doc)
        for b in links
    ]


def render_page(renderer: Renderer, note: Note, state: PageState, files: dict[str, str] | None = None) -> str:
    """The page's markdown; problems and computed files go to `state`. `files` (site path -> HTML,
    the note's alias redirects) go with the page into the site (not with `options.portable`)."""
    options = renderer.options
    if note.parsed.canvas is not None:
        body = canvas_page_body(renderer, note, state).strip("\n")
    else:
        body = renderer.body(note, state).strip("\n")
    reader = options.reader
    udu = options.use_directory_urls
    state.line = 1  # the properties: the front matter's lines
    header = page_header(renderer.graph, renderer.layout, note, state.page, udu, reader)
    if header:  # under the note's own H1 (Obsidian's properties follow the title), else on top
        first, newline, rest = body.partition("\n")
        if first.startswith("# ") and newline:
            body = f"{first}\n\n{header}\n\n{rest.lstrip(chr(10))}"
        else:
            body = f"{header}\n\n{body}"
    ctx = BlockContext(
        note_path=note.path,
        line=0,
        page_dir=state.page_dir,
        cache_dir=options.cache_dir or Path(".cache"),
        device=options.device,
        measure=options.measure,
        explore_page=renderer.explore_page(),
    )
    extra = ""
    out = property_output(note, ctx)
    if out is not None:
        extra = out.markdown.strip("\n")
        state.diagnostics.extend(out.diagnostics)
        state.files.update(out.files)
        state.computed = True
    state.line = 0  # what follows is the page's as a whole
    fields, problems = frontmatter(note, options.page_settings)
    state.diagnostics.extend(problems)
    if options.portable and reader.social_meta:  # no payload: the portable theme override writes them
        tags = social_tags(renderer.graph, renderer.layout, note, state.page, udu, reader)
        fields[PORTABLE_META_KEY] = [{"attr": a, "name": n, "content": c} for a, n, c in tags]
    fm = dump_yaml(fields)
    links_here, total = backlinks(
        renderer.graph,
        renderer.layout,
        note.path,
        state.page,
        options.use_directory_urls,
        renderer.context,
        renderer.title,
        portable=options.portable,
        with_contexts=reader.backlink_contexts,
        shown=reader.backlinks_shown,  # a hub note linked from thousands keeps a bounded page
    )
    markdown = template("page.md.j2").render(frontmatter=fm, body=body, extra=extra)
    more = total - len(links_here)
    if options.portable:
        if links_here:
            section = template("backlinks.md.j2").render(
                backlinks=_as_markdown(links_here), more=more, total=total
            )
            markdown = f"{markdown.rstrip()}\n\n{section}"
        # NFC text: Markdown's own slugify_unicode (the portable config's) then gives the ids the
        # engine computed with generator.engine.paths.slugify, which normalises to NFC first.
        return (
            markdown if unicodedata.is_normalized("NFC", markdown) else unicodedata.normalize("NFC", markdown)
        )
    section = (
        template("backlinks.html.j2").render(backlinks=links_here, more=more, total=total)
        if links_here
        else ""
    )
    if reader.social_meta:
        state.stash.payload.head = social_meta(renderer.graph, renderer.layout, note, state.page, udu, reader)
    state.stash.payload.tail = section  # added after MkDocs (and its search index) has seen the page
    state.stash.payload.files = dict(files or {})
    return state.stash.attach(markdown)


def failed_page(renderer: Renderer, note: Note, state: PageState, exc: Exception) -> str:
    """The page of a note whose render raised: its title and an error box naming the error, and an
    error diagnostic (`Code.PAGE_FAILED`: the build exits 1, the rest of the site is written)."""
    message = f"this page could not be rendered: {type(exc).__name__}: {exc}"
    state.diagnostics.append(Diagnostic(note.path, state.line, "error", Code.PAGE_FAILED, message))
    state.computed = True  # never reused from the render cache: the next build tries again
    fm = dump_yaml({"title": note.title})
    body = error_box("page failed", f"{note.path}: {message}")
    markdown = template("page.md.j2").render(frontmatter=fm, body=body, extra="")
    if renderer.options.portable:
        return markdown
    return state.stash.attach(markdown)


def render_base_page(renderer: Renderer, path: VaultPath, docs: str) -> tuple[str, list[Diagnostic]]:
    """A `.base` file's own page: its name as the title, then every view under its name (`this` is the
    base file). Always rendered again: a base lists files from anywhere in the vault."""
    html, problems = renderer.bases.page(path, docs)
    title = posixpath.basename(path)[: -len(".base")]
    fm = dump_yaml({"title": title})
    return template("page.md.j2").render(frontmatter=fm, body=html, extra=""), problems
