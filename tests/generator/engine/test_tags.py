"""Tags: inline and from properties, any script, nested, never in code, links, URLs or comments."""

from __future__ import annotations

from generator.engine.parse import is_valid_tag
from tests.generator.engine_support import graph, parsed


def test_inline_and_frontmatter_tags_as_written() -> None:
    tags = [(t.name, t.line) for t in parsed("Tags.md").parsed.tags]
    assert tags == [
        ("in-heading", 6),
        ("tag", 8),
        ("nested/deep/tag", 8),
        ("日本語", 8),
        ("Über_tag", 8),
        ("with-dash", 8),
        ("y1984", 9),
        ("Tag", 12),
        ("TAG", 12),
        ("tag", 12),
        ("from-list", 0),
        ("Nested/FromList", 0),
    ]


def test_inline_tag_spans_cover_the_hash_and_name() -> None:
    note = parsed("Tags.md")
    for tag in note.parsed.tags:
        if tag.span is not None:
            assert note.text[tag.span.start : tag.span.end] == "#" + tag.name


def test_frontmatter_tags_as_a_string() -> None:
    assert [(t.name, t.line) for t in parsed("Tags2.md").parsed.tags] == [
        ("alpha", 6),
        ("alpha", 0),
        ("beta", 0),
    ]


def test_digits_only_is_not_a_tag() -> None:
    assert not is_valid_tag("1984")
    assert is_valid_tag("y1984") and is_valid_tag("日本語") and is_valid_tag("a/b-c_d")
    assert not is_valid_tag("a b") and not is_valid_tag("a.b")


def test_graph_groups_tags_case_insensitively_with_parents() -> None:
    tags = graph().tags
    assert tags["tag"] == ["Tags.md"]
    assert tags["nested"] == ["Tags.md"] and tags["nested/deep"] == ["Tags.md"]
    assert tags["nested/fromlist"] == ["Tags.md"]
    assert tags["alpha"] == ["Tags2.md"]
    assert "Tag" not in tags and "1984" not in tags and "not-in-code" not in tags
