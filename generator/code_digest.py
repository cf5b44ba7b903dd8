"""Digests of code, for the caches: a cached result is reused only while the code that made it is
the same.

- `tree_digest(root)`: every file of a package tree (its .py files, templates, assets), by path and
  bytes. The block cache hashes the whole `activations` package; the render and page caches the
  whole `generator` package. Hashing everything is honest where tracking which helper a result
  used is not, and costs a few milliseconds.
- `stack_versions()`: the versions of the markdown stack that turns the generated docs into HTML.

Both are computed once per process: a running process keeps the code it imported anyway.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = ["GENERATOR", "MARKDOWN_STACK", "stack_versions", "tree_digest"]

GENERATOR = Path(__file__).resolve().parent  # the generator package

# Every library between the generated markdown and the site's HTML.
MARKDOWN_STACK = ("Markdown", "pymdown-extensions", "mkdocs-jupyter", "Pygments", "mkdocs-material", "mkdocs")

_SKIP_DIRS = frozenset({"__pycache__"})
_SKIP_SUFFIXES = frozenset({".pyc", ".pyo"})


@functools.lru_cache(maxsize=8)
def tree_digest(root: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """A digest of every file under `root` (compiled bytecode and caches left out), or of those
    whose names end with one of `suffixes`."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or path.suffix in _SKIP_SUFFIXES or _SKIP_DIRS.intersection(rel.parts):
            continue
        if suffixes is not None and not path.name.endswith(suffixes):
            continue
        h.update(rel.as_posix().encode("utf-8", "surrogatepass") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _installed(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "missing"


def stack_versions(lookup: Callable[[str], str] | None = None) -> str:
    """ "Markdown==3.11.3 pymdown-extensions==13.1 ...": the markdown stack's installed versions."""
    lookup = lookup or _installed
    return " ".join(f"{name}=={lookup(name)}" for name in MARKDOWN_STACK)
