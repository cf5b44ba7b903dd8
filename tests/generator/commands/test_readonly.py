"""The vault is only read: every file byte-identical afterwards, nothing new in it."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.engine.vault import load_vault
from tests.generator.engine_support import VAULT


def _snapshot(root: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            key = path.relative_to(root).as_posix()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            out[key] = (digest, path.stat().st_mtime_ns)
    return out


def test_loading_and_checking_leave_the_vault_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(VAULT, vault)
    os.chmod(vault, 0o555)  # a write would fail loudly, not only show up as a difference
    before = _snapshot(vault)
    try:
        load_vault(vault)
        main(["check", "--vault", str(vault)])
    finally:
        os.chmod(vault, 0o755)
    capsys.readouterr()
    assert _snapshot(vault) == before
