"""A page per tag (nested tags included) and the tags index.

Tags group case-insensitively (`Tag.key`); a page shows the spelling first met in the vault.
The tag `#ml/activation` also counts for `#ml`, whose page lists its child tags.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Graph
from generator.render.layout import SiteLayout
from generator.render.templates import dump_yaml, template
from generator.render.text import escape_md
from generator.urls import md_href

__all__ = ["TagEntry", "tag_pages"]


@dataclass(frozen=True)
class TagEntry:
    name: str  # markdown-escaped display name
    href: str
    count: int
    depth: int = 0


def _spellings(graph: Graph) -> dict[str, str]:
    names: dict[str, str] = {}
    for path in sorted(graph.notes):
        for tag in graph.notes[path].parsed.tags:
            names.setdefault(tag.key, tag.name)
            parts = tag.name.split("/")
            for i in range(1, len(parts)):
                names.setdefault("/".join(parts[:i]).lower(), "/".join(parts[:i]))
    return names


def _frontmatter(title: str) -> str:
    return dump_yaml({"title": title})


def tag_pages(graph: Graph, layout: SiteLayout) -> dict[str, str]:
    """Docs path -> markdown of every tag page and of the index (none when the vault has no tags)."""
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
        entries = [
            TagEntry(escape_md(graph.notes[p].title), md_href(page, layout.pages[p]), 0) for p in notes
        ]
        pages[page] = template("tag.md.j2").render(
            frontmatter=_frontmatter(f"#{names.get(key, key)}"),
            name=escape_md(names.get(key, key)),
            notes=entries,
            children=children,
            index_href=md_href(page, layout.tags_index),
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
