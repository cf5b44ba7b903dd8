"""Build times of the three site engines on the same portable docs: `python -m benchmarks.bench_engines`.

On the synthetic vault (`benchmarks.bench_vault.make_synthetic_vault`, 2,000 notes by default), for each
engine (MkDocs 1.6.1, ProperDocs, Zensical), in a fresh folder and a fresh interpreter:
(a) the whole build, `python -m generator build --portable-docs --engine E` (vault to site: the
generator's stages, then the engine), and
(b) the engine alone on the portable docs (a) wrote: `mkdocs build`, `properdocs build` or
`zensical build --clean` on the same config, run as a program.
MkDocs in (a) runs in-process with the generator's speedups (its pages shared among processes);
in (b) it is plain MkDocs. ProperDocs and Zensical are found as `build --engine` finds them
($GENERATOR_PROPERDOCS / $GENERATOR_ZENSICAL, PATH, .venv-engines/ from `make engines`).
Writes `benchmarks/results/engines.json`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.bench_vault import make_synthetic_vault
from benchmarks.machine import Run, machine_info, timed, write_results
from generator.adapter.engines import ENGINES, find_executable

RESULTS = Path(__file__).parent / "results" / "engines.json"
REPO = Path(__file__).resolve().parent.parent


def engine_alone(engine: str, executable: Path, build: Path, site: Path) -> list[str]:
    """The engine's own command on the portable docs a whole build left in `build`."""
    if engine == "zensical":
        return [str(executable), "build", "--clean", "-f", str(build / "zensical" / "mkdocs.yml")]
    return [str(executable), "build", "-q", "-f", str(build / "mkdocs.yml"), "-d", str(site)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_engines", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--notes", type=int, default=2000, help="notes in the synthetic vault (default: %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each; the fastest counts (default: %(default)s)"
    )
    parser.add_argument(
        "--json", type=Path, default=RESULTS, help="where the figures go (default: %(default)s)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args(argv)

    executables = {"mkdocs": Path(sys.executable).parent / "mkdocs"}
    for name in ("properdocs", "zensical"):
        executables[name] = find_executable(ENGINES[name], cwd=REPO)
    versions = {}
    for name, exe in executables.items():
        done = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
        found = re.search(r"version (\S+)", done.stdout + done.stderr)
        versions[name] = found.group(1) if found else (done.stdout + done.stderr).strip()

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-engines-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, object]] = {}
    try:
        vault = work / "vault"
        if not vault.exists():
            make_synthetic_vault(vault, notes=args.notes, seed=args.seed)
        print(f"synthetic vault: {args.notes} notes in {vault}", flush=True)
        whole: dict[str, list[Run]] = {name: [] for name in executables}
        alone: dict[str, list[Run]] = {name: [] for name in executables}
        for n in range(max(1, args.repeat)):
            for name, exe in executables.items():
                folder = work / f"{name}-{n}"
                shutil.rmtree(folder, ignore_errors=True)
                build, site = folder / "build", folder / "site"
                cmd = [sys.executable, "-m", "generator", "build", "--vault", str(vault), "--portable-docs"]
                cmd += ["--engine", name, "--site-dir", str(site), "--build-dir", str(build)]
                cmd += ["--no-bench", "--device", "cpu", "-q"]
                if name != "mkdocs":
                    cmd += ["--engine-bin", str(exe)]
                run = timed(cmd, REPO)
                whole[name].append(run)
                print(
                    f"{name}: python -m generator build --engine {name}: {run.wall_s} s ({run.cpu_s} s CPU)",
                    flush=True,
                )
                run = timed(engine_alone(name, exe, build, folder / "site-alone"), build)
                alone[name].append(run)
                print(f"{name}: the engine alone: {run.wall_s} s ({run.cpu_s} s CPU)", flush=True)
        for name in executables:
            best_whole = min(whole[name], key=lambda r: r.wall_s)
            best_alone = min(alone[name], key=lambda r: r.wall_s)
            results[name] = {
                "version": versions[name],
                "generator_build": {**asdict(best_whole), "all_wall_s": [r.wall_s for r in whole[name]]},
                "engine_alone": {**asdict(best_alone), "all_wall_s": [r.wall_s for r in alone[name]]},
                "engine_alone_command": " ".join(
                    Path(c).name if i == 0 else c
                    for i, c in enumerate(engine_alone(name, Path(name), Path("BUILD"), Path("SITE")))
                ),
            }
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    result = {
        "benchmark": "python -m benchmarks.bench_engines",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": machine_info("mkdocs", "mkdocs-material"),
        "notes": args.notes,
        "repeats": max(1, args.repeat),
        "engines": results,
    }
    write_results(args.json, result)
    print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
