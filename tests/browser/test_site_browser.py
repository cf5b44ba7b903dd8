"""The built fixture site in a real headless Chromium (Debian's), served on localhost with no network.

Checks what a reader sees: a wikilink followed by clicking, an embedded section, a folding callout,
typeset math, loaded images, search, and a console free of errors. Screenshots go to tests/browser/_out/.
Chromium, the browser and the server: tests/browser/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests import FIXTURES
from tests.browser.conftest import build_and_serve, shot

VAULT = FIXTURES / "site_vault"
EXPLORE_VAULT = FIXTURES / "explore_vault"  # the comparison page and a function page linking to it

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture vault built and served by a plain static server on 127.0.0.1."""
    yield from build_and_serve(tmp_path_factory.mktemp("browser"), VAULT)


@pytest.fixture(scope="module")
def explore_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from build_and_serve(tmp_path_factory.mktemp("explore"), EXPLORE_VAULT)


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    """A fresh page that records console errors, page errors and failed requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = []
    tab.on(
        "console", lambda m: tab.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("requestfailed", lambda r: tab.problems.append(f"request failed: {r.url}"))
    tab.goto(site_url)
    tab.wait_for_load_state("networkidle")
    try:
        yield tab
    finally:
        context.close()


def test_home_page_shows_embed_math_and_images(page: Any) -> None:
    article = page.locator("article")
    assert page.locator("h1").first.inner_text().removesuffix("¶") == "Fixture home"  # ¶: the permalink
    assert article.get_by_text("Embedded section text appears on the home page.").is_visible()
    page.wait_for_function(
        "() => [...document.querySelectorAll('article .arithmatex')].every(e => e.querySelector('mjx-container svg'))"
    )
    assert page.locator("article .arithmatex").count() == 2
    text = article.inner_text()
    assert "$" not in text and "\\(" not in text and "\\[" not in text  # no raw TeX left
    images = page.evaluate(
        "() => [...document.querySelectorAll('article img')].map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])"
    )
    assert images and all(complete and width > 0 for _, complete, width in images), images
    shot(page, "home")
    assert page.problems == []


def test_callout_folds(page: Any) -> None:
    details = page.locator("article details", has_text="A folded tip")
    body = details.get_by_text("Hidden until opened")
    assert details.get_attribute("open") is None and not body.is_visible()
    details.locator("summary").click()
    assert details.get_attribute("open") is not None and body.is_visible()
    shot(page, "callout-open")
    details.locator("summary").click()
    page.wait_for_timeout(300)
    assert not body.is_visible()
    assert page.problems == []


def test_wikilink_is_followed_by_clicking(page: Any, site_url: str) -> None:
    page.locator("article a", has_text="Second note").first.click()
    page.wait_for_url(site_url + "Second%20note/")
    assert page.locator("h1").first.inner_text().removesuffix("¶") == "Second note"
    assert page.get_by_text("Reached from the home note by a wikilink.").is_visible()
    shot(page, "second-note")
    assert page.problems == []


def test_search_finds_a_word(page: Any) -> None:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(
        "zanzibarite", delay=20
    )  # typed, as a reader does
    result = page.locator(".md-search-result__item").first
    result.wait_for(state="visible", timeout=10_000)
    assert "Fixture home" in result.inner_text()
    shot(page, "search")
    assert page.problems == []


def _curve(page: Any, name: str, order: int) -> str:
    return str(page.locator(f'path.ae-curve[data-name="{name}"][data-order="{order}"]').get_attribute("d"))


def test_compare_page_redraws_when_a_slider_moves(page: Any, explore_url: str) -> None:
    page.goto(explore_url + "Compare/")
    page.wait_for_selector('path.ae-curve[data-name="elu"][data-order="0"]')
    assert page.locator("path.ae-curve").count() == 6  # relu and elu, f f' f'' each
    before = [_curve(page, "elu", order) for order in (0, 1, 2)]
    relu = _curve(page, "relu", 0)
    slider = page.locator('input[type="range"][data-name="elu"][data-param="alpha"]')
    assert slider.input_value() == "2"  # alpha = 1.0, the third of 0.1, 0.5, 1, 1.5, 2
    slider.fill("0")  # alpha = 0.1
    page.wait_for_function(
        "d => document.querySelector('path.ae-curve[data-name=\"elu\"][data-order=\"0\"]').getAttribute('d') !== d",
        arg=before[0],
    )
    after = [_curve(page, "elu", order) for order in (0, 1, 2)]
    assert [a != b for a, b in zip(after, before, strict=True)] == [True, True, True], (before, after)
    assert page.locator(".ae-row[data-name='elu']").inner_text().count("alpha = 0.1") == 1
    assert _curve(page, "relu", 0) == relu  # only the moved function changed
    shot(page, "compare")
    assert page.problems == []


def test_compare_page_adds_a_picked_function_and_is_linked_from_function_pages(
    page: Any, explore_url: str
) -> None:
    page.goto(explore_url + "ELU/")
    page.locator("article a", has_text="Compare interactively").click()
    page.wait_for_url(explore_url + "Compare/?f=elu")
    page.wait_for_selector('path.ae-curve[data-name="elu"]')
    assert page.locator('path.ae-curve[data-name="relu"]').count() == 0  # ?f=elu replaces the default pick
    page.locator('input[type="checkbox"][data-name="sparsemax"]').check()
    page.wait_for_selector('path.ae-curve[data-name="sparsemax"][data-order="0"]')
    page.locator('input[type="checkbox"][data-order="2"]').uncheck()
    assert page.locator('path.ae-curve[data-order="2"]').count() == 0
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
    stroke = page.evaluate(
        "() => getComputedStyle(document.querySelector('path.ae-curve[data-name=\"elu\"]')).stroke"
    )
    assert stroke == "rgb(100, 181, 246)"  # the dark palette's first colour, #64b5f6
    shot(page, "compare-dark")
    assert page.problems == []
