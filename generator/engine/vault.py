"""`load_vault`: scan, parse and resolve a vault in one call; the graph every later stage reads."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.engine.canvas import is_canvas, parse_canvas_note
from generator.engine.model import Code, Diagnostic, Graph, Note, VaultPath
from generator.engine.parse import parse_note
from generator.engine.resolve import build_graph
from generator.engine.scan import ScanOptions, read_text, scan_vault

__all__ = ["VaultOptions", "load_vault"]


@dataclass(frozen=True)
class VaultOptions:
    exclude: tuple[str, ...] = ()  # globs on vault paths (see generator.engine.scan.compile_globs)
    progress: Callable[[int, int], None] | None = None  # (notes read, notes in all), every 100 notes
    # Folders ("Templates/") whose Markdown notes are left out; their other files (images, bases,
    # canvases) stay, so embeds that name them still find them.
    unpublished_folders: tuple[str, ...] = ()


def load_vault(root: Path, options: VaultOptions | None = None, previous: Graph | None = None) -> Graph:
    """Read every note under `root` (read-only), parse it, resolve its links into one graph.

    Notes with `publish: false` or (Markdown notes) in `options.unpublished_folders` are left out like excluded
    files: links to them are unresolved.
    Raises GeneratorError when `root` is not a folder; everything else is a Diagnostic.

    `previous`, a graph an earlier call returned for the same vault and options (as `serve`
    keeps between rebuilds), makes the call incremental: a note whose text is unchanged keeps
    its parse, so only edited and new notes are parsed again. Every file is still read and all
    links resolved again, so the graph equals the one a cold call returns.
    """
    options = options or VaultOptions()
    # The graph is a million small acyclic objects: the cyclic collector would walk them again
    # and again while they are built (a quarter of the time) and can free none of them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root), options, previous.notes if previous is not None else {})
    finally:
        if collecting:
            gc.enable()


def _load(root: Path, options: VaultOptions, before: dict[VaultPath, Note]) -> Graph:
    scan = scan_vault(root, ScanOptions(exclude=tuple(options.exclude)))
    diagnostics: list[Diagnostic] = list(scan.diagnostics)
    excluded: set[VaultPath] = set(scan.excluded)
    notes: dict[VaultPath, Note] = {}
    total = len(scan.notes)
    progress = options.progress
    folders = tuple(f"{f.strip('/')}/" for f in options.unpublished_folders if f.strip("/"))
    for done, path in enumerate(scan.notes, 1):
        if folders and path.startswith(folders) and path.lower().endswith(".md"):
            excluded.add(path)
            continue
        try:
            text, problems = read_text(scan.root, path)
        except OSError as exc:
            diagnostics.append(
                Diagnostic(path, 0, "warning", Code.UNREADABLE, f"cannot read: {exc.strerror or exc}")
            )
            continue
        old = before.get(path)
        # A parse is pure (text in, data out) and never mutated later, so an unchanged text's is reused.
        if old is not None and old.text == text:
            parsed = old.parsed
        else:
            parsed = parse_canvas_note(path, text) if is_canvas(path) else parse_note(path, text)
        if parsed.frontmatter.get("publish") is False:
            excluded.add(path)
        else:
            diagnostics.extend(problems)
            notes[path] = Note(path, text, parsed)
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
    return build_graph(notes, scan.attachments, excluded, diagnostics)
