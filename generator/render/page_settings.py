"""Page settings for Material, taken only from where a note asks for them, and checked.

A note's properties are its data: `icon: trees`, `hide: yes` or `template: daily` in a personal
vault say something to the vault's owner, not to Material. Material reads these keys from a page's
front matter (an unknown icon or template fails the whole build, `hide: yes` raises in its
templates), so a page's front matter carries them only when the note asks through

- the `mkdocs:` property, a map: `mkdocs: {icon: material/tree, hide: [toc], status: new,
  search: {exclude: true}, template: home.html}`; or
- a top-level property named in the plugin option `page_settings` (e.g. `page_settings: [icon]`);
  a key in `mkdocs:` wins over the same top-level property.

Each value is checked against what Material accepts; a bad one is left out with a warning that
names the file and the property's line, and the page is built without it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.engine.model import Code, Diagnostic, Note

__all__ = ["HIDE_VALUES", "NAMESPACE", "SETTINGS", "PageSettings", "page_settings", "property_line"]

NAMESPACE = "mkdocs"
# Material's `hide` values (mkdocs-material 9.x: navigation, toc, footer, path, tags, feedback).
HIDE_VALUES = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})
SETTINGS = ("icon", "hide", "status", "search", "template")
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_ICON = re.compile(r"[a-z0-9_-]+(?:/[A-Za-z0-9_.-]+)+")
_TEMPLATE = re.compile(r"[A-Za-z0-9_./-]+\.html")


@dataclass(frozen=True)
class PageSettings:
    """Where the checks look: Material's (and the site's own) `.icons` folders and template folders."""

    allowed: tuple[str, ...] = ()  # top-level properties read as page settings (plugin option)
    icon_dirs: tuple[Path, ...] = ()  # folders holding `<set>/<name>.svg` (Material's `.icons`)
    template_dirs: tuple[Path, ...] = ()  # the theme's template folders

    def icon_exists(self, icon: str) -> bool:
        return any((folder / f"{icon}.svg").is_file() for folder in self.icon_dirs)

    def template_exists(self, name: str) -> bool:
        return any((folder / name).is_file() for folder in self.template_dirs)


def property_line(note: Note, key: str, sub: str | None = None) -> int:
    """The file line of the property `key` (or of `sub:` nested under it), else the key's line or 1."""
    if not note.text.startswith("---"):
        return 1
    lines = note.text.split("\n")
    found = 0
    for n, line in enumerate(lines[1:], start=2):
        if line.rstrip() == "---":
            break
        if not found:
            if re.match(rf"{re.escape(key)}\s*:", line):
                found = n
                if sub is None:
                    return n
        elif line[:1] not in (" ", "\t", "-"):
            break
        elif sub is not None and re.match(rf"\s+{re.escape(sub)}\s*:", line):
            return n
    return found or 1


@dataclass
class _Checked:
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def _check(key: str, value: Any, settings: PageSettings) -> tuple[Any, str | None]:
    """The value Material gets for `key`, or None and why it was refused."""
    if key == "icon":
        if not isinstance(value, str) or not _ICON.fullmatch(value.strip()):
            return None, f"{value!r} is not an icon name such as material/tree"
        if not settings.icon_exists(value.strip()):
            return None, f"{value!r} is not one of the theme's icons"
        return value.strip(), None
    if key == "hide":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
            return None, f"{value!r} should be a list of: {', '.join(sorted(HIDE_VALUES))}"
        unknown = [v for v in items if v not in HIDE_VALUES]
        if unknown:
            return None, f"unknown value {unknown[0]!r} (known: {', '.join(sorted(HIDE_VALUES))})"
        return list(dict.fromkeys(items)), None
    if key == "status":
        if not isinstance(value, str) or not _WORD.fullmatch(value):
            return None, f"{value!r} should be one word, such as new or deprecated"
        return value, None
    if key == "search":
        if not isinstance(value, Mapping) or not value or not set(value) <= {"exclude", "boost"}:
            return None, f"{value!r} should be a map with exclude: true/false and/or boost: a number"
        exclude, boost = value.get("exclude", False), value.get("boost", 1)
        if not isinstance(exclude, bool) or isinstance(boost, bool) or not isinstance(boost, int | float):
            return None, f"{value!r} should be a map with exclude: true/false and/or boost: a number"
        return dict(value), None
    if key == "template":
        if not isinstance(value, str) or not _TEMPLATE.fullmatch(value) or ".." in value.split("/"):
            return None, f"{value!r} should be the name of an .html template of the theme"
        if not settings.template_exists(value):
            return None, f"{value!r} is not a template of the theme"
        return value, None
    return None, f"not a page setting (known: {', '.join(SETTINGS)})"


def page_settings(note: Note, settings: PageSettings) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The Material page settings `note` asks for, checked; and a warning for each one refused."""
    out = _Checked()
    props = note.properties

    def take(key: str, value: Any, line: int, where: str) -> None:
        checked, problem = _check(key, value, settings)
        if problem is None:
            out.values[key] = checked
        else:
            message = f"page setting '{where}{key}': {problem}; left out"
            out.problems.append(Diagnostic(note.path, line, "warning", Code.INVALID_PROPERTY, message))

    for key in settings.allowed:
        if key in props and key in SETTINGS:
            take(key, props[key], property_line(note, key), "")
    namespace = props.get(NAMESPACE)
    if namespace is None:
        return out.values, out.problems
    if not isinstance(namespace, Mapping):
        line = property_line(note, NAMESPACE)
        message = f"property '{NAMESPACE}' should be a map of page settings ({', '.join(SETTINGS)}); ignored"
        out.problems.append(Diagnostic(note.path, line, "warning", Code.INVALID_PROPERTY, message))
        return out.values, out.problems
    for key, value in namespace.items():
        take(str(key), value, property_line(note, NAMESPACE, str(key)), f"{NAMESPACE}.")
    return out.values, out.problems
