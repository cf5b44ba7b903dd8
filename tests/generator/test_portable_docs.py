"""`--portable-docs`: generated docs that bare MkDocs builds, with no plugin of the generator's.

The render fixture is rendered with `RenderOptions(portable=True)` and built by MkDocs' own `build`
with the fixture's mkdocs.yml: no tokens, links land on the right pages and ids, backlinks and alias
redirects are there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from render_support import FIXTURES, Rendered, render_vault

from generator.render.html_stash import MARK, OPEN


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rendered, Path]:
    tmp = tmp_path_factory.mktemp("portable")
    site = render_vault(tmp, portable=True)
    config = load_config(
        config_file=str(FIXTURES / "render_mkdocs" / "mkdocs.yml"),
        docs_dir=str(site.docs),
        site_dir=str(tmp / "site"),
    )
    assert not any(name.startswith("generator/") for name in config.plugins)
    build(config)
    return site, tmp / "site"


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
