"""Render: the link graph -> Material-flavoured markdown pages in a docs folder.

`render_site(graph, docs_dir, options)` is the entry point; the URL rules are in `layout`,
one module per concern beside it (links, media, callouts, fragment/embeds, backlinks, tags,
aliases, pages, files/cache).
"""

from generator.render.options import DEFAULT_HOME, RenderOptions, RenderResult
from generator.render.site import ASSETS_DIR, CSS, JAVASCRIPT, PORTABLE_JAVASCRIPT, render_site

__all__ = [
    "ASSETS_DIR",
    "CSS",
    "DEFAULT_HOME",
    "JAVASCRIPT",
    "PORTABLE_JAVASCRIPT",
    "RenderOptions",
    "RenderResult",
    "render_site",
]
