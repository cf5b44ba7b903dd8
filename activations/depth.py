"""Signal propagation through a deep MLP at standard initialisation.

Answers the classic questions with data: does the gradient vanish (sigmoid), do units die
(ReLU), does the activation keep mean 0 and variance 1 by itself (SELU)? A plain MLP without
biases, `layers` linear maps of `width` units each followed by the activation, optionally with
batch normalisation (no affine part) before it. Seeded and float64, so results are reproducible.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import torch

from activations.spec import ActivationSpec

Init = Literal["he", "xavier", "lecun"]


@dataclass(frozen=True)
class LayerStats:
    """Statistics of one layer's output h_l over a batch, and the gradient reaching its weights."""

    layer: int  # 1-based
    mean: float
    std: float
    grad_norm: float  # Frobenius norm of dLoss/dW_l
    dead_fraction: float  # units whose output is exactly 0 for every input of the batch


@dataclass(frozen=True)
class DepthRun:
    name: str
    init: Init
    normalised: bool
    layers: tuple[LayerStats, ...]


def init_for(spec: ActivationSpec) -> Init:
    """The standard initialisation for a function: LeCun for SELU, Xavier for functions that
    saturate on both sides (tanh, sigmoid and kin), He for everything ReLU-like."""
    if spec.name == "selu":
        return "lecun"
    if spec.properties.saturation == "both":
        return "xavier"
    return "he"


def init_std(init: Init, fan_in: int, fan_out: int) -> float:
    """Standard deviation of the normal initialisation (He 2015, Glorot & Bengio 2010, LeCun 1998)."""
    if init == "he":
        return math.sqrt(2.0 / fan_in)
    if init == "xavier":
        return math.sqrt(2.0 / (fan_in + fan_out))
    return math.sqrt(1.0 / fan_in)


def dead_fraction(h: torch.Tensor) -> float:
    """Fraction of units (columns of a (batch, width) output) that are 0 for every input."""
    return float((h == 0).all(dim=0).to(torch.float64).mean())


def _batch_norm(z: torch.Tensor) -> torch.Tensor:
    mean = z.mean(dim=0, keepdim=True)
    var = z.var(dim=0, unbiased=False, keepdim=True)
    return (z - mean) / torch.sqrt(var + 1e-5)


def run(
    act: Callable[[torch.Tensor], torch.Tensor],
    init: Init,
    *,
    name: str = "",
    layers: int = 50,
    width: int = 128,
    batch: int = 128,
    normalise: bool = False,
    seed: int = 0,
    device: str = "cpu",
) -> DepthRun:
    """Forward a standard-normal batch, then backward a fixed random projection of the output.

    The loss <h_L, g> / batch with g ~ N(0, 1) fixed makes every layer's gradient depend only on
    the network, not on the output's mean, so the per-layer gradient norms compare across functions.
    """
    gen = torch.Generator(device="cpu").manual_seed(seed)
    f64 = torch.float64
    std = init_std(init, width, width)
    weights = [
        (torch.randn(width, width, generator=gen, dtype=f64) * std).to(device).requires_grad_(True)
        for _ in range(layers)
    ]
    h = torch.randn(batch, width, generator=gen, dtype=f64).to(device)
    g = torch.randn(batch, width, generator=gen, dtype=f64).to(device)
    outputs = []
    for w in weights:
        z = h @ w.T
        if normalise:
            z = _batch_norm(z)
        h = act(z)
        outputs.append(h)
    loss = (h * g).sum() / batch
    grads = torch.autograd.grad(loss, weights)
    outputs = [out.detach() for out in outputs]
    stats = tuple(
        LayerStats(
            layer=i + 1,
            mean=float(out.mean()),
            std=float(out.std(unbiased=False)),
            grad_norm=float(torch.linalg.vector_norm(grad)),
            dead_fraction=dead_fraction(out),
        )
        for i, (out, grad) in enumerate(zip(outputs, grads, strict=True))
    )
    return DepthRun(name, init, normalise, stats)


def run_spec(spec: ActivationSpec, normalise: bool, **kwargs: object) -> DepthRun:
    """`run` for a registered elementwise activation at its standard initialisation."""
    params = kwargs.pop("params", {})
    assert isinstance(params, dict)
    return run(
        lambda z: spec.forward(z, **params),
        init_for(spec),
        name=spec.name,
        normalise=normalise,
        **kwargs,  # type: ignore[arg-type]
    )
