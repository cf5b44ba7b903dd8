"""Forward values: every elementwise spec against torch's own function and an independent float64
formula, on 100,000 random points plus 0, each kink and kink +- 1e-6, +-1e4, +-inf and NaN; then in
float16 and bfloat16 against the float64 reference within assert_close's default tolerances.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

import activations
from tests.activations.points import assert_close, random_points, special_points, t64
from tests.activations.references import REFERENCES, reference

RTOL64, ATOL64 = 1e-9, 1e-12  # float64 against float64: far tighter than assert_close's defaults
POINTS = random_points()
Case = tuple[str, dict[str, Any]]


def _inputs(name: str, params: dict[str, Any]) -> np.ndarray:
    return np.concatenate([POINTS, special_points(activations.get(name), params)])


def test_every_spec_has_an_independent_reference(name: str) -> None:
    spec = activations.get(name)
    assert spec.reference is not None or name in REFERENCES, (
        f"{name} has neither torch's own function nor a float64 reference in tests/activations/references*.py"
    )


def test_forward_matches_torch(torch_case: Case) -> None:
    name, params = torch_case
    spec = activations.get(name)
    assert spec.reference is not None
    resolved = spec.resolve_params(params)
    x = t64(_inputs(name, params))
    nan_at = np.array(spec.extra.get("torch_nan_at", ()), dtype=np.float64)
    declared = torch.from_numpy(np.isin(x.numpy(), nan_at))
    actual = spec.forward(x, **params)
    expected = spec.reference(x, **resolved)
    keep = ~declared
    assert_close(actual[keep], expected[keep], x[keep], RTOL64, ATOL64, f"{name} vs torch")
    # Where the spec says torch returns NaN, torch really does, and the spec gives a finite limit.
    assert torch.isnan(expected[declared]).all(), f"torch is finite at {x[declared].tolist()}"
    assert torch.isfinite(actual[declared]).all()


def test_forward_matches_float64_reference(float64_case: Case) -> None:
    name, params = float64_case
    spec = activations.get(name)
    resolved = spec.resolve_params(params)
    x = _inputs(name, params)
    expected = t64(reference(name, x, **resolved))
    actual = spec.forward(t64(x), **params)
    assert_close(actual, expected, x, RTOL64, ATOL64, f"{name} vs float64 reference")


def test_nan_gives_nan(name: str) -> None:
    spec = activations.get(name)
    out = spec.forward(torch.tensor([float("nan")], dtype=torch.float64))
    assert torch.isnan(out).all()


def _float64_truth(name: str, x: np.ndarray) -> torch.Tensor:
    spec = activations.get(name)
    if name in REFERENCES:
        return t64(reference(name, x, **spec.params))
    assert spec.reference is not None
    return spec.reference(t64(x), **spec.params)


# torch.testing.assert_close's default (rtol, atol) per dtype, as documented there.
_DEFAULT_TOLERANCE = {torch.float16: (1e-3, 1e-5), torch.bfloat16: (1.6e-2, 1e-5)}


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
def test_low_precision_forward_within_default_tolerance(name: str, dtype: torch.dtype) -> None:
    spec = activations.get(name)
    x = t64(_inputs(name, {})).to(dtype)
    x = x[torch.isfinite(x)]
    expected = _float64_truth(name, x.double().numpy())
    actual = spec.forward(x)
    assert actual.dtype == dtype
    # A true value beyond the dtype's largest finite number must round to inf of its sign.
    overflow = expected.abs() > torch.finfo(dtype).max
    assert torch.equal(actual[overflow].double(), torch.sign(expected[overflow]) * torch.inf)
    finite = ~overflow
    assert torch.isfinite(actual[finite & torch.isfinite(expected)]).all(), (
        "inf or NaN where the truth is finite"
    )
    rtol, atol = _DEFAULT_TOLERANCE[dtype]
    assert_close(actual[finite], expected[finite], x[finite], rtol, atol, f"{name} in {dtype}")


@pytest.mark.parametrize("dtype", [torch.float32, torch.float16, torch.bfloat16], ids=str)
def test_derivatives_finite_at_large_inputs(name: str, dtype: torch.dtype) -> None:
    """f, f' and f'' at |x| = 1e4 stay finite in every dtype wherever their float64 values are."""
    spec = activations.get(name)
    x = torch.tensor([-1e4, -1e3, 1e3, 1e4], dtype=dtype)
    for order in (0, 1, 2):
        if order == 2 and spec.d2 is None:
            continue
        low = spec.forward(x) if order == 0 else spec.derivative(x, order=order)
        high = spec.forward(x.double()) if order == 0 else spec.derivative(x.double(), order=order)
        representable = torch.isfinite(high) & (high.abs() <= torch.finfo(dtype).max)
        assert torch.isfinite(low[representable]).all(), f"order {order}: {low.tolist()} vs {high.tolist()}"
