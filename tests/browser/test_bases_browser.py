"""Base tables in a real headless Chromium: a click on a column header sorts the rows by that column
(numbers as numbers, dates by time, empty cells last; a second click reverses), the summary row
stays last. Expected orders are worked out by hand from tests/fixtures/bases_vault's books."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from generator.adapter.config import Settings
from generator.adapter.pipeline import build_site
from tests import FIXTURES
from tests.browser.test_site_browser import ARGS, CHROMIUM, _QuietHandler, shot

VAULT = FIXTURES / "bases_vault"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def bases_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("bases-browser")
    settings = Settings(vault=VAULT, site_dir=tmp / "site", build_dir=tmp / "build", device="cpu", quiet=True)
    build_site(settings)
    handler = functools.partial(_QuietHandler, directory=str(settings.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def first_column(tab: Any) -> list[str]:
    script = """() => Array.from(document.querySelector('[data-view="All books"] tbody').rows)
        .map(r => r.classList.contains('obsidian-base-summary') ? 'SUMMARY' : r.cells[0].innerText.trim())"""
    return tab.evaluate(script)  # type: ignore[no-any-return]


def test_click_a_header_to_sort(chromium: Any, bases_site: str) -> None:
    tab = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.goto(bases_site + "Categories/Books/")
    tab.wait_for_load_state("networkidle")
    awoe, lhod, dune, children, disp = (
        "A Wizard of Earthsea",
        "The Left Hand of Darkness",
        "Dune",
        "Children of Dune",
        "The Dispossessed",
    )
    # As built: finished, newest first, the unfinished book last.
    assert first_column(tab) == [awoe, lhod, dune, children, disp, "SUMMARY"]
    header = tab.locator('[data-view="All books"] th[data-key="pages"]')
    header.click()  # pages: 183, 304, 387, 444, 612
    assert first_column(tab) == [awoe, lhod, disp, children, dune, "SUMMARY"]
    header.click()
    assert first_column(tab) == [dune, children, disp, lhod, awoe, "SUMMARY"]
    tab.locator('[data-view="All books"] th[data-key="finished"]').click()  # oldest first, empty last
    assert first_column(tab) == [children, dune, lhod, awoe, disp, "SUMMARY"]
    tab.locator('[data-view="All books"] th[data-key="file.name"]').click()
    assert first_column(tab) == [awoe, children, dune, disp, lhod, "SUMMARY"]
    shot(tab, "bases-table-sorted")
    assert problems == []
    tab.context.close()
