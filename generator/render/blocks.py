"""The one place the renderer meets computed blocks (`generator.blocks`, the "blocks" contract).

Every fenced code block goes to `render_block`; `None` leaves it as written. A note whose
properties name an `activation` gets `render_property_page`'s output appended.
"""

from __future__ import annotations

from generator.blocks import BlockContext, BlockOutput, render_block, render_property_page
from generator.engine.model import Note

__all__ = ["BlockContext", "BlockOutput", "code_block_output", "property_output"]


def code_block_output(info: str, source: str, ctx: BlockContext) -> BlockOutput | None:
    return render_block(info, source, ctx)


def property_output(note: Note, ctx: BlockContext) -> BlockOutput | None:
    return render_property_page(note, ctx)
