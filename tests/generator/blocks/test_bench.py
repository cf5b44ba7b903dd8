"""Benchmark snippets from a hand-written results file: rows, relative cost, device and command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.blocks import bench
from generator.blocks.functions import resolve
from generator.blocks.request import parse_call
from tests import FIXTURES

FIXTURE = FIXTURES / "blocks" / "bench_cpu.json"


@pytest.fixture
def results(tmp_path: Path) -> Path:
    shutil.copy(FIXTURE, tmp_path / "cpu.json")
    return tmp_path


def rows_of(markdown: str) -> dict[tuple[str, str, str], list[str]]:
    out = {}
    for line in markdown.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            out[(cells[0].strip("`"), cells[1], cells[2])] = cells[3:]
    return out


def test_parse_reads_the_documented_schema() -> None:
    [parsed] = bench.committed(FIXTURE.parent)
    assert (parsed.device, parsed.device_kind, parsed.torch, parsed.date) == (
        "Fixture CPU (2 cores)",
        "cpu",
        "2.13.0+cpu",
        "2026-11-23",
    )
    assert len(parsed.rows) == 6
    assert parsed.rows[2].fwdbwd_ms == 5.0


def test_relative_cost_is_against_relu_with_same_dtype_impl_and_size() -> None:
    parsed = bench.parse(json.loads(FIXTURE.read_text()), "cpu.json")
    gelu, tanh_row = parsed.rows[2], parsed.rows[5]
    assert bench.relative_cost(parsed.rows, gelu) == 5.0 / 2.0
    assert bench.relative_cost(parsed.rows, parsed.rows[1]) == 1.0
    assert bench.relative_cost(parsed.rows, tanh_row) is None  # no float64 ReLU in the file
    assert bench.relative_cost(parsed.rows, parsed.rows[4]) is None  # no "ours" ReLU


def test_snippet_rows_and_header(results: Path) -> None:
    fns = [resolve(parse_call(s)) for s in ("relu", "gelu", "gelu(approximate=tanh)", "tanh")]
    md = bench.describe(fns, bench.committed(results), measured=None)
    rows = rows_of(md)
    # largest size only, cost relative to ReLU by hand: 5.0 / 2.0 and 3.0 / 2.0
    assert rows[("relu", "torch", "float32")] == ["1,048,576", "0.500", "2.000", "8.4", "84", "1.00"]
    assert rows[("gelu", "torch", "float32")] == ["1,048,576", "1.000", "5.000", "3.4", "34", "2.50"]
    assert rows[("gelu(approximate=tanh)", "torch", "float32")][-1] == "1.50"
    assert rows[("gelu", "ours", "float32")][-1] == "—"
    assert rows[("tanh", "torch", "float64")][-1] == "—"
    assert "Fixture CPU (2 cores), torch 2.13.0+cpu, 2026-11-23" in md
    assert "`python -m activations.bench --device cpu --json activations/results/cpu.json`" in md
    assert "No GPU results committed yet" in md


def test_gpu_file_is_shown_with_its_device(results: Path) -> None:
    data = json.loads(FIXTURE.read_text())
    data.update(device="NVIDIA H100", device_kind="cuda", date="2026-11-20")
    (results / "cuda.json").write_text(json.dumps(data))
    md = bench.describe([resolve(parse_call("gelu"))], bench.committed(results), measured=None)
    assert "**CUDA**: NVIDIA H100" in md
    assert "No GPU results committed yet" not in md


def test_no_results_at_all(tmp_path: Path) -> None:
    md = bench.describe([resolve(parse_call("gelu"))], bench.committed(tmp_path), measured=None)
    assert "No GPU results committed yet" in md
    assert "No CPU results committed yet" in md


@pytest.mark.slow
def test_build_time_measurement_is_shared_and_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Compiled kernels, as the package runs in real use (a smaller size here, to keep the test short)."""
    monkeypatch.setattr(bench, "MEASURE_NUMEL", 1 << 16)
    measured: list[str] = []
    real = bench._measure_rows

    def counting(name: str, device: str, copy: float) -> list[dict[str, object]]:
        measured.append(name)
        return real(name, device, copy)

    monkeypatch.setattr(bench, "_measure_rows", counting)
    fns = [resolve(parse_call("gelu"))]
    first = bench.measure(fns, "cpu", tmp_path)
    assert measured == ["relu", "gelu"]
    bench.measure([resolve(parse_call("relu")), *fns], "cpu", tmp_path)
    assert measured == ["relu", "gelu"]  # nothing measured twice
    assert first.device_kind == "cpu" and first.torch == __import__("torch").__version__
    impls = {(r.name, r.impl) for r in first.rows}
    assert {("relu", "torch"), ("gelu", "torch"), ("gelu", "naive"), ("gelu", "ours")} <= impls
    md = bench.describe(fns, [], first)
    assert "measured while building this site" in md
    assert "ACTIVATIONS_COMPILE" not in md and "python -m activations.bench --device cpu" in md
