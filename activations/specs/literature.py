"""Elementwise units from the literature that torch.nn does not ship: ISRU, ISRLU, the Gaussian
radial basis function and StarReLU.

Written like beyond_torch.py: each formula once in torch ops for float32/float64 (16-bit inputs go
through float32 via `elementwise`), in a form that stays finite wherever the true value is. ISRU and
ISRLU divide by hypot(1, sqrt(a) x) rather than sqrt(1 + a x^2), which overflows to inf (and gives
0 instead of +-1/sqrt(a)) once a x^2 exceeds the dtype's range.
"""

from __future__ import annotations

import math

import torch

from activations.spec import ActivationSpec, Kink, Param, Properties, register
from activations.specs._common import at_inf, elementwise

_ISRLU_PAPER = (
    "Carlile, Delamarter, Kinney, Marti & Whitney, "
    "Improving Deep Learning by Inverse Square Root Linear Units (ISRLUs) (arXiv:1710.09967)"
)

# -------------------------------------------------------------------------------------------------
# ISRU and ISRLU


def _root(x: torch.Tensor, a: float) -> torch.Tensor:
    """sqrt(1 + a x^2) without overflow: hypot(1, sqrt(a) x)."""
    return torch.hypot(torch.ones_like(x), math.sqrt(a) * x)


def _isru_raw(x: torch.Tensor, a: float) -> torch.Tensor:
    limit = 1.0 / math.sqrt(a)
    return at_inf(x, x / _root(x, a), neg=-limit, pos=limit)  # inf / inf at +-inf


def _isru_d1_raw(x: torch.Tensor, a: float) -> torch.Tensor:
    return _root(x, a).pow(-3)


def _isru_d2_raw(x: torch.Tensor, a: float) -> torch.Tensor:
    r = _root(x, a)
    # -3 a x / r^5 as -3 a (x / r) / r^4: x / r stays bounded, so no inf * 0 for large |x|.
    return at_inf(x, -3.0 * a * (x / r) * r.pow(-4), neg=0.0, pos=0.0)


@elementwise
def _isru(x: torch.Tensor, a: float) -> torch.Tensor:
    return _isru_raw(x, a)


@elementwise
def _isru_d1(x: torch.Tensor, a: float) -> torch.Tensor:
    return _isru_d1_raw(x, a)


@elementwise
def _isru_d2(x: torch.Tensor, a: float) -> torch.Tensor:
    return _isru_d2_raw(x, a)


_A = Param(
    "a",
    1.0,
    "alpha in the paper: the curve saturates at +-1/sqrt(a)",
    0.0,
    exclusive=True,
    sweep=(0.25, 0.5, 1.0, 2.0, 4.0),
)

register(
    ActivationSpec(
        name="isru",
        title="ISRU",
        latex=r"f(x) = \frac{x}{\sqrt{1 + a x^2}}",
        latex_derivative=r"f'(x) = \left(\frac{1}{\sqrt{1 + a x^2}}\right)^{3}",
        latex_second_derivative=r"f''(x) = \frac{-3 a x}{(1 + a x^2)^{5/2}}",
        fn=_isru,
        d1=_isru_d1,
        d2=_isru_d2,
        parameters=(_A,),
        properties=Properties(
            range=(-1.0, 1.0),
            monotonic=True,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=1.0,
            max_abs_derivative=1.0,
            saturation="both",
        ),
        citation=_ISRLU_PAPER,
        year=2017,
        summary="Inverse square root unit: a tanh-like squashing built from one square root, bounded by ±1/√a.",
        extra={"notes": ("The range is (-1/√a, 1/√a); at the default a = 1 it is tanh's (-1, 1).",)},
    )
)


@elementwise
def _isrlu(x: torch.Tensor, a: float) -> torch.Tensor:
    return torch.where(x >= 0, x, _isru_raw(x, a))


@elementwise
def _isrlu_d1(x: torch.Tensor, a: float) -> torch.Tensor:
    return torch.where(x >= 0, 1.0, _isru_d1_raw(x, a))


@elementwise
def _isrlu_d2(x: torch.Tensor, a: float) -> torch.Tensor:
    return torch.where(x >= 0, 0.0, _isru_d2_raw(x, a))


register(
    ActivationSpec(
        name="isrlu",
        title="ISRLU",
        latex=r"f(x) = \begin{cases} x & x \ge 0 \\ \frac{x}{\sqrt{1 + a x^2}} & x < 0 \end{cases}",
        latex_derivative=(
            r"f'(x) = \begin{cases} 1 & x \ge 0 \\ \left(\frac{1}{\sqrt{1 + a x^2}}\right)^{3} & x < 0 \end{cases}"
        ),
        latex_second_derivative=(
            r"f''(x) = \begin{cases} 0 & x \ge 0 \\ \frac{-3 a x}{(1 + a x^2)^{5/2}} & x < 0 \end{cases}"
        ),
        fn=_isrlu,
        d1=_isrlu_d1,
        d2=_isrlu_d2,
        parameters=(_A,),
        properties=Properties(
            range=(-1.0, math.inf),
            monotonic=True,
            zero_centred=True,
            smoothness="C2",
            derivative_at_zero=1.0,
            max_abs_derivative=1.0,
            saturation="left",
            kinks=(
                Kink(
                    0.0, 1.0, "f, f' and f'' are continuous (f'' = 0 on both sides); f''' jumps from -3a to 0"
                ),
            ),
        ),
        citation=_ISRLU_PAPER,
        year=2017,
        summary="ELU's shape with a square root in place of the exponential: x for x ≥ 0, ISRU below.",
        extra={
            "notes": (
                "The negative saturation is -1/√a; at the default a = 1 it is ELU's -1.",
                "The paper's motivation is speed: an inverse square root is cheaper than exp on many processors.",
            )
        },
    )
)

# -------------------------------------------------------------------------------------------------
# Gaussian radial basis function

# sup |f'| = |d/dx exp(-x^2)| at x = 1/sqrt(2): sqrt(2) exp(-1/2).
_GAUSSIAN_MAX_SLOPE = math.sqrt(2.0) * math.exp(-0.5)


@elementwise
def _gaussian(x: torch.Tensor) -> torch.Tensor:
    return torch.exp(-x * x)


@elementwise
def _gaussian_d1(x: torch.Tensor) -> torch.Tensor:
    return at_inf(x, -2.0 * x * torch.exp(-x * x), neg=0.0, pos=0.0)  # inf * 0 at +-inf


@elementwise
def _gaussian_d2(x: torch.Tensor) -> torch.Tensor:
    return at_inf(x, (4.0 * x * x - 2.0) * torch.exp(-x * x), neg=0.0, pos=0.0)


register(
    ActivationSpec(
        name="gaussian",
        aliases=("gaussian_rbf", "rbf"),
        title="Gaussian RBF",
        latex=r"f(x) = e^{-x^2}",
        latex_derivative=r"f'(x) = -2x\,e^{-x^2}",
        latex_second_derivative=r"f''(x) = (4x^2 - 2)\,e^{-x^2}",
        fn=_gaussian,
        d1=_gaussian_d1,
        d2=_gaussian_d2,
        properties=Properties(
            range=(0.0, 1.0),
            monotonic=False,
            zero_centred=False,
            smoothness="Cinf",
            derivative_at_zero=0.0,
            max_abs_derivative=_GAUSSIAN_MAX_SLOPE,
            saturation="both",
        ),
        citation="Broomhead & Lowe, Multivariable Functional Interpolation and Adaptive Networks (Complex Systems 2)",
        year=1988,
        summary="A bump instead of a step: the unit of radial basis function networks, 1 at 0 and 0 far away.",
        extra={
            "notes": (
                "In an RBF network the input is a distance ||x - c|| / width to a learned centre c; "
                "as an activation on a pre-activation it is the same bump on one number.",
                "Not monotonic: the gradient changes sign at 0 and vanishes on both sides.",
            )
        },
    )
)

# -------------------------------------------------------------------------------------------------
# StarReLU

# Yu et al. choose s and b so that s relu(x)^2 + b has mean 0 and variance 1 for x ~ N(0, 1):
# E[relu(x)^2] = 1/2 and Var[relu(x)^2] = 5/4, so s = 1/sqrt(5/4) = 0.894427... and b = -s/2.
# The paper prints them rounded, 0.8944 and -0.4472; those are the defaults (and the initial values
# of the learnable scalars in its code).
_STAR_SCALE = 0.8944
_STAR_BIAS = -0.4472


@elementwise
def _starrelu(x: torch.Tensor, scale: float | torch.Tensor, bias: float | torch.Tensor) -> torch.Tensor:
    return scale * torch.relu(x).square() + bias


@elementwise
def _starrelu_d1(x: torch.Tensor, scale: float | torch.Tensor, bias: float | torch.Tensor) -> torch.Tensor:
    return 2.0 * scale * torch.relu(x)


@elementwise
def _starrelu_d2(x: torch.Tensor, scale: float | torch.Tensor, bias: float | torch.Tensor) -> torch.Tensor:
    return 2.0 * scale * (x > 0).to(x.dtype)


register(
    ActivationSpec(
        name="starrelu",
        aliases=("star_relu",),
        title="StarReLU",
        latex=r"f(x) = s\,\max(0, x)^2 + b",
        latex_derivative=r"f'(x) = 2s\max(0, x)",
        latex_second_derivative=r"f''(x) = \begin{cases} 0 & x \le 0 \\ 2s & x > 0 \end{cases}",
        fn=_starrelu,
        d1=_starrelu_d1,
        d2=_starrelu_d2,
        parameters=(
            Param(
                "scale",
                _STAR_SCALE,
                "s: learnable scale, initialised to 1/sqrt(5/4)",
                learnable=True,
                sweep=(0.5, _STAR_SCALE, 1.0, 2.0),
            ),
            Param(
                "bias",
                _STAR_BIAS,
                "b: learnable bias, initialised to -s/2",
                learnable=True,
                sweep=(-1.0, _STAR_BIAS, 0.0, 0.5),
            ),
        ),
        properties=Properties(
            range=(_STAR_BIAS, math.inf),
            monotonic=True,
            zero_centred=False,
            smoothness="C1",
            derivative_at_zero=0.0,
            max_abs_derivative=math.inf,
            saturation="left",
            kinks=(
                Kink(0.0, 0.0, "f' is continuous (0 on both sides); f'' jumps from 0 to 2s, and is 0 at 0"),
            ),
        ),
        citation="Yu et al., MetaFormer Baselines for Vision (arXiv:2210.13452)",
        year=2022,
        summary="Squared ReLU with a scale and a bias that give zero mean and unit variance for normal inputs.",
        extra={
            "notes": (
                "Squared ReLU (So et al., Primer, 2021) is the special case s = 1, b = 0.",
                "s and b are learnable scalars in MetaFormer; the defaults are the paper's rounded values.",
            ),
            "constants": {"scale": 1.0 / math.sqrt(1.25), "bias": -0.5 / math.sqrt(1.25)},
        },
    )
)
