"""Benchmark of canvas pages: `python -m benchmarks.bench_canvas`.

A synthetic vault of 20 notes and one canvas of `--nodes` nodes (default 500: 80 % text nodes with
a wikilink, a tag and a line of words, 10 % file nodes showing a note's section, 5 % link nodes,
5 % groups; an edge from each text node to the next, every fifth with a label). It measures:

- the canvas page's render (the generator's part: `render_page`), best of `--repeat`;
- the build time the canvas adds: a whole `build_site` of the vault with the canvas, less the same
  build without it, each best of `--repeat` (MkDocs' conversion of the page included);
- the built page's size (site/Big.canvas/index.html), and its size gzipped.

Targets (issue 17): under 1 s of build time and under 200 KB of page for a 500-node canvas.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.machine import machine_info, write_results

__all__ = ["main", "make_vault", "measure"]

RESULTS = Path(__file__).parent / "results" / "canvas.json"
TARGET_SECONDS = 1.0
TARGET_BYTES = 200 * 1024


def make_vault(root: Path, nodes: int, seed: int = 0) -> None:
    """The synthetic vault: 20 notes and `Big.canvas` of `nodes` nodes (deterministic)."""
    rng = random.Random(seed)
    root.mkdir(parents=True)
    (root / "index.md").write_text("# Home\n\nThe big board: [[Big.canvas]].\n", encoding="utf-8")
    for k in range(20):
        (root / f"Note {k}.md").write_text(
            f"# Note {k}\n\nIntro of note {k}.\n\n## Details\n\nDetails of note {k}, a few words long.\n",
            encoding="utf-8",
        )
    items: list[dict[str, Any]] = []
    cols = max(1, int(nodes**0.5))
    for k in range(nodes):
        x, y = (k % cols) * 320, (k // cols) * 200
        node: dict[str, Any] = {"id": f"n{k:04d}", "x": x, "y": y, "width": 260, "height": 140}
        kind = k % 20
        if kind < 16:
            words = " ".join(
                rng.choice(("alpha", "beta", "gamma", "delta", "ridge", "field")) for _ in range(8)
            )
            node.update(type="text", text=f"**Card {k}**: see [[Note {k % 20}]] #board\n\n{words}")
        elif kind < 18:
            node.update(type="file", file=f"Note {k % 20}.md", subpath="#Details")
        elif kind == 18:
            node.update(type="link", url=f"https://example.org/{k}")
        else:
            node.update(type="group", label=f"Group {k}", x=x - 10, y=y - 10, width=280, height=160)
        if k % 7 == 0:
            node["color"] = str(1 + k % 6)
        items.append(node)
    texts = [n["id"] for n in items if n["type"] == "text"]
    edges = [
        {"id": f"e{k:04d}", "fromNode": a, "toNode": b, **({"label": f"step {k}"} if k % 5 == 0 else {})}
        for k, (a, b) in enumerate(zip(texts, texts[1:], strict=False))
    ]
    (root / "Big.canvas").write_text(
        json.dumps({"nodes": items, "edges": edges}, indent="\t"), encoding="utf-8"
    )


def _render_page_seconds(vault: Path, repeat: int) -> float:
    from generator.engine.model import VaultPath
    from generator.engine.vault import load_vault
    from generator.render.fragment import PageState, Renderer
    from generator.render.layout import plan_layout
    from generator.render.options import RenderOptions
    from generator.render.pages import render_page

    graph = load_vault(vault)
    layout = plan_layout(graph, RenderOptions().home)
    note = graph.notes[VaultPath("Big.canvas")]
    best = float("inf")
    for _ in range(repeat):
        renderer = Renderer(graph, layout, RenderOptions())  # fresh memos: a cold page
        start = time.perf_counter()
        render_page(renderer, note, PageState(layout.pages[note.path]))
        best = min(best, time.perf_counter() - start)
    return best


def _build_seconds(vault: Path, work: Path, repeat: int) -> tuple[float, Path]:
    from generator.adapter.config import Settings
    from generator.adapter.pipeline import build_site

    best = float("inf")
    site = work / "site"
    for n in range(repeat):
        build = work / f"build-{n}"  # a fresh build folder: no render cache
        settings = Settings(vault=vault, site_dir=site, build_dir=build, device="cpu", quiet=True)
        start = time.perf_counter()
        build_site(settings)
        best = min(best, time.perf_counter() - start)
        shutil.rmtree(build, ignore_errors=True)
    return best, site


def measure(nodes: int, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-canvas-") as tmp:
        root = Path(tmp)
        vault = root / "vault"
        make_vault(vault, nodes)
        render = _render_page_seconds(vault, repeat)
        _build_seconds(vault, root / "warm-up", 1)  # imports and MkDocs' first start count in neither build
        with_canvas, site = _build_seconds(vault, root / "with", repeat)
        page = (site / "Big.canvas" / "index.html").read_bytes()
        (vault / "Big.canvas").unlink()
        without, _ = _build_seconds(vault, root / "without", repeat)
    added = with_canvas - without
    return {
        "nodes": nodes,
        "render_page_s": round(render, 3),
        "build_with_canvas_s": round(with_canvas, 2),
        "build_without_canvas_s": round(without, 2),
        "build_time_added_s": round(added, 2),
        "page_bytes": len(page),
        "page_gzip_bytes": len(gzip.compress(page)),
        "targets": {"build_time_added_s": TARGET_SECONDS, "page_bytes": TARGET_BYTES},
        "ok": added < TARGET_SECONDS and len(page) < TARGET_BYTES,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_canvas", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--nodes", type=int, default=500, help="nodes of the canvas (default 500)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each timing; the best is kept (default 3)"
    )
    parser.add_argument(
        "--json", type=Path, default=RESULTS, help=f"write the figures here (default {RESULTS})"
    )
    args = parser.parse_args(argv)
    figures = measure(args.nodes, args.repeat)
    record = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": f"python -m benchmarks.bench_canvas --nodes {args.nodes} --repeat {args.repeat}",
        "machine": machine_info("mkdocs", "mkdocs-material", "markdown"),
        **figures,
    }
    print(json.dumps(figures, indent=2))
    write_results(args.json, record)
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
