"""Sparse alternatives to softmax: sparsemax (Martins & Astudillo 2016) and 1.5-entmax (Peters,
Niculae & Martins 2019). Both map scores to a probability vector with exact zeros.

Both are kind "vector" (see vector.py's module doc): `d1`/`d2` are the diagonals of the Jacobian and
of the second derivative, and properties describe the two-class profile t -> f([t, 0])[0].

The forward pass is the exact sort-based algorithm of each paper: sort the scores, find the support
size k from cumulative sums, then the threshold tau from the k largest scores. Two details keep it
exact and differentiable:

- Scores are shifted by their maximum (both maps are shift-invariant) and clamped below at -1
  (sparsemax) or -2 (entmax, on x itself): no score that low can be in the support, since
  tau >= max - 1 (sparsemax: p_max <= 1) and tau >= max/2 - 1 (entmax: (max/2 - tau)^2 <= 1).
  That keeps the cumulative sums well conditioned in float32 and turns -inf (a masked entry) into
  a finite number.
- The support is found without gradient, and tau is recomputed from the support with ordinary
  differentiable ops, so autograd (and double backward) never differentiates through the
  candidate thresholds of the other k, whose square roots may be of 0.

Jacobians (both papers): sparsemax J = diag(s) - s s^T / k with s the support indicator;
1.5-entmax J = diag(g) - g g^T / sum(g) with g = sqrt(p).
"""

from __future__ import annotations

import math

import torch

from activations.spec import ActivationSpec, Kink, Param, Properties, register
from activations.specs.vector import _float32_for_16_bit, _profile

_DIM = Param("dim", -1, "the dimension the function acts along")


def _ranks(x: torch.Tensor, dim: int) -> torch.Tensor:
    """1, 2, ..., n along dim, shaped to broadcast against x."""
    n = x.shape[dim]
    shape = [1] * x.dim()
    shape[dim] = n
    return torch.arange(1, n + 1, dtype=x.dtype, device=x.device).reshape(shape)


def _sorted_support(z: torch.Tensor, dim: int, condition: str) -> torch.Tensor:
    """The mask of the support in sorted (descending) order: the first k positions along dim."""
    with torch.no_grad():
        zs = torch.sort(z, dim=dim, descending=True).values
        rho = _ranks(z, dim)
        if condition == "sparsemax":
            # Martins & Astudillo, Algorithm 1: k = max{j : 1 + j z_(j) > sum_{i<=j} z_(i)}.
            inside = 1.0 + rho * zs > zs.cumsum(dim)
        else:
            # Peters et al., Algorithm 2 (alpha = 1.5, on z = x/2): tau_j = mean_j - sqrt((1 - ss_j) / j),
            # k = max{j : tau_j <= z_(j)}.
            mean = zs.cumsum(dim) / rho
            ss = (zs * zs).cumsum(dim) - rho * mean * mean
            tau = mean - torch.sqrt(torch.clamp((1.0 - ss) / rho, min=0.0))
            inside = tau <= zs
        k = inside.sum(dim=dim, keepdim=True).clamp(min=1)
        return rho <= k


def _shifted(x: torch.Tensor, dim: int, floor: float) -> torch.Tensor:
    return torch.clamp(x - x.amax(dim=dim, keepdim=True), min=floor)


@_float32_for_16_bit
def _sparsemax(x: torch.Tensor, dim: int) -> torch.Tensor:
    z = _shifted(x, dim, -1.0)
    zs = torch.sort(z, dim=dim, descending=True).values
    support = _sorted_support(z, dim, "sparsemax")
    k = support.sum(dim=dim, keepdim=True).to(x.dtype)
    tau = ((zs * support).sum(dim=dim, keepdim=True) - 1.0) / k
    return torch.where(z > tau, z - tau, 0.0)


@_float32_for_16_bit
def _sparsemax_d1(x: torch.Tensor, dim: int) -> torch.Tensor:
    p = _sparsemax(x, dim)
    s = (p > 0).to(x.dtype)
    return s * (1.0 - 1.0 / s.sum(dim=dim, keepdim=True))


@_float32_for_16_bit
def _sparsemax_d2(x: torch.Tensor, dim: int) -> torch.Tensor:
    return torch.where(torch.isnan(x), x, 0.0)  # piecewise linear


@_float32_for_16_bit
def _entmax15(x: torch.Tensor, dim: int) -> torch.Tensor:
    z = _shifted(x, dim, -2.0) / 2.0
    zs = torch.sort(z, dim=dim, descending=True).values
    support = _sorted_support(z, dim, "entmax15")
    k = support.sum(dim=dim, keepdim=True).to(x.dtype)
    mean = (zs * support).sum(dim=dim, keepdim=True) / k
    ss = ((zs - mean).square() * support).sum(dim=dim, keepdim=True)
    tau = mean - torch.sqrt((1.0 - ss) / k)
    return torch.where(z > tau, z - tau, 0.0).square()


def _entmax_parts(x: torch.Tensor, dim: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """g = sqrt(p), S = sum(g) and the support size k, along dim."""
    g = torch.sqrt(_entmax15(x, dim))
    k = (g > 0).to(x.dtype).sum(dim=dim, keepdim=True)
    return g, g.sum(dim=dim, keepdim=True), k


@_float32_for_16_bit
def _entmax15_d1(x: torch.Tensor, dim: int) -> torch.Tensor:
    g, total, _ = _entmax_parts(x, dim)
    return g - g * g / total


@_float32_for_16_bit
def _entmax15_d2(x: torch.Tensor, dim: int) -> torch.Tensor:
    # d/dx_i of g_i - g_i^2 / S, with dg_i/dx_i = (1 - g_i/S)/2 and dS/dx_i = (1 - k g_i/S)/2 on the
    # support (from J = diag(g) - g g^T / S and dg = dp / (2g)); 0 off the support.
    g, total, k = _entmax_parts(x, dim)
    r = g / total
    out = 0.5 * ((1.0 - r) * (1.0 - 2.0 * r) + r * r * (1.0 - k * r))
    return torch.where(g > 0, out, 0.0)


register(
    ActivationSpec(
        name="sparsemax",
        title="Sparsemax",
        kind="vector",
        latex=r"f(x) = \max(x - \tau, 0), \quad \tau \text{ such that } \sum_i f_i = 1",
        latex_derivative=r"\frac{\partial f_i}{\partial x_j} = s_i \delta_{ij} - \frac{s_i s_j}{k}, \quad s_i = [f_i > 0], \quad k = \sum_i s_i",
        latex_second_derivative=r"\frac{\partial^2 f_i}{\partial x_i^2} = 0 \quad (\text{away from changes of support})",
        fn=_sparsemax,
        d1=_sparsemax_d1,
        d2=_sparsemax_d2,
        parameters=(_DIM,),
        properties=Properties(
            range=(0.0, 1.0),
            monotonic=True,
            zero_centred=False,
            smoothness="C0",
            derivative_at_zero=0.5,
            max_abs_derivative=0.5,
            saturation="both",
            kinks=(
                Kink(-1.0, 0.0, "the support grows from 1 to 2 entries; autograd of fn gives 0 at the kink"),
                Kink(1.0, 0.0, "the support shrinks from 2 entries to 1; autograd of fn gives 0 at the kink"),
            ),
        ),
        citation=(
            "Martins & Astudillo, From Softmax to Sparsemax: A Sparse Model of Attention and Multi-Label "
            "Classification (ICML; arXiv:1602.02068)"
        ),
        year=2016,
        summary="The Euclidean projection of the scores onto the probability simplex: softmax with exact zeros.",
        extra={
            "profile": _profile("vector", _sparsemax, _sparsemax_d1, _sparsemax_d2),
            "notes": (
                "Properties and plots use the two-class profile sparsemax([t, 0])[0] = clip((t + 1)/2, 0, 1),"
                " a hard sigmoid.",
                "Forward is the exact sort-based algorithm (O(n log n)), not an iterative approximation.",
            ),
        },
    )
)

_ENTMAX_SLOPE = 1.0 / (2.0 * math.sqrt(2.0))  # two-class f'(0): g = (1/√2, 1/√2), g (1 - g/S)

register(
    ActivationSpec(
        name="entmax15",
        aliases=("entmax", "entmax_1_5"),
        title="1.5-entmax",
        kind="vector",
        latex=r"f(x)_i = \left[\frac{x_i}{2} - \tau\right]_+^2, \quad \tau \text{ such that } \sum_i f_i = 1",
        latex_derivative=(
            r"\frac{\partial f_i}{\partial x_j} = g_i \delta_{ij} - \frac{g_i g_j}{\sum_l g_l}, \quad g = \sqrt{f}"
        ),
        latex_second_derivative=(
            r"\frac{\partial^2 f_i}{\partial x_i^2} = \frac{1}{2}\left[(1 - r_i)(1 - 2 r_i) + r_i^2 (1 - k r_i)\right],"
            r" \quad r_i = \frac{g_i}{\sum_l g_l}"
        ),
        fn=_entmax15,
        d1=_entmax15_d1,
        d2=_entmax15_d2,
        parameters=(_DIM,),
        properties=Properties(
            range=(0.0, 1.0),
            monotonic=True,
            zero_centred=False,
            smoothness="C1",
            derivative_at_zero=_ENTMAX_SLOPE,
            max_abs_derivative=_ENTMAX_SLOPE,
            saturation="both",
            kinks=(
                Kink(-2.0, 0.0, "f' is continuous (0); f'' jumps from 0 to 1/2"),
                Kink(2.0, 0.0, "f' is continuous (0); f'' jumps from -1/2 to 0"),
            ),
        ),
        citation="Peters, Niculae & Martins, Sparse Sequence-to-Sequence Models (ACL; arXiv:1905.05702)",
        year=2019,
        summary="Between softmax and sparsemax: sparse like sparsemax, smoother, with alpha = 1.5 in Tsallis' family.",
        extra={
            "profile": _profile("vector", _entmax15, _entmax15_d1, _entmax15_d2),
            "notes": (
                "Properties and plots use the two-class profile entmax15([t, 0])[0]: 0 below t = -2, 1 above t = 2.",
                "Forward is the exact sort-based algorithm of Peters et al. (Algorithm 2), not bisection.",
                "alpha -> 1 gives softmax and alpha = 2 gives sparsemax; 1.5 is the case with a closed-form threshold.",
            ),
        },
    )
)
