"""The reader's plugin options and its bounded sidebar (generator.adapter.reader_config, reader_site)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.structure.nav import Link

from generator.adapter.config import ConfigError
from generator.adapter.options import parse_plugin_options, reader_values
from generator.adapter.reader_config import reader_options
from generator.adapter.reader_site import window_items
from generator.render.reader.options import ReaderOptions


class _Item:
    def __init__(
        self, title: str, active: bool = False, is_index: bool = False, is_page: bool = True, src: str = ""
    ) -> None:
        self.title, self.active, self.is_index, self.is_page = title, active, is_index, is_page
        self.file = type("File", (), {"src_uri": src or f"{title}.md"})()

    def __repr__(self) -> str:
        return self.title


def _from_yml(plugin: dict[str, object], vault: Path) -> ReaderOptions:
    """The reader's options as the build makes them of the plugin's entry in mkdocs.yml."""
    return reader_options(reader_values(parse_plugin_options(plugin)), vault=vault)


def test_the_schemas_defaults_are_the_renderers(tmp_path: Path) -> None:
    """Every feature on by default, and the options schema's defaults (what a user gets) equal
    ReaderOptions' own (what the renderer and its tests assume)."""
    options = _from_yml({}, tmp_path)
    assert options == ReaderOptions(mtimes=options.mtimes)  # mtimes are not compared anyway
    assert all(
        (options.properties, options.graph, options.previews, options.explorer, options.folder_pages)
        + (options.breadcrumbs, options.dates, options.feeds, options.social_meta)
    )


def test_options_switch_features_off_and_read_types(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "types.json").write_text('{"types": {"a": "number", "b": "nonsense"}}')
    options = _from_yml({"graph": False, "page_dates": False, "feed_items": 5}, tmp_path)
    assert (options.graph, options.dates, options.feed_items) == (False, False, 5)
    assert dict(options.property_types) == {"a": "number"}


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("graph", "yes", "true or false"),
        ("graph_depth", 3, "an integer from 1 to 2"),
        ("feed_items", 0, "an integer from 1 to 10000"),
        ("sidebar_window", -1, "an integer from 0 to 100000"),
        ("feed_order", "title", "modified or created"),
    ],
)
def test_bad_option_names_itself(option: str, value: object, expected: str) -> None:
    with pytest.raises(ConfigError, match=f"'{option}'.*expected {expected}, got"):
        parse_plugin_options({option: value})


def test_window_keeps_the_block_of_the_active_item() -> None:
    items = [_Item("index", is_index=True)] + [_Item(f"n{i}", active=i == 7) for i in range(12)]
    shown, block = window_items(items, 5, "Big/")
    assert block == 1
    assert [i.title for i in shown] == [
        "index",
        "… 5 earlier in this folder",
        "n5",
        "n6",
        "n7",
        "n8",
        "n9",
        "… 2 more in this folder",
    ]
    assert isinstance(shown[1], Link) and shown[1].url == "Big/"


def test_window_leaves_small_folders_and_folders_without_a_page() -> None:
    items = [_Item(f"n{i}") for i in range(12)]
    assert window_items(items[:5], 5, "Big/") == (items[:5], -1)
    assert window_items(items, 5, None) == (items, -1)


def test_the_top_level_windows_the_notes_its_list_shows_and_keeps_the_rest() -> None:
    """At the top, the window counts only the pages the top folder's list shows (`listed`): every
    folder, and any other page (the global graph's), stay."""
    home = _Item("Home", is_index=True)
    notes = [_Item(f"n{i}", active=i == 6) for i in range(9)]
    folder, graph = _Item("Folder", is_page=False), _Item("Graph", src="graph.md")
    items = [home, notes[0], folder, *notes[1:5], graph, *notes[5:]]
    listed = frozenset(f"n{i}.md" for i in range(9))
    shown, block = window_items(items, 3, "obsidian-page-1/", listed)
    assert block == 2  # n6 is the 7th listed page: pages n6, n7, n8
    assert [i.title for i in shown] == [
        "Home",
        "Folder",
        "Graph",
        "… 6 earlier in this folder",
        "n6",
        "n7",
        "n8",
    ]
    notes[6].active = False  # the page is in a folder: the first block
    shown, block = window_items(items, 3, "obsidian-page-1/", listed)
    assert block == 0
    assert [i.title for i in shown] == [
        "Home",
        "n0",
        "Folder",
        "n1",
        "n2",
        "… 6 more in this folder",
        "Graph",
    ]
