# mypy: disable-error-code="index,arg-type"
# (vault paths written as string literals here; VaultPath is a NewType of str)
"""Properties: YAML frontmatter kept whole; bad YAML or bad values are warnings with file and line."""

from __future__ import annotations

import datetime

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine.frontmatter import _simple_yaml, frontmatter_tags, parse_frontmatter
from tests.generator.engine_support import graph, parsed, read


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


_WORDS = st.sampled_from(
    ["alpha", "Beta", "yes", "no", "null", "on", "1", "2024-01-31", "a b", "it's", "x:y", "#tag"]
)
_VALUE = st.one_of(
    _WORDS,
    st.lists(_WORDS, max_size=3).map(lambda v: "[" + ", ".join(v) + "]"),
    st.text(alphabet=st.sampled_from("ab é-_:#'\"[]{},.!&*|>%@`\t"), max_size=8),
)
_LINE = st.one_of(
    st.tuples(st.sampled_from(["title", "tags", "my-key", "on", "k2"]), _VALUE).map(
        lambda kv: f"{kv[0]}: {kv[1]}"
    ),
    st.tuples(
        st.sampled_from(["tags", "aliases"]), st.lists(_WORDS, max_size=3), st.sampled_from(["", "  ", "\t"])
    ).map(lambda t: t[0] + ":" + "".join(f"\n{t[2]}- {w}" for w in t[1])),
    st.sampled_from(["nested:\n  a: b", "k:", "  indented: x", "k:value"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, max_size=6))
def test_fast_path_reads_frontmatter_exactly_as_pyyaml(lines: list[str]) -> None:
    """The simple-frontmatter fast path is PyYAML's answer or no answer (then PyYAML reads it)."""
    text = "\n".join(lines) + "\n"
    fast = _simple_yaml(text)
    if fast is None:
        return
    assert fast == yaml.safe_load(text) or (fast == {} and yaml.safe_load(text) is None)
