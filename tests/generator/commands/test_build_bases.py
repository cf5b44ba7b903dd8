"""`python -m generator build` on tests/fixtures/bases_vault: embedded bases, a `base` block, `.base`
pages in the manifest and the navigation; a broken base fails the build with the site written.

Expected rows are written by hand from the fixture's properties (see
tests/generator/queries/test_fixture_vault.py for the table of books).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.__main__ import main
from tests import FIXTURES

VAULT = FIXTURES / "bases_vault"


def build(tmp: Path, vault: Path = VAULT) -> int:
    args = ["build", "--vault", str(vault), "--site-dir", str(tmp / "site"), "--build-dir", str(tmp / "b")]
    return main([*args, "--device", "cpu", "-q"])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("bases")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp)
        assert build(tmp) == 0
    return tmp / "site"


def page(site: Path, url: str) -> str:
    """The page's HTML, character references resolved (a base's text writes markdown's specials as them)."""
    return html.unescape((site / unquote(url) / "index.html").read_text(encoding="utf-8"))


def link_texts(html: str) -> list[str]:
    return re.findall(r'<a class="obsidian-link" href="[^"]*">([^<]*)</a>', html)


def first_view(html: str) -> str:
    start = html.index('<div class="obsidian-base ')
    return html[start : html.index("</table>", start)]


def test_manifest_lists_base_pages(site: Path) -> None:
    notes = json.loads((site / "vault-manifest.json").read_text(encoding="utf-8"))["notes"]
    for name in ("Books", "Genre", "Author", "Places"):
        assert notes[f"Bases/{name}.base"] == f"Bases/{name}.base/"
        assert page(site, notes[f"Bases/{name}.base"]).count("<title>") == 1


def test_embedded_base_shows_first_view_rows_in_order(site: Path) -> None:
    html = page(site, "Categories/Books/")
    view = first_view(html)
    assert 'data-view="All books"' in view
    assert "5 results" in view
    rows = re.findall(r"<tr><td[^>]*>(.*?)</td>", view)
    titles = [re.sub(r"<[^>]+>", "", r) for r in rows]
    assert titles == [
        "A Wizard of Earthsea",
        "The Left Hand of Darkness",
        "Dune",
        "Children of Dune",
        "The Dispossessed",
    ]
    assert '<th scope="col" data-key="rating">Rating</th>' in view  # displayName
    assert "<time>2024-03-10</time>" in view


def test_named_view_embed(site: Path) -> None:
    html = page(site, "Categories/Books/")
    assert 'data-view="By rating"' in html
    part = html[html.index('data-view="By rating"') :]
    part = part[: part.index("</table>")]
    assert "3 results (of 5; limit 3)" in part
    assert link_texts(part) == ["A Wizard of Earthsea", "The Left Hand of Darkness", "The Dispossessed"]


def test_rows_link_to_their_pages(site: Path) -> None:
    html = page(site, "Categories/Books/")
    hrefs = re.findall(r'<a class="obsidian-link" href="([^"]*)"', first_view(html))
    assert hrefs
    for href in hrefs:
        target = (site / "Categories" / "Books" / unquote(href)).resolve()
        assert (target / "index.html").is_file(), href


def test_base_code_block_is_evaluated_in_place(site: Path) -> None:
    html = page(site, "Reading%20log/")
    assert "```base" not in html and "filters:" not in html
    view = first_view(html)
    assert link_texts(view) == ["The Left Hand of Darkness", "A Wizard of Earthsea"]
    # formula days_in: 2024-03-10 and 2024-07-21 are 69 and 202 days after 2024-01-01
    assert re.findall(r'<td data-sort="(\d+)">\1</td>', view) == ["69", "202"]


def test_this_is_the_embedding_note(site: Path) -> None:
    assert link_texts(first_view(page(site, "Genres/Fantasy/"))) == ["A Wizard of Earthsea"]
    herbert = page(site, "Authors/Frank%20Herbert/")
    start = herbert.index('<div class="obsidian-base ')
    assert link_texts(herbert[start : herbert.index("</ul>", start)]) == ["Children of Dune", "Dune"]


def test_base_page_shows_every_view(site: Path) -> None:
    html = page(site, "Bases/Books.base/")
    for name in ("All books", "By rating", "Covers", "Unread", "By author"):
        assert f'data-view="{name}"' in html
    assert html.count('class="obsidian-base-card"') == 5
    assert 'src="../../covers/dune.png"' in html


def test_map_view_lists_places(site: Path) -> None:
    html = page(site, "Categories/Places/")
    assert "map tiles" in html
    assert '<td data-sort="48.85837">48.85837</td>' in html


def test_sort_script_and_styles_ship(site: Path) -> None:
    assert (site / "_obsidian" / "bases.js").is_file()
    html = page(site, "Categories/Books/")
    assert "_obsidian/bases.js" in html
    assert "_obsidian/bases.css" in html


def test_base_page_in_navigation(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="Bases/Books.base/"' in home


def test_broken_base_fails_the_build_but_the_site_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "v"
    shutil.copytree(VAULT, vault)
    (vault / "Bases" / "Broken.base").write_text(
        "formulas:\n  bad: rating.nosuch()\nviews:\n  - type: table\n    order: [formula.bad]\n",
        encoding="utf-8",
    )
    (vault / "Broken note.md").write_text("# Broken\n\n![[Broken.base]]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert build(tmp_path, vault) == 1
    err = capsys.readouterr().err
    assert "Bases/Broken.base:2: error: unknown function '.nosuch()' in `rating.nosuch()`" in err
    shown = page(tmp_path / "site", "Broken%20note/")
    assert "obsidian-base-error" in shown and "Bases/Broken.base:2: unknown function '.nosuch()'" in shown
    assert (tmp_path / "site" / "Categories" / "Books" / "index.html").is_file()
    # `check` reports the same error.
    assert main(["check", "--vault", str(vault)]) == 1
    out = capsys.readouterr().out
    assert f"{vault.as_posix()}/Bases/Broken.base:2: error: unknown function '.nosuch()'" in out
