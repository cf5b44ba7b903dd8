"""Wikilinks inside properties: `author: "[[Kevin Kelly]]"`, `related: ["[[A]]", "[[B|b]]"]`.

Obsidian reads a wikilink in a text property (or in an item of a list property) as a link: it
resolves like a body link and counts in backlinks, the graph and unresolved links. The YAML has
already been read (`generator.engine.frontmatter`); this module finds where each such link is
written in the frontmatter text, so that its span and line name the property's line.

A `[[...]]` counts only when it is part of a string value YAML read (a quoted
`"[[A]]"`): an unquoted `key: [[A]]` is YAML for a nested list, which Obsidian does not show
as a link either. Keys are never links. Embeds (`![[...]]`) in properties are links too: a
property shows no embedded content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.engine.links import wikilink_fields
from generator.engine.model import Link, Span

__all__ = ["property_links", "string_values", "wikilinks_in"]

_WIKI = re.compile(r"!?\[\[([^\[\]\n]+)\]\]")


def string_values(value: Any) -> Iterator[str]:
    """Every string inside a property value (lists and nested mappings walked)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from string_values(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from string_values(item)


def wikilinks_in(value: str) -> list[str]:
    """The inner text of each `[[...]]` in `value`, in order."""
    return [m.group(1) for m in _WIKI.finditer(value)] if "[[" in value else []


def property_links(text: str, body_start: int, frontmatter: dict[str, Any]) -> list[Link]:
    """The links written in the properties of a note (`text[:body_start]` is its frontmatter), in order."""
    if body_start == 0 or "[[" not in text[:body_start]:
        return []
    wanted: set[str] = set()
    for value in frontmatter.values():
        for string in string_values(value):
            wanted.update(wikilinks_in(string))
    if not wanted:
        return []
    links: list[Link] = []
    for m in _WIKI.finditer(text, 0, body_start):
        inner = m.group(1)
        if inner not in wanted or _in_key(text, m.start()):
            continue
        fields = wikilink_fields(inner, False)
        if fields is None:
            continue
        line = text.count("\n", 0, m.start()) + 1
        links.append(Link(*fields, Span(m.start(), m.end(), line), m.group(0)))
    return links


def _in_key(text: str, at: int) -> bool:
    """Whether offset `at` lies before the first ": " of an unindented `key:` line (it is in the key)."""
    line_start = text.rfind("\n", 0, at) + 1
    if text[line_start : line_start + 1] in (" ", "\t", "-"):
        return False
    colon = text.find(":", line_start, at)
    return colon < 0
