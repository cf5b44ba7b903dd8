"""Default summaries (Bases syntax, "Default Summary Formulas") on values worked out by hand, and a
custom summary formula (the docs' `values.mean().round(3)`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.engine.model import VaultPath
from generator.engine.vault import load_vault
from generator.queries import BaseRunner, BaseSources
from generator.queries.run import DEFAULT_SUMMARIES
from generator.queries.values import Date, Duration

NUMBERS = [4, None, 1, 7, 2, "x"]  # the numbers: 1, 2, 4, 7


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("average", 3.5),  # 14 / 4
        ("min", 1),
        ("max", 7),
        ("sum", 14),
        ("range", 6),
        ("median", 3.0),  # (2 + 4) / 2
        (
            "stddev",
            2.29128784747792,
        ),  # sqrt(((4-3.5)^2 + (1-3.5)^2 + (7-3.5)^2 + (2-3.5)^2) / 4) = sqrt(5.25)
        ("empty", 1),  # None
        ("filled", 5),
        ("unique", 5),  # 4, 1, 7, 2, "x"
    ],
)
def test_number_summaries(name: str, expected: float) -> None:
    assert DEFAULT_SUMMARIES[name](NUMBERS) == pytest.approx(expected)


def test_date_summaries() -> None:
    a, b = Date(dt.datetime(2024, 1, 1), False), Date(dt.datetime(2024, 1, 11), False)
    assert DEFAULT_SUMMARIES["earliest"]([b, None, a]) == a
    assert DEFAULT_SUMMARIES["latest"]([b, None, a]) == b
    assert DEFAULT_SUMMARIES["range"]([b, a]) == Duration(0, 10 * 86_400_000)


def test_checkbox_summaries() -> None:
    values = [True, False, True, None]
    assert DEFAULT_SUMMARIES["checked"](values) == 2
    assert DEFAULT_SUMMARIES["unchecked"](values) == 1


def test_custom_summary_formula(tmp_path: Path) -> None:
    for name, rating in (("A", 1), ("B", 2), ("C", 2)):
        (tmp_path / f"{name}.md").write_text(f"---\nrating: {rating}\n---\n", encoding="utf-8")
    (tmp_path / "X.base").write_text(
        "filters: file.ext == 'md'\n"
        "summaries:\n  customAverage: 'values.mean().round(3)'\n"
        "views:\n  - type: table\n    order: [rating]\n    summaries:\n      rating: customAverage\n",
        encoding="utf-8",
    )
    sources = BaseSources(load_vault(tmp_path), tmp_path)
    loaded = sources.load(VaultPath("X.base"))
    assert loaded.base is not None
    result = BaseRunner(loaded.base, sources.data, loaded.path, loaded.path).run(loaded.base.views[0])
    assert result.groups[0].summaries == {"rating": 1.667}  # 5 / 3 rounded to 3 places
