"""The one exception type for expected failures; the CLI turns it into one line on stderr."""

from __future__ import annotations


class GeneratorError(Exception):
    """An expected failure (bad usage, unreadable vault, failed MkDocs build), with where it happened."""

    def __init__(self, message: str, path: str | None = None, line: int = 0) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")
