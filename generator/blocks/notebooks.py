"""Generated notebooks that reproduce a page's plot, card and a small benchmark.

Written next to the pages (`_notebooks/<name>.ipynb`, docs-relative) so mkdocs-jupyter renders
them and readers can download and run them. The code imports `activations` and nothing from the
generator: what a reader runs is the same tested package that computed the page. Cell ids are
fixed, so the same functions give a byte-identical file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import nbformat
from nbformat import v4

from generator.blocks.functions import Function

DEFAULT_RANGE = (-4.0, 4.0)

_SETUP = """\
import time

import matplotlib.pyplot as plt
import torch

import activations

FUNCTIONS = {functions}
X_RANGE = {x_range}
POINTS = [-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0]
"""

_PLOT = """\
x = torch.linspace(*X_RANGE, 401, dtype=torch.float64)
for name, params in FUNCTIONS:
    spec = activations.get(name)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(x, spec.forward(x, **params), "-", label="f(x)")
    ax.plot(x, spec.derivative(x, order=1, **params), "--", label="f'(x)")
    if spec.d2 is not None:
        ax.plot(x, spec.derivative(x, order=2, **params), ":", label="f''(x)")
    ax.axhline(0, color="gray", linewidth=0.6)
    ax.axvline(0, color="gray", linewidth=0.6)
    ax.grid(True, alpha=0.4)
    ax.set_xlabel("x")
    ax.set_title(f"{spec.title} {params or ''}")
    ax.legend()
    plt.show()
"""

_CARD = """\
for name, params in FUNCTIONS:
    spec = activations.get(name)
    p = spec.properties
    print(f"{spec.title}: {spec.citation} ({spec.year})")
    print(f"  range: inf {p.range[0]}, sup {p.range[1]}; smoothness {p.smoothness}; monotonic {p.monotonic}")
    print(f"  zero-centred {p.zero_centred}; f'(0) = {p.derivative_at_zero}; max |f'| = {p.max_abs_derivative}")
    for kink in p.kinks:
        print(f"  kink at x = {kink.x}: f' = {kink.derivative} (torch's convention)")
    x = torch.tensor(POINTS, dtype=torch.float64, requires_grad=True)
    f = spec.forward(x, **params)
    (autograd,) = torch.autograd.grad(f.sum(), x)
    analytic = spec.derivative(x.detach(), order=1, **params)
    print(f"  {'x':>6} {'f(x)':>12} {'f_analytic':>12} {'f_autograd':>12} {'difference':>10}")
    for xi, fi, ai, gi in zip(x.tolist(), f.tolist(), analytic.tolist(), autograd.tolist()):
        print(f"  {xi:6.2f} {fi:12.6g} {ai:12.6g} {gi:12.6g} {abs(ai - gi):10.2e}")
"""

_BENCH = """\
def best_ms(fn, repeats=20):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)


data = torch.randn(1 << 20)  # float32, on the CPU
relu_ms = best_ms(lambda: torch.relu(data))
print(f"relu (torch): {relu_ms:.3f} ms")
for name, params in FUNCTIONS:
    spec = activations.get(name)
    ms = best_ms(lambda: spec.forward(data, **params))
    print(f"{name} {params or ''}: {ms:.3f} ms forward, {ms / relu_ms:.2f} x ReLU")
"""


def slug(functions: Sequence[Function], x_range: tuple[float, float]) -> str:
    """A readable, stable file name; a hash keeps different parameters or ranges apart."""
    names = "-".join(dict.fromkeys(fn.spec.name for fn in functions))
    base = re.sub(r"[^a-z0-9_-]+", "-", names.lower()).strip("-")[:80] or "activations"
    if all(fn.is_default for fn in functions) and x_range == DEFAULT_RANGE:
        return base
    ident = repr(([fn.label for fn in functions], x_range)).encode()
    return f"{base}-{hashlib.sha256(ident).hexdigest()[:8]}"


def _params(fn: Function) -> dict[str, object]:
    return {k: v for k, v in fn.params if v != fn.spec.params[k]}


def notebook(functions: Sequence[Function], x_range: tuple[float, float] = DEFAULT_RANGE) -> bytes:
    """An nbformat v4 notebook (no outputs: a reader runs it) as UTF-8 bytes."""
    listing = repr([(fn.spec.name, _params(fn)) for fn in functions])
    titles = ", ".join(fn.spec.title if fn.is_default else f"`{fn.label}`" for fn in functions)
    cells = [
        v4.new_markdown_cell(
            f"# {titles}\n\nReproduces the plot, the card and a small benchmark of the knowledge base's "
            "page with the tested `activations` package (`pip install -e .` in the repository).",
        ),
        v4.new_code_cell(_SETUP.format(functions=listing, x_range=repr(tuple(x_range)))),
        v4.new_markdown_cell("## Plot: f, f′ and f″"),
        v4.new_code_cell(_PLOT),
        v4.new_markdown_cell("## Card: declared properties, and the analytic f′ beside autograd's"),
        v4.new_code_cell(_CARD),
        v4.new_markdown_cell("## A small benchmark (forward, CPU, best of 20)"),
        v4.new_code_cell(_BENCH),
    ]
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i}"  # nbformat draws random ids otherwise
    nb = v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(nb)
    return (nbformat.writes(nb) + "\n").encode("utf-8")


def download_path(path: str) -> str:
    """A copy mkdocs-jupyter leaves alone (its `include: ["*.ipynb"]` renders every .ipynb as a page)."""
    return f"{path}.json"


def link(rel: str, rel_download: str, name: str, functions: Sequence[Function]) -> str:
    """Markdown linking the rendered notebook (MkDocs turns the .ipynb link into its page) and a
    download of the file itself (attr_list's `download` attribute restores the .ipynb name)."""
    what = ", ".join(f"`{fn.label}`" for fn in functions)
    return (
        f"[Notebook reproducing this for {what}]({rel}), or "
        f'[download {name}]({rel_download}){{ download="{name}" }} to run it yourself.\n'
    )
