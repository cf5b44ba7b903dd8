"""Benchmark snippets: committed results (CPU and GPU) and, when allowed, a short CPU measurement.

Committed files follow the schema of `activations.bench` (its docstring): one JSON per run with
device, torch version, date, copy bandwidth, the reproducing command and one row per
(function, params, dtype, implementation, size). Each function's cost is shown relative to ReLU
measured in the same file with the same dtype, implementation and size.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

import activations
from generator.blocks.functions import Function

log = logging.getLogger(__name__)
RESULTS_DIR = Path(activations.__file__).parent / "results"
# What the package does in real use: compiled kernels, on 16 MiB float32 tensors (input and output
# together past a 32 MiB last-level cache). Compiling costs seconds per function, once: results are
# cached by everything they depend on, so only a cold build or a changed spec measures again.
MEASURE_NUMEL = 1 << 22
MEASURE_REPEATS = 5


@dataclass(frozen=True)
class BenchRow:
    name: str
    params: dict[str, Any]
    dtype: str
    impl: str  # "torch" | "naive" | "ours"
    numel: int
    fwd_ms: float
    fwdbwd_ms: float
    fwd_gbps: float | None = None
    fwdbwd_gbps: float | None = None
    fwd_pct_copy: float | None = None
    fwdbwd_pct_copy: float | None = None


@dataclass(frozen=True)
class BenchFile:
    device: str
    device_kind: str  # "cpu" | "cuda"
    torch: str
    date: str
    copy_gbps: dict[str, float]  # per dtype; "*" when the file gives one figure
    command: str
    rows: tuple[BenchRow, ...]
    source: str = ""  # where it came from: a committed file's name, or "measured at build time"
    notes: tuple[str, ...] = field(default=())


def _opt(v: Any) -> float | None:
    return None if v is None else float(v)


def _copy(v: Any) -> dict[str, float]:
    """copy_gbps: one figure per dtype (activations.bench), or a single figure for every dtype."""
    if isinstance(v, dict):
        return {str(k): float(x) for k, x in v.items() if x is not None}
    return {"*": float(v)} if v is not None else {}


def parse(data: dict[str, Any], source: str) -> BenchFile:
    """A results document as documented in activations.bench; KeyError/TypeError when malformed."""
    rows = tuple(
        BenchRow(
            name=str(r["name"]),
            params=dict(r.get("params") or {}),
            dtype=str(r["dtype"]),
            impl=str(r["impl"]),
            numel=int(r["numel"]),
            fwd_ms=float(r["fwd_ms"]),
            fwdbwd_ms=float(r["fwdbwd_ms"]),
            fwd_gbps=_opt(r.get("fwd_gbps")),
            fwdbwd_gbps=_opt(r.get("fwdbwd_gbps")),
            fwd_pct_copy=_opt(r.get("fwd_pct_copy")),
            fwdbwd_pct_copy=_opt(r.get("fwdbwd_pct_copy")),
        )
        for r in data["results"]
    )
    return BenchFile(
        device=str(data.get("device", "unknown device")),
        device_kind=str(data.get("device_kind", "cpu")),
        torch=str(data.get("torch", "?")),
        date=str(data.get("date", "?")),
        copy_gbps=_copy(data.get("copy_gbps")),
        command=str(data.get("command", "python -m activations.bench")),
        rows=rows,
        source=source,
    )


def committed(results_dir: Path = RESULTS_DIR) -> list[BenchFile]:
    """Every readable results file, sorted by name; unreadable ones are skipped (and named) by `describe`."""
    files = []
    for path in sorted(results_dir.glob("*.json")):
        try:
            files.append(parse(json.loads(path.read_text(encoding="utf-8")), path.name))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return files


def results_digest(results_dir: Path = RESULTS_DIR) -> list[tuple[str, int, int]]:
    """(name, size, mtime_ns) of each results file, for cache keys: a new commit of results re-renders."""
    return [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(results_dir.glob("*.json"))]


def _matches(row: BenchRow, fn: Function) -> bool:
    if row.name != fn.spec.name:
        return False
    try:
        return fn.spec.resolve_params(row.params) == fn.kwargs
    except ValueError:
        return False


def relative_cost(rows: Sequence[BenchRow], row: BenchRow) -> float | None:
    """fwd+bwd time over ReLU's (default parameters) with the same dtype, implementation and size."""
    for ref in rows:
        if (
            ref.name == "relu"
            and (ref.dtype, ref.impl, ref.numel) == (row.dtype, row.impl, row.numel)
            and ref.fwdbwd_ms > 0
        ):
            return row.fwdbwd_ms / ref.fwdbwd_ms
    return None


def _cell(v: float | None, fmt: str) -> str:
    return "—" if v is None else format(v, fmt)


def table(functions: Sequence[Function], bench: BenchFile) -> str:
    """One row per function × dtype × implementation at the largest size measured."""
    largest: dict[tuple[str, str, str], BenchRow] = {}
    order: list[tuple[str, str, str]] = []
    for fn in functions:
        for row in bench.rows:
            if _matches(row, fn):
                k = (fn.label, row.dtype, row.impl)
                if k not in largest:
                    order.append(k)
                if k not in largest or row.numel > largest[k].numel:
                    largest[k] = row
    if not order:
        return "No results for these functions in this file.\n"
    lines = [
        "| function | impl | dtype | elements | fwd ms | fwd+bwd ms | fwd+bwd GB/s | % of copy | × ReLU |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for k in order:
        r = largest[k]
        rel = relative_cost(bench.rows, r)
        lines.append(
            f"| `{k[0]}` | {r.impl} | {r.dtype} | {r.numel:,} | {r.fwd_ms:.3f} | {r.fwdbwd_ms:.3f} | "
            f"{_cell(r.fwdbwd_gbps, '.1f')} | {_cell(r.fwdbwd_pct_copy, '.0f')} | {_cell(rel, '.2f')} |"
        )
    return "\n".join(lines) + "\n"


def _header(bench: BenchFile) -> str:
    copy = ", ".join(
        f"{v:.1f} GB/s" if k == "*" else f"{v:.1f} GB/s ({k})" for k, v in sorted(bench.copy_gbps.items())
    )
    copy = f"; copy bandwidth {copy}" if copy else ""
    return f"**{bench.device_kind.upper()}**: {bench.device}, torch {bench.torch}, {bench.date}{copy} ({bench.source})."


def describe(functions: Sequence[Function], files: Sequence[BenchFile], measured: BenchFile | None) -> str:
    """The benchmark section: measured CPU figures (if any), then each committed file."""
    parts = []
    if measured is not None:
        parts += [_header(measured), "", table(functions, measured), f"Reproduce: `{measured.command}`", ""]
    for bench in files:
        parts += [_header(bench), "", table(functions, bench), f"Reproduce: `{bench.command}`", ""]
    if not any(f.device_kind == "cuda" for f in files):
        parts += [
            "No GPU results committed yet: run `python -m activations.bench --device cuda --json "
            "activations/results/<device>.json` on a GPU machine and commit the file.",
            "",
        ]
    if not files and measured is None:
        parts += [
            "No CPU results committed yet (`python -m activations.bench --json activations/results/cpu.json`).",
            "",
        ]
    return "\n".join(parts)


def _measure_rows(name: str, device: str, copy: float) -> list[dict[str, Any]]:
    from dataclasses import asdict

    from activations import bench as abench

    dev = torch.device(device)
    try:
        rows = abench.measure(name, torch.float32, dev, MEASURE_NUMEL, MEASURE_REPEATS, copy, warmup=1)
    except RuntimeError as exc:  # e.g. torch has no backward for it (heaviside): no figures, not a crash
        log.warning("could not measure %s on %s: %s", name, device, exc)
        return []
    return [asdict(r) for r in rows]


def measure(functions: Sequence[Function], device: str, cache_dir: Path) -> BenchFile:
    """A short in-process measurement at default parameters, ReLU included as the baseline.

    Each function is measured once per device and torch version (cached by its fingerprint), so
    the vault's many bench sections cost one measurement per function, and a rebuild none.
    """
    from activations import bench as abench
    from generator.blocks import cache

    names = list(dict.fromkeys(["relu", *(fn.spec.name for fn in functions)]))
    dev = torch.device(device)
    base = {
        "device": device,
        "torch": torch.__version__,
        "numel": MEASURE_NUMEL,
        "repeats": MEASURE_REPEATS,
        "compiled": True,
    }
    copy = cache.cached_json(
        cache_dir,
        cache.key("copy", base),
        lambda: abench.copy_gbps(MEASURE_NUMEL, torch.float32, dev, MEASURE_REPEATS),
    )
    rows = []
    for name in names:
        spec = activations.get(name)
        digest = cache.key("measure", base, name, cache.fingerprint(spec))
        rows += cache.cached_json(cache_dir, digest, functools.partial(_measure_rows, name, device, copy))
    command = (
        f"python -m activations.bench --device {device} --dtype float32 "
        f"--size {MEASURE_NUMEL} --repeats {MEASURE_REPEATS} --warmup 1 --names {','.join(names)}"
    )
    doc = {
        "device": abench.device_name(dev),
        "device_kind": dev.type,
        "torch": torch.__version__,
        "date": _dt.date.today().isoformat(),
        "copy_gbps": copy,
        "command": command,
        "results": rows,
    }
    return parse(doc, "measured while building this site")
