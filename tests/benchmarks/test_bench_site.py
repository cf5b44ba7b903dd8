"""`python -m benchmarks.bench_site` on a tiny vault: it runs both builds, alternates them, and its
figures add up (the real figures, on 2,000 notes, are in generator/results/site.json)."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from benchmarks.bench_site import main

pytestmark = pytest.mark.slow  # eight small builds in fresh interpreters


def test_bench_site_figures_add_up(tmp_path: Path) -> None:
    out = tmp_path / "site.json"
    assert main(["--notes", "40", "--repeat", "2", "--json", str(out), "--keep", str(tmp_path / "w")]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    plains = result["plain_material_prune"]["all_wall_s"]
    colds = result["generator_build_cold"]["all_wall_s"]
    assert len(plains) == len(colds) == 2
    assert result["plain_material_prune"]["wall_s"] == min(plains)
    assert result["ratio_wall"] == round(min(colds) / min(plains), 2)
    assert result["pair_ratios_wall"] == [round(o / p, 2) for o, p in zip(colds, plains, strict=True)]
    assert result["median_pair_ratio_wall"] == round(statistics.median(result["pair_ratios_wall"]), 2)
    ours = result["generator_build_cold"]["pages"]
    assert ours["count"] > 40  # the notes and the tag pages
    assert ours["redirects"] > 20  # alias stubs, counted apart: they are not pages to measure
    assert result["plain_material_prune"]["pages"]["redirects"] == 0
    assert result["ratio_met"] == (result["ratio_wall"] <= result["target_ratio"])
