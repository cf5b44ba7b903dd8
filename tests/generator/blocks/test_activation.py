"""The `activation` handler end to end: diagnostics with file:line, error boxes, property pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.blocks import BlockContext, check_property_page, render_block, render_property_page
from generator.engine.model import Note, ParsedNote, VaultPath


@pytest.fixture
def ctx(tmp_path: Path) -> BlockContext:
    return BlockContext(note_path="Functions/GELU.md", line=20, page_dir="Functions", cache_dir=tmp_path)


@pytest.mark.parametrize(
    ("source", "line", "needle"),
    [
        ("show: plot\nfunctions: [gelu, nosuchfn]\n", 22, "unknown activation 'nosuchfn'"),
        ("show: plot\nfunctions:\n  - relu\n  - leaky_relu(slope=2)\n", 24, "no parameter 'slope'"),
        ("show: plot\nfunctions: [relu]\nwidht: 3\n", 23, "unknown key 'widht'"),
        ("show: table\nfunction: 'gelu(approximate=fast)'\n", 22, "approximate"),
        ("show: depth\nfunctions: [softmax]\n", 22, "elementwise"),
    ],
)
def test_bad_block_is_an_error_with_file_line_and_an_error_box(
    ctx: BlockContext, source: str, line: int, needle: str
) -> None:
    out = render_block("activation", source, ctx)
    assert out is not None
    [diag] = out.diagnostics
    assert (diag.path, diag.line, diag.severity, diag.code) == (
        "Functions/GELU.md",
        line,
        "error",
        "bad-activation-block",
    )
    assert needle in diag.message
    assert out.markdown.startswith('!!! failure "activation block"')
    assert f"Functions/GELU.md:{line}:" in out.markdown
    assert out.files == {}


def test_unknown_name_suggests_close_names(ctx: BlockContext) -> None:
    out = render_block("activation", "functions: [gleu]\n", ctx)
    assert out is not None and "did you mean" in out.diagnostics[0].message


def test_plot_links_files_relative_to_the_page(ctx: BlockContext) -> None:
    out = render_block("activation", "show: plot\nfunctions: [relu]\n", ctx)
    assert out is not None and out.diagnostics == []
    assert sorted(out.files) == sorted(
        p for p in out.files if p.startswith("_computed/") and p.endswith(".svg")
    )
    light = next(p for p in out.files if p.endswith("-light.svg"))
    dark = next(p for p in out.files if p.endswith("-dark.svg"))
    assert f"](../{light}#only-light)" in out.markdown
    assert f"](../{dark}#only-dark)" in out.markdown
    assert "![Plot of f(x) for relu" in out.markdown


def test_notebook_block_writes_a_notebook_and_links_it(ctx: BlockContext) -> None:
    out = render_block("activation", "show: notebook\nfunctions: [relu]\n", ctx)
    assert out is not None
    assert sorted(out.files) == ["_notebooks/relu.ipynb", "_notebooks/relu.ipynb.json"]
    assert out.files["_notebooks/relu.ipynb"] == out.files["_notebooks/relu.ipynb.json"]
    assert "](../_notebooks/relu.ipynb)" in out.markdown
    assert '](../_notebooks/relu.ipynb.json){ download="relu.ipynb" }' in out.markdown


def _note(frontmatter: dict[str, object], text: str) -> Note:
    parsed = ParsedNote(frontmatter=frontmatter, body_start=text.index("---", 3) + 4, body_start_line=4)
    return Note(VaultPath("Functions/ReLU.md"), text, parsed)


def test_property_page_has_card_plot_bench_and_notebook(ctx: BlockContext) -> None:
    note = _note({"title": "ReLU", "activation": "relu"}, "---\ntitle: ReLU\nactivation: relu\n---\nBody\n")
    out = render_property_page(
        note, BlockContext("Functions/ReLU.md", 0, "Functions", ctx.cache_dir, measure=False)
    )
    assert out is not None and out.diagnostics == []
    for heading in ("## Plot", "## Card", "## Benchmark", "## Notebook"):
        assert heading in out.markdown
    assert "f(x) = \\max(0, x)" in out.markdown
    assert "_notebooks/relu.ipynb" in out.files
    assert sum(p.endswith(".svg") for p in out.files) == 2


def test_property_page_with_unknown_function_points_at_the_property(ctx: BlockContext) -> None:
    note = _note({"title": "X", "activation": "relux"}, "---\ntitle: X\nactivation: relux\n---\nBody\n")
    out = render_property_page(note, BlockContext("Functions/X.md", 0, "Functions", ctx.cache_dir))
    assert out is not None
    [diag] = out.diagnostics
    assert (diag.path, diag.line) == ("Functions/X.md", 3)
    assert "!!! failure" in out.markdown


def test_note_without_the_property_is_not_a_function_page(ctx: BlockContext) -> None:
    note = _note({"title": "X"}, "---\ntitle: X\nx: 1\n---\nBody\n")
    assert render_property_page(note, ctx) is None


def test_check_property_page_reports_without_computing() -> None:
    bad = _note(
        {"activation": "gelu(approximate=fast)"}, "---\ntitle: X\nactivation: gelu(approximate=fast)\n---\n"
    )
    [diag] = check_property_page(bad)
    assert (diag.line, diag.code) == (3, "bad-activation-block")
    assert "approximate" in diag.message
    assert check_property_page(_note({"activation": "gelu"}, "---\nactivation: gelu\n---\n")) == []
    assert check_property_page(_note({"title": "X"}, "---\ntitle: X\n---\n")) == []


def test_property_page_links_the_comparison_page_with_its_function(ctx: BlockContext) -> None:
    note = _note({"activation": "elu"}, "---\nactivation: elu\n---\nBody\n")
    with_page = BlockContext(
        "Functions/ELU.md",
        0,
        "Functions",
        ctx.cache_dir,
        measure=False,
        explore_page="Guides/Compare activations.md",
    )
    out = render_property_page(note, with_page)
    assert out is not None
    assert "[Compare interactively](../Guides/Compare%20activations.md?f=elu)" in out.markdown
    without = render_property_page(
        note, BlockContext("Functions/ELU.md", 0, "Functions", ctx.cache_dir, measure=False)
    )
    assert without is not None and "Compare interactively" not in without.markdown


def test_explore_block_writes_one_json_file_and_a_link_to_it(ctx: BlockContext) -> None:
    out = render_block(
        "activation", "show: explore\nfunctions: [elu, 'leaky_relu(negative_slope=0.1)']\n", ctx
    )
    assert out is not None and out.diagnostics == []
    [path] = out.files
    assert path.startswith("_computed/explore-") and path.endswith(".json")
    assert f"](../{path}){{ .activation-explore-data" in out.markdown
    assert 'data-functions="elu leaky_relu:negative_slope=0.1"' in out.markdown
    default = render_block("activation", "show: explore\n", ctx)
    assert default is not None and 'data-functions="relu gelu"' in default.markdown
