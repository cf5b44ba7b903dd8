"""`python -m generator build` on tests/fixtures/canvas_vault/: canvas pages end to end, through MkDocs.

Expected values by hand from the fixture: Board.canvas (every node type), Broken.canvas (bad input,
drawn around), Invalid.canvas (not JSON: the build exits 1 with the site written), index.md
embedding the board, Notes/Alpha.md shown by three of its file nodes and a text node's link.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.__main__ import main
from tests import FIXTURES

VAULT = FIXTURES / "canvas_vault"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    tmp = tmp_path_factory.mktemp("canvas-site")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp)
        args = [
            "build",
            "--vault",
            str(VAULT),
            "--site-dir",
            str(tmp / "site"),
            "--build-dir",
            str(tmp / "b"),
        ]
        code = main([*args, "--device", "cpu", "-q"])
    return code, tmp / "site"


def test_an_unreadable_canvas_fails_the_build_but_the_site_is_written(site: tuple[int, Path]) -> None:
    code, folder = site
    assert code == 1
    page = (folder / "Invalid.canvas" / "index.html").read_text(encoding="utf-8")
    assert "This canvas could not be read" in page and "invalid JSON" in page


def test_canvas_pages_and_manifest(site: tuple[int, Path]) -> None:
    _, folder = site
    manifest = json.loads((folder / "vault-manifest.json").read_text(encoding="utf-8"))
    assert manifest["notes"]["Board.canvas"] == "Board.canvas/"
    assert manifest["notes"]["Broken.canvas"] == "Broken.canvas/"
    page = (folder / "Board.canvas" / "index.html").read_text(encoding="utf-8")
    assert '<div class="obsidian-canvas-stage" style="width:1230px;height:730px">' in page
    assert 'markdown="1"' not in page  # md_in_html read every block
    assert "<p><svg" not in page  # the edges stay one raw block
    assert '<a href="../Notes/Alpha/">Alpha</a>' in page
    assert not (folder / "Board.canvas" / "Board.canvas").exists()  # the JSON is not published as a file


def test_canvas_in_navigation(site: tuple[int, Path]) -> None:
    _, folder = site
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="Board.canvas/"' in home
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    assert "Board" in nav[: nav.index("</nav>")]


def test_embed_in_a_note(site: tuple[int, Path]) -> None:
    _, folder = site
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert '<div class="obsidian-canvas-embed">' in home
    assert '<a class="obsidian-canvas-open" href="Board.canvas/">Board</a>' in home
    assert home.count('class="obsidian-canvas-stage"') == 1  # the one in a callout is a link


def test_backlink_on_a_note_the_canvas_shows(site: tuple[int, Path]) -> None:
    _, folder = site
    alpha = (folder / "Notes" / "Alpha" / "index.html").read_text(encoding="utf-8")
    backlinks = alpha[alpha.index('<section class="obsidian-backlinks"') :]
    assert '<a href="../../Board.canvas/">Board</a>' in backlinks


def test_search_index_has_text_node_words(site: tuple[int, Path]) -> None:
    _, folder = site
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"] if doc["location"].startswith("Board.canvas/")]
    assert any("Quokkaboard" in t for t in texts)


def test_assets_are_shipped(site: tuple[int, Path]) -> None:
    _, folder = site
    page = (folder / "Board.canvas" / "index.html").read_text(encoding="utf-8")
    assert "_obsidian/canvas.css" in page and "_obsidian/canvas.js" in page
    assert (folder / "_obsidian" / "canvas.js").is_file() and (folder / "_obsidian" / "canvas.css").is_file()
