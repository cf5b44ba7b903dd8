"""Cards: every number is the package's, and autograd's f' comes from torch itself."""

from __future__ import annotations

import math
import re

import pytest
import torch

import activations
from generator.blocks.cards import card
from generator.blocks.functions import resolve
from generator.blocks.request import parse_call

POINTS = (-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0)


def cell_value(text: str) -> float:
    text = text.strip().replace("−", "-")
    return {"∞": math.inf, "-∞": -math.inf, "NaN": math.nan}.get(text) or float(text)


def value_rows(markdown: str) -> list[list[float]]:
    """The sample-point table: rows of x, f, f' analytic, f' autograd, difference."""
    table = markdown.split("| $x$ | $f(x)$")[1].splitlines()[2:]
    return [[cell_value(c) for c in line.strip("|").split("|")] for line in table if line.startswith("|")]


def property_cell(markdown: str, name: str) -> str:
    m = re.search(rf"^\| {re.escape(name)} \| (.*) \|$", markdown, re.M)
    assert m, name
    return m.group(1)


@pytest.mark.parametrize("name", ["gelu", "tanh", "sigmoid", "relu", "selu"])
def test_sample_values_are_the_specs(name: str) -> None:
    spec = activations.get(name)
    md = card(resolve(parse_call(name)), POINTS).markdown
    rows = value_rows(md)
    x = torch.tensor(POINTS, dtype=torch.float64)
    f, d1 = spec.forward(x), spec.derivative(x)
    assert [r[0] for r in rows] == list(POINTS)
    for row, fi, di in zip(rows, f.tolist(), d1.tolist(), strict=True):
        assert row[1] == pytest.approx(fi, rel=1e-5, abs=1e-12)
        assert row[2] == pytest.approx(di, rel=1e-5, abs=1e-12)


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("gelu", torch.nn.functional.gelu),
        ("tanh", torch.tanh),
        ("sigmoid", torch.sigmoid),
        ("selu", torch.nn.functional.selu),
    ],
)
def test_autograd_column_matches_torch(name: str, reference: object) -> None:
    x = torch.tensor(POINTS, dtype=torch.float64, requires_grad=True)
    assert callable(reference)
    (grad,) = torch.autograd.grad(reference(x).sum(), x)
    rows = value_rows(card(resolve(parse_call(name)), POINTS).markdown)
    for row, g in zip(rows, grad.tolist(), strict=True):
        assert row[3] == pytest.approx(g, rel=1e-5, abs=1e-12)
        assert row[4] == pytest.approx(abs(row[2] - row[3]), abs=1e-5)


@pytest.mark.parametrize("name", ["gelu", "relu", "tanh", "softplus"])
def test_property_cells_are_the_declared_properties(name: str) -> None:
    props = activations.get(name).properties
    md = card(resolve(parse_call(name)), POINTS).markdown
    assert cell_value(property_cell(md, "$f'(0)$")) == pytest.approx(props.derivative_at_zero, rel=1e-5)
    assert cell_value(property_cell(md, "$\\max \\lvert f' \\rvert$")) == pytest.approx(
        props.max_abs_derivative, rel=1e-5
    )
    assert property_cell(md, "Monotonic") == ("yes" if props.monotonic else "no")
    assert property_cell(md, "Zero-centred") == ("yes" if props.zero_centred else "no")
    assert activations.get(name).latex in md
    assert activations.get(name).latex_derivative in md


def test_relu_card_by_hand() -> None:
    md = card(resolve(parse_call("relu")), POINTS).markdown
    assert property_cell(md, "Range") == "$\\inf f = 0,\\ \\sup f = \\infty$"
    assert property_cell(md, "$f'$ at kink $x = 0$") == "0; autograd through torch: 0"
    assert [r[1] for r in value_rows(md)] == [0, 0, 0, 0, 0.5, 1, 3]


def test_non_default_parameters_are_used_for_values() -> None:
    md = card(resolve(parse_call("leaky_relu(negative_slope=0.2)")), (-1.0, 2.0)).markdown
    assert [r[1] for r in value_rows(md)] == [-0.2, 2.0]
    assert "properties are declared at the default parameters" in md


def test_gated_card_uses_the_profile() -> None:
    # SwiGLU's profile is f([1, t]) = silu(t): values and derivatives are SiLU's
    rows = value_rows(card(resolve(parse_call("swiglu")), (-1.0, 0.0, 2.0)).markdown)
    x = torch.tensor([-1.0, 0.0, 2.0], dtype=torch.float64)
    for row, fi in zip(rows, torch.nn.functional.silu(x).tolist(), strict=True):
        assert row[1] == pytest.approx(fi, rel=1e-5, abs=1e-12)
