"""A view evaluated: which files are its rows, in which order and groups, with which values and summaries.

Rules beyond Obsidian's docs, chosen to be predictable and written down in docs/bases.md: rows start
in file-name order (natural, case-insensitive); each `sort` key then orders them stably; missing
values sort last in either direction; `limit` keeps the first rows after sorting, before grouping.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.engine.model import VaultPath
from generator.queries.base import Base, FilterNode, Located, View
from generator.queries.errors import BaseError
from generator.queries.evaluate import Compiled, Env, Scope, compile_expression
from generator.queries.functions import FILE_FIELDS, file_field
from generator.queries.ops import equals, order_key
from generator.queries.values import Date, Duration, FileRef, Link, RowRef, truthy
from generator.queries.vaultdata import VaultData

__all__ = ["BaseRunner", "Column", "Group", "Row", "ViewResult", "column_label"]

Filter = Callable[[Scope], bool]


@dataclass(frozen=True)
class Column:
    key: str  # as written in `order`: "file.name", "note.age", "age", "formula.ppu"
    label: str  # the display name


@dataclass
class Row:
    path: VaultPath
    values: list[Any]  # one per column
    image: Any = None  # cards: the cover image property's value
    coordinates: tuple[float, float] | None = None  # map


@dataclass
class Group:
    key: Any  # the groupBy value (None when the view is not grouped, or for rows without a value)
    rows: list[Row]
    summaries: dict[str, Any] = field(default_factory=dict)  # column key -> summary value


@dataclass
class ViewResult:
    view: View
    columns: list[Column]
    groups: list[Group]
    grouped: bool
    total: int  # rows before `limit`

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


def column_label(key: str, names: dict[str, str]) -> str:
    """The display name: `properties.<key>.displayName`, else the key without `note.`/`formula.`."""
    if key in names:
        return names[key]
    for prefix in ("note.", "formula."):
        if key.startswith(prefix):
            bare = key[len(prefix) :]
            return names.get(bare, bare) if prefix == "note." else bare
    if not key.startswith("file.") and f"note.{key}" in names:
        return names[f"note.{key}"]
    if key == "file.name":
        return "file name"
    return key


def _located(exc: BaseError, expression: str, line: int) -> BaseError:
    return exc.located(expression, line)


class BaseRunner:
    """One base compiled for one `this`: its global filter applied once, each view on demand."""

    def __init__(
        self,
        base: Base,
        data: VaultData,
        source: VaultPath,
        this: VaultPath | None,
        env_now: Date | None = None,
    ) -> None:
        self.base = base
        self.data = data
        self.env = Env(data, source, this)
        if env_now is not None:
            self.env.now = env_now
        self.offset = base.line_offset
        names = set(base.formulas)
        for name, expr in base.formulas.items():
            self.env.formula_text[name] = str(expr)
            self.env.formulas[name] = self._compile(expr, names)
        self._global = self._filter(base.filters) if base.filters is not None else None
        self._rows: list[VaultPath] | None = None

    def _line(self, value: Any, default: int = 1) -> int:
        return getattr(value, "line", default) + self.offset

    def _compile(self, expr: str, names: set[str] | None = None, line: int | None = None) -> Compiled:
        at = self._line(expr) if line is None else line
        try:
            return compile_expression(str(expr), set(self.base.formulas) if names is None else names, at)
        except BaseError as exc:
            raise _located(exc, str(expr), at) from None

    def _filter(self, node: FilterNode) -> Filter:
        if node.op == "expr":
            compiled = self._compile(Located(node.expression, node.line))

            def test(scope: Scope) -> bool:
                value = compiled(scope)
                return value if value is True or value is False else truthy(value)

            return test
        children = [self._filter(c) for c in node.children]
        if node.op == "and":
            if len(children) == 1:
                return children[0]
            # Nested pairs: two calls per child instead of a generator per row.
            chain = children[-1]
            for child in reversed(children[:-1]):
                chain = _both(child, chain)
            return chain

        def any_of(scope: Scope) -> bool:
            return any(child(scope) for child in children)

        if node.op == "or":
            return any_of
        return lambda scope: not any_of(scope)

    def _accessor(self, key: str, line: int) -> Compiled:
        if key.startswith("formula."):
            name = key[len("formula.") :]
            if name not in self.base.formulas:
                raise BaseError(f"unknown formula 'formula.{name}'", key, line)
            return lambda scope: scope.formula(name)
        if key.startswith("file."):
            name = key[len("file.") :]
            if name not in FILE_FIELDS:
                raise BaseError(f"unknown file property 'file.{name}'", key, line)
            return lambda scope: file_field(scope, scope.row, name) if scope.row is not None else None
        name = key[len("note.") :] if key.startswith("note.") else key
        return lambda scope: scope.property(name)

    def rows(self) -> list[VaultPath]:
        """Files passing the global filter, in file-name order."""
        if self._rows is None:
            files = self.data.files_by_name()
            test = self._global
            if test is None:
                self._rows = files
            else:
                env = self.env
                self._rows = [p for p in files if test(Scope(env, p))]
        return self._rows

    def run(self, view: View) -> ViewResult:
        """The view's rows, groups and summaries; BaseError for any problem in its expressions."""
        line = view.line + self.offset
        test = self._filter(view.filters) if view.filters is not None else None
        keys = view.order or ["file.name"]
        getters = [self._accessor(k, line) for k in keys]
        sorts = [(self._accessor(s.property, s.line + self.offset), s.descending) for s in view.sort]
        group = self._accessor(view.group_by.property, line) if view.group_by is not None else None
        image = self._accessor(view.image, line) if view.image else None
        coords = self._accessor(view.coordinates, line) if view.coordinates else None
        env = self.env
        scopes = [Scope(env, p) for p in self.rows()]
        if test is not None:
            scopes = [s for s in scopes if test(s)]
        for getter, descending in reversed(sorts):
            scopes = _sorted(scopes, [getter(s) for s in scopes], descending)
        total = len(scopes)
        if view.limit is not None:
            scopes = scopes[: view.limit]
        rows = []
        for s in scopes:
            assert s.row is not None
            row = Row(s.row, [g(s) for g in getters])
            if image is not None:
                row.image = image(s)
            if coords is not None:
                row.coordinates = coordinates(coords(s))
            rows.append(row)
        columns = [Column(k, column_label(k, self.base.display_names)) for k in keys]
        if group is not None and view.group_by is not None:
            values = [group(s) for s in scopes]
            groups = _groups(rows, values, view.group_by.descending)
        else:
            groups = [Group(None, rows)]
        for g in groups:
            g.summaries = self._summaries(view, columns, g.rows, line)
        return ViewResult(view, columns, groups, group is not None, total)

    def _summaries(self, view: View, columns: list[Column], rows: list[Row], line: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for n, column in enumerate(columns):
            name = view.summaries.get(column.key)
            if name is None and column.key.startswith("note."):
                name = view.summaries.get(column.key[5:])
            if name is None and not column.key.startswith(("note.", "file.", "formula.")):
                name = view.summaries.get(f"note.{column.key}")
            if name is None:
                continue
            values = [r.values[n] for r in rows]
            custom = self.base.summaries.get(name)
            if custom is not None:
                compiled = self._compile(custom, line=self._line(custom))
                out[column.key] = compiled(Scope(self.env, None, {"values": values}))
                continue
            fn = DEFAULT_SUMMARIES.get(name.lower())
            if fn is None:
                raise BaseError(f"unknown summary {name!r}", name, line)
            out[column.key] = fn(values)
        return out


def _both(first: Filter, second: Filter) -> Filter:
    return lambda scope: first(scope) and second(scope)


def _sorted(scopes: list[Scope], values: list[Any], descending: bool) -> list[Scope]:
    """Stable; missing values last whichever the direction."""
    present = [(order_key(v), s) for v, s in zip(values, scopes, strict=True) if v is not None and v != []]
    missing = [s for v, s in zip(values, scopes, strict=True) if v is None or v == []]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [s for _, s in present] + missing


def _group_key(value: Any) -> Any:
    """A hashable key equal for values `==` calls equal (links by the file they resolve to)."""
    if value is None or isinstance(value, str | bool):
        return (type(value).__name__, value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, Date):
        return ("date", value.ms)
    if isinstance(value, Link):
        return ("file", value.path) if value.path is not None else ("link", value.target)
    if isinstance(value, FileRef | RowRef):
        return ("file", value.path)
    if isinstance(value, list):
        return ("list", tuple(_group_key(v) for v in value))
    return ("other", id(value))  # no two such values share a group unless they are one value


def _groups(rows: list[Row], values: list[Any], descending: bool) -> list[Group]:
    groups: list[Group] = []
    by_key: dict[Any, Group] = {}
    for row, value in zip(rows, values, strict=True):
        key = _group_key(value)
        group = by_key.get(key)
        if group is None:
            if key[0] == "other":  # objects, durations...: compared one by one
                group = next((g for g in groups if equals(g.key, value)), None)
            if group is None:
                group = by_key[key] = Group(value, [])
                groups.append(group)
        group.rows.append(row)
    present = [g for g in groups if g.key is not None]
    present.sort(key=lambda g: order_key(g.key), reverse=descending)
    return present + [g for g in groups if g.key is None]


def coordinates(value: Any) -> tuple[float, float] | None:
    """`"48.85, 2.29"` or `[48.85, 2.29]` (numbers or numeric strings) as (latitude, longitude)."""
    parts: list[Any]
    if isinstance(value, str):
        parts = [p.strip() for p in value.split(",")]
    elif isinstance(value, list):
        parts = value
    else:
        return None
    if len(parts) != 2:
        return None
    try:
        lat, lng = float(parts[0]), float(parts[1])
    except (TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return lat, lng


# -- default summaries (Obsidian's "Default Summary Formulas") ---------------------------------------


def _numbers(values: list[Any]) -> list[float]:
    return [v for v in values if isinstance(v, int | float) and not isinstance(v, bool) and not math.isnan(v)]


def _dates(values: list[Any]) -> list[Date]:
    return [v for v in values if isinstance(v, Date)]


def _empty(v: Any) -> bool:
    return v is None or v == "" or v == [] or v == {}


def _range(values: list[Any]) -> Any:
    dates = _dates(values)
    if dates and not _numbers(values):
        return Duration(0, max(d.ms for d in dates) - min(d.ms for d in dates))
    nums = _numbers(values)
    return max(nums) - min(nums) if nums else None


def _unique(values: list[Any]) -> int:
    seen: list[Any] = []
    for v in values:
        if not _empty(v) and not any(equals(v, s) for s in seen):
            seen.append(v)
    return len(seen)


def _stat(fn: Callable[[list[float]], Any], least: int = 1) -> Callable[[list[Any]], Any]:
    def run(values: list[Any]) -> Any:
        nums = _numbers(values)
        return fn(nums) if len(nums) >= least else None

    return run


DEFAULT_SUMMARIES: dict[str, Callable[[list[Any]], Any]] = {
    "average": _stat(lambda n: sum(n) / len(n)),
    "min": _stat(min),
    "max": _stat(max),
    "sum": lambda values: sum(_numbers(values)),
    "range": _range,
    "median": _stat(statistics.median),
    "stddev": _stat(statistics.pstdev),
    "earliest": lambda values: min(_dates(values), key=lambda d: d.ms, default=None),
    "latest": lambda values: max(_dates(values), key=lambda d: d.ms, default=None),
    "checked": lambda values: sum(1 for v in values if v is True),
    "unchecked": lambda values: sum(1 for v in values if v is False),
    "empty": lambda values: sum(1 for v in values if _empty(v)),
    "filled": lambda values: sum(1 for v in values if not _empty(v)),
    "unique": _unique,
}
