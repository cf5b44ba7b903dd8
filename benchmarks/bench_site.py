"""Site build benchmark: `python -m benchmarks.bench_site --notes 2000`.

Side by side in one run, on the engine's synthetic vault (`benchmarks.bench_vault.make_synthetic_vault`):
(a) plain MkDocs Material with `navigation.prune` on the same notes copied as-is into a docs folder,
(b) our whole build (`python -m generator build`, cold: a fresh build folder; its default `--jobs`, one
process per CPU), (a) and (b) alternated `--repeat` times, the fastest of each counting; then (c) our
rebuild with nothing changed. Each runs in a fresh interpreter, so imports count for both. Reports
wall and CPU seconds, the ratio (b)/(a) of the fastest of each (target: at most 1.25) and of each
pair (odd pairs run (b) first) and the median and largest page, alias redirect stubs not counted
(target: median under 64 KB, not growing with the number of notes: a second, smaller vault is built
to show it).
Writes `benchmarks/results/site.json`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.bench_vault import make_synthetic_vault
from benchmarks.machine import Run, machine_info, timed, write_results

RESULTS = Path(__file__).parent / "results" / "site.json"
TARGET_RATIO = 1.25
TARGET_MEDIAN_PAGE = 64 * 1024

PLAIN_CONFIG = """\
site_name: plain
theme:
  name: material
  features: [navigation.prune]
"""


@dataclass
class Pages:
    count: int  # HTML pages, not counting redirect stubs
    median_bytes: int
    max_bytes: int
    total_mb: float
    redirects: int  # alias redirect stubs (a few hundred bytes each), left out of the figures above


def pages(site: Path) -> Pages:
    sizes, redirects = [], 0
    for path in site.rglob("*.html"):
        with path.open("rb") as f:
            if b'http-equiv="refresh"' in f.read(1024):
                redirects += 1
                continue
        sizes.append(path.stat().st_size)
    return Pages(len(sizes), int(statistics.median(sizes)), max(sizes), round(sum(sizes) / 1e6, 1), redirects)


def plain_build(vault: Path, work: Path, name: str) -> tuple[Run, Pages]:
    """The notes copied as-is (wikilinks stay text) and built by MkDocs Material with navigation.prune."""
    docs = work / name / "docs"
    shutil.copytree(vault, docs, ignore=shutil.ignore_patterns(".*"))
    (work / name / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    site = work / name / "site"
    run = timed(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", f"{name}/mkdocs.yml", "-d", str(site)], work
    )
    return run, pages(site)


def our_build(vault: Path, work: Path, name: str) -> tuple[Run, Path]:
    site, build = work / name / "site", work / name / "build"
    cmd = [sys.executable, "-m", "generator", "build", "--vault", str(vault), "--site-dir", str(site)]
    cmd += ["--build-dir", str(build), "--no-bench", "--device", "cpu", "-q"]
    return timed(cmd, work), site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_site", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--notes", type=int, default=2000, help="notes in the synthetic vault (default: %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--json", type=Path, default=RESULTS, help="where the figures go (default: %(default)s)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="plain and cold builds, alternated, this many times; the fastest of each counts (default: %(default)s)",
    )
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-site-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        vault = work / "vault"
        if not vault.exists():
            make_synthetic_vault(vault, notes=args.notes, seed=args.seed)
        print(f"synthetic vault: {args.notes} notes in {vault}", flush=True)
        plains: list[Run] = []
        colds: list[Run] = []
        for old in [*work.glob("plain-*"), *work.glob("ours-*"), work / "small"]:  # a kept folder's
            shutil.rmtree(old, ignore_errors=True)
        for n in range(max(1, args.repeat)):
            # Each build in a folder of its own, all removed at the end, not the last pair's files
            # removed just before a build: a build right after such a removal spent a fifth of its
            # CPU samples in ext4's inode allocator, looking past the inodes freed minutes before.
            # Odd pairs run ours first, so a machine slowing down (or speeding up) over the run
            # does not favour either side.
            for side in ("plain", "ours") if n % 2 == 0 else ("ours", "plain"):
                if side == "plain":
                    run, plain_pages = plain_build(vault, work, f"plain-{n}")
                    plains.append(run)
                    label = "plain Material + navigation.prune"
                else:
                    run, site = our_build(vault, work, f"ours-{n}")
                    colds.append(run)
                    label = "python -m generator build (cold)"
                print(f"{label}: {run.wall_s} s ({run.cpu_s} s CPU)", flush=True)
        plain = min(plains, key=lambda r: r.wall_s)
        ours = min(colds, key=lambda r: r.wall_s)
        again, _ = our_build(vault, work, f"ours-{max(1, args.repeat) - 1}")
        print(
            f"python -m generator build (nothing changed): {again.wall_s} s ({again.cpu_s} s CPU)", flush=True
        )
        our_pages = pages(site)
        small_vault = work / "small_vault"
        small_notes = max(args.notes // 4, 50)
        if not small_vault.exists():
            make_synthetic_vault(small_vault, notes=small_notes, seed=args.seed)
        _, small_site = our_build(small_vault, work, "small")
        small_pages = pages(small_site)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    ratio = round(ours.wall_s / plain.wall_s, 2)
    pair_ratios = [round(o.wall_s / p.wall_s, 2) for o, p in zip(colds, plains, strict=True)]
    cpu_ratio = round(ours.cpu_s / plain.cpu_s, 2)
    result = {
        "benchmark": "python -m benchmarks.bench_site",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": machine_info("mkdocs", "mkdocs-material"),
        "notes": args.notes,
        "repeats": len(plains),
        "plain_material_prune": {
            **asdict(plain),
            "pages": asdict(plain_pages),
            "all_wall_s": [r.wall_s for r in plains],
        },
        "generator_build_cold": {
            **asdict(ours),
            "pages": asdict(our_pages),
            "all_wall_s": [r.wall_s for r in colds],
            "jobs": os.cpu_count(),
        },
        "generator_build_unchanged": asdict(again),
        f"generator_build_{small_notes}_notes_pages": asdict(small_pages),
        "ratio_wall": ratio,
        "pair_ratios_wall": pair_ratios,
        "median_pair_ratio_wall": round(statistics.median(pair_ratios), 2),
        "ratio_cpu": cpu_ratio,
        "target_ratio": TARGET_RATIO,
        "ratio_met": ratio <= TARGET_RATIO,
        "median_page_met": our_pages.median_bytes < TARGET_MEDIAN_PAGE,
    }
    write_results(args.json, result)
    print(
        f"ratio {ratio} wall, fastest against fastest ({cpu_ratio} CPU; pairs {pair_ratios}), "
        f"target <= {TARGET_RATIO}; median page "
        f"{our_pages.median_bytes / 1024:.0f} KB ({small_notes} notes: {small_pages.median_bytes / 1024:.0f} KB), "
        f"largest {our_pages.max_bytes / 1024:.0f} KB; plain median {plain_pages.median_bytes / 1024:.0f} KB"
    )
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
