"""A deterministic force-directed layout of the note graph, computed at build time with numpy.

Fruchterman-Reingold forces with a grid approximation of the repulsion (Barnes-Hut in one
level): each node is pushed by every cell's mass at the cell's centre of mass, which is
O(nodes x cells) per step instead of O(nodes^2). Springs pull
along the edges. A fixed seed and a fixed number of steps make the same vault give the same
positions; they are rounded so that the file does not change with floating-point noise.
"""

from __future__ import annotations

import numpy as np

__all__ = ["layout"]


def layout(
    n: int, edges: list[tuple[int, int]], seed: int = 0, steps: int = 30, grid: int = 16
) -> list[tuple[float, float]]:
    """Positions (x, y) in about [-1000, 1000] for `n` nodes joined by `edges` (index pairs)."""
    if n == 0:
        return []
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2))
    if n == 1:
        return [(0.0, 0.0)]
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    e = e[e[:, 0] != e[:, 1]]
    k = 1.0 / np.sqrt(n)  # the ideal distance between nodes
    temperature = 0.2
    for _ in range(steps):
        disp = _repulsion(pos, k, grid)
        if len(e):
            d = pos[e[:, 0]] - pos[e[:, 1]]
            dist = np.sqrt((d * d).sum(axis=1)) + 1e-9
            pull = (d / dist[:, None]) * (dist * dist / k)[:, None]
            for axis in (0, 1):  # bincount: np.add.at is ten times slower
                disp[:, axis] -= np.bincount(e[:, 0], weights=pull[:, axis], minlength=n)
                disp[:, axis] += np.bincount(e[:, 1], weights=pull[:, axis], minlength=n)
        disp -= pos * (0.05 / k)  # gravity: orphans and small components stay in view
        length = np.sqrt((disp * disp).sum(axis=1)) + 1e-9
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.92
    pos -= pos.mean(axis=0)
    scale = np.abs(pos).max() or 1.0
    pos = np.round(pos / scale * 1000.0, 1)
    return [(float(x), float(y)) for x, y in pos]


def _repulsion(pos: np.ndarray, k: float, grid: int) -> np.ndarray:
    """k^2/d pushes from every cell's centre of mass (cells of a grid x grid net over the nodes)."""
    lo = pos.min(axis=0)
    span = np.maximum(pos.max(axis=0) - lo, 1e-9)
    cell = np.minimum(((pos - lo) / span * grid).astype(np.int64), grid - 1)
    index = cell[:, 0] * grid + cell[:, 1]
    count = np.bincount(index, minlength=grid * grid).astype(np.float64)
    sx = np.bincount(index, weights=pos[:, 0], minlength=grid * grid)
    sy = np.bincount(index, weights=pos[:, 1], minlength=grid * grid)
    used = count > 0
    mass = count[used]
    centre = np.stack([sx[used] / mass, sy[used] / mass], axis=1)
    dx = pos[:, 0:1].astype(np.float32) - centre[None, :, 0].astype(np.float32)  # (nodes, cells)
    dy = pos[:, 1:2].astype(np.float32) - centre[None, :, 1].astype(np.float32)
    force = (
        np.float32(k * k) * mass.astype(np.float32)[None, :] / (dx * dx + dy * dy + np.float32(k * k * 0.01))
    )
    return np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1).astype(np.float64)
