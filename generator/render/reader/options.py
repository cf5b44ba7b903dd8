"""The reader's features (issue 14) and their settings: every one on by default, each with a switch.

`ReaderOptions` rides in `RenderOptions.reader`; the adapter builds it from the plugin options
(`generator.adapter.reader_config`). What it carries from the vault (property types from
`.obsidian/types.json`, file modification times) was read by the engine
(`generator.engine.vault_meta`): the renderer never opens a vault file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from generator.engine.model import VaultPath

__all__ = ["ASSETS_DIR", "EXPLORER_JSON", "GRAPH_JSON", "GRAPH_PAGE", "PORTABLE_META_KEY", "ReaderOptions"]

ASSETS_DIR = "_obsidian"  # the renderer's assets folder (generator.render.site.ASSETS_DIR)
GRAPH_JSON = f"{ASSETS_DIR}/graph.json"
EXPLORER_JSON = f"{ASSETS_DIR}/explorer.json"
GRAPH_PAGE = "graph.md"  # the global graph's page (`_graph.md` when the vault has a graph.md)
# The front-matter key of a portable page's Open Graph and Twitter meta ([{attr, name, content}]),
# which the portable theme override (generator/templates/portable_main.html) writes into the head.
PORTABLE_META_KEY = "obsidian_meta"

FeedOrder = Literal["created", "modified"]


@dataclass(frozen=True)
class ReaderOptions:
    properties: bool = True  # the properties panel at the top of each note
    graph: bool = True  # graph.json, the local graph on each note, the global graph page
    graph_depth: int = 1  # the local graph's depth: 1 or 2
    graph_tags: bool = False  # tags as nodes of the local graph
    previews: bool = True  # hover previews of internal links
    explorer: bool = True  # explorer.json and the client-side explorer
    folder_pages: bool = True  # a page for each folder without a folder note
    folder_page_size: int = 100  # notes per folder page
    folder_sort: Literal["name", "modified"] = "name"  # the order of a folder page's notes
    sidebar_window: int = 20  # siblings of a big folder the sidebar shows around the page (0: all)
    tag_page_size: int = 100  # notes per tag page
    backlink_contexts: int = 10  # backlinks shown with the lines that link (the rest by title; 0: all)
    backlinks_shown: int = 200  # backlinks a page lists; the rest counted, and listed on request (0: all)
    breadcrumbs: bool = True  # Material's navigation.path
    dates: bool = True  # created and modified dates under the title
    feeds: bool = True  # feed_rss.xml and feed_atom.xml
    feed_items: int = 20
    feed_order: FeedOrder = "modified"
    social_meta: bool = True  # Open Graph and Twitter meta
    site_url: str | None = None  # mkdocs.yml's site_url: feeds and Open Graph use absolute URLs with it
    site_name: str = ""
    property_types: Mapping[str, str] = field(default_factory=dict)  # .obsidian/types.json
    mtimes: Mapping[VaultPath, float] = field(default_factory=dict, compare=False, repr=False)

    def digest_key(self) -> str:
        """What of these options every page's text depends on (the render cache keys pages with it)."""
        return repr(
            (
                self.properties,
                self.graph,
                self.previews,
                self.dates,
                self.social_meta,
                self.backlink_contexts,
                self.backlinks_shown,
                self.site_url,
                self.site_name,
                sorted(self.property_types.items()),
            )
        )
