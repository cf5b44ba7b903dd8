"""The rendered fixture built by real MkDocs Material: every link lands on a page and on an id it has."""

from __future__ import annotations

import logging
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.adapter.pages import PreRenderedHtml
from tests.generator.render_support import FIXTURES, Rendered, render_vault


class _Page(HTMLParser):
    """Ids and content links (inside <article>) of one built page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self._article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "article":
            self._article += 1
        if tag == "a" and self._article and a.get("href") and "headerlink" not in (a.get("class") or ""):
            self.links.append(str(a["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article -= 1


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rendered, Path, list[str]]:
    tmp = tmp_path_factory.mktemp("mkdocs")
    site = render_vault(tmp)
    config = load_config(
        config_file=str(FIXTURES / "render_mkdocs" / "mkdocs.yml"),
        docs_dir=str(site.docs),
        site_dir=str(tmp / "site"),
    )
    config.plugins["generator/html"] = PreRenderedHtml()  # as `python -m generator build` adds it
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                records.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(config)
    finally:
        logger.removeHandler(handler)
    return site, tmp / "site", records


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_mkdocs_reports_no_broken_link_or_anchor(built: tuple[Rendered, Path, list[str]]) -> None:
    _, _, warnings = built
    assert [w for w in warnings if "link" in w.lower() or "anchor" in w.lower()] == []


def test_every_content_link_lands_on_an_existing_id(built: tuple[Rendered, Path, list[str]]) -> None:
    site, out, _ = built
    checked = 0
    for html in out.rglob("index.html"):
        if html.parent.name in ("search", "assets"):
            continue
        for href in parse(html).links:
            url = urlsplit(href)
            if url.scheme or url.netloc:
                continue
            target = html if not url.path else (html.parent / unquote(url.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{html.relative_to(out)}: {href}"
            if url.fragment:
                assert unquote(url.fragment) in parse(target).ids, f"{html.relative_to(out)}: {href}"
                checked += 1
    assert checked >= 10


def test_heading_and_block_links_in_html(built: tuple[Rendered, Path, list[str]]) -> None:
    _, out, _ = built
    links = parse(out / "Links" / "index.html").links
    assert "../Target/#section-two" in links
    assert "../Target/#^blk" in links
    assert "../Folder/Sub%20Note/" in links
    target_ids = parse(out / "Target" / "index.html").ids
    assert {"section-two", "section-three", "^blk", "^item"} <= target_ids


def test_engine_anchors_are_the_ids_mkdocs_gives(built: tuple[Rendered, Path, list[str]]) -> None:
    site, out, _ = built
    for path, docs in site.result.pages.items():
        url = posixpath.splitext(docs)[0]
        html = out / ("index.html" if docs == "index.md" else posixpath.join(url, "index.html"))
        ids = parse(html).ids
        for heading in site.graph.notes[path].parsed.headings:
            assert heading.anchor in ids, f"{path}: {heading.text}"


def test_callouts_and_embeds_become_admonitions(built: tuple[Rendered, Path, list[str]]) -> None:
    _, out, _ = built
    callouts = (out / "Callouts" / "index.html").read_text()
    assert '<details class="warning">' in callouts and '<details class="example" open="open">' in callouts
    assert re.search(r'<div class="admonition note">\s*<p class="admonition-title">Outer</p>', callouts)
    embeds = (out / "Embeds" / "index.html").read_text()
    assert '<div class="admonition obsidian-embed obsidian-embed-block">' in embeds
    assert '<p class="admonition-title"><a href="../Target/#^blk">Target</a></p>' in embeds


def test_embeds_in_list_items_stay_in_the_item(built: tuple[Rendered, Path, list[str]]) -> None:
    _, out, _ = built
    html = (out / "Embed Lists" / "index.html").read_text()
    embed = r'\s*<div class="admonition obsidian-embed obsidian-embed-block">'
    assert re.search(r"<li>\s*<p>item one\s*</p>" + embed, html)
    assert re.search(r"<li>" + embed, html)
    assert re.search(r"<li>\s*<p>nested\s*</p>" + embed, html)
    assert re.search(r"<li>\s*<p>numbered</p>" + embed, html)
    assert "<p>!!!" not in html
