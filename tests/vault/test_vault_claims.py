"""Numbers and formulas stated in the vault's prose, checked against the `activations` package.

Each claim names a note, the exact text of the claim in it, the number that text states, and how to
compute that number from the package (float64). A claim fails when the note no longer says it
(edited away or reworded: update the table) or when the package disagrees (the note has drifted
from the code, or the code from the note). Numbers that a computed block shows on the page are not
repeated here; `test_vault_content.test_no_computed_number_is_typed` keeps those out of the prose.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import torch

import activations
from activations.depth import DepthRun, run_spec

VAULT = Path(__file__).resolve().parents[2] / "vault"
F64 = torch.float64

# Words the notes use for numbers, read as a person would read them.
WORDS = {
    "a quarter": 0.25,
    "a tenth": 0.1,
    "half": 0.5,
    "one": 1.0,
    "fourfold": 4.0,
    "sixteenfold": 16.0,
    "forty": 40.0,
}


def _number(text: str) -> float:
    """The value of a number as the notes write it: 0.47, 4.7e-4, 11/48, $\\sqrt{2}$, or a word."""
    if text in WORDS:
        return WORDS[text]
    if text == "$\\sqrt{2}$":
        return math.sqrt(2.0)
    if "/" in text:
        return float(Fraction(text))
    return float(text)


def _note(path: str) -> str:
    """A note's text with runs of whitespace collapsed, so line wrapping never breaks a claim."""
    return " ".join((VAULT / path).read_text(encoding="utf-8").split())


def _t(values: Sequence[float]) -> torch.Tensor:
    return torch.tensor(values, dtype=F64)


GRID = torch.linspace(-10.0, 10.0, 400_001, dtype=F64)  # step 5e-5


def _f(name: str, x: torch.Tensor, **params: object) -> torch.Tensor:
    return activations.get(name).forward(x, **params)


def _d(name: str, x: torch.Tensor, **params: object) -> torch.Tensor:
    return activations.get(name).derivative(x, order=1, **params)


def _softplus_gap(x: float) -> tuple[float, float]:
    """softplus - relu at +x and -x: the notes say the gap is the same on both sides."""
    xs = _t([x, -x])
    gap = _f("softplus", xs) - _f("relu", xs)
    return float(gap[0]), float(gap[1])


@cache
def _gelu_forms_gap() -> torch.Tensor:
    return (_f("gelu", GRID) - _f("gelu", GRID, approximate="tanh")).abs()


@cache
def _quick_gelu_gap() -> torch.Tensor:
    return (_f("gelu", GRID) - _f("quick_gelu", GRID)).abs()


@cache
def _sigmoid_slope() -> torch.Tensor:
    return _d("sigmoid", GRID)


def _gauss(fn: Callable[[torch.Tensor], torch.Tensor], variance: float) -> float:
    """E[fn(z)] for z ~ N(0, variance), by 200-point Gauss-Hermite quadrature (even count: no node at 0)."""
    nodes, weights = np.polynomial.hermite_e.hermegauss(200)
    z = _t(list(nodes * math.sqrt(variance)))
    return float((fn(z) * _t(list(weights))).sum()) / math.sqrt(2.0 * math.pi)


def _relu_slope_sq(variance: float) -> float:
    return _gauss(lambda z: _d("relu", z) ** 2, variance)


def _rrelu_param(name: str) -> float:
    value = activations.get("rrelu").params[name]
    assert isinstance(value, float)
    return value


@dataclass(frozen=True)
class Claim:
    path: str  # note, relative to the vault
    text: str  # exact text of the claim in the note (whitespace-normalised)
    number: str  # the number as the text states it; must occur in `text`
    values: Callable[[], Sequence[float]]  # what the package computes for it
    tolerance: float  # the rounding the text allows


SIGMOID_PEAK = lambda: [float(_sigmoid_slope().max())]  # noqa: E731
TANH_AT_0 = lambda: [float(_d("tanh", _t([0.0]))[0])]  # noqa: E731
GELU_FORMS = lambda: [float(_gelu_forms_gap().max())]  # noqa: E731
QUICK_GELU = lambda: [float(_quick_gelu_gap().max())]  # noqa: E731

CLAIMS = (
    # Softplus: the gap to ReLU, log(1 + e^-|x|), on both sides.
    Claim(
        "Functions/Softplus.md",
        "0.69 at 0, 0.47 at ±0.5, 0.13 at ±2 and 0.05 at ±3",
        "0.69",
        lambda: _softplus_gap(0.0),
        0.005,
    ),
    Claim(
        "Functions/Softplus.md",
        "0.69 at 0, 0.47 at ±0.5, 0.13 at ±2 and 0.05 at ±3",
        "0.47",
        lambda: _softplus_gap(0.5),
        0.005,
    ),
    Claim(
        "Functions/Softplus.md",
        "0.69 at 0, 0.47 at ±0.5, 0.13 at ±2 and 0.05 at ±3",
        "0.13",
        lambda: _softplus_gap(2.0),
        0.005,
    ),
    Claim(
        "Functions/Softplus.md",
        "0.69 at 0, 0.47 at ±0.5, 0.13 at ±2 and 0.05 at ±3",
        "0.05",
        lambda: _softplus_gap(3.0),
        0.005,
    ),
    Claim(
        "Guides/Sources and further reading.md",
        "the gap to ReLU is still about a tenth at ±2",
        "a tenth",
        lambda: _softplus_gap(2.0),
        0.03,
    ),
    Claim(
        "Functions/Softplus.md",
        "when $\\beta x$ exceeds `threshold` (default 20)",
        "20",
        lambda: [float(activations.get("softplus").params["threshold"])],
        0.0,
    ),
    # GELU: the exact and tanh forms, and QuickGELU.
    Claim(
        "Functions/GELU.md",
        "they differ by at most 4.7e-4, near $|x| \\approx 2.7$",
        "4.7e-4",
        GELU_FORMS,
        0.05e-4,
    ),
    Claim(
        "Functions/GELU.md",
        "they differ by at most 4.7e-4, near $|x| \\approx 2.7$",
        "2.7",
        lambda: [abs(float(GRID[_gelu_forms_gap().argmax()]))],
        0.05,
    ),
    Claim(
        "Functions/GELU.md",
        "it differs from GELU by up to 0.02, forty times as much",
        "0.02",
        QUICK_GELU,
        0.0005,
    ),
    Claim(
        "Functions/GELU.md",
        "it differs from GELU by up to 0.02, forty times as much",
        "forty",
        lambda: [QUICK_GELU()[0] / GELU_FORMS()[0]],
        5.0,
    ),
    Claim(
        "Functions/QuickGELU.md",
        "up to 0.02, near $x \\approx -2.3$, where GELU's tanh approximation stays within 4.7e-4",
        "0.02",
        QUICK_GELU,
        0.0005,
    ),
    Claim(
        "Functions/QuickGELU.md",
        "up to 0.02, near $x \\approx -2.3$, where GELU's tanh approximation stays within 4.7e-4",
        "-2.3",
        lambda: [float(GRID[_quick_gelu_gap().argmax()])],
        0.05,
    ),
    Claim(
        "Functions/QuickGELU.md",
        "up to 0.02, near $x \\approx -2.3$, where GELU's tanh approximation stays within 4.7e-4",
        "4.7e-4",
        GELU_FORMS,
        0.05e-4,
    ),
    Claim(
        "Architectures/transformers.md",
        "the exact and tanh forms differ by at most 4.7e-4",
        "4.7e-4",
        GELU_FORMS,
        0.05e-4,
    ),
    Claim(
        "Architectures/transformers.md", "and it differs from GELU by up to 0.02", "0.02", QUICK_GELU, 0.0005
    ),
    Claim(
        "Architectures/transformers.md",
        "exact GELU for its tanh form moves each activation by at most 4.7e-4, GELU for QuickGELU by up to 0.02",
        "4.7e-4",
        GELU_FORMS,
        0.05e-4,
    ),
    Claim(
        "Architectures/transformers.md",
        "exact GELU for its tanh form moves each activation by at most 4.7e-4, GELU for QuickGELU by up to 0.02",
        "0.02",
        QUICK_GELU,
        0.0005,
    ),
    # Peak slopes of the classic functions.
    Claim(
        "Activation functions.md",
        "sigmoid's slope never climbs above a quarter, tanh's peaks at one at the origin",
        "a quarter",
        SIGMOID_PEAK,
        1e-9,
    ),
    Claim(
        "Activation functions.md",
        "sigmoid's slope never climbs above a quarter, tanh's peaks at one at the origin",
        "one",
        TANH_AT_0,
        1e-12,
    ),
    Claim(
        "Concepts/backprop.md",
        "Sigmoid's slope never exceeds a quarter, so even at its best it shrinks the signal fourfold per layer",
        "a quarter",
        SIGMOID_PEAK,
        1e-9,
    ),
    Claim(
        "Concepts/backprop.md",
        "Sigmoid's slope never exceeds a quarter, so even at its best it shrinks the signal fourfold per layer",
        "fourfold",
        lambda: [1.0 / SIGMOID_PEAK()[0]],
        1e-6,
    ),
    Claim(
        "Concepts/Vanishing and exploding gradients.md",
        "its slope never exceeds a quarter",
        "a quarter",
        SIGMOID_PEAK,
        1e-9,
    ),
    Claim("Functions/Sigmoid.md", "never more than a quarter", "a quarter", SIGMOID_PEAK, 1e-9),
    Claim("Functions/Tanh.md", "its slope reaches one at the origin", "one", TANH_AT_0, 1e-12),
    # Signal propagation: E[phi'(z)^2] and the critical weight variance 1 / E[phi'(z)^2].
    Claim(
        "Concepts/Signal propagation.md",
        "| [[ReLU]] | half, whatever $q^*$ | 2 |",
        "half",
        lambda: [_relu_slope_sq(0.25), _relu_slope_sq(1.0), _relu_slope_sq(4.0)],
        1e-9,
    ),
    Claim(
        "Concepts/Signal propagation.md",
        "| [[ReLU]] | half, whatever $q^*$ | 2 |",
        "2",
        lambda: [1.0 / _relu_slope_sq(1.0)],
        1e-8,
    ),
    Claim(
        "Concepts/Signal propagation.md",
        "| [[Tanh]] | 1 at $q^* = 0$ | 1 |",
        "1",
        lambda: [TANH_AT_0()[0] ** 2],
        1e-12,
    ),
    Claim(
        "Concepts/Signal propagation.md",
        "| [[Sigmoid]] | at most 1/16 |",
        "1/16",
        lambda: [float((_sigmoid_slope() ** 2).max())],
        1e-9,
    ),
    Claim(
        "Concepts/Signal propagation.md", "**Sigmoid**'s slope never exceeds 1/4", "1/4", SIGMOID_PEAK, 1e-9
    ),
    Claim(
        "Concepts/Signal propagation.md",
        "every layer shrinks the squared gradient at least sixteenfold",
        "sixteenfold",
        lambda: [1.0 / float((_sigmoid_slope() ** 2).max())],
        1e-6,
    ),
    # RReLU at test time: torch averages the slopes, the paper averages the divisors 1/upper and 1/lower.
    Claim(
        "Functions/RReLU.md",
        "Torch's defaults are lower $= 1/8$ and upper $= 1/3$",
        "1/8",
        lambda: [_rrelu_param("lower")],
        1e-15,
    ),
    Claim(
        "Functions/RReLU.md",
        "Torch's defaults are lower $= 1/8$ and upper $= 1/3$",
        "1/3",
        lambda: [_rrelu_param("upper")],
        1e-15,
    ),
    Claim(
        "Functions/RReLU.md",
        "at test time the slope is their mean, 11/48",
        "11/48",
        lambda: [
            -float(_f("rrelu", _t([-1.0]))[0]),
            -float(torch.nn.functional.rrelu(_t([-1.0]), training=False)[0]),
        ],
        1e-15,
    ),
    Claim(
        "Functions/RReLU.md",
        "a slope of 2/11",
        "2/11",
        lambda: [2.0 / (1.0 / _rrelu_param("lower") + 1.0 / _rrelu_param("upper"))],
        1e-12,
    ),
    Claim(
        "Concepts/hyperparameters.md",
        "torch: lower $1/8$, upper $1/3$",
        "1/8",
        lambda: [_rrelu_param("lower")],
        1e-15,
    ),
    # Defaults the notes quote.
    Claim(
        "Functions/Leaky ReLU.md",
        "Torch calls it `negative_slope` and defaults it to 0.01",
        "0.01",
        lambda: [float(activations.get("leaky_relu").params["negative_slope"])],
        0.0,
    ),
    Claim(
        "Concepts/hyperparameters.md",
        "0.01 (torch's default)",
        "0.01",
        lambda: [float(activations.get("leaky_relu").params["negative_slope"])],
        0.0,
    ),
    Claim(
        "Functions/ELU.md",
        "(torch's default $\\alpha = 1$)",
        "1",
        lambda: [float(activations.get("elu").params["alpha"])],
        0.0,
    ),
    Claim(
        "Functions/Sine.md",
        "\\omega_0 = 30 \\text{ in SIREN}",
        "30",
        lambda: [float(activations.get("sine").params["omega_0"])],
        0.0,
    ),
    Claim(
        "Functions/ReLU6.md",
        "A [[ReLU]] with its output capped at 6",
        "6",
        lambda: [activations.get("relu6").properties.range[1], float(_f("relu6", _t([1e6]))[0])],
        0.0,
    ),
    Claim(
        "Functions/ReLU6.md",
        "zero gradient below 0, and also above 6",
        "6",
        lambda: [float(GRID[(_d("relu6", GRID) == 0) & (GRID > 0)].min())],
        1e-4,
    ),
    Claim(
        "Functions/Softshrink.md",
        "Torch calls the width `lambd` (default 0.5)",
        "0.5",
        lambda: [float(activations.get("softshrink").params["lambd"])],
        0.0,
    ),
    Claim(
        "Functions/Hardshrink.md",
        "(torch: `lambd`, default 0.5)",
        "0.5",
        lambda: [float(activations.get("hardshrink").params["lambd"])],
        0.0,
    ),
    # PyTorch's initialisation gains, which init_dl quotes.
    Claim(
        "Concepts/init_dl.md",
        "$\\sqrt{2}$ for ReLU, 5/3 for tanh, 1 for linear layers",
        "$\\sqrt{2}$",
        lambda: [torch.nn.init.calculate_gain("relu")],
        1e-12,
    ),
    Claim(
        "Concepts/init_dl.md",
        "$\\sqrt{2}$ for ReLU, 5/3 for tanh, 1 for linear layers",
        "5/3",
        lambda: [torch.nn.init.calculate_gain("tanh")],
        1e-12,
    ),
    Claim(
        "Concepts/init_dl.md",
        "`calculate_gain('selu')` returns 3/4",
        "3/4",
        lambda: [torch.nn.init.calculate_gain("selu")],
        1e-12,
    ),
)


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: f"{c.path}:{c.number}")
def test_claim_is_in_the_note(claim: Claim) -> None:
    assert claim.number in claim.text, f"the claim's number {claim.number!r} is not in its text"
    assert claim.text in _note(claim.path), f"{claim.path} no longer says: {claim.text!r}"


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: f"{c.path}:{c.number}")
def test_claim_agrees_with_the_package(claim: Claim) -> None:
    stated = _number(claim.number)
    computed = list(claim.values())
    assert computed, "no value computed"
    for value in computed:
        assert abs(value - stated) <= claim.tolerance, (
            f"{claim.path} says {claim.number} ({claim.text!r}); the package computes {value!r}"
        )


def test_snake_derivative_is_one_plus_sine_and_never_negative() -> None:
    assert "Its derivative is $1 + \\sin(2ax) \\ge 0$" in _note("Functions/Snake.md")
    assert "its derivative is $1 + \\sin(2ax)$, which never drops below zero" in _note(
        "Concepts/Shape of an activation function.md"
    )
    spec = activations.get("snake")
    for a in (0.5, 1.0, 3.0):
        d = spec.derivative(GRID, order=1, alpha=a)
        torch.testing.assert_close(d, 1.0 + torch.sin(2.0 * a * GRID), rtol=0.0, atol=1e-12)
        assert float(d.min()) >= -1e-12
    assert spec.properties.monotonic


def test_softplus_gap_is_log_one_plus_exp_minus_abs_x() -> None:
    assert "The gap between the two is $\\log(1 + e^{-|x|})$, the same on both sides" in _note(
        "Functions/Softplus.md"
    )
    gap = _f("softplus", GRID) - _f("relu", GRID)
    torch.testing.assert_close(gap, torch.log1p(torch.exp(-GRID.abs())), rtol=1e-12, atol=1e-15)


def test_relu_gradient_at_zero_is_zero() -> None:
    assert '"is the input positive?", so torch returns 0 at exactly 0' in _note("Functions/ReLU.md")
    x = torch.zeros(1, dtype=F64, requires_grad=True)
    (grad,) = torch.autograd.grad(torch.relu(x).sum(), x)
    assert float(grad) == 0.0
    assert float(_d("relu", _t([0.0]))[0]) == 0.0


def test_squared_relu_slope_is_two_x() -> None:
    assert "the slope grows with the input ($2x$ for the square)" in _note("Activation functions.md")
    x = torch.linspace(0.01, 5.0, 500, dtype=F64)
    torch.testing.assert_close(_d("relu_squared", x), 2.0 * x, rtol=1e-12, atol=0.0)


@pytest.mark.parametrize("name", ["hardswish", "hard_mish", "hardsigmoid"])
def test_hard_approximations_have_kinks(name: str) -> None:
    assert "the hard versions are cheap but have kinks, so they are not smooth" in _note(
        "Activation functions.md"
    )
    assert "each has kinks where its pieces meet" in _note("Concepts/Shape of an activation function.md")
    spec = activations.get(name)
    assert spec.properties.kinks, f"{name} declares no kink"
    assert spec.properties.smoothness == "C0"


def test_fast_sigmoid_is_softsign_with_the_superspike_surrogate() -> None:
    assert (
        'the derivative of the "fast sigmoid" $x/(1 + |x|)$, which is [[Softsign]]: $1/(1 + |x|)^2$'
        in _note("Concepts/Surrogate gradients.md")
    )
    torch.testing.assert_close(_f("softsign", GRID), GRID / (1.0 + GRID.abs()), rtol=1e-12, atol=0.0)
    torch.testing.assert_close(_d("softsign", GRID), 1.0 / (1.0 + GRID.abs()) ** 2, rtol=1e-12, atol=0.0)


def test_hardtanh_window_is_the_binary_straight_through_estimator() -> None:
    assert "the derivative of [[Hardtanh]]: one inside $[-1, 1]$, zero outside" in _note(
        "Concepts/Surrogate gradients.md"
    )
    inside = torch.linspace(-0.99, 0.99, 199, dtype=F64)
    outside = torch.cat(
        [torch.linspace(-5.0, -1.01, 50, dtype=F64), torch.linspace(1.01, 5.0, 50, dtype=F64)]
    )
    assert bool((_d("hardtanh", inside) == 1.0).all())
    assert bool((_d("hardtanh", outside) == 0.0).all())


def test_quick_gelu_is_swish_beta_at_1702() -> None:
    assert "It is [[Swish-beta]] with $\\beta = 1.702$" in _note("Functions/QuickGELU.md")
    torch.testing.assert_close(
        _f("quick_gelu", GRID), _f("swish_beta", GRID, beta=1.702), rtol=1e-12, atol=1e-15
    )


def test_number_parser_reads_the_forms_the_notes_use() -> None:
    assert _number("0.47") == 0.47
    assert _number("4.7e-4") == 4.7e-4
    assert _number("11/48") == 11 / 48
    assert _number("a quarter") == 0.25
    assert _number("$\\sqrt{2}$") == math.sqrt(2.0)


# What the notes read off the depth experiment (50 layers of width 128, standard initialisation),
# recomputed with the same function the `depth` blocks call.
DEPTH_RUNS = (
    ("relu", False),
    ("relu", True),
    ("leaky_relu", False),
    ("leaky_relu", True),
    ("sigmoid", False),
    ("sigmoid", True),
    ("tanh", False),
    ("tanh", True),
    ("selu", False),
    ("elu", False),
)


@pytest.fixture(scope="module")
def depth_runs() -> dict[tuple[str, bool], DepthRun]:
    return {(name, bn): run_spec(activations.get(name), bn) for name, bn in DEPTH_RUNS}


def _grads(run: DepthRun) -> list[float]:
    return [layer.grad_norm for layer in run.layers]


@pytest.mark.slow
def test_depth_claims_hold(depth_runs: dict[tuple[str, bool], DepthRun]) -> None:
    dead = _note("Concepts/Dead ReLU.md")
    assert "reaching about two fifths of the layer by layer 50" in dead
    assert "The leaky ReLU rows, identical except for the small negative slope, show none" in dead
    assert "with batch normalisation the ReLU stack has none either" in dead
    relu = depth_runs[("relu", False)].layers
    assert abs(relu[-1].dead_fraction - 0.4) <= 0.1
    assert relu[-1].dead_fraction > relu[0].dead_fraction
    for key in (("leaky_relu", False), ("relu", True)):
        assert all(layer.dead_fraction == 0.0 for layer in depth_runs[key].layers)

    vanishing = _note("Concepts/Vanishing and exploding gradients.md")
    assert "by layer 1 the gradient has shrunk by dozens of orders of magnitude" in vanishing
    sigmoid = _grads(depth_runs[("sigmoid", False)])
    assert sigmoid[0] / sigmoid[-1] < 1e-20
    assert "keep the gradient norm within about an order of magnitude across all 50 layers" in vanishing
    for name in ("tanh", "relu", "leaky_relu", "selu"):
        grads = _grads(depth_runs[(name, False)])
        assert max(grads) / min(grads) < 15, name

    batch_norm = _note("Concepts/Batch normalisation.md")
    assert "the gradient norm at layer 1 is of the same order as at layer 50" in batch_norm
    sigmoid_bn = _grads(depth_runs[("sigmoid", True)])
    assert 0.1 < sigmoid_bn[0] / sigmoid_bn[-1] < 10
    assert (
        "the ReLU, leaky ReLU and tanh stacks' gradients *grow* from the output back to the input"
        in batch_norm
    )
    for name in ("relu", "leaky_relu", "tanh"):
        grads = _grads(depth_runs[(name, True)])
        assert grads[0] / grads[-1] > 100, name

    selu_note = _note("Concepts/Self-normalising networks.md")
    assert "the mean stays at zero and the standard deviation at one through all 50 layers" in selu_note
    for layer in depth_runs[("selu", False)].layers:
        assert abs(layer.mean) < 0.1 and abs(layer.std - 1.0) < 0.1
    assert (
        "ELU, the same shape without SELU's constants, drifts upwards in both; ReLU settles at a positive mean; tanh's spread shrinks layer by layer"
        in selu_note
    )
    elu = depth_runs[("elu", False)].layers
    assert elu[-1].mean > elu[0].mean and elu[-1].std > elu[0].std
    assert relu[-1].mean > 0.1
    tanh = depth_runs[("tanh", False)].layers
    assert tanh[-1].std < tanh[0].std / 2
