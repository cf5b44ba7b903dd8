"""activations.bench: the result document follows its documented schema, and GB/s and % of copy
bandwidth follow the formulas (checked by hand on a fixed fake timing). Not a timed test."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch

import activations
from activations import _fused, bench

ROW_KEYS = {
    "name": str,
    "params": dict,
    "dtype": str,
    "impl": str,
    "numel": int,
    "fwd_ms": float,
    "fwdbwd_ms": float,
    "fwd_gbps": float,
    "fwdbwd_gbps": float,
    "fwd_pct_copy": float,
    "fwdbwd_pct_copy": float,
    "saved_bytes": int,
}


@pytest.fixture(autouse=True)
def _eager() -> Iterator[None]:
    _fused.set_compile(False)
    yield
    _fused.set_compile(None)


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    token = _fused.set_compile(False)
    try:
        return bench.run(["gelu", "softmax"], "cpu", ["float32"], numel=4096, repeats=3, warmup=1)
    finally:
        _fused.reset_compile(token)


def test_document_has_the_documented_keys(doc: dict[str, Any]) -> None:
    assert doc["device_kind"] == "cpu" and doc["device"] and doc["torch"]
    assert doc["date"][:2] == "20" and "T" in doc["date"]
    assert doc["dtypes"] == ["float32"] and doc["numel"] == 4096
    assert doc["copy_gbps"]["float32"] > 0
    assert doc["command"].startswith("python -m activations.bench")
    json.dumps(doc)  # serialisable as is


def test_every_implementation_has_a_row_with_positive_finite_numbers(doc: dict[str, Any]) -> None:
    rows = doc["results"]
    assert {(r["name"], r["impl"]) for r in rows} == {
        (n, i) for n in ("gelu", "softmax") for i in ("torch", "naive", "ours")
    }
    for row in rows:
        for key, kind in ROW_KEYS.items():
            assert isinstance(row[key], kind), (key, row[key])
        for key in ("fwd_ms", "fwdbwd_ms", "fwd_gbps", "fwdbwd_gbps", "fwd_pct_copy", "fwdbwd_pct_copy"):
            assert math.isfinite(row[key]) and row[key] > 0, (key, row)
        assert row["peak_extra_bytes"] is None  # CUDA only


def test_ours_saves_only_the_input(doc: dict[str, Any]) -> None:
    ours = {r["name"]: r for r in doc["results"] if r["impl"] == "ours"}
    assert ours["gelu"]["saved_bytes"] == 4096 * 4
    assert ours["softmax"]["saved_bytes"] == 4096 * 4


def test_gbps_formula_by_hand() -> None:
    assert bench.gbps(10**9, 1000.0) == pytest.approx(1.0)
    assert bench.min_bytes(1000, 1000, 4) == (8000, 20000)  # elementwise: 2Ns and 5Ns
    assert bench.min_bytes(1000, 500, 2) == (3000, 8000)  # gated: (1000 + 500) * 2, + (500 + 1000 + 1000) * 2


def test_fixed_fake_timing_gives_the_hand_computed_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench._Timer, "__call__", lambda self, fn: (fn(), 2.0)[1])
    doc = bench.run(["relu"], "cpu", ["float32"], numel=2**12, repeats=3, warmup=0)
    assert doc["copy_gbps"]["float32"] == pytest.approx(2 * 2**12 * 4 / 2e-3 / 1e9)
    for row in doc["results"]:
        assert row["fwd_ms"] == row["fwdbwd_ms"] == 2.0
        assert row["fwd_gbps"] == pytest.approx(2 * 2**12 * 4 / 2e-3 / 1e9)
        assert row["fwdbwd_gbps"] == pytest.approx(5 * 2**12 * 4 / 2e-3 / 1e9)
        assert row["fwd_pct_copy"] == pytest.approx(100.0)  # same bytes as a copy, same time
        assert row["fwdbwd_pct_copy"] == pytest.approx(250.0)


def test_table_and_summary_from_a_hand_written_document() -> None:
    def row(impl: str, ms: float) -> dict[str, Any]:
        return {
            "name": "gelu",
            "dtype": "float32",
            "impl": impl,
            "numel": 100,
            "fwd_ms": ms,
            "fwdbwd_ms": 2 * ms,
            "fwdbwd_pct_copy": 50.0,
            "saved_bytes": 400 if impl != "naive" else 1200,
        }

    doc = {
        "device": "cpu x",
        "torch": "2",
        "date": "d",
        "numel": 100,
        "dtypes": ["float32"],
        "copy_gbps": {"float32": 10.0},
        "results": [row("torch", 1.0), row("naive", 4.0), row("ours", 1.1)],
    }
    lines = bench.table(doc).splitlines()
    assert lines[2] == "| `gelu` | 2.20 | 1.10 | 0.28 | 50 | 4 · 4 · 12 |"
    assert "median ours/torch fwd+bwd 1.10, fwd 1.10" in bench.summary(doc)


def test_cli_writes_json_and_prints_its_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.json"
    code = bench.main(
        [
            "--names",
            "relu",
            "--dtype",
            "float32",
            "--size",
            "2^12",
            "--repeats",
            "2",
            "--warmup",
            "1",
            "--json",
            str(out),
        ]
    )
    assert code == 0
    doc = bench.load_results(out)
    assert {r["impl"] for r in doc["results"]} == {"torch", "naive", "ours"}
    capsys.readouterr()
    assert bench.main(["--table", str(out)]) == 0
    assert "| `relu` |" in capsys.readouterr().out


def test_cli_errors_exit_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--names", "not_an_activation", "--size", "4096"]) == 2
    assert "unknown activation" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert bench.main(["--table", str(bad)]) == 1
    with pytest.raises(SystemExit) as exc:
        bench.main(["--help"])
    assert exc.value.code == 0


def test_default_result_paths() -> None:
    assert bench.default_path({"device_kind": "cpu", "device": "x"}).name == "cpu.json"
    h100 = bench.default_path({"device_kind": "cuda", "device": "NVIDIA H100 80GB HBM3"})
    assert h100.name == "cuda-nvidia-h100-80gb-hbm3.json"


def test_torch_function_without_autograd_gets_no_row() -> None:
    doc = bench.run(["heaviside"], "cpu", ["float32"], numel=4096, repeats=2, warmup=0)
    assert {r["impl"] for r in doc["results"]} == {"naive", "ours"}  # torch.heaviside has no backward


@pytest.mark.parametrize("device", ["cuda:7", "tpu", "not a device"])
def test_a_device_torch_does_not_offer_is_bad_usage(device: str, capsys: pytest.CaptureFixture[str]) -> None:
    if device.startswith("cuda") and torch.cuda.device_count() > 7:
        pytest.skip("this machine has eight GPUs")
    assert bench.main(["--device", device, "--names", "relu", "--quick"]) == 2
    err = capsys.readouterr().err
    assert f"device {device!r} is not available here" in err and "offers cpu" in err


def test_the_committed_cpu_results_cover_every_spec() -> None:
    """Function pages quote activations/results/cpu.json: a spec added without rerunning the
    documented benchmark (docs/activations.md) would show no committed figures."""
    committed = json.loads(bench.default_path({"device_kind": "cpu", "device": "x"}).read_text())
    rows = committed["results"]
    for name in activations.names():
        for dtype in committed["dtypes"]:
            impls = {r["impl"] for r in rows if r["name"] == name and r["dtype"] == dtype}
            assert {"naive", "ours"} <= impls, f"{name} ({dtype}) has no naive/ours rows in cpu.json"
    assert {r["name"] for r in rows} <= set(activations.names())  # no rows of a removed spec
