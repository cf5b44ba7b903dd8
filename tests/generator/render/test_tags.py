"""A page per tag (nested tags included) and a tags index."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

import generator.render.site as render_site_module
from generator.engine.vault import load_vault
from generator.render import RenderOptions, render_site
from tests.generator.render_support import Rendered, render_vault


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("tags"))


@pytest.fixture(scope="module")
def portable(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("tags-portable"), portable=True)


def test_tag_page_lists_its_notes(site: Rendered, portable: Rendered) -> None:
    meta, body = site.page("tags/topic.md")
    assert meta == {"title": "#topic"}
    assert '- <a href="../../Links/">Links</a>' in body  # pre-rendered: the URL MkDocs gives the page
    assert "- [Links](../Links.md)" in portable.page("tags/topic.md")[1]


def test_frontmatter_tag_has_a_page(site: Rendered, portable: Rendered) -> None:
    assert '- <a href="../../">Welcome</a>' in site.page("tags/fixture.md")[1]
    assert "- [Welcome](../index.md)" in portable.page("tags/fixture.md")[1]


def test_nested_tag_page(site: Rendered, portable: Rendered) -> None:
    meta, body = site.page("tags/ml/activation.md")
    assert meta == {"title": "#ml/activation"}
    assert '- <a href="../../../Folder/Sub%20Note/">Sub Note</a>' in body
    assert "- [Sub Note](../../Folder/Sub%20Note.md)" in portable.page("tags/ml/activation.md")[1]


def test_parent_tag_lists_child_tags_and_their_notes(site: Rendered, portable: Rendered) -> None:
    for body, note in (
        (site.page("tags/ml.md")[1], '<a href="../../Folder/Sub%20Note/">Sub Note</a>'),
        (portable.page("tags/ml.md")[1], "[Sub Note](../Folder/Sub%20Note.md)"),
    ):
        # A blank line between: Python-Markdown does not start a list inside a paragraph.
        assert f"[#ml/activation](ml/activation.md){{ .obsidian-tag }} (1)\n\n- {note}" in body
        assert "<ul>\n<li>" in markdown.markdown(body)


def test_tags_index_nests_child_under_parent(site: Rendered) -> None:
    meta, body = site.page("tags/index.md")
    assert meta == {"title": "Tags"}
    lines = body.strip().splitlines()
    ml = lines.index("- [#ml](ml.md){ .obsidian-tag } (1)")
    assert lines[ml + 1] == "    - [#activation](ml/activation.md){ .obsidian-tag } (1)"
    assert "- [#topic](topic.md){ .obsidian-tag } (1)" in lines


def test_page_frontmatter_carries_tags_for_material(site: Rendered) -> None:
    assert site.page("Folder/Sub Note.md")[0]["tags"] == ["ml/activation"]


def test_tag_pages_are_rendered_again_only_when_what_they_show_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve` renders after every save: the tag pages come from the render cache unless a tag, a
    tagged note's title or where a page lands changed (one digest for them all)."""
    vault = tmp_path / "v"
    vault.mkdir()
    (vault / "A.md").write_text("#topic text\n", encoding="utf-8")
    (vault / "B.md").write_text("#topic more\n", encoding="utf-8")
    renders: list[int] = []
    real = render_site_module.tag_pages
    monkeypatch.setattr(render_site_module, "tag_pages", lambda *args: renders.append(1) or real(*args))
    docs, options = tmp_path / "docs", RenderOptions(cache_dir=tmp_path / "cache")

    def render() -> str:
        render_site(load_vault(vault), docs, options)
        return (docs / "tags" / "topic.md").read_text(encoding="utf-8")

    first = render()
    (vault / "A.md").write_text("#topic text, edited\n", encoding="utf-8")  # no tag or title changed
    assert render() == first and len(renders) == 1
    (vault / "B.md").write_text("---\ntitle: Renamed\n---\n#topic more\n", encoding="utf-8")
    assert "Renamed" in render() and len(renders) == 2
    (docs / "tags" / "topic.md").unlink()  # a file gone from the docs folder is written again
    assert "Renamed" in render() and len(renders) == 3
