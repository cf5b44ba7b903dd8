"""The `depth` block: a figure and a table of activation statistics through a deep MLP.

The experiment itself is `activations.depth` (it belongs to the package and is tested there);
this module only draws it, light and dark, and tabulates selected layers.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from activations.depth import DepthRun, run_spec
from generator.blocks.functions import Function
from generator.blocks.plots import INK, PALETTES, Scheme, rc, render_svg, style_axes, to_dark

TABLE_LAYERS = (1, 2, 5, 10, 25, 50)


def runs(functions: Sequence[Function], layers: int, width: int, device: str) -> list[DepthRun]:
    """Each function without, then with, batch normalisation; seed 0, so reproducible."""
    out = []
    for fn in functions:
        for normalise in (False, True):
            r = run_spec(fn.spec, normalise, params=fn.kwargs, layers=layers, width=width, device=device)
            out.append(DepthRun(fn.label, r.init, normalise, r.layers))
    return out


def figure(results: Sequence[DepthRun]) -> dict[Scheme, bytes]:
    light = _draw(results, "light")
    return {"light": light, "dark": to_dark(light)}


def _draw(results: Sequence[DepthRun], scheme: Scheme) -> bytes:
    palette = PALETTES[scheme]
    labels = list(dict.fromkeys(r.name for r in results))
    with matplotlib.rc_context(rc(scheme)):
        fig = Figure(figsize=(7.2, 7.6), layout="constrained")
        axes = fig.subplots(3, 1, sharex=True)
        inits = {}
        for r in results:
            color = palette[labels.index(r.name) % len(palette)]
            style = "--" if r.normalised else "-"
            inits[r.name] = r.init
            layer = [s.layer for s in r.layers]
            axes[0].plot(layer, [s.mean for s in r.layers], style, color=color)
            axes[1].plot(layer, [s.std for s in r.layers], style, color=color)
            axes[2].plot(layer, [max(s.grad_norm, 1e-300) for s in r.layers], style, color=color)
        axes[2].set_yscale("log")
        for ax, name in zip(axes, ("mean of h", "std of h", "‖∂L/∂W‖"), strict=True):
            style_axes(ax, scheme)
            ax.set_ylabel(name)
        axes[-1].set_xlabel("layer")
        # one entry per function (colour) and one per network (line style), outside the data
        handles = [
            Line2D([], [], color=palette[i % len(palette)], label=f"{name} ({inits[name]})")
            for i, name in enumerate(labels)
        ]
        handles += [
            Line2D([], [], color=INK[scheme], linestyle="-", label="plain"),
            Line2D([], [], color=INK[scheme], linestyle="--", label="batch norm"),
        ]
        fig.legend(handles=handles, loc="outside lower center", ncol=4, frameon=False, fontsize=8)
        return render_svg(fig)


def table(results: Sequence[DepthRun]) -> str:
    lines = [
        "| function | init | batch norm | layer | mean | std | ‖∂L/∂W‖ | dead units |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for s in r.layers:
            if s.layer in TABLE_LAYERS or s.layer == len(r.layers):
                lines.append(
                    f"| `{r.name}` | {r.init} | {'yes' if r.normalised else 'no'} | {s.layer} | "
                    f"{s.mean:.3f} | {s.std:.3f} | {s.grad_norm:.3g} | {100 * s.dead_fraction:.1f}% |"
                )
    return "\n".join(lines) + "\n"


def alt(results: Sequence[DepthRun], layers: int) -> str:
    names = ", ".join(dict.fromkeys(r.name for r in results))
    return (
        f"Mean, standard deviation and weight-gradient norm per layer through a {layers}-layer MLP "
        f"for {names}; solid without, dashed with batch normalisation."
    )
