"""The templates folder named by Obsidian's settings (core Templates plugin and Templater)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.adapter.templates_folder import templates_folders


def settings(vault: Path, rel: str, data: object) -> None:
    path = vault / ".obsidian" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_core_and_templater_folders(tmp_path: Path) -> None:
    settings(tmp_path, "templates.json", {"folder": "Meta/Templates/"})
    settings(tmp_path, "plugins/templater-obsidian/data.json", {"templates_folder": "Templater"})
    assert templates_folders(tmp_path) == ("Meta/Templates", "Templater")


def test_no_settings_means_no_folder(tmp_path: Path) -> None:
    assert templates_folders(tmp_path) == ()


@pytest.mark.parametrize("value", ["", "/", "../outside", "a/../b", 3, None, ["Templates"]])
def test_unusable_values_are_ignored(tmp_path: Path, value: object) -> None:
    settings(tmp_path, "templates.json", {"folder": value})
    assert templates_folders(tmp_path) == ()


def test_broken_json_is_ignored(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "templates.json").write_text("{not json", encoding="utf-8")
    assert templates_folders(tmp_path) == ()
