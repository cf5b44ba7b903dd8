"""The Jinja environment for the page templates in `generator/templates/`, and their front matter."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
import yaml

__all__ = ["TEMPLATES", "dump_yaml", "template"]

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


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: 20x faster when present


def dump_yaml(data: dict[str, Any]) -> str:
    """Front matter as YAML (block style, Unicode kept, keys in the order given)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
