"""The queries stage: Obsidian Bases (`.base` files, `base` code blocks) evaluated against the vault graph.

    parse_base(yaml_text) -> Base                 the model (filters, formulas, properties, views)
    BaseRunner(base, VaultData(graph, stat), source, this).run(view) -> ViewResult
    BaseSources(graph, vault_dir)                 reads each `.base` file once (read-only)

Expressions are parsed by our own recursive-descent parser (`parser.py`) and compiled into
closures (`evaluate.py`); nothing from a vault ever reaches Python's `eval`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.engine.model import Code, Diagnostic, Graph, VaultPath
from generator.engine.scan import read_text
from generator.queries.base import Base, View, parse_base
from generator.queries.errors import BaseError
from generator.queries.run import BaseRunner, Column, Group, Row, ViewResult
from generator.queries.vaultdata import VaultData, stat_reader

__all__ = [
    "BASE_ERROR",
    "Base",
    "BaseError",
    "BaseRunner",
    "BaseSources",
    "Column",
    "Group",
    "LoadedBase",
    "Row",
    "VaultData",
    "View",
    "ViewResult",
    "base_files",
    "check_bases",
    "parse_base",
    "stat_reader",
]

BASE_ERROR = Code.BASE_FAILED  # the code of every base problem (an error: `build` exits 1)


def base_files(graph: Graph) -> list[VaultPath]:
    """The vault's `.base` files (attachments to the engine), sorted."""
    return sorted(p for p in graph.attachments if p.lower().endswith(".base"))


@dataclass
class LoadedBase:
    path: VaultPath
    text: str
    base: Base | None  # None: it could not be read or parsed (see `error`)
    error: BaseError | None = None

    def diagnostic(self) -> Diagnostic | None:
        if self.error is None:
            return None
        return Diagnostic(self.path, self.error.line, "error", BASE_ERROR, str(self.error))


class BaseSources:
    """The `.base` files of a vault, each read and parsed once per render."""

    def __init__(self, graph: Graph, vault_dir: Path | None) -> None:
        self.graph = graph
        self.vault_dir = vault_dir
        self._loaded: dict[VaultPath, LoadedBase] = {}
        self._data: VaultData | None = None

    @property
    def data(self) -> VaultData:
        if self._data is None:
            stat = stat_reader(self.vault_dir) if self.vault_dir is not None else None
            self._data = VaultData(self.graph, stat)
        return self._data

    def load(self, path: VaultPath) -> LoadedBase:
        found = self._loaded.get(path)
        if found is None:
            found = self._loaded[path] = self._read(path)
        return found

    def _read(self, path: VaultPath) -> LoadedBase:
        if self.vault_dir is None:
            return LoadedBase(path, "", None, BaseError("the vault folder is not known: base not read"))
        try:
            text, _ = read_text(self.vault_dir, path)
        except OSError as exc:
            return LoadedBase(path, "", None, BaseError(f"cannot read: {exc.strerror or exc}"))
        try:
            return LoadedBase(path, text, parse_base(text))
        except BaseError as exc:
            return LoadedBase(path, text, None, exc)

    def texts(self) -> dict[VaultPath, str]:
        """Every `.base` file's text (for the render cache's digest)."""
        return {p: self.load(p).text for p in base_files(self.graph)}


def check_bases(graph: Graph, vault_dir: Path) -> list[Diagnostic]:
    """Every problem `build` would report for the vault's bases (files and `base` blocks), by evaluating
    each view once: as a page (`this` = the base file) and, for blocks, in their note."""
    sources = BaseSources(graph, vault_dir)
    problems: list[Diagnostic] = []
    for path in base_files(graph):
        loaded = sources.load(path)
        if loaded.base is None:
            d = loaded.diagnostic()
            if d is not None:
                problems.append(d)
            continue
        problems.extend(_check(loaded.base, sources.data, path, path))
    for note in graph.notes.values():
        for block in note.parsed.code_blocks:
            if block.info.split(maxsplit=1)[:1] != ["base"]:
                continue
            try:
                base = parse_base(block.content, line_offset=block.start_line)
            except BaseError as exc:
                problems.append(_diagnostic(note.path, exc, block.start_line))
                continue
            problems.extend(_check(base, sources.data, note.path, note.path))
    return problems


def _diagnostic(path: str, exc: BaseError, offset: int = 0) -> Diagnostic:
    line = exc.line + offset if exc.line else offset
    return Diagnostic(path, line, "error", BASE_ERROR, str(exc))


def _check(base: Base, data: VaultData, path: VaultPath, this: VaultPath) -> list[Diagnostic]:
    try:
        runner = BaseRunner(base, data, path, this)
    except BaseError as exc:
        return [_diagnostic(path, exc)]
    problems = []
    for view in base.views:
        try:
            runner.rows()
            runner.run(view)
        except BaseError as exc:
            problems.append(_diagnostic(path, exc))
    return sorted(set(problems))
