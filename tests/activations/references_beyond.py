"""Independent float64 references for the activations beyond torch.nn (activations/specs/beyond_torch.py).

Each entry maps a spec name to `ref(x, **params)`: a NumPy float64 array in, the function's value
out, written from the papers' formulas with NumPy/SciPy rather than from the package's code. At
+-inf each returns the mathematical limit (NaN where there is none, as for sin); NaN gives NaN.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit

Array = NDArray[np.float64]
Reference = Callable[..., Array]


def _with_limits(x: Array, out: Array, neg: float, pos: float) -> Array:
    """Replace the value at -inf / +inf by the limit (formulas read inf * 0 or inf - inf there)."""
    return np.where(np.isneginf(x), neg, np.where(np.isposinf(x), pos, out))


def heaviside(x: Array, value_at_zero: float = 0.5) -> Array:
    return np.heaviside(x, value_at_zero)


def swish_beta(x: Array, beta: float = 1.0) -> Array:
    with np.errstate(invalid="ignore"):
        out = x * expit(beta * x)
    return _with_limits(x, out, 0.0 if beta > 0 else -np.inf, np.inf)


def quick_gelu(x: Array) -> Array:
    return swish_beta(x, beta=1.702)


def relu_squared(x: Array) -> Array:
    return np.maximum(x, 0.0) ** 2


def squareplus(x: Array, b: float = 4.0) -> Array:
    # Barron's (x + sqrt(x^2 + b)) / 2; for x < 0 the same value as b / (2 (sqrt(x^2 + b) - x)),
    # which keeps float64's full precision where x + sqrt(...) would cancel.
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        root = np.sqrt(x * x + b)
        out = np.where(x < 0, b / (2.0 * (root - x)), 0.5 * (x + root))
    return _with_limits(x, out, 0.0, np.inf)


def snake(x: Array, alpha: float = 1.0) -> Array:
    with np.errstate(invalid="ignore"):
        out = x + np.sin(alpha * x) ** 2 / alpha
    return _with_limits(x, out, -np.inf, np.inf)


def sine(x: Array, omega_0: float = 30.0) -> Array:
    with np.errstate(invalid="ignore"):
        return np.sin(omega_0 * x)


def sparse_plus(x: Array) -> Array:
    out = np.select([x <= -1.0, x >= 1.0], [np.zeros_like(x), x], 0.25 * (x + 1.0) ** 2)
    return np.where(np.isnan(x), np.nan, out)


def hard_mish(x: Array) -> Array:
    # Piecewise, from the definition: 0 below -2, x (x + 2) / 2 on [-2, 0], x above 0.
    out = np.select([x < -2.0, x > 0.0], [np.zeros_like(x), x], 0.5 * x * (x + 2.0))
    return np.where(np.isnan(x), np.nan, out)


def xielu(
    x: Array, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5, eps: float = -1e-6
) -> Array:
    # The paper's reference implementation, term for term (arXiv:2411.13010):
    # x > 0: alpha_p x^2 + beta x;  x <= 0: alpha_n (expm1(min(x, eps)) - x) + beta x.
    with np.errstate(invalid="ignore", over="ignore"):
        positive = alpha_p * x * x + beta * x
        negative = alpha_n * (np.expm1(np.minimum(x, eps)) - x) + beta * x
        out = np.where(x > 0, positive, negative)
    # At -inf: alpha_n (-1 + inf) - inf * beta -> (beta - alpha_n) x -> +inf since alpha_n > beta.
    return _with_limits(x, out, np.inf, np.inf)


REFERENCES: dict[str, Reference] = {
    "heaviside": heaviside,
    "swish_beta": swish_beta,
    "quick_gelu": quick_gelu,
    "relu_squared": relu_squared,
    "squareplus": squareplus,
    "snake": snake,
    "sine": sine,
    "sparse_plus": sparse_plus,
    "hard_mish": hard_mish,
    "xielu": xielu,
}


def reference(name: str, x: Array, **params: Any) -> Array:
    """The float64 reference for `name` at x."""
    return REFERENCES[name](np.asarray(x, dtype=np.float64), **params)
