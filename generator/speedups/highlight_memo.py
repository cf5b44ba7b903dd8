"""Pygments' set-up per code block, done once per build process instead.

`pymdownx.highlight` makes a new Pygments formatter and looks its lexer up by name for every code
block. The formatter's constructor rebuilds the whole style table (`_create_stylesheet`: every
token type of the style, formatted as CSS) and the lookup walks Pygments' list of lexers (and, for
a name it does not know, every installed plugin's). On the 2,000-note benchmark vault that was
about a twentieth of MkDocs' markdown conversion. `install` keeps both per process:
- the style table per (style, class prefix): the formatter only reads it after construction;
- the lexer class per name (`pygments.lexers.find_lexer_class_by_name`, Pygments' own lookup), a
  new lexer instance with the block's options still made for every block.
`python -m generator build` installs it for its MkDocs run; `tests/generator/test_highlight_memo.py`
holds highlighted blocks (several languages, unknown names, styles, prefixes, inline styles) to
what Pygments and pymdownx give without it.
"""

from __future__ import annotations

from typing import Any

import pymdownx.highlight
from pygments.formatters.html import HtmlFormatter
from pygments.lexers import find_lexer_class_by_name, get_lexer_by_name
from pygments.util import ClassNotFound

__all__ = ["install", "uninstall"]

_ORIGINAL_STYLESHEET = HtmlFormatter._create_stylesheet
_sheets: dict[tuple[Any, str], tuple[dict[Any, str], dict[str, Any]]] = {}
_lexers: dict[str, type | None] = {}


def _create_stylesheet(self: HtmlFormatter) -> None:  # type: ignore[type-arg]
    key = (self.style, self.classprefix)
    found = _sheets.get(key)
    if found is None:
        _ORIGINAL_STYLESHEET(self)
        _sheets[key] = (self.ttype2class, self.class2style)
    else:
        self.ttype2class, self.class2style = found


def _get_lexer_by_name(_alias: str, **options: Any) -> Any:
    try:
        cls = _lexers[_alias]
    except KeyError:
        try:
            cls = find_lexer_class_by_name(_alias)
        except ClassNotFound:
            cls = None
        _lexers[_alias] = cls
    if cls is None:
        raise ClassNotFound(f"no lexer for alias {_alias!r} found")
    return cls(**options)


def install() -> None:
    """Keep Pygments' style tables and lexer lookups in this process (idempotent)."""
    HtmlFormatter._create_stylesheet = _create_stylesheet  # type: ignore[method-assign]
    pymdownx.highlight.get_lexer_by_name = _get_lexer_by_name


def uninstall() -> None:
    HtmlFormatter._create_stylesheet = _ORIGINAL_STYLESHEET  # type: ignore[method-assign]
    pymdownx.highlight.get_lexer_by_name = get_lexer_by_name
    _sheets.clear()
    _lexers.clear()
