"""A page per tag (nested tags included) and a tags index."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

import generator.render.site as render_site_module
from generator.engine.vault import load_vault
from generator.render import RenderOptions, render_site
from generator.render.layout import SiteLayout
from generator.render.reader.options import ReaderOptions
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


def layout_tag_page(key: str, number: int) -> str:
    return SiteLayout(pages={}, home=None).tag_page(key, number)


def test_a_big_tag_is_listed_on_pages_of_tag_page_size(tmp_path: Path) -> None:
    """A tag on 5 notes with pages of 2: pages 1 to 3 chained by a pager, every note on exactly one."""
    vault = tmp_path / "v"
    vault.mkdir()
    for name in "ABCDE":
        (vault / f"{name}.md").write_text("#big/one\n", encoding="utf-8")
    site = render_vault(tmp_path, vault=vault, reader=ReaderOptions(tag_page_size=2))
    page = {n: site.page(layout_tag_page("big", n)) for n in (1, 2, 3)}
    assert not (site.docs / layout_tag_page("big", 4)).exists()
    assert [meta["title"] for meta, _ in page.values()] == ["#big", "#big (2/3)", "#big (3/3)"]
    listed = [re.findall(r'<a href="[^"]*">(\w)</a>', body) for _, body in page.values()]
    assert listed == [["A", "B"], ["C", "D"], ["E"]]
    assert "5 notes · page 2 of 3" in page[2][1]
    assert "[#big/one](big/one.md)" in page[1][1] and "#big/one" not in page[2][1]  # child tags on page 1
    # Relative links from tags/big/obsidian-page-2.md: back to tags/big.md, on to page 3.
    assert "[« Previous](../big.md) · [Next »](obsidian-page-3.md)" in page[2][1]
    assert "[« Previous](obsidian-page-2.md)" in page[3][1] and "Next" not in page[3][1]
    assert "Previous" not in page[1][1] and "[Next »](big/obsidian-page-2.md)" in page[1][1]
    one = site.page("tags/big/one.md")[1]  # page_size 2 < 5 notes: paged too
    assert "page 1 of 3" in one


def test_a_tag_on_fewer_notes_than_a_page_has_no_pager(site: Rendered) -> None:
    body = site.page("tags/topic.md")[1]
    assert "Next »" not in body and "obsidian-folder-count" not in body
