"""A page per tag (nested tags included) and a tags index."""

from __future__ import annotations

import pytest
from render_support import Rendered, render_vault


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("tags"))


def test_tag_page_lists_its_notes(site: Rendered) -> None:
    meta, body = site.page("tags/topic.md")
    assert meta == {"title": "#topic"}
    assert "- [Links](../Links.md)" in body


def test_frontmatter_tag_has_a_page(site: Rendered) -> None:
    assert "- [Welcome](../index.md)" in site.page("tags/fixture.md")[1]


def test_nested_tag_page(site: Rendered) -> None:
    meta, body = site.page("tags/ml/activation.md")
    assert meta == {"title": "#ml/activation"}
    assert "- [Sub Note](../../Folder/Sub%20Note.md)" in body


def test_parent_tag_lists_child_tags_and_their_notes(site: Rendered) -> None:
    body = site.page("tags/ml.md")[1]
    assert "[#ml/activation](ml/activation.md){ .obsidian-tag } (1)" in body
    assert "- [Sub Note](../Folder/Sub%20Note.md)" in body


def test_tags_index_nests_child_under_parent(site: Rendered) -> None:
    meta, body = site.page("tags/index.md")
    assert meta == {"title": "Tags"}
    lines = body.strip().splitlines()
    ml = lines.index("- [#ml](ml.md){ .obsidian-tag } (1)")
    assert lines[ml + 1] == "    - [#activation](ml/activation.md){ .obsidian-tag } (1)"
    assert "- [#topic](topic.md){ .obsidian-tag } (1)" in lines


def test_page_frontmatter_carries_tags_for_material(site: Rendered) -> None:
    assert site.page("Folder/Sub Note.md")[0]["tags"] == ["ml/activation"]
