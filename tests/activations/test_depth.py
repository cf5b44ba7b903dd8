"""The depth experiment: seeded, and it shows what the textbooks say it shows."""

from __future__ import annotations

import math

import pytest
import torch

import activations
from activations.depth import dead_fraction, init_for, init_std, run, run_spec


def test_dead_fraction_by_hand() -> None:
    h = torch.tensor([[0.0, 1.0, 0.0, 0.0], [0.0, 2.0, 3.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    # columns 0 and 3 are zero for every input; column 2 fires once, column 1 twice
    assert dead_fraction(h) == 0.5


def test_init_std_by_hand() -> None:
    assert init_std("he", 200, 100) == math.sqrt(2 / 200)
    assert init_std("xavier", 200, 100) == math.sqrt(2 / 300)
    assert init_std("lecun", 200, 100) == math.sqrt(1 / 200)


def test_standard_initialisations() -> None:
    assert init_for(activations.get("relu")) == "he"
    assert init_for(activations.get("tanh")) == "xavier"
    assert init_for(activations.get("sigmoid")) == "xavier"
    assert init_for(activations.get("selu")) == "lecun"


def test_seeded_runs_are_identical() -> None:
    a = run(torch.tanh, "xavier", layers=10, width=32, batch=16, seed=3)
    b = run(torch.tanh, "xavier", layers=10, width=32, batch=16, seed=3)
    c = run(torch.tanh, "xavier", layers=10, width=32, batch=16, seed=4)
    assert a == b
    assert a != c


def test_sigmoid_gradient_vanishes_towards_the_input() -> None:
    layers = run_spec(activations.get("sigmoid"), normalise=False, width=64, batch=64).layers
    assert len(layers) == 50
    # sigma' <= 1/4: the gradient shrinks by a factor of ~4 per layer on its way back
    assert layers[0].grad_norm < 1e-20 * layers[-1].grad_norm


def test_batch_norm_stops_the_sigmoid_gradient_vanishing() -> None:
    layers = run_spec(activations.get("sigmoid"), normalise=True, width=64, batch=64).layers
    assert layers[0].grad_norm > layers[-1].grad_norm


def test_selu_self_normalises() -> None:
    layers = run_spec(
        activations.get("selu"), normalise=False
    ).layers  # 128 wide: narrower nets fluctuate more
    for s in layers[-10:]:
        assert abs(s.mean) < 0.1
        assert abs(s.std - 1.0) < 0.1


def test_relu_units_die_with_depth_and_not_with_batch_norm() -> None:
    plain = run_spec(activations.get("relu"), normalise=False, width=64, batch=64).layers
    normed = run_spec(activations.get("relu"), normalise=True, width=64, batch=64).layers
    assert plain[0].dead_fraction == 0.0
    assert plain[-1].dead_fraction > 0.1
    assert max(s.dead_fraction for s in normed) == 0.0


def test_grad_norm_is_the_weight_gradient() -> None:
    # one layer, identity activation: loss = <x W^T, g>/B, so dL/dW = g^T x / B
    torch.manual_seed(0)
    r = run(lambda z: z, "lecun", layers=1, width=4, batch=3, seed=7)
    gen = torch.Generator().manual_seed(7)
    w = torch.randn(4, 4, generator=gen, dtype=torch.float64) * 0.5
    x = torch.randn(3, 4, generator=gen, dtype=torch.float64)
    g = torch.randn(3, 4, generator=gen, dtype=torch.float64)
    expected = torch.linalg.vector_norm(g.T @ x / 3).item()
    assert r.layers[0].grad_norm == pytest.approx(expected, rel=1e-12)
    h = x @ w.T
    assert r.layers[0].mean == pytest.approx(h.mean().item(), rel=1e-12)
