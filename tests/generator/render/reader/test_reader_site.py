"""The reader's site-wide files and page parts on tests/fixtures/reader_vault (issue 14)."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.engine.model import Graph, VaultPath
from generator.engine.vault import load_vault
from generator.render.layout import SUBPAGE_PREFIX, plan_layout
from generator.render.options import DEFAULT_HOME
from generator.render.reader.feeds import ATOM_FILE, RSS_FILE, feeds
from generator.render.reader.folders import ROOT_PAGE, folder_pages
from generator.render.reader.graph_layout import layout as force_layout
from generator.render.reader.options import ReaderOptions
from generator.render.reader.page_parts import page_header, social_meta
from generator.render.reader.site_data import explorer_data, graph_data, to_json

VAULT = Path(__file__).resolve().parents[3] / "fixtures" / "reader_vault"
BOOK = VaultPath("Books/Out of Control.md")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_vault(VAULT)


def _node(data: dict, title: str) -> int:
    return next(n["id"] for n in data["nodes"] if n["title"] == title)


def test_graph_data_counts_property_links(graph: Graph) -> None:
    data = graph_data(graph, plan_layout(graph, DEFAULT_HOME), True)
    book, kelly, ideas = (_node(data, t) for t in ("Out of Control", "Kevin Kelly", "Ideas"))
    flat = data["links"]  # source, target, source, target, ...
    links = set(zip(flat[::2], flat[1::2], strict=True))
    assert (book, kelly) in links  # author: "[[Kevin Kelly]]", a property only
    assert (book, ideas) in links and (kelly, book) in links and (ideas, kelly) in links
    assert len(flat) == 8  # one per ordered pair: Books -> Ideas three times counts once
    lonely = next(n for n in data["nodes"] if n["title"] == "Lonely")
    assert lonely["url"] == "Lonely/" and lonely["folder"] == ""
    assert next(n for n in data["nodes"] if n["id"] == book)["tags"] == ["book", "systems"]


def test_graph_data_is_deterministic(graph: Graph) -> None:
    layout = plan_layout(graph, DEFAULT_HOME)
    first = to_json(graph_data(graph, layout, True))
    assert first == to_json(graph_data(load_vault(VAULT), plan_layout(load_vault(VAULT), DEFAULT_HOME), True))


def test_force_layout_is_deterministic_bounded_and_separates_components() -> None:
    edges = [(i, i + 1) for i in range(9)] + [(20, 21)]
    a = force_layout(30, edges)
    assert a == force_layout(30, edges)
    assert all(-1000.0 <= x <= 1000.0 and -1000.0 <= y <= 1000.0 for x, y in a)
    assert all(round(v, 1) == v for xy in a for v in xy)

    def dist(i: int, j: int) -> float:
        return ((a[i][0] - a[j][0]) ** 2 + (a[i][1] - a[j][1]) ** 2) ** 0.5

    # neighbours on the chain sit closer together than the chain's two ends
    assert dist(0, 1) < dist(0, 9)


def test_explorer_tree_folders_first_with_folder_pages(graph: Graph) -> None:
    layout = plan_layout(graph, DEFAULT_HOME)
    folders = folder_pages(graph, layout, ReaderOptions(), True)
    tree = explorer_data(graph, layout, True, folders.urls)
    assert [c["name"] for c in tree["children"]] == ["Books", "People", "Ideas", "Lonely"]
    assert tree["children"][0] == {
        "name": "Books",
        "url": "Books/",
        "children": [{"name": "Out of Control", "url": "Books/Out%20of%20Control/"}],
    }
    json.loads(to_json(tree))


def test_folder_pages_are_paged_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "Big").mkdir()
    for name in ["b", "A", "c", "D", "e"]:
        (tmp_path / "Big" / f"{name}.md").write_text("x\n", encoding="utf-8")
    (tmp_path / "Home.md").write_text("home\n", encoding="utf-8")
    g = load_vault(tmp_path)
    pages = folder_pages(g, plan_layout(g, DEFAULT_HOME), ReaderOptions(folder_page_size=2), True)
    assert sorted(pages.files) == ["Big/index.md", f"Big/{SUBPAGE_PREFIX}2.md", f"Big/{SUBPAGE_PREFIX}3.md"]
    first = pages.files["Big/index.md"]
    assert "[A](A.md)" in first and "[b](b.md)" in first and "[c]" not in first
    assert f"[Next »]({SUBPAGE_PREFIX}2.md)" in first
    last = pages.files[f"Big/{SUBPAGE_PREFIX}3.md"]
    assert "[e](e.md)" in last and f"[« Previous]({SUBPAGE_PREFIX}2.md)" in last and "Next" not in last
    assert pages.urls == {"Big": "Big/"}


def test_a_big_top_folder_gets_a_list_beside_the_home_note(tmp_path: Path) -> None:
    """More notes in the vault's top folder than the sidebar's window: `obsidian-page-N.md` list
    them (the home note left out), for the window's "… N more" link."""
    (tmp_path / "Sub").mkdir()
    (tmp_path / "Sub" / "s.md").write_text("x\n", encoding="utf-8")
    for name in ["Home", "b", "A", "c", "D", "e"]:
        (tmp_path / f"{name}.md").write_text("x\n", encoding="utf-8")
    g = load_vault(tmp_path)
    layout = plan_layout(g, DEFAULT_HOME)
    options = ReaderOptions(folder_page_size=3, sidebar_window=4, site_name="My notes")
    pages = folder_pages(g, layout, options, True)
    assert pages.root == ROOT_PAGE == f"{SUBPAGE_PREFIX}1.md"
    assert pages.root_listed == ("A.md", "D.md", "b.md", "c.md", "e.md")  # what the sidebar may hide
    assert {f"{SUBPAGE_PREFIX}1.md", f"{SUBPAGE_PREFIX}2.md"} <= set(pages.files)
    first, second = pages.files[f"{SUBPAGE_PREFIX}1.md"], pages.files[f"{SUBPAGE_PREFIX}2.md"]
    assert "title: My notes\n" in first and "[Sub](Sub/index.md)" in first
    assert "[A](A.md)" in first and "[b](b.md)" in first and "[c](c.md)" in first and "Home" not in first
    assert "[D](D.md)" in second and "[e](e.md)" in second and "title: My notes (2/2)" in second
    small = folder_pages(g, layout, ReaderOptions(sidebar_window=5), True)  # 5 notes fit the window
    assert small.root is None and not any(p.startswith(SUBPAGE_PREFIX) for p in small.files)


def test_folder_note_replaces_the_folder_page(tmp_path: Path) -> None:
    (tmp_path / "Area").mkdir()
    (tmp_path / "Area" / "Area.md").write_text("the folder note\n", encoding="utf-8")
    (tmp_path / "Area" / "x.md").write_text("x\n", encoding="utf-8")
    (tmp_path / "Home.md").write_text("home\n", encoding="utf-8")
    g = load_vault(tmp_path)
    pages = folder_pages(g, plan_layout(g, DEFAULT_HOME), ReaderOptions(), True)
    assert pages.files == {} and pages.urls == {"Area": "Area/Area/"}


def test_feeds_are_valid_rss_and_atom(graph: Graph) -> None:
    layout = plan_layout(graph, DEFAULT_HOME)
    mtime = datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC).timestamp()
    options = ReaderOptions(
        site_url="https://example.org/notes/",
        site_name="Notes",
        feed_items=2,
        mtimes=dict.fromkeys(graph.notes, mtime),
    )
    out = feeds(graph, layout, options, True)
    rss = ET.fromstring(out[RSS_FILE])
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel is not None
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    items = channel.findall("item")
    assert len(items) == 2
    # Ideas says modified: 2024-03-10, the others take the files' time (2024-05-01): newest first
    assert [i.findtext("title") for i in items] == ["Kevin Kelly", "Lonely"]
    assert items[0].findtext("link") == "https://example.org/notes/People/Kevin%20Kelly/"
    assert items[0].findtext("pubDate") == "Wed, 01 May 2024 00:00:00 +0000"
    atom = ET.fromstring(out[ATOM_FILE])
    assert atom.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert atom.findtext(f"{ATOM}{required}")
    entries = atom.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}")
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").startswith("https://example.org/notes/")
    assert datetime.datetime.fromisoformat(atom.findtext(f"{ATOM}updated") or "").year == 2024


def test_feed_ordered_by_created(graph: Graph) -> None:
    out = feeds(
        graph, plan_layout(graph, DEFAULT_HOME), ReaderOptions(feed_order="created", feed_items=1), True
    )
    (item,) = ET.fromstring(out[RSS_FILE]).iter("item")
    assert item.findtext("title") == "Ideas"  # the one note with a created date
    assert item.findtext("guid") == "urn:obsidian-vault:index.md"


def test_properties_panel_renders_types_and_links(graph: Graph) -> None:
    layout = plan_layout(graph, DEFAULT_HOME)
    note = graph.notes[BOOK]
    html = page_header(
        graph, layout, note, layout.pages[BOOK], True, ReaderOptions(property_types={"year": "text"})
    )
    assert '<dt class="obsidian-property-key">author</dt>' in html
    assert '<a href="../../People/Kevin%20Kelly/">Kevin Kelly</a>' in html
    assert '<input type="checkbox" disabled checked' in html
    assert '<time datetime="2024-01-05">2024-01-05</time>' in html
    assert 'data-type="text"><dt class="obsidian-property-key">year</dt>' in html  # types.json wins
    assert 'data-type="number"><dt class="obsidian-property-key">rating</dt>' in html
    assert '<span class="obsidian-unresolved"' in html and "Missing Person" in html
    assert 'href="../../#emergence"' in html and 'href="../../#^swarm"' in html
    assert 'data-cssclasses="wide"' in html
    for hidden in ("title", "tags", "description", "cssclasses"):
        assert f">{hidden}</dt>" not in html
    assert "\n" not in html  # one raw HTML block


def test_social_meta(graph: Graph) -> None:
    layout = plan_layout(graph, DEFAULT_HOME)
    note = graph.notes[BOOK]
    meta = social_meta(
        graph, layout, note, layout.pages[BOOK], True, ReaderOptions(site_name="S", site_url="https://x.org/")
    )
    assert '<meta property="og:title" content="Out of Control">' in meta
    assert '<meta property="og:description" content="A book on emergent systems.">' in meta
    assert '<meta property="og:site_name" content="S">' in meta
    assert '<meta property="og:url" content="https://x.org/Books/Out%20of%20Control/">' in meta
    assert '<meta name="twitter:card" content="summary">' in meta  # cover.png is no attachment of the vault
