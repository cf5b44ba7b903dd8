"""The reader's plugin options (issue 14) -> `ReaderOptions`, with what the engine read of the vault.

Options (all under `plugins: - obsidian-vault:` in mkdocs.yml; every feature on by default):
`properties`, `graph`, `graph_depth` (1 or 2), `graph_tags`, `previews`, `explorer`,
`folder_pages`, `folder_page_size`, `folder_sort` (name | modified), `sidebar_window` (0: whole folders), `tag_page_size`,
`backlink_contexts` (0: all), `backlinks_shown` (0: all), `breadcrumbs`,
`page_dates`, `feeds`, `feed_items`, `feed_order` (created | modified), `social_meta`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.adapter.config import ConfigError
from generator.engine.model import VaultPath
from generator.engine.vault_meta import file_mtimes, property_types
from generator.render.reader.options import ReaderOptions

__all__ = ["BOOL_OPTIONS", "INT_OPTIONS", "reader_options"]

# Plugin option -> ReaderOptions field.
BOOL_OPTIONS = {
    "properties": "properties",
    "graph": "graph",
    "graph_tags": "graph_tags",
    "previews": "previews",
    "explorer": "explorer",
    "folder_pages": "folder_pages",
    "breadcrumbs": "breadcrumbs",
    "page_dates": "dates",
    "feeds": "feeds",
    "social_meta": "social_meta",
}
INT_OPTIONS = {  # option -> (field, smallest, largest)
    "graph_depth": ("graph_depth", 1, 2),
    "folder_page_size": ("folder_page_size", 1, 10_000),
    "sidebar_window": ("sidebar_window", 0, 100_000),
    "tag_page_size": ("tag_page_size", 1, 10_000),
    "backlink_contexts": ("backlink_contexts", 0, 100_000),
    "backlinks_shown": ("backlinks_shown", 0, 1_000_000),
    "feed_items": ("feed_items", 1, 10_000),
}


def reader_options(
    plugin: Mapping[str, Any],
    *,
    vault: Path,
    notes: Iterable[VaultPath] = (),
    site_url: str | None = None,
    site_name: str = "",
    source: str = "mkdocs.yml",
) -> ReaderOptions:
    """The reader's settings from the plugin options; a bad value raises ConfigError naming it."""
    values: dict[str, Any] = {}
    for option, name in BOOL_OPTIONS.items():
        if option in plugin:
            value = plugin[option]
            if not isinstance(value, bool):
                raise ConfigError(
                    f"obsidian-vault option '{option}' must be true or false, not {value!r}", source
                )
            values[name] = value
    for option, (name, low, high) in INT_OPTIONS.items():
        if option in plugin:
            value = plugin[option]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ConfigError(
                    f"obsidian-vault option '{option}' must be a whole number from {low} to {high}, not {value!r}",
                    source,
                )
            values[name] = value
    if "feed_order" in plugin:
        order = plugin["feed_order"]
        if order not in ("created", "modified"):
            raise ConfigError(
                f"obsidian-vault option 'feed_order' must be created or modified, not {order!r}", source
            )
        values["feed_order"] = order
    if "folder_sort" in plugin:
        sort = plugin["folder_sort"]
        if sort not in ("name", "modified"):
            raise ConfigError(
                f"obsidian-vault option 'folder_sort' must be name or modified, not {sort!r}", source
            )
        values["folder_sort"] = sort
    dates = values.get("dates", True) or values.get("feeds", True)
    return ReaderOptions(
        **values,
        site_url=site_url or None,
        site_name=site_name,
        property_types=property_types(vault),
        mtimes=file_mtimes(vault, notes) if dates else {},
    )
