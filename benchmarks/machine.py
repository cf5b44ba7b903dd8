"""What the generator's benchmarks share: the machine they ran on, a timed child process, the results file."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

__all__ = ["Run", "machine_info", "timed", "write_results"]


def machine_info(*packages: str) -> dict[str, Any]:
    """Platform, CPUs, the load at the end of the run, Python, and the versions of `packages`."""
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_1min_at_end": round(os.getloadavg()[0], 1),
        "python": platform.python_version(),
    }
    info.update({name: version(name) for name in packages})
    return info


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # user + system of the child process and its children


def timed(cmd: list[str], cwd: Path) -> Run:
    """Run `cmd` in a fresh process; its wall clock and CPU time. A failure ends the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{(done.stdout + done.stderr)[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(round(wall, 2), round(cpu, 2))


def write_results(path: Path, record: dict[str, Any]) -> None:
    """A benchmark's figures as indented JSON at `path` (its folder made when missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
