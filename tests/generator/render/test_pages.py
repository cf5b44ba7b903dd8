"""Whole pages: front matter, the home page, comments removed, code and math untouched, block ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.engine.vault import load_vault
from generator.render import CSS, RenderOptions, render_site
from tests.generator.render_support import EXPECTED, Rendered, render_vault


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("pages"))


@pytest.mark.parametrize("docs_path", ["Folder/Sub Note.md", "perma/page.md"])
def test_page_matches_hand_written_markdown(site: Rendered, docs_path: str) -> None:
    assert site.read(docs_path) == (EXPECTED / docs_path).read_text(encoding="utf-8")


def test_home_note_becomes_index_with_title_and_description(site: Rendered) -> None:
    assert site.result.pages["Home.md"] == "index.md"
    meta, body = site.page("index.md")
    assert meta == {"title": "Welcome", "description": "The home of the render fixture.", "tags": ["fixture"]}
    assert '<a href="Folder/Sub%20Note/">the sub note</a>' in body


def test_every_published_note_has_a_page(site: Rendered) -> None:
    published = set(site.graph.notes)
    assert set(site.result.pages) == published
    assert "Private.md" not in site.result.pages
    for docs in site.result.pages.values():
        assert (site.docs / docs).is_file()


def test_comments_removed(site: Rendered) -> None:
    body = site.page("Formatting.md")[1]
    assert "an inline comment" not in body and "A whole" not in body
    assert "text. After." in body


def test_code_untouched(site: Rendered) -> None:
    body = site.page("Formatting.md")[1]
    assert '```python\n# [[Not a link]] %%not a comment%% #notatag\nprint("$x$")\n```' in body
    assert "Inline <code>code with [[link]]</code> stays." in body  # pre-rendered, no link inside


def test_code_and_math_stay_markdown_in_portable_docs(tmp_path: Path) -> None:
    body = render_vault(tmp_path, portable=True).page("Formatting.md")[1]
    assert "Inline `code with [[link]]` stays." in body
    assert "Inline math $a_b [[x]]$ and display:" in body


def test_math_untouched(site: Rendered) -> None:
    body = site.page("Formatting.md")[1]
    assert '<span class="arithmatex">\\(a_b [[x]]\\)</span>' in body  # pre-rendered, no link inside
    assert "$$\n\\sum_i [[y]]\n$$" in body


def test_markdown_extensions_syntax_passes_through(site: Rendered) -> None:
    body = site.page("Formatting.md")[1]
    for piece in (
        "==marked==",
        "~~struck~~",
        "[^1]: The footnote.",
        "- [x] done task",
        "| 1 | 2 |",
        "```mermaid\ngraph TD",
    ):
        assert piece in body


def test_block_id_hidden_and_kept_as_anchor(site: Rendered) -> None:
    body = site.page("Formatting.md")[1]
    assert 'A paragraph with an id. <span class="obsidian-block-anchor" id="^para-id"></span>' in body
    assert "^para-id\n" not in body


def test_block_id_on_list_item(site: Rendered) -> None:
    assert '- second item <span class="obsidian-block-anchor" id="^item"></span>' in site.page("Target.md")[1]


def test_home_falls_back_to_first_note(tmp_path: Path) -> None:
    vault = tmp_path / "v"
    (vault / "B").mkdir(parents=True)
    (vault / "B" / "Deep.md").write_text("deep\n")
    (vault / "Zeta.md").write_text("zeta\n")
    result = render_site(load_vault(vault), tmp_path / "docs", RenderOptions())
    assert result.pages["Zeta.md"] == "index.md"  # root notes come before notes in folders


def test_empty_vault_gets_generated_home(tmp_path: Path) -> None:
    (tmp_path / "v").mkdir()
    result = render_site(load_vault(tmp_path / "v"), tmp_path / "docs", RenderOptions())
    assert result.pages == {}
    assert "no published notes" in (tmp_path / "docs" / "index.md").read_text()


def test_assets_copied(site: Rendered) -> None:
    assert CSS == (
        "_obsidian/obsidian.css",
        "_obsidian/canvas.css",
        "_obsidian/bases.css",
        "_obsidian/reader.css",
    )
    assert ".obsidian-canvas" in site.read("_obsidian/canvas.css")
    assert ".obsidian-base-table" in site.read("_obsidian/bases.css")
    assert ".obsidian-unresolved" in site.read("_obsidian/obsidian.css")
    assert ".obsidian-properties" in site.read("_obsidian/reader.css")
