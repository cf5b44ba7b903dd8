"""Canvas pages in a real headless Chromium: the static layout scaled to the column, pan and zoom,
and a note embedding a canvas. Screenshots go to tests/browser/_out/. Skipped where Chromium is
not installed (`make browser`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests import FIXTURES
from tests.browser.conftest import build_and_serve, shot

VAULT = FIXTURES / "canvas_vault"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def canvas_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("canvas-browser")
    yield from build_and_serve(tmp, VAULT)


def open_page(browser: Any, url: str, javascript: bool = True) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    tab = context.new_page()
    tab.problems = []
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    return tab


def rect(tab: Any, selector: str) -> dict[str, float]:
    return tab.evaluate(f"() => document.querySelector({selector!r}).getBoundingClientRect().toJSON()")


def test_canvas_page_without_javascript_is_scaled_to_the_column(browser: Any, canvas_site: str) -> None:
    tab = open_page(browser, canvas_site + "Board.canvas/", javascript=False)
    box = rect(tab, ".obsidian-canvas")
    stage = rect(tab, ".obsidian-canvas-stage")
    # the stage (1230 x 730 px) fills the box's width, at the canvas's proportions
    inner = tab.evaluate("() => document.querySelector('.obsidian-canvas').clientWidth")  # less the border
    assert inner < 1230
    assert stage["width"] == pytest.approx(inner, abs=1)
    assert stage["height"] == pytest.approx(inner * 730 / 1230, abs=1)
    assert box["height"] == pytest.approx(box["width"] * 730 / 1230, abs=1.5)
    # t1 sits at (100, 140) of the stage, scaled
    scale = stage["width"] / 1230
    t1 = rect(tab, '[data-id="t1"]')
    assert t1["left"] - stage["left"] == pytest.approx(100 * scale, abs=1.5)
    assert t1["top"] - stage["top"] == pytest.approx(140 * scale, abs=1.5)
    assert tab.get_by_text("Quokkaboard words.").is_visible()
    shot(tab, "canvas-static")
    assert tab.problems == []
    tab.context.close()


def test_canvas_page_pans_zooms_and_fits(browser: Any, canvas_site: str) -> None:
    tab = open_page(browser, canvas_site + "Board.canvas/")
    assert tab.locator(".obsidian-canvas-controls button").count() == 3
    before = rect(tab, '[data-id="t1"]')
    tab.locator('.obsidian-canvas-controls button[title="Zoom in"]').click()
    zoomed = rect(tab, '[data-id="t1"]')
    assert zoomed["width"] == pytest.approx(before["width"] * 1.25, rel=0.02)
    box = rect(tab, ".obsidian-canvas")
    tab.mouse.move(box["left"] + 20, box["top"] + box["height"] - 20)
    tab.mouse.down()
    tab.mouse.move(box["left"] + 120, box["top"] + box["height"] - 60, steps=5)
    tab.mouse.up()
    panned = rect(tab, '[data-id="t1"]')
    assert panned["left"] - zoomed["left"] == pytest.approx(100, abs=2)
    assert panned["top"] - zoomed["top"] == pytest.approx(-40, abs=2)
    shot(tab, "canvas-zoomed")
    tab.locator('.obsidian-canvas-controls button[title="Fit"]').click()
    assert rect(tab, '[data-id="t1"]')["width"] == pytest.approx(before["width"], rel=0.02)
    assert tab.problems == []
    tab.context.close()


def test_note_embedding_a_canvas(browser: Any, canvas_site: str) -> None:
    tab = open_page(browser, canvas_site)
    embed = tab.locator(".obsidian-canvas-embed")
    assert embed.count() == 1 and embed.locator(".obsidian-canvas").is_visible()
    assert embed.get_by_text("Part one says zebrafinch.").count() == 1
    shot(tab, "canvas-embed")
    embed.locator("a.obsidian-canvas-open").click()
    tab.wait_for_url(canvas_site + "Board.canvas/")
    assert tab.problems == []
    tab.context.close()


def test_preset_colours_in_both_palettes(browser: Any, canvas_site: str) -> None:
    """Preset 1 (red) is Obsidian's light red in the default palette and its dark red in slate;
    a hex colour is the same in both."""
    tab = open_page(browser, canvas_site + "Board.canvas/")
    border = "(s) => getComputedStyle(document.querySelector(s)).borderTopColor"
    stroke = "(s) => getComputedStyle(document.querySelector(s)).stroke"
    tab.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'default')")
    assert tab.evaluate(border, '[data-id="t1"]') == "rgb(233, 49, 71)"  # #e93147
    assert tab.evaluate(border, '[data-id="l1"]') == "rgb(51, 102, 153)"  # #336699
    assert tab.evaluate(stroke, '[data-id="e2"] path') == "rgb(236, 117, 0)"  # preset 2, #ec7500
    tab.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert tab.evaluate(border, '[data-id="t1"]') == "rgb(251, 70, 76)"  # #fb464c
    assert tab.evaluate(border, '[data-id="l1"]') == "rgb(51, 102, 153)"
    assert tab.evaluate(stroke, '[data-id="e3"] path') == "rgb(255, 0, 170)"  # #ff00aa
    shot(tab, "canvas-dark")
    assert tab.problems == []
    tab.context.close()
