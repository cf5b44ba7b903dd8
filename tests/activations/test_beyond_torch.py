"""Tests specific to activations/specs/beyond_torch.py: references, kink conventions, parameters, xIELU.

The generic elementwise suite covers these specs too; this file checks what only they have
(torch.heaviside's quirks, xIELU's eps segment, the Swish-family constants) and runs the
float64 comparison against the independent references on its own so a failure names the file.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.optimize import minimize_scalar
from scipy.special import expit

import activations
from tests.activations.references_beyond import REFERENCES

NAMES = sorted(REFERENCES)
DTYPES_16 = (torch.float16, torch.bfloat16)


def _random_points(n: int = 100_000, seed: int = 0) -> np.ndarray:
    """Mostly where the functions bend (normal, sd 3), plus a log-uniform spread out to 1e4."""
    rng = np.random.default_rng(seed)
    core = rng.normal(0.0, 3.0, size=n - n // 5)
    wide = rng.choice([-1.0, 1.0], size=n // 5) * 10.0 ** rng.uniform(-8, 4, size=n // 5)
    return np.concatenate([core, wide])


def _special_points(spec_name: str) -> np.ndarray:
    kinks = [k.x for k in activations.get(spec_name).properties.kinks]
    points = [0.0, 1e4, -1e4, math.inf, -math.inf, math.nan]
    for k in kinks:
        points += [k, k - 1e-6, k + 1e-6]
    return np.array(points, dtype=np.float64)


@pytest.mark.parametrize("spec_name", NAMES)
def test_forward_matches_float64_reference(spec_name: str) -> None:
    x = np.concatenate([_random_points(), _special_points(spec_name)])
    expected = torch.from_numpy(REFERENCES[spec_name](x))
    actual = activations.get(spec_name).forward(torch.from_numpy(x))
    torch.testing.assert_close(actual, expected, equal_nan=True)


@pytest.mark.parametrize("dtype", DTYPES_16, ids=str)
@pytest.mark.parametrize("spec_name", NAMES)
def test_16_bit_forward_within_default_tolerance(spec_name: str, dtype: torch.dtype) -> None:
    x = torch.from_numpy(np.random.default_rng(1).normal(0.0, 3.0, size=20_000)).to(dtype)
    expected = torch.from_numpy(REFERENCES[spec_name](x.double().numpy())).to(dtype)
    torch.testing.assert_close(activations.get(spec_name).forward(x), expected)


@pytest.mark.parametrize("spec_name", NAMES)
def test_float32_finite_at_large_magnitude(spec_name: str) -> None:
    x = torch.tensor([-1e4, 1e4], dtype=torch.float32)
    assert torch.isfinite(activations.get(spec_name).forward(x)).all()
    assert torch.isfinite(activations.get(spec_name).derivative(x)).all()


def _autograd_derivatives(spec_name: str, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    spec = activations.get(spec_name)
    x = x.clone().requires_grad_(True)
    (d1,) = torch.autograd.grad(spec.forward(x).sum(), x, create_graph=True)
    if not d1.requires_grad:  # piecewise-constant derivative: autograd has nothing to differentiate
        return d1, torch.zeros_like(d1)
    (d2,) = torch.autograd.grad(d1.sum(), x)
    return d1.detach(), d2


@pytest.mark.parametrize("spec_name", NAMES)
def test_analytic_derivatives_match_autograd_away_from_kinks(spec_name: str) -> None:
    spec = activations.get(spec_name)
    x = torch.from_numpy(_random_points(20_000, seed=2))
    for kink in spec.properties.kinks:
        x = x[(x - kink.x).abs() > 1e-3]
    d1, d2 = _autograd_derivatives(spec_name, x)
    torch.testing.assert_close(spec.derivative(x, order=1), d1)
    torch.testing.assert_close(spec.derivative(x, order=2), d2)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=str)
@pytest.mark.parametrize("spec_name", [n for n in NAMES if activations.get(n).properties.kinks])
def test_derivative_at_kinks_follows_declared_convention(spec_name: str, dtype: torch.dtype) -> None:
    spec = activations.get(spec_name)
    for kink in spec.properties.kinks:
        x = torch.tensor([kink.x], dtype=dtype)
        d1, _ = _autograd_derivatives(spec_name, x)
        expected = torch.tensor([kink.derivative], dtype=dtype)
        torch.testing.assert_close(d1, expected, msg=f"autograd of {spec_name} at {kink.x}")
        torch.testing.assert_close(spec.derivative(x), expected, msg=f"d1 of {spec_name} at {kink.x}")


@pytest.mark.parametrize(
    ("spec_name", "params"),
    [
        ("swish_beta", {"beta": -1.0}),
        ("snake", {"alpha": 0.0}),
        ("sine", {"omega_0": 0.0}),
        ("squareplus", {"b": 0.0}),
        ("heaviside", {"value_at_zero": "half"}),
        ("xielu", {"alpha_n": 0.5}),  # must exceed beta = 0.5
        ("xielu", {"alpha_p": 0.0}),
        ("xielu", {"eps": 1e-6}),
        ("quick_gelu", {"beta": 1.0}),  # has no parameters
    ],
)
def test_invalid_parameters_raise_value_error_naming_them(spec_name: str, params: dict[str, object]) -> None:
    (param,) = params
    with pytest.raises(ValueError, match=param):
        activations.get(spec_name).forward(torch.zeros(3), **params)


def test_aliases_resolve() -> None:
    assert activations.get("binary_step") is activations.get("heaviside")
    assert activations.get("squared_relu") is activations.get("relu_squared")
    assert activations.get("QuickGELU") is activations.get("quick_gelu")
    assert activations.get("SIREN") is activations.get("sine")


# --- Heaviside -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value_at_zero", [0.0, 0.5, 1.0, -3.0])
def test_heaviside_equals_torch_heaviside_except_nan(value_at_zero: float) -> None:
    spec = activations.get("heaviside")
    assert spec.reference is not None
    x = torch.tensor([-math.inf, -1e4, -1e-30, -0.0, 0.0, 1e-30, 2.0, math.inf, math.nan])
    ours = spec.forward(x, value_at_zero=value_at_zero)
    torchs = torch.heaviside(x, torch.tensor(value_at_zero))
    torch.testing.assert_close(ours[:-1], torchs[:-1])
    torch.testing.assert_close(spec.reference(x, value_at_zero=value_at_zero), ours, equal_nan=True)
    # The documented difference: torch.heaviside maps NaN to 0, the spec propagates NaN.
    assert torchs[-1].item() == 0.0
    assert math.isnan(ours[-1].item())


def test_heaviside_backward_is_zero_where_torch_heaviside_has_none() -> None:
    x = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
    activations.get("heaviside").forward(x).sum().backward()
    assert x.grad is not None
    assert x.grad.tolist() == [0.0, 0.0, 0.0]
    with pytest.raises(RuntimeError, match="not implemented"):
        y = torch.tensor([1.0], requires_grad=True)
        torch.heaviside(y, torch.tensor(0.5)).sum().backward()


# --- Swish family ----------------------------------------------------------------------------------


def test_swish_beta_one_is_torch_silu() -> None:
    x = torch.linspace(-20, 20, 4001, dtype=torch.float64)
    torch.testing.assert_close(activations.get("swish_beta").forward(x, beta=1.0), F.silu(x))


@pytest.mark.parametrize("beta", [0.0, 0.5, 2.0, 10.0])
def test_swish_beta_matches_reference_for_other_betas(beta: float) -> None:
    x = np.linspace(-30, 30, 6001)
    expected = torch.from_numpy(x * expit(beta * x))
    torch.testing.assert_close(
        activations.get("swish_beta").forward(torch.from_numpy(x), beta=beta), expected
    )


def test_swish_constants_match_scipy_optimisation() -> None:
    low = minimize_scalar(lambda u: u * expit(u), bounds=(-5, 0), method="bounded", options={"xatol": 1e-12})
    slope = minimize_scalar(
        lambda u: -(expit(u) + u * expit(u) * expit(-u)),
        bounds=(0, 6),
        method="bounded",
        options={"xatol": 1e-12},
    )
    swish = activations.get("swish_beta").properties
    quick = activations.get("quick_gelu").properties
    assert swish.range[0] == pytest.approx(low.fun, abs=1e-12)
    assert quick.range[0] == pytest.approx(low.fun / 1.702, abs=1e-12)
    assert swish.max_abs_derivative == pytest.approx(-slope.fun, abs=1e-12)
    assert quick.max_abs_derivative == pytest.approx(-slope.fun, abs=1e-12)


# --- xIELU -----------------------------------------------------------------------------------------

_XIELU_POINTS = [-1e4, -50.0, -5.0, -0.98, -1e-3, -2e-6, -1e-6, -5e-7, 0.0, 5e-7, 1e-3, 1.0, 10.0, 1e4]


def _xielu_mpmath(x: float, alpha_p: float, alpha_n: float, beta: float, eps: float) -> mpmath.mpf:
    """The paper's formula at 40 digits, the float64 parameters taken exactly."""
    with mpmath.workdps(40):
        x_, ap, an, b, e = (mpmath.mpf(v) for v in (x, alpha_p, alpha_n, beta, eps))
        if x_ > 0:
            return ap * x_**2 + b * x_
        return an * (mpmath.expm1(min(x_, e)) - x_) + b * x_


def test_xielu_matches_paper_formula_in_mpmath() -> None:
    spec = activations.get("xielu")
    params = spec.params
    x = torch.tensor(_XIELU_POINTS, dtype=torch.float64)
    actual = spec.forward(x).tolist()
    for xi, yi in zip(_XIELU_POINTS, actual, strict=True):
        expected = float(_xielu_mpmath(xi, **params))  # type: ignore[arg-type]
        assert yi == pytest.approx(expected, rel=1e-13, abs=1e-20), xi


def test_xielu_defaults_are_the_reference_implementations_effective_values() -> None:
    # The reference stores w_p = log(expm1(0.8)) and w_n = log(expm1(0.8 - beta)) and uses
    # alpha_p = softplus(w_p), alpha_n = beta + softplus(w_n): both come out as 0.8.
    params = activations.get("xielu").params
    assert params == {"alpha_p": 0.8, "alpha_n": 0.8, "beta": 0.5, "eps": -1e-6}
    w_p = torch.log(torch.expm1(torch.tensor(0.8, dtype=torch.float64)))
    w_n = torch.log(torch.expm1(torch.tensor(0.8 - 0.5, dtype=torch.float64)))
    assert F.softplus(w_p).item() == pytest.approx(params["alpha_p"], rel=1e-15)
    assert (0.5 + F.softplus(w_n)).item() == pytest.approx(params["alpha_n"], rel=1e-15)


def test_xielu_eps_segment_is_as_documented() -> None:
    spec = activations.get("xielu")
    p = spec.params
    alpha_n, beta, eps = float(p["alpha_n"]), float(p["beta"]), float(p["eps"])
    zero = torch.zeros(1, dtype=torch.float64)
    # f(0) is alpha_n * expm1(eps) (a jump of ~ -8e-7 against f(0+) -> 0) ...
    assert spec.forward(zero).item() == pytest.approx(alpha_n * math.expm1(eps), rel=1e-15)
    # ... and on (eps, 0] the function is linear with slope beta - alpha_n.
    inside = torch.tensor([eps / 2, 0.0], dtype=torch.float64)
    assert spec.derivative(inside).tolist() == pytest.approx([beta - alpha_n] * 2)
    # With eps = 0 the segment vanishes: f(0) = 0 and f'(0) = beta from both sides (C1).
    assert spec.forward(zero, eps=0.0).item() == 0.0
    around = torch.tensor([-1e-9, 0.0, 1e-9], dtype=torch.float64)
    assert spec.derivative(around, eps=0.0).tolist() == pytest.approx([beta] * 3, abs=1e-8)


def test_xielu_minimum_is_declared_range() -> None:
    spec = activations.get("xielu")
    found = minimize_scalar(
        lambda v: float(spec.forward(torch.tensor([v], dtype=torch.float64))),
        bounds=(-5, 0),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert spec.properties.range[0] == pytest.approx(found.fun, abs=1e-12)
    assert spec.extra["constants"]["x_min"] == pytest.approx(found.x, abs=1e-6)


def test_xielu_left_tail_slope_is_negative_and_finite() -> None:
    spec = activations.get("xielu")
    x = torch.tensor([-1e4, -math.inf], dtype=torch.float32)
    out = spec.forward(x)
    assert out[0].item() == pytest.approx(-0.8 + 0.3 * 1e4, rel=1e-6)
    assert out[1].item() == math.inf
