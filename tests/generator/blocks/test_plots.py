"""Plots: the drawn points are the package's f, f', f''; the same input gives the same bytes."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

import activations
from generator.blocks.functions import resolve
from generator.blocks.plots import N_POINTS, plot
from generator.blocks.request import parse_call


def svg_points(svg: bytes, gid: str) -> np.ndarray:
    """The vertices of the first path inside <g id="gid"> as an (n, 2) array of SVG coordinates."""
    text = svg.decode()
    m = re.search(rf'<g id="{re.escape(gid)}">\s*<path d="([^"]+)"', text)
    assert m, f"no path for {gid}"
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", m.group(1))]
    return np.array(numbers).reshape(-1, 2)


def assert_affine_image(data: np.ndarray, drawn: np.ndarray) -> None:
    """`drawn` = a * data + b for some a != 0, b: the SVG is the data in display units."""
    a, b = np.polyfit(data, drawn, 1)
    assert abs(a) > 1e-3
    assert np.max(np.abs(a * data + b - drawn)) < 2e-3  # SVG coordinates carry 6 decimals


@pytest.mark.parametrize("name", ["gelu", "tanh", "elu"])
def test_drawn_curves_are_spec_forward_and_derivatives(name: str) -> None:
    spec = activations.get(name)
    result = plot([resolve(parse_call(name))], -4.0, 4.0, derivatives=2)
    x = torch.linspace(-4.0, 4.0, N_POINTS, dtype=torch.float64)
    expected = {0: spec.forward(x), 1: spec.derivative(x, order=1), 2: spec.derivative(x, order=2)}
    for order, y in expected.items():
        for scheme in ("light", "dark"):
            pts = svg_points(result.svgs[scheme], f"curve-0-{order}")
            assert len(pts) == N_POINTS
            assert_affine_image(x.numpy(), pts[:, 0])
            assert_affine_image(y.numpy(), pts[:, 1])


def test_a_different_function_does_not_fit() -> None:
    # the check above can fail: tanh's drawn points are not an affine image of GELU's values
    result = plot([resolve(parse_call("tanh"))], -4.0, 4.0, derivatives=0)
    x = torch.linspace(-4.0, 4.0, N_POINTS, dtype=torch.float64)
    with pytest.raises(AssertionError):
        assert_affine_image(
            activations.get("gelu").forward(x).numpy(), svg_points(result.svgs["light"], "curve-0-0")[:, 1]
        )


def test_parameters_reach_the_curve() -> None:
    result = plot([resolve(parse_call("leaky_relu(negative_slope=0.3)"))], -2.0, 2.0, derivatives=0)
    x = torch.linspace(-2.0, 2.0, N_POINTS, dtype=torch.float64)
    expected = torch.nn.functional.leaky_relu(x, negative_slope=0.3)  # torch's own, as the reference
    assert_affine_image(expected.numpy(), svg_points(result.svgs["light"], "curve-0-0")[:, 1])


def test_compare_shares_axes_and_marks_kinks() -> None:
    fns = [resolve(parse_call(n)) for n in ("relu", "gelu", "leaky_relu")]
    result = plot(fns, -3.0, 3.0, derivatives=1)
    svg = result.svgs["light"]
    # one panel per order: f of every function drawn in the same axes, so the same affine map
    x = torch.linspace(-3.0, 3.0, N_POINTS, dtype=torch.float64)
    ys = np.concatenate([activations.get(n).forward(x).numpy() for n in ("relu", "gelu", "leaky_relu")])
    drawn = np.concatenate([svg_points(svg, f"curve-{i}-0")[:, 1] for i in range(3)])
    assert_affine_image(ys, drawn)
    assert (0.0, 0.0) in result.kinks  # ReLU's and leaky ReLU's kink at 0, where f(0) = 0
    assert 'id="kink-0-0"' in svg.decode()
    assert "kinks marked at x = 0" in result.alt


def test_renders_are_byte_identical_and_schemes_differ() -> None:
    fns = [resolve(parse_call("gelu")), resolve(parse_call("relu"))]
    first = plot(fns, -4.0, 4.0, derivatives=1)
    second = plot(fns, -4.0, 4.0, derivatives=1)
    assert first.svgs == second.svgs
    assert first.svgs["light"] != first.svgs["dark"]
    assert b"#1565c0" in first.svgs["light"] and b"#64b5f6" in first.svgs["dark"]
    assert b"<dc:date>" not in first.svgs["light"]


def test_alt_text_names_the_functions() -> None:
    result = plot([resolve(parse_call("gelu(approximate=tanh)"))], -1.0, 1.0, derivatives=1)
    assert result.alt == "Plot of f(x) and f′(x) for gelu(approximate=tanh), x from -1 to 1."
