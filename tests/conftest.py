"""Fixtures shared across the suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repo's vault/ built once per session with the repo's mkdocs.yml (--no-bench): the site folder.

    Its `vault-manifest.json` lists every note's page and every unresolved link.
    """
    from generator.__main__ import main

    out = tmp_path_factory.mktemp("repo_site")
    site = out / "site"
    code = main(
        [
            "build",
            "--config",
            str(REPO / "mkdocs.yml"),
            "--site-dir",
            str(site),
            "--build-dir",
            str(out / "build"),
            "--no-bench",
            "--device",
            "cpu",
            "-q",
        ]
    )
    assert code == 0, "building the repo's vault failed (see the output above)"
    return site
