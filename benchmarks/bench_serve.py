"""Serve latency benchmark: `python -m benchmarks.bench_serve --notes 2000`.

Starts the real `python -m generator serve` on the engine's synthetic vault, then saves edits to
notes one at a time and measures how long each takes, from the save to the new text being served
at the note's URL (what the browser shows once live reload fires). Target: under 2 s.
Writes `benchmarks/results/serve.json`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.bench_vault import make_synthetic_vault
from benchmarks.machine import machine_info, write_results

RESULTS = Path(__file__).parent / "results" / "serve.json"
TARGET_S = 2.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def _wait(url: str, text: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = _get(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_serve", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--notes", type=int, default=2000, help="notes in the synthetic vault (default: %(default)s)"
    )
    parser.add_argument("--edits", type=int, default=5, help="edits to time (default: %(default)s)")
    parser.add_argument(
        "--json", type=Path, default=RESULTS, help="where the figures go (default: %(default)s)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-serve-"))
    work.mkdir(parents=True, exist_ok=True)
    vault = work / "vault"
    if not vault.exists():
        make_synthetic_vault(vault, notes=args.notes, seed=0)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    cmd = [
        sys.executable,
        "-m",
        "generator",
        "serve",
        "--vault",
        str(vault),
        "--build-dir",
        str(work / "build"),
    ]
    cmd += ["--dev-addr", f"127.0.0.1:{port}", "--no-bench", "--device", "cpu", "-q"]
    server = subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latencies: list[float | None] = []
    try:
        start = time.perf_counter()
        if _wait(base + "vault-manifest.json", '"notes"', timeout=1800) is None:
            raise SystemExit("the server did not come up")
        first_build = time.perf_counter() - start
        print(f"first build and serve: {first_build:.1f} s", flush=True)
        manifest = json.loads(_get(base + "vault-manifest.json") or "{}")
        notes = sorted(manifest["notes"])[:: max(1, len(manifest["notes"]) // args.edits)][: args.edits]
        for i, note in enumerate(notes):
            token = f"Freshly saved sentence number {i} {time.time_ns()}."
            path = vault / note
            path.write_text(path.read_text(encoding="utf-8") + f"\n{token}\n", encoding="utf-8")
            latency = _wait(base + manifest["notes"][note], token, timeout=120)
            latencies.append(None if latency is None else round(latency, 2))
            print(f"{note}: {latencies[-1]} s", flush=True)
            time.sleep(1.0)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    measured = [x for x in latencies if x is not None]
    result = {
        "benchmark": "python -m benchmarks.bench_serve",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": machine_info(),
        "notes": args.notes,
        "first_build_s": round(first_build, 1),
        "save_to_served_s": latencies,
        "median_s": round(statistics.median(measured), 2) if measured else None,
        "max_s": max(measured) if measured else None,
        "target_s": TARGET_S,
        "met": bool(measured) and len(measured) == len(latencies) and max(measured) <= TARGET_S,
    }
    write_results(args.json, result)
    print(f"save -> served: median {result['median_s']} s, max {result['max_s']} s (target {TARGET_S} s)")
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
