"""Vector activations (softmax, log-softmax, softmin, SoLU) and gated linear units (GLU, ReGLU, GEGLU,
SwiGLU, bilinear).

These do not map one number to one number, so `d1`/`d2` and `properties` need a convention
(documented on `ActivationSpec`):

- kind "vector": `fn(x, dim)` normalises along `dim`; `d1`/`d2` are the diagonals of the Jacobian
  and of the second derivative, d f_i / d x_i and d^2 f_i / d x_i^2, same shape as x.
  `properties` describe the two-class profile t -> f([t, 0])[0] (softmax -> sigmoid,
  log-softmax -> log-sigmoid), which is what plots draw.
- kind "gated": `fn(x, dim)` splits x in half along `dim` into (a, b), the first half a being the
  value and the second half b the gate, and returns a * act(b): torch.nn.functional.glu's
  convention (a * sigmoid(b)). Shazeer's ReGLU/GEGLU/SwiGLU write act(xW) * xV, i.e. the activation
  on the first projection; with a fused projection which half is which is only a naming choice,
  and we keep torch's. `d1`/`d2` are the gate activation's derivatives, elementwise on any tensor,
  and `properties` describe act itself, the profile t -> f([1, t]). `extra["gate"]` names act's spec
  (absent for the bilinear unit, whose gate is the identity).

Every spec of either kind has `extra["profile"](x, order=0, **params)`: the one-dimensional
profile (order 0) or its first/second derivative (order 1/2), elementwise, for plots and cards.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch
import torch.nn.functional as F

from activations.spec import ActivationSpec, Fn, Kink, Param, Properties, register
from activations.specs._common import at_inf
from activations.specs.beyond_torch import _swish_core, _swish_core_d1, _swish_core_d2

_LOW_PRECISION = (torch.float16, torch.bfloat16)
_DIM = Param("dim", -1, "the dimension the function acts along")

# GELU constants (mpmath, 30 digits): min x*Phi(x) at x = -0.7517915..., sup |f'| at x = sqrt(2).
_GELU_MIN = -0.169971207479903662
_GELU_MAX_SLOPE = 1.12890414518515479
_SILU_MIN = -0.278464542761073795
_SILU_MAX_SLOPE = 1.09983932012886692


def _profile(
    kind: str, fn: Fn, d1: Fn, d2: Fn, parameters: tuple[Param, ...] = ()
) -> Callable[..., torch.Tensor]:
    """The elementwise profile of a vector or gated function and its derivatives (see module doc)."""
    defaults = {p.name: p.default for p in parameters}

    def profile(x: torch.Tensor, order: int = 0, **params: Any) -> torch.Tensor:
        params = {k: v for k, v in {**defaults, **params}.items() if k != "dim"}
        if order not in (0, 1, 2):
            raise ValueError(f"order must be 0, 1 or 2, got {order!r}")
        if kind == "vector":
            pair = torch.stack([x, torch.zeros_like(x)], dim=-1)
            return (fn, d1, d2)[order](pair, dim=-1, **params)[..., 0]
        if order == 0:
            return fn(torch.cat([torch.ones_like(x), x], dim=-1), dim=-1, **params)
        return (d1, d2)[order - 1](x, **params)

    return profile


# -------------------------------------------------------------------------------------------------
# Softmax and log-softmax


def _float32_for_16_bit(fn: Fn) -> Fn:
    """fn(x, dim) with 16-bit inputs computed in float32 and rounded once (torch's fp16 CPU
    log_softmax rounds x - max before subtracting log-sum-exp and misses by several ulps)."""

    def wrapper(x: torch.Tensor, dim: int) -> torch.Tensor:
        work = x.float() if x.dtype in _LOW_PRECISION else x
        return fn(work, dim).to(x.dtype)

    wrapper.__name__ = fn.__name__
    return wrapper


@_float32_for_16_bit
def _softmax(x: torch.Tensor, dim: int) -> torch.Tensor:
    return torch.softmax(x, dim=dim)


@_float32_for_16_bit
def _softmax_d1(x: torch.Tensor, dim: int) -> torch.Tensor:
    log_s = torch.log_softmax(x, dim=dim)
    # 1 - s as -expm1(log s): exact when s is close to 1, where 1 - s would cancel.
    return log_s.exp() * -torch.expm1(log_s)


@_float32_for_16_bit
def _softmax_d2(x: torch.Tensor, dim: int) -> torch.Tensor:
    log_s = torch.log_softmax(x, dim=dim)
    s, one_minus_s = log_s.exp(), -torch.expm1(log_s)
    return s * one_minus_s * (one_minus_s - s)


@_float32_for_16_bit
def _log_softmax(x: torch.Tensor, dim: int) -> torch.Tensor:
    return torch.log_softmax(x, dim=dim)


@_float32_for_16_bit
def _log_softmax_d1(x: torch.Tensor, dim: int) -> torch.Tensor:
    return -torch.expm1(torch.log_softmax(x, dim=dim))


@_float32_for_16_bit
def _log_softmax_d2(x: torch.Tensor, dim: int) -> torch.Tensor:
    log_s = torch.log_softmax(x, dim=dim)
    return log_s.exp() * torch.expm1(log_s)


def _torch_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return F.softmax(x, dim=dim)


def _torch_log_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return F.log_softmax(x, dim=dim)


register(
    ActivationSpec(
        name="softmax",
        title="Softmax",
        kind="vector",
        latex=r"f(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}",
        latex_derivative=r"\frac{\partial f_i}{\partial x_j} = f_i\,(\delta_{ij} - f_j)",
        latex_second_derivative=r"\frac{\partial^2 f_i}{\partial x_i^2} = f_i\,(1 - f_i)(1 - 2 f_i)",
        fn=_softmax,
        d1=_softmax_d1,
        d2=_softmax_d2,
        parameters=(_DIM,),
        properties=Properties(
            range=(0.0, 1.0),
            monotonic=True,
            zero_centred=False,
            smoothness="Cinf",
            derivative_at_zero=0.25,
            max_abs_derivative=0.25,
            saturation="both",
        ),
        reference=_torch_softmax,
        reference_name="torch.nn.functional.softmax",
        citation="Bridle, Probabilistic Interpretation of Feedforward Classification Network Outputs",
        year=1990,
        summary="Turns a vector of scores into a probability distribution; with two classes it is the sigmoid.",
        extra={
            "profile": _profile("vector", _softmax, _softmax_d1, _softmax_d2),
            "notes": ("Properties and plots use the two-class profile softmax([t, 0])[0] = sigmoid(t).",),
        },
    )
)

register(
    ActivationSpec(
        name="log_softmax",
        aliases=("logsoftmax",),
        title="Log-softmax",
        kind="vector",
        latex=r"f(x)_i = x_i - \log \sum_j e^{x_j}",
        latex_derivative=r"\frac{\partial f_i}{\partial x_j} = \delta_{ij} - \operatorname{softmax}(x)_j",
        latex_second_derivative=(
            r"\frac{\partial^2 f_i}{\partial x_i^2} = -\operatorname{softmax}(x)_i\bigl(1 - \operatorname{softmax}(x)_i\bigr)"
        ),
        fn=_log_softmax,
        d1=_log_softmax_d1,
        d2=_log_softmax_d2,
        parameters=(_DIM,),
        properties=Properties(
            range=(-math.inf, 0.0),
            monotonic=True,
            zero_centred=False,
            smoothness="Cinf",
            derivative_at_zero=0.5,
            max_abs_derivative=1.0,
            saturation="right",
        ),
        reference=_torch_log_softmax,
        reference_name="torch.nn.functional.log_softmax",
        citation="Bridle, Probabilistic Interpretation of Feedforward Classification Network Outputs",
        year=1990,
        summary="Log-probabilities computed without forming the softmax: the stable input to cross-entropy.",
        extra={
            "profile": _profile("vector", _log_softmax, _log_softmax_d1, _log_softmax_d2),
            "notes": (
                "Properties and plots use the two-class profile log_softmax([t, 0])[0] = log sigmoid(t).",
            ),
        },
    )
)

# -------------------------------------------------------------------------------------------------
# Softmin and SoLU


@_float32_for_16_bit
def _softmin(x: torch.Tensor, dim: int) -> torch.Tensor:
    return torch.softmax(-x, dim=dim)


@_float32_for_16_bit
def _softmin_d1(x: torch.Tensor, dim: int) -> torch.Tensor:
    # softmin(x) = softmax(-x): the chain rule flips the sign of softmax's diagonal s (1 - s).
    return -_softmax_d1(-x, dim)


@_float32_for_16_bit
def _softmin_d2(x: torch.Tensor, dim: int) -> torch.Tensor:
    return _softmax_d2(-x, dim)


def _torch_softmin(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return F.softmin(x, dim=dim)


register(
    ActivationSpec(
        name="softmin",
        title="Softmin",
        kind="vector",
        latex=r"f(x)_i = \frac{e^{-x_i}}{\sum_j e^{-x_j}}",
        latex_derivative=r"\frac{\partial f_i}{\partial x_j} = -f_i\,(\delta_{ij} - f_j)",
        latex_second_derivative=r"\frac{\partial^2 f_i}{\partial x_i^2} = f_i\,(1 - f_i)(1 - 2 f_i)",
        fn=_softmin,
        d1=_softmin_d1,
        d2=_softmin_d2,
        parameters=(_DIM,),
        properties=Properties(
            range=(0.0, 1.0),
            monotonic=True,
            zero_centred=False,
            smoothness="Cinf",
            derivative_at_zero=-0.25,
            max_abs_derivative=0.25,
            saturation="both",
        ),
        reference=_torch_softmin,
        reference_name="torch.nn.functional.softmin",
        citation="Bridle, Probabilistic Interpretation of Feedforward Classification Network Outputs",
        year=1990,
        summary="Softmax of the negated scores: the smallest entry gets the largest weight.",
        extra={
            "profile": _profile("vector", _softmin, _softmin_d1, _softmin_d2),
            "notes": (
                "Properties and plots use the two-class profile softmin([t, 0])[0] = sigmoid(-t), which decreases.",
            ),
        },
    )
)


@_float32_for_16_bit
def _solu(x: torch.Tensor, dim: int) -> torch.Tensor:
    # x * softmax(x); a masked entry (x = -inf, weight 0) gives 0, not -inf * 0.
    return torch.where(torch.isneginf(x), 0.0, x * torch.softmax(x, dim=dim))


@_float32_for_16_bit
def _solu_d1(x: torch.Tensor, dim: int) -> torch.Tensor:
    log_s = torch.log_softmax(x, dim=dim)
    s, one_minus_s = log_s.exp(), -torch.expm1(log_s)
    return torch.where(torch.isneginf(x), 0.0, s + x * s * one_minus_s)


@_float32_for_16_bit
def _solu_d2(x: torch.Tensor, dim: int) -> torch.Tensor:
    log_s = torch.log_softmax(x, dim=dim)
    s, one_minus_s = log_s.exp(), -torch.expm1(log_s)
    ds = s * one_minus_s
    return torch.where(torch.isneginf(x), 0.0, 2.0 * ds + x * ds * (one_minus_s - s))


register(
    ActivationSpec(
        name="solu",
        title="SoLU",
        kind="vector",
        latex=r"f(x)_i = x_i\,\frac{e^{x_i}}{\sum_j e^{x_j}}",
        latex_derivative=(
            r"\frac{\partial f_i}{\partial x_i} = s_i + x_i\,s_i\,(1 - s_i), \quad s = \operatorname{softmax}(x)"
        ),
        latex_second_derivative=(
            r"\frac{\partial^2 f_i}{\partial x_i^2} = 2 s_i (1 - s_i) + x_i\,s_i (1 - s_i)(1 - 2 s_i)"
        ),
        fn=_solu,
        d1=_solu_d1,
        d2=_solu_d2,
        parameters=(_DIM,),
        properties=Properties(
            range=(_SILU_MIN, math.inf),
            monotonic=False,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=0.5,
            max_abs_derivative=_SILU_MAX_SLOPE,
            saturation="left",
        ),
        citation="Elhage et al., Softmax Linear Units (Transformer Circuits Thread, Anthropic)",
        year=2022,
        summary="x times softmax(x) over the layer: the largest activations pass, the rest are pushed toward 0.",
        extra={
            "profile": _profile("vector", _solu, _solu_d1, _solu_d2),
            "notes": (
                "Properties and plots use the two-class profile SoLU([t, 0])[0] = t·sigmoid(t), which is SiLU.",
                "In the paper SoLU is followed by a LayerNorm, which restores much of the scale it removes.",
            ),
        },
    )
)

# -------------------------------------------------------------------------------------------------
# Gated linear units


def _gated(name: str, act: Callable[[torch.Tensor], torch.Tensor]) -> Fn:
    """a * act(b) for (a, b) = the two halves of x along dim; 16-bit inputs computed in float32."""

    def fn(x: torch.Tensor, dim: int, **params: Any) -> torch.Tensor:
        if x.dim() == 0:
            raise ValueError(f"{name} splits a dimension in half, but got a 0-d tensor")
        size = x.shape[dim]
        if size % 2:
            raise ValueError(f"{name} splits dimension {dim} in half, but its size is {size} (odd)")
        work = x.float() if x.dtype in _LOW_PRECISION else x
        a, b = work.chunk(2, dim=dim)
        return (a * act(b, **params)).to(x.dtype)

    fn.__name__ = f"_{name}"
    return fn


def _sigmoid_d1(x: torch.Tensor) -> torch.Tensor:
    return torch.sigmoid(x) * torch.sigmoid(-x)


def _sigmoid_d2(x: torch.Tensor) -> torch.Tensor:
    s, sbar = torch.sigmoid(x), torch.sigmoid(-x)
    return s * sbar * (sbar - s)


def _relu_d1(x: torch.Tensor) -> torch.Tensor:
    return (x > 0).to(x.dtype)  # torch's relu backward gives 0 at 0


def _relu_d2(x: torch.Tensor) -> torch.Tensor:
    return torch.zeros_like(x)


_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_GELU_TANH_C = 0.044715


def _gelu(x: torch.Tensor, approximate: str) -> torch.Tensor:
    return at_inf(x, F.gelu(x, approximate=approximate), neg=0.0)  # torch gives NaN at -inf


def _silu(x: torch.Tensor) -> torch.Tensor:
    return _swish_core(x, 1.0)  # F.silu gives NaN at -inf


def _gelu_d1(x: torch.Tensor, approximate: str) -> torch.Tensor:
    if approximate == "tanh":
        u = _SQRT_2_OVER_PI * (x + _GELU_TANH_C * x**3)
        du = _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_TANH_C * x * x)
        t = torch.tanh(u)
        out = 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du
    else:
        pdf = torch.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
        out = 0.5 * torch.erfc(-x / math.sqrt(2.0)) + x * pdf
    return at_inf(x, out, neg=0.0, pos=1.0)


def _gelu_d2(x: torch.Tensor, approximate: str) -> torch.Tensor:
    if approximate == "tanh":
        u = _SQRT_2_OVER_PI * (x + _GELU_TANH_C * x**3)
        du = _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_TANH_C * x * x)
        ddu = _SQRT_2_OVER_PI * 6.0 * _GELU_TANH_C * x
        t = torch.tanh(u)
        sech2 = 1.0 - t * t
        out = sech2 * du + 0.5 * x * (sech2 * ddu - 2.0 * t * sech2 * du * du)
    else:
        pdf = torch.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
        out = pdf * (2.0 - x * x)
    return at_inf(x, out, neg=0.0, pos=0.0)


def _silu_d1(x: torch.Tensor) -> torch.Tensor:
    return _swish_core_d1(x, 1.0)


def _silu_d2(x: torch.Tensor) -> torch.Tensor:
    return _swish_core_d2(x, 1.0)


def _upcast(fn: Fn) -> Fn:
    """Gate derivatives for 16-bit inputs computed in float32 and rounded once."""

    def wrapper(x: torch.Tensor, **params: Any) -> torch.Tensor:
        params.pop("dim", None)  # the gate acts elementwise: the split dimension does not apply
        work = x.float() if x.dtype in _LOW_PRECISION else x
        return fn(work, **params).to(x.dtype)

    wrapper.__name__ = fn.__name__
    return wrapper


def _torch_glu(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return F.glu(x, dim=dim)


_SHAZEER = "Shazeer, GLU Variants Improve Transformer"
_GATED_NOTE = (
    "The first half of x along dim is the value, the second half the gate (torch.nn.functional.glu's order)."
)


def _register_gated(
    name: str,
    title: str,
    gate: str | None,
    gate_latex: str,
    gate_latex_d1: str,
    gate_latex_d2: str,
    act: Callable[..., torch.Tensor],
    d1: Fn,
    d2: Fn,
    properties: Properties,
    citation: str,
    year: int,
    summary: str,
    parameters: tuple[Param, ...] = (),
    reference: Fn | None = None,
    reference_name: str = "",
    notes: tuple[str, ...] = (),
    aliases: tuple[str, ...] = (),
) -> None:
    fn = _gated(name, act)
    d1, d2 = _upcast(d1), _upcast(d2)
    register(
        ActivationSpec(
            name=name,
            title=title,
            aliases=aliases,
            kind="gated",
            latex=rf"f(a, b) = a \odot {gate_latex}(b), \quad (a, b) = \operatorname{{split}}(x)",
            latex_derivative=rf"{gate_latex}'(b) = {gate_latex_d1}",
            latex_second_derivative=rf"{gate_latex}''(b) = {gate_latex_d2}",
            fn=fn,
            d1=d1,
            d2=d2,
            parameters=(_DIM, *parameters),
            properties=properties,
            reference=reference,
            reference_name=reference_name,
            citation=citation,
            year=year,
            summary=summary,
            extra={
                **({"gate": gate} if gate is not None else {}),
                "profile": _profile("gated", fn, d1, d2, parameters),
                "notes": (_GATED_NOTE, *notes),
            },
        )
    )


_register_gated(
    "glu",
    "GLU",
    gate="sigmoid",
    gate_latex=r"\sigma",
    gate_latex_d1=r"\sigma(b)\bigl(1 - \sigma(b)\bigr)",
    gate_latex_d2=r"\sigma(b)\bigl(1 - \sigma(b)\bigr)\bigl(1 - 2\sigma(b)\bigr)",
    act=torch.sigmoid,
    d1=_sigmoid_d1,
    d2=_sigmoid_d2,
    properties=Properties(
        range=(0.0, 1.0),
        monotonic=True,
        zero_centred=False,
        smoothness="Cinf",
        derivative_at_zero=0.25,
        max_abs_derivative=0.25,
        saturation="both",
    ),
    reference=_torch_glu,
    reference_name="torch.nn.functional.glu",
    citation="Dauphin et al., Language Modeling with Gated Convolutional Networks",
    year=2017,
    summary="Half of the features gate the other half through a sigmoid.",
)

_register_gated(
    "reglu",
    "ReGLU",
    gate="relu",
    gate_latex=r"\operatorname{ReLU}",
    gate_latex_d1=r"\begin{cases} 0 & b \le 0 \\ 1 & b > 0 \end{cases}",
    gate_latex_d2=r"0 \quad (b \neq 0)",
    act=torch.relu,
    d1=_relu_d1,
    d2=_relu_d2,
    properties=Properties(
        range=(0.0, math.inf),
        monotonic=True,
        zero_centred=False,
        smoothness="C0",
        derivative_at_zero=0.0,
        max_abs_derivative=1.0,
        saturation="left",
        kinks=(Kink(0.0, 0.0, "the gate's ReLU: torch's relu backward gives 0 at 0"),),
    ),
    citation=_SHAZEER,
    year=2020,
    summary="A GLU whose gate is a ReLU.",
)

_register_gated(
    "geglu",
    "GEGLU",
    gate="gelu",
    gate_latex=r"\operatorname{GELU}",
    gate_latex_d1=r"\Phi(b) + b\,\varphi(b)",
    gate_latex_d2=r"\varphi(b)\,(2 - b^2)",
    act=_gelu,
    d1=_gelu_d1,
    d2=_gelu_d2,
    parameters=(
        Param("approximate", "none", "GELU's form, as torch.nn.functional.gelu", choices=("none", "tanh")),
    ),
    properties=Properties(
        range=(_GELU_MIN, math.inf),
        monotonic=False,
        zero_centred=True,
        smoothness="Cinf",
        derivative_at_zero=0.5,
        max_abs_derivative=_GELU_MAX_SLOPE,
        saturation="left",
    ),
    citation=_SHAZEER,
    year=2020,
    summary="A GLU whose gate is a GELU.",
)

_register_gated(
    "swiglu",
    "SwiGLU",
    gate="silu",
    gate_latex=r"\operatorname{SiLU}",
    gate_latex_d1=r"\sigma(b)\bigl(1 + b\,(1 - \sigma(b))\bigr)",
    gate_latex_d2=r"\sigma(b)\bigl(1 - \sigma(b)\bigr)\bigl(2 + b\,(1 - 2\sigma(b))\bigr)",
    act=_silu,
    d1=_silu_d1,
    d2=_silu_d2,
    properties=Properties(
        range=(_SILU_MIN, math.inf),
        monotonic=False,
        zero_centred=True,
        smoothness="Cinf",
        derivative_at_zero=0.5,
        max_abs_derivative=_SILU_MAX_SLOPE,
        saturation="left",
    ),
    citation=_SHAZEER,
    year=2020,
    summary="A GLU whose gate is a SiLU (Swish): the feed-forward unit of LLaMA-style Transformers.",
)


def _identity(x: torch.Tensor) -> torch.Tensor:
    return x


def _ones(x: torch.Tensor) -> torch.Tensor:
    return torch.ones_like(x)


def _zeros(x: torch.Tensor) -> torch.Tensor:
    return torch.zeros_like(x)


_register_gated(
    "bilinear",
    "Bilinear GLU",
    aliases=("bilinear_glu",),
    gate=None,  # the identity: no registered activation
    gate_latex=r"\operatorname{id}",
    gate_latex_d1=r"1",
    gate_latex_d2=r"0",
    act=_identity,
    d1=_ones,
    d2=_zeros,
    properties=Properties(
        range=(-math.inf, math.inf),
        monotonic=True,
        zero_centred=True,
        smoothness="Cinf",
        derivative_at_zero=1.0,
        max_abs_derivative=1.0,
        saturation="none",
    ),
    citation=_SHAZEER,
    year=2020,
    summary="A GLU with no nonlinearity at all: the product of two linear projections, a ⊙ b.",
    notes=(
        "Nonlinear only through the product: as a function of the gate alone it is linear (the profile is t).",
        "Shazeer (2020) calls it Bilinear; Dauphin et al. (2017) and Mnih & Hinton (2007) studied it before.",
    ),
)
