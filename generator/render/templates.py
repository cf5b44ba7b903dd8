"""The Jinja environment for the page templates in `generator/templates/`."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

__all__ = ["TEMPLATES", "template"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def template(name: str) -> jinja2.Template:
    """A template by file name ("page.md.j2"), loaded once per process."""
    return _environment().get_template(name)
