"""Independent float64 references for activations/specs/literature.py (ISRU, ISRLU, Gaussian RBF,
StarReLU), written from the papers' formulas in NumPy, not from the package's code. At +-inf each
returns the mathematical limit; NaN gives NaN.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Reference = Callable[..., Array]


def _limits(x: Array, out: Array, neg: float, pos: float) -> Array:
    return np.where(np.isneginf(x), neg, np.where(np.isposinf(x), pos, out))


def isru(x: Array, a: float = 1.0) -> Array:
    # Carlile et al. (2017), eq. 1: x / sqrt(1 + alpha x^2). For |x| > 1e150, x^2 overflows float64:
    # there the same value is sign(x) / sqrt(a + 1/x^2).
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        small = x / np.sqrt(1.0 + a * x * x)
        large = np.sign(x) / np.sqrt(a + 1.0 / (x * x))
        out = np.where(np.abs(x) < 1e150, small, large)
    return _limits(x, out, -1.0 / np.sqrt(a), 1.0 / np.sqrt(a))


def isrlu(x: Array, a: float = 1.0) -> Array:
    # Carlile et al. (2017), eq. 2: x for x >= 0, ISRU below.
    return np.where(x >= 0, x, isru(x, a))


def gaussian(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.exp(-np.square(x))


def starrelu(x: Array, scale: float = 0.8944, bias: float = -0.4472) -> Array:
    # Yu et al. (2022), eq. 5: s * ReLU(x)^2 + b.
    with np.errstate(over="ignore"):
        return scale * np.square(np.maximum(x, 0.0)) + bias


REFERENCES: dict[str, Reference] = {
    "isru": isru,
    "isrlu": isrlu,
    "gaussian": gaussian,
    "starrelu": starrelu,
}

PARAM_CASES: dict[str, list[dict[str, Any]]] = {
    "isru": [{"a": 3.0}, {"a": 0.25}],
    "isrlu": [{"a": 3.0}],
    "starrelu": [{"scale": 1.0, "bias": 0.0}, {"scale": -0.5, "bias": 2.0}],
}
