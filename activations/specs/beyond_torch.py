"""Activations the field uses that torch.nn does not ship.

Heaviside, Swish with a trainable beta, QuickGELU, squared ReLU, Squareplus, Snake, SIREN's sine,
sparse-plus, Hard-Mish and xIELU. Each is written once in torch ops for float32/float64 (16-bit
inputs are computed in float32 and rounded once by `elementwise`), in a form that stays finite
wherever the true value is: no `x * 0` at infinities, no cancellation in the left tails.

Derivative conventions at kinks follow what autograd returns for `fn` as written here (torch has
no reference for these functions, except `torch.heaviside`, which has no autograd at all); each
`Kink` records the value and its note says why.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import torch

from activations.spec import ActivationSpec, Kink, Param, ParamValue, Properties, register
from activations.specs._common import at_inf, elementwise, zeros

# Swish-family constants, computed with mpmath at 30 digits (tests recompute them with scipy):
# min_u u*sigmoid(u) is reached at u = -1.2784645..., and sup_u |d/du (u*sigmoid(u))| at u = 2.3993573...
_SWISH_MIN = -0.278464542761073795
_SWISH_MAX_SLOPE = 1.09983932012886692
_QUICK_GELU_SCALE = 1.702  # Hendrycks & Gimpel's sigmoid approximation of the normal CDF

# -------------------------------------------------------------------------------------------------
# Heaviside / binary step


@elementwise
def _heaviside(x: torch.Tensor, value_at_zero: float) -> torch.Tensor:
    # Built on sign() so autograd returns 0 everywhere (torch.heaviside raises in backward).
    return torch.where(x == 0, value_at_zero, 0.5 * (1.0 + torch.sign(x)))


def _torch_heaviside(x: torch.Tensor, value_at_zero: float = 0.5) -> torch.Tensor:
    """torch.heaviside with the spec's call signature, NaN passed through.

    torch.heaviside maps NaN to 0 (NaN > 0 is false); every spec propagates NaN, so the reference
    does too and the difference is a documented note (tests check torch's raw behaviour separately).
    """
    out = torch.heaviside(x, torch.tensor(value_at_zero, dtype=x.dtype, device=x.device))
    return torch.where(torch.isnan(x), x, out)


register(
    ActivationSpec(
        name="heaviside",
        aliases=("binary_step",),
        title="Heaviside step",
        latex=r"f(x) = \begin{cases} 0 & x < 0 \\ h_0 & x = 0 \\ 1 & x > 0 \end{cases}",
        latex_derivative=r"f'(x) = 0 \quad (x \neq 0)",
        latex_second_derivative=r"f''(x) = 0 \quad (x \neq 0)",
        fn=_heaviside,
        d1=elementwise(zeros),
        d2=elementwise(zeros),
        parameters=(Param("value_at_zero", 0.5, "f(0); 0.5 makes f = (1 + sign x) / 2"),),
        properties=Properties(
            range=(0.0, 1.0),
            monotonic=True,
            zero_centred=False,
            smoothness="discontinuous",
            derivative_at_zero=0.0,
            max_abs_derivative=0.0,
            saturation="both",
            kinks=(
                Kink(
                    0.0,
                    0.0,
                    "jump from 0 to 1; the derivative is 0 wherever it exists, and 0 by convention at 0",
                ),
            ),
        ),
        reference=_torch_heaviside,
        reference_name="torch.heaviside",
        citation="McCulloch & Pitts, A Logical Calculus of the Ideas Immanent in Nervous Activity",
        year=1943,
        summary="The threshold unit of the first neuron models: its zero gradient is why training needs surrogates.",
        extra={
            "notes": (
                "The derivative is zero wherever it exists, so gradient descent cannot train through it.",
                "torch.heaviside returns 0 for NaN input; this spec propagates NaN like every other one.",
                "torch.heaviside has no autograd; fn is built on sign() so backward returns 0.",
            ),
        },
    )
)

# -------------------------------------------------------------------------------------------------
# Swish with beta, and QuickGELU (Swish with beta = 1.702)


def _swish_core(x: torch.Tensor, beta: float | torch.Tensor) -> torch.Tensor:
    # beta may be a tensor (trained, broadcastable to x): no Python branching on it.
    out = x * torch.sigmoid(beta * x)
    # -inf * sigmoid(-inf) is -inf * 0: the limit is 0 for beta > 0 (for beta = 0, f = x/2 gives -inf itself).
    neg_limit = torch.where(torch.as_tensor(beta, device=x.device) > 0, 0.0, -math.inf).to(x.dtype)
    return torch.where(torch.isneginf(x), neg_limit, out)


def _swish_core_d1(x: torch.Tensor, beta: float | torch.Tensor) -> torch.Tensor:
    u = beta * x
    s, sbar = torch.sigmoid(u), torch.sigmoid(-u)
    # |u| >= 1000 makes s * sbar exactly 0 in float32 and float64; clamping avoids inf * 0 there.
    return s + u.clamp(-1000.0, 1000.0) * s * sbar


def _swish_core_d2(x: torch.Tensor, beta: float | torch.Tensor) -> torch.Tensor:
    u = beta * x
    s, sbar = torch.sigmoid(u), torch.sigmoid(-u)
    return beta * s * sbar * (2.0 + u.clamp(-1000.0, 1000.0) * (sbar - s))


register(
    ActivationSpec(
        name="swish_beta",
        aliases=("trainable_swish",),
        title="Swish (trainable β)",
        latex=r"f(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}",
        latex_derivative=r"f'(x) = \sigma(\beta x) + \beta x\,\sigma(\beta x)\bigl(1 - \sigma(\beta x)\bigr)",
        latex_second_derivative=(
            r"f''(x) = \beta\,\sigma(\beta x)\bigl(1 - \sigma(\beta x)\bigr)"
            r"\bigl(2 + \beta x\,(1 - 2\sigma(\beta x))\bigr)"
        ),
        fn=elementwise(_swish_core),
        d1=elementwise(_swish_core_d1),
        d2=elementwise(_swish_core_d2),
        parameters=(
            Param(
                "beta",
                1.0,
                "slope of the sigmoid gate; 0 gives x/2, large beta approaches ReLU",
                0.0,
                learnable=True,
                sweep=(0.0, 0.5, 1.0, 1.702, 2.0, 5.0, 10.0),
            ),
        ),
        properties=Properties(
            range=(_SWISH_MIN, math.inf),
            monotonic=False,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=0.5,
            max_abs_derivative=_SWISH_MAX_SLOPE,
            saturation="left",
        ),
        citation="Ramachandran, Zoph & Le, Searching for Activation Functions",
        year=2017,
        summary="SiLU with a learnable sharpness: beta interpolates between a linear unit and ReLU.",
        extra={
            "notes": (
                "With beta = 1 this is SiLU (torch.nn.SiLU); at the default the range and slopes are SiLU's.",
                "The range minimum scales as -0.2785 / beta; max |f'| = 1.0998 for every beta > 0.",
            ),
        },
    )
)


@elementwise
def _quick_gelu(x: torch.Tensor) -> torch.Tensor:
    return _swish_core(x, _QUICK_GELU_SCALE)


@elementwise
def _quick_gelu_d1(x: torch.Tensor) -> torch.Tensor:
    return _swish_core_d1(x, _QUICK_GELU_SCALE)


@elementwise
def _quick_gelu_d2(x: torch.Tensor) -> torch.Tensor:
    return _swish_core_d2(x, _QUICK_GELU_SCALE)


register(
    ActivationSpec(
        name="quick_gelu",
        aliases=("quickgelu",),
        title="QuickGELU",
        latex=r"f(x) = x\,\sigma(1.702\,x)",
        latex_derivative=r"f'(x) = \sigma(1.702\,x) + 1.702\,x\,\sigma(1.702\,x)\bigl(1 - \sigma(1.702\,x)\bigr)",
        latex_second_derivative=(
            r"f''(x) = 1.702\,\sigma(1.702\,x)\bigl(1 - \sigma(1.702\,x)\bigr)"
            r"\bigl(2 + 1.702\,x\,(1 - 2\sigma(1.702\,x))\bigr)"
        ),
        fn=_quick_gelu,
        d1=_quick_gelu_d1,
        d2=_quick_gelu_d2,
        properties=Properties(
            range=(_SWISH_MIN / _QUICK_GELU_SCALE, math.inf),
            monotonic=False,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=0.5,
            max_abs_derivative=_SWISH_MAX_SLOPE,
            saturation="left",
        ),
        citation="Radford et al., Learning Transferable Visual Models From Natural Language Supervision (CLIP)",
        year=2021,
        summary="GELU approximated by a sigmoid, x·σ(1.702x), as CLIP's models were trained with it.",
        extra={
            "notes": (
                "The 1.702 sigmoid approximation of the normal CDF is from Hendrycks & Gimpel (2016).",
                "Models trained with QuickGELU (OpenAI CLIP) must keep it: swapping in exact GELU shifts outputs.",
            ),
        },
    )
)

# -------------------------------------------------------------------------------------------------
# Squared ReLU


@elementwise
def _relu_squared(x: torch.Tensor) -> torch.Tensor:
    return torch.relu(x).square()


@elementwise
def _relu_squared_d1(x: torch.Tensor) -> torch.Tensor:
    return 2.0 * torch.relu(x)


@elementwise
def _relu_squared_d2(x: torch.Tensor) -> torch.Tensor:
    return 2.0 * (x > 0).to(x.dtype)


register(
    ActivationSpec(
        name="relu_squared",
        aliases=("squared_relu",),
        title="Squared ReLU",
        latex=r"f(x) = \max(0, x)^2",
        latex_derivative=r"f'(x) = 2\max(0, x)",
        latex_second_derivative=r"f''(x) = \begin{cases} 0 & x \le 0 \\ 2 & x > 0 \end{cases}",
        fn=_relu_squared,
        d1=_relu_squared_d1,
        d2=_relu_squared_d2,
        properties=Properties(
            range=(0.0, math.inf),
            monotonic=True,
            zero_centred=False,
            smoothness="C1",
            derivative_at_zero=0.0,
            max_abs_derivative=math.inf,
            saturation="left",
            kinks=(
                Kink(0.0, 0.0, "f' is continuous (0 on both sides); f'' jumps from 0 to 2, and is 0 at 0"),
            ),
        ),
        citation="So et al., Primer: Searching for Efficient Transformers for Language Modeling",
        year=2021,
        summary="ReLU squared: Primer's search found it beats GELU in Transformer feed-forward layers.",
    )
)

# -------------------------------------------------------------------------------------------------
# Squareplus


def _squareplus_parts(x: torch.Tensor, b: float) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """r = sqrt(x^2 + b) without overflow, the mask x < 0, and r - x (safe where x >= 0)."""
    r = torch.hypot(x, torch.tensor(math.sqrt(b), dtype=x.dtype, device=x.device))
    neg = x < 0
    return r, neg, torch.where(neg, r - x, 1.0)


@elementwise
def _squareplus(x: torch.Tensor, b: float) -> torch.Tensor:
    r, neg, r_minus_x = _squareplus_parts(x, b)
    # For x < 0, (x + r) / 2 cancels; multiplying by (r - x) / (r - x) gives b / (2 (r - x)).
    return torch.where(neg, b / (2.0 * r_minus_x), 0.5 * (x + r))


@elementwise
def _squareplus_d1(x: torch.Tensor, b: float) -> torch.Tensor:
    r, neg, r_minus_x = _squareplus_parts(x, b)
    right = at_inf(x, 0.5 * (1.0 + x / r), pos=1.0)  # x / r is inf / inf at +inf
    return torch.where(neg, b / (2.0 * r * r_minus_x), right)


@elementwise
def _squareplus_d2(x: torch.Tensor, b: float) -> torch.Tensor:
    r = torch.hypot(x, torch.tensor(math.sqrt(b), dtype=x.dtype, device=x.device))
    return b / (2.0 * r * r * r)


register(
    ActivationSpec(
        name="squareplus",
        title="Squareplus",
        latex=r"f(x) = \frac{x + \sqrt{x^2 + b}}{2}",
        latex_derivative=r"f'(x) = \frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2 + b}}\right)",
        latex_second_derivative=r"f''(x) = \frac{b}{2\,(x^2 + b)^{3/2}}",
        fn=_squareplus,
        d1=_squareplus_d1,
        d2=_squareplus_d2,
        parameters=(
            Param(
                "b",
                4.0,
                "curvature near 0; b -> 0 approaches ReLU",
                0.0,
                exclusive=True,
                sweep=(0.25, 1.0, 4.0, 9.0),
            ),
        ),
        properties=Properties(
            range=(0.0, math.inf),
            monotonic=True,
            zero_centred=False,
            smoothness="Cinf",
            derivative_at_zero=0.5,
            max_abs_derivative=1.0,
            saturation="left",
        ),
        citation="Barron, Squareplus: A Softplus-Like Algebraic Rectifier",
        year=2021,
        summary="A softplus look-alike built from a square root only, no exp or log.",
        extra={"notes": ("b must be > 0 here: b = 0 is ReLU, registered as its own spec.",)},
    )
)

# -------------------------------------------------------------------------------------------------
# Snake


@elementwise
def _snake(x: torch.Tensor, alpha: float | torch.Tensor) -> torch.Tensor:
    out = x + torch.sin(alpha * x).square() / alpha
    # sin(inf) is NaN but the bounded term cannot stop x: the limits are +-inf.
    return at_inf(x, out, neg=-math.inf, pos=math.inf)


@elementwise
def _snake_d1(x: torch.Tensor, alpha: float | torch.Tensor) -> torch.Tensor:
    return 1.0 + torch.sin(2.0 * alpha * x)


@elementwise
def _snake_d2(x: torch.Tensor, alpha: float | torch.Tensor) -> torch.Tensor:
    return 2.0 * alpha * torch.cos(2.0 * alpha * x)


register(
    ActivationSpec(
        name="snake",
        title="Snake",
        latex=r"f(x) = x + \frac{\sin^2(\alpha x)}{\alpha}",
        latex_derivative=r"f'(x) = 1 + \sin(2\alpha x)",
        latex_second_derivative=r"f''(x) = 2\alpha\cos(2\alpha x)",
        fn=_snake,
        d1=_snake_d1,
        d2=_snake_d2,
        parameters=(
            Param(
                "alpha",
                1.0,
                "frequency of the periodic term",
                0.0,
                exclusive=True,
                learnable=True,
                sweep=(0.25, 0.5, 1.0, 2.0, 5.0),
            ),
        ),
        properties=Properties(
            range=(-math.inf, math.inf),
            monotonic=True,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=1.0,
            max_abs_derivative=2.0,
            saturation="none",
        ),
        citation="Liu Ziyin, Hartwig & Ueda, Neural Networks Fail to Learn Periodic Functions and How to Fix It",
        year=2020,
        summary="x plus a periodic ripple, so networks can extrapolate periodic signals.",
        extra={"notes": ("Non-decreasing: f' = 1 + sin(2αx) touches 0 at isolated points only.",)},
    )
)

# -------------------------------------------------------------------------------------------------
# SIREN's sine


def _sine_argument(x: torch.Tensor, omega_0: float) -> torch.Tensor:
    """omega_0 * x in float64: in float32 the product's rounding (|omega_0 x| ~ 300 has an ulp of 3e-5)
    would be the whole error of sin, far above float32's own precision; the result is rounded back."""
    return omega_0 * x.double()


@elementwise
def _sine(x: torch.Tensor, omega_0: float) -> torch.Tensor:
    return torch.sin(_sine_argument(x, omega_0)).to(x.dtype)


@elementwise
def _sine_d1(x: torch.Tensor, omega_0: float) -> torch.Tensor:
    return (omega_0 * torch.cos(_sine_argument(x, omega_0))).to(x.dtype)


@elementwise
def _sine_d2(x: torch.Tensor, omega_0: float) -> torch.Tensor:
    return (-(omega_0**2) * torch.sin(_sine_argument(x, omega_0))).to(x.dtype)


register(
    ActivationSpec(
        name="sine",
        aliases=("siren",),
        title="Sine (SIREN)",
        latex=r"f(x) = \sin(\omega_0 x)",
        latex_derivative=r"f'(x) = \omega_0 \cos(\omega_0 x)",
        latex_second_derivative=r"f''(x) = -\omega_0^2 \sin(\omega_0 x)",
        fn=_sine,
        d1=_sine_d1,
        d2=_sine_d2,
        parameters=(
            Param(
                "omega_0",
                30.0,
                "frequency; SIREN's first-layer default",
                0.0,
                exclusive=True,
                sweep=(1.0, 2.0, 5.0, 10.0, 30.0),
            ),
        ),
        properties=Properties(
            range=(-1.0, 1.0),
            monotonic=False,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=30.0,
            max_abs_derivative=30.0,
            saturation="none",
        ),
        citation="Sitzmann et al., Implicit Neural Representations with Periodic Activation Functions (SIREN)",
        year=2020,
        summary="A periodic activation for coordinate networks; needs SIREN's matching weight initialisation.",
        extra={"notes": ("f(±inf) is NaN: sin has no limit at infinity.",)},
    )
)

# -------------------------------------------------------------------------------------------------
# Sparse plus


@elementwise
def _sparse_plus(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x <= -1.0, 0.0, torch.where(x >= 1.0, x, 0.25 * (x + 1.0).square()))


@elementwise
def _sparse_plus_d1(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x <= -1.0, 0.0, torch.where(x >= 1.0, 1.0, 0.5 * (x + 1.0)))


@elementwise
def _sparse_plus_d2(x: torch.Tensor) -> torch.Tensor:
    return torch.where((x > -1.0) & (x < 1.0), 0.5, 0.0).to(x.dtype)


register(
    ActivationSpec(
        name="sparse_plus",
        aliases=("sparseplus",),
        title="Sparse plus",
        latex=r"f(x) = \begin{cases} 0 & x \le -1 \\ \frac{1}{4}(x + 1)^2 & -1 < x < 1 \\ x & x \ge 1 \end{cases}",
        latex_derivative=r"f'(x) = \begin{cases} 0 & x \le -1 \\ \frac{1}{2}(x + 1) & -1 < x < 1 \\ 1 & x \ge 1 \end{cases}",
        latex_second_derivative=r"f''(x) = \begin{cases} \frac{1}{2} & -1 < x < 1 \\ 0 & |x| \ge 1 \end{cases}",
        fn=_sparse_plus,
        d1=_sparse_plus_d1,
        d2=_sparse_plus_d2,
        properties=Properties(
            range=(0.0, math.inf),
            monotonic=True,
            zero_centred=False,
            smoothness="C1",
            derivative_at_zero=0.5,
            max_abs_derivative=1.0,
            saturation="left",
            kinks=(
                Kink(-1.0, 0.0, "f' is continuous (0); f'' jumps from 0 to 1/2, and is 0 at -1"),
                Kink(1.0, 1.0, "f' is continuous (1); f'' jumps from 1/2 to 0, and is 0 at 1"),
            ),
        ),
        citation="Blondel, Martins & Niculae, Learning with Fenchel-Young Losses",
        year=2020,
        summary="Softplus's sparse twin: exactly 0 below -1, exactly x above 1, a parabola between.",
        extra={"notes": ("As jax.nn.sparse_plus; its derivative is jax.nn.sparse_sigmoid.",)},
    )
)

# -------------------------------------------------------------------------------------------------
# Hard-Mish


@elementwise
def _hard_mish(x: torch.Tensor) -> torch.Tensor:
    # timm's formula x/2 * clamp(x + 2, 0, 2); x is clamped below at -4 (where f is already 0)
    # so that -inf reads -4 * 0 instead of -inf * 0. Autograd: clamp passes the gradient at its
    # bounds, so f'(-2) = -1 and f'(0) = 1, as in timm.
    xc = x.clamp(min=-4.0)
    return 0.5 * xc * (xc + 2.0).clamp(0.0, 2.0)


@elementwise
def _hard_mish_d1(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x < -2.0, 0.0, torch.where(x > 0.0, 1.0, x + 1.0))


@elementwise
def _hard_mish_d2(x: torch.Tensor) -> torch.Tensor:
    return ((x >= -2.0) & (x <= 0.0)).to(x.dtype)


register(
    ActivationSpec(
        name="hard_mish",
        aliases=("hardmish",),
        title="Hard-Mish",
        latex=r"f(x) = \frac{x}{2}\,\min\bigl(2, \max(0, x + 2)\bigr)",
        latex_derivative=r"f'(x) = \begin{cases} 0 & x < -2 \\ x + 1 & -2 \le x \le 0 \\ 1 & x > 0 \end{cases}",
        latex_second_derivative=r"f''(x) = \begin{cases} 1 & -2 \le x \le 0 \\ 0 & \text{otherwise} \end{cases}",
        fn=_hard_mish,
        d1=_hard_mish_d1,
        d2=_hard_mish_d2,
        properties=Properties(
            range=(-0.5, math.inf),
            monotonic=False,
            zero_centred=True,
            smoothness="C0",
            derivative_at_zero=1.0,
            max_abs_derivative=1.0,
            saturation="left",
            kinks=(
                Kink(
                    -2.0, -1.0, "f' jumps from 0 to -1; autograd through clamp gives the right derivative -1"
                ),
                Kink(0.0, 1.0, "f' is continuous (1); f'' jumps from 1 to 0"),
            ),
        ),
        citation="Misra, H-Mish (notes by Mish's author, as implemented in timm's hard_mish)",
        year=2020,
        summary="A piecewise-quadratic Mish: x(x+2)/2 on [-2, 0], ReLU elsewhere, no transcendental functions.",
        extra={"notes": ("Formula as timm.layers.activations.hard_mish: 0.5 * x * clamp(x + 2, 0, 2).",)},
    )
)

# -------------------------------------------------------------------------------------------------
# xIELU


def _xielu_check(params: Mapping[str, ParamValue]) -> None:
    if float(params["alpha_n"]) <= float(params["beta"]):
        raise ValueError(
            f"xielu needs alpha_n > beta, got alpha_n={params['alpha_n']!r}, beta={params['beta']!r}"
        )
    if float(params["eps"]) > 0:
        raise ValueError(f"xielu needs eps <= 0, got eps={params['eps']!r}")


@elementwise
def _xielu(
    x: torch.Tensor, alpha_p: float | torch.Tensor, alpha_n: float | torch.Tensor, beta: float, eps: float
) -> torch.Tensor:
    # Reference: alpha_n * (expm1(min(x, eps)) - x) + beta * x for x <= 0. Written here as
    # alpha_n * expm1(min(x, eps)) + (beta - alpha_n) * x, which is finite at x = -inf (no inf - inf).
    # clamp(max=eps) equals min(x, eps) but passes the gradient at x == eps instead of halving it.
    negative = alpha_n * torch.expm1(x.clamp(max=eps)) + (beta - alpha_n) * x
    positive = x * (alpha_p * x + beta)
    return torch.where(x > 0, positive, negative)


@elementwise
def _xielu_d1(
    x: torch.Tensor, alpha_p: float | torch.Tensor, alpha_n: float | torch.Tensor, beta: float, eps: float
) -> torch.Tensor:
    exp_part = torch.where(x <= eps, alpha_n * torch.exp(x.clamp(max=eps)), 0.0)
    return torch.where(x > 0, 2.0 * alpha_p * x + beta, exp_part + beta - alpha_n)


@elementwise
def _xielu_d2(
    x: torch.Tensor, alpha_p: float | torch.Tensor, alpha_n: float | torch.Tensor, beta: float, eps: float
) -> torch.Tensor:
    exp_part = torch.where(x <= eps, alpha_n * torch.exp(x.clamp(max=eps)), 0.0)
    return torch.where(x > 0, 2.0 * alpha_p, exp_part)


_XIELU_DEFAULTS = {"alpha_p": 0.8, "alpha_n": 0.8, "beta": 0.5, "eps": -1e-6}


def _xielu_minimum(alpha_n: float, beta: float) -> float:
    """min f over x <= 0 (ignoring the 1e-6-wide eps segment): where alpha_n (e^x - 1) + beta = 0."""
    x_star = math.log1p(-beta / alpha_n)
    return alpha_n * (math.expm1(x_star) - x_star) + beta * x_star


_D = _XIELU_DEFAULTS

register(
    ActivationSpec(
        name="xielu",
        title="xIELU",
        latex=(
            r"f(x) = \begin{cases} \alpha_p x^2 + \beta x & x > 0 \\"
            r" \alpha_n \bigl(e^{\min(x, \varepsilon)} - 1 - x\bigr) + \beta x & x \le 0 \end{cases}"
        ),
        latex_derivative=(
            r"f'(x) = \begin{cases} 2\alpha_p x + \beta & x > 0 \\"
            r" \beta - \alpha_n & \varepsilon < x \le 0 \\"
            r" \alpha_n e^{x} + \beta - \alpha_n & x \le \varepsilon \end{cases}"
        ),
        latex_second_derivative=(
            r"f''(x) = \begin{cases} 2\alpha_p & x > 0 \\ 0 & \varepsilon < x \le 0 \\"
            r" \alpha_n e^{x} & x \le \varepsilon \end{cases}"
        ),
        fn=_xielu,
        d1=_xielu_d1,
        d2=_xielu_d2,
        parameters=(
            Param(
                "alpha_p",
                _D["alpha_p"],
                "curvature of the x > 0 branch (softplus of a trainable weight)",
                0.0,
                True,
                learnable=True,
                sweep=(0.2, 0.8, 2.0),
            ),
            Param(
                "alpha_n",
                _D["alpha_n"],
                "scale of the x <= 0 branch; must exceed beta",
                0.0,
                True,
                learnable=True,
                sweep=(0.6, 0.8, 1.5),
            ),
            Param("beta", _D["beta"], "slope at 0 (fixed)"),
            Param("eps", _D["eps"], "clamp inside exp of the x <= 0 branch (reference implementation); <= 0"),
        ),
        check_params=_xielu_check,
        properties=Properties(
            range=(_xielu_minimum(_D["alpha_n"], _D["beta"]), math.inf),
            monotonic=False,
            zero_centred=False,
            smoothness="discontinuous",
            derivative_at_zero=_D["beta"] - _D["alpha_n"],
            max_abs_derivative=math.inf,
            saturation="none",
            kinks=(
                Kink(
                    _D["eps"],
                    _D["alpha_n"] * math.expm1(_D["eps"]) + _D["beta"],
                    "f' jumps from alpha_n e^eps + beta - alpha_n (~beta) to beta - alpha_n; clamp passes the gradient at eps",
                ),
                Kink(
                    0.0,
                    _D["beta"] - _D["alpha_n"],
                    "f jumps by alpha_n expm1(eps) (~ -8e-7) and f' from beta - alpha_n to beta; x = 0 takes the x <= 0 branch",
                ),
            ),
        ),
        citation="Huang & Schlag, Deriving Activation Functions Using Integration (arXiv:2411.13010; used in Apertus)",
        year=2024,
        summary="Integrates a trainable gradient: quadratic for x > 0, ELU-like for x < 0 with a negative slope far left.",
        extra={
            "notes": (
                "alpha_p and alpha_n here are the effective values; the trainable weights are their softplus inverses"
                " (alpha_n = beta + softplus(w_n)), so alpha_p > 0 and alpha_n > beta.",
                "The eps = -1e-6 clamp of the reference implementation leaves a 1e-6-wide linear piece with slope"
                " beta - alpha_n on (eps, 0] and a jump of alpha_n expm1(eps) at 0; the paper's limit eps -> 0 is C1"
                " with f'(0) = beta.",
                "For x -> -inf, f' -> beta - alpha_n < 0, so f grows again on the far left.",
            ),
            "constants": {"x_min": math.log1p(-_D["beta"] / _D["alpha_n"])},
        },
    )
)
