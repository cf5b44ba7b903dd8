"""The reader's plugin options (issue 14) -> `ReaderOptions`, with what the engine read of the vault.

The options (`READER_OPTIONS` of `generator.adapter.options`, every feature on by default) were
checked by the options schema already (types, choices, bounds); this only names them as
`ReaderOptions` names them and adds the vault's property types and file times.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.engine.model import VaultPath
from generator.engine.vault_meta import file_mtimes, property_types
from generator.render.reader.options import ReaderOptions

__all__ = ["reader_options"]

RENAMED = {"page_dates": "dates"}  # plugin option -> ReaderOptions field, where the names differ


def reader_options(
    plugin: Mapping[str, Any],
    *,
    vault: Path,
    notes: Iterable[VaultPath] = (),
    site_url: str | None = None,
    site_name: str = "",
) -> ReaderOptions:
    """The reader's settings from the (checked) plugin options."""
    values = {RENAMED.get(option, option): value for option, value in plugin.items()}
    dates = values.get("dates", True) or values.get("feeds", True)
    return ReaderOptions(
        **values,
        site_url=site_url or None,
        site_name=site_name,
        property_types=property_types(vault),
        mtimes=file_mtimes(vault, notes) if dates else {},
    )
