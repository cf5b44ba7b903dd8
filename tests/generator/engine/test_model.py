"""The per-link records of generator.engine.model: slotted, hashable values with their defaults."""

from __future__ import annotations

import dataclasses

import pytest

from generator.engine.model import (
    BlockId,
    Heading,
    Link,
    Resolution,
    Span,
    Tag,
    VaultPath,
)


def test_records_keep_their_dataclass_defaults_and_keywords() -> None:
    link = Link("wikilink", "Note")
    assert (link.headings, link.block, link.alias, link.text, link.span, link.raw) == (
        (),
        None,
        None,
        "",
        Span(0, 0, 0),
        "",
    )
    assert Link(kind="embed", target="a", raw="![[a]]").is_embed
    r = Resolution(VaultPath("a.md"), link, None, None)
    assert (r.anchor, r.problem, r.ok) == (None, None, False)
    assert Tag("x", 1, None) == Tag(name="x", line=1, span=None)
    assert Heading(1, "H", "h", 1, Span(0, 3, 1)).anchor == "h"
    assert BlockId("id", "paragraph", 1, 1, Span(0, 1, 1)).id == "id"


@pytest.mark.parametrize(
    "record",
    [
        Span(1, 2, 3),
        Link("markdown", "t"),
        Tag("t", 0, None),
        Resolution(VaultPath("s.md"), Link("wikilink", "a"), VaultPath("a.md"), "note", "h", None),
    ],
)
def test_records_are_slotted_hashable_values(record: Span | Link | Tag | Resolution) -> None:
    copy = dataclasses.replace(record)
    assert copy == record and copy is not record and hash(copy) == hash(record)
    assert not hasattr(record, "__dict__")  # slots: half the memory of half a million links


def test_missing_or_unknown_arguments_are_refused_as_before() -> None:
    with pytest.raises(TypeError):
        Span(1, 2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Link("wikilink", "a", colour="red")  # type: ignore[call-arg]
