"""Material page settings come only from the `mkdocs:` property (or the `page_settings` option), checked.

Expected values follow Material's documented front matter (icon: a path under `.icons`, hide: a list
of navigation/toc/footer/path/tags/feedback, status: a word, search: {exclude, boost}, template: a
theme template); the icons are looked up in a small hand-made `.icons` folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.engine.model import Code, Note, VaultPath
from generator.engine.parse import parse_note
from generator.render.page_settings import PageSettings, page_settings, property_line
from generator.render.pages import frontmatter


def note(text: str, path: str = "Folder/Note.md") -> Note:
    return Note(VaultPath(path), text, parse_note(path, text))


@pytest.fixture
def theme(tmp_path: Path) -> PageSettings:
    (tmp_path / ".icons" / "material").mkdir(parents=True)
    (tmp_path / ".icons" / "material" / "tree.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "home.html").write_text("{{ page.content }}", encoding="utf-8")
    return PageSettings(icon_dirs=(tmp_path / ".icons",), template_dirs=(tmp_path,))


HAZARDS = """---
icon: trees
status: draft
template: daily
hide: yes
search: no
title: 1234
tags: one, two
nav: false
edit_url: x
description: 12
nested: {a: [1, 2]}
date: 2024-01-05
created: "{{date}}"
nothing:
---
body
"""


def test_plain_properties_are_data_not_settings(theme: PageSettings) -> None:
    data, problems = frontmatter(note(HAZARDS), theme)
    assert data == {"title": "1234", "description": "12", "tags": ["one", "two"]}
    assert problems == []


def test_the_mkdocs_property_sets_checked_settings(theme: PageSettings) -> None:
    text = "---\nmkdocs:\n  icon: material/tree\n  hide: [toc, footer]\n  status: new\n"
    text += "  search: {exclude: true}\n  template: home.html\n---\nbody\n"
    values, problems = page_settings(note(text), theme)
    assert values == {
        "icon": "material/tree",
        "hide": ["toc", "footer"],
        "status": "new",
        "search": {"exclude": True},
        "template": "home.html",
    }
    assert problems == []


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("icon", "trees"),  # not a path under .icons
        ("icon", "material/no-such-icon"),  # no such file
        ("icon", "[material/tree]"),
        ("hide", "[sidebar]"),
        ("hide", "yes"),
        ("status", "two words"),
        ("search", "no"),
        ("search", "{exclude: maybe}"),
        ("template", "missing.html"),
        ("template", "../../etc/passwd.html"),
        ("colour", "red"),
    ],
)
def test_a_bad_setting_is_a_warning_on_its_line(theme: PageSettings, line: str, value: str) -> None:
    good, good_value, expected = ("status", "new", "new") if line != "status" else ("hide", "[toc]", ["toc"])
    text = f"---\ntitle: T\nmkdocs:\n  {good}: {good_value}\n  {line}: {value}\n---\nbody\n"
    values, problems = page_settings(note(text), theme)
    assert values == {good: expected}
    assert len(problems) == 1
    assert (problems[0].path, problems[0].line, problems[0].severity) == ("Folder/Note.md", 5, "warning")
    assert f"'mkdocs.{line}'" in problems[0].message


def test_mkdocs_that_is_not_a_map_is_a_warning(theme: PageSettings) -> None:
    values, problems = page_settings(note("---\nmkdocs: material/tree\n---\n"), theme)
    assert values == {}
    assert [(p.line, p.code) for p in problems] == [(2, Code.INVALID_PROPERTY)]


def test_the_page_settings_option_reads_top_level_properties(theme: PageSettings) -> None:
    allowed = PageSettings(allowed=("icon",), icon_dirs=theme.icon_dirs, template_dirs=theme.template_dirs)
    text = "---\nicon: material/tree\nhide: [toc]\n---\n"
    assert page_settings(note(text), allowed) == ({"icon": "material/tree"}, [])
    values, problems = page_settings(note("---\nicon: trees\n---\n"), allowed)
    assert values == {} and [(p.line, p.code) for p in problems] == [(2, Code.INVALID_PROPERTY)]
    text = "---\nicon: material/tree\nmkdocs: {icon: material/no-such}\n---\n"  # mkdocs: is checked too
    values, problems = page_settings(note(text), allowed)
    assert values == {"icon": "material/tree"} and [p.line for p in problems] == [3]


def test_property_line_finds_nested_keys() -> None:
    n = note("---\na: 1\nmkdocs:\n  hide: [toc]\n  icon: x\nb: 2\n---\nbody\n")
    assert property_line(n, "mkdocs") == 3
    assert property_line(n, "mkdocs", "icon") == 5
    assert property_line(n, "b") == 6
    assert property_line(n, "missing") == 1


def test_description_is_text_only_and_cssclasses_are_names(theme: PageSettings) -> None:
    data, _ = frontmatter(note("---\ndescription: [a, b]\ncssclasses: wide\n---\n"), theme)
    assert "description" not in data and data["cssclasses"] == ["wide"]
    data, _ = frontmatter(note("---\ndescription: true\ncssclasses: [a, 1, b]\n---\n"), theme)
    assert "description" not in data and data["cssclasses"] == ["a", "b"]
