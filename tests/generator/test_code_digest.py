"""Digests of code for the caches: every file counts, bytecode does not, a version change shows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import code_digest
from generator.code_digest import MARKDOWN_STACK, stack_versions, tree_digest


def _tree(root: Path) -> Path:
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("x = 1\n")
    (root / "pkg" / "sub" / "b.py").write_text("y = 2\n")
    (root / "pkg" / "sub" / "t.html.j2").write_text("{{ y }}\n")
    return root / "pkg"


def test_every_file_counts_and_bytecode_does_not(tmp_path: Path) -> None:
    pkg = _tree(tmp_path / "one")
    first = tree_digest(pkg)
    same = _tree(tmp_path / "two")
    (same / "__pycache__").mkdir()
    (same / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0compiled")
    assert tree_digest(same) == first  # the same files elsewhere; bytecode left out
    edited = _tree(tmp_path / "three")
    (edited / "sub" / "t.html.j2").write_text("{{ y }}!\n")
    assert tree_digest(edited) != first  # a template
    assert tree_digest(edited, (".py",)) == tree_digest(pkg, (".py",))  # .py files only
    moved = _tree(tmp_path / "four")
    shutil.move(moved / "sub" / "b.py", moved / "b.py")
    assert tree_digest(moved) != first  # the same bytes under another name


def test_stack_versions_name_every_library(monkeypatch: pytest.MonkeyPatch) -> None:
    assert MARKDOWN_STACK == (
        "Markdown",
        "pymdown-extensions",
        "mkdocs-jupyter",
        "Pygments",
        "mkdocs-material",
        "mkdocs",
    )
    assert "mkdocs==1.6.1" in stack_versions().split()
    monkeypatch.setattr(code_digest, "_installed", lambda name: "1.0")
    assert stack_versions() == " ".join(f"{name}==1.0" for name in MARKDOWN_STACK)
