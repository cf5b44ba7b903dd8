"""MkDocs' side of the reader (issue 14): breadcrumbs, folder sub-pages, a bounded sidebar.

`ReaderSite` is a plugin added to every MkDocs run of the generator (`python -m generator build`
adds it; the `obsidian-vault` plugin calls it). It reads `_obsidian/nav.json`, which the
renderer wrote into the docs, and so needs no settings of its own:
- on_config: Material's `navigation.path` (breadcrumbs) and `navigation.indexes` (a folder's page
  is its section's link) are turned on, unless `breadcrumbs: false`.
- on_files: folder and tag pages after the first stay out of the navigation (MkDocs' NOT_IN_NAV).
- on_nav: a note with a `permalink` elsewhere (`permalink: callouts` puts `Editing/Callouts.md` at
  `callouts/`) is listed under its vault folder, as Obsidian Publish lists it, not where its URL
  puts it (MkDocs builds its navigation from the docs' paths); prev/next links follow.
- on_page_context: a big folder on the page's path shows a bounded window of its items.

Why the window: Material renders every item of the current section on every page of it
(`navigation.prune` drops only the other sections), so a page in a folder of 5,000 notes carried
all 5,000 links. The window is the block of `sidebar_window` items holding the current page (the
blocks are fixed, so pages of one block share one sidebar and the sidebar cache,
`generator.speedups.nav_cache`, keeps working), with links to the folder's page for the rest; a
folder without a page (`folder_pages: false` and no folder note) keeps all its items. The
page's context gets a shallow copy of the navigation; MkDocs' own `nav` is never changed.
"""

from __future__ import annotations

import copy
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from generator.render.reader.site_files import NAV_JSON

__all__ = ["ReaderSite", "window_items"]

log = get_plugin_logger(__name__)


def window_items(
    children: list[Any], limit: int, folder_url: str | None, listed: frozenset[str] | None = None
) -> tuple[list[Any], int]:
    """The block of `limit` items holding the active one (an index page first stays first), with
    links to the folder's page for the items left out; and the block's number (-1: nothing left
    out). With `listed`, as at the top level, only the pages of those docs files (the ones the
    folder's page lists) are windowed: every section, link and other page stays."""
    head = [children[0]] if children and getattr(children[0], "is_index", False) else []
    rest = children[len(head) :]
    counted = [
        i
        for i, item in enumerate(rest)
        if listed is None or (getattr(item, "is_page", False) and item.file.src_uri in listed)
    ]
    if limit <= 0 or len(counted) <= limit or folder_url is None:  # a folder without a page keeps its items
        return children, -1
    at = next((k for k, i in enumerate(counted) if getattr(rest[i], "active", False)), 0)
    block = at // limit
    start, end = block * limit, min(len(counted), (block + 1) * limit)
    left_out = set(counted[:start] + counted[end:])
    out = list(head)
    for i, item in enumerate(rest):
        if i in left_out:
            continue
        if i == counted[start] and start:
            out.append(Link(f"… {start} earlier in this folder", folder_url))
        out.append(item)
        if i == counted[end - 1] and end < len(counted):
            out.append(Link(f"… {len(counted) - end} more in this folder", folder_url))
    return out, block


def _walk(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        out.append(item)
        if isinstance(item, Section):
            out.extend(_walk(item.children))
    return out


def _section_folders(items: list[Any]) -> dict[str, Any]:
    """Each section of MkDocs' own navigation by the docs folder it stands for (from a page in it,
    else from its subsections), in one pass over the tree."""
    found: dict[str, Any] = {}

    def visit(section: Any) -> str | None:
        inner = [visit(child) for child in section.children if isinstance(child, Section)]
        folder = next(
            (posixpath.dirname(c.file.src_uri) for c in section.children if isinstance(c, Page)),
            next((posixpath.dirname(f) for f in inner if f is not None), None),
        )
        if folder is not None:
            found.setdefault(folder, section)
        return folder

    for item in items:
        if isinstance(item, Section):
            visit(item)
    return found


def _set_parents(items: list[Any], parent: Any) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _set_parents(item.children, item)


def _name(item: Any) -> str:
    """What MkDocs' own navigation orders an item by: a page's file name, a section's title."""
    if isinstance(item, Page):
        return posixpath.splitext(posixpath.basename(item.file.src_uri))[0]
    return str(item.title or "")


def rehome(items: list[Any], moves: dict[str, list[str]], by_folder: dict[str, Any]) -> None:
    """Move each page whose docs file is a key of `moves` ([vault folder, note name]; the folder ""
    is the top level) into its folder's section (`by_folder`, from `_section_folders`), made when
    missing; a page goes after the section's index page, among the others by name. `items`,
    MkDocs' top-level list, changes in place."""
    sections: dict[str, list[Any]] = {"": items, **{f: s.children for f, s in by_folder.items()}}

    names: dict[int, str] = {}  # a moved page's note name, which orders it (its file is its permalink's)

    def name_of(item: Any) -> str:
        return names.get(id(item)) or _name(item)

    def insert(children: list[Any], item: Any) -> None:
        key = name_of(item)
        at = next(
            (i for i, o in enumerate(children) if not getattr(o, "is_index", False) and name_of(o) > key),
            len(children),
        )
        children.insert(at, item)

    def children_of(folder: str) -> list[Any]:
        if folder not in sections:
            parent = children_of(posixpath.dirname(folder))
            section = Section(posixpath.basename(folder), [])
            insert(parent, section)
            sections[folder] = section.children
        return sections[folder]

    moving: list[tuple[Any, str, str]] = []
    for children in [items, *(s.children for s in _walk(items) if isinstance(s, Section))]:
        for item in list(children):
            if isinstance(item, Page) and item.file.src_uri in moves:
                children.remove(item)
                folder, name = moves[item.file.src_uri]
                moving.append((item, folder, name))
    for page, folder, name in moving:
        names[id(page)] = name
        insert(children_of(folder), page)
    _drop_empty(items)


def _drop_empty(items: list[Any]) -> None:
    """Sections left with nothing (their pages were all moved away), from the innermost out."""
    for item in list(items):
        if isinstance(item, Section):
            _drop_empty(item.children)
            if not item.children:
                items.remove(item)


@dataclass(frozen=True)
class _TagChip:
    """What Material's tags partial reads of a tag: its name, whether hidden, its URL."""

    name: str
    hidden: bool
    url: str | None


class ReaderSite(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        super().__init__()
        self.settings: dict[str, Any] = {}
        self._clones: dict[tuple[int, ...], Any] = {}  # ids of a section and its shown items -> its copy
        self._keep: list[Any] = []  # the sections whose ids are keys above
        self._links: dict[tuple[str, str], Link] = {}  # one object per "N more" link, for the keys above
        self._root_url: str | None = None  # the top folder's list (`root_page` of nav.json)
        self._root_listed: frozenset[str] = frozenset()  # the docs files that list shows

    def on_config(self, config: Any) -> Any:
        self._clones.clear()
        self._keep.clear()
        self._links.clear()
        path = Path(config.docs_dir) / NAV_JSON
        try:
            self.settings = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.settings = {}
            return config
        if self.settings.get("breadcrumbs") and config.theme.name == "material":
            features = config.theme.setdefault("features", [])
            for feature in ("navigation.path", "navigation.indexes"):
                if feature not in features:
                    features.append(feature)
        return config

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        prefix = self.settings.get("subpage_prefix")
        root = self.settings.get("root_page")
        self._root_url = None
        self._root_listed = frozenset(self.settings.get("root_listed") or ())
        built_only = files.get_file_from_path(NAV_JSON)
        if built_only is not None:  # read in on_config; no page needs it
            files.remove(built_only)
        if prefix:
            for file in files:
                if posixpath.basename(file.src_uri).startswith(prefix) and file.src_uri.endswith(".md"):
                    file.inclusion = InclusionLevel.NOT_IN_NAV
                    if file.src_uri == root:
                        self._root_url = file.url
        return files

    def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
        if config.get("nav") is not None:  # a nav of the user's own is left as written
            return nav
        tags_dir = self.settings.get("tags_dir")
        by_folder = _section_folders(nav.items)
        for folder, section in by_folder.items():
            # A folder is titled as Obsidian shows it: its name (MkDocs capitalises a lowercase one,
            # and would title "_tags/", the tag pages' folder when the vault has a tags folder, " tags").
            section.title = "Tags" if folder == tags_dir else posixpath.basename(folder)
        moves: dict[str, list[str]] = self.settings.get("nav_folders") or {}
        if moves:
            rehome(nav.items, moves, by_folder)
            _set_parents(nav.items, None)
            nav.pages = [item for item in _walk(nav.items) if isinstance(item, Page)]
            bookended = [None, *nav.pages, None]
            for before, page, after in zip(bookended[:-2], nav.pages, bookended[2:], strict=True):
                page.previous_page, page.next_page = before, after
        return nav

    @event_priority(-50)  # after Material's tags plugin has put the page's tags in the context
    def on_page_context(self, context: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
        tag_urls = self.settings.get("tag_urls") or {}
        if tag_urls and context.get("tags"):
            # A chip links to the tag's page, as a tag in the note does (Material links a chip only
            # to a listing of its own tags plugin, which the site has none of unless you add one).
            context["tags"] = [
                _TagChip(t.name, getattr(t, "hidden", False), tag_urls.get(str(t.name).lower()))
                if getattr(t, "url", None) is None
                else t
                for t in context["tags"]
            ]
        limit = int(self.settings.get("sidebar_window") or 0)
        if limit <= 0 or nav is None or context.get("nav") is not nav:
            return context
        items, changed = self._window(nav.items, limit, self._root_url, top=True)
        if changed:
            bounded = copy.copy(nav)
            bounded.items = items
            context["nav"] = bounded
        return context

    def _window(
        self, items: list[Any], limit: int, folder_url: str | None, top: bool = False
    ) -> tuple[list[Any], bool]:
        out, block = window_items(items, limit, folder_url, self._root_listed if top else None)
        changed = block >= 0
        out = [self._links.setdefault((i.title, i.url), i) if isinstance(i, Link) else i for i in out]
        result = []
        for item in out:
            if getattr(item, "is_section", False) and item.active and item.children:
                first = item.children[0]
                url = first.url if getattr(first, "is_index", False) else None
                children, inner = self._window(item.children, limit, url)
                if inner:
                    # Pages of one block (and one branch below it) share one copy.
                    key = (id(item), *map(id, children))
                    clone = self._clones.get(key)
                    if clone is None:
                        clone = self._clones[key] = copy.copy(item)
                        clone.children = children
                        self._keep.extend([item, *children])
                    item = clone
                    changed = True
            result.append(item)
        return result, changed
