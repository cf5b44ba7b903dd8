"""Operators and conversions of the Bases language: `==`, `<`, `+`, date arithmetic, `toString`."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from generator.queries.errors import BaseError
from generator.queries.values import (
    Date,
    Duration,
    FileRef,
    Html,
    Icon,
    Image,
    Link,
    Regex,
    RowRef,
    add_duration,
    js_number,
    parse_duration,
    type_name,
)

__all__ = ["arithmetic", "compare", "equals", "order_key", "to_string"]


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _file_path(v: Any) -> str | None:
    if isinstance(v, FileRef | RowRef):
        return v.path
    return None


_SIMPLE = frozenset({str, int, float, bool, type(None)})


def equals(a: Any, b: Any) -> bool:
    """`==`: any two values. Links equal files they resolve to and links to the same file."""
    kind = type(a)
    if kind is type(b) and kind in _SIMPLE:  # the common cases first: same plain type
        return bool(a == b)
    if kind is Link and type(b) is Link:
        return a.same(b)
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if isinstance(a, Link):
        if isinstance(b, Link):
            return a.same(b)
        path = _file_path(b)
        return path is not None and a.path == path
    if isinstance(b, Link):
        return equals(b, a)
    pa, pb = _file_path(a), _file_path(b)
    if pa is not None or pb is not None:
        return pa == pb
    if isinstance(a, Date) and isinstance(b, Date):
        return a.ms == b.ms
    if isinstance(a, Duration) and isinstance(b, Duration):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equals(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equals(a[k], b[k]) for k in a)
    if type(a) is type(b):
        return bool(a == b)
    return False


def compare(op: str, a: Any, b: Any) -> bool:
    """`<`, `<=`, `>`, `>=` on numbers, strings, dates and durations; a missing value compares false;
    other pairs (a string and a date, say) are a type error, as in Obsidian."""
    if a is None or b is None:
        return False
    if (_is_number(a) or isinstance(a, bool)) and (_is_number(b) or isinstance(b, bool)):
        x, y = float(a), float(b)
    elif isinstance(a, str) and isinstance(b, str):
        x, y = a, b  # type: ignore[assignment]
    elif isinstance(a, Date) and isinstance(b, Date):
        x, y = a.ms, b.ms
    elif isinstance(a, Duration) and isinstance(b, Duration):
        x, y = a.total_ms(), b.total_ms()
    else:
        raise BaseError(f"cannot compare {type_name(a)} {op} {type_name(b)}")
    if op == "<":
        return x < y
    if op == "<=":
        return x <= y
    if op == ">":
        return x > y
    return x >= y


def _as_duration(v: Any) -> Duration | None:
    if isinstance(v, Duration):
        return v
    if isinstance(v, str):
        return parse_duration(v)
    return None


def _number(x: float) -> int | float:
    """Keep integer results integers (they print and compare the same either way)."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def arithmetic(op: str, a: Any, b: Any) -> Any:
    """`+ - * / %`; `+` joins text; dates move by durations (`date + "1M"`); `date - date` is milliseconds."""
    if _is_number(a) and _is_number(b):
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return _number(a * b)
        if op == "/":
            if b == 0:
                if a == 0 or a != a:
                    return math.nan
                return math.copysign(math.inf, a) * math.copysign(1.0, b)
            return _number(a / b)
        if b == 0:
            return math.nan
        return _number(math.fmod(a, b))
    if isinstance(a, Date):
        if op in "+-":
            if isinstance(b, Date) and op == "-":
                return a.ms - b.ms
            d = _as_duration(b)
            if d is not None:
                return add_duration(a, d, 1 if op == "+" else -1)
            if _is_number(b):
                return add_duration(a, Duration(0, b), 1 if op == "+" else -1)
        if op == "+" and isinstance(b, str):
            return to_string(a) + b
    if isinstance(a, Duration):
        if op in "*/" and _is_number(b):
            if op == "/" and b == 0:
                raise BaseError("duration divided by zero")
            return a.scaled(b if op == "*" else 1 / b)
        if op in "+-":
            d = _as_duration(b)
            if d is not None:
                sign = 1 if op == "+" else -1
                return Duration(a.months + d.months * sign, a.ms + d.ms * sign)
            if isinstance(b, Date) and op == "+":
                return add_duration(b, a)
    if op == "+" and (isinstance(a, str) or isinstance(b, str)):
        return to_string(a) + to_string(b)
    if op == "+" and isinstance(a, list) and isinstance(b, list):
        return [*a, *b]
    if a is None or b is None:
        return None
    raise BaseError(f"cannot apply {op!r} to {type_name(a)} and {type_name(b)}")


def to_string(v: Any) -> str:
    """`toString()` and text concatenation: numbers as JavaScript writes them, dates as ISO text."""
    if v is None:
        return "null"
    if v is True or v is False:
        return "true" if v else "false"
    if isinstance(v, int | float):
        return js_number(v)
    if isinstance(v, str):
        return v
    if isinstance(v, Date):
        fmt = "%Y-%m-%d %H:%M:%S" if v.time else "%Y-%m-%d"
        return v.value.strftime(fmt)
    if isinstance(v, Duration):
        return js_number(v.total_ms())
    if isinstance(v, Link):
        return to_string(v.display) if v.display is not None else v.target
    if isinstance(v, FileRef | RowRef):
        return v.path
    if isinstance(v, list):
        return ",".join("" if x is None else to_string(x) for x in v)
    if isinstance(v, dict):
        return json.dumps({k: to_string(x) for k, x in v.items()}, ensure_ascii=False)
    if isinstance(v, Regex):
        return f"/{v.source}/{v.flags}"
    if isinstance(v, Html):
        return v.html
    if isinstance(v, Icon):
        return v.name
    if isinstance(v, Image):
        return to_string(v.src)
    return str(v)


_RANK = {"boolean": 0, "number": 1, "date": 2, "duration": 3, "string": 4, "link": 5, "file": 5}


def _natural(text: str) -> tuple[Any, ...]:
    """Text ordered case-insensitively with runs of digits as numbers ("Note 2" before "Note 10")."""
    parts = re.split(r"(\d+)", text.casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p != "")


def order_key(v: Any) -> tuple[Any, ...]:
    """A sort key putting values of one type in their natural order, types in a fixed order."""
    name = type_name(v)
    rank = _RANK.get(name, 6)
    if name in ("boolean", "number"):
        return (rank, float(v))
    if isinstance(v, Date):
        return (rank, v.ms)
    if isinstance(v, Duration):
        return (rank, v.total_ms())
    return (rank, _natural(to_string(v)))
