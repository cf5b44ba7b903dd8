"""Path kinds and heading anchors: anchors must be the ids MkDocs' toc gives the rendered headings."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import TocExtension

from generator.engine.paths import _walk, is_hidden, join_link, slugify, unique_anchor


def test_slugify_lowercases_keeps_unicode_letters_and_drops_punctuation() -> None:
    assert slugify("Hello World", "-") == "hello-world"
    assert slugify("Ünïcode Tëst", "-") == "ünïcode-tëst"
    assert slugify("C++ & Python: a guide!", "-") == "c-python-a-guide"
    assert slugify("活性化 関数", "-") == "活性化-関数"
    assert slugify("snake_case stays", "-") == "snake_case-stays"


def test_slugify_normalises_nfd_to_the_same_anchor() -> None:
    assert slugify("Cafe\u0301", "-") == slugify("Café", "-")


def test_anchors_match_what_toc_gives_rendered_headings() -> None:
    source = "# Intro\n\n## Set-up: step 1\n\n## Intro\n\n## Intro\n\n## Ünïcode\n\n## Intro_1\n"
    html = markdown.markdown(source, extensions=[TocExtension(slugify=slugify)])
    ids = re.findall(r'id="([^"]+)"', html)
    used: set[str] = set()
    mine = [
        unique_anchor(slugify(t, "-"), used)
        for t in ("Intro", "Set-up: step 1", "Intro", "Intro", "Ünïcode", "Intro_1")
    ]
    assert mine == ids == ["intro", "set-up-step-1", "intro_1", "intro_2", "ünïcode", "intro_3"]


def test_join_link_relative_absolute_and_escaping() -> None:
    assert join_link("A/B", "../C.md") == "A/C.md"
    assert join_link("A/B", "./C.md") == "A/B/C.md"
    assert join_link("A/B", "/C.md") == "C.md"
    assert join_link("A", "../../C.md") is None
    assert join_link("", "C:\\Windows\\x.md") is None


def test_hidden_paths() -> None:
    assert is_hidden(".obsidian/app.json") and is_hidden("a/.trash/x.md") and not is_hidden("a/b.md")


_SEGMENT = st.sampled_from(["a", "B c", ".", "..", "", "ü", "x.md", ".hidden", "n\u0308"])


@settings(max_examples=400, deadline=None)
@given(
    folder=st.lists(st.sampled_from(["f", "G h", "ü"]), max_size=3).map("/".join),
    link=st.tuples(st.booleans(), st.lists(_SEGMENT, max_size=5)).map(
        lambda t: ("/" if t[0] else "") + "/".join(t[1])
    ),
)
def test_join_link_fast_forms_agree_with_the_segment_walk(folder: str, link: str) -> None:
    assert join_link(folder, link) == _walk(folder, link)


@pytest.mark.parametrize("link", ["C:\\x.md", "c:/x.md", "\\\\server\\share\\x.md", "a\x00b"])
def test_join_link_refuses_os_absolute_paths_from_any_folder(link: str) -> None:
    assert join_link("", link) is None
    assert join_link("Folder", link) is None
