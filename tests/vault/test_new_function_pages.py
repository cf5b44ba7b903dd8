"""The numbers and shapes stated in prose on the pages of issue 18's functions, asserted from the
`activations` package, so a page that drifts from the package fails here.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import torch
from scipy.special import expit

import activations
from generator.blocks.explore import N_POINTS

VAULT = Path(__file__).resolve().parents[2] / "vault"


def _page(name: str) -> str:
    return (VAULT / name).read_text(encoding="utf-8")


def _profile(name: str, t: torch.Tensor, **params: object) -> torch.Tensor:
    return activations.get(name).extra["profile"](t, **params)  # type: ignore[no-any-return]


T = torch.linspace(-6, 6, 1201, dtype=torch.float64)


def test_starrelu_defaults_are_the_papers_and_give_zero_mean_unit_variance() -> None:
    spec = activations.get("starrelu")
    assert spec.params == {"scale": 0.8944, "bias": -0.4472}
    text = _page("Functions/StarReLU.md")
    assert "0.8944" in text and "-0.4472" in text
    # s = 1/sqrt(5/4), b = -s/2: E[relu(x)^2] = 1/2 and Var = 5/4 for x ~ N(0, 1), by quadrature.
    x = np.linspace(-12, 12, 240_001)
    density = np.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    r2 = np.maximum(x, 0.0) ** 2
    mean = np.trapezoid(r2 * density, x)
    var = np.trapezoid((r2 - mean) ** 2 * density, x)
    assert (mean, var) == (pytest.approx(0.5, abs=1e-9), pytest.approx(1.25, abs=1e-9))
    assert spec.params["scale"] == pytest.approx(1 / math.sqrt(var), abs=5e-5)
    assert spec.params["bias"] == pytest.approx(-mean / math.sqrt(var), abs=5e-5)
    assert torch.equal(
        spec.forward(T, scale=1.0, bias=0.0), activations.get("relu_squared").forward(T)
    )  # "starrelu(scale=1, bias=0) is squared ReLU"


@pytest.mark.parametrize("a", [0.25, 1.0, 4.0])
def test_isru_bounds_are_plus_minus_one_over_sqrt_a_and_isrlu_below(a: float) -> None:
    far = torch.tensor([-1e12, 1e12], dtype=torch.float64)
    bound = 1 / math.sqrt(a)
    assert activations.get("isru").forward(far, a=a).tolist() == pytest.approx([-bound, bound])
    assert activations.get("isrlu").forward(far[:1], a=a).item() == pytest.approx(-bound)


def test_isrlu_slope_and_curvature_match_at_zero() -> None:
    spec = activations.get("isrlu")
    around = torch.tensor([-1e-7, 0.0, 1e-7], dtype=torch.float64)
    assert spec.derivative(around).tolist() == pytest.approx([1.0, 1.0, 1.0], abs=1e-12)
    assert spec.derivative(around, order=2).tolist() == pytest.approx([0.0, 0.0, 0.0], abs=1e-6)
    assert "twice continuously differentiable" in _page("Functions/ISRLU.md")
    assert spec.properties.smoothness == "C2"


def test_softmin_two_entry_profile_is_the_mirrored_sigmoid() -> None:
    torch.testing.assert_close(_profile("softmin", T), torch.from_numpy(expit(-T.numpy())))


def test_solu_two_entry_profile_is_silu() -> None:
    torch.testing.assert_close(_profile("solu", T), torch.nn.functional.silu(T))


def test_sparsemax_two_entry_profile_is_a_hard_sigmoid_on_minus_1_to_1() -> None:
    expected = np.clip((T.numpy() + 1) / 2, 0, 1)
    torch.testing.assert_close(_profile("sparsemax", T), torch.from_numpy(expected))


def test_entmax_two_entry_profile_leaves_0_and_1_at_minus_2_and_2_with_a_continuous_slope() -> None:
    p = _profile("entmax15", T).numpy()
    t = T.numpy()
    assert (p[t <= -2] == 0).all() and (p[t >= 2] == 1).all()
    assert ((p > 0) & (p < 1))[(t > -2) & (t < 2)].all()
    slope = _profile("entmax15", T, order=1).numpy()
    assert np.abs(np.diff(slope)).max() < 0.01  # no jump anywhere, at +-2 included


def test_gaussian_peaks_at_1_and_vanishes_on_both_sides() -> None:
    spec = activations.get("gaussian")
    assert spec.forward(torch.zeros(1, dtype=torch.float64)).item() == 1.0
    assert spec.properties.saturation == "both" and not spec.properties.monotonic


def test_bilinear_gate_profile_is_the_identity() -> None:
    torch.testing.assert_close(_profile("bilinear", T), T)


def test_compare_page_states_the_grid_the_build_uses() -> None:
    text = _page("Guides/Compare activations.md")
    assert f"{N_POINTS} points on $[-4, 4]$" in text
    assert "range: [-4, 4]" in text
