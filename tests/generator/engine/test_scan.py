"""The vault walk: notes, attachments, what is left out, and links that point out of the vault."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.engine.scan import ScanOptions, compile_globs, read_text, scan_vault
from generator.errors import GeneratorError
from tests.generator.engine_support import VAULT


def test_hidden_folders_and_files_are_never_read() -> None:
    result = scan_vault(VAULT)
    assert not any(p.startswith(".") or "/." in p for p in [*result.notes, *result.attachments])
    assert ".trash/Deleted.md" not in result.notes and ".hidden.md" not in result.notes


def test_notes_and_attachments_are_sorted_vault_paths() -> None:
    result = scan_vault(VAULT)
    assert result.attachments == [
        "Attachments/clip.mp4",
        "Attachments/doc.pdf",
        "Attachments/image.png",
        "Attachments/sound.mp3",
    ]
    assert "Folder/Sub/Deep.md" in result.notes and result.notes == sorted(result.notes)


def test_configured_globs_leave_files_out() -> None:
    result = scan_vault(VAULT, ScanOptions(exclude=("Templates/", "*.mp4")))
    assert "Templates/Template.md" in result.excluded and "Templates/Template.md" not in result.notes
    assert "Attachments/clip.mp4" in result.excluded


def test_glob_forms() -> None:
    rx = compile_globs(("drafts", "a/*.md", "**/secret/**", "x?.png"))
    assert rx is not None
    assert rx.fullmatch("drafts/n.md") and rx.fullmatch("deep/drafts/n.md")
    assert rx.fullmatch("a/n.md") and not rx.fullmatch("b/a/n.md") and not rx.fullmatch("a/b/n.md")
    assert rx.fullmatch("p/secret/q/n.md") and rx.fullmatch("xy.png") and not rx.fullmatch("xyz.png")
    assert compile_globs(()) is None


def test_symlinks_pointing_out_are_refused(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "In.md").write_text("# In\n", encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("secret\n", encoding="utf-8")
    os.symlink(outside, vault / "Out.md")
    os.symlink(tmp_path, vault / "Up")
    os.symlink(vault / "In.md", vault / "Alias.md")
    result = scan_vault(vault)
    assert result.notes == ["Alias.md", "In.md"]
    assert sorted((d.path, d.code) for d in result.diagnostics) == [
        ("Out.md", "unsafe-path"),
        ("Up", "unsafe-path"),
    ]


def test_missing_vault_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError):
        scan_vault(tmp_path / "nope")


def test_read_text_drops_bom_and_normalises_newlines(tmp_path: Path) -> None:
    (tmp_path / "n.md").write_bytes(b"\xef\xbb\xbf# T\r\nline\rend\n")
    assert read_text(tmp_path, "n.md") == ("# T\nline\nend\n", [])  # type: ignore[arg-type]


def test_invalid_utf8_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "n.md").write_bytes(b"ok\nbad \xff\n")
    text, problems = read_text(tmp_path, "n.md")  # type: ignore[arg-type]
    assert text == "ok\nbad \ufffd\n" and [(d.line, d.code) for d in problems] == [(2, "encoding")]


def test_copy_of_fixture_scans_the_same(tmp_path: Path) -> None:
    shutil.copytree(VAULT, tmp_path / "v")
    assert scan_vault(tmp_path / "v").notes == scan_vault(VAULT).notes
