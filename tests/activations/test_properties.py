"""Every declared property is checked numerically, both ways, so a property table cannot lie:
range (and that its bounds are approached), monotonicity, zero-centring, f'(0), sup |f'|, saturation,
and smoothness (which of f, f', f'' jump at the declared kinks, and that nothing jumps elsewhere).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import mpmath as mp
import numpy as np
import pytest
import torch

import activations
from activations.spec import ActivationSpec
from tests.activations.points import t64

# x on [-60, 60] every 1e-4, then out to +-1e4 on a log scale.
_TAIL = np.logspace(math.log10(60.0), 4.0, 4000)[1:]
GRID = np.concatenate([-_TAIL[::-1], np.linspace(-60.0, 60.0, 1_200_001), _TAIL])
# Bounds approached only polynomially (softsign, squareplus) are reached out here.
HORIZON = np.concatenate([-np.logspace(4, 15, 45), np.logspace(4, 15, 45)])
FAR_LEFT, FAR_RIGHT = -np.logspace(3, 4, 50), np.logspace(3, 4, 50)
SMOOTHNESS_LEVEL = {"discontinuous": -1, "C0": 0, "C1": 1, "C2": 2, "Cinf": 3}
# Points where a kink would most likely hide if one were left undeclared.
NICE_POINTS = np.arange(-10.0, 10.0 + 1e-9, 0.125)

Curve = Callable[[np.ndarray], np.ndarray]


def _curves(spec: ActivationSpec) -> list[Curve]:
    """f, f' and (where it exists) f'' at the default parameters, as NumPy in, NumPy out."""

    def f(x: np.ndarray) -> np.ndarray:
        return spec.forward(t64(x)).numpy()

    def d1(x: np.ndarray) -> np.ndarray:
        return spec.derivative(t64(x)).numpy()

    def d2(x: np.ndarray) -> np.ndarray:
        return spec.derivative(t64(x), order=2).numpy()

    return [f, d1] if spec.d2 is None else [f, d1, d2]


def _jumps(g: Curve, at: np.ndarray) -> np.ndarray:
    """True where g jumps at `at`: the gap across x +- delta does not shrink with delta."""
    wide = np.abs(g(at + 1e-8) - g(at - 1e-8))
    narrow = np.abs(g(at + 1e-10) - g(at - 1e-10))
    return (narrow > 1e-7) & (narrow > 0.5 * wide)


def test_range(name: str) -> None:
    spec = activations.get(name)
    lo, hi = spec.properties.range
    y = spec.forward(t64(GRID)).numpy()
    assert np.isfinite(y).all()
    assert y.min() >= lo - 1e-9 * max(1.0, abs(lo)), f"f reaches {y.min()} below the declared {lo}"
    assert y.max() <= hi + 1e-9 * max(1.0, abs(hi)), f"f reaches {y.max()} above the declared {hi}"
    # The bounds are the infimum and supremum, not loose fences: f comes close to each.
    y = np.concatenate([y, spec.forward(t64(HORIZON)).numpy()])
    assert y.min() >= lo - 1e-9 * max(1.0, abs(lo)) and y.max() <= hi + 1e-9 * max(1.0, abs(hi))
    assert y.min() <= (lo + 1e-6 * max(1.0, abs(lo)) if math.isfinite(lo) else -10.0), f"min f = {y.min()}"
    assert y.max() >= (hi - 1e-6 * max(1.0, abs(hi)) if math.isfinite(hi) else 10.0), f"max f = {y.max()}"
    assert spec.properties.bounded == (math.isfinite(lo) and math.isfinite(hi))


def test_monotonic(name: str) -> None:
    spec = activations.get(name)
    y = spec.forward(t64(GRID)).numpy()
    steps = np.diff(y)
    noise = 1e-12 * (1.0 + np.abs(y[1:]))
    monotonic = bool((steps >= -noise).all() or (steps <= noise).all())
    assert spec.properties.monotonic == monotonic, (
        f"declared {spec.properties.monotonic}, grid says {monotonic}"
    )


def test_zero_centred(name: str) -> None:
    spec = activations.get(name)
    y = spec.forward(t64(GRID)).numpy()
    at_zero = spec.forward(torch.zeros(1, dtype=torch.float64)).item()
    centred = abs(at_zero) <= 1e-12 and y.min() < 0 < y.max()
    assert spec.properties.zero_centred == centred, f"f(0) = {at_zero}, f takes [{y.min()}, {y.max()}]"


def test_derivative_at_zero(name: str) -> None:
    spec = activations.get(name)
    x = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    truth_fn = spec.reference if spec.reference is not None else spec.fn
    try:
        (by_autograd,) = torch.autograd.grad(truth_fn(x, **spec.params).sum(), x)
    except RuntimeError:  # torch defines no derivative (heaviside): the spec's own forward
        (by_autograd,) = torch.autograd.grad(spec.fn(x, **spec.params).sum(), x)
    declared = spec.properties.derivative_at_zero
    assert spec.derivative(x.detach()).item() == pytest.approx(declared, abs=1e-12)
    # rel 1e-7: torch's hardsigmoid backward rounds 1/6 to float32 even in float64.
    assert by_autograd.item() == pytest.approx(declared, rel=1e-7, abs=1e-12)


def test_max_abs_derivative(name: str) -> None:
    spec = activations.get(name)
    slope = np.abs(spec.derivative(t64(GRID)).numpy()).max()
    declared = spec.properties.max_abs_derivative
    if math.isinf(declared):
        assert slope > 1e3, f"declared unbounded, but |f'| <= {slope} on [-1e4, 1e4]"
    else:
        assert slope <= declared * (1 + 1e-9) + 1e-12, f"|f'| reaches {slope} > declared {declared}"
        assert slope >= declared * (1 - 1e-4), f"|f'| only reaches {slope}, declared {declared}"


def test_saturation(name: str) -> None:
    spec = activations.get(name)

    def flat(x: np.ndarray) -> bool:
        return bool(np.abs(spec.derivative(t64(x)).numpy()).max() < 1e-3)

    left, right = flat(FAR_LEFT), flat(FAR_RIGHT)
    found = {(True, True): "both", (True, False): "left", (False, True): "right", (False, False): "none"}
    assert spec.properties.saturation == found[(left, right)]


def test_smoothness_at_declared_kinks(name: str) -> None:
    """f^(j) is continuous at every kink for j up to the declared class, and the next one jumps at one."""
    spec = activations.get(name)
    level = SMOOTHNESS_LEVEL[spec.properties.smoothness]
    kinks = np.array([k.x for k in spec.properties.kinks], dtype=np.float64)
    curves = _curves(spec)
    for j, g in enumerate(curves[: level + 1]):
        assert not _jumps(g, kinks).any(), (
            f"f^({j}) jumps at {kinks[_jumps(g, kinks)]}, declared {spec.properties.smoothness}"
        )
    if level == 3:
        return
    assert kinks.size, f"declared {spec.properties.smoothness} but lists no kink where smoothness is lost"
    nxt = level + 1
    if nxt < len(curves):
        assert _jumps(curves[nxt], kinks).any(), (
            f"f^({nxt}) is continuous at every kink: smoother than declared"
        )
    elif nxt == 3:  # C2: f''' jumps, seen as different one-sided slopes of f''
        d2, h = curves[2], 1e-5
        right = (d2(kinks + h) - d2(kinks)) / h
        left = (d2(kinks) - d2(kinks - h)) / h
        assert (np.abs(right - left) > 1e-2).any(), "f''' is continuous at every kink: smoother than declared"
    else:
        pytest.fail(f"declared {spec.properties.smoothness} but has no second derivative to show it")


def test_no_undeclared_kinks(name: str) -> None:
    """Away from the declared kinks, f, f' and f'' never jump (checked where kinks usually hide)."""
    spec = activations.get(name)
    kinks = np.array([k.x for k in spec.properties.kinks], dtype=np.float64)
    x = NICE_POINTS[np.all(np.abs(NICE_POINTS[:, None] - kinks[None, :]) > 1e-3, axis=1)]
    for j, g in enumerate(_curves(spec)):
        assert not _jumps(g, x).any(), f"f^({j}) jumps at undeclared {x[_jumps(g, x)]}"


# Closed forms in mpmath (30 digits) for the smooth non-monotonic functions, whose declared
# minimum and max |f'| are irrational: located by root-finding on f' and f'', independent of the grid.
_MP_FORMS = {
    "silu": lambda x: x / (1 + mp.exp(-x)),
    "mish": lambda x: x * mp.tanh(mp.log1p(mp.exp(x))),
    "gelu": lambda x: x * mp.ncdf(x),
}


@pytest.mark.parametrize("spec_name", sorted(_MP_FORMS))
def test_irrational_constants_to_full_precision(spec_name: str) -> None:
    f = _MP_FORMS[spec_name]
    props = activations.get(spec_name).properties
    with mp.workdps(30):
        argmin = mp.findroot(lambda x: mp.diff(f, x), -1.0)
        argmax_slope = mp.findroot(lambda x: mp.diff(f, x, 2), 1.5)
        assert props.range[0] == pytest.approx(float(f(argmin)), rel=1e-15)
        assert props.max_abs_derivative == pytest.approx(float(mp.diff(f, argmax_slope)), rel=1e-15)
