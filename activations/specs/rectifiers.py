"""Piecewise-linear activations of torch.nn: ReLU and its variants, clipping and shrinkage.

Each is linear between its kinks, so f'' is 0 wherever it exists; the interesting facts are the
kinks themselves and the derivative torch's autograd returns exactly at each, written down in
`Kink` and matched by `d1` (checked against torch in tests/activations/test_derivatives.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import torch
import torch.nn.functional as F

from activations.spec import ActivationSpec, Kink, Param, ParamValue, Properties, register
from activations.specs._common import elementwise, step, zeros

INF = math.inf


# --- relu ---------------------------------------------------------------------------------------


@elementwise
def _relu(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x > 0, x, 0.0)


@elementwise
def _relu_d1(x: torch.Tensor) -> torch.Tensor:
    return step(x > 0, x)  # torch: relu'(0) = 0


register(
    ActivationSpec(
        name="relu",
        title="ReLU",
        latex=r"f(x) = \max(0, x)",
        latex_derivative=r"f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        latex_second_derivative=r"f''(x) = 0 \quad (x \neq 0)",
        fn=_relu,
        d1=_relu_d1,
        d2=zeros,
        properties=Properties(
            range=(0.0, INF),
            monotonic=True,
            zero_centred=False,
            smoothness="C0",
            derivative_at_zero=0.0,
            max_abs_derivative=1.0,
            saturation="left",
            kinks=(Kink(0.0, 0.0, "torch takes the left slope: relu'(0) = 0"),),
        ),
        citation="Nair & Hinton, Rectified Linear Units Improve Restricted Boltzmann Machines (ICML 2010); "
        "Glorot, Bordes & Bengio, Deep Sparse Rectifier Neural Networks (AISTATS 2011)",
        year=2010,
        reference=F.relu,
        summary="The identity for positive inputs and zero otherwise: cheap, sparse, and the default of deep learning.",
    )
)


# --- relu6 --------------------------------------------------------------------------------------


@elementwise
def _relu6(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x <= 0, 0.0, torch.where(x >= 6, 6.0, x))


@elementwise
def _relu6_d1(x: torch.Tensor) -> torch.Tensor:
    return step((x > 0) & (x < 6), x)  # torch: 0 at both kinks


register(
    ActivationSpec(
        name="relu6",
        title="ReLU6",
        latex=r"f(x) = \min(\max(0, x), 6)",
        latex_derivative=r"f'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}",
        latex_second_derivative=r"f''(x) = 0 \quad (x \notin \{0, 6\})",
        fn=_relu6,
        d1=_relu6_d1,
        d2=zeros,
        properties=Properties(
            range=(0.0, 6.0),
            monotonic=True,
            zero_centred=False,
            smoothness="C0",
            derivative_at_zero=0.0,
            max_abs_derivative=1.0,
            saturation="both",
            kinks=(
                Kink(0.0, 0.0, "torch: 0 at the lower kink"),
                Kink(6.0, 0.0, "torch: 0 at the upper kink"),
            ),
        ),
        citation="Krizhevsky, Convolutional Deep Belief Networks on CIFAR-10 (2010); "
        "Howard et al., MobileNets (2017)",
        year=2010,
        reference=F.relu6,
        summary="ReLU capped at 6, so activations stay in a range low-precision arithmetic represents well.",
    )
)


# --- leaky_relu, prelu, rrelu: one negative slope -----------------------------------------------


@elementwise
def _leaky(x: torch.Tensor, slope: float) -> torch.Tensor:
    return torch.where(x > 0, x, x * slope)


@elementwise
def _leaky_d1(x: torch.Tensor, slope: float) -> torch.Tensor:
    return torch.where(x > 0, torch.ones_like(x), slope)  # torch: f'(0) = slope (the x <= 0 branch)


def _leaky_latex(slope: str) -> tuple[str, str]:
    f = rf"f(x) = \begin{{cases}} x & x > 0 \\ {slope}\,x & x \le 0 \end{{cases}}"
    d = rf"f'(x) = \begin{{cases}} 1 & x > 0 \\ {slope} & x \le 0 \end{{cases}}"
    return f, d


def _leaky_properties(slope: float, note: str) -> Properties:
    return Properties(
        range=(-INF, INF),
        monotonic=True,
        zero_centred=True,
        smoothness="C0",
        derivative_at_zero=slope,
        max_abs_derivative=1.0,
        saturation="none",
        kinks=(Kink(0.0, slope, note),),
    )


def _leaky_relu(x: torch.Tensor, negative_slope: float) -> torch.Tensor:
    return _leaky(x, slope=negative_slope)


def _leaky_relu_d1(x: torch.Tensor, negative_slope: float) -> torch.Tensor:
    return _leaky_d1(x, slope=negative_slope)


_f, _d = _leaky_latex(r"\alpha")
register(
    ActivationSpec(
        name="leaky_relu",
        title="Leaky ReLU",
        latex=_f,
        latex_derivative=_d,
        latex_second_derivative=r"f''(x) = 0 \quad (x \neq 0)",
        fn=_leaky_relu,
        d1=_leaky_relu_d1,
        d2=zeros,
        parameters=(
            Param("negative_slope", 0.01, r"slope \alpha for x <= 0", sweep=(0.0, 0.01, 0.05, 0.1, 0.2, 0.3)),
        ),
        properties=_leaky_properties(0.01, "torch takes the negative slope: f'(0) = negative_slope"),
        citation="Maas, Hannun & Ng, Rectifier Nonlinearities Improve Neural Network Acoustic Models "
        "(ICML workshop 2013)",
        year=2013,
        reference=lambda x, negative_slope: F.leaky_relu(x, negative_slope),
        reference_name="torch.nn.functional.leaky_relu",
        summary="ReLU with a small slope for negative inputs, so no unit is ever dead.",
    )
)


def _prelu(x: torch.Tensor, weight: float) -> torch.Tensor:
    return _leaky(x, slope=weight)


def _prelu_d1(x: torch.Tensor, weight: float) -> torch.Tensor:
    return _leaky_d1(x, slope=weight)


def _prelu_reference(x: torch.Tensor, weight: float) -> torch.Tensor:
    return F.prelu(x, torch.tensor([weight], dtype=x.dtype, device=x.device))


_f, _d = _leaky_latex("a")
register(
    ActivationSpec(
        name="prelu",
        title="PReLU",
        latex=_f,
        latex_derivative=_d,
        latex_second_derivative=r"f''(x) = 0 \quad (x \neq 0)",
        fn=_prelu,
        d1=_prelu_d1,
        d2=zeros,
        parameters=(
            Param(
                "weight",
                0.25,
                "learned negative slope a (init 0.25)",
                learnable=True,
                sweep=(0.0, 0.1, 0.25, 0.5, 0.75),
            ),
        ),
        properties=_leaky_properties(0.25, "torch takes the learned slope: f'(0) = weight"),
        citation="He, Zhang, Ren & Sun, Delving Deep into Rectifiers: Surpassing Human-Level Performance "
        "on ImageNet Classification (ICCV 2015)",
        year=2015,
        reference=_prelu_reference,
        reference_name="torch.nn.functional.prelu",
        summary="Leaky ReLU whose negative slope is learned (one per channel or one shared).",
        extra={
            "notes": (
                "The spec uses one scalar slope; torch.nn.PReLU(num_parameters=C) learns one per channel.",
            )
        },
    )
)


def _rrelu_check(params: Mapping[str, ParamValue]) -> None:
    if float(params["lower"]) > float(params["upper"]):
        raise ValueError(
            f"rrelu parameter 'lower' must be <= 'upper', got {params['lower']} > {params['upper']}"
        )


def _rrelu(x: torch.Tensor, lower: float, upper: float) -> torch.Tensor:
    return _leaky(x, slope=(lower + upper) / 2)


def _rrelu_d1(x: torch.Tensor, lower: float, upper: float) -> torch.Tensor:
    return _leaky_d1(x, slope=(lower + upper) / 2)


_f, _d = _leaky_latex(r"\tfrac{l + u}{2}")
register(
    ActivationSpec(
        name="rrelu",
        title="RReLU (eval mode)",
        latex=_f,
        latex_derivative=_d,
        latex_second_derivative=r"f''(x) = 0 \quad (x \neq 0)",
        fn=_rrelu,
        d1=_rrelu_d1,
        d2=zeros,
        parameters=(
            Param("lower", 1 / 8, "lower bound l of the random slope", minimum=0.0),
            Param("upper", 1 / 3, "upper bound u of the random slope", minimum=0.0),
        ),
        check_params=_rrelu_check,
        properties=_leaky_properties(
            11 / 48, "torch (eval) takes the mean slope: f'(0) = (lower + upper) / 2"
        ),
        citation="Xu, Wang, Chen & Li, Empirical Evaluation of Rectified Activations in Convolutional Network (2015)",
        year=2015,
        reference=lambda x, lower, upper: F.rrelu(x, lower, upper, training=False),
        reference_name="torch.nn.functional.rrelu",
        summary="Leaky ReLU with a random negative slope drawn from U(l, u) in training and their mean in eval.",
        extra={
            "notes": (
                "Specified in eval mode: leaky ReLU with slope (lower + upper) / 2. In training each element "
                "draws its slope from U(lower, upper); that randomness belongs to the nn module.",
            )
        },
    )
)


# --- threshold ----------------------------------------------------------------------------------


@elementwise
def _threshold(x: torch.Tensor, threshold: float, value: float) -> torch.Tensor:
    return torch.where(x > threshold, x, value)


@elementwise
def _threshold_d1(x: torch.Tensor, threshold: float, value: float) -> torch.Tensor:
    return step(x > threshold, x)  # torch: 0 at the threshold


register(
    ActivationSpec(
        name="threshold",
        title="Threshold",
        latex=r"f(x) = \begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}",
        latex_derivative=r"f'(x) = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}",
        latex_second_derivative=r"f''(x) = 0 \quad (x \neq \theta)",
        fn=_threshold,
        d1=_threshold_d1,
        d2=zeros,
        parameters=(
            Param(
                "threshold",
                1.0,
                r"theta: inputs at or below it are replaced",
                sweep=(-1.0, 0.0, 0.5, 1.0, 2.0),
            ),
            Param("value", 0.0, "v: the replacement value", sweep=(-1.0, 0.0, 1.0)),
        ),
        properties=Properties(
            range=(0.0, INF),
            monotonic=True,
            zero_centred=False,
            smoothness="discontinuous",
            derivative_at_zero=0.0,
            max_abs_derivative=1.0,
            saturation="left",
            kinks=(Kink(1.0, 0.0, "a jump from v = 0 to 1; torch: f'(theta) = 0"),),
        ),
        citation="McCulloch & Pitts, A Logical Calculus of the Ideas Immanent in Nervous Activity (1943)",
        year=1943,
        reference=lambda x, threshold, value: F.threshold(x, threshold, value),
        reference_name="torch.nn.functional.threshold",
        summary="Passes inputs above a threshold and replaces the rest with a constant.",
        extra={
            "notes": (
                "torch.nn.Threshold has no defaults; threshold = 1 and value = 0 are this package's choice, "
                "which makes the jump visible.",
            )
        },
    )
)


# --- hardtanh -----------------------------------------------------------------------------------


def _hardtanh_check(params: Mapping[str, ParamValue]) -> None:
    if float(params["min_val"]) >= float(params["max_val"]):
        raise ValueError(
            f"hardtanh parameter 'min_val' must be < 'max_val', got {params['min_val']} >= {params['max_val']}"
        )


@elementwise
def _hardtanh(x: torch.Tensor, min_val: float, max_val: float) -> torch.Tensor:
    return torch.where(x <= min_val, min_val, torch.where(x >= max_val, max_val, x))


@elementwise
def _hardtanh_d1(x: torch.Tensor, min_val: float, max_val: float) -> torch.Tensor:
    return step((x > min_val) & (x < max_val), x)  # torch: 0 at both kinks


register(
    ActivationSpec(
        name="hardtanh",
        title="Hardtanh",
        latex=r"f(x) = \begin{cases} a & x \le a \\ x & a < x < b \\ b & x \ge b \end{cases}",
        latex_derivative=r"f'(x) = \begin{cases} 1 & a < x < b \\ 0 & \text{otherwise} \end{cases}",
        latex_second_derivative=r"f''(x) = 0 \quad (x \notin \{a, b\})",
        fn=_hardtanh,
        d1=_hardtanh_d1,
        d2=zeros,
        parameters=(
            Param("min_val", -1.0, "a: the lower clip", sweep=(-2.0, -1.0, -0.5)),
            Param("max_val", 1.0, "b: the upper clip", sweep=(0.5, 1.0, 2.0)),
        ),
        check_params=_hardtanh_check,
        properties=Properties(
            range=(-1.0, 1.0),
            monotonic=True,
            zero_centred=True,
            smoothness="C0",
            derivative_at_zero=1.0,
            max_abs_derivative=1.0,
            saturation="both",
            kinks=(Kink(-1.0, 0.0, "torch: 0 at min_val"), Kink(1.0, 0.0, "torch: 0 at max_val")),
        ),
        citation="Collobert, Large Scale Machine Learning (PhD thesis, Université Paris VI, 2004)",
        year=2004,
        reference=lambda x, min_val, max_val: F.hardtanh(x, min_val, max_val),
        reference_name="torch.nn.functional.hardtanh",
        summary="The identity clipped to [min_val, max_val]: a piecewise-linear tanh.",
    )
)


# --- hardshrink, softshrink ---------------------------------------------------------------------

_SHRINK_CITATION = "Donoho & Johnstone, Ideal Spatial Adaptation by Wavelet Shrinkage (Biometrika 1994)"


@elementwise
def _hardshrink(x: torch.Tensor, lambd: float) -> torch.Tensor:
    return torch.where(x.abs() > lambd, x, 0.0)


@elementwise
def _shrink_d1(x: torch.Tensor, lambd: float) -> torch.Tensor:
    return step(x.abs() > lambd, x)  # torch: 0 at +-lambd


register(
    ActivationSpec(
        name="hardshrink",
        title="Hardshrink",
        latex=r"f(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        latex_derivative=r"f'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        latex_second_derivative=r"f''(x) = 0 \quad (|x| \neq \lambda)",
        fn=_hardshrink,
        d1=_shrink_d1,
        d2=zeros,
        parameters=(
            Param(
                "lambd",
                0.5,
                r"lambda: the dead zone's half-width",
                minimum=0.0,
                sweep=(0.0, 0.25, 0.5, 1.0, 1.5),
            ),
        ),
        properties=Properties(
            range=(-INF, INF),
            monotonic=True,
            zero_centred=True,
            smoothness="discontinuous",
            derivative_at_zero=0.0,
            max_abs_derivative=1.0,
            saturation="none",
            kinks=(
                Kink(-0.5, 0.0, "a jump of lambda; torch: f'(-lambd) = 0"),
                Kink(0.5, 0.0, "a jump of lambda; torch: f'(lambd) = 0"),
            ),
        ),
        citation=_SHRINK_CITATION,
        year=1994,
        reference=lambda x, lambd: F.hardshrink(x, lambd),
        reference_name="torch.nn.functional.hardshrink",
        summary="Hard thresholding: zero inside [-lambda, lambda], the identity outside.",
    )
)


@elementwise
def _softshrink(x: torch.Tensor, lambd: float) -> torch.Tensor:
    return torch.where(x > lambd, x - lambd, torch.where(x < -lambd, x + lambd, 0.0))


register(
    ActivationSpec(
        name="softshrink",
        title="Softshrink",
        latex=r"f(x) = \begin{cases} x - \lambda & x > \lambda \\ 0 & |x| \le \lambda \\ x + \lambda & x < -\lambda \end{cases}",
        latex_derivative=r"f'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        latex_second_derivative=r"f''(x) = 0 \quad (|x| \neq \lambda)",
        fn=_softshrink,
        d1=_shrink_d1,
        d2=zeros,
        parameters=(
            Param(
                "lambd",
                0.5,
                r"lambda: the dead zone's half-width",
                minimum=0.0,
                sweep=(0.0, 0.25, 0.5, 1.0, 1.5),
            ),
        ),
        properties=Properties(
            range=(-INF, INF),
            monotonic=True,
            zero_centred=True,
            smoothness="C0",
            derivative_at_zero=0.0,
            max_abs_derivative=1.0,
            saturation="none",
            kinks=(Kink(-0.5, 0.0, "torch: f'(-lambd) = 0"), Kink(0.5, 0.0, "torch: f'(lambd) = 0")),
        ),
        citation=_SHRINK_CITATION,
        year=1994,
        reference=lambda x, lambd: F.softshrink(x, lambd),
        reference_name="torch.nn.functional.softshrink",
        summary="Soft thresholding: shrinks every input towards zero by lambda, the proximal map of the L1 norm.",
    )
)
