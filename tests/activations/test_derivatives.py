"""Analytic derivatives: f' and f'' against autograd (of torch's own function and of the spec's
forward) away from kinks, against finite differences of the independent float64 reference, and
f' at each declared kink against the value torch's autograd returns there.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

import activations
from activations.spec import ActivationSpec, Fn
from tests.activations.points import assert_close, away_from_kinks, random_points, t64
from tests.activations.references import reference

Case = tuple[str, dict[str, Any]]
POINTS = random_points(20_000, seed=1)
RTOL, ATOL = 1e-8, 1e-10


def _autograd(fn: Fn, x: torch.Tensor, order: int, **params: Any) -> torch.Tensor:
    """The order-th derivative of an elementwise fn by autograd, in float64."""
    x = x.detach().clone().requires_grad_(True)
    out = fn(x, **params)
    for _ in range(order):
        if not out.requires_grad:  # piecewise constant: the next derivative is 0
            return torch.zeros_like(x)
        (out,) = torch.autograd.grad(out.sum(), x, create_graph=True)
    return out.detach()


def _torch_autograd(spec: ActivationSpec, x: torch.Tensor, **params: Any) -> torch.Tensor | None:
    """f' by autograd of torch's own function; None where torch has none or defines no derivative (heaviside)."""
    if spec.reference is None:
        return None
    try:
        return _autograd(spec.reference, x, 1, **params)
    except RuntimeError as err:
        if "not implemented" in str(err):
            return None
        raise


# Small round points besides the random ones: random points almost never hit x = 0 exactly, where
# autograd through |x| or clamp() picks a subgradient (it found sigmoid's, softplus's and
# logsigmoid's formulas giving f'(0) = 0, 1 and 3/2 before they were rewritten with where()).
ROUND_POINTS = np.array([0.0, 0.25, -0.25, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0])


@pytest.mark.parametrize("where", ["random", "round"])
def test_first_derivative_matches_autograd(case: Case, where: str) -> None:
    name, params = case
    spec = activations.get(name)
    resolved = spec.resolve_params(params)
    x = t64(away_from_kinks(POINTS if where == "random" else ROUND_POINTS, spec, params))
    d1 = spec.derivative(x, **params)
    assert_close(d1, _autograd(spec.fn, x, 1, **resolved), x, RTOL, ATOL, f"{name}: d1 vs autograd ({where})")
    expected = _torch_autograd(spec, x, **resolved)
    if expected is not None:
        # assert_close's float64 rtol here: torch's hardsigmoid backward rounds 1/6 to float32 even in float64.
        assert_close(d1, expected, x, 1e-7, ATOL, f"{name}: d1 vs autograd of torch's function ({where})")


def test_second_derivative_matches_autograd(case: Case) -> None:
    name, params = case
    spec = activations.get(name)
    if spec.d2 is None:
        with pytest.raises(ValueError, match="second derivative"):
            spec.derivative(torch.zeros(1, dtype=torch.float64), order=2)
        return
    resolved = spec.resolve_params(params)
    x = t64(away_from_kinks(POINTS, spec, params))
    d2 = spec.derivative(x, order=2, **params)
    assert_close(d2, _autograd(spec.fn, x, 2, **resolved), x, 1e-7, 1e-9, f"{name}: d2 vs autograd of fn")


def test_derivatives_match_finite_differences_of_reference(float64_case: Case) -> None:
    """Central differences of the independent float64 reference, on |x| <= 30 away from kinks."""
    name, params = float64_case
    spec = activations.get(name)
    resolved = spec.resolve_params(params)
    pts = POINTS[np.abs(POINTS) <= 30][:4000]
    x = away_from_kinks(pts, spec, params, margin=1e-3)
    scale = np.maximum(1.0, np.abs(x))

    def ref(v: np.ndarray) -> np.ndarray:
        return reference(name, v, **resolved)

    h1 = 1e-6 * scale
    fd1 = (ref(x + h1) - ref(x - h1)) / (2 * h1)
    assert_close(
        spec.derivative(t64(x), **params), t64(fd1), x, 1e-5, 1e-6, f"{name}: d1 vs finite differences"
    )
    if spec.d2 is not None:
        h2 = 1e-4 * scale
        fd2 = (ref(x + h2) - 2 * ref(x) + ref(x - h2)) / (h2 * h2)
        d2 = spec.derivative(t64(x), order=2, **params)
        assert_close(d2, t64(fd2), x, 1e-3, 1e-4, f"{name}: d2 vs finite differences")


def test_kink_derivatives_follow_torch(name: str) -> None:
    """At each declared kink, d1 and torch's autograd (the spec's fn where torch has none) give the declared value."""
    spec = activations.get(name)
    for kink in spec.properties.kinks:
        x = torch.tensor([kink.x], dtype=torch.float64)
        by_torch = _torch_autograd(spec, x, **spec.params)
        autograd = (by_torch if by_torch is not None else _autograd(spec.fn, x, 1, **spec.params)).item()
        analytic = spec.derivative(x).item()
        assert autograd == pytest.approx(kink.derivative, abs=1e-12), (
            f"{name}: torch's f'({kink.x}) = {autograd}"
        )
        assert analytic == pytest.approx(kink.derivative, abs=1e-12), f"{name}: d1({kink.x}) = {analytic}"
