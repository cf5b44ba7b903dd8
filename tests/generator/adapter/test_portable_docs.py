"""`--portable-docs`: generated docs that bare MkDocs builds, with no plugin of the generator's.

The render fixture is rendered with `RenderOptions(portable=True)` and built by MkDocs' own `build`
with the fixture's mkdocs.yml: no tokens, links land on the right pages and ids, backlinks and alias
redirects are there. The same fixture rendered the default way (pre-rendered HTML) and built with
the generator's plugin gives the same inline code and math as Python-Markdown makes of the portable
markdown: that is the reference the pre-rendering is held to.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.adapter.pages import PreRenderedHtml
from generator.render.html_stash import MARK, OPEN
from tests.generator.render_support import FIXTURES, Rendered, render_vault


def _build(tmp: Path, portable: bool) -> tuple[Rendered, Path]:
    site = render_vault(tmp, portable=portable)
    config = load_config(
        config_file=str(FIXTURES / "render_mkdocs" / "mkdocs.yml"),
        docs_dir=str(site.docs),
        site_dir=str(tmp / "site"),
    )
    assert not any(name.startswith("generator/") for name in config.plugins)
    if not portable:
        config.plugins["generator/html"] = PreRenderedHtml()
    build(config)
    return site, tmp / "site"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rendered, Path]:
    return _build(tmp_path_factory.mktemp("portable"), portable=True)


@pytest.fixture(scope="module")
def built_default(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rendered, Path]:
    return _build(tmp_path_factory.mktemp("default"), portable=False)


def test_docs_hold_plain_markdown(built: tuple[Rendered, Path]) -> None:
    site, _ = built
    for page in site.docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert OPEN not in text and MARK not in text, page
    assert "Plain [Target](Target.md)," in site.raw("Links.md")
    assert (site.docs / "Goal" / "index.html").is_file()  # the alias redirect is a docs file


def test_bare_mkdocs_site_links_backlinks_and_redirects(built: tuple[Rendered, Path]) -> None:
    _, out = built
    links = (out / "Links" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../Target/">Target</a>' in links
    assert '<a href="../Target/#section-two">' in links
    target = (out / "Target" / "index.html").read_text(encoding="utf-8")
    assert 'class="obsidian-backlinks"' in target and '<a href="../Links/">Links</a>' in target
    redirect = (out / "Goal" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../Target/"' in redirect


_INLINE = re.compile(r'<code>[^<]*</code>|<span class="arithmatex">[^<]*</span>')


def test_pre_rendered_code_and_math_are_what_python_markdown_makes(
    built: tuple[Rendered, Path], built_default: tuple[Rendered, Path]
) -> None:
    site, portable_out = built
    default_site, default_out = built_default
    assert (
        "<code>code with [[link]]</code>" in default_site.raw("Formatting.md").split(MARK)[1]
    )  # pre-rendered
    compared = 0
    for page in portable_out.rglob("index.html"):
        reference = _INLINE.findall(page.read_text(encoding="utf-8"))
        ours = _INLINE.findall((default_out / page.relative_to(portable_out)).read_text(encoding="utf-8"))
        assert ours == reference, page
        compared += len(reference)
    assert compared > 20


def test_search_reads_pre_rendered_code_and_math_as_python_markdown_makes_them(
    built: tuple[Rendered, Path], built_default: tuple[Rendered, Path]
) -> None:
    """Material's search keeps `<code>` in what it indexes: it must see the same either way."""

    def entries(out: Path) -> list[dict[str, str]]:
        index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
        return [doc for doc in index["docs"] if doc["location"].startswith("Formatting/")]

    reference = entries(built[1])
    assert any("<code>code with [[link]]</code>" in doc["text"] for doc in reference)
    assert entries(built_default[1]) == reference


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">.*?</article>', re.S)


def test_pre_rendered_tag_pages_are_what_python_markdown_makes(
    built: tuple[Rendered, Path], built_default: tuple[Rendered, Path]
) -> None:
    """A tag page's list of notes is pre-rendered HTML by default, markdown in portable docs."""
    portable_out, default_out = built[1], built_default[1]
    assert "<a href=" in built_default[0].raw("tags/topic.md").split(MARK)[1]  # pre-rendered
    pages = sorted((portable_out / "tags").rglob("index.html"))
    assert len(pages) >= 3
    for page in pages:
        reference = _ARTICLE.findall(page.read_text(encoding="utf-8"))
        ours = _ARTICLE.findall((default_out / page.relative_to(portable_out)).read_text(encoding="utf-8"))
        assert ours == reference, page
        assert page.parent.name == "tags" or "<li><a href=" in reference[0]  # a tag's page lists notes
