"""The test suite: a package mirroring the code it tests (`tests/generator/engine/` tests `generator/engine/`)."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
