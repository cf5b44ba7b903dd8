"""An activation's card: formula, derivative, declared properties and values at sample points.

Every number comes from the package: properties as the spec declares them, f and f' from
spec.forward / spec.derivative, and autograd's f' beside the analytic one in float64, so a
reader sees how far the hand-written derivative is from what autograd computes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch

from generator.blocks.functions import Function

SMOOTHNESS = {
    "discontinuous": "discontinuous",
    "C0": "$C^0$ (continuous, kinked)",
    "C1": "$C^1$",
    "C2": "$C^2$",
    "Cinf": r"$C^\infty$ (smooth)",
}


@dataclass(frozen=True)
class Row:
    """One sample point: f, analytic f', autograd f' and their absolute difference, all float64."""

    x: float
    f: float
    d1: float
    autograd: float
    difference: float


@dataclass(frozen=True)
class KinkRow:
    x: float
    declared: float  # the spec's Kink.derivative (torch's convention)
    torch_autograd: float | None  # autograd through spec.reference at x, None without a reference


@dataclass(frozen=True)
class Card:
    rows: tuple[Row, ...]
    kinks: tuple[KinkRow, ...]
    markdown: str


def num(v: float) -> str:
    """Six significant digits; infinities and NaN spelt out so the tables parse back."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    return f"{v:.6g}"


def _tex(v: float) -> str:
    if math.isinf(v):
        return r"\infty" if v > 0 else r"-\infty"
    return f"{v:.6g}"


def _autograd(fn: Function, x: torch.Tensor) -> torch.Tensor:
    """f' by autograd: the gradient of the sum, f being elementwise (vector and gated kinds via their profile)."""
    xg = x.detach().clone().requires_grad_(True)
    fn.forward(xg).sum().backward()
    assert xg.grad is not None
    return xg.grad


def rows(fn: Function, points: Sequence[float]) -> tuple[Row, ...]:
    x = torch.tensor(list(points), dtype=torch.float64)
    with torch.no_grad():
        f = fn.forward(x)
        d1 = fn.derivative(x, order=1)
    ag = _autograd(fn, x)
    return tuple(
        Row(float(xi), float(fi), float(di), float(ai), abs(float(di) - float(ai)))
        for xi, fi, di, ai in zip(x.tolist(), f.tolist(), d1.tolist(), ag.tolist(), strict=True)
    )


def kink_rows(fn: Function) -> tuple[KinkRow, ...]:
    out = []
    ref = fn.spec.reference
    for kink in fn.spec.properties.kinks:
        measured = None
        if ref is not None and fn.spec.kind == "elementwise":
            x = torch.tensor([kink.x], dtype=torch.float64, requires_grad=True)
            try:
                (grad,) = torch.autograd.grad(ref(x, **fn.kwargs).sum(), x)
                measured = float(grad[0])
            except RuntimeError:  # torch has no backward for it (heaviside)
                measured = None
        out.append(KinkRow(float(kink.x), float(kink.derivative), measured))
    return tuple(out)


def _reference_name(fn: Function) -> str:
    name = fn.spec.torch_name
    return f"`{name}`" if name else "none in torch"


def card(fn: Function, points: Sequence[float]) -> Card:
    spec, props = fn.spec, fn.spec.properties
    values = rows(fn, points)
    kinks = kink_rows(fn)
    lines = [f"**{spec.title}**" + (f": {spec.summary}" if spec.summary else ""), ""]
    lines += ["$$", spec.latex, "$$", "", "$$", spec.latex_derivative, "$$", ""]
    if not fn.is_default:
        lines += [
            f"Values below are for `{fn.label}`; properties are declared at the default parameters.",
            "",
        ]
    lines += ["| Property | Value |", "|---|---|"]
    lines.append(f"| Range | $\\inf f = {_tex(props.range[0])},\\ \\sup f = {_tex(props.range[1])}$ |")
    lines.append(f"| Order of continuity | {SMOOTHNESS.get(props.smoothness, props.smoothness)} |")
    lines.append(f"| Monotonic | {'yes' if props.monotonic else 'no'} |")
    lines.append(f"| Zero-centred | {'yes' if props.zero_centred else 'no'} |")
    lines.append(f"| Saturates | {props.saturation} |")
    lines.append(f"| $f'(0)$ | {num(props.derivative_at_zero)} |")
    lines.append(f"| $\\max \\lvert f' \\rvert$ | {num(props.max_abs_derivative)} |")
    for k in kinks:
        says = [num(k.declared)] if fn.is_default else []  # declared at the defaults only
        if k.torch_autograd is not None:
            says.append(f"autograd through torch: {num(k.torch_autograd)}")
        lines.append(f"| $f'$ at kink $x = {k.x:g}$ | {'; '.join(says) or 'n/a'} |")
    if spec.parameters:
        params = ", ".join(f"`{p.name}` = {p.default!r}" for p in spec.parameters)
        lines.append(f"| Parameters (defaults) | {params} |")
    lines.append(f"| torch | {_reference_name(fn)} |")
    lines.append(f"| Introduced | {spec.citation} ({spec.year}) |")
    lines += ["", f"Values of `{fn.label}` at sample points (float64):", ""]
    lines += [
        "| $x$ | $f(x)$ | $f'(x)$ analytic | $f'(x)$ autograd | difference |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in values:
        diff = "0" if r.difference == 0 else f"{r.difference:.2e}"
        lines.append(f"| {num(r.x)} | {num(r.f)} | {num(r.d1)} | {num(r.autograd)} | {diff} |")
    return Card(values, kinks, "\n".join(lines) + "\n")
