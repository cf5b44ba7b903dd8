"""Benchmark of the renderer on a synthetic vault: `python -m benchmarks.bench_render`.

For each vault size (the engine's `make_synthetic_vault`: 50 links, a section embed, an image
and 5 tags per note) it times `load_vault`, a cold render, a warm render with nothing changed,
and a render after editing one note, and reports page sizes (median and largest). With
`--mkdocs` it also times `mkdocs build` of the rendered docs against a plain MkDocs Material
build of the same notes (both with `navigation.prune`), the ratio the generator must keep
under 1.25.

Targets: render well under 5 ms per average note; median page under 64 KB and not growing with
the number of notes; whole build at most 1.25x the plain build.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.machine import write_results
from generator.engine.vault import load_vault
from generator.render import RenderOptions, render_site

__all__ = ["main", "measure"]

RESULTS = Path(__file__).parent / "results" / "render.json"

_MKDOCS_YML = """\
site_name: bench
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  features: [navigation.prune]
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - footnotes
  - tables
  - toc:
      permalink: true
{slugify}
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.highlight
  - pymdownx.mark
  - pymdownx.tilde
  - pymdownx.tasklist
  - pymdownx.arithmatex:
      generic: true
"""


def _mkdocs_build(root: Path, docs: Path, name: str, our_slugify: bool) -> float:
    """Seconds of `mkdocs build` (a fresh process, as a user runs it) of `docs`."""
    slugify = "      slugify: !!python/name:generator.engine.paths.slugify" if our_slugify else ""
    config = root / f"{name}.yml"
    config.write_text(_MKDOCS_YML.format(docs=docs, site=root / f"{name}-site", slugify=slugify))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, env=env)
    return time.perf_counter() - start


def measure(notes: int, root: Path, mkdocs: bool) -> dict[str, Any]:
    from benchmarks.bench_vault import make_synthetic_vault  # the engine's synthetic vault

    vault, docs, cache = root / "vault", root / "docs", root / "cache"
    make_synthetic_vault(vault, notes=notes)
    start = time.perf_counter()
    graph = load_vault(vault)
    engine_s = time.perf_counter() - start
    options = RenderOptions(vault_dir=vault, cache_dir=cache)

    start = time.perf_counter()
    cold = render_site(graph, docs, options)
    cold_s = time.perf_counter() - start
    start = time.perf_counter()
    warm = render_site(graph, docs, options)
    warm_s = time.perf_counter() - start

    edited = sorted(graph.notes)[len(graph.notes) // 2]
    path = vault / edited
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    graph = load_vault(vault)
    start = time.perf_counter()
    edit = render_site(graph, docs, options)
    edit_s = time.perf_counter() - start

    sizes = sorted((docs / d).stat().st_size for d in cold.pages.values())
    figures: dict[str, Any] = {
        "notes": len(graph.notes),
        "engine_s": round(engine_s, 3),
        "render_cold_s": round(cold_s, 3),
        "render_ms_per_note": round(1000 * cold_s / max(1, len(cold.pages)), 3),
        "render_warm_s": round(warm_s, 3),
        "warm_rendered": len(warm.rendered),
        "warm_written": warm.written,
        "edit_render_s": round(edit_s, 3),
        "edit_rendered": len(edit.rendered),
        "page_kb_median": round(statistics.median(sizes) / 1024, 1),
        "page_kb_max": round(sizes[-1] / 1024, 1),
    }
    if mkdocs:
        plain = root / "plain"
        for note in graph.notes:
            (plain / note).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(vault / note, plain / note)
        plain_s = _mkdocs_build(root, plain, "plain", our_slugify=False)
        ours_s = _mkdocs_build(root, docs, "ours", our_slugify=True)
        figures |= {
            "mkdocs_plain_s": round(plain_s, 2),
            "mkdocs_rendered_s": round(ours_s, 2),
            "whole_build_ratio": round((engine_s + cold_s + ours_s) / plain_s, 3),
        }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_render", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--notes", default="500,2000", help="vault sizes, comma-separated (default: %(default)s)"
    )
    parser.add_argument("--mkdocs", action="store_true", help="also time mkdocs build against a plain build")
    parser.add_argument("--json", type=Path, default=None, help=f"write the figures here (e.g. {RESULTS})")
    args = parser.parse_args(argv)
    runs = []
    for n in (int(x) for x in args.notes.split(",")):
        with tempfile.TemporaryDirectory(prefix="render-bench-") as tmp:
            figures = measure(n, Path(tmp), args.mkdocs)
        print(json.dumps(figures), flush=True)
        runs.append(figures)
    import material
    import mkdocs

    record = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "python": platform.python_version(),
        "mkdocs": mkdocs.__version__,
        "mkdocs_material": getattr(material, "__version__", "?"),
        "runs": runs,
    }
    if args.json:
        write_results(args.json, record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
