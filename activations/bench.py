"""``python -m activations.bench``: forward and forward+backward speed and memory of every activation.

For each activation, dtype and device it times three implementations on the same input:
``torch`` (torch's own function, where there is one), ``naive`` (the spec's formula as eager torch
ops, autograd keeping every intermediate) and ``ours`` (`activations.functional`: fused kernels,
only the input saved). Times are medians of many runs after warm-up (CUDA events on a GPU,
``time.perf_counter`` on CPU), the implementations interleaved run by run so background load hits
them alike. GB/s counts the fewest bytes any implementation must move: forward reads x and writes
y (2Ns for an elementwise function of N elements of s bytes), forward+backward also reads the
incoming gradient and x and writes the input gradient (5Ns). ``y.copy_(x)`` measured in the same
run gives the attainable bandwidth; each GB/s figure is also given as % of it.

Memory: ``saved_bytes`` is what autograd keeps between forward and backward (distinct storages
packed by ``torch.autograd.graph.saved_tensors_hooks``, the input included): the quantity the
memory-efficient design changes, and the same on every device. On CUDA ``peak_extra_bytes`` is
also recorded: ``torch.cuda.max_memory_allocated`` during forward+backward above what was
allocated before (input and incoming gradient).

Result JSON (``--json FILE``; ``--save`` writes activations/results/cpu.json or
cuda-<device>.json), read by the site generator for its ``bench`` blocks::

    {"device": "AMD EPYC", "device_kind": "cpu" | "cuda", "torch": "2.13.0+cpu",
     "date": "2026-11-23T10:00:00+00:00", "dtypes": ["float32", "bfloat16"], "numel": 8388608,
     "repeats": 15, "compiled": true, "threads": 1, "timer": "thread-cpu-time" | "wall" | "cuda-events",
     "copy_gbps": {"float32": 40.1, "bfloat16": 39.5},
     "command": "python -m activations.bench --device cpu ...",
     "results": [{"name": "gelu", "params": {"approximate": "none"}, "dtype": "float32",
                  "impl": "torch" | "naive" | "ours", "numel": 8388608,
                  "fwd_ms": 1.2, "fwdbwd_ms": 4.0, "fwd_gbps": 55.9, "fwdbwd_gbps": 41.9,
                  "fwd_pct_copy": 139.0, "fwdbwd_pct_copy": 104.4,
                  "saved_bytes": 33554432, "peak_extra_bytes": null}, ...]}

``python -m activations.bench --table`` prints docs/activations.md's headline table from the result
files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch

import activations
from activations import functional
from activations._fused import compile_enabled
from activations.devices import check_device

RESULTS_DIR = Path(__file__).parent / "results"
IMPLS = ("torch", "naive", "ours")
DTYPES = {
    "float32": torch.float32,
    "bfloat16": torch.bfloat16,
    "float16": torch.float16,
    "float64": torch.float64,
}
DEFAULT_NUMEL = {"cpu": 2**23, "cuda": 2**28}  # well past the caches: 32 MiB L3 here, 50 MiB L2 on an H100
VECTOR_ROW = 1024  # vector and gated functions act along the last dim of (numel / 1024, 1024)

Fn = Callable[[torch.Tensor], torch.Tensor]


@dataclass
class Row:
    """One (activation, dtype, implementation) measurement: a row of the result JSON."""

    name: str
    params: dict[str, Any]
    dtype: str
    impl: str
    numel: int
    fwd_ms: float
    fwdbwd_ms: float
    fwd_gbps: float
    fwdbwd_gbps: float
    fwd_pct_copy: float
    fwdbwd_pct_copy: float
    saved_bytes: int
    peak_extra_bytes: int | None


def gbps(nbytes: float, ms: float) -> float:
    """Bandwidth in GB/s (10^9 bytes per second) for nbytes moved in ms milliseconds."""
    return nbytes / (ms * 1e-3) / 1e9


def min_bytes(in_numel: int, out_numel: int, itemsize: int) -> tuple[int, int]:
    """Fewest bytes moved by (forward, forward+backward).

    Forward reads x and writes y; backward reads the output gradient and x and writes x's
    gradient. Elementwise (in = out = N): 2Ns and 5Ns.
    """
    fwd = (in_numel + out_numel) * itemsize
    return fwd, fwd + (out_numel + 2 * in_numel) * itemsize


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


class _Timer:
    """Milliseconds of one call.

    CUDA: events. CPU with one thread: the CPU time of this thread (user + system, page faults
    included), which other processes on a shared machine cannot inflate the way they inflate
    wall time; it equals wall time on an idle core. CPU with more threads: wall time.
    """

    def __init__(self, device: torch.device, threads: int = 1) -> None:
        self.device = device
        self.clock = time.thread_time_ns if threads == 1 else time.perf_counter_ns

    def __call__(self, fn: Callable[[], object]) -> float:
        if self.device.type == "cuda":
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            fn()
            end.record()
            end.synchronize()
            return float(start.elapsed_time(end))
        begin = self.clock()
        fn()
        return (self.clock() - begin) / 1e6


def _impls(name: str, params: dict[str, Any]) -> dict[str, Fn]:
    spec = activations.get(name)
    out: dict[str, Fn] = {}
    reference = spec.reference
    if reference is not None:
        out["torch"] = lambda x: reference(x, **params)
    out["naive"] = lambda x: spec.fn(x, **params)
    ours = functional.function(name)
    out["ours"] = lambda x: ours(x, **params)
    return out


def _input(name: str, numel: int, dtype: torch.dtype, device: torch.device) -> torch.Tensor:
    gen = torch.Generator(device=device).manual_seed(0)
    shape = (numel,) if activations.get(name).kind == "elementwise" else (numel // VECTOR_ROW, VECTOR_ROW)
    return (torch.randn(shape, generator=gen, device=device, dtype=torch.float32) * 3).to(dtype)


def saved_bytes(fn: Fn, x: torch.Tensor) -> int:
    """Bytes of the distinct storages autograd saves for backward while fn(x) is recorded."""
    storages: dict[int, int] = {}

    def pack(t: torch.Tensor) -> torch.Tensor:
        storage = t.untyped_storage()
        storages[storage.data_ptr()] = storage.nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        fn(x.detach().requires_grad_())
    return sum(storages.values())


def _peak_extra_bytes(fn: Fn, x: torch.Tensor, grad: torch.Tensor) -> int | None:
    if x.device.type != "cuda":
        return None
    xr = x.detach().requires_grad_()
    torch.cuda.synchronize(x.device)
    base = torch.cuda.memory_allocated(x.device)
    torch.cuda.reset_peak_memory_stats(x.device)
    torch.autograd.grad(fn(xr), xr, grad)
    torch.cuda.synchronize(x.device)
    return int(torch.cuda.max_memory_allocated(x.device) - base)


def copy_gbps(
    numel: int,
    dtype: torch.dtype,
    device: torch.device,
    repeats: int,
    warmup: int = 3,
    timer: _Timer | None = None,
) -> float:
    """Device-to-device copy bandwidth, ``y.copy_(x)``: the attainable GB/s for a memory-bound kernel."""
    x = torch.randn(numel, device=device).to(dtype)
    y = torch.empty_like(x)
    timer = timer or _Timer(device)
    for _ in range(warmup):
        y.copy_(x)
    _sync(device)
    ms = statistics.median(timer(lambda: y.copy_(x)) for _ in range(repeats))
    return gbps(2 * x.nbytes, ms)


def measure(
    name: str,
    dtype: torch.dtype,
    device: torch.device,
    numel: int,
    repeats: int,
    copy: float,
    warmup: int = 3,
    timer: _Timer | None = None,
) -> list[Row]:
    """Rows for every implementation of one activation at its default parameters."""
    params = activations.get(name).params
    impls = _impls(name, params)
    x = _input(name, numel, dtype, device)
    xr = x.detach().requires_grad_()
    out_numel = impls["naive"](x).numel()
    grad = torch.randn(impls["naive"](x).shape, device=device).to(dtype)
    timer = timer or _Timer(device)

    def fwd(fn: Fn) -> Callable[[], object]:
        def run() -> object:
            with torch.no_grad():
                return fn(x)

        return run

    def fwdbwd(fn: Fn) -> Callable[[], object]:
        return lambda: torch.autograd.grad(fn(xr), xr, grad)

    for impl in [i for i in impls if i != "ours"]:
        try:  # torch.heaviside, for one, has no autograd: no fair comparison, so no row
            torch.autograd.grad(impls[impl](xr), xr, grad)
        except RuntimeError:
            del impls[impl]
    runs = {
        (impl, kind): make(fn)
        for impl, fn in impls.items()
        for kind, make in (("fwd", fwd), ("fwdbwd", fwdbwd))
    }
    for run in runs.values():  # warm-up: compiles, allocator caches, first-touch page faults
        for _ in range(warmup):
            run()
    _sync(device)
    times: dict[tuple[str, str], list[float]] = {key: [] for key in runs}
    for _ in range(repeats):  # interleaved, so background load hits every implementation alike
        for key, run in runs.items():
            times[key].append(timer(run))
    fwd_bytes, fwdbwd_bytes = min_bytes(x.numel(), out_numel, x.element_size())
    rows = []
    for impl, fn in impls.items():
        fwd_ms = statistics.median(times[(impl, "fwd")])
        fwdbwd_ms = statistics.median(times[(impl, "fwdbwd")])
        rows.append(
            Row(
                name=name,
                params=dict(params),
                dtype=str(dtype).removeprefix("torch."),
                impl=impl,
                numel=x.numel(),
                fwd_ms=fwd_ms,
                fwdbwd_ms=fwdbwd_ms,
                fwd_gbps=gbps(fwd_bytes, fwd_ms),
                fwdbwd_gbps=gbps(fwdbwd_bytes, fwdbwd_ms),
                fwd_pct_copy=100 * gbps(fwd_bytes, fwd_ms) / copy,
                fwdbwd_pct_copy=100 * gbps(fwdbwd_bytes, fwdbwd_ms) / copy,
                saved_bytes=saved_bytes(fn, x),
                peak_extra_bytes=_peak_extra_bytes(fn, x, grad),
            )
        )
    return rows


def device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return cpu


def run(
    names: Sequence[str] | None = None,
    device: str | torch.device = "cpu",
    dtypes: Sequence[str] = ("float32", "bfloat16"),
    numel: int | None = None,
    repeats: int = 15,
    warmup: int = 3,
    progress: Callable[[str], object] | None = None,
    command: str = "",
    threads: int | None = None,
) -> dict[str, Any]:
    """Measure in-process and return the result document (the JSON schema in this module's docstring).

    On CPU `threads` (default 1) sets torch's thread count for the run; with 1 thread times are
    the thread's CPU time (see `_Timer`).
    """
    dev = torch.device(device)
    if dev.type == "cpu":
        previous = torch.get_num_threads()
        torch.set_num_threads(threads or 1)
        try:
            return _run(names, dev, dtypes, numel, repeats, warmup, progress, command, threads or 1)
        finally:
            torch.set_num_threads(previous)
    return _run(names, dev, dtypes, numel, repeats, warmup, progress, command, None)


def _run(
    names: Sequence[str] | None,
    dev: torch.device,
    dtypes: Sequence[str],
    numel: int | None,
    repeats: int,
    warmup: int,
    progress: Callable[[str], object] | None,
    command: str,
    threads: int | None,
) -> dict[str, Any]:
    names = list(names) if names is not None else activations.names()
    n = numel or DEFAULT_NUMEL[dev.type]
    n -= n % (2 * VECTOR_ROW) if n >= 2 * VECTOR_ROW else 0
    for dtype in dtypes:
        if dtype not in DTYPES:
            raise ValueError(f"unknown dtype {dtype!r}; choose from {sorted(DTYPES)}")
    timer = _Timer(dev, threads or 0)
    copy = {d: copy_gbps(n, DTYPES[d], dev, repeats, timer=timer) for d in dtypes}
    rows: list[Row] = []
    for dtype in dtypes:
        for name in names:
            rows.extend(measure(name, DTYPES[dtype], dev, n, repeats, copy[dtype], warmup, timer))
            if progress is not None:
                progress(f"{name} {dtype}")
    return {
        "device": device_name(dev),
        "device_kind": dev.type,
        "torch": torch.__version__,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "dtypes": list(dtypes),
        "numel": n,
        "repeats": repeats,
        "compiled": compile_enabled(),
        "threads": threads,
        "timer": "cuda-events" if dev.type == "cuda" else ("thread-cpu-time" if threads == 1 else "wall"),
        "copy_gbps": copy,
        "command": command or f"python -m activations.bench --device {dev.type} --dtype {','.join(dtypes)}",
        "results": [asdict(r) for r in rows],
    }


def load_results(path: str | Path) -> dict[str, Any]:
    """A result document written by this module (checked for the keys readers rely on)."""
    doc: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    missing = {"device", "device_kind", "torch", "date", "copy_gbps", "results"} - set(doc)
    if missing:
        raise ValueError(f"{path}: not an activations.bench result (missing {sorted(missing)})")
    return doc


def default_path(doc: dict[str, Any]) -> Path:
    """activations/results/cpu.json, or cuda-<device>.json (e.g. cuda-nvidia-h100-80gb-hbm3.json)."""
    if doc["device_kind"] == "cpu":
        return RESULTS_DIR / "cpu.json"
    return RESULTS_DIR / f"cuda-{re.sub(r'[^a-z0-9]+', '-', doc['device'].lower()).strip('-')}.json"


def write_json(doc: dict[str, Any], path: Path) -> None:
    """Write atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    os.chmod(tmp, 0o644)  # mkstemp makes it private; results are for everyone to read
    os.replace(tmp, path)


# --- headline table -------------------------------------------------------------------------------


def _index(doc: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(r["name"], r["dtype"], r["impl"]): r for r in doc["results"]}


def ratios(
    doc: dict[str, Any], dtype: str, field: str = "fwdbwd_ms", against: str = "torch"
) -> dict[str, float]:
    """ours / `against` time per activation that has both."""
    idx = _index(doc)
    out = {}
    for (name, d, impl), row in idx.items():
        other = idx.get((name, d, against))
        if d == dtype and impl == "ours" and other is not None:
            out[name] = row[field] / other[field]
    return out


def table(doc: dict[str, Any]) -> str:
    """docs/activations.md's headline table (Markdown): per activation and dtype, ours vs torch, naive."""
    idx = _index(doc)
    dtypes = list(doc.get("dtypes") or sorted({r["dtype"] for r in doc["results"]}))
    names = sorted({r["name"] for r in doc["results"]})
    head = ["activation"]
    for d in dtypes:
        head += [f"{d} ours ms", "ours/torch", "ours/naive", "% copy"]
    head.append("saved bytes/elem ours · torch · naive")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def fmt(v: float | None, spec: str) -> str:
        return "–" if v is None or not math.isfinite(v) else format(v, spec)

    for name in names:
        cells = [f"`{name}`"]
        for d in dtypes:
            ours, ref, naive = (idx.get((name, d, i)) for i in ("ours", "torch", "naive"))
            if ours is None:
                cells += ["–"] * 4
                continue
            cells += [
                fmt(ours["fwdbwd_ms"], ".2f"),
                fmt(ours["fwdbwd_ms"] / ref["fwdbwd_ms"] if ref else None, ".2f"),
                fmt(ours["fwdbwd_ms"] / naive["fwdbwd_ms"] if naive else None, ".2f"),
                fmt(ours["fwdbwd_pct_copy"], ".0f"),
            ]
        saved = [idx.get((name, dtypes[0], i)) for i in ("ours", "torch", "naive")]
        cells.append(" · ".join(fmt(r["saved_bytes"] / r["numel"] if r else None, ".0f") for r in saved))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary(doc: dict[str, Any]) -> str:
    """One line per dtype: median ours/torch for forward and forward+backward, and copy bandwidth."""
    threads = f" · {doc['threads']} thread(s), {doc.get('timer')}" if doc.get("threads") else ""
    out = [
        f"{doc['device']}{threads} · torch {doc['torch']} · {doc['date']} · {doc.get('numel', '?')} elements"
    ]
    for d in doc.get("dtypes", []):
        fb = ratios(doc, d, "fwdbwd_ms")
        fw = ratios(doc, d, "fwd_ms")
        nv = ratios(doc, d, "fwdbwd_ms", against="naive")
        out.append(
            f"{d}: median ours/torch fwd+bwd {statistics.median(fb.values()):.2f}, fwd "
            f"{statistics.median(fw.values()):.2f} ({len(fb)} activations with a torch function); "
            f"median ours/naive fwd+bwd {statistics.median(nv.values()):.2f}; "
            f"copy {doc['copy_gbps'][d]:.1f} GB/s"
            if fb and nv
            else f"{d}: no activation measured against torch"
        )
    return "\n".join(out)


# --- command line ---------------------------------------------------------------------------------


def _comma_list(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _size(text: str) -> int:
    m = re.fullmatch(r"\s*2\s*(?:\^|\*\*)\s*(\d+)\s*", text)
    try:
        return 2 ** int(m.group(1)) if m else int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must be an integer or 2^k, got {text!r}") from None


def main_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m activations.bench",
        description="Time forward and forward+backward of every activation (torch's own, naive eager, ours) "
        "and report GB/s, % of copy bandwidth and bytes saved for backward.",
    )
    parser.add_argument(
        "--device",
        help="cpu, cuda, cuda:N or mps, as torch offers here (default: cuda if available, else cpu)",
    )
    parser.add_argument(
        "--dtype",
        action="append",
        help="float32, bfloat16, float16, float64; repeatable or comma list (default float32,bfloat16)",
    )
    parser.add_argument(
        "--size", type=_size, help="elements per tensor, e.g. 2^24 (default 2^23 on cpu, 2^28 on cuda)"
    )
    parser.add_argument("--names", action="append", help="activations to measure, comma list (default: all)")
    parser.add_argument(
        "--repeats", type=int, default=15, help="timed runs per measurement; the median is kept"
    )
    parser.add_argument(
        "--threads", type=int, help="CPU: torch threads (default 1, timed by thread CPU time)"
    )
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (compiles, allocator)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the result document here")
    parser.add_argument("--save", action="store_true", help="write it to activations/results/<device>.json")
    parser.add_argument(
        "--quick", action="store_true", help="2^20 elements, 5 repeats, gelu/mish/softmax only"
    )
    parser.add_argument(
        "--table",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="print the headline table of result files (default: activations/results/*.json) and exit",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = main_parser().parse_args(argv)
    if args.table is not None:
        return _print_tables(args.table or sorted(RESULTS_DIR.glob("*.json")))
    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    try:
        check_device(device)
    except ValueError as exc:
        print(f"error: --device: {exc}", file=sys.stderr)
        return 2
    names = _comma_list(args.names) or (["gelu", "mish", "softmax"] if args.quick else activations.names())
    try:
        names = [activations.get(n).name for n in names]
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    dtypes = _comma_list(args.dtype) or ["float32", "bfloat16"]
    numel = 2**20 if args.quick and args.size is None else args.size
    repeats = 5 if args.quick else args.repeats
    command = "python -m activations.bench " + " ".join(argv if argv is not None else sys.argv[1:])
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("benchmark", total=len(names) * len(dtypes))
        try:
            doc = run(
                names,
                device,
                dtypes,
                numel,
                repeats,
                args.warmup,
                progress=lambda label: bar.update(task, advance=1, description=label),
                command=command.strip(),
                threads=args.threads,
            )
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    for path in [p for p in (args.json, default_path(doc) if args.save else None) if p is not None]:
        write_json(doc, path)
        print(f"wrote {path}", file=sys.stderr)
    print(summary(doc))
    print(table(doc))
    return 0


def _print_tables(paths: Sequence[Path]) -> int:
    if not paths:
        print(f"error: no result files in {RESULTS_DIR}", file=sys.stderr)
        return 1
    for path in paths:
        try:
            doc = load_results(path)
        except (OSError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(summary(doc))
        print()
        print(table(doc))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
