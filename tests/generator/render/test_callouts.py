"""Callouts -> Material admonitions: typed, titled, folding, nested, holding other blocks."""

from __future__ import annotations

import pytest

from tests.generator.render_support import EXPECTED, Rendered, render_vault


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("callouts"))


def test_callouts_page_matches_hand_written_markdown(site: Rendered) -> None:
    assert site.read("Callouts.md") == (EXPECTED / "Callouts.md").read_text(encoding="utf-8")


def test_list_and_code_stay_inside_callout(site: Rendered) -> None:
    body = site.page("Callout Contents.md")[1]
    assert (
        '!!! question "Holds things"\n    - a list item\n    - another with <a href="../Target/">Target</a>\n'
        in body
    )
    # Code keeps its text byte for byte (no link made of "[[not a link]]").
    assert '    ```python\n    x = "[[not a link]]"\n    ```' in body


def test_embed_inside_callout_is_indented_into_it(site: Rendered) -> None:
    body = site.page("Callout Contents.md")[1]
    assert '    !!! obsidian-embed obsidian-embed-block "[Target](Target.md#^item)"' in body
    assert "\n        - second item" in body


def test_nested_folded_callout_with_image(site: Rendered) -> None:
    body = site.page("Callout Contents.md")[1]
    assert (
        '    ??? tip "Nested and folded"\n        ![pic.png](images/pic.png){ .obsidian-image width="50" }'
        in body
    )


def test_math_inside_callout(site: Rendered) -> None:
    assert site.read("Callout Math.md") == (EXPECTED / "Callout Math.md").read_text(encoding="utf-8")
