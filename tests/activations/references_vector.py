"""Independent float64 references for the vector activations (activations/specs/vector.py, sparse.py).

`ref(x, axis)` with x a NumPy float64 array. Softmax and log-softmax are SciPy's; softmin and SoLU
are written from their definitions on top of SciPy's softmax. Sparsemax and 1.5-entmax use a
different algorithm from the package's sort-based one: bisection on the threshold tau of
sum_i [x_i - tau]_+ = 1 (sparsemax) and sum_i [x_i/2 - tau]_+^2 = 1 (entmax), then tau solved in
closed form on the support that bisection found.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray
from scipy.special import log_softmax, softmax

Array = NDArray[np.float64]
VectorReference = Callable[[Array, int], Array]


def softmin(x: Array, axis: int) -> Array:
    return softmax(-x, axis=axis)


def solu(x: Array, axis: int) -> Array:
    # Elhage et al. (2022): x * softmax(x); a masked entry (-inf, weight 0) contributes 0.
    with np.errstate(invalid="ignore"):
        return np.where(np.isneginf(x), 0.0, x * softmax(x, axis=axis))


def _bisect_support(z: Array, mass: Callable[[Array], Array], low: Array, high: Array) -> Array:
    """The support {z > tau} where mass(tau) = 1, by 200 bisection steps on tau in [low, high]."""
    for _ in range(200):
        mid = 0.5 * (low + high)
        too_low = mass(mid) > 1.0  # mass decreases in tau
        low = np.where(too_low, mid, low)
        high = np.where(too_low, high, mid)
    return z > 0.5 * (low + high)


def _rows(fn: Callable[[Array], Array]) -> VectorReference:
    """Apply a last-axis function along any axis."""

    def ref(x: Array, axis: int) -> Array:
        moved = np.moveaxis(np.asarray(x, dtype=np.float64), axis, -1)
        return np.moveaxis(fn(moved), -1, axis)

    return ref


def _sparsemax_last(x: Array) -> Array:
    z = x - x.max(axis=-1, keepdims=True)  # -inf stays -inf: never in the support
    top = np.zeros(z.shape[:-1] + (1,))
    with np.errstate(invalid="ignore"):
        support = _bisect_support(z, lambda t: np.maximum(z - t, 0.0).sum(-1, keepdims=True), top - 1.0, top)
    k = support.sum(-1, keepdims=True)
    tau = (np.where(support, z, 0.0).sum(-1, keepdims=True) - 1.0) / k
    return np.where(support, z - tau, 0.0)


def _entmax15_last(x: Array) -> Array:
    z = (x - x.max(axis=-1, keepdims=True)) / 2.0
    top = np.zeros(z.shape[:-1] + (1,))
    with np.errstate(invalid="ignore"):
        support = _bisect_support(
            z, lambda t: np.square(np.maximum(z - t, 0.0)).sum(-1, keepdims=True), top - 1.0, top
        )
    # On the support, sum (z_i - tau)^2 = 1 is a quadratic in tau; the root below every z_i.
    k = support.sum(-1, keepdims=True)
    zs = np.where(support, z, 0.0)
    mean = zs.sum(-1, keepdims=True) / k
    ss = np.where(support, np.square(z - mean), 0.0).sum(-1, keepdims=True)
    tau = mean - np.sqrt((1.0 - ss) / k)
    return np.where(support, np.square(z - tau), 0.0)


REFERENCES: dict[str, VectorReference] = {
    "softmax": lambda x, axis: softmax(x, axis=axis),
    "log_softmax": lambda x, axis: log_softmax(x, axis=axis),
    "softmin": softmin,
    "solu": solu,
    "sparsemax": _rows(_sparsemax_last),
    "entmax15": _rows(_entmax15_last),
}
