"""The comparison page's data (generator/blocks/explore.py): every registered function, every
combination of its swept parameters, and curves equal to the spec's f, f' and f'' at 4 digits.

The expected values are computed here in float64 from the specs (the vector and gated kinds
through their two-class and gate profiles written out below), independently of explore.py's loop.
"""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import numpy as np
import pytest
import torch

import activations
from generator.blocks.explore import explore_json

LOW, HIGH, N = -4.0, 4.0, 201


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return json.loads(explore_json(LOW, HIGH, N))


def _expected(name: str, params: dict[str, Any], x: torch.Tensor, order: int) -> np.ndarray:
    """f^(order) at x in float64, from the spec: vector kinds on [t, 0], gated ones on [1, t]."""
    spec = activations.get(name)
    if spec.kind == "elementwise":
        y = spec.forward(x, **params) if order == 0 else spec.derivative(x, order=order, **params)
        return y.numpy()
    if order == 0:
        pair = (
            torch.stack([x, torch.zeros_like(x)], -1)
            if spec.kind == "vector"
            else torch.stack([torch.ones_like(x), x], -1)
        )
        return spec.forward(pair, **params)[..., 0].numpy()
    if spec.kind == "gated":  # the gate's derivatives, elementwise
        return spec.derivative(x, order=order, **params).numpy()
    pair = torch.stack([x, torch.zeros_like(x)], -1)
    return spec.derivative(pair, order=order, **params)[..., 0].numpy()


def test_every_registered_function_is_there(data: dict[str, Any]) -> None:
    assert [f["name"] for f in data["functions"]] == activations.names()
    assert data["x"] == [LOW, HIGH, N]


def test_each_swept_parameter_has_its_values_and_default(data: dict[str, Any]) -> None:
    by_name = {f["name"]: f for f in data["functions"]}
    elu = by_name["elu"]["params"]
    assert elu == [{"name": "alpha", "values": [0.1, 0.5, 1.0, 1.5, 2.0], "default": 2, "doc": elu[0]["doc"]}]
    assert [p["values"] for p in by_name["gelu"]["params"]] == [["none", "tanh"]]  # string choices
    assert [p["name"] for p in by_name["xielu"]["params"]] == ["alpha_p", "alpha_n"]  # beta, eps fixed
    assert by_name["relu"]["params"] == []
    for fn in data["functions"]:
        assert len(fn["curves"]) == math.prod(len(p["values"]) for p in fn["params"])


@pytest.mark.parametrize("name", activations.names())
def test_curves_equal_the_spec_at_4_significant_digits(data: dict[str, Any], name: str) -> None:
    fn = next(f for f in data["functions"] if f["name"] == name)
    x = torch.linspace(LOW, HIGH, N, dtype=torch.float64)
    rng = np.random.default_rng(0)
    combos = list(itertools.product(*(range(len(p["values"])) for p in fn["params"])))
    picks = sorted(set(rng.choice(len(combos), size=min(4, len(combos)), replace=False).tolist()) | {0})
    for index in picks:  # row-major: the first parameter varies slowest
        params = {p["name"]: p["values"][i] for p, i in zip(fn["params"], combos[index], strict=True)}
        for order in (0, 1, 2):
            curve = fn["curves"][index][order]
            if activations.get(name).d2 is None and order == 2:
                assert curve is None
                continue
            expected = _expected(name, params, x, order)
            got = np.array([np.nan if v is None else v for v in curve])
            finite = np.isfinite(expected)
            assert np.array_equal(np.isfinite(got), finite), f"{name} {params} order {order}: nulls differ"
            np.testing.assert_allclose(
                got[finite], expected[finite], rtol=5e-4, atol=1e-12, err_msg=f"{name} {params} order {order}"
            )


def test_the_json_is_strict_and_small(data: dict[str, Any]) -> None:
    raw = explore_json(LOW, HIGH, N)
    json.loads(raw, parse_constant=lambda c: pytest.fail(f"non-strict JSON constant {c}"))
    assert len(raw) < 1_000_000  # measured: 0.52 MB, 94 kB gzipped, for 48 functions
