"""`benchmarks.bench_canvas`: its synthetic canvas is the one its docstring describes, and valid."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.bench_canvas import main, make_vault
from generator.engine.canvas import parse_canvas


def test_synthetic_canvas_has_the_described_mix(tmp_path: Path) -> None:
    make_vault(tmp_path / "v", 100)
    text = (tmp_path / "v" / "Big.canvas").read_text(encoding="utf-8")
    canvas, problems = parse_canvas("Big.canvas", text)
    assert problems == []
    assert Counter(n.type for n in canvas.nodes) == {"text": 80, "file": 10, "link": 5, "group": 5}
    assert len(canvas.edges) == 79 and sum(1 for e in canvas.edges if e.label) == 16
    assert len(list((tmp_path / "v").glob("*.md"))) == 21


def test_help_runs() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
