"""Properties of the parser on generated text: it never raises, and it loses no text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine.parse import parse_note

SYNTAX = "[]!#$%`^|\\>-*+_~=:()<>\n\t 0123456789"
ANY_TEXT = st.text(alphabet=st.sampled_from(list(SYNTAX) + list("aZé日 ")), max_size=400) | st.text(
    max_size=300
)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_parsing_arbitrary_text_never_raises_and_spans_hold(text: str) -> None:
    parsed = parse_note("fuzz.md", text)
    last = -1
    for link in parsed.links:
        assert 0 <= link.span.start < link.span.end <= len(text)
        assert text[link.span.start : link.span.end] == link.raw
        assert link.span.start >= last  # in document order, never overlapping
        last = link.span.end
    for tag in parsed.tags:
        if tag.span is not None:
            assert text[tag.span.start : tag.span.end] == "#" + tag.name
    for span in [*parsed.comments, *parsed.math, *parsed.code_spans, *(b.span for b in parsed.code_blocks)]:
        assert 0 <= span.start <= span.end <= len(text)
    for block in parsed.block_ids:
        assert text[block.marker.start : block.marker.end].strip() == "^" + block.id


WORD = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéü日"), min_size=1, max_size=8)
PIECE = st.one_of(
    st.tuples(st.just("plain"), WORD),
    st.tuples(st.just("link"), WORD),
    st.tuples(st.just("tag"), WORD),
    st.tuples(st.just("code"), WORD),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECE, max_size=30))
def test_text_around_recognised_syntax_is_kept(pieces: list[tuple[str, str]]) -> None:
    """Links, tags and code spans are found exactly; what is outside them is the plain text, unchanged."""
    rendered = {"plain": "{}", "link": "[[{}]]", "tag": "#{}", "code": "`[[{}]]`"}
    text = " ".join(rendered[kind].format(word) for kind, word in pieces) + "\n"
    parsed = parse_note("gen.md", text)
    assert [link.target for link in parsed.links] == [w for kind, w in pieces if kind == "link"]
    assert [tag.name for tag in parsed.tags] == [w for kind, w in pieces if kind == "tag"]
    code = [text[c.start : c.end] for c in parsed.code_spans]
    assert code == [rendered["code"].format(w) for kind, w in pieces if kind == "code"]
    cut = sorted(
        [(x.span.start, x.span.end) for x in parsed.links]
        + [(t.span.start, t.span.end) for t in parsed.tags if t.span]
    )
    rest, pos = [], 0
    for start, end in cut:
        rest.append(text[pos:start])
        pos = end
    rest.append(text[pos:])
    expected = (
        " ".join("" if kind in ("link", "tag") else rendered[kind].format(w) for kind, w in pieces) + "\n"
    )
    assert "".join(rest) == expected
