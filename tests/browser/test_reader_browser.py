"""The reader's features in headless Chromium (issue 14): the properties panel and its link, link
previews of a heading and a block (by hover, keyboard focus and long press; from backlinks and
properties; nested; in the dark palette), the local graph navigating on click, the global graph, the
explorer opening a 5,000-note folder, and the bounded sidebar. The vault is
tests/fixtures/reader_vault plus a folder of 5,000 generated notes (the benchmark's big folder).
Screenshots go to tests/browser/_out/ (tests/browser/conftest.py finds Chromium).
"""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from tests import FIXTURES
from tests.browser.conftest import build_and_serve, shot

VAULT = FIXTURES / "reader_vault"
BIG = 5000

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("reader")
    vault = tmp / "vault"
    shutil.copytree(VAULT, vault)
    (vault / "Big").mkdir()
    for i in range(BIG):
        (vault / "Big" / f"Item {i:04d}.md").write_text(f"Item {i} links [[Ideas]].\n", encoding="utf-8")
    yield from build_and_serve(tmp, vault)


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture vault alone, built with Material's instant navigation on."""
    tmp = tmp_path_factory.mktemp("instant")
    with socket.socket() as probe:  # a free port, for the site_url
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Instant navigation follows only links the sitemap lists, which needs the site's own URL.
    user_config = {
        "site_url": f"http://127.0.0.1:{port}/",
        "theme": {"name": "material", "features": ["navigation.instant"]},
    }
    yield from build_and_serve(tmp, VAULT, port, user_config=user_config)


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())  # no network
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert errors == []


def _ready(page: Any, url: str) -> None:
    """Open `url` and wait until reader.js has its listeners in place (it starts after fetching
    the site's reader.json): a hover or touch before that would go unseen."""
    page.goto(url)
    page.wait_for_function("document.body.getAttribute('data-obsidian-reader') === 'ready'")


def _shot(page: Any, name: str) -> None:
    shot(page, f"reader-{name}", full_page=False)


def test_properties_panel_link_navigates(page: Any, site_url: str) -> None:
    page.goto(site_url + "Books/Out%20of%20Control/")
    panel = page.locator(".obsidian-properties")
    assert panel.locator("dt", has_text="year").count() == 1
    assert panel.locator('[data-type="checkbox"] input:checked').count() == 1
    assert panel.locator("dt", has_text="title").count() == 0  # the title is the page's, not a row
    _shot(page, "properties")
    panel.locator("a", has_text="Kevin Kelly").click()
    page.wait_for_url(re.compile(r"People/Kevin%20Kelly/$"))


def test_preview_of_heading_and_block_links(page: Any, site_url: str) -> None:
    _ready(page, site_url)
    page.locator("article a", has_text="Kevin Kelly > Work").hover()
    preview = page.locator(".obsidian-preview").first
    preview.wait_for()
    page.wait_for_function("document.querySelector('.obsidian-preview').textContent.includes('technology')")
    assert "Co-founder" not in preview.text_content()  # the section, not the whole note
    _shot(page, "preview-heading")
    page.keyboard.press("Escape")
    assert page.locator(".obsidian-preview").count() == 0
    page.locator("article a", has_text="Kevin Kelly > ^work-summary").hover()
    page.wait_for_function(
        "(document.querySelector('.obsidian-preview') || {textContent: ''}).textContent.includes('Writes about')"
    )
    text = page.locator(".obsidian-preview").first.text_content()
    assert "Writes about technology and culture" in text and "Co-founder" not in text and "Work" not in text
    _shot(page, "preview-block")


def test_local_graph_navigates_on_click(page: Any, site_url: str) -> None:
    page.goto(site_url + "People/Kevin%20Kelly/")
    page.wait_for_function(
        "document.querySelector('.obsidian-graph-local') && document.querySelector('.obsidian-graph-local').view"
    )
    nodes = page.evaluate(
        "(() => { const v = document.querySelector('.obsidian-graph-local').view;"
        " return v.nodes.map((n, i) => v.screenOf(i)); })()"
    )
    assert sorted(n["title"] for n in nodes) == ["Ideas", "Kevin Kelly", "Out of Control"]
    target = next(n for n in nodes if n["title"] == "Out of Control")
    page.locator(".obsidian-graph-local").scroll_into_view_if_needed()
    nodes = page.evaluate(
        "(() => { const v = document.querySelector('.obsidian-graph-local').view;"
        " return v.nodes.map((n, i) => v.screenOf(i)); })()"
    )
    target = next(n for n in nodes if n["title"] == "Out of Control")
    _shot(page, "local-graph")
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(re.compile(r"Books/Out%20of%20Control/$"))


def test_global_graph_draws_and_searches(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".obsidian-graph-button").click()
    page.wait_for_url(re.compile(r"graph/$"))
    page.wait_for_function(
        "document.querySelector('[data-obsidian-graph=global]').hasAttribute('data-first-draw-ms')"
    )
    stats = page.locator(".obsidian-graph-stats").text_content()
    assert stats.startswith(f"{BIG + 4} notes") and "1 orphans" in stats  # Lonely.md links nowhere
    page.locator(".obsidian-graph-search").fill("Kevin")
    assert page.locator("[data-obsidian-graph=global]").get_attribute("data-matches") == "1"
    page.locator(".obsidian-graph-group").select_option("folder")
    _shot(page, "global-graph")


def test_explorer_opens_a_big_folder(page: Any, site_url: str) -> None:
    page.goto(site_url + "Big/Item%201500/")
    section = page.locator(".md-nav__item--active .md-nav__item--active, .md-nav__item--active").first
    assert section.count() == 1
    links = page.locator(".md-sidebar--primary a.md-nav__link").count()
    assert links < 80, links  # a window of the folder, not all 5,000
    assert page.locator(".md-sidebar--primary a", has_text="more in this folder").count() == 1
    page.locator(".obsidian-explorer-button").click()
    folder = page.locator(".obsidian-explorer details", has=page.locator("summary", has_text="Big"))
    folder.wait_for()
    assert folder.get_attribute("open") is not None  # the current page's folder opens
    assert folder.locator("a[href*='Item']").count() == BIG
    assert folder.locator("a[aria-current=page]").text_content() == "Item 1500"
    _shot(page, "explorer")


def test_instant_navigation_keeps_graph_and_previews(browser: Any, instant_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(instant_url + "Books/Out%20of%20Control/", wait_until="networkidle")  # sitemap loaded
        page.evaluate("window.__sameDocument = true")  # gone after a full page load
        page.locator(".obsidian-properties a", has_text="Kevin Kelly").click()
        page.wait_for_url(re.compile(r"People/Kevin%20Kelly/$"))
        assert page.evaluate("window.__sameDocument === true")  # Material swapped the content in
        page.wait_for_function("document.querySelector('.obsidian-graph-local') !== null")
        assert page.locator(".obsidian-graph-local").count() == 1
        page.locator("article a", has_text="Out of Control").first.hover()
        page.wait_for_function(
            "(document.querySelector('.obsidian-preview') || {textContent: ''}).textContent.includes('tour')"
        )
        _shot(page, "instant-preview")
    finally:
        context.close()


def _preview_text(page: Any, level: int, text: str) -> str:
    """The text of the preview at nesting `level` once it holds `text`."""
    page.wait_for_function(
        f"(document.getElementById('obsidian-preview-{level}') || {{textContent: ''}}).textContent.includes({text!r})"
    )
    return str(page.locator(f"#obsidian-preview-{level}").text_content())


def test_keyboard_focus_backlink_and_nested_previews(page: Any, site_url: str) -> None:
    _ready(page, site_url + "People/Kevin%20Kelly/")
    page.locator(".obsidian-backlinks a", has_text="Out of Control").focus()  # no pointer: focus-visible
    assert "machines and living systems" in _preview_text(page, 0, "tour")
    page.locator("#obsidian-preview-0 a").get_by_text("emergence", exact=True).hover()  # inside the preview
    nested = _preview_text(page, 1, "Simple parts")
    assert "Unrelated text" in nested and page.locator(".obsidian-preview").count() == 2
    _shot(page, "preview-nested")
    page.keyboard.press("Escape")
    assert page.locator(".obsidian-preview").count() == 0


def test_property_link_previews_its_block(page: Any, site_url: str) -> None:
    _ready(page, site_url + "Books/Out%20of%20Control/")
    page.locator(".obsidian-properties a", has_text="the swarm").hover()
    text = _preview_text(page, 0, "A swarm decides")
    assert "Simple parts" not in text and "Unrelated" not in text  # the block alone


def test_long_press_previews_on_touch_screens(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 400, "height": 800}, has_touch=True, is_mobile=True)
    context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    page = context.new_page()
    try:
        _ready(page, site_url + "People/Kevin%20Kelly/")
        link = page.locator("article a", has_text="Out of Control").first
        link.dispatch_event("touchstart")
        page.wait_for_timeout(200)
        assert page.locator(".obsidian-preview").count() == 0  # a tap is not a long press
        assert "tour" in _preview_text(page, 0, "tour")  # held past 500 ms
        link.dispatch_event("touchend")
        link.click()  # the click that ends a long press does not follow the link
        assert page.url.endswith("People/Kevin%20Kelly/")
        _shot(page, "preview-touch")
    finally:
        context.close()


def test_previews_follow_the_dark_palette(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    page = context.new_page()
    try:
        _ready(page, site_url)  # Ideas, the home note
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        page.locator("article a", has_text="Kevin Kelly > Work").hover()
        _preview_text(page, 0, "technology")
        colours = page.evaluate(
            "(() => { const s = getComputedStyle(document.querySelector('.obsidian-preview'));"
            " return [s.backgroundColor, s.color]; })()"
        )
        back, fore = ([int(c) for c in re.findall(r"\d+", colour)[:3]] for colour in colours)
        assert sum(back) < 3 * 80 and sum(fore) > 3 * 150, colours  # light text on a dark box
        _shot(page, "preview-dark")
    finally:
        context.close()


def test_local_graph_of_a_hub_note_shows_its_nearest_300(page: Any, site_url: str) -> None:
    """Ideas is linked from all 5,000 notes of Big: its local graph keeps 300 (the layout is
    quadratic in the nodes) and says how many it left out."""
    page.goto(site_url)
    page.wait_for_function(
        "document.querySelector('.obsidian-graph-local') && document.querySelector('.obsidian-graph-local').view"
    )
    titles = page.evaluate("document.querySelector('.obsidian-graph-local').view.nodes.map(n => n.title)")
    assert len(titles) == 300 and "Ideas" in titles and "Kevin Kelly" in titles  # its own links first
    caption = page.locator(".obsidian-graph-local .obsidian-graph-stats").text_content()
    assert caption == f"300 notes shown, {BIG + 2 - 299} more linked not shown"


def test_backlinks_past_the_listed_ones_load_on_request(page: Any, site_url: str) -> None:
    """Ideas lists 200 of its 5,001 backlinks (Big's notes and Out of Control); "Show all" adds the rest from graph.json, by title."""
    _ready(page, site_url)
    items = page.locator(".obsidian-backlinks > ul > li")
    assert items.count() == 200
    more = page.locator(".obsidian-backlinks-more")
    assert more.text_content().startswith(f"… and {BIG + 1 - 200} more notes link here.")
    more.locator("button", has_text=f"Show all {BIG + 1}").click()
    page.wait_for_function("document.querySelector('.obsidian-backlinks-more') === null")
    titles = page.eval_on_selector_all(
        ".obsidian-backlinks > ul > li > a", "els => els.map(e => e.textContent)"
    )
    assert len(titles) == BIG + 1 == len(set(titles))
    assert titles == sorted(titles, key=str.lower) and {"Item 4999", "Out of Control"} <= set(titles)
