"""Highlighted code with Pygments' set-up kept per process (`generator.speedups.highlight_memo`) is the same
HTML as without it, and the set-up runs once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import markdown
import pytest
from pygments.formatters.html import HtmlFormatter

from generator.speedups import highlight_memo

BLOCKS = [
    ("python", "def f(x):\n    return x ** 2  # square\n"),
    ("js", "const f = (x) => x * 2;\n"),
    ("Python", "print('capitalised name')\n"),
    ("no-such-language", "plain <text> & more\n"),
    ("", "no language at all\n"),
    ("yaml", "key: [1, 2]\n"),
    ("python", "x = 1\n"),  # again, after other names
    ("no-such-language", "asked again\n"),
]

CONFIGS: list[dict[str, Any]] = [
    {},
    {"pygments_style": "monokai", "noclasses": True},  # inline styles read the style table
    {"css_class": "code", "linenums": True, "anchor_linenums": True},
    {"pygments_style": "friendly", "noclasses": True, "guess_lang": True},
]


def page() -> str:
    fences = "\n\n".join(f"```{lang}\n{code}```" for lang, code in BLOCKS)
    return f"{fences}\n\nInline `#!python x = 1` and `#!nolang y`.\n"


def convert(config: dict[str, Any]) -> str:
    md = markdown.Markdown(
        extensions=["pymdownx.highlight", "pymdownx.superfences", "pymdownx.inlinehilite"],
        extension_configs={"pymdownx.highlight": config},
    )
    return md.convert(page())


@pytest.fixture
def memo() -> Iterator[None]:
    highlight_memo.install()
    try:
        yield
    finally:
        highlight_memo.uninstall()


@pytest.mark.parametrize("config", CONFIGS)
def test_same_html_as_without(config: dict[str, Any], memo: None) -> None:
    cached = [convert(config), convert(config)]  # filled, then from the memo
    highlight_memo.uninstall()
    plain = convert(config)
    assert cached == [plain, plain]
    assert plain.count("highlight") + plain.count('class="code"') >= len(BLOCKS)


def test_the_style_table_is_built_once_per_style(memo: None, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Any] = []
    original = highlight_memo._ORIGINAL_STYLESHEET

    def counting(self: Any) -> None:
        built.append(self.style)
        original(self)

    monkeypatch.setattr(highlight_memo, "_ORIGINAL_STYLESHEET", counting)
    convert({})
    convert({"pygments_style": "monokai", "noclasses": True})
    convert({})
    assert len(built) == 2 and built[0] != built[1]
    assert HtmlFormatter._create_stylesheet is highlight_memo._create_stylesheet
