"""Kinds of path and the conversions between them, in one tested place.

- `VaultPath`: POSIX, relative to the vault root, with extension ("Folder/Note.md").
- `LinkPath`: the path part of a link as written ("Folder/Note", "../img/a.png", "/Note").
- `Anchor`: an element id on a rendered page ("activation-functions", "^block-id").

`slugify` is the heading-anchor function handed to MkDocs' `toc` extension
(`slugify: !!python/name:generator.engine.paths.slugify`), so the anchors the resolver computes
are the ids the site gets; `unique_anchor` deduplicates exactly as `toc` does.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from collections.abc import MutableSet
from typing import NewType

from markdown.extensions.toc import slugify_unicode
from markdown.extensions.toc import unique as _toc_unique

from generator.engine.model import VaultPath

LinkPath = NewType("LinkPath", str)
Anchor = NewType("Anchor", str)

__all__ = [
    "Anchor",
    "LinkPath",
    "VaultPath",
    "folder_of",
    "is_hidden",
    "join_link",
    "nfc",
    "slugify",
    "unique_anchor",
    "vault_path",
]


def nfc(text: str) -> str:
    """Unicode NFC: macOS writes file names decomposed (NFD), notes are usually NFC."""
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=8192)  # headings repeat across notes ("Summary", "References")
def slugify(value: str, separator: str = "-") -> str:
    """The heading anchor MkDocs' toc gives `value`: Unicode letters kept, lower-cased.

    Same as Python-Markdown's `slugify_unicode` after NFC normalisation, so a heading
    typed on macOS (NFD) and a link typed elsewhere (NFC) meet on the same id.
    """
    return slugify_unicode(nfc(value), separator)


def unique_anchor(anchor: str, used: MutableSet[str]) -> str:
    """`anchor`, `anchor_1`, `anchor_2`...: toc's own deduplication (adds to `used`)."""
    return _toc_unique(anchor, used)


_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def join_link(folder: str, link: str) -> VaultPath | None:
    """Join a link path to a vault folder; None when the result would leave the vault.

    "" is the vault root. Absolute OS paths ("C:\\x", "\\\\server") are refused; a leading
    "/" means vault-absolute, as in Obsidian. The one place links are joined: resolve calls it for
    every link, so the common forms ("Note.md", "Folder/Note.md", "/Folder/Note.md": no ".", ".."
    or empty segment) skip the segment walk, which gives the same path for them.
    """
    if _DRIVE.match(link) or link.startswith("\\") or "\x00" in link:
        return None
    if not link or link.startswith(".") or link.endswith("/") or "/." in link or "//" in link:
        return _walk(folder, link)
    if link[0] == "/":
        return VaultPath(link[1:])
    return VaultPath(f"{folder}/{link}" if folder else link)


def _walk(folder: str, link: str) -> VaultPath | None:
    """`join_link`'s general path: segment by segment, "." skipped, ".." one folder up."""
    base = "" if link.startswith("/") else folder
    parts: list[str] = [p for p in base.split("/") if p]
    for part in link.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return VaultPath("/".join(parts))


def folder_of(path: str) -> str:
    """The folder of a vault path ("" for the root)."""
    return posixpath.dirname(path)


def is_hidden(path: str) -> bool:
    """Any segment starting with "." (.obsidian/, .trash/, .git/, dotfiles)."""
    return any(part.startswith(".") for part in path.split("/"))


def vault_path(parts: tuple[str, ...] | list[str]) -> VaultPath:
    """A vault path from OS path parts (relative to the root)."""
    return VaultPath("/".join(parts))
