"""A vault without `activation` blocks builds without importing torch (about 1.4 s saved per build)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests import FIXTURES

VAULT = FIXTURES / "site_vault"
SCRIPT = """
import sys
from generator.__main__ import main
code = main(["build", "--vault", sys.argv[1], "--site-dir", sys.argv[2], "--build-dir", sys.argv[3], "-q"])
print("torch imported" if "torch" in sys.modules else "torch not imported")
sys.exit(code)
"""


@pytest.mark.slow
def test_vault_without_blocks_never_imports_torch(tmp_path: Path) -> None:
    assert not any("```activation" in p.read_text(encoding="utf-8") for p in VAULT.rglob("*.md"))
    args = [str(VAULT), str(tmp_path / "site"), str(tmp_path / "b")]
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "torch not imported"
