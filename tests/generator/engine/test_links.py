"""Links as written, and the text Obsidian shows for them (help.obsidian.md, "Internal links")."""

from __future__ import annotations

from generator.engine.links import is_external
from generator.engine.parse import parse_note
from tests.generator.engine_support import parsed


def _links(name: str) -> list[tuple[str, str, tuple[str, ...], str | None, str | None, str]]:
    return [(x.kind, x.target, x.headings, x.block, x.alias, x.text) for x in parsed(name).parsed.links]


def test_wikilink_forms_and_displayed_text() -> None:
    assert _links("Links.md") == [
        ("wikilink", "Note", (), None, None, "Note"),
        ("wikilink", "Note", (), None, "the note", "the note"),
        ("wikilink", "Note", ("Part",), None, None, "Note > Part"),
        ("wikilink", "Headings", ("First heading", "Child"), None, None, "Headings > First heading > Child"),
        ("wikilink", "Blocks", (), "para", None, "Blocks > ^para"),
        ("wikilink", "", ("Links",), None, None, "Links"),
        ("wikilink", "", (), "here", None, "^here"),
        ("wikilink", "Note", (), None, "in a table", "in a table"),
    ]


def test_external_markdown_links_are_not_vault_links() -> None:
    assert all(link.kind == "wikilink" for link in parsed("Links.md").parsed.links)
    assert is_external("https://example.com") and is_external("mailto:a@b.c") and is_external("//host/x")
    assert not is_external("Note%20two.md") and not is_external("#Heading")


def test_markdown_links_are_url_decoded_and_angle_bracketed() -> None:
    links = [x for x in parsed("Home.md").parsed.links if x.kind == "markdown"]
    assert [(x.target, x.headings, x.text) for x in links] == [
        ("Folder/Note two.md", ("Part one",), "spaced"),
        ("Folder/Note two.md", (), "angle"),
    ]


def test_folder_paths_and_extensions_display_as_written() -> None:
    texts = [x.text for x in parsed("Home.md").parsed.links if x.kind == "wikilink"]
    assert texts[:4] == ["Links", "Links.md", "Folder/Note", "shown text"]


def test_embed_sizes_and_alt_text() -> None:
    embeds = [(x.kind, x.target, x.headings, x.alias, x.text) for x in parsed("Embeds.md").parsed.links]
    assert embeds == [
        ("embed", "Folder/Note", (), None, "Folder/Note"),
        ("embed", "Headings", ("Second heading",), None, "Headings"),
        ("embed", "Blocks", (), None, "Blocks"),
        ("embed", "image.png", (), "300", "image.png"),
        ("embed", "image.png", (), "300x200", "image.png"),
        ("embed", "image.png", (), "A description", "A description"),
        ("embed", "sound.mp3", (), None, "sound.mp3"),
        ("embed", "clip.mp4", (), None, "clip.mp4"),
        ("embed", "doc.pdf", ("page=3",), None, "doc.pdf"),
        ("markdown-embed", "Attachments/image.png", (), None, "md image"),
    ]
    assert parsed("Embeds.md").parsed.links[2].block == "list"


def test_inner_link_wins_in_nested_brackets() -> None:
    assert [x.target for x in parse_note("n.md", "[[a [[b]] c]]\n").links] == ["b"]


def test_empty_and_unclosed_wikilinks_are_text() -> None:
    assert parse_note("n.md", "[[]] [[ ]] [[open\nclose]]\n").links == []


def test_markdown_link_with_title_and_parentheses() -> None:
    (link,) = parse_note("n.md", '[t](Note%20(1).md "title")\n').links
    assert link.target == "Note (1).md"


def test_markdown_same_note_heading_link() -> None:
    (link,) = parse_note("n.md", "[up](#Top%20part)\n").links
    assert (link.target, link.headings) == ("", ("Top part",))
