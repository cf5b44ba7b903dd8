"""`python -m generator check`: every problem in a vault, one `file:line: severity: message` per line.

Broken links, missing attachments, missing headings and block ids, computed blocks that
cannot be computed and bases that cannot be evaluated are errors; invalid properties, embed cycles, over-deep embeds and unsafe
paths are warnings. (`build` has its own exit policy, generator.adapter.policy: there a broken
link is a warning, since the page shows it and the site is still right.) Diagnostics go to stdout, sorted; the summary
goes to stderr. Exit 0 when clean, 1 on any error (or any warning with --strict), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from generator.adapter.config import read_project
from generator.adapter.options import given
from generator.adapter.page_checks import page_settings_for, theme_dirs
from generator.engine.model import Diagnostic, Graph
from generator.engine.vault import VaultOptions, load_vault
from generator.errors import GeneratorError
from generator.render.page_settings import PageSettings, page_settings

__all__ = ["check_blocks", "check_vault", "run_check"]


def run_check(args: argparse.Namespace) -> int:
    err = Console(stderr=True)
    try:
        project = read_project(given(args, "config"))
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    cwd = Path.cwd()
    vault = project.path(given(args, "vault"), "vault", cwd)
    if given(args, "vault"):
        vault = Path(given(args, "vault"))  # reported as given
    elif vault.is_relative_to(cwd):
        vault = vault.relative_to(cwd)
    exclude = project.options.exclude
    if not vault.is_dir():
        print(f"error: {vault}: vault folder not found", file=sys.stderr)
        return 2
    with Progress(
        TextColumn("reading the vault"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("read", total=None)
        settings = page_settings_for(
            project.options.page_settings, theme_dirs(project.user, project.config_file)
        )
        graph, diagnostics = check_vault(
            vault, exclude, lambda done, total: progress.update(task, completed=done, total=total), settings
        )
    for d in diagnostics:
        print(
            f"{(vault / d.path).as_posix() if d.path else vault.as_posix()}:{d.line}: {d.severity}: {d.message}"
        )
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    print(
        f"check: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {len(graph.notes)} notes ({vault.as_posix()})",
        file=sys.stderr,
    )
    return 1 if errors or (getattr(args, "strict", False) and warnings) else 0


def check_vault(
    vault: Path,
    exclude: tuple[str, ...] = (),
    progress: Callable[[int, int], None] | None = None,
    settings: PageSettings | None = None,
) -> tuple[Graph, list[Diagnostic]]:
    """The graph and its problems, computed blocks, bases and Material page settings (checked against
    `settings`) included, sorted and without duplicates."""
    from generator.queries import check_bases

    graph = load_vault(vault, VaultOptions(exclude=exclude, progress=progress))
    found = set(graph.diagnostics) | set(check_blocks(graph)) | set(check_bases(graph, vault))
    if settings is not None:
        for note in graph.notes.values():
            found.update(page_settings(note, settings)[1])
    return graph, sorted(found)


def check_blocks(graph: Graph) -> Iterable[Diagnostic]:
    """Problems of computed blocks (```activation...), from each handler's `check`, computing nothing."""
    fenced = [
        (note, block) for note in graph.notes.values() for block in note.parsed.code_blocks if block.info
    ]
    if not fenced:
        return []
    from generator.blocks import BlockContext, registered

    handlers = registered()
    problems: list[Diagnostic] = []
    cache = Path(tempfile.gettempdir())
    for note, block in fenced:
        handler = handlers.get(block.info.split(maxsplit=1)[0])
        check = getattr(handler, "check", None)
        if check is None:
            continue
        ctx = BlockContext(
            note_path=note.path, line=block.start_line, page_dir="", cache_dir=cache, measure=False
        )
        problems.extend(check(block.content, ctx))
    return problems
