"""`python -m benchmarks.bench_bases` on a tiny vault: every base evaluates, and the figures it
writes are consistent (the real figures, 5,000 notes and 50 bases, are in benchmarks/results/bases.json)."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.bench_bases import main, make_bases
from generator.queries import parse_base


def test_bench_bases_bases_are_valid() -> None:
    bases = make_bases(50)
    assert len(bases) == 50
    assert all(len(parse_base(text).views) == 2 for text in bases)


def test_bench_bases_figures(tmp_path: Path) -> None:
    out = tmp_path / "bases.json"
    assert main(["--notes", "60", "--bases", "4", "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert (result["notes"], result["bases"], result["views"]) == (60, 4, 8)
    assert result["rows_shown"] > 0
    assert result["met"] == (result["bases_s"] < 5.0)
    assert abs(result["bases_ms_per_view"] - result["bases_s"] * 1000 / 8) < 0.1  # both rounded
