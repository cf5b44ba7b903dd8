"""Every function of Obsidian's Bases reference (help.obsidian.md, "Bases/Functions"): global
functions, the methods of each type, and the fields of strings, lists, dates and files.

A method called on a missing value (null) gives null, so `categories.contains(...)` on a note
without `categories` leaves the row out instead of failing the view; an unknown method name is
an error at compile time (`evaluate.py`), a method the receiver's type lacks one at run time.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.engine.model import VaultPath
from generator.queries.dateformat import format_date, relative
from generator.queries.errors import BaseError
from generator.queries.ops import equals, order_key, to_string
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
    js_round,
    parse_date,
    parse_duration,
    to_fixed,
    truthy,
    type_name,
)

if TYPE_CHECKING:
    from generator.queries.scope import Compiled, Scope

__all__ = ["FILE_FIELDS", "GLOBALS", "LAZY_METHODS", "METHOD_NAMES", "Function", "index", "member", "method"]


@dataclass(frozen=True)
class Function:
    fn: Callable[..., Any]  # (scope, receiver or None, args): args are values, or closures when lazy
    min_args: int = 0
    max_args: int | None = 0  # None: any number
    lazy: bool = False  # args arrive compiled, evaluated by the function (if, filter, map, reduce)


def _f(min_args: int = 0, max_args: int | None = 0, lazy: bool = False) -> Callable[..., Function]:
    def wrap(fn: Callable[..., Any]) -> Function:
        return Function(fn, min_args, max_args, lazy)

    return wrap


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _need(v: Any, kind: str, what: str) -> Any:
    if type_name(v) != kind:
        raise BaseError(f"{what} needs a {kind}, not {type_name(v)}")
    return v


def _int(v: Any, what: str) -> int:
    if not _is_number(v) or v != v or math.isinf(v):
        raise BaseError(f"{what} needs a number, not {type_name(v)}")
    return int(v)


def js_pattern(source: str) -> str:
    """A JavaScript regular expression's source as Python's `re` reads it (named groups, `\\d`...)."""
    return re.sub(r"\(\?<([A-Za-z_]\w*)>", r"(?P<\1>", source)


def _js_replacement(text: str) -> Callable[[re.Match[str]], str]:
    """`$1`, `$&`, `$<name>` and `$$` of JavaScript's `replace`."""

    def expand(m: re.Match[str]) -> str:
        def one(r: re.Match[str]) -> str:
            token = r.group(0)
            if token == "$$":
                return "$"
            if token == "$&":
                return m.group(0)
            if token.startswith("$<"):
                return m.groupdict().get(token[2:-1]) or ""
            n = int(token[1:])
            return (m.group(n) or "") if n <= (m.re.groups or 0) else token

        return re.sub(r"\$\$|\$&|\$<\w+>|\$\d{1,2}", one, text)

    return expand


# -- global functions --------------------------------------------------------------------------------


@_f(1, 1)
def _escape_html(scope: Scope, _: Any, args: list[Any]) -> str:
    return html.escape(to_string(args[0]))


@_f(1, 1)
def _date(scope: Scope, _: Any, args: list[Any]) -> Date | None:
    value = args[0]
    if value is None or isinstance(value, Date):
        return value
    if isinstance(value, str):
        found = parse_date(value)
        if found is None:
            raise BaseError(f"date() cannot read {value!r} (expected YYYY-MM-DD or YYYY-MM-DD HH:mm:ss)")
        return found
    if _is_number(value):
        return Date(dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=value), True)
    raise BaseError(f"date() needs a string, not {type_name(value)}")


@_f(1, 1)
def _duration(scope: Scope, _: Any, args: list[Any]) -> Duration | None:
    value = args[0]
    if value is None or isinstance(value, Duration):
        return value
    if _is_number(value):
        return Duration(0, value)
    if isinstance(value, str):
        found = parse_duration(value)
        if found is None:
            raise BaseError(f"duration() cannot read {value!r} (expected e.g. '1d', '2 hours', '1M')")
        return found
    raise BaseError(f"duration() needs a string, not {type_name(value)}")


def _as_file(scope: Scope, value: Any) -> FileRef | None:
    if isinstance(value, FileRef):
        return value
    if isinstance(value, RowRef):
        return FileRef(value.path)
    if isinstance(value, Link):
        return FileRef(value.path) if value.path is not None else None
    if isinstance(value, str):
        data = scope.env.data
        if data.exists(value):
            return FileRef(VaultPath(value))
        link = data.make_link(scope.env.source, value)
        return FileRef(link.path) if link.path is not None else None
    if value is None:
        return None
    raise BaseError(f"cannot make a file of a {type_name(value)}")


@_f(1, 1)
def _file(scope: Scope, _: Any, args: list[Any]) -> FileRef | None:
    return _as_file(scope, args[0])


@_f(1, 1)
def _html(scope: Scope, _: Any, args: list[Any]) -> Html:
    return Html(to_string(args[0]))


@_f(2, 3, lazy=True)
def _if(scope: Scope, _: Any, args: list[Compiled]) -> Any:
    if truthy(args[0](scope)):
        return args[1](scope)
    return args[2](scope) if len(args) > 2 else None


@_f(1, 1)
def _image(scope: Scope, _: Any, args: list[Any]) -> Image | None:
    value = args[0]
    if value is None:
        return None
    if isinstance(value, str) and "[[" in value:
        value = scope.env.data.make_link(scope.env.source, value)
    return Image(value)


@_f(1, 1)
def _icon(scope: Scope, _: Any, args: list[Any]) -> Icon:
    return Icon(to_string(args[0]))


def _to_link(scope: Scope, value: Any, display: Any) -> Link | None:
    if isinstance(value, Link):
        return Link(value.target, display, value.path) if display is not None else value
    if isinstance(value, FileRef | RowRef):
        return scope.env.data.file_link(value.path, display)
    if value is None:
        return None
    return scope.env.data.make_link(scope.env.source, to_string(value), display)


@_f(1, 2)
def _link(scope: Scope, _: Any, args: list[Any]) -> Link | None:
    return _to_link(scope, args[0], args[1] if len(args) > 1 else None)


@_f(1, 1)
def _list(scope: Scope, _: Any, args: list[Any]) -> list[Any]:
    value = args[0]
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _extreme(args: list[Any], largest: bool, what: str) -> Any:
    values = [a for a in args if a is not None]
    if not values:
        return -math.inf if largest else math.inf
    for v in values:
        if not _is_number(v) and not isinstance(v, Date):
            raise BaseError(f"{what}() needs numbers, not {type_name(v)}")
    pick = max if largest else min
    return pick(values, key=order_key)


@_f(0, None)
def _max(scope: Scope, _: Any, args: list[Any]) -> Any:
    return _extreme(args, True, "max")


@_f(0, None)
def _min(scope: Scope, _: Any, args: list[Any]) -> Any:
    return _extreme(args, False, "min")


@_f()
def _now(scope: Scope, _: Any, args: list[Any]) -> Date:
    return scope.env.now


def to_number(value: Any) -> Any:
    if value is None or _is_number(value):
        return value
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, Date):
        return value.ms
    if isinstance(value, Duration):
        return value.total_ms()
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return 0
        try:
            number = float(text)
        except ValueError:
            raise BaseError(f"number() cannot read {value!r}") from None
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    raise BaseError(f"number() cannot convert a {type_name(value)}")


@_f(1, 1)
def _number(scope: Scope, _: Any, args: list[Any]) -> Any:
    return to_number(args[0])


@_f()
def _today(scope: Scope, _: Any, args: list[Any]) -> Date:
    return scope.env.today


@_f()
def _random(scope: Scope, _: Any, args: list[Any]) -> float:
    return scope.env.rng.random()


# Global functions whose value depends only on their arguments and the base (not on the row or the clock).
CONSTANT_GLOBALS = frozenset(
    {"escapeHTML", "date", "duration", "file", "html", "image", "icon", "link", "list", "number"}
)

GLOBALS: dict[str, Function] = {
    "escapeHTML": _escape_html,
    "date": _date,
    "duration": _duration,
    "file": _file,
    "html": _html,
    "if": _if,
    "image": _image,
    "icon": _icon,
    "link": _link,
    "list": _list,
    "max": _max,
    "min": _min,
    "now": _now,
    "number": _number,
    "today": _today,
    "random": _random,
}

# -- any type ----------------------------------------------------------------------------------------


@_f()
def _is_truthy(scope: Scope, v: Any, args: list[Any]) -> bool:
    return truthy(v)


@_f(1, 1)
def _is_type(scope: Scope, v: Any, args: list[Any]) -> bool:
    return type_name(v) == to_string(args[0]).lower()


@_f()
def _to_string(scope: Scope, v: Any, args: list[Any]) -> str:
    return to_string(v)


ANY = {"isTruthy": _is_truthy, "isType": _is_type, "toString": _to_string}

# -- dates -------------------------------------------------------------------------------------------


@_f()
def _date_date(scope: Scope, d: Date, args: list[Any]) -> Date:
    return Date(d.value.replace(hour=0, minute=0, second=0, microsecond=0), False)


@_f(0, 1)
def _date_format(scope: Scope, d: Date, args: list[Any]) -> str:
    pattern = to_string(args[0]) if args else "YYYY-MM-DDTHH:mm:ssZ"
    return format_date(d, pattern)


@_f()
def _date_time(scope: Scope, d: Date, args: list[Any]) -> str:
    return d.value.strftime("%H:%M:%S")


@_f()
def _date_relative(scope: Scope, d: Date, args: list[Any]) -> str:
    return relative(d, scope.env.now)


@_f()
def _false(scope: Scope, v: Any, args: list[Any]) -> bool:
    return False


DATE = {
    "date": _date_date,
    "format": _date_format,
    "time": _date_time,
    "relative": _date_relative,
    "isEmpty": _false,
}
DATE_FIELDS = {
    "year": lambda d: d.year,
    "month": lambda d: d.month,
    "day": lambda d: d.day,
    "hour": lambda d: d.hour,
    "minute": lambda d: d.minute,
    "second": lambda d: d.second,
    "millisecond": lambda d: d.microsecond // 1000,
}

# -- strings -----------------------------------------------------------------------------------------


def _strings(args: list[Any]) -> list[str]:
    return [to_string(a) for a in args]


@_f(1, 1)
def _s_contains(scope: Scope, s: str, args: list[Any]) -> bool:
    return to_string(args[0]) in s


@_f(1, None)
def _s_contains_all(scope: Scope, s: str, args: list[Any]) -> bool:
    return all(a in s for a in _strings(args))


@_f(1, None)
def _s_contains_any(scope: Scope, s: str, args: list[Any]) -> bool:
    return any(a in s for a in _strings(args))


@_f(1, 1)
def _s_ends_with(scope: Scope, s: str, args: list[Any]) -> bool:
    return s.endswith(to_string(args[0]))


@_f()
def _s_is_empty(scope: Scope, s: str, args: list[Any]) -> bool:
    return s == ""


@_f()
def _s_lower(scope: Scope, s: str, args: list[Any]) -> str:
    return s.lower()


@_f(2, 2)
def _s_replace(scope: Scope, s: str, args: list[Any]) -> str:
    pattern, replacement = args[0], to_string(args[1])
    if isinstance(pattern, Regex):
        count = 0 if "g" in pattern.flags else 1
        return pattern.pattern.sub(_js_replacement(replacement), s, count=count)
    return s.replace(to_string(pattern), replacement)


@_f(1, 1)
def _s_repeat(scope: Scope, s: str, args: list[Any]) -> str:
    count = _int(args[0], "repeat()")
    if count < 0:
        raise BaseError("repeat() count must not be negative")
    if len(s) * count > 10_000_000:
        raise BaseError("repeat() result too long")
    return s * count


@_f()
def _s_reverse(scope: Scope, s: str, args: list[Any]) -> str:
    return s[::-1]


def _slice_bounds(args: list[Any]) -> tuple[int | None, int | None]:
    start = _int(args[0], "slice()") if args and args[0] is not None else 0
    end = _int(args[1], "slice()") if len(args) > 1 and args[1] is not None else None
    return start, end


@_f(1, 2)
def _s_slice(scope: Scope, s: str, args: list[Any]) -> str:
    start, end = _slice_bounds(args)
    return s[start:end]


@_f(1, 2)
def _s_split(scope: Scope, s: str, args: list[Any]) -> list[str]:
    separator = args[0]
    if isinstance(separator, Regex):
        parts = separator.pattern.split(s) if separator.pattern.pattern else list(s)
        parts = [p for p in parts if p is not None]
    else:
        sep = to_string(separator)
        parts = s.split(sep) if sep else list(s)
    if len(args) > 1 and args[1] is not None:
        parts = parts[: max(0, _int(args[1], "split()"))]
    return parts


@_f(1, 1)
def _s_starts_with(scope: Scope, s: str, args: list[Any]) -> bool:
    return s.startswith(to_string(args[0]))


@_f()
def _s_title(scope: Scope, s: str, args: list[Any]) -> str:
    return re.sub(r"(^|\s)(\S)", lambda m: m.group(1) + m.group(2).upper(), s)


@_f()
def _s_trim(scope: Scope, s: str, args: list[Any]) -> str:
    return s.strip()


STRING = {
    "contains": _s_contains,
    "containsAll": _s_contains_all,
    "containsAny": _s_contains_any,
    "endsWith": _s_ends_with,
    "isEmpty": _s_is_empty,
    "lower": _s_lower,
    "replace": _s_replace,
    "repeat": _s_repeat,
    "reverse": _s_reverse,
    "slice": _s_slice,
    "split": _s_split,
    "startsWith": _s_starts_with,
    "title": _s_title,
    "trim": _s_trim,
}

# -- numbers -----------------------------------------------------------------------------------------


def _whole(x: float) -> int | float:
    return int(x) if isinstance(x, float) and x.is_integer() and abs(x) < 2**53 else x


@_f()
def _n_abs(scope: Scope, n: float, args: list[Any]) -> float:
    return abs(n)


@_f()
def _n_ceil(scope: Scope, n: float, args: list[Any]) -> float:
    return _whole(float(math.ceil(n))) if math.isfinite(n) else n


@_f()
def _n_floor(scope: Scope, n: float, args: list[Any]) -> float:
    return _whole(float(math.floor(n))) if math.isfinite(n) else n


@_f(0, 1)
def _n_round(scope: Scope, n: float, args: list[Any]) -> float:
    digits = _int(args[0], "round()") if args and args[0] is not None else 0
    if not 0 <= digits <= 100:
        raise BaseError("round() digits must be between 0 and 100")
    return _whole(js_round(float(n), digits))


@_f(1, 1)
def _n_to_fixed(scope: Scope, n: float, args: list[Any]) -> str:
    return to_fixed(float(n), _int(args[0], "toFixed()"))


NUMBER = {
    "abs": _n_abs,
    "ceil": _n_ceil,
    "floor": _n_floor,
    "isEmpty": _false,
    "round": _n_round,
    "toFixed": _n_to_fixed,
}

# -- lists -------------------------------------------------------------------------------------------


def _has(items: list[Any], value: Any) -> bool:
    return any(equals(item, value) for item in items)


@_f(1, 1)
def _l_contains(scope: Scope, items: list[Any], args: list[Any]) -> bool:
    return _has(items, args[0])


@_f(1, None)
def _l_contains_all(scope: Scope, items: list[Any], args: list[Any]) -> bool:
    return all(_has(items, a) for a in args)


@_f(1, None)
def _l_contains_any(scope: Scope, items: list[Any], args: list[Any]) -> bool:
    return any(_has(items, a) for a in args)


@_f(1, 1, lazy=True)
def _l_filter(scope: Scope, items: list[Any], args: list[Compiled]) -> list[Any]:
    test = args[0]
    return [v for i, v in enumerate(items) if truthy(test(scope.child(value=v, index=i)))]


@_f()
def _l_flat(scope: Scope, items: list[Any], args: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, list):
            out.extend(item)
        else:
            out.append(item)
    return out


@_f()
def _l_is_empty(scope: Scope, items: list[Any], args: list[Any]) -> bool:
    return not items


@_f(0, 1)
def _l_join(scope: Scope, items: list[Any], args: list[Any]) -> str:
    separator = to_string(args[0]) if args else ","
    return separator.join("" if v is None else to_string(v) for v in items)


@_f(1, 1, lazy=True)
def _l_map(scope: Scope, items: list[Any], args: list[Compiled]) -> list[Any]:
    fn = args[0]
    return [fn(scope.child(value=v, index=i)) for i, v in enumerate(items)]


@_f(2, 2, lazy=True)
def _l_reduce(scope: Scope, items: list[Any], args: list[Compiled]) -> Any:
    fn = args[0]
    acc = args[1](scope)
    for i, v in enumerate(items):
        acc = fn(scope.child(value=v, index=i, acc=acc))
    return acc


@_f()
def _l_reverse(scope: Scope, items: list[Any], args: list[Any]) -> list[Any]:
    return items[::-1]


@_f(1, 2)
def _l_slice(scope: Scope, items: list[Any], args: list[Any]) -> list[Any]:
    start, end = _slice_bounds(args)
    return items[start:end]


@_f()
def _l_sort(scope: Scope, items: list[Any], args: list[Any]) -> list[Any]:
    return sorted(items, key=order_key)


@_f()
def _l_unique(scope: Scope, items: list[Any], args: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if not _has(out, item):
            out.append(item)
    return out


@_f()
def _l_mean(scope: Scope, items: list[Any], args: list[Any]) -> Any:
    """Not in the function list, but the docs' own summary example uses it (`values.mean()`)."""
    nums = [v for v in items if _is_number(v)]
    return sum(nums) / len(nums) if nums else None


LIST = {
    "mean": _l_mean,
    "contains": _l_contains,
    "containsAll": _l_contains_all,
    "containsAny": _l_contains_any,
    "filter": _l_filter,
    "flat": _l_flat,
    "isEmpty": _l_is_empty,
    "join": _l_join,
    "map": _l_map,
    "reduce": _l_reduce,
    "reverse": _l_reverse,
    "slice": _l_slice,
    "sort": _l_sort,
    "unique": _l_unique,
}

# -- links and files ---------------------------------------------------------------------------------


@_f()
def _k_as_file(scope: Scope, link: Link, args: list[Any]) -> FileRef | None:
    return FileRef(link.path) if link.path is not None else None


def _path_of(scope: Scope, value: Any) -> VaultPath | None:
    found = _as_file(scope, value)
    return found.path if found is not None else None


@_f(1, 1)
def _k_links_to(scope: Scope, link: Link, args: list[Any]) -> bool:
    target = _path_of(scope, args[0])
    return link.path is not None and target is not None and target in scope.env.data.targets(link.path)


LINK = {"asFile": _k_as_file, "linksTo": _k_links_to}


def _file_path(f: FileRef | RowRef) -> VaultPath:
    return f.path


@_f(0, 1)
def _f_as_link(scope: Scope, f: FileRef, args: list[Any]) -> Link:
    return scope.env.data.file_link(_file_path(f), args[0] if args else None)


@_f(1, 1)
def _f_has_link(scope: Scope, f: FileRef, args: list[Any]) -> bool:
    target = _path_of(scope, args[0])
    return target is not None and target in scope.env.data.targets(_file_path(f))


@_f(1, 1)
def _f_has_property(scope: Scope, f: FileRef, args: list[Any]) -> bool:
    return to_string(args[0]) in scope.env.data.properties(_file_path(f))


@_f(1, None)
def _f_has_tag(scope: Scope, f: FileRef, args: list[Any]) -> bool:
    keys = scope.env.data.tag_keys(_file_path(f))
    return any(to_string(a).lstrip("#").lower() in keys for a in args)


@_f(1, 1)
def _f_in_folder(scope: Scope, f: FileRef, args: list[Any]) -> bool:
    folder = to_string(args[0]).strip("/")
    return folder == "" or _file_path(f).startswith(folder + "/")


FILE = {
    "asLink": _f_as_link,
    "hasLink": _f_has_link,
    "hasProperty": _f_has_property,
    "hasTag": _f_has_tag,
    "inFolder": _f_in_folder,
}


# -- objects, regular expressions, null --------------------------------------------------------------


@_f()
def _o_is_empty(scope: Scope, o: dict[str, Any], args: list[Any]) -> bool:
    return not o


@_f()
def _o_keys(scope: Scope, o: dict[str, Any], args: list[Any]) -> list[str]:
    return list(o)


@_f()
def _o_values(scope: Scope, o: dict[str, Any], args: list[Any]) -> list[Any]:
    return list(o.values())


OBJECT = {"isEmpty": _o_is_empty, "keys": _o_keys, "values": _o_values}


@_f(1, 1)
def _r_matches(scope: Scope, r: Regex, args: list[Any]) -> bool:
    return r.pattern.search(to_string(args[0])) is not None


REGEXP = {"matches": _r_matches}


@_f()
def _true(scope: Scope, v: Any, args: list[Any]) -> bool:
    return True


NULL = {"isEmpty": _true}

_BY_TYPE: dict[str, dict[str, Function]] = {
    "date": DATE,
    "string": STRING,
    "number": NUMBER,
    "list": LIST,
    "link": LINK,
    "file": FILE,
    "object": OBJECT,
    "regexp": REGEXP,
    "null": NULL,
}

# Python types whose language type (and so whose methods) the type alone decides.
PLAIN_TYPES = frozenset({str, int, float, bool, list, dict, Date, Link, FileRef, RowRef, Regex, type(None)})

METHOD_NAMES = frozenset(ANY).union(*(set(table) for table in _BY_TYPE.values()))
LAZY_METHODS = frozenset({"filter", "map", "reduce"})


def method(receiver: Any, name: str) -> Function | None:
    """The method `name` of the receiver's type; None on a missing value; BaseError if its type lacks it."""
    kind = type_name(receiver)
    table = _BY_TYPE.get(kind)
    found = table.get(name) if table is not None else None
    if found is None:
        found = ANY.get(name)
    if found is None:
        if receiver is None:
            return None
        raise BaseError(f"a {kind} has no function '{name}()'")
    return found


# -- fields and indexing -----------------------------------------------------------------------------


def _basename(path: str) -> str:
    name = path.rpartition("/")[2]
    stem, dot, _ = name.rpartition(".")
    return stem if dot else name


def _ext(path: str) -> str:
    name = path.rpartition("/")[2]
    _, dot, ext = name.rpartition(".")
    return ext if dot else ""


# file.<field>: (the vault's facts, the file's path) -> the value
FILE_GETTERS: dict[str, Callable[[Any, VaultPath], Any]] = {
    "name": lambda data, path: path.rpartition("/")[2],
    "basename": lambda data, path: _basename(path),
    "path": lambda data, path: path,
    "folder": lambda data, path: data.folder(path),
    "ext": lambda data, path: _ext(path),
    "size": lambda data, path: data.size(path),
    "ctime": lambda data, path: data.time(path, "ctime"),
    "mtime": lambda data, path: data.time(path, "mtime"),
    "tags": lambda data, path: data.tags(path),
    "links": lambda data, path: data.links(path, embeds=False),
    "embeds": lambda data, path: data.links(path, embeds=True),
    "backlinks": lambda data, path: data.backlinks(path),
    "properties": lambda data, path: dict(data.properties(path)),
    "file": lambda data, path: FileRef(path),
}
FILE_FIELDS = frozenset(FILE_GETTERS)


def file_field(scope: Scope, path: VaultPath, name: str) -> Any:
    getter = FILE_GETTERS.get(name)
    if getter is None:
        raise BaseError(f"unknown file property 'file.{name}'")
    return getter(scope.env.data, path)


def member(scope: Scope, value: Any, name: str) -> Any:
    """`value.name`: a field of a string, list, date or file, a key of an object, a property of `this`."""
    if value is None:
        return None
    if isinstance(value, dict):
        return value.get(name)
    if isinstance(value, FileRef):
        return file_field(scope, value.path, name)
    if isinstance(value, RowRef):
        if name == "file":
            return FileRef(value.path)
        if name == "note":
            return scope.env.data.properties(value.path)
        return scope.env.data.properties(value.path).get(name)
    if name == "length" and isinstance(value, str | list):
        return len(value)
    if isinstance(value, Date) and name in DATE_FIELDS:
        return DATE_FIELDS[name](value.value)
    raise BaseError(f"a {type_name(value)} has no field '{name}'")


def index(scope: Scope, value: Any, key: Any) -> Any:
    """`value[key]`: a list or string by position (0-based), an object or `this` by name."""
    if value is None or key is None:
        return None
    if isinstance(value, list | str) and _is_number(key):
        if key != key or math.isinf(key) or int(key) != key:
            return None
        i = int(key)
        return value[i] if 0 <= i < len(value) else None
    if isinstance(value, dict | RowRef | FileRef) and isinstance(key, str):
        return member(scope, value, key) if not isinstance(value, FileRef) or key in FILE_FIELDS else None
    if isinstance(value, str | list) and isinstance(key, str):
        return member(scope, value, key) if key == "length" else None
    raise BaseError(f"cannot index a {type_name(value)} with a {type_name(key)}")
