"""Shared by the engine's tests: the fixture vault (tests/fixtures/vault/), read once per session."""

from __future__ import annotations

import functools
from pathlib import Path

from generator.engine.model import Graph, Note
from generator.engine.parse import parse_note

VAULT = Path(__file__).resolve().parents[1] / "fixtures" / "vault"


def read(name: str) -> str:
    return (VAULT / name).read_text(encoding="utf-8")


def parsed(name: str) -> Note:
    """One fixture note, parsed on its own (no graph)."""
    from generator.engine.model import VaultPath

    return Note(VaultPath(name), read(name), parse_note(name, read(name)))


@functools.cache
def graph() -> Graph:
    """The fixture vault loaded as `python -m generator check` loads it (no excludes)."""
    from generator.engine.vault import load_vault

    return load_vault(VAULT)
