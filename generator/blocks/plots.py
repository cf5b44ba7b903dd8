"""SVG plots of activation functions and their derivatives, byte-identical for the same input.

Two SVGs per figure, one per Material colour scheme (`#only-light` / `#only-dark`), because one
set of colours cannot read well on both backgrounds. Determinism: Agg-free SVG canvas, a fixed
`svg.hashsalt`, no date in the metadata, DejaVu Sans (shipped with matplotlib) drawn as paths,
and no path simplification (which also keeps every computed point in the file, for the tests).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import matplotlib
import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from generator.blocks.functions import Function

Scheme = Literal["light", "dark"]
ORDER_NAMES = ("f(x)", "f′(x)", "f″(x)")
ORDER_STYLES = ("-", "--", ":")
N_POINTS = 401

# Material's palettes: darker shades on white, lighter ones on slate.
PALETTES: dict[Scheme, tuple[str, ...]] = {
    "light": ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#4e342e", "#ad1457"),
    "dark": ("#64b5f6", "#ef9a9a", "#81c784", "#ce93d8", "#ffb74d", "#4dd0e1", "#bcaaa4", "#f48fb1"),
}
INK: dict[Scheme, str] = {"light": "#333333", "dark": "#e0e0e0"}
GRID: dict[Scheme, str] = {"light": "#d0d0d0", "dark": "#4a4a4a"}


@dataclass(frozen=True)
class Curve:
    """One drawn line: which function, which derivative order, and the float64 points plotted."""

    label: str
    order: int
    gid: str  # the id of the <g> holding its path in the SVG
    x: np.ndarray
    y: np.ndarray


@dataclass(frozen=True)
class Plot:
    curves: tuple[Curve, ...]
    kinks: tuple[tuple[float, float], ...]  # (x, f(x)) marked on the f curves
    svgs: dict[Scheme, bytes]
    alt: str


def grid(low: float, high: float, n: int = N_POINTS) -> torch.Tensor:
    return torch.linspace(low, high, n, dtype=torch.float64)


def evaluate(fn: Function, x: torch.Tensor, order: int) -> np.ndarray:
    """f, f' or f'' from the package's spec, in float64 (never a re-implementation)."""
    with torch.no_grad():
        y = fn.forward(x) if order == 0 else fn.derivative(x, order=order)
    return np.asarray(y.detach().to(torch.float64).cpu().numpy(), dtype=np.float64)


def rc(scheme: Scheme) -> dict[Any, Any]:
    ink = INK[scheme]
    return {
        "text.color": ink,
        "axes.labelcolor": ink,
        "axes.edgecolor": ink,
        "xtick.color": ink,
        "ytick.color": ink,
        "legend.labelcolor": ink,
        "svg.hashsalt": "activation-blocks",
        "svg.fonttype": "path",
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "path.simplify": False,
        "axes.unicode_minus": True,
    }


def to_dark(svg: bytes) -> bytes:
    """The light drawing recoloured for the dark scheme: one layout, half the drawing time.

    Every colour in our figures is one of INK, GRID or PALETTES (the tests check that no other
    colour appears), so swapping hex codes is exact.
    """
    swap = {INK["light"]: INK["dark"], GRID["light"]: GRID["dark"]}
    swap.update(zip(PALETTES["light"], PALETTES["dark"], strict=True))
    table = {k.encode(): v.encode() for k, v in swap.items()}
    return re.sub(rb"#[0-9a-f]{6}\b", lambda m: table.get(m.group(0), m.group(0)), svg)


def render_svg(fig: Figure) -> bytes:
    buf = io.BytesIO()
    FigureCanvasSVG(fig)
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    return buf.getvalue()


def style_axes(ax: Axes, scheme: Scheme) -> None:
    ax.grid(True, color=GRID[scheme], linewidth=0.6)
    ax.axhline(0, color=INK[scheme], linewidth=0.6)
    ax.axvline(0, color=INK[scheme], linewidth=0.6)


def _curves(functions: Sequence[Function], orders: Sequence[int], x: torch.Tensor) -> list[Curve]:
    xs = x.numpy()
    out = []
    for i, fn in enumerate(functions):
        for order in orders:
            if fn.has_order(order):
                out.append(Curve(fn.label, order, f"curve-{i}-{order}", xs, evaluate(fn, x, order)))
    return out


def _kinks(functions: Sequence[Function], low: float, high: float) -> list[tuple[int, float, float]]:
    """(function index, x, f(x)) of declared kinks; declared at default parameters only."""
    found = []
    for i, fn in enumerate(functions):
        if not fn.is_default:
            continue
        for kink in fn.spec.properties.kinks:
            if low <= kink.x <= high:
                y = evaluate(fn, torch.tensor([kink.x], dtype=torch.float64), 0)[0]
                found.append((i, float(kink.x), float(y)))
    return found


def plot(functions: Sequence[Function], low: float, high: float, derivatives: int, title: str = "") -> Plot:
    """One axes per derivative order (shared x; y shared across functions), one colour per function.

    With one function all orders share one axes (f solid, f' dashed, f'' dotted).
    """
    x = grid(low, high)
    orders = list(range(derivatives + 1))
    curves = _curves(functions, orders, x)
    kinks = _kinks(functions, low, high)
    single = len(functions) == 1
    light = _draw(curves, kinks, orders, single, "light", title)
    svgs: dict[Scheme, bytes] = {"light": light, "dark": to_dark(light)}
    return Plot(
        tuple(curves), tuple((k[1], k[2]) for k in kinks), svgs, _alt(functions, orders, low, high, kinks)
    )


def _draw(
    curves: Sequence[Curve],
    kinks: Sequence[tuple[int, float, float]],
    orders: Sequence[int],
    single: bool,
    scheme: Scheme,
    title: str,
) -> bytes:
    panels = 1 if single else len(orders)
    palette = PALETTES[scheme]
    labels = list(dict.fromkeys(c.label for c in curves))
    with matplotlib.rc_context(rc(scheme)):
        fig = Figure(figsize=(6.4, 3.6 if panels == 1 else 2.6 * panels), layout="constrained")
        axes = fig.subplots(panels, 1, sharex=True, squeeze=False)[:, 0]
        for c in curves:
            ax = axes[0 if single else orders.index(c.order)]
            color = palette[(c.order if single else labels.index(c.label)) % len(palette)]
            name = ORDER_NAMES[c.order] if single else c.label
            (line,) = ax.plot(c.x, c.y, ORDER_STYLES[c.order] if single else "-", color=color, label=name)
            line.set_gid(c.gid)
            line.set_linewidth(1.8)
        for i, kx, ky in kinks:
            color = palette[0 if single else i % len(palette)]
            ax = axes[0]
            (marker,) = ax.plot([kx], [ky], "o", markersize=6, markerfacecolor="none", color=color)
            marker.set_gid(f"kink-{i}-{kx:g}")
        for k, ax in enumerate(axes):
            style_axes(ax, scheme)
            if not single:
                ax.set_ylabel(ORDER_NAMES[orders[k]])
            if k == 0:
                ax.legend(loc="best", frameon=False, fontsize=9)
        axes[-1].set_xlabel("x")
        if single:
            axes[0].set_title(title or curves[0].label if curves else title)
        elif title:
            axes[0].set_title(title)
        return render_svg(fig)


def _alt(
    functions: Sequence[Function],
    orders: Sequence[int],
    low: float,
    high: float,
    kinks: Sequence[tuple[int, float, float]],
) -> str:
    what = ", ".join(fn.label for fn in functions)
    parts = " and ".join(ORDER_NAMES[o] for o in orders)
    text = f"Plot of {parts} for {what}, x from {low:g} to {high:g}"
    if kinks:
        text += "; kinks marked at x = " + ", ".join(sorted({f"{k[1]:g}" for k in kinks}))
    return text + "."
