"""The one place the renderer meets computed blocks (`generator.blocks`, the "blocks" contract).

Every fenced code block goes to `render_block`; `None` leaves it as written. A note whose
properties name an `activation` gets `render_property_page`'s output appended.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.blocks import BlockContext, BlockOutput, render_block, render_property_page
from generator.blocks.request import is_explore
from generator.engine.model import Note, VaultPath

__all__ = ["BlockContext", "BlockOutput", "code_block_output", "explore_page", "property_output"]


def explore_page(notes: Mapping[VaultPath, Note], pages: Mapping[VaultPath, str]) -> str:
    """The docs path of the first page (by vault path) with a `show: explore` block; "" if none.

    Function pages link to it ("Compare interactively").
    """
    for path in sorted(notes):
        for block in notes[path].parsed.code_blocks:
            if block.info.split()[:1] == ["activation"] and is_explore(block.content):
                return pages.get(path, "")
    return ""


def code_block_output(info: str, source: str, ctx: BlockContext) -> BlockOutput | None:
    return render_block(info, source, ctx)


def property_output(note: Note, ctx: BlockContext) -> BlockOutput | None:
    return render_property_page(note, ctx)
