"""Where a canvas's parts are drawn: the stage (bounding box), side points, edge curves, arrowheads.

Pure arithmetic on the numbers of the file (JSON Canvas 1.0 positions are pixels, y downwards).
The stage is the nodes' bounding box with a margin (`MARGIN`) for group labels, which sit above a
group's top edge, and for arrowheads and edge labels; everything is drawn in stage coordinates
(the canvas position minus the stage's origin).

An edge leaves the middle of its `fromSide` and enters the middle of its `toSide`; a side the
file does not name is the one whose middle is nearest the other end (both free: the pair of
sides whose middles are nearest, first in the order top, right, bottom, left on a tie). The
curve is a cubic Bézier whose control points stand out of each side along its normal, so the
edge leaves and enters each node square to its side; an arrowhead's tip is the side's middle.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from generator.engine.canvas import SIDES, CanvasEdge, CanvasNode, Side

__all__ = [
    "ARROW_LENGTH",
    "ARROW_WIDTH",
    "MARGIN",
    "NORMALS",
    "EdgeGeometry",
    "Stage",
    "arrowhead",
    "edge_geometry",
    "nearest_sides",
    "side_point",
    "stage_of",
]

MARGIN = 40.0  # px around the bounding box
ARROW_LENGTH = 14.0  # px, along the edge
ARROW_WIDTH = 10.0  # px, across it
# Outward unit normal of each side (y grows downwards).
NORMALS: dict[Side, tuple[float, float]] = {
    "top": (0.0, -1.0),
    "right": (1.0, 0.0),
    "bottom": (0.0, 1.0),
    "left": (-1.0, 0.0),
}

Point = tuple[float, float]


@dataclass(frozen=True)
class Stage:
    """The drawn area: origin (canvas coordinates of its top-left corner) and size, in px."""

    x: float
    y: float
    width: float
    height: float

    def at(self, p: Point) -> Point:
        """A canvas point in stage coordinates."""
        return p[0] - self.x, p[1] - self.y


def stage_of(nodes: Iterable[CanvasNode]) -> Stage:
    """The nodes' bounding box grown by `MARGIN` on every side (an empty canvas: a small empty stage)."""
    boxes = [(n.x, n.y, n.x + n.width, n.y + n.height) for n in nodes]
    if not boxes:
        return Stage(0.0, 0.0, 2 * MARGIN, 2 * MARGIN)
    x0 = min(b[0] for b in boxes) - MARGIN
    y0 = min(b[1] for b in boxes) - MARGIN
    x1 = max(b[2] for b in boxes) + MARGIN
    y1 = max(b[3] for b in boxes) + MARGIN
    return Stage(x0, y0, x1 - x0, y1 - y0)


def side_point(node: CanvasNode, side: Side) -> Point:
    """The middle of one side of the node's box."""
    if side == "top":
        return node.x + node.width / 2, node.y
    if side == "bottom":
        return node.x + node.width / 2, node.y + node.height
    if side == "left":
        return node.x, node.y + node.height / 2
    return node.x + node.width, node.y + node.height / 2


def nearest_sides(
    a: CanvasNode, b: CanvasNode, from_side: Side | None, to_side: Side | None
) -> tuple[Side, Side]:
    """The sides an edge from `a` to `b` joins: those given, the nearest pair for the others."""
    best: tuple[float, Side, Side] | None = None
    for fs in (from_side,) if from_side else SIDES:
        p = side_point(a, fs)
        for ts in (to_side,) if to_side else SIDES:
            q = side_point(b, ts)
            d = math.hypot(q[0] - p[0], q[1] - p[1])
            if best is None or d < best[0] - 1e-9:
                best = (d, fs, ts)
    assert best is not None
    return best[1], best[2]


def arrowhead(tip: Point, side: Side) -> tuple[Point, Point, Point]:
    """The triangle of an arrow ending at `tip` on `side` (pointing into the node): tip, then the
    two corners of its base, `ARROW_LENGTH` out along the side's normal."""
    nx, ny = NORMALS[side]
    bx, by = tip[0] + nx * ARROW_LENGTH, tip[1] + ny * ARROW_LENGTH
    px, py = -ny * ARROW_WIDTH / 2, nx * ARROW_WIDTH / 2
    return tip, (bx + px, by + py), (bx - px, by - py)


@dataclass(frozen=True)
class EdgeGeometry:
    from_side: Side
    to_side: Side
    start: Point  # canvas coordinates
    end: Point
    c1: Point  # Bézier control points
    c2: Point

    @property
    def middle(self) -> Point:
        """The curve's point at t = 1/2, where its label goes."""
        return (
            (self.start[0] + 3 * self.c1[0] + 3 * self.c2[0] + self.end[0]) / 8,
            (self.start[1] + 3 * self.c1[1] + 3 * self.c2[1] + self.end[1]) / 8,
        )


def edge_geometry(a: CanvasNode, b: CanvasNode, edge: CanvasEdge) -> EdgeGeometry:
    fs, ts = nearest_sides(a, b, edge.from_side, edge.to_side)
    p, q = side_point(a, fs), side_point(b, ts)
    # Control points stand out from each side by half the distance, kept between 20 and 150 px.
    reach = max(20.0, min(150.0, math.hypot(q[0] - p[0], q[1] - p[1]) / 2))
    (fx, fy), (tx, ty) = NORMALS[fs], NORMALS[ts]
    return EdgeGeometry(
        fs, ts, p, q, (p[0] + fx * reach, p[1] + fy * reach), (q[0] + tx * reach, q[1] + ty * reach)
    )
