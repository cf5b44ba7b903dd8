"""The reader's page weight and build time on big folders: `python -m benchmarks.bench_reader`.

Builds (`python -m generator build`, cold, in a fresh interpreter, default jobs) two synthetic vaults
(`benchmarks.bench_vault.make_synthetic_vault`): the 2,000-note nested one, and 6,500 notes shaped
like community vaults (one folder of 5,000 notes, one of 1,000). Reports each build's wall time per
note and their ratio (target: at most 1.2), and the big vault's page sizes, alias redirect stubs not
counted (targets: median <= 40 KB, 95th percentile <= 64 KB); also the size of the site data files
(graph.json, explorer.json) that every page shares, and the time the graph layout took.
Writes `benchmarks/results/reader.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.bench_site import our_build
from benchmarks.bench_vault import make_synthetic_vault
from benchmarks.machine import machine_info, write_results

RESULTS = Path(__file__).parent / "results" / "reader.json"
TARGET_RATIO = 1.2
TARGET_MEDIAN = 40 * 1024
TARGET_P95 = 64 * 1024


def page_sizes(site: Path) -> list[int]:
    sizes = []
    for path in site.rglob("*.html"):
        with path.open("rb") as f:
            if b'http-equiv="refresh"' in f.read(1024):
                continue
        sizes.append(path.stat().st_size)
    return sorted(sizes)


def percentile(sizes: list[int], p: float) -> int:
    return sizes[min(len(sizes) - 1, round(p / 100 * (len(sizes) - 1)))]


def layout_seconds(notes: int) -> float:
    """The build-time graph layout alone, on a graph of the synthetic vault's density (30 links a note)."""
    import random

    from generator.render.reader.graph_layout import layout

    rng = random.Random(0)
    edges = sorted({(rng.randrange(notes), rng.randrange(notes)) for _ in range(notes * 30)})
    start = time.perf_counter()
    layout(notes, edges)
    return round(time.perf_counter() - start, 2)


CHROMIUM = Path("/usr/bin/chromium")


def graph_in_browser(site: Path) -> dict[str, float] | None:
    """The global graph page in headless Chromium, served from localhost: milliseconds from the
    script's start on the page to the first draw (graph.json fetched and parsed, the nodes drawn)
    and to the full draw (the links too); the median and slowest of 20 frames as drawn while
    panning or zooming, and the median of 20 redraws once the view settles (links drawn again).
    None without Chromium."""
    if not CHROMIUM.exists():
        return None
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/graph/")
            page.wait_for_function(
                "document.querySelector('[data-obsidian-graph=global]').hasAttribute('data-first-draw-ms')",
                timeout=60_000,
            )
            box = "[data-obsidian-graph=global]"
            page.wait_for_function(f"document.querySelector('{box}').hasAttribute('data-full-draw-ms')")
            first = float(page.get_attribute(box, "data-first-draw-ms") or 0)
            full = float(page.get_attribute(box, "data-full-draw-ms") or 0)
            since_load = page.evaluate(
                "performance.now() - performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
            )
            script = (
                "(quick) => { const v = document.querySelector('[data-obsidian-graph=global]').view;"
                " const t = []; for (let i = 0; i < 20; i++) { const s = performance.now(); v.draw(quick);"
                " t.push(performance.now() - s); } return t.sort((a, b) => a - b); }"
            )
            frames = page.evaluate(script, True)
            settled = page.evaluate(script, False)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {
        "first_draw_ms": round(first, 1),  # graph.json fetched and parsed, the nodes drawn
        "full_draw_ms": round(full, 1),  # and the links
        "checked_ms_after_dom_ready": round(since_load, 1),
        "frame_median_ms": round(frames[len(frames) // 2], 1),  # a frame while panning or zooming
        "frame_max_ms": round(frames[-1], 1),
        "settled_redraw_median_ms": round(settled[len(settled) // 2], 1),  # links drawn again
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_reader", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--small", type=int, default=2000, help="notes of the nested vault (default: %(default)s)"
    )
    parser.add_argument(
        "--big", type=int, default=6500, help="notes of the big-folder vault (default: %(default)s)"
    )
    parser.add_argument(
        "--json", type=Path, default=RESULTS, help="where the figures go (default: %(default)s)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    parser.add_argument("--graph-only", type=Path, default=None, metavar="SITE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.graph_only:
        print(json.dumps(graph_in_browser(args.graph_only)))
        return 0
    # The builds run in fresh interpreters in another folder: they import this checkout's generator.
    root = str(Path(__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])])
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-reader-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        runs = {}
        for name, notes, shape in (("nested", args.small, "nested"), ("big", args.big, "big-folders")):
            vault = work / f"vault-{name}"
            if not vault.exists():
                make_synthetic_vault(vault, notes=notes, shape=shape)
            shutil.rmtree(work / f"build-{name}", ignore_errors=True)
            run, site = our_build(vault, work, f"build-{name}")
            sizes = page_sizes(site)
            data = {f: (site / "_obsidian" / f).stat().st_size for f in ("graph.json", "explorer.json")}
            browser = graph_in_browser(site) if name == "big" else None
            runs[name] = {
                "notes": notes,
                "shape": shape,
                "wall_s": run.wall_s,
                "cpu_s": run.cpu_s,
                "ms_per_note": round(run.wall_s / notes * 1000, 2),
                "pages": len(sizes),
                "median_bytes": int(statistics.median(sizes)),
                "p95_bytes": percentile(sizes, 95),
                "max_bytes": sizes[-1],
                "site_data_bytes": data,
                "global_graph_in_chromium": browser,
            }
            print(f"{name}: {json.dumps(runs[name])}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    big, nested = runs["big"], runs["nested"]
    ratio = round(big["ms_per_note"] / nested["ms_per_note"], 2)
    result = {
        "benchmark": "python -m benchmarks.bench_reader",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": machine_info("mkdocs", "mkdocs-material", "numpy"),
        "runs": runs,
        "time_per_note_ratio": ratio,
        "graph_layout_s": {str(args.big): layout_seconds(args.big)},
        "targets": {"ratio": TARGET_RATIO, "median_bytes": TARGET_MEDIAN, "p95_bytes": TARGET_P95},
        "ratio_met": ratio <= TARGET_RATIO,
        "median_met": big["median_bytes"] <= TARGET_MEDIAN,
        "p95_met": big["p95_bytes"] <= TARGET_P95,
    }
    write_results(args.json, result)
    print(
        f"time per note: {big['ms_per_note']} ms ({args.big}, big folders) / {nested['ms_per_note']} ms "
        f"({args.small}, nested) = {ratio} (target <= {TARGET_RATIO}); big vault pages: median "
        f"{big['median_bytes'] / 1024:.1f} KB, p95 {big['p95_bytes'] / 1024:.1f} KB, largest {big['max_bytes'] / 1024:.0f} KB"
    )
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
