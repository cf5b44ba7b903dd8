"""The built-in `activation` block handler, and the pages of notes that say `activation: NAME`.

Parsing (request.py) is cheap and never runs code from a note; computing (plots, cards, bench, explore,
depth, notebooks) goes through the content-hash cache, so an unchanged block costs a file read.
A bad block becomes an error (`Code.BLOCK_INVALID`: the build exits 1) with file:line and a visible
error box on its page, never an exception; the rest of the site is built.
"""

from __future__ import annotations

import contextlib
import dataclasses
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from generator.blocks import BlockContext, BlockOutput, error_box
from generator.blocks.request import BlockError, Request, parse_call, parse_request
from generator.engine.model import Code, Diagnostic, Note

if TYPE_CHECKING:
    from generator.blocks.cache import Computed
    from generator.blocks.functions import Function
    from generator.blocks.plots import Scheme

CODE = Code.BLOCK_INVALID
COMPUTED_DIR = "_computed"
NOTEBOOK_DIR = "_notebooks"
# Cached markdown links files as ROOT + docs-relative path, so one computation serves every page
# that shows the same block (the vault repeats its depth block on five pages).
ROOT = "\x00docs-root\x00/"


def _problem(ctx: BlockContext, line: int, message: str) -> BlockOutput:
    diag = Diagnostic(ctx.note_path, line, "error", CODE, message)
    return BlockOutput(error_box("activation block", f"{ctx.note_path}:{line}: {message}"), {}, [diag])


class ActivationBlock:
    """Handler for ```` ```activation ```` fences (see DESIGN.md, "activation blocks")."""

    def check(self, source: str, ctx: BlockContext) -> list[Diagnostic]:
        """The block's problems without computing anything (for `generator check`)."""
        try:
            _parse(source)
        except BlockError as exc:
            return [Diagnostic(ctx.note_path, ctx.line + exc.offset, "error", CODE, str(exc))]
        return []

    def render(self, source: str, ctx: BlockContext) -> BlockOutput:
        try:
            request, functions = _parse(source)
        except BlockError as exc:
            return _problem(ctx, ctx.line + exc.offset, str(exc))
        return _output(_compute_cached(request, functions, ctx), ctx)


def _parse(source: str) -> tuple[Request, list[Function]]:
    from generator.blocks.functions import resolve

    request = parse_request(source)
    functions = [resolve(call) for call in request.calls]
    if request.show == "depth":
        for fn, call in zip(functions, request.calls, strict=True):
            if fn.spec.kind != "elementwise":
                raise BlockError(
                    f"depth needs elementwise functions; {fn.label} is {fn.spec.kind}", call.offset
                )
    return request, functions


def _output(computed: Computed, ctx: BlockContext) -> BlockOutput:
    """The cached result linked from this page: `ROOT` placeholders become the way back to the docs root."""
    up = posixpath.relpath(".", ctx.page_dir or ".")
    markdown = computed.markdown.replace(ROOT, "" if up == "." else f"{up}/")
    return BlockOutput(markdown, dict(computed.files), [])


def _rel(path: str) -> str:
    """A docs-relative path as cached: relative to a placeholder that `_output` resolves per page."""
    return f"{ROOT}{path}"


def _versions() -> dict[str, str]:
    import matplotlib
    import torch

    import activations
    import generator

    return {
        "activations": activations.__version__,
        "generator": generator.__version__,
        "torch": torch.__version__,
        "matplotlib": matplotlib.__version__,
    }


def _compute_cached(request: Request, functions: Sequence[Function], ctx: BlockContext) -> Computed:
    from generator.blocks import bench, cache
    from generator.blocks.functions import dump

    what = dataclasses.asdict(request)
    what.pop("offsets")
    what.pop("calls")  # the resolved functions below identify them
    parts: dict[str, object] = {
        "request": what,
        "functions": [dump(fn) for fn in functions],
        "fingerprints": [cache.fingerprint(fn.spec) for fn in functions],
        "versions": _versions(),
    }
    if request.show in ("bench", "depth"):  # plots, cards and notebooks are CPU float64 everywhere
        parts["device"] = ctx.torch_device
    if request.show == "bench":
        parts["measure"] = ctx.measure
        parts["results"] = bench.results_digest()
    if request.show == "explore":  # its data covers every registered function
        import activations

        parts["registry"] = [cache.fingerprint(activations.get(name)) for name in activations.names()]
    digest = cache.key(parts)

    def compute() -> Computed:
        if request.show == "bench":  # timings use torch's own thread settings
            return COMPUTE[request.show](request, functions, ctx, digest)
        with _one_thread():
            return COMPUTE[request.show](request, functions, ctx, digest)

    return cache.cached(ctx.cache_dir, digest, compute)


@contextlib.contextmanager
def _one_thread() -> Iterator[None]:
    """Small tensors (plots, cards, the depth MLP) run fastest on one thread; several threads fight
    each other on a busy machine (measured: 0.06 s against 1.2 s per depth run under load)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _images(
    ctx: BlockContext, name: str, svgs: dict[Scheme, bytes], alt: str
) -> tuple[str, dict[str, bytes]]:
    files = {f"{COMPUTED_DIR}/{name}-{scheme}.svg": svg for scheme, svg in svgs.items()}
    alt = alt.replace("]", ")").replace("[", "(")
    md = "\n".join(f"![{alt}]({_rel(path)}#only-{scheme})" for path, scheme in zip(files, svgs, strict=True))
    return md + "\n", files


def _plot(request: Request, functions: Sequence[Function], ctx: BlockContext, digest: str) -> Computed:
    from generator.blocks.cache import Computed
    from generator.blocks.plots import plot

    result = plot(functions, request.range[0], request.range[1], request.derivatives, request.title)
    md, files = _images(ctx, digest[:16], result.svgs, result.alt)
    if request.title:
        md += f"\n*{request.title}*\n"
    return Computed(md, files)


def _table(request: Request, functions: Sequence[Function], ctx: BlockContext, digest: str) -> Computed:
    from generator.blocks.cache import Computed
    from generator.blocks.cards import card

    return Computed("\n".join(card(fn, request.points).markdown for fn in functions))


def _bench(request: Request, functions: Sequence[Function], ctx: BlockContext, digest: str) -> Computed:
    from generator.blocks import bench
    from generator.blocks.cache import Computed

    measured = bench.measure(functions, ctx.torch_device, ctx.cache_dir) if ctx.measure else None
    return Computed(bench.describe(functions, bench.committed(), measured))


def _depth(request: Request, functions: Sequence[Function], ctx: BlockContext, digest: str) -> Computed:
    from generator.blocks import depth
    from generator.blocks.cache import Computed

    results = depth.runs(functions, request.layers, request.width, ctx.torch_device)
    md, files = _images(ctx, digest[:16], depth.figure(results), depth.alt(results, request.layers))
    intro = (
        f"{request.layers} layers of {request.width} units, no biases, a batch of 128 standard-normal "
        "inputs, seed 0, float64; loss = ⟨h_L, g⟩ / batch with a fixed random g. "
        "Initialisation: He for ReLU-like functions, Xavier for those saturating on both sides, LeCun for SELU.\n"
    )
    return Computed(f"{md}\n{intro}\n{depth.table(results)}", files)


def _notebook(request: Request, functions: Sequence[Function], ctx: BlockContext, digest: str) -> Computed:
    from generator.blocks import notebooks
    from generator.blocks.cache import Computed

    name = f"{notebooks.slug(functions, request.range)}.ipynb"
    path = f"{NOTEBOOK_DIR}/{name}"
    download = notebooks.download_path(path)
    data = notebooks.notebook(functions, request.range)
    md = notebooks.link(_rel(path), _rel(download), name, functions)
    return Computed(md, {path: data, download: data})


def _explore(request: Request, functions: Sequence[Function], ctx: BlockContext, digest: str) -> Computed:
    from generator.blocks import explore
    from generator.blocks.cache import Computed

    path = f"{COMPUTED_DIR}/explore-{digest[:16]}.json"
    data = explore.explore_json(request.range[0], request.range[1])
    shown = " ".join(
        fn.spec.name + "".join(f":{k}={v}" for k, v in fn.params if v != fn.spec.params[k])
        for fn in functions
    )
    # The page's script (assets/explore.js) builds the controls and the figure around this link; a
    # markdown link, so MkDocs makes its URL right for every page URL style.
    md = (
        f"[Curves of every function, as JSON]({_rel(path)})"
        f'{{ .activation-explore-data data-functions="{shown}" }}\n'
    )
    return Computed(md, {path: data})


Compute = Callable[[Request, Sequence["Function"], BlockContext, str], "Computed"]
COMPUTE: dict[str, Compute] = {
    "plot": _plot,
    "compare": _plot,
    "table": _table,
    "bench": _bench,
    "depth": _depth,
    "notebook": _notebook,
    "explore": _explore,
}


def _property_line(note: Note) -> int:
    """The line of `activation:` in the frontmatter, so a warning points at it (1 if not found)."""
    for i, line in enumerate(note.text.splitlines()[: note.parsed.body_start_line], start=1):
        if re.match(r"\s*activation\s*:", line):
            return i
    return 1


def _page_function(note: Note) -> Function:
    """The function an `activation: NAME` property names; BlockError (offset 0) when it names none."""
    from generator.blocks.functions import resolve

    value = note.properties.get("activation")
    if not isinstance(value, str) or not value.strip():
        raise BlockError(f"property `activation` must name a function, got {value!r}", 0)
    return resolve(parse_call(value, 0))


def check_page(note: Note) -> list[Diagnostic]:
    """Problems of an `activation:` property, without computing anything (for `generator check`)."""
    try:
        _page_function(note)
    except BlockError as exc:
        return [Diagnostic(note.path, _property_line(note), "error", CODE, str(exc))]
    return []


def render_page(note: Note, ctx: BlockContext) -> BlockOutput:
    """Card, plot (f, f', f''), benchmark and notebook link for an `activation: NAME` note."""
    ctx = dataclasses.replace(ctx, line=0)
    try:
        fn = _page_function(note)
    except BlockError as exc:
        return _problem(ctx, _property_line(note), str(exc))
    sections = [
        ("Plot", Request("plot", (), derivatives=2)),
        ("Card", Request("table", ())),
        ("Benchmark", Request("bench", ())),
        ("Notebook", Request("notebook", ())),
    ]
    out = BlockOutput("")
    if ctx.explore_page:
        url = quote(posixpath.relpath(ctx.explore_page, ctx.page_dir or "."))
        out.markdown += f"\n[Compare interactively]({url}?f={quote(fn.spec.name)}) with other functions, parameters on sliders.\n"
    for title, request in sections:
        result = _output(_compute_cached(request, [fn], ctx), ctx)
        out.markdown += f"\n## {title}\n\n{result.markdown}"
        out.files.update(result.files)
    return out
