"""Test inputs shared by the activation tests: random points, special points, and the cases to run.

A case is (spec name, parameters): every elementwise spec at its defaults, plus the non-default
parameters listed in references.PARAM_CASES.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from numpy.typing import NDArray

import activations
from activations.spec import ActivationSpec
from tests.activations.references import PARAM_CASES, REFERENCES

Array = NDArray[np.float64]
N_RANDOM = 100_000
KINK_OFFSET = 1e-6


def elementwise_names() -> list[str]:
    return [n for n in activations.names() if activations.get(n).kind == "elementwise"]


def cases() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for name in elementwise_names():
        out.append((name, {}))
        out.extend((name, dict(p)) for p in PARAM_CASES.get(name, []))
    return out


def case_id(case: tuple[str, dict[str, Any]]) -> str:
    name, params = case
    return name + ("(" + ",".join(f"{k}={v}" for k, v in params.items()) + ")" if params else "")


def has_float64_reference(name: str) -> bool:
    return name in REFERENCES


def random_points(n: int = N_RANDOM, seed: int = 0) -> Array:
    """Normal * 3, uniform on +-20 and log-uniform magnitudes in [1e-8, 1e4] with random signs."""
    rng = np.random.default_rng(seed)
    k = n // 5
    normal = rng.standard_normal(2 * k) * 3
    uniform = rng.uniform(-20.0, 20.0, 2 * k)
    m = n - 4 * k
    logmag = 10.0 ** rng.uniform(-8.0, 4.0, m) * rng.choice([-1.0, 1.0], m)
    return np.concatenate([normal, uniform, logmag])


def kink_points(spec: ActivationSpec, params: dict[str, Any]) -> list[float]:
    """Declared kinks (at defaults) plus, for non-default cases, +-each numeric parameter value:
    where a kink moves with a parameter (threshold, lambd, min_val) it sits at that value."""
    points = [k.x for k in spec.properties.kinks]
    for value in params.values():
        if isinstance(value, int | float) and not isinstance(value, bool):
            points.extend([float(value), -float(value)])
    return sorted(set(points))


def special_points(spec: ActivationSpec, params: dict[str, Any]) -> Array:
    """0, +-1e4, +-inf, NaN, and each kink and kink +- 1e-6."""
    pts = [0.0, 1e4, -1e4, np.inf, -np.inf, np.nan]
    for k in kink_points(spec, params):
        pts.extend([k, k - KINK_OFFSET, k + KINK_OFFSET])
    return np.array(pts, dtype=np.float64)


def away_from_kinks(x: Array, spec: ActivationSpec, params: dict[str, Any], margin: float = 1e-4) -> Array:
    """The finite points of x farther than `margin` from every kink."""
    keep = np.isfinite(x)
    for k in kink_points(spec, params):
        keep &= np.abs(x - k) > margin
    return x[keep]


def t64(x: Array) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(x, dtype=np.float64))


def assert_close(
    actual: torch.Tensor,
    expected: torch.Tensor,
    x: torch.Tensor | Array,
    rtol: float,
    atol: float,
    what: str = "",
) -> None:
    """assert_close's criterion |a - e| <= atol + rtol |e| (NaN equal to NaN, infs equal in sign), vectorised
    in NumPy because torch.testing.assert_close takes a second on 100,000 points; failures name the inputs."""
    a = actual.detach().double().cpu().numpy()
    e = expected.detach().double().cpu().numpy()
    xs = np.asarray(x.detach().double().cpu().numpy() if isinstance(x, torch.Tensor) else x, dtype=np.float64)
    assert a.shape == e.shape, f"{what}: shape {a.shape} != {e.shape}"
    with np.errstate(invalid="ignore", over="ignore"):
        ok = np.abs(a - e) <= atol + rtol * np.abs(e)
    ok |= np.isnan(a) & np.isnan(e)
    ok |= np.isinf(a) & (a == e)
    if not ok.all():
        bad = np.flatnonzero(~ok)
        worst = bad[:5]
        detail = ", ".join(f"x={xs[i]!r}: got {a[i]!r}, expected {e[i]!r}" for i in worst)
        raise AssertionError(
            f"{what}: {bad.size} of {a.size} points differ (rtol={rtol}, atol={atol}); {detail}"
        )
