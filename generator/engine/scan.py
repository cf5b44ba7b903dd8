"""Walk a vault, read-only: which files are documents (notes, canvases), which are attachments,
which are left out.

Left out: hidden files and folders (`.obsidian/`, `.trash/`, `.git/`, dotfiles) and the
configured globs. `publish: false` is decided after the frontmatter is parsed (vault.py).
Symlinks pointing out of the vault are refused with a warning and never followed; nothing
is ever opened for writing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.engine.model import Code, Diagnostic, VaultPath
from generator.errors import GeneratorError

__all__ = ["ScanOptions", "ScanResult", "compile_globs", "read_text", "scan_vault"]


@dataclass(frozen=True)
class ScanOptions:
    exclude: tuple[str, ...] = ()  # globs on vault paths: "Templates/", "drafts/**", "*.excalidraw.md"


@dataclass
class ScanResult:
    root: Path
    notes: list[VaultPath] = field(default_factory=list)  # sorted; notes (.md) and canvases (.canvas)
    attachments: list[VaultPath] = field(default_factory=list)  # sorted
    excluded: set[VaultPath] = field(default_factory=set)  # files seen and left out by a glob
    diagnostics: list[Diagnostic] = field(default_factory=list)


def compile_globs(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for gitignore-like globs: "x" matches a name at any depth, "a/x" from the root,
    "**" any folders, "*" and "?" within a name; a trailing "/" means the folder and all under it."""
    parts = []
    for raw in patterns:
        pattern = raw.strip().replace("\\", "/")
        if not pattern:
            continue
        anchored = "/" in pattern.rstrip("/")
        pattern = pattern.strip("/") if anchored else pattern.rstrip("/")
        rx = ""
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                rx += "(?:.*/)?"
                i += 3
            elif pattern.startswith("**", i):
                rx += ".*"
                i += 2
            elif pattern[i] == "*":
                rx += "[^/]*"
                i += 1
            elif pattern[i] == "?":
                rx += "[^/]"
                i += 1
            else:
                rx += re.escape(pattern[i])
                i += 1
        parts.append(rx if anchored else "(?:.*/)?" + rx)
    if not parts:
        return None
    # A match on a folder leaves out everything under it.
    return re.compile("(?:" + "|".join(parts) + ")(?:/.*)?", re.S)


def scan_vault(root: Path, options: ScanOptions | None = None) -> ScanResult:
    """Every file under `root` that belongs to the site, sorted; never follows a link out."""
    options = options or ScanOptions()
    if not root.is_dir():
        raise GeneratorError("vault folder not found or not a folder", str(root))
    real_root = os.path.realpath(root)
    excluded_rx = compile_globs(options.exclude)
    result = ScanResult(root)
    stack: list[tuple[str, str]] = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            result.diagnostics.append(
                Diagnostic(prefix or ".", 0, "warning", Code.UNREADABLE, f"cannot list folder: {exc}")
            )
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue  # .obsidian/, .trash/, .git/, dotfiles: never part of the site
            path = VaultPath(prefix + name)
            is_dir = entry.is_dir(follow_symlinks=False)
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if os.path.commonpath([real_root, target]) != real_root:
                    result.diagnostics.append(
                        Diagnostic(
                            path, 0, "warning", Code.UNSAFE_PATH, "symlink points outside the vault: not read"
                        )
                    )
                    continue
                if os.path.isdir(target):
                    result.diagnostics.append(
                        Diagnostic(
                            path,
                            0,
                            "warning",
                            Code.UNSAFE_PATH,
                            "symlinked folder inside the vault: not followed",
                        )
                    )
                    continue
                is_dir = False
            if is_dir:
                stack.append((entry.path, path + "/"))
                continue
            if excluded_rx is not None and excluded_rx.fullmatch(path):
                result.excluded.add(path)
            elif name.lower().endswith((".md", ".canvas")):  # documents: each has a page
                result.notes.append(path)
            else:
                result.attachments.append(path)
    result.notes.sort()
    result.attachments.sort()
    return result


def read_text(root: Path, path: VaultPath) -> tuple[str, list[Diagnostic]]:
    """A note's text (UTF-8, BOM dropped, newlines as "\\n"), opened read-only."""
    with open(os.path.join(root, path), "rb", buffering=0) as f:  # unbuffered: one read of the whole file
        data = f.readall()
    problems: list[Diagnostic] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        line = data.count(b"\n", 0, exc.start) + 1
        problems.append(
            Diagnostic(path, line, "warning", Code.ENCODING, "not valid UTF-8: bad bytes replaced")
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problems
