"""The block and inline scanner on the fixture notes: code-aware, exact spans, every block kind."""

from __future__ import annotations

from generator.engine.parse import parse_note
from tests.generator.engine_support import parsed, read


def test_nothing_inside_code_math_or_comments_is_a_link() -> None:
    note = parsed("Code.md")
    assert [(link.target, link.span.line) for link in note.parsed.links] == [("Note", 20)]
    assert note.parsed.tags == []


def test_fenced_and_indented_code_blocks_with_info_and_lines() -> None:
    blocks = parsed("Code.md").parsed.code_blocks
    assert [(b.info, b.start_line, b.end_line) for b in blocks] == [
        ("python", 3, 5),
        ("", 7, 9),
        ("", 11, 11),
        ("mermaid", 27, 29),
    ]
    assert blocks[0].content == "[[Not a link]] #not-a-tag %% not a comment %%\n"
    assert blocks[3].content == "graph TD; A-->B\n"


def test_comments_inline_and_across_lines() -> None:
    note = parsed("Code.md")
    text = note.text
    assert [text[c.start : c.end] for c in note.parsed.comments] == [
        "%% A comment [[Hidden]] %%",
        "%%\nA comment over lines\n[[Hidden too]]\n%%",
    ]
    assert [c.line for c in note.parsed.comments] == [20, 22]


def test_inline_and_display_math_spans() -> None:
    note = parsed("Code.md")
    found = sorted((m.line, note.text[m.start : m.end]) for m in note.parsed.math)
    assert found == [
        (14, "$$\\text{[[no]]}$$"),
        (14, "$[[not a link]]$"),
        (16, "$$\n[[Not a link in display math]]\n$$"),
    ]


def test_inline_code_spans() -> None:
    note = parsed("Code.md")
    found = [(c.line, note.text[c.start : c.end]) for c in note.parsed.code_spans]
    assert found == [(13, "`[[not a link]]`"), (13, "``a `[[nested]]` span``")]


def test_code_span_over_two_lines_of_a_paragraph() -> None:
    text = "A ``span\nover`` two lines, a ` lone backtick.\n\nNext `one`.\n"
    spans = parse_note("n.md", text).code_spans
    assert [(c.line, text[c.start : c.end]) for c in spans] == [(1, "``span\nover``"), (4, "`one`")]


def test_link_span_covers_exactly_its_raw_text() -> None:
    note = parsed("Links.md")
    for link in note.parsed.links:
        assert note.text[link.span.start : link.span.end] == link.raw


def test_frontmatter_offsets_body_start() -> None:
    note = parsed("Home.md")
    assert note.parsed.body_start_line == 5
    assert note.text[note.parsed.body_start :].startswith("# Home\n")
    assert note.parsed.frontmatter == {"title": "Home page", "tags": ["fixture"]}


def test_headings_text_anchor_and_toc_deduplication() -> None:
    headings = parsed("Headings.md").parsed.headings
    assert [(h.level, h.text, h.anchor, h.line) for h in headings] == [
        (1, "First heading", "first-heading", 1),
        (2, "Child", "child", 3),
        (3, "Grandchild", "grandchild", 5),
        (2, "Second heading", "second-heading", 7),
        (1, "Second heading", "second-heading_1", 9),
        (2, "Child", "child_1", 11),
        (2, "Bold and code and a link", "bold-and-code-and-a-link", 13),
    ]


def test_block_ids_name_their_blocks() -> None:
    note = parsed("Blocks.md")
    assert [(b.id, b.kind, b.start_line, b.end_line) for b in note.parsed.block_ids] == [
        ("para", "paragraph", 3, 4),
        ("item", "list-item", 6, 7),
        ("list", "list", 6, 8),
        ("quote", "quote", 12, 13),
        ("table", "table", 17, 19),
        ("callout", "callout", 23, 24),
        ("code", "code", 28, 30),
        ("tight", "paragraph", 34, 34),
    ]


def test_block_id_markers_are_the_text_hidden_on_the_page() -> None:
    note = parsed("Blocks.md")
    shown = [note.text[b.marker.start : b.marker.end] for b in note.parsed.block_ids]
    assert shown == [" ^para", " ^item", "^list", "^quote", "^table", "^callout", "^code", "^tight"]


def test_block_id_after_closing_display_math() -> None:
    text = "$$\nx^2\n$$ ^eq\n"
    (block,) = parse_note("m.md", text).block_ids
    assert (block.id, block.kind, block.start_line, block.end_line) == ("eq", "math", 1, 3)


def test_unclosed_comment_runs_to_the_end() -> None:
    text = "before\n%% open\n[[Hidden]]\n"
    note = parse_note("c.md", text)
    assert note.links == []
    assert [(c.start, c.end) for c in note.comments] == [(7, len(text))]


def test_escaped_brackets_are_not_links() -> None:
    assert parse_note("e.md", "\\[[Not]] and \\#tag\n").links == []
    assert parse_note("e.md", "\\[[Not]] and \\#tag\n").tags == []


def test_crlf_is_not_needed_but_never_crashes() -> None:
    note = parse_note("w.md", "# T\r\n\r\n[[A]]\r\n")
    assert [link.target for link in note.links] == ["A"]


def test_fixture_texts_are_read_as_utf8() -> None:
    assert "日本語" in read("Tags.md")


def test_a_prose_line_with_a_pipe_starts_a_table_only_above_a_delimiter_row() -> None:
    text = "Intro [[A|a]] text\nName | Value\n--- | ---\nx | 1\n\n^tbl\n\nProse [[B|b]] ^para\n"
    parsed = parse_note("t.md", text)
    kinds = {b.id: (b.kind, b.start_line, b.end_line) for b in parsed.block_ids}
    assert kinds == {"tbl": ("table", 2, 4), "para": ("paragraph", 8, 8)}


def test_the_same_link_text_parsed_again_gives_equal_links() -> None:
    text = "[[Note#H|x]] ![[Pic.png|300]] [[Note#H|x]] [[ ]]\n"
    first, again = parse_note("a.md", text).links, parse_note("b.md", text).links
    assert first == again and len(first) == 3
    assert first[0].span != first[2].span and first[0].raw == first[2].raw == "[[Note#H|x]]"


def test_a_block_id_right_after_an_embed_names_the_paragraph() -> None:
    """Obsidian reads `![[diagram.png]]^fig-1` as an embed and a block id (help.obsidian.md, "Link to
    a block"); a caret after other text without a space stays text."""
    text = "# Figures\n\n![[diagram.png]]^fig-1\n\n![[a.png|200]] ^fig-2\n\nx^2 and word]]^no\n"
    ids = parse_note("f.md", text).block_ids
    assert [(b.id, b.kind, b.start_line) for b in ids] == [
        ("fig-1", "paragraph", 3),
        ("fig-2", "paragraph", 5),
    ]
    assert [text[b.marker.start : b.marker.end] for b in ids] == ["^fig-1", " ^fig-2"]
