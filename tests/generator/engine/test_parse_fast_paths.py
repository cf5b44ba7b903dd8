"""The parser's shortcuts for empty lines, prose and headings agree with its general path."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine.parse import _BlockScanner, parse_note

# Lines of every shape the block scanner tells apart, with the syntax the shortcuts must not miss:
# ids closing a line, comments opening or closing on it, tables, lists, quotes, callouts, fences.
LINE = st.sampled_from(
    [
        "",
        "Prose with a [[Link]] and #tag.",
        "**Bold** start and ![[Embed#Heading]]",
        "A paragraph that ends with an id ^para-1",
        "^alone-id",
        "# Heading",
        "## Heading with id ^h-id",
        "### Heading %% with a comment %%",
        "#notaheading but a tag",
        "%% a comment",
        "still in the comment %%",
        "text %% opens a comment",
        "| a | b |",
        "|---|---|",
        "a | b",
        "- list item",
        "  continued item",
        "1. numbered",
        "> quote [[Q]]",
        "> [!note] Callout title",
        ">  ```md",
        "```python",
        "```",
        "    indented code",
        "$$",
        "x^2 = y $$",
        "---",
        "***",
        "日本語の文 [[リンク]]",
        "\tTabbed line",
        "[link](Note.md) first",
    ]
)


def _parse(text: str, fast: bool) -> object:
    _BlockScanner.fast_paths = fast
    try:
        return parse_note("gen.md", text)
    finally:
        _BlockScanner.fast_paths = True


@settings(max_examples=600, deadline=None)
@given(st.lists(LINE, max_size=25))
def test_fast_paths_give_what_the_general_path_gives(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    assert _parse(text, fast=True) == _parse(text, fast=False)


@pytest.mark.parametrize("text", ["# H\nprose ^id\n\n- item\n", "a | b\n|---|---|\n| 1 | 2 |\n"])
def test_the_general_path_is_really_taken_when_shortcuts_are_off(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guard for the test above: with the shortcuts off, the prose shortcut's helper is never asked."""
    import generator.engine.parse as parse_module

    calls: list[str] = []
    real = parse_module._prose_start
    monkeypatch.setattr(parse_module, "_prose_start", lambda first: calls.append(first) or real(first))
    _parse(text, fast=False)
    assert calls == []
    _parse(text, fast=True)
    assert calls != []
