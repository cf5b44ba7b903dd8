"""Helpers shared by the spec modules: one place for dtype handling and NaN propagation.

Every formula in a spec is written once, for float32/float64; `elementwise` makes it safe for
float16 and bfloat16 (computed in float32 and rounded once at the end, as torch's own kernels
do) and makes NaN inputs give NaN outputs whatever branch a `torch.where` would have picked.
"""

from __future__ import annotations

import functools
from typing import Any

import torch

from activations.spec import Fn

_LOW_PRECISION = (torch.float16, torch.bfloat16)


def elementwise(fn: Fn) -> Fn:
    """Wrap fn(x, **params) so 16-bit inputs compute in float32 and NaN propagates."""

    @functools.wraps(fn)
    def wrapper(x: torch.Tensor, **params: Any) -> torch.Tensor:
        work = x.float() if x.dtype in _LOW_PRECISION else x
        out = fn(work, **params)
        out = torch.where(torch.isnan(work), work, out)
        return out.to(x.dtype)

    return wrapper


@elementwise
def zeros(x: torch.Tensor, **_: Any) -> torch.Tensor:
    """The second derivative of a piecewise-linear function away from its kinks."""
    return torch.zeros_like(x)


def step(cond: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """1.0 where cond holds, else 0.0, in x's dtype."""
    return cond.to(x.dtype)


def at_inf(
    x: torch.Tensor, out: torch.Tensor, neg: float | None = None, pos: float | None = None
) -> torch.Tensor:
    """Put the limits at -inf / +inf where the formula would read inf * 0 (NaN)."""
    if neg is not None:
        out = torch.where(torch.isneginf(x), neg, out)
    if pos is not None:
        out = torch.where(torch.isposinf(x), pos, out)
    return out
