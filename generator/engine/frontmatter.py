"""YAML frontmatter ("Properties" in Obsidian): read it, check the keys Obsidian knows.

A note with invalid YAML is still built from its body; the problem becomes a warning with
the file and the line YAML points at. Every key is kept, known or not.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.engine.model import Code, Diagnostic

try:  # libyaml is ~10x faster than the pure-Python loader: it matters for 10,000 notes.
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# Obsidian starts properties only with "---" on the very first line, and ends them at the
# next line that is exactly "---".
_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^---[ \t]*$", re.M)

# Property -> the kinds of value Obsidian accepts for it.
_LIST_OR_STRING = ("tags", "aliases", "cssclasses")
_STRINGS = ("permalink", "description", "title")


@dataclass
class Frontmatter:
    data: dict[str, Any]
    body_start: int  # offset just after the closing "---" line
    body_start_line: int  # 1-based line of body_start
    diagnostics: list[Diagnostic] = field(default_factory=list)


def parse_frontmatter(path: str, text: str) -> Frontmatter:
    """The properties of a note and where its body starts; never raises on bad YAML."""
    if not text.startswith("---"):
        return Frontmatter({}, 0, 1)
    opening = _OPEN.match(text)
    if opening is None:
        return Frontmatter({}, 0, 1)
    close = _CLOSE.search(text, opening.end())
    if close is None:  # an unclosed "---" is a thematic break, not properties
        return Frontmatter({}, 0, 1)
    yaml_text = text[opening.end() : close.start()]
    body_start = close.end() + 1 if close.end() < len(text) else close.end()
    body_start_line = text.count("\n", 0, body_start) + 1
    result = Frontmatter({}, body_start, body_start_line)
    try:
        data = _simple_yaml(yaml_text)
        if data is None:
            data = yaml.load(yaml_text, Loader=_Loader) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        last = 1 + yaml_text.count("\n")  # the last line of the YAML, before the closing ---
        line = min(2 + (mark.line if mark is not None else 0), max(last, 2))
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        result.diagnostics.append(
            Diagnostic(path, line, "warning", Code.INVALID_YAML, f"invalid YAML in properties: {problem}")
        )
        return result
    if data is None:
        data = {}
    if not isinstance(data, dict):
        result.diagnostics.append(
            Diagnostic(path, 2, "warning", Code.INVALID_YAML, "properties must be a mapping of key: value")
        )
        return result
    result.data = {str(k): v for k, v in data.items()}
    result.diagnostics.extend(_check_properties(path, result.data, yaml_text))
    return result


# The fast path: most properties are "key: word words" lines and lists of such words, which
# YAML reads as strings. Anything else (quotes, numbers, dates, booleans, nesting, ":" or "#"
# in a value...) goes to PyYAML; tests compare both on generated frontmatter.
_SIMPLE_KEY = re.compile(r"([A-Za-z_][\w-]*):(?:[ ]+(.*?))?[ ]*$")
_SIMPLE_ITEM = re.compile(r"([ ]*)-[ ]+(.*?)[ ]*$")
_PLAIN = re.compile(r"[^\W\d_][\w ./()'+-]*")
_YAML_WORDS = frozenset(
    ("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False")
    + ("FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL")
)


def _plain(value: str) -> bool:
    return bool(_PLAIN.fullmatch(value)) and value not in _YAML_WORDS


def _simple_yaml(yaml_text: str) -> dict[str, Any] | None:
    """The mapping PyYAML would read from simple frontmatter, or None to let PyYAML read it."""
    data: dict[str, Any] = {}
    bare: list[str] = []  # keys written "key:", with a list under them or nothing (null)
    items: list[str] | None = None
    indent: str | None = None
    for line in yaml_text.split("\n"):
        if not line.strip():
            continue
        if items is not None and line[:1] in " -":
            m = _SIMPLE_ITEM.match(line)
            if m is None or not _plain(m.group(2)) or indent not in (None, m.group(1)):
                return None
            indent = m.group(1)
            items.append(m.group(2))
            continue
        m = _SIMPLE_KEY.match(line)
        if m is None or m.group(1) in _YAML_WORDS:
            return None
        key, value = m.group(1), m.group(2)
        if key in data:
            return None  # a repeated key: PyYAML decides which value counts
        items = indent = None
        if value is None:
            items = data[key] = []
            bare.append(key)
        elif value.startswith("[") and value.endswith("]"):
            inner = value[1:-1].strip()
            parts = [v.strip() for v in inner.split(",")] if inner else []
            if not all(_plain(v) for v in parts):
                return None
            data[key] = parts
        elif _plain(value):
            data[key] = value
        else:
            return None
    for key in bare:
        if not data[key]:
            data[key] = None  # "key:" with nothing under it is null, not an empty list
    return data


def _key_line(yaml_text: str, key: str) -> int:
    """The file line of `key:` in the frontmatter (line 1 is the opening ---)."""
    m = re.search(rf"^{re.escape(key)}\s*:", yaml_text, re.M)
    return 2 + yaml_text.count("\n", 0, m.start()) if m else 1


def _check_properties(path: str, data: dict[str, Any], yaml_text: str) -> list[Diagnostic]:
    problems: list[Diagnostic] = []

    def bad(key: str, message: str) -> None:
        problems.append(
            Diagnostic(path, _key_line(yaml_text, key), "warning", Code.INVALID_PROPERTY, message)
        )

    for key in _LIST_OR_STRING:
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            continue
        if not isinstance(value, list) or not all(
            isinstance(v, str | int | float) for v in value if v is not None
        ):
            bad(key, f"property '{key}' should be a list of text or a text, not {type(value).__name__}")
    publish = data.get("publish")
    if publish is not None and not isinstance(publish, bool):
        bad("publish", f"property 'publish' should be true or false, not {publish!r}")
    for key in _STRINGS:
        value = data.get(key)
        if value is not None and not isinstance(value, str | int | float | datetime.date):
            bad(key, f"property '{key}' should be text, not {type(value).__name__}")
    return problems


def frontmatter_tags(value: Any) -> list[str]:
    """`tags` as a list: a string "a, b" or "a b" is split as Obsidian splits it; a leading "#" is dropped."""
    if value is None:
        return []
    if isinstance(value, str):
        items = re.split(r"[,\s]+", value)
    elif isinstance(value, list):
        items = [str(v).strip() for v in value if v is not None]
    else:
        return []
    return [t.lstrip("#") for t in items if t.lstrip("#")]
