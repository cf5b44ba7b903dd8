"""Callouts: the 13 types and their aliases, folding, titles, nesting (help.obsidian.md, "Callouts")."""

from __future__ import annotations

from generator.engine.callout_types import CALLOUT_TYPES, canonical_callout_type
from tests.generator.engine_support import parsed


def _callouts() -> list[tuple[str, str, str | None, str, int, int, int]]:
    return [
        (c.type, c.raw_type, c.title, c.fold, c.depth, c.start_line, c.end_line)
        for c in parsed("Callouts.md").parsed.callouts
    ]


def test_every_callout_with_type_title_fold_and_lines() -> None:
    assert _callouts() == [
        ("note", "note", None, "", 1, 3, 4),
        ("abstract", "ABSTRACT", "Summary title", "", 1, 6, 7),
        ("abstract", "tldr", "Folded by default", "-", 1, 9, 10),
        ("tip", "tip", "Open but foldable", "+", 1, 12, 13),
        ("tip", "hint", "Alias of tip", "", 1, 15, 15),
        ("tip", "important", None, "", 1, 17, 18),
        ("success", "check", "Alias of success", "", 1, 20, 20),
        ("question", "faq", "Alias of question", "", 1, 22, 22),
        ("warning", "caution", "Alias of warning", "", 1, 24, 24),
        ("failure", "fail", "Alias of failure", "", 1, 26, 26),
        ("danger", "error", "Alias of danger", "", 1, 28, 28),
        ("bug", "bug", "Bug", "", 1, 30, 30),
        ("example", "example", "Example", "", 1, 32, 32),
        ("quote", "cite", "Alias of quote", "", 1, 34, 34),
        ("info", "info", "Info", "", 1, 36, 36),
        ("todo", "todo", "Todo", "", 1, 38, 38),
        ("note", "custom-type", "Unknown types look like notes", "", 1, 40, 40),
        ("question", "question", "Outer", "", 1, 42, 53),
        ("warning", "warning", "Inner", "", 2, 44, 45),
    ]


def test_thirteen_types_and_their_aliases() -> None:
    assert len(CALLOUT_TYPES) == 13
    expected = {
        "summary": "abstract", "tldr": "abstract", "hint": "tip", "important": "tip", "check": "success",
        "done": "success", "help": "question", "faq": "question", "caution": "warning", "attention": "warning",
        "fail": "failure", "missing": "failure", "error": "danger", "cite": "quote",
    }  # fmt: skip
    for alias, canonical in expected.items():
        assert canonical_callout_type(alias.upper()) == canonical


def test_callouts_hold_links_code_math_and_embeds() -> None:
    note = parsed("Callouts.md")
    assert [(x.target, x.span.line) for x in note.parsed.links] == [("Note", 45), ("Blocks", 53)]
    assert [(b.info, b.start_line, b.end_line) for b in note.parsed.code_blocks] == [("python", 47, 49)]
    assert [m.line for m in note.parsed.math] == [50]


def test_a_plain_quote_is_not_a_callout() -> None:
    assert all(c.start_line != 55 for c in parsed("Callouts.md").parsed.callouts)
