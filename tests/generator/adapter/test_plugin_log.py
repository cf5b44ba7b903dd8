"""The MkDocs plugin reports the vault's problems as `build` counts them: errors as errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.adapter.plugin import ObsidianVaultPlugin


@pytest.mark.slow  # the block's check imports torch
def test_block_errors_are_logged_as_errors_and_link_problems_as_warnings(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    vault = tmp_path / "notes"
    vault.mkdir()
    (vault / "A.md").write_text("[[Nowhere]]\n\n```activation\nshow: plot\nfunctions: [nosuchfn]\n```\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: notes\ntheme: {name: material}\n"
        "plugins:\n  - obsidian-vault:\n      build_dir: build\n      bench: false\n      device: cpu\n",
        encoding="utf-8",
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    plugin = config.plugins["obsidian-vault"]
    assert isinstance(plugin, ObsidianVaultPlugin)
    with caplog.at_level(logging.WARNING):
        plugin.on_config(config)
    logged = [(r.levelno, r.getMessage()) for r in caplog.records if "A.md:" in r.getMessage()]
    assert [level for level, _ in logged] == [logging.WARNING, logging.ERROR]
    assert "A.md:1: warning: unresolved link [[Nowhere]]" in logged[0][1]  # an error only to `check`
    assert "A.md:5: error: unknown activation 'nosuchfn'" in logged[1][1]
