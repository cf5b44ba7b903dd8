"""Links: to the right page and anchor, unresolved ones shown but not clickable."""

from __future__ import annotations

import pytest
from render_support import VAULT, Rendered, render_vault


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("links"))


def body(site: Rendered, docs_path: str) -> str:
    return site.page(docs_path)[1]


def test_wikilink_to_note(site: Rendered) -> None:
    assert "Plain [Target](Target.md)," in body(site, "Links.md")


def test_alias_text_is_shown(site: Rendered) -> None:
    assert "aliased [the target](Target.md)," in body(site, "Links.md")


def test_heading_link_gets_toc_anchor(site: Rendered) -> None:
    # toc slugifies "Section Two" to "section-two".
    assert "(Target.md#section-two)" in body(site, "Links.md")


def test_block_link_gets_caret_anchor(site: Rendered) -> None:
    assert "(Target.md#^blk)" in body(site, "Links.md")


def test_markdown_link_is_rewritten_to_docs_path(site: Rendered) -> None:
    assert "[md link](Target.md#section-three)" in body(site, "Links.md")


def test_external_link_untouched(site: Rendered) -> None:
    assert "[site](https://example.com/x)" in body(site, "Links.md")


def test_same_note_heading_link_is_fragment(site: Rendered) -> None:
    assert "Local [Local Part](#local-part)" in body(site, "Links.md")


def test_attachment_link(site: Rendered) -> None:
    assert "(files/doc.pdf)" in body(site, "Links.md")
    assert (site.docs / "files/doc.pdf").read_bytes() == (VAULT / "files/doc.pdf").read_bytes()


def test_link_from_subfolder_is_relative(site: Rendered) -> None:
    assert "[the section](../Target.md#section-two)" in body(site, "Folder/Sub Note.md")


def test_link_to_note_with_space_is_quoted(site: Rendered) -> None:
    assert "[Sub Note](Folder/Sub%20Note.md)" in body(site, "Links.md")


def test_unresolved_link_is_a_styled_span(site: Rendered) -> None:
    text = body(site, "Links.md")
    assert '<span class="obsidian-unresolved"' in text
    assert ">Nowhere</span>" in text
    assert "Nowhere](" not in text


def test_link_to_unpublished_note_is_unresolved(site: Rendered) -> None:
    text = body(site, "Links To Private.md")
    assert 'class="obsidian-unresolved"' in text and ">Private</span>" in text
    assert "](Private.md" not in text


def test_missing_heading_links_to_note_styled(site: Rendered) -> None:
    text = body(site, "Links.md")
    assert "](Target.md){ .obsidian-missing-anchor" in text


def test_unresolved_links_are_listed(site: Rendered) -> None:
    targets = {r.link.target for r in site.result.unresolved}
    assert {"Nowhere", "Missing embed", "Private"} <= targets


def test_inline_tag_links_to_tag_page(site: Rendered) -> None:
    assert "[#topic](tags/topic.md){ .obsidian-tag }" in body(site, "Links.md")
