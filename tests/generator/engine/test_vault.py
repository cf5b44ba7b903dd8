# mypy: disable-error-code="index,arg-type"
# (vault paths written as string literals here; VaultPath is a NewType of str)
"""load_vault: one call for scan, parse and resolve, with progress."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from generator.engine.vault import VaultOptions, load_vault
from tests.generator.engine_support import VAULT


def test_progress_reports_every_note_and_globs_apply() -> None:
    calls: list[tuple[int, int]] = []
    graph = load_vault(
        VAULT, VaultOptions(exclude=("Templates/",), progress=lambda d, t: calls.append((d, t)))
    )
    total = calls[-1][1]
    assert (
        calls[-1] == (total, total) and total == len(graph.notes) + 1
    )  # + Private/Secret.md (publish: false)
    assert "Templates/Template.md" in graph.excluded
    (template,) = [r for r in graph.links["Links to private.md"] if r.link.target == "Template"]
    assert template.target is None


def test_garbage_collection_is_on_again_afterwards() -> None:
    load_vault(VAULT)
    assert gc.isenabled()


def _copy_vault(tmp_path: Path) -> Path:
    vault = tmp_path / "vault"
    shutil.copytree(VAULT, vault)
    return vault


def test_incremental_load_after_edit_add_and_delete_equals_a_cold_load(tmp_path: Path) -> None:
    vault = _copy_vault(tmp_path)
    before = load_vault(vault)
    edited, deleted = vault / "Headings.md", vault / "Tags2.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n## New heading\n[[Brand new]] #fresh\n")
    deleted.unlink()
    (vault / "Brand new.md").write_text("# Brand new\n[[" + edited.stem + "#New heading]]\n")
    warm = load_vault(vault, previous=before)
    cold = load_vault(vault)
    assert warm == cold
    assert warm.diagnostics == cold.diagnostics and warm.tags == cold.tags
    assert "Brand new.md" in warm.notes and "fresh" in warm.tags
    assert deleted.relative_to(vault).as_posix() not in warm.notes


def test_incremental_load_reuses_the_parse_of_unchanged_notes_only(tmp_path: Path) -> None:
    vault = _copy_vault(tmp_path)
    before = load_vault(vault)
    edited = vault / "Links.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nedited\n")
    key = edited.relative_to(vault).as_posix()
    warm = load_vault(vault, previous=before)
    assert warm.notes[key].parsed is not before.notes[key].parsed
    assert warm.notes[key].text.endswith("\nedited\n")
    kept = [p for p in warm.notes if p != key]
    assert kept and all(warm.notes[p].parsed is before.notes[p].parsed for p in kept)


def test_incremental_load_notices_publish_false(tmp_path: Path) -> None:
    vault = _copy_vault(tmp_path)
    before = load_vault(vault)
    note = vault / "Hidden now.md"
    note.write_text("# Visible\n")
    shown = load_vault(vault, previous=before)
    note.write_text("---\npublish: false\n---\n# Visible\n")
    hidden = load_vault(vault, previous=shown)
    assert "Hidden now.md" in shown.notes
    assert "Hidden now.md" not in hidden.notes and "Hidden now.md" in hidden.excluded
    assert hidden == load_vault(vault)
