"""Every site-wide file of the reader, rendered in one call: graph and explorer data, the global
graph page, folder pages, feeds, `reader.json` (what the pages' script needs: the features that
are on, the graph page) and `nav.json` (what the MkDocs side needs: `generator.adapter.reader_site`,
which keeps it out of the site). Docs path -> bytes; `render_site` writes them."""

from __future__ import annotations

import json
import posixpath

from generator.engine.model import Graph
from generator.render.layout import SUBPAGE_PREFIX, SiteLayout
from generator.render.reader.feeds import feeds
from generator.render.reader.folders import folder_pages
from generator.render.reader.options import ASSETS_DIR, EXPLORER_JSON, GRAPH_JSON, GRAPH_PAGE, ReaderOptions
from generator.render.reader.site_data import explorer_data, graph_data, to_json
from generator.render.templates import dump_yaml
from generator.render.urls import page_url, quote_path, short_path

__all__ = ["NAV_JSON", "READER_JSON", "graph_page_path", "reader_files"]

READER_JSON = f"{ASSETS_DIR}/reader.json"  # fetched by every page's reader.js: keep it small
NAV_JSON = f"{ASSETS_DIR}/nav.json"  # read by the build only (its size grows with the vault)


def graph_page_path(layout: SiteLayout, attachments: set[str]) -> str:
    taken = set(layout.pages.values()) | attachments
    return GRAPH_PAGE if GRAPH_PAGE not in taken else f"_{GRAPH_PAGE}"


def reader_files(graph: Graph, layout: SiteLayout, options: ReaderOptions, udu: bool) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    folders = folder_pages(graph, layout, options, udu)
    for rel, text in folders.files.items():
        files[rel] = text.encode("utf-8")
    graph_page = None
    if options.graph:
        files[GRAPH_JSON] = to_json(graph_data(graph, layout, udu))
        graph_page = graph_page_path(layout, {str(a) for a in graph.attachments})
        fm = dump_yaml({"title": "Graph", "hide": ["toc"], "search": {"exclude": True}})
        body = (
            '<div class="obsidian-graph-global" data-obsidian-graph="global">'
            "<noscript>The graph needs JavaScript.</noscript></div>"
        )
        files[graph_page] = f"---\n{fm}---\n\n{body}\n".encode()
    if options.explorer:
        files[EXPLORER_JSON] = to_json(explorer_data(graph, layout, udu, folders.urls))
    if options.feeds:
        files.update(feeds(graph, layout, options, udu))
    # A permalinked note is listed under its vault folder (docs folder names as short_path makes them).
    nav_folders = {
        docs: [short_path(posixpath.dirname(path)), posixpath.splitext(posixpath.basename(path))[0]]
        for path, docs in sorted(layout.permalinks.items())
        if posixpath.dirname(docs) != short_path(posixpath.dirname(path))
    }
    nav = {
        "nav_folders": nav_folders,
        "tags_dir": layout.tags_dir,
        # Each tag's page (site-relative URL), for Material's tag chips at the top of a note.
        "tag_urls": {
            key: quote_path(page_url(layout.tag_page(key), udu))
            for key, paths in sorted(graph.tags.items())
            if any(p in layout.pages for p in paths)
        },
        "sidebar_window": options.sidebar_window,
        "breadcrumbs": options.breadcrumbs,
        "subpage_prefix": SUBPAGE_PREFIX,
        "root_page": folders.root,
        "root_listed": folders.root_listed,
        "graph_page": graph_page,
    }
    page_script = {
        "graph_page": graph_page,
        "features": {
            "graph": options.graph,
            "graph_depth": options.graph_depth,
            "graph_tags": options.graph_tags,
            "previews": options.previews,
            "explorer": options.explorer,
        },
    }
    files[READER_JSON] = json.dumps(page_script, sort_keys=True).encode()
    files[NAV_JSON] = json.dumps(nav, sort_keys=True).encode()
    return files
