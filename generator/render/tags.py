"""A page per tag (nested tags included) and the tags index.

Tags group case-insensitively (`Tag.key`); a page shows the spelling first met in the vault.
The tag `#ml/activation` also counts for `#ml`, whose page lists its child tags.

A tag page's list of notes is pre-rendered HTML (`generator.render.html_stash`), as a note's links
are, unless the docs are to be portable: a tag every note carries lists them all, and converting
its 2,000 markdown links was a tenth of MkDocs' conversion time on the benchmark vault.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from generator.engine.model import Graph
from generator.render.html_stash import Stash
from generator.render.layout import SiteLayout
from generator.render.links import html_href
from generator.render.templates import dump_yaml, template
from generator.render.text import escape_md
from generator.render.urls import md_href

__all__ = ["TagEntry", "tag_pages", "tag_pages_inputs"]


@dataclass(frozen=True)
class TagEntry:
    name: str  # markdown-escaped display name
    href: str
    count: int
    depth: int = 0
    html: str = ""  # the token of the pre-rendered link, which replaces the markdown one


def _spellings(graph: Graph) -> dict[str, str]:
    names: dict[str, str] = {}
    for path in sorted(graph.notes):
        for tag in graph.notes[path].parsed.tags:
            names.setdefault(tag.key, tag.name)
            parts = tag.name.split("/")
            for i in range(1, len(parts)):
                names.setdefault("/".join(parts[:i]).lower(), "/".join(parts[:i]))
    return names


def _link(page: str, docs: str, title: str, use_directory_urls: bool) -> str:
    """The note's link as Python-Markdown and MkDocs make it of `[title](docs)` (text escaped the same)."""
    text = html.escape(title, quote=False)
    return f'<a href="{html_href(page, docs, None, use_directory_urls)}">{text}</a>'


def _frontmatter(title: str) -> str:
    return dump_yaml({"title": title})


def tag_pages_inputs(graph: Graph, layout: SiteLayout) -> bytes:
    """Everything the tag pages show, for their digest (`Dependencies.tag_pages`): each tag's notes
    with their titles and pages, and every note's tag spellings (a tag shows the first one met)."""
    return repr(
        (
            layout.tags_dir,
            [
                (key, [(p, layout.pages.get(p), graph.notes[p].title) for p in paths])
                for key, paths in sorted(graph.tags.items())
            ],
            [(path, [t.name for t in note.parsed.tags]) for path, note in sorted(graph.notes.items())],
        )
    ).encode()


def tag_pages(
    graph: Graph,
    layout: SiteLayout,
    use_directory_urls: bool = True,
    portable: bool = False,
    page_size: int = 100,
) -> dict[str, str]:
    """Docs path -> markdown of every tag page and of the index (none when the vault has no tags).

    A tag's notes are listed `page_size` to a page: page 1 at `layout.tag_page(key)` (with the
    child tags), pages 2 and up beside it (`layout.tag_page(key, n)`), linked by a pager.
    """
    published = {k: [p for p in v if p in layout.pages] for k, v in graph.tags.items()}
    published = {k: v for k, v in published.items() if v}
    if not published:
        return {}
    names = _spellings(graph)
    pages: dict[str, str] = {}
    keys = sorted(published, key=lambda k: k.split("/"))
    for key in keys:
        page = layout.tag_page(key)
        notes = sorted(published[key], key=lambda p: (graph.notes[p].title.lower(), p))
        children = [
            TagEntry(escape_md(names.get(k, k)), md_href(page, layout.tag_page(k)), len(published[k]))
            for k in keys
            if k.startswith(key + "/") and "/" not in k[len(key) + 1 :]
        ]
        count = max(1, math.ceil(len(notes) / page_size))
        name = names.get(key, key)
        for n in range(1, count + 1):
            here = layout.tag_page(key, n)
            stash = Stash()
            entries = [
                TagEntry(
                    escape_md(graph.notes[p].title),
                    md_href(here, layout.pages[p]),
                    0,
                    html=""
                    if portable
                    else stash.put(_link(here, layout.pages[p], graph.notes[p].title, use_directory_urls)),
                )
                for p in notes[(n - 1) * page_size : n * page_size]
            ]
            pages[here] = stash.attach(
                template("tag.md.j2").render(
                    frontmatter=_frontmatter(f"#{name}" if n == 1 else f"#{name} ({n}/{count})"),
                    notes=entries,
                    total=len(notes),
                    number=n,
                    count=count,
                    previous=md_href(here, layout.tag_page(key, n - 1)) if n > 1 else None,
                    next=md_href(here, layout.tag_page(key, n + 1)) if n < count else None,
                    children=children if n == 1 else [],
                    index_href=md_href(here, layout.tags_index),
                )
            )
    index = layout.tags_index
    tree = [
        TagEntry(
            escape_md(names.get(k, k).rsplit("/", 1)[-1]),
            md_href(index, layout.tag_page(k)),
            len(published[k]),
            k.count("/"),
        )
        for k in keys
    ]
    pages[index] = template("tags_index.md.j2").render(frontmatter=_frontmatter("Tags"), tags=tree)
    return pages
