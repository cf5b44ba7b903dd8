"""Which devices torch offers on this machine, and a check that names them when asked for another."""

from __future__ import annotations

import torch


def available() -> list[str]:
    """Device names torch can run on here: "cpu", then "cuda" and "cuda:N" per GPU, then "mps"."""
    found = ["cpu"]
    if torch.cuda.is_available():
        found += ["cuda", *(f"cuda:{i}" for i in range(torch.cuda.device_count()))]
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        found.append("mps")
    return found


def check_device(name: str) -> torch.device:
    """`name` as a torch.device if torch offers it here; ValueError naming the ones it offers."""
    offered = available()
    try:
        device = torch.device(name)
    except (RuntimeError, ValueError):
        device = None
    if device is None or str(device) not in offered:
        raise ValueError(
            f"device {name!r} is not available here: torch {torch.__version__} offers {', '.join(offered)}"
        )
    return device
