"""Docs paths to links and URLs (MkDocs' own URL rules are the reference)."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

import pytest
from mkdocs.structure.files import File

from generator.render.urls import (
    MAX_SEGMENT_BYTES,
    md_href,
    page_url,
    relative_path,
    short_path,
    short_segment,
    url_between,
    url_from_page,
)


@pytest.mark.parametrize(
    ("src", "dest", "expected"),
    [
        ("a.md", "b.md", "b.md"),
        ("Folder/a.md", "b.md", "../b.md"),
        ("a.md", "Folder/Sub Note.md", "Folder/Sub Note.md"),
        ("x/y/a.md", "x/z/b.md", "../z/b.md"),
    ],
)
def test_relative_path(src: str, dest: str, expected: str) -> None:
    assert relative_path(src, dest) == expected


def test_md_href_quotes_spaces_and_keeps_anchor() -> None:
    assert md_href("a.md", "Folder/Sub Note.md", "part-two") == "Folder/Sub%20Note.md#part-two"


def test_md_href_same_page_anchor_is_fragment_only() -> None:
    assert md_href("Folder/a.md", "Folder/a.md", "^blk") == "#^blk"


def test_md_href_escapes_hash_and_question_mark_in_names() -> None:
    assert md_href("a.md", "C# notes?.md") == "C%23%20notes%3F.md"


@pytest.mark.parametrize("use_directory_urls", [True, False])
@pytest.mark.parametrize(
    "docs_path", ["index.md", "Note.md", "Folder/Sub Note.md", "Folder/index.md", "Folder/README.md"]
)
def test_page_url_matches_mkdocs(docs_path: str, use_directory_urls: bool) -> None:
    mkdocs_file = File(docs_path, "/docs", "/site", use_directory_urls)
    expected = mkdocs_file.url if mkdocs_file.url != "./" else ""
    assert page_url(docs_path, use_directory_urls) == unquote(expected)


def test_url_from_page_with_directory_urls() -> None:
    # Folder/Note.md is served at Folder/Note/, one level deeper than its file.
    assert url_from_page("Folder/Note.md", "media/a b.mp3") == "../../media/a%20b.mp3"
    assert url_from_page("index.md", "media/a.mp3") == "media/a.mp3"


def test_url_from_page_without_directory_urls() -> None:
    assert url_from_page("Folder/Note.md", "media/a.mp3", use_directory_urls=False) == "../media/a.mp3"


def test_url_between_folders_keeps_trailing_slash() -> None:
    assert url_between("Folder/Alias/", "Folder/Note/") == "../Note/"
    assert url_between("Alias/", "") == "../"


@pytest.mark.parametrize(
    ("src", "dest"),
    [
        ("a/b/c.md", "a/b/d.md"),
        ("a/b/c.md", "a/x/y/d.md"),
        ("a/b/c.md", "e.md"),
        ("a.md", "a/b.md"),
        ("a/b.md", "a/b/c.md"),
        ("ab/c.md", "a/c.md"),
        ("x/y/z/w.md", "x/q.md"),
    ],
)
def test_relative_path_agrees_with_posixpath(src: str, dest: str) -> None:
    assert relative_path(src, dest) == posixpath.relpath(dest, posixpath.dirname(src) or ".")


def _url_between_reference(from_url: str, to_url: str) -> str:
    """The same computed with posixpath.relpath (slower, obviously right)."""
    base = from_url[:-1] if from_url.endswith("/") else posixpath.dirname(from_url)
    rel = posixpath.relpath(to_url or ".", base or ".")
    if (to_url == "" or to_url.endswith("/")) and not rel.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


@pytest.mark.parametrize("from_url", ["", "a/", "a/b/", "a/b.html", "index.html", "a/index.html", "x/y/z/"])
@pytest.mark.parametrize("to_url", ["", "a/", "a/b/", "a/c/", "a/b.html", "c.pdf", "q/r/s.pdf", "x/y/"])
def test_url_between_agrees_with_posixpath(from_url: str, to_url: str) -> None:
    assert url_between(from_url, to_url) == _url_between_reference(from_url, to_url)


def test_short_segment_keeps_names_that_fit() -> None:
    assert short_segment("漢字のノート.md") == "漢字のノート.md"
    assert short_path("a/b c/d.md") == "a/b c/d.md"


def test_short_segment_cuts_long_names_at_a_character_with_a_hash() -> None:
    long_one, long_two = "長" * 83 + "一.md", "長" * 83 + "二.md"  # 255 bytes each, same first 249
    a, b = short_segment(long_one), short_segment(long_two)
    assert a != b  # the hash of the whole name tells them apart
    assert a == short_segment(long_one)  # deterministic
    for short in (a, b):
        assert len(short.encode("utf-8")) <= MAX_SEGMENT_BYTES
        assert short.endswith(".md") and short.startswith("長" * 60)
        short.encode("utf-8").decode("utf-8")  # whole characters only


def test_short_path_shortens_every_long_segment() -> None:
    path = short_path("ф" * 110 + "/" + "x" * 300 + ".md")
    assert all(len(part.encode("utf-8")) <= MAX_SEGMENT_BYTES for part in path.split("/"))
    assert path.count("/") == 1 and path.endswith(".md")
