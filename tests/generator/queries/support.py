"""Helpers for the queries tests: a small vault in a temporary folder, and one-line evaluation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.engine.model import VaultPath
from generator.engine.vault import load_vault
from generator.queries.evaluate import Env, evaluate
from generator.queries.values import Date
from generator.queries.vaultdata import VaultData, stat_reader

# A fixed clock: 2025-05-27 10:30:00 (the date of the docs' `date.format` example).
NOW = Date(dt.datetime(2025, 5, 27, 10, 30, 0), True)


def make_env(tmp: Path, files: dict[str, str], this: str | None = None) -> Env:
    for name, text in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(text, encoding="utf-8")
    graph = load_vault(tmp)
    data = VaultData(graph, stat_reader(tmp))
    first = VaultPath(sorted(files)[0]) if files else VaultPath("")
    return Env(data, first, VaultPath(this) if this else None, now=NOW)


def ev(env: Env, text: str, row: str | None = None, **bound: Any) -> Any:
    return evaluate(text, env, VaultPath(row) if row else None, **bound)
