"""The site checker of the engine tests finds what it is there to find: tests/fixtures/site_check holds
a two-page site with, by hand, one broken link, one missing id, one missing script and one link
above the site's root, beside links that work."""

from __future__ import annotations

from pathlib import Path

from tests.generator.adapter.site_check import read_site

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site_check"


def test_finds_each_broken_reference_and_nothing_else() -> None:
    problems = {(p.page, p.url) for p in read_site(SITE).problems()}
    assert problems == {
        ("index.html", "js/missing.js"),
        ("index.html", "Note/#nowhere"),
        ("index.html", "Gone/"),
        ("Note/index.html", "../../outside/"),
    }


def test_follows_links_refresh_and_sections() -> None:
    site = read_site(SITE)
    home, note = site.page(""), site.page("Note/")
    assert [site.target(home, r) for r in home.links_in("obsidian-backlinks")] == [note]
    refresh = [r for r in note.refs if r.tag == "meta"]
    assert [site.target(note, r) for r in refresh] == [home]
    assert "Part" in note.text and "present" not in home.text
