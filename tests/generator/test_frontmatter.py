# mypy: disable-error-code="index,arg-type"
# (vault paths written as string literals here; VaultPath is a NewType of str)
"""Properties: YAML frontmatter kept whole; bad YAML or bad values are warnings with file and line."""

from __future__ import annotations

import datetime

from engine_support import graph, parsed, read

from generator.frontmatter import frontmatter_tags, parse_frontmatter


def test_every_property_is_kept_with_its_yaml_type() -> None:
    assert parsed("Properties.md").properties == {
        "title": "A custom title",
        "aliases": ["Props", "The properties note"],
        "cssclasses": "wide",
        "publish": True,
        "permalink": "props",
        "description": "Every property Obsidian knows.",
        "rating": 5,
        "date": datetime.date(2024, 1, 31),
    }


def test_title_and_aliases_from_properties() -> None:
    note = parsed("Properties.md")
    assert note.title == "A custom title"
    assert note.aliases == ["Props", "The properties note"]


def test_invalid_yaml_is_a_warning_and_the_body_is_still_parsed() -> None:
    result = parse_frontmatter("Bad YAML.md", read("Bad YAML.md"))
    assert result.data == {}
    assert [(d.line, d.severity, d.code) for d in result.diagnostics] == [(3, "warning", "invalid-yaml")]
    assert read("Bad YAML.md")[result.body_start :].startswith("# Bad YAML")
    assert [h.text for h in graph().notes["Bad YAML.md"].parsed.headings] == ["Bad YAML"]


def test_invalid_property_values_are_warnings_on_their_lines() -> None:
    problems = sorted((d.line, d.code) for d in parsed("Bad property.md").parsed.diagnostics)
    assert problems == [(2, "invalid-property"), (3, "invalid-property")]


def test_no_frontmatter_unless_the_first_line_is_three_dashes() -> None:
    assert parse_frontmatter("a.md", "\n---\ntitle: x\n---\n").data == {}
    assert parse_frontmatter("a.md", "---\ntitle: x\n").data == {}  # never closed: a thematic break
    assert parse_frontmatter("a.md", "---\ntitle: x\n---").data == {"title": "x"}


def test_empty_frontmatter_and_non_mapping() -> None:
    assert parse_frontmatter("a.md", "---\n---\nbody\n").data == {}
    result = parse_frontmatter("a.md", "---\n- a list\n---\n")
    assert result.data == {} and [d.code for d in result.diagnostics] == ["invalid-yaml"]


def test_tags_property_as_list_or_string() -> None:
    assert frontmatter_tags(["a", "#b", None, 7]) == ["a", "b", "7"]
    assert frontmatter_tags("a, b c") == ["a", "b", "c"]
    assert frontmatter_tags({"x": 1}) == []
