"""Speedups that reach into MkDocs', Material's or Pygments' internals: one door, one switch.

Only the adapter imports this package, and only through `select`: it says which speedups a build
may use. Each speedup names the libraries whose internals it relies on (`NEEDS`); it runs only on
the versions it was verified on (`VERIFIED`, the versions pinned in pyproject.toml), and on any
other it stays off with one logged line. `speedups: false` in the plugin options (or
`--no-speedups`) turns every one of them off: the build is then MkDocs' own. Tests hold the site
built with them to the site built without them (tests/generator/speedups/test_door.py).

- `parallel_build`: MkDocs' build with its page work shared among processes, and the page cache;
- `nav_cache`: Material's sidebar rendered once per folder, not once per page;
- `highlight_memo`: Pygments' style tables and lexer lookups kept per process;
- `compact`: the whitespace of Material's page chrome folded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

__all__ = ["NEEDS", "VERIFIED", "Selection", "select"]

log = logging.getLogger("generator.speedups")

# The versions every speedup was verified on (the test suite runs on them).
VERIFIED: Mapping[str, str] = {
    "mkdocs": "1.6.1",
    "mkdocs-material": "9.8.1",
    "Pygments": "2.21.0",
    "pymdown-extensions": "13.1",
}

# Speedup -> the libraries whose internals it uses.
NEEDS: Mapping[str, tuple[str, ...]] = {
    "parallel_build": ("mkdocs", "mkdocs-material"),  # MkDocs' build steps; Material's search and tags
    "nav_cache": ("mkdocs-material",),  # Material's nav-item.html macro
    "highlight_memo": ("Pygments", "pymdown-extensions"),  # HtmlFormatter, pymdownx.highlight's lookup
    "compact": ("mkdocs-material",),  # Material's page layout
}


@dataclass(frozen=True)
class Selection:
    """Which speedups a build uses."""

    parallel_build: bool = False
    nav_cache: bool = False
    highlight_memo: bool = False
    compact: bool = False


def installed_version(distribution: str) -> str | None:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


_told: set[str] = set()  # speedups whose refusal was logged (once per process: serve rebuilds often)


def select(enabled: bool = True, versions: Callable[[str], str | None] | None = None) -> Selection:
    """The speedups to use: none when not `enabled`; otherwise each one whose libraries are at the
    versions it was verified on (`versions`: library -> version; default: the installed ones).
    One refused is logged once, in one line."""
    if not enabled:
        return Selection()
    versions = versions or installed_version
    chosen: dict[str, bool] = {}
    for name, libraries in NEEDS.items():
        wrong = [(lib, versions(lib)) for lib in libraries if versions(lib) != VERIFIED[lib]]
        chosen[name] = not wrong
        if wrong and name not in _told:
            _told.add(name)
            found = ", ".join(f"{lib} {got or 'missing'} (verified on {VERIFIED[lib]})" for lib, got in wrong)
            log.warning("speedup %s is off: %s", name, found)
    return Selection(**chosen)
