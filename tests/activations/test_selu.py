"""SELU's claim (Klambauer et al. 2017): with LeCun-normal weights, activations keep mean 0 and
variance 1 through deep dense networks, with no normalisation layer."""

from __future__ import annotations

import torch

import activations

DEPTH, WIDTH, BATCH = 64, 256, 512


def test_selu_self_normalises_through_64_dense_layers() -> None:
    selu = activations.get("selu")
    gen = torch.Generator().manual_seed(0)
    h = torch.randn(BATCH, WIDTH, generator=gen, dtype=torch.float64)
    for layer in range(DEPTH):
        # LeCun normal: N(0, 1 / fan_in), no bias.
        w = torch.randn(WIDTH, WIDTH, generator=gen, dtype=torch.float64) / WIDTH**0.5
        h = selu.forward(h @ w)
        mean, std = h.mean().item(), h.std().item()
        assert abs(mean) < 0.1, f"layer {layer + 1}: mean {mean:.3f}"
        assert abs(std - 1) < 0.1, f"layer {layer + 1}: std {std:.3f}"


def test_relu_does_not_self_normalise() -> None:
    """The same network with ReLU drifts (mean > 0.1), so the SELU test can fail."""
    relu = activations.get("relu")
    gen = torch.Generator().manual_seed(0)
    h = torch.randn(BATCH, WIDTH, generator=gen, dtype=torch.float64)
    for _ in range(DEPTH):
        h = relu.forward(h @ (torch.randn(WIDTH, WIDTH, generator=gen, dtype=torch.float64) / WIDTH**0.5))
    assert abs(h.mean().item()) > 0.1 or abs(h.std().item() - 1) > 0.1
