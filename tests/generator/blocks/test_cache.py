"""The content-hash cache: nothing changed computes nothing; one changed formula recomputes its blocks only."""

from __future__ import annotations

import dataclasses
import shutil
from collections import Counter
from pathlib import Path

import pytest

import activations
import activations.spec
import generator.blocks.cache
from generator.blocks import BlockContext, activation, render_block
from generator.blocks.cache import fingerprint

BLOCKS = {
    "gelu-plot": "show: plot\nfunctions: [gelu]\n",
    "relu-table": "show: table\nfunctions: [relu]\n",
    "both": "show: compare\nfunctions: [gelu, relu]\n",
}


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts real computations per show."""
    calls: Counter[str] = Counter()
    originals = dict(activation.COMPUTE)

    def counting(show: str):  # type: ignore[no-untyped-def]
        def compute(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[show] += 1
            return originals[show](*args, **kwargs)

        return compute

    for show in originals:
        monkeypatch.setitem(activation.COMPUTE, show, counting(show))
    return calls


def render_all(ctx: BlockContext) -> dict[str, object]:
    outs = {}
    for name, source in BLOCKS.items():
        out = render_block("activation", source, ctx)
        assert out is not None and out.diagnostics == []
        outs[name] = (out.markdown, out.files)
    return outs


def test_second_render_computes_nothing(tmp_path: Path, counted: Counter[str]) -> None:
    ctx = BlockContext("A.md", 3, "", tmp_path)
    first = render_all(ctx)
    assert sum(counted.values()) == 3
    second = render_all(ctx)
    assert sum(counted.values()) == 3
    assert first == second


def test_block_line_and_page_do_not_change_the_key(tmp_path: Path, counted: Counter[str]) -> None:
    render_all(BlockContext("A.md", 3, "", tmp_path))
    moved = render_all(BlockContext("Deep/B.md", 40, "Deep", tmp_path))
    assert sum(counted.values()) == 3
    markdown, _ = moved["gelu-plot"]  # type: ignore[misc]
    assert "](../_computed/" in markdown


def test_changed_formula_recomputes_only_its_blocks(
    tmp_path: Path, counted: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = BlockContext("A.md", 3, "", tmp_path)
    render_all(ctx)
    gelu = activations.get("gelu")
    changed = dataclasses.replace(gelu, latex=gelu.latex + r" \quad")
    assert fingerprint(changed) != fingerprint(gelu)
    monkeypatch.setitem(activations.spec._REGISTRY, "gelu", changed)
    counted.clear()
    render_all(ctx)
    assert counted == Counter(
        {"plot": 1, "compare": 1}
    )  # gelu's plot and the comparison; relu's table is cached


def test_changed_source_changes_the_fingerprint() -> None:
    relu = activations.get("relu")

    def other(x, **params):  # type: ignore[no-untyped-def]
        return x.clamp(min=0.0)

    assert fingerprint(dataclasses.replace(relu, fn=other)) != fingerprint(relu)
    assert fingerprint(relu) == fingerprint(activations.get("relu"))


def test_measuring_is_part_of_a_bench_key_only(tmp_path: Path, counted: Counter[str]) -> None:
    bench = "show: bench\nfunctions: [relu]\n"
    render_block("activation", bench, BlockContext("A.md", 1, "", tmp_path, measure=False))
    render_block("activation", bench, BlockContext("A.md", 1, "", tmp_path, measure=False))
    assert counted["bench"] == 1
    render_block("activation", BLOCKS["relu-table"], BlockContext("A.md", 1, "", tmp_path, measure=False))
    render_block("activation", BLOCKS["relu-table"], BlockContext("A.md", 1, "", tmp_path, measure=True))
    assert counted["table"] == 1


def _package_copy(tmp_path: Path, edit: str | None = None) -> Path:
    """A copy of the activations package; `edit`: a file (package-relative) given one more line."""
    copy = tmp_path / "pkg-copy"
    shutil.copytree(generator.blocks.cache.ACTIVATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    if edit is not None:
        path = copy / edit
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    return copy


def test_an_edited_helper_of_the_package_computes_every_block_again(
    tmp_path: Path, counted: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change in a helper the specs call (activations/specs/_common.py), not in fn/d1/d2
    themselves, still reaches the cards and plots."""
    ctx = BlockContext("A.md", 3, "", tmp_path / "cache")
    render_all(ctx)
    assert sum(counted.values()) == 3
    monkeypatch.setattr(generator.blocks.cache, "ACTIVATIONS", _package_copy(tmp_path / "same"))
    render_all(ctx)
    assert sum(counted.values()) == 3  # an identical copy: the same keys
    monkeypatch.setattr(
        generator.blocks.cache, "ACTIVATIONS", _package_copy(tmp_path / "edited", "specs/_common.py")
    )
    counted.clear()
    render_all(ctx)
    assert counted == Counter({"plot": 1, "table": 1, "compare": 1})
