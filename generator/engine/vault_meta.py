"""What the reader's pages show about a vault besides its notes: property types and file dates.

- `.obsidian/types.json` (Obsidian's "Properties" settings: `{"types": {"rating": "number"}}`)
  says how a property is shown; keys it does not name are shown by their YAML value's kind.
- A note's modification time is its "modified" date where no property gives one.

Read-only, like all of the engine's access to the vault; a missing, unreadable or linked
(symlink) settings file means no types, never an error.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from generator.engine.model import VaultPath

__all__ = ["PROPERTY_TYPES", "file_mtimes", "property_types"]

# The property types Obsidian's types.json holds.
PROPERTY_TYPES = frozenset({"text", "multitext", "number", "checkbox", "date", "datetime", "aliases", "tags"})


def property_types(vault: Path) -> dict[str, str]:
    """Property name -> type, from `.obsidian/types.json`; unknown types are left out."""
    path = vault / ".obsidian" / "types.json"
    try:
        if path.is_symlink() or path.parent.is_symlink() or not path.is_file():
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    types = data.get("types") if isinstance(data, dict) else None
    if not isinstance(types, dict):
        return {}
    return {str(k): v for k, v in types.items() if isinstance(v, str) and v in PROPERTY_TYPES}


def file_mtimes(vault: Path, paths: Iterable[VaultPath]) -> dict[VaultPath, float]:
    """The modification time of each file (seconds since the epoch); files that vanished are left out."""
    out: dict[VaultPath, float] = {}
    for path in paths:
        try:
            out[path] = os.stat(vault / path).st_mtime
        except OSError:
            continue
    return out
