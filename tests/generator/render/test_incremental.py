"""A second render skips what it can; an edit re-renders exactly the pages that show it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import code_digest
from tests.generator.render_support import copy_vault, render_vault


def test_second_render_renders_and_writes_nothing(tmp_path: Path) -> None:
    vault = copy_vault(tmp_path)
    first = render_vault(tmp_path, vault)
    assert first.result.written > 0 and len(first.result.rendered) == len(first.result.pages)
    stamp = (first.docs / "Target.md").stat().st_mtime_ns
    second = render_vault(tmp_path, vault)
    assert second.result.rendered == []
    assert second.result.written == 0
    assert (second.docs / "Target.md").stat().st_mtime_ns == stamp
    # Diagnostics of cached pages are still reported.
    assert {d.code for d in second.result.diagnostics} == {d.code for d in first.result.diagnostics}


def test_edit_rerenders_note_and_embedders(tmp_path: Path) -> None:
    vault = copy_vault(tmp_path)
    render_vault(tmp_path, vault)
    target = vault / "Target.md"
    target.write_text(target.read_text().replace("Intro paragraph", "Changed intro"))
    again = render_vault(tmp_path, vault)
    # Embeds.md embeds Target whole; Callout Contents embeds one of its blocks (the block's
    # text did not change, but the cache keys on the embedded note, not the block).
    assert sorted(again.result.rendered) == [
        "Callout Contents.md",
        "Embed Lists.md",
        "Embeds.md",
        "Target.md",
    ]
    assert "Changed intro" in again.read("Embeds.md")


def test_edit_rerenders_linked_notes_for_their_backlinks(tmp_path: Path) -> None:
    vault = copy_vault(tmp_path)
    render_vault(tmp_path, vault)
    links = vault / "Links.md"
    links.write_text(links.read_text().replace("Plain [[Target]]", "Simple [[Target]]"))
    again = render_vault(tmp_path, vault)
    assert sorted(again.result.rendered) == ["Folder/Sub Note.md", "Links.md", "Target.md"]
    assert "Simple Target" in again.read("Target.md")


def test_renamed_heading_rerenders_notes_linking_to_it(tmp_path: Path) -> None:
    vault = copy_vault(tmp_path)
    render_vault(tmp_path, vault)
    target = vault / "Target.md"
    target.write_text(target.read_text().replace("## Section Three", "## Section 3"))
    again = render_vault(tmp_path, vault)
    assert "Links.md" in again.result.rendered  # its [md](Target.md#section-three) lost its anchor
    assert "Folder/Sub Note.md" not in again.result.rendered


def test_deleted_note_page_is_removed(tmp_path: Path) -> None:
    vault = copy_vault(tmp_path)
    first = render_vault(tmp_path, vault)
    assert (first.docs / "Cycle B.md").is_file()
    (vault / "Cycle B.md").unlink()
    (vault / "Deep" / "Level 4.md").unlink()
    again = render_vault(tmp_path, vault)
    assert not (again.docs / "Cycle B.md").exists()
    assert not (again.docs / "Deep" / "Level 4.md").exists()
    assert "Cycle A.md" in again.result.rendered
    assert again.result.removed == 2


def test_files_not_written_by_the_renderer_are_kept(tmp_path: Path) -> None:
    vault = copy_vault(tmp_path)
    first = render_vault(tmp_path, vault)
    mine = first.docs / "extra.txt"
    mine.write_text("someone else's")
    render_vault(tmp_path, vault)
    assert mine.read_text() == "someone else's"


def test_page_removed_from_disk_is_written_again(tmp_path: Path) -> None:
    vault = copy_vault(tmp_path)
    first = render_vault(tmp_path, vault)
    (first.docs / "Links.md").unlink()
    again = render_vault(tmp_path, vault)
    assert again.result.rendered == ["Links.md"]
    assert (again.docs / "Links.md").is_file()


def _edited_generator_copy(tmp_path: Path) -> Path:
    """A copy of the generator package with one line added to one of its modules."""
    copy = tmp_path / "generator-copy"
    shutil.copytree(code_digest.GENERATOR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    module = copy / "engine" / "paths.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    return copy


@pytest.mark.parametrize("change", ["Markdown", "pymdown-extensions", "mkdocs-material", "code"])
def test_a_new_markdown_stack_or_generator_code_renders_everything_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    vault = copy_vault(tmp_path)
    first = render_vault(tmp_path, vault)
    assert render_vault(tmp_path, vault).result.rendered == []
    if change == "code":
        monkeypatch.setattr(code_digest, "GENERATOR", _edited_generator_copy(tmp_path))
    else:
        real = code_digest._installed
        monkeypatch.setattr(code_digest, "_installed", lambda name: "0.0" if name == change else real(name))
    again = render_vault(tmp_path, vault)
    assert sorted(again.result.rendered) == sorted(first.result.rendered)
