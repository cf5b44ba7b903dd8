"""Independent float64 references for the elementwise activations of torch.nn.

Each entry maps a spec name to `ref(x, **params)`: a NumPy float64 array in, the function's value out,
written from the papers' formulas with NumPy/SciPy (expit, log_expit, ndtr), never from the package's
code. At +-inf each returns the mathematical limit; NaN gives NaN. specs-B's references for the
functions beyond torch.nn live in references_beyond.py and references_literature.py, merged into REFERENCES here.

`PARAM_CASES` lists non-default parameters each function is also tested with (the defaults always are).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit, log_expit, ndtr

from tests.activations import references_beyond, references_literature

Array = NDArray[np.float64]
Reference = Callable[..., Array]


def _limits(x: Array, out: Array, neg: float | None = None, pos: float | None = None) -> Array:
    """The limit at -inf / +inf where the formula reads inf * 0, and NaN for NaN."""
    if neg is not None:
        out = np.where(np.isneginf(x), neg, out)
    if pos is not None:
        out = np.where(np.isposinf(x), pos, out)
    return np.where(np.isnan(x), np.nan, out)


def _negative_part_exp(x: Array, scale: float = 1.0) -> Array:
    """expm1(x / scale) on x <= 0 only, so +inf never reaches exp (no overflow warning)."""
    return np.expm1(np.minimum(x, 0.0) / scale)


# --- rectifiers ---------------------------------------------------------------------------------


def relu(x: Array) -> Array:
    return np.maximum(x, 0.0)


def relu6(x: Array) -> Array:
    return np.minimum(np.maximum(x, 0.0), 6.0)


def _leaky(x: Array, slope: float) -> Array:
    with np.errstate(invalid="ignore"):
        return _limits(x, np.where(x > 0, x, slope * x))


def leaky_relu(x: Array, negative_slope: float) -> Array:
    return _leaky(x, negative_slope)


def prelu(x: Array, weight: float) -> Array:
    return _leaky(x, weight)


def rrelu(x: Array, lower: float, upper: float) -> Array:
    # Xu et al. (2015): at test time the slope is the mean of U(lower, upper).
    return _leaky(x, (lower + upper) / 2)


def threshold(x: Array, threshold: float, value: float) -> Array:
    return _limits(x, np.where(x > threshold, x, value))


def hardtanh(x: Array, min_val: float, max_val: float) -> Array:
    return np.clip(x, min_val, max_val)


def hardshrink(x: Array, lambd: float) -> Array:
    return _limits(x, np.where(np.abs(x) > lambd, x, 0.0))


def softshrink(x: Array, lambd: float) -> Array:
    return _limits(x, np.sign(x) * np.maximum(np.abs(x) - lambd, 0.0))


# --- exponential family -------------------------------------------------------------------------

# Klambauer et al. (2017), eq. 14.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def elu(x: Array, alpha: float) -> Array:
    return _limits(x, np.where(x > 0, x, alpha * _negative_part_exp(x)))


def celu(x: Array, alpha: float) -> Array:
    # Barron (2017): max(0, x) + min(0, alpha (exp(x / alpha) - 1)).
    return _limits(x, np.maximum(x, 0.0) + np.minimum(0.0, alpha * _negative_part_exp(x, alpha)))


def selu(x: Array) -> Array:
    return SELU_SCALE * elu(x, SELU_ALPHA)


def softplus(x: Array, beta: float, threshold: float) -> Array:
    # Dugas et al. (2001), with the reversion to x where beta x > threshold that torch documents
    # as part of nn.Softplus (it moves f by log1p(exp(-threshold)) / beta: 1.4e-2 at beta 0.5, threshold 5).
    with np.errstate(invalid="ignore"):
        return _limits(x, np.where(beta * x > threshold, x, np.logaddexp(0.0, beta * x) / beta))


def logsigmoid(x: Array) -> Array:
    return _limits(x, log_expit(x))


def silu(x: Array) -> Array:
    with np.errstate(invalid="ignore"):
        return _limits(x, x * expit(x), neg=0.0)


def mish(x: Array) -> Array:
    with np.errstate(invalid="ignore"):
        return _limits(x, x * np.tanh(np.logaddexp(0.0, x)), neg=0.0)


def gelu(x: Array, approximate: str) -> Array:
    with np.errstate(invalid="ignore", over="ignore"):
        if approximate == "tanh":
            # Hendrycks & Gimpel (2016), eq. for the tanh approximation, term for term.
            inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
            out = 0.5 * x * (1.0 + np.tanh(inner))
        else:
            out = x * ndtr(x)
        return _limits(x, out, neg=0.0)


# --- sigmoidal ----------------------------------------------------------------------------------


def sigmoid(x: Array) -> Array:
    return expit(x)


def tanh(x: Array) -> Array:
    return np.tanh(x)


def softsign(x: Array) -> Array:
    with np.errstate(invalid="ignore"):
        return _limits(x, x / (1.0 + np.abs(x)), neg=-1.0, pos=1.0)


def tanhshrink(x: Array) -> Array:
    # Near 0, x - tanh(x) cancels: use its Taylor series x^3/3 - 2x^5/15 + 17x^7/315 - 62x^9/2835.
    with np.errstate(invalid="ignore"):
        x2 = x * x
        series = x * x2 * (1 / 3 - x2 * (2 / 15 - x2 * (17 / 315 - x2 * 62 / 2835)))
        return _limits(x, np.where(np.abs(x) < 1e-2, series, x - np.tanh(x)))


def hardsigmoid(x: Array) -> Array:
    # Howard et al. (2019): ReLU6(x + 3) / 6.
    return np.clip(x + 3.0, 0.0, 6.0) / 6.0


def hardswish(x: Array) -> Array:
    with np.errstate(invalid="ignore"):
        return _limits(x, x * np.clip(x + 3.0, 0.0, 6.0) / 6.0, neg=0.0)


REFERENCES: dict[str, Reference] = {
    "relu": relu,
    "relu6": relu6,
    "leaky_relu": leaky_relu,
    "prelu": prelu,
    "rrelu": rrelu,
    "threshold": threshold,
    "hardtanh": hardtanh,
    "hardshrink": hardshrink,
    "softshrink": softshrink,
    "elu": elu,
    "celu": celu,
    "selu": selu,
    "softplus": softplus,
    "logsigmoid": logsigmoid,
    "silu": silu,
    "mish": mish,
    "gelu": gelu,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "softsign": softsign,
    "tanhshrink": tanhshrink,
    "hardsigmoid": hardsigmoid,
    "hardswish": hardswish,
}
REFERENCES.update(references_beyond.REFERENCES)
REFERENCES.update(references_literature.REFERENCES)

PARAM_CASES: dict[str, list[dict[str, Any]]] = {
    "leaky_relu": [{"negative_slope": 0.2}, {"negative_slope": -0.5}],
    "prelu": [{"weight": 0.1}],
    "rrelu": [{"lower": 0.0, "upper": 0.5}],
    "threshold": [{"threshold": 0.1, "value": 20.0}, {"threshold": -1.0, "value": -2.0}],
    "hardtanh": [{"min_val": -2.0, "max_val": 3.0}],
    "hardshrink": [{"lambd": 1.5}],
    "softshrink": [{"lambd": 1.5}, {"lambd": 0.0}],
    "elu": [{"alpha": 0.5}, {"alpha": 2.0}],
    "celu": [{"alpha": 0.5}, {"alpha": 3.0}],
    "softplus": [{"beta": 2.0, "threshold": 20.0}, {"beta": 0.5, "threshold": 5.0}],
    "gelu": [{"approximate": "tanh"}],
}
PARAM_CASES.update(getattr(references_beyond, "PARAM_CASES", {}))
PARAM_CASES.update(references_literature.PARAM_CASES)


def reference(name: str, x: Array, **params: Any) -> Array:
    """The float64 reference for `name` at x."""
    return REFERENCES[name](np.asarray(x, dtype=np.float64), **params)
