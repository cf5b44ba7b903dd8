"""Embeds: notes, heading sections and blocks inlined with a link to their source; media embedded;
cycles and over-deep chains cut with a visible marker and a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.generator.render_support import Rendered, render_vault


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("embeds"))


def embeds_body(site: Rendered) -> str:
    return site.page("Embeds.md")[1]


def admonition(text: str, title_line: str) -> str:
    """The lines of the admonition whose first line is `title_line` (its indented body)."""
    lines = text.split("\n")
    start = lines.index(title_line)
    out = []
    for line in lines[start + 1 :]:
        if line.strip() and not line.startswith("    "):
            break
        out.append(line)
    return "\n".join(out)


def test_whole_note_embed_is_inlined_with_source_link(site: Rendered) -> None:
    inner = admonition(embeds_body(site), '!!! obsidian-embed obsidian-embed-note "[Target](Target.md)"')
    assert "    Intro paragraph of the target." in inner
    assert "    Last section." in inner


def test_section_embed_stops_at_next_heading_of_same_level(site: Rendered) -> None:
    title = '!!! obsidian-embed obsidian-embed-section "[Target › Section Two](Target.md#section-two)"'
    inner = admonition(embeds_body(site), title)
    assert "Text of section two." in inner
    assert "Still in section two." in inner  # under ### Deeper: still inside the ## section
    assert "Last section." not in inner
    assert "Intro paragraph" not in inner


def test_block_embed_is_only_the_block(site: Rendered) -> None:
    inner = admonition(
        embeds_body(site), '!!! obsidian-embed obsidian-embed-block "[Target](Target.md#^blk)"'
    )
    assert inner.strip() == "Text of section two."


def test_embedded_headings_get_their_own_ids(site: Rendered) -> None:
    # Explicit ids keep the page's own headings on the anchors the engine computed.
    text = embeds_body(site)
    assert "    ## Section Two { #obsidian-embed-1-section-two }" in text
    assert "\n## Section Two" not in text


def test_embedded_block_ids_are_hidden_without_duplicate_anchor(site: Rendered) -> None:
    text = embeds_body(site)
    assert "^blk" not in text.replace("Target.md#^blk", "")
    assert 'id="^blk"' not in text


@pytest.mark.parametrize(
    ("size", "attrs"),
    [("300", '{ .obsidian-image width="300" }'), ("200x100", '{ .obsidian-image width="200" height="100" }')],
)
def test_image_sizes(site: Rendered, size: str, attrs: str) -> None:
    assert f"![pic.png](images/pic.png){attrs}" in embeds_body(site)


def test_image_alt_text(site: Rendered) -> None:
    assert "![A picture](images/pic.png){ .obsidian-image }" in embeds_body(site)


def test_pdf_embedded_at_page(site: Rendered) -> None:
    # Embeds.md is served at Embeds/, so the file is one level up from the page URL.
    assert '<iframe class="obsidian-pdf" src="../files/doc.pdf#page=3"' in embeds_body(site)


def test_audio_and_video(site: Rendered) -> None:
    text = embeds_body(site)
    assert '<audio class="obsidian-audio" controls src="../media/sound.mp3"></audio>' in text
    assert '<video class="obsidian-video" controls src="../media/clip.mp4"></video>' in text
    assert (site.docs / "media/clip.mp4").is_file()


def test_unresolved_embed_is_marked(site: Rendered) -> None:
    assert 'class="obsidian-unresolved obsidian-unresolved-embed"' in embeds_body(site)


def test_embed_cycle_is_cut_with_marker_and_warning(site: Rendered) -> None:
    text = site.page("Cycle A.md")[1]
    assert "B starts." in text  # B is embedded once
    assert text.count("A starts.") == 1  # A is not embedded into itself
    assert "{ .obsidian-embed-cut" in text
    warnings = {(d.path, d.code) for d in site.result.diagnostics + site.graph.diagnostics}
    assert ("Cycle B.md", "embed-cycle") in warnings


def test_embed_depth_limit(tmp_path: Path) -> None:
    site = render_vault(tmp_path, embed_depth=2)
    text = site.page("Deep/Level 1.md")[1]
    assert "Level 2 text." in text and "Level 3 text." in text
    assert "Level 4 text." not in text
    assert "{ .obsidian-embed-cut" in text
    depth = [d for d in site.result.diagnostics if d.code == "embed-depth"]
    assert depth and depth[0].path == "Deep/Level 3.md" and depth[0].line == 3


def test_embed_in_subfolder_page_links_relative_to_host(site: Rendered) -> None:
    assert "![pic.png](../images/pic.png)" in site.page("Folder/Sub Note.md")[1]


def test_embedded_h1_becomes_h2(site: Rendered) -> None:
    # Material adds the page title as H1 only when the content has none.
    text = embeds_body(site)
    assert "    ## Target { #obsidian-embed-1-target }" in text
    assert "    # Target" not in text


def test_markdown_image_with_size(site: Rendered) -> None:
    assert '![Alt](images/pic.png){ .obsidian-image width="120" }' in site.page("Markdown Image.md")[1]


def test_portable_media_are_marked_markdown_links(tmp_path: Path) -> None:
    """Portable docs: links every engine resolves (relative to the docs file), the player's kind as data."""
    text = render_vault(tmp_path, portable=True).raw("Embeds.md")
    assert '[doc.pdf](files/doc.pdf#page=3){ .obsidian-media data-kind="pdf" }' in text
    assert '[sound.mp3](media/sound.mp3){ .obsidian-media data-kind="audio" }' in text
    assert '[clip.mp4](media/clip.mp4){ .obsidian-media data-kind="video" }' in text
    assert "<audio" not in text and "<iframe" not in text
