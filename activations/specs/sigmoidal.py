"""S-shaped activations of torch.nn and their relatives: sigmoid, tanh, softsign, tanhshrink, and the
piecewise-linear hard sigmoid and hard swish of MobileNetV3.

Derivatives use sigmoid(x) sigmoid(-x) rather than s (1 - s), which keeps full relative precision in
the tails instead of cancelling to 0.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from activations.spec import ActivationSpec, Kink, Properties, register
from activations.specs._common import at_inf, elementwise, step, zeros

INF = math.inf


# --- sigmoid, tanh ------------------------------------------------------------------------------


@elementwise
def _sigmoid(x: torch.Tensor) -> torch.Tensor:
    # e^{-|x|} never overflows, so autograd never meets inf / inf; written with where() because autograd
    # takes |x|' = 0 at 0, which would make autograd through this formula give f'(0) = 0, not 1/4
    e = torch.exp(torch.where(x >= 0, -x, x))
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


@elementwise
def _sigmoid_d1(x: torch.Tensor) -> torch.Tensor:
    return torch.sigmoid(x) * torch.sigmoid(-x)


@elementwise
def _sigmoid_d2(x: torch.Tensor) -> torch.Tensor:
    s, sm = torch.sigmoid(x), torch.sigmoid(-x)
    return s * sm * (sm - s)


register(
    ActivationSpec(
        name="sigmoid",
        title="Sigmoid",
        latex=r"f(x) = \sigma(x) = \frac{1}{1 + e^{-x}}",
        latex_derivative=r"f'(x) = \sigma(x)\,\left(1 - \sigma(x)\right)",
        latex_second_derivative=r"f''(x) = \sigma(x)\,\left(1 - \sigma(x)\right)\left(1 - 2\sigma(x)\right)",
        fn=_sigmoid,
        d1=_sigmoid_d1,
        d2=_sigmoid_d2,
        aliases=("logistic",),
        properties=Properties(
            range=(0.0, 1.0),
            monotonic=True,
            zero_centred=False,
            smoothness="Cinf",
            derivative_at_zero=0.25,
            max_abs_derivative=0.25,
            saturation="both",
        ),
        citation="Rumelhart, Hinton & Williams, Learning Representations by Back-Propagating Errors (Nature 1986)",
        year=1986,
        reference=torch.sigmoid,
        summary="The logistic function: squashes any input into (0, 1); its gradient is at most 1/4.",
    )
)


@elementwise
def _tanh(x: torch.Tensor) -> torch.Tensor:
    return torch.tanh(x)


@elementwise
def _tanh_d1(x: torch.Tensor) -> torch.Tensor:
    return 4 * torch.sigmoid(2 * x) * torch.sigmoid(-2 * x)  # sech^2 without 1 - tanh^2 cancelling


@elementwise
def _tanh_d2(x: torch.Tensor) -> torch.Tensor:
    return -2 * torch.tanh(x) * _tanh_d1(x)


register(
    ActivationSpec(
        name="tanh",
        title="Tanh",
        latex=r"f(x) = \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        latex_derivative=r"f'(x) = 1 - \tanh^{2}(x)",
        latex_second_derivative=r"f''(x) = -2 \tanh(x)\left(1 - \tanh^{2}(x)\right)",
        fn=_tanh,
        d1=_tanh_d1,
        d2=_tanh_d2,
        properties=Properties(
            range=(-1.0, 1.0),
            monotonic=True,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=1.0,
            max_abs_derivative=1.0,
            saturation="both",
        ),
        citation="LeCun, Bottou, Orr & Müller, Efficient BackProp (Neural Networks: Tricks of the Trade, 1998)",
        year=1998,
        reference=torch.tanh,
        summary="A zero-centred sigmoid, 2 sigmoid(2x) - 1, with slope 1 at the origin.",
    )
)


# --- softsign, tanhshrink -----------------------------------------------------------------------


@elementwise
def _softsign(x: torch.Tensor) -> torch.Tensor:
    return at_inf(x, x / (1 + x.abs()), neg=-1.0, pos=1.0)


@elementwise
def _softsign_d1(x: torch.Tensor) -> torch.Tensor:
    return 1 / (1 + x.abs()) ** 2


@elementwise
def _softsign_d2(x: torch.Tensor) -> torch.Tensor:
    return -2 * torch.sign(x) / (1 + x.abs()) ** 3


register(
    ActivationSpec(
        name="softsign",
        title="Softsign",
        latex=r"f(x) = \frac{x}{1 + |x|}",
        latex_derivative=r"f'(x) = \frac{1}{(1 + |x|)^{2}}",
        latex_second_derivative=r"f''(x) = \frac{-2\,\operatorname{sgn}(x)}{(1 + |x|)^{3}} \quad (x \neq 0)",
        fn=_softsign,
        d1=_softsign_d1,
        d2=_softsign_d2,
        properties=Properties(
            range=(-1.0, 1.0),
            monotonic=True,
            zero_centred=True,
            smoothness="C1",
            derivative_at_zero=1.0,
            max_abs_derivative=1.0,
            saturation="both",
            kinks=(Kink(0.0, 1.0, "f'' jumps from 2 to -2; f'(0) = 1"),),
        ),
        citation="Turian, Bergstra & Bengio, Quadratic Features and Deep Architectures for Chunking (NAACL 2009)",
        year=2009,
        reference=F.softsign,
        summary="A tanh-like squashing with polynomial instead of exponential tails.",
        extra={"torch_nan_at": (-INF, INF)},
    )
)


@elementwise
def _tanhshrink(x: torch.Tensor) -> torch.Tensor:
    return x - torch.tanh(x)


@elementwise
def _tanhshrink_d1(x: torch.Tensor) -> torch.Tensor:
    return torch.tanh(x) ** 2


@elementwise
def _tanhshrink_d2(x: torch.Tensor) -> torch.Tensor:
    return 2 * torch.tanh(x) * _tanh_d1(x)


register(
    ActivationSpec(
        name="tanhshrink",
        title="Tanhshrink",
        latex=r"f(x) = x - \tanh(x)",
        latex_derivative=r"f'(x) = \tanh^{2}(x)",
        latex_second_derivative=r"f''(x) = 2 \tanh(x) \left(1 - \tanh^{2}(x)\right)",
        fn=_tanhshrink,
        d1=_tanhshrink_d1,
        d2=_tanhshrink_d2,
        properties=Properties(
            range=(-INF, INF),
            monotonic=True,
            zero_centred=True,
            smoothness="Cinf",
            derivative_at_zero=0.0,
            max_abs_derivative=1.0,
            saturation="none",
        ),
        citation="Collobert, Kavukcuoglu & Farabet, Torch7: A Matlab-like Environment for Machine Learning "
        "(BigLearn, NIPS workshop 2011)",
        year=2011,
        reference=F.tanhshrink,
        summary="What tanh leaves out: flat (cubic) near zero and linear in the tails.",
    )
)


# --- hardsigmoid, hardswish ---------------------------------------------------------------------

_MOBILENET_V3 = "Howard et al., Searching for MobileNetV3 (ICCV 2019)"


@elementwise
def _hardsigmoid(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x <= -3, 0.0, torch.where(x >= 3, 1.0, x / 6 + 0.5))


@elementwise
def _hardsigmoid_d1(x: torch.Tensor) -> torch.Tensor:
    return step((x > -3) & (x < 3), x) / 6  # torch: 0 at both kinks


register(
    ActivationSpec(
        name="hardsigmoid",
        title="Hardsigmoid",
        latex=r"f(x) = \begin{cases} 0 & x \le -3 \\ \frac{x}{6} + \frac{1}{2} & -3 < x < 3 \\ 1 & x \ge 3 \end{cases}",
        latex_derivative=r"f'(x) = \begin{cases} \frac{1}{6} & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}",
        latex_second_derivative=r"f''(x) = 0 \quad (x \neq \pm 3)",
        fn=_hardsigmoid,
        d1=_hardsigmoid_d1,
        d2=zeros,
        properties=Properties(
            range=(0.0, 1.0),
            monotonic=True,
            zero_centred=False,
            smoothness="C0",
            derivative_at_zero=1 / 6,
            max_abs_derivative=1 / 6,
            saturation="both",
            kinks=(Kink(-3.0, 0.0, "torch: 0 at -3"), Kink(3.0, 0.0, "torch: 0 at 3")),
        ),
        citation=_MOBILENET_V3
        + "; an earlier slope-1/2 form in Courbariaux, Bengio & David, BinaryConnect (2015)",
        year=2019,
        reference=F.hardsigmoid,
        summary="ReLU6(x + 3) / 6: a piecewise-linear sigmoid that is cheap on mobile hardware.",
    )
)


@elementwise
def _hardswish(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x <= -3, 0.0, torch.where(x >= 3, x, x * (x + 3) / 6))


@elementwise
def _hardswish_d1(x: torch.Tensor) -> torch.Tensor:
    # torch: 0 at -3 and 1 at 3, the outer pieces' slopes (not the middle piece's -1/2 and 3/2).
    return torch.where(x <= -3, 0.0, torch.where(x >= 3, 1.0, x / 3 + 0.5))


@elementwise
def _hardswish_d2(x: torch.Tensor) -> torch.Tensor:
    return step((x > -3) & (x < 3), x) / 3


register(
    ActivationSpec(
        name="hardswish",
        title="Hardswish",
        latex=r"f(x) = x\, \frac{\operatorname{ReLU6}(x + 3)}{6} = \begin{cases} 0 & x \le -3 \\ \frac{x (x + 3)}{6} & -3 < x < 3 \\ x & x \ge 3 \end{cases}",
        latex_derivative=r"f'(x) = \begin{cases} 0 & x < -3 \\ \frac{2x + 3}{6} & -3 < x < 3 \\ 1 & x > 3 \end{cases}",
        latex_second_derivative=r"f''(x) = \begin{cases} \frac{1}{3} & -3 < x < 3 \\ 0 & |x| > 3 \end{cases}",
        fn=_hardswish,
        d1=_hardswish_d1,
        d2=_hardswish_d2,
        properties=Properties(
            range=(-0.375, INF),
            monotonic=False,
            zero_centred=True,
            smoothness="C0",
            derivative_at_zero=0.5,
            max_abs_derivative=1.5,
            saturation="left",
            kinks=(
                Kink(-3.0, 0.0, "f' jumps from 0 to -1/2; torch takes 0"),
                Kink(3.0, 1.0, "f' jumps from 3/2 to 1; torch takes 1"),
            ),
        ),
        citation=_MOBILENET_V3,
        year=2019,
        reference=F.hardswish,
        summary="x times hard sigmoid: a piecewise-quadratic SiLU for mobile networks.",
        extra={"torch_nan_at": (-INF,)},
    )
)
