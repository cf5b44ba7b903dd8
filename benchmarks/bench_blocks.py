"""Benchmark: compute everything a vault asks for from a cold cache, then again from a warm one.

    python -m benchmarks.bench_blocks [--vault vault] [--device cpu] [--no-bench]

Prints the seconds for the cold pass (target: under 60 s for this repository's vault on a
2-core machine) and for the warm pass, which must compute nothing.
"""

from __future__ import annotations

import argparse
import posixpath
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from generator.blocks import BlockContext, BlockOutput, registered, render_block, render_property_page
from generator.engine.model import CodeBlock, Graph, Note


def main_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_blocks", description=(__doc__ or "").split("\n")[0]
    )
    p.add_argument("--vault", default="vault", help="the vault to read (default: vault/)")
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"], help="where depth and bench compute")
    p.add_argument("--no-bench", action="store_true", help="time nothing: use committed benchmark results")
    return p


def compute_all(
    graph: Graph, cache_dir: Path, device: str, measure: bool, progress: Progress | None = None
) -> int:
    """Render every computed block and property page of the graph; returns how many there were."""
    handlers = registered()
    jobs: list[tuple[Note, CodeBlock | None, BlockContext]] = []
    for note in graph.notes.values():
        page_dir = posixpath.dirname(note.path)
        if "activation" in note.properties:
            jobs.append((note, None, BlockContext(note.path, 0, page_dir, cache_dir, device, measure)))
        for code in note.parsed.code_blocks:
            if code.info.split(maxsplit=1)[:1] and code.info.split(maxsplit=1)[0] in handlers:
                ctx = BlockContext(note.path, code.start_line, page_dir, cache_dir, device, measure)
                jobs.append((note, code, ctx))
    task = progress.add_task("computing", total=len(jobs)) if progress else None
    for note, block, ctx in jobs:
        out: BlockOutput | None
        if block is None:
            out = render_property_page(note, ctx)
        else:
            out = render_block(block.info, block.content, ctx)
        for diag in out.diagnostics if out else []:
            print(diag, file=sys.stderr)
        if progress is not None and task is not None:
            progress.advance(task)
    return len(jobs)


def main(cli_args: Sequence[str] | None = None) -> int:
    args = main_parser().parse_args(cli_args)
    from generator.engine.vault import load_vault

    console = Console(stderr=True)
    start = time.perf_counter()
    graph = load_vault(Path(args.vault))
    load_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="blocks-cold-") as tmp:
        timings = []
        for label in ("cold", "warm"):
            start = time.perf_counter()
            with Progress(console=console, transient=True) as progress:
                count = compute_all(graph, Path(tmp), args.device, not args.no_bench, progress)
            timings.append((label, time.perf_counter() - start))
    print(
        f"vault: {args.vault} ({len(graph.notes)} notes, loaded in {load_s:.2f} s), {count} computed blocks/pages"
    )
    for label, seconds in timings:
        print(f"{label}: {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
