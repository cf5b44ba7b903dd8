"""Curves for the interactive comparison page (`show: explore`): every registered function, on a grid
of its parameters' values, computed once at build time and shipped as one JSON file.

The page's script (generator/assets/explore.js) only looks values up and draws them, so what it
shows is the package's own f, f' and f'' (vector and gated functions through their 1-D profile, as
plots draw them), never a re-implementation in JavaScript.

The grid of a parameter is its spec's `sweep` (string choices: all of them); a parameter without one
stays at its default. Curves cover every combination of the swept values, row-major in the order
the spec lists its parameters. Values keep 4 significant digits; inf and NaN become null.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from typing import Any

import torch

import activations
from activations.spec import ActivationSpec, Param, ParamValue
from generator.blocks.functions import Function, resolve
from generator.blocks.request import Call

N_POINTS = 201
DIGITS = 4


def swept(spec: ActivationSpec) -> list[Param]:
    """The parameters that get a control on the page: those with a sweep, and string choices."""
    return [p for p in spec.parameters if p.sweep or p.choices]


def grid_values(param: Param) -> tuple[ParamValue, ...]:
    return param.sweep or tuple(param.choices or ())


def _rounded(values: Sequence[float]) -> list[float | None]:
    return [float(f"{v:.{DIGITS}g}") if math.isfinite(v) else None for v in values]


def _curves(fn: Function, x: torch.Tensor) -> list[list[float | None] | None]:
    out: list[list[float | None] | None] = []
    with torch.no_grad():
        for order in (0, 1, 2):
            if not fn.has_order(order):
                out.append(None)
                continue
            y = fn.forward(x) if order == 0 else fn.derivative(x, order=order)
            out.append(_rounded(y.to(torch.float64).tolist()))
    return out


def function_data(spec: ActivationSpec, x: torch.Tensor) -> dict[str, Any]:
    """One function's entry: its controls and its curves at every combination of their values."""
    params = swept(spec)
    grids = [grid_values(p) for p in params]
    curves = []
    for combo in itertools.product(*grids):
        call = Call(spec.name, tuple((p.name, v) for p, v in zip(params, combo, strict=True)))
        curves.append(_curves(resolve(call), x))
    return {
        "name": spec.name,
        "title": spec.title,
        "kind": spec.kind,
        "params": [
            {"name": p.name, "values": list(g), "default": g.index(p.default), "doc": p.doc}
            for p, g in zip(params, grids, strict=True)
        ],
        "curves": curves,
    }


def explore_data(low: float, high: float, n: int = N_POINTS) -> dict[str, Any]:
    """The whole data set: the x grid as [low, high, n] (evenly spaced) and every function."""
    x = torch.linspace(low, high, n, dtype=torch.float64)
    functions = [function_data(activations.get(name), x) for name in activations.names()]
    return {"x": [low, high, n], "functions": functions}


def explore_json(low: float, high: float, n: int = N_POINTS) -> bytes:
    """`explore_data` as compact JSON (inf and NaN are already null, so it is strict JSON)."""
    data = explore_data(low, high, n)
    return json.dumps(data, separators=(",", ":"), allow_nan=False, ensure_ascii=False).encode("utf-8")
