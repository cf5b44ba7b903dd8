"""generator.files: atomic writes, and no write when the bytes are already there."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from generator.files import atomic_write, copy_if_changed, write_if_changed


def test_write_if_changed_creates_folders_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "page.md"
    assert write_if_changed(path, b"one")
    assert path.read_bytes() == b"one"
    assert sorted(p.name for p in path.parent.iterdir()) == ["page.md"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_the_same_bytes_are_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    write_if_changed(path, b"same")
    os.utime(path, ns=(1, 1))
    assert not write_if_changed(path, b"same")
    assert path.stat().st_mtime_ns == 1
    assert write_if_changed(path, b"other") and path.read_bytes() == b"other"


def test_a_failed_write_keeps_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "page.md"
    atomic_write(path, b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_copy_if_changed_skips_a_copy_with_the_same_size_and_time(tmp_path: Path) -> None:
    src, dest = tmp_path / "src.png", tmp_path / "out" / "dest.png"
    src.write_bytes(b"png")
    assert copy_if_changed(src, dest) and dest.read_bytes() == b"png"
    assert not copy_if_changed(src, dest)
