"""Benchmark of the vault engine on a synthetic vault: `python -m benchmarks.bench_vault`.

`make_synthetic_vault(root, notes=10_000, seed=0)` writes a deterministic vault: nested
folders, 50 links, 2 embeds and 5 tags per note, duplicate note names in different folders,
Unicode names (some written NFD, as macOS does), headings, block ids, callouts, code and math.
The benchmark then times scan, parse and resolve in a fresh process pinned to one core and
reports its peak memory (max RSS, interpreter included). Target: under 5 s and 500 MB.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.machine import write_results

__all__ = ["make_synthetic_vault", "measure", "main"]

RESULTS = Path(__file__).parent / "results" / "vault.json"

_WORDS = [
    "activation",
    "gradient",
    "tensor",
    "kernel",
    "layer",
    "network",
    "softmax",
    "sigmoid",
    "rectifier",
    "gate",
    "attention",
    "residual",
    "norm",
    "dropout",
    "weight",
    "bias",
    "saturation",
    "curvature",
    "smooth",
    "monotonic",
    "bounded",
]
_UNICODE = ["Über Ähnlichkeit", "活性化関数", "Ñandú", "Функция", "Δέλτα", "café crème", "naïve Bayes", "दृश्य"]


def _names(n: int, rng: random.Random) -> list[str]:
    """Note names: mostly unique, every 40th a duplicate of an earlier one, every 25th Unicode."""
    names: list[str] = []
    for i in range(n):
        if i % 40 == 39:
            names.append(names[rng.randrange(len(names))])
        elif i % 25 == 24:
            names.append(f"{_UNICODE[i % len(_UNICODE)]} {i}")
        else:
            names.append(f"{rng.choice(_WORDS).capitalize()} {rng.choice(_WORDS)} {i}")
    return names


def _folders(n: int, rng: random.Random) -> list[str]:
    """Folders two to four levels deep; two notes of the same name never share one."""
    tops = [f"Area {a:02d}" for a in range(20)]
    return [
        "/".join([rng.choice(tops)] + [f"Topic {rng.randrange(6)}" for _ in range(rng.randrange(1, 4))])
        for _ in range(n)
    ]


# Folder shapes: "nested" spreads notes over folders two to four levels deep; "big-folders" is the
# shape of real community vaults: 5,000 notes in one folder, 1,000 in another, the rest nested
# (scaled down with the number of notes: 10/13 and 2/13 of them).
SHAPES = ("nested", "big-folders")


def make_synthetic_vault(root: Path, notes: int = 10_000, seed: int = 0, shape: str = "nested") -> None:
    """Write a deterministic synthetic vault of `notes` notes (and notes // 50 images) under `root`."""
    if shape not in SHAPES:
        raise ValueError(f"unknown vault shape {shape!r}; known: {', '.join(SHAPES)}")
    rng = random.Random(seed)
    names = _names(notes, rng)
    folders = _folders(notes, rng)
    if shape == "big-folders":
        big, medium = notes * 10 // 13, notes * 2 // 13
        folders = ["Big"] * big + ["Medium"] * medium + folders[big + medium :]
    seen: dict[tuple[str, str], int] = {}
    for i in range(notes):  # a duplicate name must not land in the same folder
        while (folders[i], names[i]) in seen:
            folders[i] += f"/Sub {i % 7}"
        seen[(folders[i], names[i])] = i
    images = [f"assets/img {k}.png" for k in range(max(1, notes // 50))]
    root.mkdir(parents=True, exist_ok=True)
    for image in images:
        (root / image).parent.mkdir(parents=True, exist_ok=True)
        (root / image).write_bytes(b"\x89PNG\r\n\x1a\n")
    for i in range(notes):
        text = _note(i, names, folders, images, rng)
        name = names[i]
        if i % 50 == 24:  # macOS writes decomposed file names
            name = unicodedata.normalize("NFD", name)
        path = root / folders[i] / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _link(i: int, names: list[str], folders: list[str], rng: random.Random) -> str:
    j = rng.randrange(len(names))
    r = rng.random()
    if r < 0.45:
        return f"[[{names[j]}]]"
    if r < 0.6:
        return f"[[{folders[j]}/{names[j]}|{rng.choice(_WORDS)}]]"
    if r < 0.72:
        return f"[[{names[j]}#Section {rng.randrange(4)}]]"
    if r < 0.8:
        return f"[[{names[j]}#^block-{j % 3}]]"
    if r < 0.9:
        target = f"{folders[j]}/{names[j]}.md".replace(" ", "%20")
        return f"[{rng.choice(_WORDS)}](/{target})"
    if r < 0.95:
        return f"[[#Section {rng.randrange(4)}]]"
    return f"[[Missing note {rng.randrange(1000)}]]"


def _note(i: int, names: list[str], folders: list[str], images: list[str], rng: random.Random) -> str:
    words = _WORDS
    tags = [f"topic/{rng.choice(words)}", rng.choice(words), f"area-{i % 20}"]
    out = [
        "---",
        f"tags: [{', '.join(tags[:2])}]",
        f"aliases: [{names[i]} alias]",
        f"description: synthetic note {i}",
        "---",
        f"# {names[i]}",
        "",
    ]
    links = [_link(i, names, folders, rng) for _ in range(50)]
    for s in range(4):
        out.append(f"## Section {s}")
        out.append("")
        for p in range(3):
            chunk = links[(s * 3 + p) * 4 : (s * 3 + p) * 4 + 4 + (2 if s == 3 and p == 2 else 0)]
            sentence = " ".join(rng.choice(words) for _ in range(12))
            tag = f" #{tags[2]}" if p == 0 else ""
            out.append(f"The {sentence} {' and '.join(chunk)} with `code [[not a link]]` and $x^2${tag}.")
            out.append(f"More {sentence}, see **bold** and ==highlight==. ^block-{p}" if s == 0 else "")
            out.append("")
        if s == 1:
            out += ["> [!tip] A callout", f"> with {links[-1]} inside #callout-tag", ""]
        if s == 2:
            out += ["```python", "x = '[[Not a link]] #not-a-tag'", "```", ""]
            out += [f"- item {rng.choice(words)} #list/tag", "- item two ^list-item", ""]
    j = rng.randrange(len(names))
    out.append(f"![[{names[j]}#Section {rng.randrange(4)}]]")
    out.append(f"![[{images[i % len(images)].rsplit('/', 1)[-1]}|300]]")
    out.append("%% a comment with [[Hidden link]] %%")
    return "\n".join(out) + "\n"


def measure(root: Path) -> dict[str, object]:
    """Times of scan, parse (read + parse) and resolve, and peak RSS, in this process."""
    from generator.engine.model import Note, VaultPath
    from generator.engine.parse import parse_note
    from generator.engine.resolve import build_graph
    from generator.engine.scan import read_text, scan_vault

    gc.disable()  # as load_vault does
    c0, t0 = time.process_time(), time.perf_counter()
    scan = scan_vault(root)
    c1, t1 = time.process_time(), time.perf_counter()
    notes: dict[VaultPath, Note] = {}
    for path in scan.notes:
        text, _ = read_text(root, path)
        notes[path] = Note(path, text, parse_note(path, text))
    c2, t2 = time.process_time(), time.perf_counter()
    graph = build_graph(notes, scan.attachments, scan.excluded, scan.diagnostics)
    c3, t3 = time.process_time(), time.perf_counter()
    links = sum(len(r) for r in graph.links.values())
    return {
        "notes": len(graph.notes),
        "links": links,
        "unresolved": len(graph.unresolved),
        "scan_s": round(t1 - t0, 3),
        "parse_s": round(t2 - t1, 3),
        "resolve_s": round(t3 - t2, 3),
        "total_s": round(t3 - t0, 3),
        "cpu_s": {"scan": round(c1 - c0, 3), "parse": round(c2 - c1, 3), "resolve": round(c3 - c2, 3)},
        "total_cpu_s": round(c3 - c0, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_vault", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--notes", type=int, default=10_000, help="notes in the synthetic vault (default: %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    parser.add_argument(
        "--vault", type=Path, default=None, help="write the vault here and keep it (default: a temp dir)"
    )
    parser.add_argument("--json", type=Path, default=None, help=f"write the figures here (e.g. {RESULTS})")
    parser.add_argument("--measure-only", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_only is not None:  # the child process: one core, fresh memory
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        print(json.dumps(measure(args.measure_only)))
        return 0
    with tempfile.TemporaryDirectory(prefix="synthetic-vault-") as tmp:
        root = args.vault or Path(tmp) / "vault"
        t = time.perf_counter()
        make_synthetic_vault(root, args.notes, args.seed)
        print(f"generated {args.notes} notes in {time.perf_counter() - t:.1f} s: {root}", file=sys.stderr)
        cmd = [sys.executable, "-m", "benchmarks.bench_vault", "--measure-only", str(root)]
        figures = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    figures |= {
        "seed": args.seed,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.processor() or platform.system()}",
        "python": platform.python_version(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "targets": "total_s < 5 on one core, peak_rss_mb < 500",
    }
    for key, value in figures.items():
        print(f"{key:>12}: {value}")
    if args.json:
        write_results(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
