"""Bases in the render: the cache re-renders a page showing a base when any note changes (what
`serve` relies on), and values are formatted as Obsidian shows them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from generator.engine.model import VaultPath
from generator.engine.vault import load_vault
from generator.queries.values import Date, Duration, Html, Link
from generator.render.bases import BasePages, protect
from generator.render.layout import plan_layout
from tests.generator.render_support import FIXTURES, render_vault

BASES_VAULT = FIXTURES / "bases_vault"


def test_editing_a_listed_note_re_renders_the_page_embedding_the_base(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(BASES_VAULT, vault)
    first = render_vault(tmp_path, vault)
    assert VaultPath("Categories/Books.md") in first.result.rendered
    again = render_vault(tmp_path, vault)
    assert again.result.rendered == []  # nothing changed: every page from the cache
    dune = vault / "Books" / "Dune.md"
    dune.write_text(dune.read_text(encoding="utf-8").replace("rating: 4", "rating: 1"), encoding="utf-8")
    third = render_vault(tmp_path, vault)
    # Dune's own page, and every page showing a base (any note may enter or leave a base).
    assert VaultPath("Books/Dune.md") in third.result.rendered
    assert VaultPath("Categories/Books.md") in third.result.rendered
    assert VaultPath("Reading log.md") in third.result.rendered
    assert VaultPath("Genres/Fantasy.md") in third.result.rendered
    # A page without a base and without a link to Dune stays cached.
    assert VaultPath("Places/Louvre.md") not in third.result.rendered
    html = third.read("Categories/Books.md")
    assert '<td data-sort="1">1</td>' in html


def test_a_new_note_enters_the_base(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(BASES_VAULT, vault)
    render_vault(tmp_path, vault)
    (vault / "Books" / "Lathe.md").write_text(
        '---\ncategories: ["[[Books]]"]\nrating: 2\npages: 184\n---\n', encoding="utf-8"
    )
    html = render_vault(tmp_path, vault).read("Categories/Books.md")
    assert ">Lathe</a>" in html and "6 results" in html


def pages(tmp_path: Path) -> BasePages:
    graph = load_vault(BASES_VAULT)
    return BasePages(graph, plan_layout(graph, ("index.md",)), BASES_VAULT, True)


def test_value_formatting(tmp_path: Path) -> None:
    bp = pages(tmp_path)
    page = "Categories/Books.md"
    assert bp.value_html(True, page) == '<input type="checkbox" disabled checked aria-label="yes">'
    assert bp.value_html(False, page) == '<input type="checkbox" disabled aria-label="no">'
    assert bp.value_html(2.50, page) == "2.5"
    assert bp.value_html(None, page) == ""
    assert bp.value_html(Date(dt.datetime(2024, 3, 10), False), page) == "<time>2024-03-10</time>"
    assert bp.value_html(Date(dt.datetime(2024, 3, 10, 9, 5), True), page) == "<time>2024-03-10 09:05</time>"
    assert bp.value_html(Duration(0, 3 * 86_400_000), page) == "3 days"
    link = Link("Dune", None, VaultPath("Books/Dune.md"))
    assert bp.value_html(link, page) == '<a class="obsidian-link" href="../../Books/Dune/">Dune</a>'
    assert bp.value_html(Link("Nowhere"), page) == '<span class="obsidian-unresolved">Nowhere</span>'
    assert bp.value_html(["a", 1], page) == (
        '<span class="obsidian-base-list"><span class="obsidian-base-item">a</span>'
        '<span class="obsidian-base-item">1</span></span>'
    )
    assert bp.value_html("<b>", page) == "&lt;b&gt;"


def test_html_values_are_markup_without_scripts(tmp_path: Path) -> None:
    """`html()` shows markup, as Obsidian does, through an allow-list: what could run is dropped."""
    bp = pages(tmp_path)
    page = "Categories/Books.md"
    value = Html(
        '<b>bold</b> <em>it</em><script>alert(1)</script><img src="x.png" onerror="alert(2)">'
        '<a href="javascript:alert(3)" onclick="alert(4)">j</a> <a href="https://e.org/">e</a>'
        '<iframe src="https://e.org/"></iframe><style>body{}</style>'
    )
    html = bp.value_html(value, page)
    assert "<b>bold</b> <em>it</em>" in html and '<img src="x.png">' in html
    for gone in ("<script", "alert(1)", "onerror", "onclick", "javascript:", "<iframe", "<style"):
        assert gone not in html, gone
    assert '<a href="https://e.org/" rel="noopener noreferrer">e</a>' in html


def test_tags_are_links_to_tag_pages(tmp_path: Path) -> None:
    bp = pages(tmp_path)
    html = bp.value_html(["#book/scifi"], "Categories/Books.md", tags=True)
    assert '<a class="tag" href="../../tags/book/scifi/">#book/scifi</a>' in html


def test_text_is_safe_from_markdown_inside_callouts_and_lists() -> None:
    # Inside a callout a base's HTML is read as a paragraph: `*star*` must not become emphasis.
    assert protect('<a href="a_b/">x *star* `c` $m$ [l] 2024-01-02</a>') == (
        '<a href="a_b/">x &#42;star&#42; &#96;c&#96; &#36;m&#36; &#91;l&#93; 2024-01-02</a>'
    )


def test_base_in_a_callout_keeps_its_text(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(BASES_VAULT, vault)
    (vault / "Callout.md").write_text("> [!note] Books\n> ![[Books.base#Unread]]\n", encoding="utf-8")
    text = render_vault(tmp_path, vault).read("Callout.md")
    assert '    <div class="obsidian-base obsidian-base-view-list" data-view="Unread">' in text
