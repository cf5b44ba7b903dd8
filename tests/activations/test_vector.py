"""Tests for the vector and gated specs (activations/specs/vector.py, sparse.py): softmax,
log-softmax, softmin, SoLU, sparsemax, 1.5-entmax and the GLU family.

Every registered spec of either kind is tested (the lists come from the registry). References are
torch's own functions where it has them (softmax, log_softmax, softmin, glu) and explicit float64
NumPy/SciPy formulas for every spec (references_vector.py); derivatives are checked against
autograd Jacobians.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.special import expit, ndtr

import activations
from tests.activations.references_vector import REFERENCES as VECTOR_REFERENCES

VECTOR = tuple(n for n in activations.names() if activations.get(n).kind == "vector")
GATED = tuple(n for n in activations.names() if activations.get(n).kind == "gated")
WITH_TORCH = tuple(n for n in VECTOR if activations.get(n).reference is not None)


def _gelu_tanh(b: np.ndarray) -> np.ndarray:
    return 0.5 * b * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (b + 0.044715 * b**3)))


# Gate activations written out in float64 (value a, gate b: out = a * act(b)).
_GATES: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "glu": expit,
    "reglu": lambda b: np.maximum(b, 0.0),
    "geglu": lambda b: b * ndtr(b),
    "swiglu": lambda b: b * expit(b),
    "bilinear": lambda b: b,
}


# The score that gives an entry weight 0: -inf for all but softmin, which weights -x.
_MASK = {"softmin": math.inf}


def _logits(rows: int = 64, cols: int = 10, scale: float = 3.0, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, scale, size=(rows, cols))


def test_every_vector_and_gated_spec_has_a_float64_reference() -> None:
    assert set(VECTOR) <= set(VECTOR_REFERENCES), sorted(set(VECTOR) - set(VECTOR_REFERENCES))
    assert set(GATED) <= set(_GATES), sorted(set(GATED) - set(_GATES))


# --- forward ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("scale", [1.0, 30.0, 1e4])
@pytest.mark.parametrize("dim", [-1, 0])
@pytest.mark.parametrize("spec_name", VECTOR)
def test_vector_forward_matches_torch_and_float64_reference(spec_name: str, dim: int, scale: float) -> None:
    spec = activations.get(spec_name)
    x = _logits(scale=scale)
    x[3, 2] = x[5, 7] = _MASK.get(spec_name, -math.inf)  # a masked entry in some rows / columns
    xt = torch.from_numpy(x)
    actual = spec.forward(xt, dim=dim)
    torch.testing.assert_close(actual, torch.from_numpy(VECTOR_REFERENCES[spec_name](x, dim)))
    x32 = xt.float()
    if spec.reference is not None:
        torch.testing.assert_close(actual, spec.reference(xt, dim=dim))
        # float32 on the same data: torch's float32 kernel is the reference.
        torch.testing.assert_close(spec.forward(x32, dim=dim), spec.reference(x32, dim=dim))
    else:
        expected32 = VECTOR_REFERENCES[spec_name](x32.double().numpy(), dim)
        torch.testing.assert_close(spec.forward(x32, dim=dim), torch.from_numpy(expected32).float())


@pytest.mark.parametrize("spec_name", WITH_TORCH)
def test_vector_forward_masks_and_nans_like_torch(spec_name: str) -> None:
    spec = activations.get(spec_name)
    x = torch.tensor(
        [[0.0, -math.inf, 1.0], [-math.inf] * 3, [math.nan, 0.0, 1.0], [math.inf, 0.0, 1.0]],
        dtype=torch.float64,
    )
    assert spec.reference is not None
    torch.testing.assert_close(spec.forward(x), spec.reference(x), equal_nan=True)
    masked = {"softmax": 0.0, "log_softmax": -math.inf}  # softmin's mask is +inf, not -inf
    if spec_name in masked:
        assert spec.forward(x)[0, 1].item() == masked[spec_name]


@pytest.mark.parametrize("dim", [-1, 1])
def test_glu_matches_torch_glu(dim: int) -> None:
    spec = activations.get("glu")
    x = torch.from_numpy(np.random.default_rng(1).normal(0.0, 4.0, size=(32, 12, 6)))
    assert spec.reference is not None
    torch.testing.assert_close(spec.forward(x, dim=dim), spec.reference(x, dim=dim))
    torch.testing.assert_close(spec.forward(x, dim=dim), F.glu(x, dim=dim))


@pytest.mark.parametrize("spec_name", GATED)
def test_gated_forward_matches_float64_formula(spec_name: str) -> None:
    x = np.random.default_rng(2).normal(0.0, 3.0, size=(256, 16))
    x[0, :] = [1e4, -1e4, 0.0, 2.0, 1.0, 1.0, 1.0, 1.0, -1e4, 1e4, 1e4, -1e4, 0.0, 1e-6, -1e-6, 3.0]
    a, b = x[:, :8], x[:, 8:]  # the first half is the value, the second the gate
    expected = torch.from_numpy(a * _GATES[spec_name](b))
    torch.testing.assert_close(activations.get(spec_name).forward(torch.from_numpy(x)), expected)


def test_geglu_tanh_approximation_matches_formula() -> None:
    x = np.random.default_rng(3).normal(0.0, 3.0, size=(128, 8))
    expected = torch.from_numpy(x[:, :4] * _gelu_tanh(x[:, 4:]))
    torch.testing.assert_close(
        activations.get("geglu").forward(torch.from_numpy(x), approximate="tanh"), expected
    )


@pytest.mark.parametrize("spec_name", GATED)
def test_gated_gate_at_minus_infinity_is_the_limit_not_nan(spec_name: str) -> None:
    x = torch.tensor([[2.0, -math.inf]])
    # Every gate but the identity (bilinear) goes to 0 at -inf; the identity stays -inf.
    assert activations.get(spec_name).forward(x).item() == (-math.inf if spec_name == "bilinear" else 0.0)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
@pytest.mark.parametrize("spec_name", VECTOR + GATED)
def test_16_bit_forward_within_default_tolerance(spec_name: str, dtype: torch.dtype) -> None:
    x16 = torch.from_numpy(_logits(rows=512, cols=8, seed=4)).to(dtype)
    x = x16.double().numpy()
    if spec_name in VECTOR:
        expected = VECTOR_REFERENCES[spec_name](x, -1)
    else:
        expected = x[:, :4] * _GATES[spec_name](x[:, 4:])
    torch.testing.assert_close(activations.get(spec_name).forward(x16), torch.from_numpy(expected).to(dtype))


# --- shapes and parameters -------------------------------------------------------------------------


@pytest.mark.parametrize("spec_name", GATED)
def test_gated_odd_dimension_raises_value_error(spec_name: str) -> None:
    spec = activations.get(spec_name)
    with pytest.raises(ValueError, match=r"dimension -1 in half, but its size is 5 \(odd\)"):
        spec.forward(torch.zeros(3, 5))
    with pytest.raises(ValueError, match=r"dimension 0 in half, but its size is 3 \(odd\)"):
        spec.forward(torch.zeros(3, 4), dim=0)
    with pytest.raises(ValueError, match="0-d tensor"):
        spec.forward(torch.tensor(1.0))


@pytest.mark.parametrize("spec_name", VECTOR + GATED)
def test_dim_must_be_an_integer(spec_name: str) -> None:
    with pytest.raises(ValueError, match="'dim' must be an integer"):
        activations.get(spec_name).forward(torch.zeros(2, 4), dim=1.5)


def test_geglu_approximate_must_be_a_known_form() -> None:
    with pytest.raises(ValueError, match="'approximate' must be one of"):
        activations.get("geglu").forward(torch.zeros(2, 4), approximate="fast")


@pytest.mark.parametrize("spec_name", GATED)
def test_gated_output_halves_the_split_dimension(spec_name: str) -> None:
    out = activations.get(spec_name).forward(torch.zeros(2, 6, 3), dim=1)
    assert out.shape == (2, 3, 3)


# --- derivatives -----------------------------------------------------------------------------------


def _jacobian_diagonals(
    f: Callable[[torch.Tensor], torch.Tensor], row: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """diag of df/dx and the diagonal second derivatives d^2 f_i / d x_i^2, by autograd."""
    jac = torch.autograd.functional.jacobian(f, row)
    second = torch.stack(
        [torch.autograd.functional.hessian(lambda v, i=i: f(v)[i], row)[i, i] for i in range(row.numel())]
    )
    return torch.diagonal(jac), second


@pytest.mark.parametrize("spec_name", VECTOR)
def test_vector_derivatives_are_jacobian_diagonals(spec_name: str) -> None:
    spec = activations.get(spec_name)
    x = torch.from_numpy(_logits(rows=6, cols=5, scale=2.0, seed=5))
    x[0] = torch.tensor([12.0, -3.0, 0.0, 1.0, -20.0], dtype=torch.float64)  # one dominant entry
    d1, d2 = spec.derivative(x, order=1), spec.derivative(x, order=2)
    for r in range(x.shape[0]):
        jac_diag, second_diag = _jacobian_diagonals(lambda v: spec.forward(v, dim=-1), x[r])
        torch.testing.assert_close(d1[r], jac_diag)
        torch.testing.assert_close(d2[r], second_diag)


def test_vector_derivatives_follow_dim() -> None:
    spec = activations.get("softmax")
    x = torch.from_numpy(_logits(rows=4, cols=3, seed=6))
    torch.testing.assert_close(spec.derivative(x, dim=0), spec.derivative(x.T.contiguous(), dim=-1).T)


def _gate_derivatives(spec_name: str, b: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """act'(b) and act''(b) by autograd through the gated function with value a = 1."""
    b = b.clone().requires_grad_(True)
    out = activations.get(spec_name).forward(torch.cat([torch.ones_like(b), b], dim=-1))
    (d1,) = torch.autograd.grad(out.sum(), b, create_graph=True)
    if not d1.requires_grad:
        return d1, torch.zeros_like(d1)
    (d2,) = torch.autograd.grad(d1.sum(), b)
    return d1.detach(), d2


@pytest.mark.parametrize("spec_name", GATED)
def test_gated_derivatives_are_the_gate_activations(spec_name: str) -> None:
    spec = activations.get(spec_name)
    b = torch.from_numpy(np.random.default_rng(7).normal(0.0, 3.0, size=4000))
    b = b[b.abs() > 1e-3]  # ReGLU's gate has a kink at 0
    d1, d2 = _gate_derivatives(spec_name, b)
    torch.testing.assert_close(spec.derivative(b, order=1), d1)
    torch.testing.assert_close(spec.derivative(b, order=2), d2)


def test_geglu_tanh_derivatives_match_autograd() -> None:
    b = torch.linspace(-8, 8, 2001, dtype=torch.float64).requires_grad_(True)
    (d1,) = torch.autograd.grad(F.gelu(b, approximate="tanh").sum(), b, create_graph=True)
    (d2,) = torch.autograd.grad(d1.sum(), b)
    spec = activations.get("geglu")
    torch.testing.assert_close(spec.derivative(b.detach(), approximate="tanh"), d1.detach())
    torch.testing.assert_close(spec.derivative(b.detach(), order=2, approximate="tanh"), d2)


def test_reglu_derivative_at_kink_follows_torch_relu() -> None:
    spec = activations.get("reglu")
    (kink,) = spec.properties.kinks
    d1, _ = _gate_derivatives("reglu", torch.tensor([kink.x], dtype=torch.float64))
    assert d1.item() == kink.derivative == spec.derivative(torch.zeros(1)).item()


def test_gate_derivatives_at_infinities_are_limits() -> None:
    x = torch.tensor([-math.inf, math.inf])
    assert activations.get("geglu").derivative(x).tolist() == [0.0, 1.0]
    assert activations.get("swiglu").derivative(x).tolist() == [0.0, 1.0]
    assert activations.get("glu").derivative(x).tolist() == [0.0, 0.0]


# --- profiles and declared properties --------------------------------------------------------------


@pytest.mark.parametrize("spec_name", VECTOR + GATED)
def test_profile_is_the_function_on_a_pair(spec_name: str) -> None:
    spec = activations.get(spec_name)
    t = torch.linspace(-6, 6, 121, dtype=torch.float64)
    profile = spec.extra["profile"]
    pair = (
        torch.stack([t, torch.zeros_like(t)], -1)
        if spec_name in VECTOR
        else torch.stack([torch.ones_like(t), t], -1)
    )
    expected = spec.forward(pair)[..., 0]
    torch.testing.assert_close(profile(t), expected)
    tg = t.clone().requires_grad_(True)
    (d1,) = torch.autograd.grad(profile(tg).sum(), tg, create_graph=True)
    # A piecewise-linear profile (sparsemax) has a piecewise-constant f': no graph, f'' = 0.
    (d2,) = torch.autograd.grad(d1.sum(), tg) if d1.requires_grad else (torch.zeros_like(t),)
    keep = t.abs() > 1e-9  # ReGLU's kink
    torch.testing.assert_close(profile(t, order=1)[keep], d1.detach()[keep])
    torch.testing.assert_close(profile(t, order=2)[keep], d2[keep])


@pytest.mark.parametrize("spec_name", VECTOR + GATED)
def test_declared_properties_hold_for_the_profile(spec_name: str) -> None:
    spec = activations.get(spec_name)
    props = spec.properties
    profile = spec.extra["profile"]
    t = torch.linspace(-60, 60, 240_001, dtype=torch.float64)
    f, d1 = profile(t), profile(t, order=1)
    low, high = props.range
    assert f.min().item() >= low - 1e-12 and f.max().item() <= high + 1e-12
    if math.isfinite(low):  # the infimum is approached on the grid
        assert f.min().item() == pytest.approx(low, abs=1e-6)
    assert props.monotonic == bool((d1 >= -1e-15).all() or (d1 <= 1e-15).all())
    assert d1.abs().max().item() == pytest.approx(props.max_abs_derivative, rel=1e-6)
    zero = torch.zeros(1, dtype=torch.float64)
    assert profile(zero, order=1).item() == pytest.approx(props.derivative_at_zero)
    assert props.zero_centred == (profile(zero).item() == 0.0 and f.min().item() < 0 < f.max().item())
    left, right = abs(d1[0].item()) < 1e-6, abs(d1[-1].item()) < 1e-6
    expected = {(False, False): "none", (True, False): "left", (False, True): "right", (True, True): "both"}
    assert props.saturation == expected[(left, right)]
    # Smoothness: f' moves by at most max|f''| * step between grid points, except across a declared kink,
    # where a C0 function's f' jumps (and a C1 function's f'' does).
    step = (t[1] - t[0]).item()
    d2 = profile(t, order=2)
    jumps = d1.diff().abs()
    bound = d2.abs().max().item() * step * 1.01 + 1e-12
    at_kink = torch.zeros_like(jumps, dtype=torch.bool)
    for kink in props.kinks:
        at_kink |= (t[:-1] <= kink.x) & (t[1:] >= kink.x)
    assert (jumps[~at_kink] <= bound).all()
    if props.smoothness == "Cinf":
        assert not props.kinks
        return
    assert props.kinks and props.smoothness in ("C0", "C1")
    for kink in props.kinks:
        across = torch.tensor([kink.x - 1e-7, kink.x + 1e-7], dtype=torch.float64)
        order = 1 if props.smoothness == "C0" else 2
        gap = profile(across, order=order).diff().abs().item()
        assert gap > 0.1, f"f^({order}) is continuous at {kink.x}: smoother than {props.smoothness}"
        if props.smoothness == "C1":
            assert profile(across, order=1).diff().abs().item() < 1e-6, f"f' jumps at {kink.x}"


@pytest.mark.parametrize("spec_name", [n for n in VECTOR + GATED if activations.get(n).properties.kinks])
def test_kink_derivatives_follow_autograd_of_the_profile(spec_name: str) -> None:
    spec = activations.get(spec_name)
    profile = spec.extra["profile"]
    for kink in spec.properties.kinks:
        t = torch.tensor([kink.x], dtype=torch.float64, requires_grad=True)
        (d1,) = torch.autograd.grad(profile(t).sum(), t)
        assert d1.item() == pytest.approx(kink.derivative, abs=1e-12)
        assert profile(t.detach(), order=1).item() == pytest.approx(kink.derivative, abs=1e-12)
