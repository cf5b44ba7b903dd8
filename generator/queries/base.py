"""`.base` files (and `base` code blocks): the YAML model of Obsidian's "Bases syntax".

```yaml
filters: {and: [...], or: [...], not: [...]} | "expression"   # nested freely
formulas: {name: "expression"}
properties: {note.status: {displayName: Status}}
summaries: {customAverage: "values.mean()"}
views:
  - {type: table|cards|list|map, name, filters, order, sort: [{property, direction}], limit,
     groupBy: {property, direction}, summaries: {property: Name}, image (cards), coordinates (map)}
```
Every expression keeps the line it is on, so an error names `file:line` and the expression.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.queries.errors import BaseError

__all__ = ["Base", "FilterNode", "Located", "SortKey", "View", "parse_base"]

VIEW_TYPES = ("table", "cards", "list", "map")


class Located(str):
    """A YAML string that remembers its 1-based line."""

    line: int

    def __new__(cls, text: str, line: int) -> Located:
        self = super().__new__(cls, text)
        self.line = line
        return self


def _line(value: Any, default: int) -> int:
    return getattr(value, "line", default)


try:  # libyaml parses ten times faster; the constructors (ours below) are the same
    _SafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, strings as `Located`."""


def _construct_str(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Located:
    return Located(loader.construct_scalar(node), node.start_mark.line + 1)


_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)


@dataclass(frozen=True)
class FilterNode:
    """`and`/`or`/`not` over children, or one expression (`op` "expr")."""

    op: str  # "and", "or", "not", "expr"
    line: int
    expression: str = ""
    children: tuple[FilterNode, ...] = ()


@dataclass(frozen=True)
class SortKey:
    property: str
    descending: bool
    line: int


@dataclass
class View:
    type: str
    name: str
    line: int
    filters: FilterNode | None = None
    order: list[str] = field(default_factory=list)
    sort: list[SortKey] = field(default_factory=list)
    limit: int | None = None
    group_by: SortKey | None = None
    summaries: dict[str, str] = field(default_factory=dict)  # property -> summary name
    image: str | None = None  # cards: the property holding the cover image
    coordinates: str | None = None  # map: the property holding "lat, lng" or [lat, lng]
    options: dict[str, Any] = field(default_factory=dict)  # everything else, as written


@dataclass
class Base:
    filters: FilterNode | None
    formulas: dict[str, Located]
    display_names: dict[str, str]
    summaries: dict[str, Located]  # custom summary formulas (over `values`)
    views: list[View]
    line_offset: int = 0  # lines before the YAML in its file (a `base` block's fence)

    def view(self, name: str | None) -> View | None:
        """The named view (case-insensitively as a fallback), or the first; None when there is none."""
        if not self.views:
            return None
        if name is None:
            return self.views[0]
        for view in self.views:
            if view.name == name:
                return view
        for view in self.views:
            if view.name.lower() == name.lower():
                return view
        return None


def _filters(value: Any, line: int) -> FilterNode:
    if isinstance(value, str):
        return FilterNode("expr", _line(value, line), expression=str(value))
    if isinstance(value, bool | int | float):
        return FilterNode("expr", line, expression=str(value).lower())
    if isinstance(value, dict):
        if len(value) != 1:
            raise BaseError("a filter group holds exactly one of 'and', 'or', 'not'", line=line)
        ((key, children),) = value.items()
        key_line = _line(key, line)
        if key not in ("and", "or", "not"):
            raise BaseError(
                f"unknown filter group {str(key)!r} (expected 'and', 'or' or 'not')", line=key_line
            )
        if children is None:
            children = []
        if not isinstance(children, list):
            children = [children]
        return FilterNode(str(key), key_line, children=tuple(_filters(c, key_line) for c in children))
    raise BaseError(f"a filter must be an expression or a group, not {type(value).__name__}", line=line)


def _sort_key(value: Any, line: int, what: str) -> SortKey:
    if isinstance(value, str):
        return SortKey(str(value), False, _line(value, line))
    if not isinstance(value, dict) or "property" not in value:
        raise BaseError(f"{what} needs a 'property'", line=line)
    prop = value["property"]
    direction = str(value.get("direction", "ASC")).upper()
    if direction not in ("ASC", "DESC"):
        raise BaseError(f"{what} direction must be ASC or DESC, not {direction!r}", line=_line(prop, line))
    return SortKey(str(prop), direction == "DESC", _line(prop, line))


def _mapping(value: Any, what: str, line: int) -> dict[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BaseError(f"'{what}' must be a mapping", line=line)
    return value


def _view(raw: Any, n: int, line: int) -> View:
    if not isinstance(raw, dict):
        raise BaseError(f"view {n + 1} must be a mapping", line=line)
    first = next(iter(raw), None)
    vline = _line(first, line)
    kind = str(raw.get("type", "table"))
    if kind not in VIEW_TYPES:
        raise BaseError(f"unknown view type {kind!r} (known: {', '.join(VIEW_TYPES)})", line=vline)
    view = View(type=kind, name=str(raw.get("name") or f"View {n + 1}"), line=vline)
    if raw.get("filters") is not None:
        view.filters = _filters(raw["filters"], vline)
    order = raw.get("order") or []
    if not isinstance(order, list):
        raise BaseError("'order' must be a list of properties", line=vline)
    view.order = [str(p) for p in order]
    sort = raw.get("sort") or []
    view.sort = [_sort_key(s, vline, "sort") for s in (sort if isinstance(sort, list) else [sort])]
    limit = raw.get("limit")
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise BaseError(f"'limit' must be a whole number, not {limit!r}", line=vline)
        view.limit = limit
    if raw.get("groupBy") is not None:
        view.group_by = _sort_key(raw["groupBy"], vline, "groupBy")
    view.summaries = {str(k): str(v) for k, v in _mapping(raw.get("summaries"), "summaries", vline).items()}
    for key in ("image", "coordinates"):
        if raw.get(key) is not None:
            setattr(view, key, str(raw[key]))
    known = {
        "type",
        "name",
        "filters",
        "order",
        "sort",
        "limit",
        "groupBy",
        "summaries",
        "image",
        "coordinates",
    }
    view.options = {str(k): v for k, v in raw.items() if k not in known}
    return view


def parse_base(text: str, line_offset: int = 0) -> Base:
    """The model of a base's YAML; BaseError (with its line in the YAML) when it is not a valid base."""
    try:
        data = yaml.load(text, Loader=_Loader) if text.strip() else {}  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise BaseError(f"invalid YAML: {problem}", line=(mark.line + 1) if mark else 1) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BaseError("a base must be a YAML mapping (filters, formulas, properties, views)", line=1)
    filters = _filters(data["filters"], 1) if data.get("filters") is not None else None
    formulas: dict[str, Located] = {}
    for name, expr in _mapping(data.get("formulas"), "formulas", 1).items():
        formulas[str(name)] = expr if isinstance(expr, Located) else Located(str(expr), _line(name, 1))
    names: dict[str, str] = {}
    for prop, config in _mapping(data.get("properties"), "properties", 1).items():
        if isinstance(config, dict) and config.get("displayName") is not None:
            names[str(prop)] = str(config["displayName"])
    summaries: dict[str, Located] = {}
    for name, expr in _mapping(data.get("summaries"), "summaries", 1).items():
        summaries[str(name)] = expr if isinstance(expr, Located) else Located(str(expr), _line(name, 1))
    raw_views = data.get("views") or []
    if not isinstance(raw_views, list):
        raise BaseError("'views' must be a list", line=1)
    views = [_view(v, n, 1) for n, v in enumerate(raw_views)]
    if not views:
        views = [View(type="table", name="Table", line=1)]
    return Base(filters, formulas, names, summaries, views, line_offset)
