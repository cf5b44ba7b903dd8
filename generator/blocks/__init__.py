"""Computed blocks: fenced code blocks whose content the generator computes instead of showing.

A registry keyed by the fence's info string maps each kind of block to a handler. The built-in
`activation` handler and any third party's (the `generator.blocks` entry-point group) are found
the same way, so a new kind of computed block is one new module, not an edit of the renderer.

Handlers never raise for bad user input: they return an error box and a Diagnostic instead.
"""

from __future__ import annotations

import functools
import importlib
import logging
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol, runtime_checkable

from generator.engine.model import Code, Diagnostic, Note

__all__ = [
    "BlockContext",
    "BlockHandler",
    "BlockOutput",
    "check_property_page",
    "error_box",
    "register",
    "registered",
    "render_block",
    "render_property_page",
]

ENTRY_POINT_GROUP = "generator.blocks"
_BUILTINS = {"activation": "generator.blocks.activation:ActivationBlock"}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BlockContext:
    """Where a block sits and how it may compute; the cache key never depends on `line`."""

    note_path: str  # vault path of the note ("Functions/GELU.md")
    line: int  # 1-based line of the opening fence in that note (0 for property pages)
    page_dir: str  # docs-relative folder of the rendered page ("" for the docs root), for relative links
    cache_dir: Path  # where handlers may cache computed results (content-hash keyed)
    device: str = "auto"  # "cpu", "cuda", or "auto": cuda when torch sees one
    measure: bool = True  # False with --no-bench: never time anything, use committed results
    explore_page: str = ""  # docs path of the page with a `show: explore` block, linked from function pages

    @property
    def torch_device(self) -> str:
        """`device` with "auto" decided; asked only by blocks that compute, so a vault without
        `activation` blocks never pays for importing torch."""
        return _auto_device() if self.device == "auto" else self.device


@functools.cache
def _auto_device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


@dataclass
class BlockOutput:
    """What replaces the fence on the page, the files it links, and the problems found."""

    markdown: str
    files: dict[str, bytes] = field(default_factory=dict)  # docs-relative path -> content
    diagnostics: list[Diagnostic] = field(default_factory=list)


@runtime_checkable
class BlockHandler(Protocol):
    """A kind of computed block. `render` gets the fence's content (without the fences)."""

    def render(self, source: str, ctx: BlockContext) -> BlockOutput: ...


_extra: dict[str, BlockHandler] = {}


def register(info: str, handler: BlockHandler) -> None:
    """Add (or replace) the handler for an info string at run time; mainly for tests and embedders."""
    _extra[info] = handler
    _handlers.cache_clear()


def _load(spec: str) -> BlockHandler:
    module, _, attr = spec.partition(":")
    obj = getattr(importlib.import_module(module), attr)
    return obj() if isinstance(obj, type) else obj  # type: ignore[no-any-return]


@functools.cache
def _handlers() -> dict[str, BlockHandler]:
    """Built-ins, then entry points (which may not shadow a built-in), then `register` calls."""
    found: dict[str, BlockHandler] = {name: _load(target) for name, target in _BUILTINS.items()}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in found:
            continue  # our own pyproject declares the built-in too
        try:
            handler = ep.load()
            found[ep.name] = handler() if isinstance(handler, type) else handler
        except Exception as exc:  # a broken third-party plugin must not break every build
            log.warning("block handler %r (%s) could not be loaded: %s", ep.name, ep.value, exc)
    found.update(_extra)
    return found


def registered() -> dict[str, BlockHandler]:
    """Info string -> handler, loaded once per process (the renderer asks for every code block)."""
    return dict(_handlers())


def _key(info: str) -> str:
    # The first word of the info string names the block: "activation {.wide}" -> "activation".
    parts = info.strip().split(maxsplit=1)
    return parts[0] if parts else ""


def error_box(title: str, message: str) -> str:
    """A visible Material admonition; the page shows what went wrong where the block was."""
    body = "\n".join(f"    {line}" if line else "" for line in message.splitlines())
    return f'!!! failure "{title}"\n\n{body}\n'


def render_block(info: str, source: str, ctx: BlockContext) -> BlockOutput | None:
    """The computed content for one fenced block, or None when no handler knows its info string."""
    key = _key(info)
    if not key:
        return None
    handler = _handlers().get(key)
    if handler is None:
        return None
    try:
        return handler.render(source, ctx)
    except Exception as exc:  # a handler bug: one error box on one page, not a failed build
        log.exception("block handler %r failed on %s:%d", key, ctx.note_path, ctx.line)
        message = f"the {key!r} block handler failed: {type(exc).__name__}: {exc}"
        return BlockOutput(
            markdown=error_box(f"{key} block failed", message),
            diagnostics=[Diagnostic(ctx.note_path, ctx.line, "error", Code.BLOCK_FAILED, message)],
        )


def render_property_page(note: Note, ctx: BlockContext) -> BlockOutput | None:
    """Card, plot, benchmark and notebook link for a note whose properties say `activation: NAME`."""
    if "activation" not in note.properties:
        return None
    from generator.blocks.activation import render_page  # deferred: imports torch and matplotlib

    return render_page(note, ctx)


def check_property_page(note: Note) -> list[Diagnostic]:
    """Problems of a note's `activation: NAME` property (unknown function or parameter), computing nothing."""
    if "activation" not in note.properties:
        return []
    from generator.blocks.activation import check_page

    return check_page(note)
