"""A content-hash cache for computed blocks: a rebuild with nothing changed computes nothing.

The key covers everything a result depends on: the request (what the block asks for), each
function's fingerprint (its spec's fields, the source of fn/d1/d2, and every .py file of the
`activations` package: the spec modules and every helper they call), the package versions, the
device and whether timing is allowed. Hashing the whole package, rather than tracing which
helpers a spec calls, means an edit anywhere in it computes the cards and plots again: honest
where tracing would miss a helper (a change in `activations/specs/_common.py` must reach the pages).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import activations
from activations.spec import ActivationSpec
from generator.code_digest import tree_digest
from generator.files import atomic_write

# Bump when the output format of any block changes, so old cache entries are never served.
FORMAT = 1

ACTIVATIONS = Path(activations.__file__).resolve().parent  # the package whose results are cached


def _source(fn: Any, depth: int = 0) -> str:
    """The code behind a callable: its source, plus what its closure captured (factories share code)."""
    if fn is None:
        return "None"
    if isinstance(fn, functools.partial):
        return f"partial({_source(fn.func, depth + 1)}, {fn.args!r}, {sorted(fn.keywords.items())!r})"
    try:
        text = inspect.getsource(fn)
    except (OSError, TypeError):  # builtins have no source: their name is what identifies them
        return f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', type(fn).__name__)}"
    for cell in getattr(fn, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if callable(value) and depth < 3:
            text += "\n" + _source(value, depth + 1)
        elif isinstance(value, int | float | str | bool | tuple | type(None)):
            text += "\n" + repr(value)
    return text


def fingerprint(spec: ActivationSpec) -> str:
    """What a computed result may depend on in a spec; equal fingerprints mean equal results."""
    parts = [
        spec.name,
        spec.title,
        spec.kind,
        _source(spec.fn),
        _source(spec.d1),
        _source(spec.d2),
        _source(spec.reference),
        spec.latex,
        spec.latex_derivative,
        repr(spec.parameters),
        repr(spec.properties),
        spec.citation,
        str(spec.year),
        repr(sorted((str(k), _source(v) if callable(v) else repr(v)) for k, v in spec.extra.items())),
        spec.latex_second_derivative,
        _source(spec.check_params),
        tree_digest(ACTIVATIONS, (".py",)),
    ]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def key(*parts: Any) -> str:
    """A stable hash of JSON-able parts (sorted keys, so dict order never matters)."""
    blob = json.dumps([FORMAT, *parts], sort_keys=True, default=repr, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass
class Computed:
    """A cached result: markdown and the files it links (docs-relative path -> bytes)."""

    markdown: str
    files: dict[str, bytes] = field(default_factory=dict)

    def to_json(self) -> str:
        files = {p: base64.b64encode(b).decode("ascii") for p, b in sorted(self.files.items())}
        return json.dumps({"markdown": self.markdown, "files": files}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Computed:
        data = json.loads(text)
        return cls(data["markdown"], {p: base64.b64decode(b) for p, b in data["files"].items()})


def cached(cache_dir: Path, digest: str, compute: Callable[[], Computed]) -> Computed:
    """The stored result for `digest`, or `compute()` stored (a damaged entry is computed again)."""
    path = cache_dir / "blocks" / digest[:2] / f"{digest}.json"
    try:
        return Computed.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        pass
    result = compute()
    atomic_write(path, result.to_json().encode())
    return result


def cached_json(cache_dir: Path, digest: str, compute: Callable[[], Any]) -> Any:
    """Like `cached`, for a JSON-able value (a measurement shared by several blocks)."""
    path = cache_dir / "values" / digest[:2] / f"{digest}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = compute()
    atomic_write(path, json.dumps(value, sort_keys=True).encode())  # parallel builds may race on it
    return value
