"""Smooth activations of torch.nn built from exp, erf and tanh: the ELU family, softplus, SiLU, Mish, GELU.

The formulas are written in stable forms so f, f' and f'' stay finite (no inf * 0) for |x| up to
1e4 in every float dtype: softplus as max(z, 0) + log1p(exp(-|z|)), 1 + tanh(u) as 2 sigmoid(2u),
and the derivatives evaluated on x clipped to +-1000, beyond which they are exactly constant in float64.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from activations.spec import ActivationSpec, Kink, Param, Properties, register
from activations.specs._common import at_inf, elementwise

INF = math.inf
_CLIP = 1000.0  # beyond |x| = 1000 every derivative here equals its limit in float64


def _softplus0(z: torch.Tensor) -> torch.Tensor:
    """log(1 + e^z) without overflow.

    -|z| is written as where(z >= 0, -z, z) because autograd takes |z|' = 0 at z = 0, which would make
    autograd through this formula give f'(0) = 1 instead of 1/2.
    """
    return z.clamp_min(0) + torch.log1p(torch.exp(torch.where(z >= 0, -z, z)))


# --- elu, celu, selu ----------------------------------------------------------------------------


@elementwise
def _elu(x: torch.Tensor, alpha: float) -> torch.Tensor:
    return torch.where(x > 0, x, alpha * torch.expm1(x.clamp_max(0)))  # safe branch: no inf * 0 in autograd


@elementwise
def _elu_d1(x: torch.Tensor, alpha: float) -> torch.Tensor:
    return torch.where(x > 0, torch.ones_like(x), alpha * torch.exp(x.clamp_max(0)))  # torch: f'(0) = alpha


@elementwise
def _elu_d2(x: torch.Tensor, alpha: float) -> torch.Tensor:
    return torch.where(x > 0, torch.zeros_like(x), alpha * torch.exp(x.clamp_max(0)))


register(
    ActivationSpec(
        name="elu",
        title="ELU",
        latex=r"f(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
        latex_derivative=r"f'(x) = \begin{cases} 1 & x > 0 \\ \alpha\, e^{x} & x \le 0 \end{cases}",
        latex_second_derivative=r"f''(x) = \begin{cases} 0 & x > 0 \\ \alpha\, e^{x} & x < 0 \end{cases}",
        fn=_elu,
        d1=_elu_d1,
        d2=_elu_d2,
        parameters=(
            Param(
                "alpha",
                1.0,
                "alpha: the negative saturation value is -alpha",
                minimum=0.0,
                sweep=(0.1, 0.5, 1.0, 1.5, 2.0),
            ),
        ),
        properties=Properties(
            range=(-1.0, INF),
            monotonic=True,
            zero_centred=True,
            smoothness="C1",
            derivative_at_zero=1.0,
            max_abs_derivative=1.0,
            saturation="left",
            kinks=(Kink(0.0, 1.0, "f'' jumps from 1 to 0; torch: f'(0) = alpha (the x <= 0 branch)"),),
        ),
        citation="Clevert, Unterthiner & Hochreiter, Fast and Accurate Deep Network Learning by Exponential "
        "Linear Units (ELUs) (ICLR 2016, arXiv 2015)",
        year=2015,
        reference=lambda x, alpha: F.elu(x, alpha),
        reference_name="torch.nn.functional.elu",
        summary="The identity for positive inputs and a smooth exponential saturation to -alpha below zero.",
        extra={"notes": ("C1 only at alpha = 1; for any other alpha f' jumps from alpha to 1 at 0 (C0).",)},
    )
)


@elementwise
def _celu(x: torch.Tensor, alpha: float) -> torch.Tensor:
    return torch.where(x > 0, x, alpha * torch.expm1(x.clamp_max(0) / alpha))


@elementwise
def _celu_d1(x: torch.Tensor, alpha: float) -> torch.Tensor:
    return torch.where(x > 0, torch.ones_like(x), torch.exp(x.clamp_max(0) / alpha))  # torch: f'(0) = 1


@elementwise
def _celu_d2(x: torch.Tensor, alpha: float) -> torch.Tensor:
    return torch.where(x > 0, torch.zeros_like(x), torch.exp(x.clamp_max(0) / alpha) / alpha)


register(
    ActivationSpec(
        name="celu",
        title="CELU",
        latex=r"f(x) = \max(0, x) + \min\!\left(0,\ \alpha\,(e^{x/\alpha} - 1)\right)",
        latex_derivative=r"f'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
        latex_second_derivative=r"f''(x) = \begin{cases} 0 & x > 0 \\ \tfrac{1}{\alpha} e^{x/\alpha} & x < 0 \end{cases}",
        fn=_celu,
        d1=_celu_d1,
        d2=_celu_d2,
        parameters=(
            Param(
                "alpha",
                1.0,
                "alpha > 0: the negative saturation value is -alpha",
                minimum=0.0,
                exclusive=True,
                sweep=(0.25, 0.5, 1.0, 2.0, 3.0),
            ),
        ),
        properties=Properties(
            range=(-1.0, INF),
            monotonic=True,
            zero_centred=True,
            smoothness="C1",
            derivative_at_zero=1.0,
            max_abs_derivative=1.0,
            saturation="left",
            kinks=(Kink(0.0, 1.0, "f'' jumps from 1/alpha to 0; f'(0) = 1 for every alpha"),),
        ),
        citation="Barron, Continuously Differentiable Exponential Linear Units (arXiv 2017)",
        year=2017,
        reference=lambda x, alpha: F.celu(x, alpha),
        reference_name="torch.nn.functional.celu",
        summary="ELU rescaled so that f' is continuous at 0 for every alpha.",
    )
)

# Klambauer et al. (2017), eq. 14, to the digits torch documents.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


@elementwise
def _selu(x: torch.Tensor) -> torch.Tensor:
    return SELU_SCALE * torch.where(x > 0, x, SELU_ALPHA * torch.expm1(x.clamp_max(0)))


@elementwise
def _selu_d1(x: torch.Tensor) -> torch.Tensor:
    return SELU_SCALE * torch.where(x > 0, torch.ones_like(x), SELU_ALPHA * torch.exp(x.clamp_max(0)))


@elementwise
def _selu_d2(x: torch.Tensor) -> torch.Tensor:
    return SELU_SCALE * torch.where(x > 0, torch.zeros_like(x), SELU_ALPHA * torch.exp(x.clamp_max(0)))


register(
    ActivationSpec(
        name="selu",
        title="SELU",
        latex=r"f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}"
        r"\qquad \alpha = 1.6732632423543772848170429916717,\ \lambda = 1.0507009873554804934193349852946",
        latex_derivative=r"f'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha\, e^{x} & x \le 0 \end{cases}",
        latex_second_derivative=r"f''(x) = \lambda \begin{cases} 0 & x > 0 \\ \alpha\, e^{x} & x < 0 \end{cases}",
        fn=_selu,
        d1=_selu_d1,
        d2=_selu_d2,
        properties=Properties(
            range=(-SELU_SCALE * SELU_ALPHA, INF),
            monotonic=True,
            zero_centred=True,
            smoothness="C0",
            derivative_at_zero=SELU_SCALE * SELU_ALPHA,
            max_abs_derivative=SELU_SCALE * SELU_ALPHA,
            saturation="left",
            kinks=(
                Kink(
                    0.0,
                    SELU_SCALE * SELU_ALPHA,
                    "f' jumps from lambda alpha to lambda; torch takes lambda alpha",
                ),
            ),
        ),
        citation="Klambauer, Unterthiner, Mayr & Hochreiter, Self-Normalizing Neural Networks (NeurIPS 2017)",
        year=2017,
        reference=F.selu,
        summary="Scaled ELU whose constants make the mean 0 and variance 1 a stable fixed point through dense layers.",
        extra={"constants": {"alpha": SELU_ALPHA, "scale": SELU_SCALE}},
    )
)


# --- softplus, logsigmoid -----------------------------------------------------------------------


@elementwise
def _softplus(x: torch.Tensor, beta: float, threshold: float) -> torch.Tensor:
    z = beta * x
    return torch.where(z > threshold, x, _softplus0(z) / beta)  # torch's switch to the identity


@elementwise
def _softplus_d1(x: torch.Tensor, beta: float, threshold: float) -> torch.Tensor:
    z = beta * x
    return torch.where(z > threshold, torch.ones_like(x), torch.sigmoid(z))


@elementwise
def _softplus_d2(x: torch.Tensor, beta: float, threshold: float) -> torch.Tensor:
    z = beta * x
    return torch.where(z > threshold, torch.zeros_like(x), beta * torch.sigmoid(z) * torch.sigmoid(-z))


register(
    ActivationSpec(
        name="softplus",
        title="Softplus",
        latex=r"f(x) = \frac{1}{\beta} \log\left(1 + e^{\beta x}\right)",
        latex_derivative=r"f'(x) = \sigma(\beta x) = \frac{1}{1 + e^{-\beta x}}",
        latex_second_derivative=r"f''(x) = \beta\, \sigma(\beta x)\, \left(1 - \sigma(\beta x)\right)",
        fn=_softplus,
        d1=_softplus_d1,
        d2=_softplus_d2,
        parameters=(
            Param(
                "beta",
                1.0,
                "beta > 0: sharpness",
                minimum=0.0,
                exclusive=True,
                sweep=(0.5, 1.0, 2.0, 5.0, 10.0),
            ),
            Param("threshold", 20.0, "torch returns x where beta * x > threshold", minimum=0.0),
        ),
        properties=Properties(
            range=(0.0, INF),
            monotonic=True,
            zero_centred=False,
            smoothness="Cinf",
            derivative_at_zero=0.5,
            max_abs_derivative=1.0,
            saturation="left",
        ),
        citation="Dugas, Bengio, Bélisle, Nadeau & Garcia, Incorporating Second-Order Functional Knowledge "
        "for Better Option Pricing (NeurIPS 2000, published 2001)",
        year=2001,
        reference=lambda x, beta, threshold: F.softplus(x, beta, threshold),
        reference_name="torch.nn.functional.softplus",
        summary="A smooth ReLU: the antiderivative of the logistic sigmoid.",
        extra={
            "notes": (
                "torch (and this spec) return x itself where beta * x > threshold; at the switch f jumps by "
                "log1p(exp(-threshold)) / beta (2e-9 at the defaults) and f' by the same amount.",
            )
        },
    )
)


@elementwise
def _logsigmoid(x: torch.Tensor) -> torch.Tensor:
    # min(x, 0) and -|x| as where(): autograd through them gives the true f'(0) = 1/2 (see _softplus0)
    return torch.where(x >= 0, torch.zeros_like(x), x) - torch.log1p(torch.exp(torch.where(x >= 0, -x, x)))


@elementwise
def _logsigmoid_d1(x: torch.Tensor) -> torch.Tensor:
    return torch.sigmoid(-x)


@elementwise
def _logsigmoid_d2(x: torch.Tensor) -> torch.Tensor:
    return -torch.sigmoid(x) * torch.sigmoid(-x)


register(
    ActivationSpec(
        name="logsigmoid",
        title="LogSigmoid",
        latex=r"f(x) = \log \sigma(x) = -\log\left(1 + e^{-x}\right)",
        latex_derivative=r"f'(x) = 1 - \sigma(x) = \sigma(-x)",
        latex_second_derivative=r"f''(x) = -\sigma(x)\,\sigma(-x)",
        fn=_logsigmoid,
        d1=_logsigmoid_d1,
        d2=_logsigmoid_d2,
        properties=Properties(
            range=(-INF, 0.0),
            monotonic=True,
            zero_centred=False,
            smoothness="Cinf",
            derivative_at_zero=0.5,
            max_abs_derivative=1.0,
            saturation="right",
        ),
        citation="Cox, The Regression Analysis of Binary Sequences (J. Royal Statistical Society B, 1958): "
        "the log-likelihood of logistic regression",
        year=1958,
        reference=F.logsigmoid,
        reference_name="torch.nn.functional.logsigmoid",
        summary="The log of the logistic sigmoid, minus softplus(-x): the stable way to a log-probability.",
    )
)


# --- silu (swish), mish -------------------------------------------------------------------------


@elementwise
def _silu(x: torch.Tensor) -> torch.Tensor:
    return at_inf(x, x * torch.sigmoid(x), neg=0.0)


@elementwise
def _silu_d1(x: torch.Tensor) -> torch.Tensor:
    x = x.clamp(-_CLIP, _CLIP)
    s, sm = torch.sigmoid(x), torch.sigmoid(-x)
    return s * (1 + x * sm)


@elementwise
def _silu_d2(x: torch.Tensor) -> torch.Tensor:
    x = x.clamp(-_CLIP, _CLIP)
    s, sm = torch.sigmoid(x), torch.sigmoid(-x)
    return s * sm * (2 + x * (sm - s))


SILU_MIN = -0.27846454276107379511  # at x = -1.27846454276107379511 (mpmath)
SILU_MAX_D1 = 1.0998393201288669170  # at x = 2.3993572805154676678


register(
    ActivationSpec(
        name="silu",
        title="SiLU (Swish)",
        latex=r"f(x) = x\, \sigma(x) = \frac{x}{1 + e^{-x}}",
        latex_derivative=r"f'(x) = \sigma(x)\left(1 + x\,(1 - \sigma(x))\right)",
        latex_second_derivative=r"f''(x) = \sigma(x)\,(1 - \sigma(x))\left(2 + x\,(1 - 2\sigma(x))\right)",
        fn=_silu,
        d1=_silu_d1,
        d2=_silu_d2,
        aliases=("swish",),
        properties=Properties(
            range=(SILU_MIN, INF),
            monotonic=False,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=0.5,
            max_abs_derivative=SILU_MAX_D1,
            saturation="left",
        ),
        citation="Elfwing, Uchibe & Doya, Sigmoid-Weighted Linear Units for Neural Network Function "
        "Approximation in Reinforcement Learning (2017); also Hendrycks & Gimpel (2016) and, as Swish, "
        "Ramachandran, Zoph & Le, Searching for Activation Functions (2017)",
        year=2017,
        reference=F.silu,
        summary="The input weighted by its sigmoid: smooth, non-monotonic, with a small negative dip.",
        extra={"torch_nan_at": (-INF,)},
    )
)


@elementwise
def _mish(x: torch.Tensor) -> torch.Tensor:
    return at_inf(x, x * torch.tanh(_softplus0(x)), neg=0.0)


def _mish_parts(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    x = x.clamp(-_CLIP, _CLIP)
    t = torch.tanh(_softplus0(x))
    return x, t, 1 - t * t, torch.sigmoid(x)


@elementwise
def _mish_d1(x: torch.Tensor) -> torch.Tensor:
    x, t, sech2, s = _mish_parts(x)
    return t + x * s * sech2


@elementwise
def _mish_d2(x: torch.Tensor) -> torch.Tensor:
    x, t, sech2, s = _mish_parts(x)
    return sech2 * s * (2 + x * (1 - s - 2 * t * s))


MISH_MIN = -0.30884341301725040663  # at x = -1.1924312145154952121 (mpmath)
MISH_MAX_D1 = 1.0884981612517278612  # at x = 1.4905711794854284593

register(
    ActivationSpec(
        name="mish",
        title="Mish",
        latex=r"f(x) = x \tanh\left(\operatorname{softplus}(x)\right) = x \tanh\left(\log(1 + e^{x})\right)",
        latex_derivative=r"f'(x) = \tanh(\operatorname{sp}(x)) + x\, \sigma(x)\, \operatorname{sech}^2(\operatorname{sp}(x))",
        latex_second_derivative=r"f''(x) = \sigma(x)\, \operatorname{sech}^2(\operatorname{sp}(x))"
        r"\left(2 + x\left(1 - \sigma(x) - 2 \sigma(x) \tanh(\operatorname{sp}(x))\right)\right)",
        fn=_mish,
        d1=_mish_d1,
        d2=_mish_d2,
        properties=Properties(
            range=(MISH_MIN, INF),
            monotonic=False,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=0.6,
            max_abs_derivative=MISH_MAX_D1,
            saturation="left",
        ),
        citation="Misra, Mish: A Self Regularized Non-Monotonic Activation Function (BMVC 2020, arXiv 2019)",
        year=2019,
        reference=F.mish,
        summary="x times tanh of softplus: like SiLU, smooth and non-monotonic, with a deeper negative dip.",
        extra={"torch_nan_at": (-INF,)},
    )
)


# --- gelu ---------------------------------------------------------------------------------------

_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
_GELU_C = 0.044715
_INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)


def _gelu_u(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """u(x) = sqrt(2/pi) (x + 0.044715 x^3) and u'(x), for the tanh form 0.5 x (1 + tanh u) = x sigmoid(2u)."""
    u = _SQRT_2_OVER_PI * (x + _GELU_C * x**3)
    du = _SQRT_2_OVER_PI * (1 + 3 * _GELU_C * x * x)
    return u, du


@elementwise
def _gelu(x: torch.Tensor, approximate: str) -> torch.Tensor:
    if approximate == "tanh":
        u, _ = _gelu_u(x.clamp(-_CLIP, _CLIP))
        out = x * torch.sigmoid(2 * u)
    else:
        out = x * 0.5 * torch.erfc(-x / math.sqrt(2))
    return at_inf(x, out, neg=0.0)


@elementwise
def _gelu_d1(x: torch.Tensor, approximate: str) -> torch.Tensor:
    x = x.clamp(-_CLIP, _CLIP)
    if approximate == "tanh":
        u, du = _gelu_u(x)
        s, sm = torch.sigmoid(2 * u), torch.sigmoid(-2 * u)
        return s + 2 * x * s * sm * du
    pdf = _INV_SQRT_2PI * torch.exp(-0.5 * x * x)
    return 0.5 * torch.erfc(-x / math.sqrt(2)) + x * pdf


@elementwise
def _gelu_d2(x: torch.Tensor, approximate: str) -> torch.Tensor:
    x = x.clamp(-_CLIP, _CLIP)
    if approximate == "tanh":
        u, du = _gelu_u(x)
        s, sm = torch.sigmoid(2 * u), torch.sigmoid(-2 * u)
        d2u = _SQRT_2_OVER_PI * 6 * _GELU_C * x
        # f = x g, g = sigmoid(2u), g' = 2 S u' with S = sigmoid(2u) sigmoid(-2u); f'' = 2 g' + x g''.
        return 2 * s * sm * (2 * du + x * (d2u + 2 * du * du * (sm - s)))
    pdf = _INV_SQRT_2PI * torch.exp(-0.5 * x * x)
    return pdf * (2 - x * x)


GELU_MIN = -0.16997120747990366169  # at x = -0.75179152469356445746 (mpmath)
GELU_MAX_D1 = 1.1289041451851547863  # at x = sqrt(2)

register(
    ActivationSpec(
        name="gelu",
        title="GELU",
        latex=r"f(x) = x\, \Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\left(\frac{x}{\sqrt{2}}\right)\right)"
        r"\quad\text{or, with approximate=tanh,}\quad"
        r"\frac{x}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,(x + 0.044715\,x^{3})\right)\right)",
        latex_derivative=r"f'(x) = \Phi(x) + x\, \varphi(x), \qquad \varphi(x) = \frac{e^{-x^{2}/2}}{\sqrt{2\pi}}",
        latex_second_derivative=r"f''(x) = \varphi(x)\,(2 - x^{2})",
        fn=_gelu,
        d1=_gelu_d1,
        d2=_gelu_d2,
        parameters=(
            Param(
                "approximate",
                "none",
                "'none': exact erf form; 'tanh': the tanh approximation",
                choices=("none", "tanh"),
            ),
        ),
        properties=Properties(
            range=(GELU_MIN, INF),
            monotonic=False,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=0.5,
            max_abs_derivative=GELU_MAX_D1,
            saturation="left",
        ),
        citation="Hendrycks & Gimpel, Gaussian Error Linear Units (GELUs) (arXiv 2016)",
        year=2016,
        reference=lambda x, approximate: F.gelu(x, approximate=approximate),
        reference_name="torch.nn.functional.gelu",
        summary="The input weighted by the standard normal CDF: the activation of BERT and GPT.",
        extra={
            "torch_nan_at": (-INF,),
            "notes": (
                "With approximate='tanh': minimum -0.17004075057125405064 at x = -0.75246142207101625849, "
                "max f' 1.1289930686587717655 at x = 1.4185040087908283555.",
                "torch's float32 and bfloat16 exact GELU also return NaN at +inf; this spec returns +inf.",
            ),
        },
    )
)
