"""The block registry: built-in handler, entry-point handlers, cheap lookups, crash containment."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import generator.blocks as blocks
from generator.blocks import BlockContext, BlockOutput, render_block


class EchoHandler:
    """A third party's handler: shows its source upper-cased."""

    def render(self, source: str, ctx: BlockContext) -> BlockOutput:
        return BlockOutput(markdown=source.upper())


class BrokenHandler:
    def render(self, source: str, ctx: BlockContext) -> BlockOutput:
        raise RuntimeError("boom")


@pytest.fixture
def ctx(tmp_path: Path) -> BlockContext:
    return BlockContext(note_path="Notes/A.md", line=7, page_dir="Notes", cache_dir=tmp_path)


@pytest.fixture
def fresh_registry(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(blocks, "_extra", {})
    blocks._handlers.cache_clear()
    yield
    blocks._handlers.cache_clear()


def test_activation_is_built_in(fresh_registry: None) -> None:
    from generator.blocks.activation import ActivationBlock

    assert isinstance(blocks.registered()["activation"], ActivationBlock)


def test_entry_point_handler_is_registered_and_used(
    fresh_registry: None, monkeypatch: pytest.MonkeyPatch, ctx: BlockContext
) -> None:
    fake = SimpleNamespace(name="echo", value="thirdparty:EchoHandler", load=lambda: EchoHandler)
    monkeypatch.setattr(blocks, "entry_points", lambda group: [fake] if group == "generator.blocks" else [])
    blocks._handlers.cache_clear()
    assert isinstance(blocks.registered()["echo"], EchoHandler)
    out = render_block("echo", "hello", ctx)
    assert out is not None and out.markdown == "HELLO"


def test_broken_entry_point_does_not_break_the_registry(
    fresh_registry: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail() -> None:
        raise ImportError("no such module")

    fake = SimpleNamespace(name="broken", value="nowhere:X", load=fail)
    monkeypatch.setattr(blocks, "entry_points", lambda group: [fake])
    blocks._handlers.cache_clear()
    assert "broken" not in blocks.registered()
    assert "activation" in blocks.registered()


def test_unknown_info_string_returns_none(ctx: BlockContext) -> None:
    assert render_block("python", "print(1)", ctx) is None
    assert render_block("", "x", ctx) is None


def test_info_string_first_word_selects_handler(fresh_registry: None, ctx: BlockContext) -> None:
    blocks.register("echo", EchoHandler())
    out = render_block("echo {.wide}", "abc", ctx)
    assert out is not None and out.markdown == "ABC"


def test_crashing_handler_gives_error_box_and_diagnostic(fresh_registry: None, ctx: BlockContext) -> None:
    blocks.register("broken", BrokenHandler())
    out = render_block("broken", "x", ctx)
    assert out is not None
    assert out.markdown.startswith('!!! failure "')
    assert "boom" in out.markdown
    [diag] = out.diagnostics
    assert (diag.path, diag.line, diag.severity) == ("Notes/A.md", 7, "error")
