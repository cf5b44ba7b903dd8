"""Links: to the right page and anchor, unresolved ones shown but not clickable."""

from __future__ import annotations

import pytest

from tests.generator.render_support import VAULT, Rendered, render_vault


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("links"))


def body(site: Rendered, docs_path: str) -> str:
    return site.page(docs_path)[1]


def test_wikilink_to_note(site: Rendered) -> None:
    assert 'Plain <a href="../Target/">Target</a>,' in body(site, "Links.md")


def test_alias_text_is_shown(site: Rendered) -> None:
    assert 'aliased <a href="../Target/">the target</a>,' in body(site, "Links.md")


def test_heading_link_gets_toc_anchor(site: Rendered) -> None:
    # toc slugifies "Section Two" to "section-two"; page URLs are folders (use_directory_urls).
    assert 'href="../Target/#section-two"' in body(site, "Links.md")


def test_block_link_gets_caret_anchor(site: Rendered) -> None:
    assert 'href="../Target/#^blk"' in body(site, "Links.md")


def test_markdown_link_is_rewritten_to_docs_path(site: Rendered) -> None:
    assert '<a href="../Target/#section-three">md link</a>' in body(site, "Links.md")


def test_external_link_untouched(site: Rendered) -> None:
    assert "[site](https://example.com/x)" in body(site, "Links.md")


def test_same_note_heading_link_is_fragment(site: Rendered) -> None:
    assert 'Local <a href="#local-part">Local Part</a>' in body(site, "Links.md")


def test_attachment_link(site: Rendered) -> None:
    assert "(files/doc.pdf)" in body(site, "Links.md")
    assert (site.docs / "files/doc.pdf").read_bytes() == (VAULT / "files/doc.pdf").read_bytes()


def test_link_from_subfolder_is_relative(site: Rendered) -> None:
    assert '<a href="../../Target/#section-two">the section</a>' in body(site, "Folder/Sub Note.md")


def test_link_to_note_with_space_is_quoted(site: Rendered) -> None:
    assert '<a href="../Folder/Sub%20Note/">Sub Note</a>' in body(site, "Links.md")


def test_unresolved_link_is_a_styled_span(site: Rendered) -> None:
    text = body(site, "Links.md")
    assert '<span class="obsidian-unresolved"' in text
    assert ">Nowhere</span>" in text
    assert "Nowhere</a>" not in text


def test_link_to_unpublished_note_is_unresolved(site: Rendered) -> None:
    text = body(site, "Links To Private.md")
    assert 'class="obsidian-unresolved"' in text and ">Private</span>" in text
    assert "Private/" not in text


def test_missing_heading_links_to_note_styled(site: Rendered) -> None:
    text = body(site, "Links.md")
    assert '<a href="../Target/" class="obsidian-missing-anchor" title="' in text


def test_unresolved_links_are_listed(site: Rendered) -> None:
    targets = {r.link.target for r in site.result.unresolved}
    assert {"Nowhere", "Missing embed", "Private"} <= targets


def test_inline_tag_links_to_tag_page(site: Rendered) -> None:
    assert '<a href="../tags/topic/" class="obsidian-tag">#topic</a>' in body(site, "Links.md")
