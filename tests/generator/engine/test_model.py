"""The records of generator.engine.model: built fast (`_fast_init`), still frozen, same defaults."""

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
    new_link,
    new_resolution,
    new_span,
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


@pytest.mark.parametrize("record", [Span(1, 2, 3), Link("markdown", "t"), Tag("t", 0, None)])
def test_records_stay_frozen_and_hashable(record: object) -> None:
    field = dataclasses.fields(record)[0].name  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, field, None)
    assert hash(record) == hash(dataclasses.replace(record))  # type: ignore[type-var]


def test_missing_or_unknown_arguments_are_refused_as_before() -> None:
    with pytest.raises(TypeError):
        Span(1, 2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Link("wikilink", "a", colour="red")  # type: ignore[call-arg]


def test_builders_make_the_same_frozen_records_as_the_classes() -> None:
    span = new_span(1, 2, 3)
    link = new_link("wikilink", "a", ("H",), None, None, "a > H", span, "[[a#H]]")
    resolution = new_resolution(VaultPath("s.md"), link, VaultPath("a.md"), "note", "h", None)
    assert (type(span), type(link), type(resolution)) == (Span, Link, Resolution)
    assert span == Span(1, 2, 3) and hash(span) == hash(Span(1, 2, 3))
    assert link == Link("wikilink", "a", ("H",), None, None, "a > H", Span(1, 2, 3), "[[a#H]]")
    assert resolution == Resolution(VaultPath("s.md"), link, VaultPath("a.md"), "note", "h", None)
    for record in (span, link, resolution):
        field = dataclasses.fields(record)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, field, None)
        assert dataclasses.replace(record) == record
