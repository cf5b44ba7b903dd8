"""The machine a benchmark ran on, as the generator's benchmarks record it in their results."""

from __future__ import annotations

import os
import platform
from importlib.metadata import version
from typing import Any

__all__ = ["machine_info"]


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
