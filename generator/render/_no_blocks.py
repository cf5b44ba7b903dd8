"""TEMPORARY stand-in for `generator.blocks` until it is committed: the same contract, no handlers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Diagnostic, Note


@dataclass(frozen=True)
class BlockContext:
    note_path: str
    line: int
    page_dir: str
    cache_dir: Path
    device: str = "cpu"
    measure: bool = True


@dataclass
class BlockOutput:
    markdown: str
    files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def registered() -> dict[str, object]:
    return {}


def render_block(info: str, source: str, ctx: BlockContext) -> BlockOutput | None:
    return None


def render_property_page(note: Note, ctx: BlockContext) -> BlockOutput | None:
    return None
