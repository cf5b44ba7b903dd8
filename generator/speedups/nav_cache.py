"""Material's navigation, each item rendered once per build instead of once per page.

Material renders the whole sidebar for every page (`partials/nav.html`, one `render` macro call per
item in `partials/nav-item.html`); with `navigation.prune` that is still some forty items a page on a
vault of folders, and a third of the time MkDocs spends on a page. Most of those items come out
the same on many pages: an item the page is not in depends on the page only through the links it
holds, written relative to the page's URL. So the `render` macro is wrapped (`install`): an item
the page is not in, whose links all lie under one folder the page is not in, is looked up by
(item, its place in the sidebar, how the page's URL relates to that folder); the page's own
branch is rendered by Material as before.

Why that key is enough: MkDocs writes a link to `url` from a page as
`get_relative_url(url, page.url)`: `..` for each part of the page's folder past the parts it shares
with `url`, then the rest of `url`. When every link of an item starts with the parts `F` and the
page's folder `B` leaves `F` after `c < len(F)` shared parts, every link shares exactly `c` parts
with `B`, so each one is `..` times `len(B) - c` followed by its own parts from `c` on: the same
text for every page with the same `(c, len(B) - c)`. Links that are absolute URLs do not depend on
the page. Anything else (a page under the item's folder, a link written with `..`, an item the
plugins may change) is rendered by Material. `tests/generator/test_nav_cache.py` holds every page
of a varied site to Material's own output, byte for byte.

Only Material's own `nav-item.html` is wrapped, found by the exact macro line of the pinned
version; a theme that overrides it, or another version, is left alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.utils import _get_norm_url, _norm_parts

__all__ = ["NAV_ITEM", "install"]

NAV_ITEM = "partials/nav-item.html"
_MACRO = "{% macro render(nav_item, path, level, parent) %}"
_UNCACHED = "{% macro _obsidian_render_uncached(nav_item, path, level, parent) %}"
_WRAPPER = (
    "{% macro render(nav_item, path, level, parent) %}"
    "{{ obsidian_nav_item(nav_item, path, level, parent, _obsidian_render_uncached, page) }}"
    "{% endmacro %}"
)

_UNCACHEABLE = object()


class _Loader(jinja2.BaseLoader):
    """The theme's loader, with Material's `nav-item.html` wrapped (`_patched`)."""

    def __init__(self, inner: jinja2.BaseLoader, material_dir: Path) -> None:
        self.inner = inner
        self.material_dir = material_dir

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        if (
            template == NAV_ITEM
            and filename is not None
            and Path(filename).parent.parent == self.material_dir
        ):
            patched = _patched(source)
            if patched is not None:
                return patched, filename, uptodate
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def _patched(source: str) -> str | None:
    """`source` with its `render` macro renamed and a caching `render` added; None if not found."""
    if source.count(_MACRO) != 1:
        return None
    return source.replace(_MACRO, _UNCACHED) + _WRAPPER


class _Cache:
    def __init__(self) -> None:
        self.html: dict[tuple[Any, ...], Markup] = {}
        # id(item) -> the parts its links share, () if they are absolute URLs, or _UNCACHEABLE
        self.folders: dict[int, Any] = {}
        self.items: list[Any] = []  # keeps the items alive while their ids are keys

    def folder(self, item: Any) -> Any:
        found = self.folders.get(id(item))
        if found is None:
            found = self.folders[id(item)] = _common_parts(item)
            self.items.append(item)
        return found

    def __call__(self, item: Any, path: str, level: int, parent: Any, macro: Any, page: Any) -> Markup:
        if (
            page is None
            or isinstance(page, jinja2.Undefined)  # a template rendered without a page
            or getattr(item, "active", False)
            or item is page
            or hasattr(item, "pages")
        ):
            return macro(item, path, level, parent)
        folder = self.folder(item)
        if folder is _UNCACHEABLE:
            return macro(item, path, level, parent)
        base = page.url
        dirname, _, basename = base.rpartition("/")
        base_parts = _norm_parts(dirname if "." in basename else base)
        common = 0
        for a, b in zip(base_parts, folder, strict=False):
            if a != b:
                break
            common += 1
        if common == len(folder) and folder:  # the page lies under the item's folder
            return macro(item, path, level, parent)
        parent_key = None if isinstance(parent, jinja2.Undefined) else id(parent)
        key = (id(item), path, level, parent_key, common, len(base_parts) - common if folder else 0)
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = Markup(macro(item, path, level, parent))
        return html


def _common_parts(item: Any) -> Any:
    """The parts every relative link of `item` starts with (its pages, links and sections below it)."""
    common: list[str] | None = None
    stack = [item]
    while stack:
        node = stack.pop()
        if hasattr(node, "pages"):
            return _UNCACHEABLE
        children = getattr(node, "children", None)
        if children:
            stack.extend(children)
        url = getattr(node, "url", None)
        if url is None:
            continue
        norm, level = _get_norm_url(str(url))
        if level == -1:  # an absolute URL: the same on every page
            continue
        if level > 0:
            return _UNCACHEABLE
        parts = _norm_parts(norm)
        if common is None:
            common = parts
        else:
            n = 0
            for a, b in zip(common, parts, strict=False):
                if a != b:
                    break
                n += 1
            common = common[:n]
    if common is None:  # absolute URLs only
        return ()
    return tuple(common) if common else _UNCACHEABLE


def install(env: jinja2.Environment) -> bool:
    """Wrap Material's `nav-item.html` in `env` (a build's theme environment); False if not Material."""
    try:
        import material.templates
    except ImportError:
        return False
    if env.loader is None or isinstance(env.loader, _Loader):
        return False
    material_dir = Path(material.templates.__file__).parent
    env.loader = _Loader(env.loader, material_dir)
    env.globals["obsidian_nav_item"] = _Cache()
    if env.cache is not None:  # templates loaded before now are loaded again
        env.cache.clear()
    return True
