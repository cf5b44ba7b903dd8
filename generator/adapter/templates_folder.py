"""The vault's templates folder, as Obsidian's settings name it.

Obsidian's core Templates plugin keeps its folder in `.obsidian/templates.json` (`{"folder":
"Templates"}`); the Templater community plugin in
`.obsidian/plugins/templater-obsidian/data.json` (`templates_folder`). Notes there hold `{{date}}`
and other placeholders: they build as they are, or are left unpublished with the option
`exclude_templates: true`.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["templates_folders"]

_SOURCES = (
    (("templates.json",), "folder"),
    (("plugins", "templater-obsidian", "data.json"), "templates_folder"),
)


def _setting(vault: Path, parts: tuple[str, ...], key: str) -> str | None:
    path = vault.joinpath(".obsidian", *parts)
    try:  # a linked settings file may point outside the vault: not read
        if any(p.is_symlink() for p in (path, *path.parents) if vault in p.parents) or not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str):
        return None
    folder = value.replace("\\", "/").strip().strip("/")
    if not folder or any(part in ("", ".", "..") for part in folder.split("/")):
        return None
    return folder


def templates_folders(vault: Path) -> tuple[str, ...]:
    """The vault-relative templates folders the vault's Obsidian settings name (none: empty)."""
    found = (_setting(vault, parts, key) for parts, key in _SOURCES)
    return tuple(dict.fromkeys(f for f in found if f))
