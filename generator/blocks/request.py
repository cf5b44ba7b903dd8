"""Reading an `activation` block: YAML keys and `name(key=value, ...)` calls, with exact lines.

Pure and cheap (no torch): `check` runs it on every block of a vault. Function calls are parsed
by hand from a tiny grammar; nothing written in a note is ever evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

SHOWS = ("plot", "compare", "table", "bench", "depth", "notebook", "explore")
# What an explore page shows before the reader picks: a rectifier and a smooth one.
EXPLORE_DEFAULT = ("relu", "gelu")
KEYS = {
    "show": "what to compute: " + " | ".join(SHOWS),
    "function": "one function, e.g. gelu or leaky_relu(negative_slope=0.1)",
    "functions": "a list of functions (explore: the ones shown first; the reader picks any)",
    "range": "[low, high] of x for plots",
    "derivatives": "0, 1 or 2: also plot f' (and f'')",
    "points": "sample points for the table, a list of numbers",
    "layers": "depth: number of layers (default 50)",
    "width": "depth: units per layer (default 128)",
    "title": "a caption for the figure",
}
ParamValue = float | int | bool | str


class BlockError(ValueError):
    """A problem in a block, at `offset` lines below the opening fence (1 = first content line)."""

    def __init__(self, message: str, offset: int = 1) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Call:
    """`leaky_relu(negative_slope=0.1)` as data: the name and its keyword values, as written."""

    name: str
    kwargs: tuple[tuple[str, ParamValue], ...] = ()
    offset: int = 1  # line below the fence where it was written


@dataclass(frozen=True)
class Request:
    """A parsed block: what to show, for which calls, with the options that apply."""

    show: str
    calls: tuple[Call, ...]
    range: tuple[float, float] = (-4.0, 4.0)
    derivatives: int = 0
    points: tuple[float, ...] = (-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0)
    layers: int = 50
    width: int = 128
    title: str = ""
    offsets: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_\- ]*")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def parse_call(text: str, offset: int = 1) -> Call:
    """`name` or `name(key=value, ...)`; values are numbers, true/false, quoted or bare words.

    A hand-written scanner, so `__import__('os').system(...)` is a syntax error, never a call.
    """
    s = text.strip()
    m = _NAME.match(s)
    if not m:
        raise BlockError(f"expected a function name, got {text!r}", offset)
    name = m.group(0).strip()
    rest = s[m.end() :].strip()
    if not rest:
        return Call(name, (), offset)
    if not (rest.startswith("(") and rest.endswith(")")):
        raise BlockError(f"expected `{name}(key=value, ...)`, got {text!r}", offset)
    return Call(name, _parse_kwargs(rest[1:-1], text, offset), offset)


def _parse_kwargs(body: str, text: str, offset: int) -> tuple[tuple[str, ParamValue], ...]:
    out: dict[str, ParamValue] = {}
    pos = 0
    body = body.strip()
    while pos < len(body):
        key = _IDENT.match(body, pos)
        if not key:
            raise BlockError(f"expected `key=value` at {body[pos:]!r} in {text!r}", offset)
        pos = _skip(body, key.end())
        if pos >= len(body) or body[pos] != "=":
            raise BlockError(f"expected `=` after {key.group(0)!r} in {text!r}", offset)
        value, pos = _value(body, _skip(body, pos + 1), text, offset)
        if key.group(0) in out:
            raise BlockError(f"parameter {key.group(0)!r} given twice in {text!r}", offset)
        out[key.group(0)] = value
        pos = _skip(body, pos)
        if pos < len(body):
            if body[pos] != ",":
                raise BlockError(f"expected `,` at {body[pos:]!r} in {text!r}", offset)
            pos = _skip(body, pos + 1)
    return tuple(out.items())


def _skip(s: str, pos: int) -> int:
    while pos < len(s) and s[pos].isspace():
        pos += 1
    return pos


def _value(s: str, pos: int, text: str, offset: int) -> tuple[ParamValue, int]:
    if pos < len(s) and s[pos] in "'\"":
        end = s.find(s[pos], pos + 1)
        if end < 0:
            raise BlockError(f"unterminated string in {text!r}", offset)
        return s[pos + 1 : end], end + 1
    num = _NUMBER.match(s, pos)
    if num and (num.end() == len(s) or not (s[num.end()].isalnum() or s[num.end()] == "_")):
        token = num.group(0)
        is_int = re.fullmatch(r"[+-]?\d+", token) is not None
        return (int(token) if is_int else float(token)), num.end()
    word = _WORD.match(s, pos)
    if word:
        token = word.group(0)
        lowered = token.lower()
        if lowered in ("true", "false"):
            return lowered == "true", word.end()
        if lowered in ("inf", "nan"):
            return float(lowered), word.end()
        return token, word.end()
    raise BlockError(f"expected a value at {s[pos:]!r} in {text!r}", offset)


def _key_offsets(source: str) -> dict[str, int]:
    """Line offset (1-based below the fence) of each top-level key, and of each `functions` item."""
    offsets: dict[str, int] = {}
    node = yaml.compose(source, Loader=yaml.SafeLoader)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            offsets[str(key.value)] = key.start_mark.line + 1
            if isinstance(value, yaml.SequenceNode):
                for i, item in enumerate(value.value):
                    offsets[f"{key.value}[{i}]"] = item.start_mark.line + 1
    return offsets


def parse_request(source: str) -> Request:
    """The block's YAML as a Request; any problem is a BlockError with the line it is on."""
    try:
        data = yaml.safe_load(source) if source.strip() else None
        offsets = _key_offsets(source) if source.strip() else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise BlockError(f"invalid YAML: {exc.problem or exc}", line) from None
    except yaml.YAMLError as exc:
        raise BlockError(f"invalid YAML: {exc}", 1) from None
    if not isinstance(data, dict):
        raise BlockError("an activation block is a YAML mapping, e.g. `show: plot` and `functions: [gelu]`")
    for key in data:
        if key not in KEYS:
            raise BlockError(f"unknown key {key!r}; known keys: {', '.join(KEYS)}", offsets.get(str(key), 1))
    show = data.get("show", "plot")
    if show not in SHOWS:
        raise BlockError(f"unknown show {show!r}; one of: {' | '.join(SHOWS)}", offsets.get("show", 1))
    if show == "explore" and "function" not in data and "functions" not in data:
        calls = tuple(Call(name) for name in EXPLORE_DEFAULT)
    else:
        calls = _calls(data, offsets)
    return Request(
        show=str(show),
        calls=calls,
        range=_range(data, offsets),
        derivatives=_int(data, "derivatives", 0, 0, 2, offsets),
        points=_points(data, offsets),
        layers=_int(data, "layers", 50, 1, 200, offsets),
        width=_int(data, "width", 128, 2, 2048, offsets),
        title=str(data.get("title") or ""),
        offsets=offsets,
    )


def is_explore(source: str) -> bool:
    """Whether a block's YAML asks for the interactive comparison (`show: explore`); False when invalid."""
    if "explore" not in source:  # most blocks: no YAML parse
        return False
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and data.get("show") == "explore"


def _calls(data: dict[Any, Any], offsets: dict[str, int]) -> tuple[Call, ...]:
    if "function" in data and "functions" in data:
        raise BlockError("give `function` or `functions`, not both", offsets.get("functions", 1))
    key = "functions" if "functions" in data else "function"
    raw = data.get(key)
    if raw is None:
        raise BlockError("no function given: add e.g. `functions: [gelu, relu]`", 1)
    items = raw if isinstance(raw, list) else [raw]
    if not items:
        raise BlockError("`functions` is empty", offsets.get(key, 1))
    calls = []
    for i, item in enumerate(items):
        offset = offsets.get(f"{key}[{i}]", offsets.get(key, 1))
        calls.append(_call(item, offset))
    return tuple(calls)


def _call(item: Any, offset: int) -> Call:
    if isinstance(item, str):
        return parse_call(item, offset)
    if isinstance(item, dict) and len(item) == 1:  # `- leaky_relu: {negative_slope: 0.1}`
        ((name, params),) = item.items()
        if params is None:
            params = {}
        if not isinstance(params, dict) or not all(
            isinstance(v, bool | int | float | str) for v in params.values()
        ):
            raise BlockError(f"parameters of {name!r} must be a mapping of plain values", offset)
        return Call(str(name), tuple((str(k), v) for k, v in params.items()), offset)
    raise BlockError(f"expected a function like `gelu` or `gelu(approximate=tanh)`, got {item!r}", offset)


def _range(data: dict[Any, Any], offsets: dict[str, int]) -> tuple[float, float]:
    raw = data.get("range", [-4, 4])
    ok = isinstance(raw, list) and len(raw) == 2 and all(_is_number(v) for v in raw)
    if not ok or not float(raw[0]) < float(raw[1]):
        raise BlockError(f"range must be [low, high] with low < high, got {raw!r}", offsets.get("range", 1))
    return float(raw[0]), float(raw[1])


def _points(data: dict[Any, Any], offsets: dict[str, int]) -> tuple[float, ...]:
    if "points" not in data:
        return Request.points
    raw = data["points"]
    if not isinstance(raw, list) or not raw or not all(_is_number(v) for v in raw) or len(raw) > 50:
        raise BlockError(f"points must be a list of 1 to 50 numbers, got {raw!r}", offsets.get("points", 1))
    return tuple(float(v) for v in raw)


def _int(data: dict[Any, Any], key: str, default: int, low: int, high: int, offsets: dict[str, int]) -> int:
    raw = data.get(key, default)
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        raise BlockError(f"{key} must be an integer from {low} to {high}, got {raw!r}", offsets.get(key, 1))
    return raw


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)
