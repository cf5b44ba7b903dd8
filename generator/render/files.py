"""Writing the docs folder: only what changed, atomically, and nothing left behind.

`mkdocs serve` watches the docs folder, so a file whose bytes are already right is never
touched. Every file the renderer writes is listed in its cache, so the next render removes
what is no longer produced (a deleted note's page) and never anything it did not write.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.files import write_if_changed

__all__ = ["RenderCache", "remove_stale"]


def remove_stale(docs_dir: Path, old: set[str], new: set[str]) -> int:
    """Delete files of the last render that this one did not produce, and folders left empty."""
    removed = 0
    for rel in sorted(old - new):
        path = docs_dir / rel
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
        parent = path.parent
        while parent != docs_dir and docs_dir in parent.parents:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent
    return removed


@dataclass
class RenderCache:
    """Per page: the digest of everything it depends on, and the diagnostics its render gave; for
    the tag pages, one digest of them all and their files."""

    version: str
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)  # docs path -> {"digest", "diagnostics"}
    files: list[str] = field(default_factory=list)  # every docs file the render wrote
    tags: dict[str, Any] = field(default_factory=dict)  # {"digest", "files"} of the tag pages

    @classmethod
    def load(cls, path: Path | None, version: str) -> RenderCache:
        """The cache of the last render, or an empty one (no file, unreadable, other renderer version)."""
        if path is None:
            return cls(version)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != version:
                return cls(version, files=list(data.get("files", [])))
            return cls(version, dict(data["pages"]), list(data["files"]), dict(data.get("tags", {})))
        except (OSError, ValueError, KeyError, TypeError):
            return cls(version)

    def save(self, path: Path | None) -> None:
        if path is None:
            return
        data = {"version": self.version, "pages": self.pages, "files": sorted(self.files), "tags": self.tags}
        write_if_changed(path, json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
