"""Base tables in a real headless Chromium: a click on a column header sorts the rows by that column
(numbers as numbers, dates by time, empty cells last; a second click reverses), the summary row
stays last. Expected orders are worked out by hand from tests/fixtures/bases_vault's books."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests import FIXTURES
from tests.browser.conftest import build_and_serve, shot

VAULT = FIXTURES / "bases_vault"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def bases_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("bases-browser")
    yield from build_and_serve(tmp, VAULT)


def first_column(tab: Any) -> list[str]:
    script = """() => Array.from(document.querySelector('[data-view="All books"] tbody').rows)
        .map(r => r.classList.contains('obsidian-base-summary') ? 'SUMMARY' : r.cells[0].innerText.trim())"""
    return tab.evaluate(script)  # type: ignore[no-any-return]


def test_click_a_header_to_sort(browser: Any, bases_site: str) -> None:
    tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
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
