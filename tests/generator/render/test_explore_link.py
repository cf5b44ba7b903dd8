"""Which page function pages link as "Compare interactively": the first note (by vault path) with an
`activation` block that says `show: explore`, found without computing anything."""

from __future__ import annotations

from pathlib import Path

from generator.engine.vault import load_vault
from generator.render.blocks import explore_page
from generator.render.layout import plan_layout
from tests import FIXTURES


def test_the_fixture_vaults_compare_page_is_found() -> None:
    graph = load_vault(FIXTURES / "explore_vault")
    layout = plan_layout(graph, ("index.md",))
    assert explore_page(graph.notes, layout.pages) == "Compare.md"


def test_no_explore_block_means_no_link(tmp_path: Path) -> None:
    (tmp_path / "Plot.md").write_text("```activation\nshow: plot\nfunctions: [relu]\n```\n", encoding="utf-8")
    (tmp_path / "Text.md").write_text(
        "The word explore in prose.\n```python\nshow = 'explore'\n```\n", encoding="utf-8"
    )
    graph = load_vault(tmp_path)
    assert explore_page(graph.notes, plan_layout(graph, ()).pages) == ""


def test_the_first_by_vault_path_wins(tmp_path: Path) -> None:
    block = "```activation\nshow: explore\n```\n"
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "Second.md").write_text(block, encoding="utf-8")
    (tmp_path / "a.md").write_text(block, encoding="utf-8")
    graph = load_vault(tmp_path)
    pages = plan_layout(graph, ()).pages
    assert pages["a.md"] != pages["b/Second.md"]
    assert explore_page(graph.notes, pages) == pages["a.md"]
