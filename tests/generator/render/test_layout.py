"""Where pages land: vault paths kept, home -> index.md, permalinks, aliases as redirect pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.engine.vault import load_vault
from generator.render import RenderOptions, render_site
from generator.render.html_stash import split
from tests.generator.render_support import Rendered, expanded, render_vault


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("layout"))


def test_vault_paths_are_kept(site: Rendered) -> None:
    assert site.result.pages["Folder/Sub Note.md"] == "Folder/Sub Note.md"


def test_permalink(site: Rendered) -> None:
    assert site.result.pages["Folder/Permalinked.md"] == "perma/page.md"
    assert not (site.docs / "Folder/Permalinked.md").exists()


def test_links_follow_permalink(site: Rendered) -> None:
    assert '<a href="../perma/page/">Permalinked</a>' in site.page("Target.md")[1]


def redirects(site: Rendered, docs_path: str) -> dict[str, str]:
    """The redirect pages that ride with a page (written into the site with it)."""
    payload = split(site.raw(docs_path))[1]
    assert payload is not None
    return payload.files


def test_alias_redirect_page(site: Rendered) -> None:
    html = redirects(site, "Target.md")["Goal/index.html"]
    # Goal/ -> Target/ (use_directory_urls): one level up.
    assert '<meta http-equiv="refresh" content="0; url=../Target/">' in html
    assert '<link rel="canonical" href="../Target/">' in html


def test_alias_with_slash_is_flattened(site: Rendered) -> None:
    assert sorted(redirects(site, "Target.md")) == ["Aim-Sub/index.html", "Goal/index.html"]
    assert not (site.docs / "Goal").exists()  # not a docs file: MkDocs has nothing to copy


def test_redirect_without_directory_urls(tmp_path: Path) -> None:
    site = render_vault(tmp_path, use_directory_urls=False)
    assert 'url=Target.html"' in redirects(site, "Target.md")["Goal.html"]


def test_home_option_and_conflicting_index(tmp_path: Path) -> None:
    vault = tmp_path / "v"
    vault.mkdir()
    (vault / "index.md").write_text("old index\n")
    (vault / "Start.md").write_text("start [[index]]\n")
    result = render_site(load_vault(vault), tmp_path / "docs", RenderOptions(home=("Start.md",)))
    assert result.pages == {"Start.md": "index.md", "index.md": "index-2.md"}
    assert '<a href="index-2/">index</a>' in expanded((tmp_path / "docs/index.md").read_text())


def test_bad_or_taken_permalink_is_ignored_with_warning(tmp_path: Path) -> None:
    vault = tmp_path / "v"
    vault.mkdir()
    (vault / "A.md").write_text("a\n")
    (vault / "B.md").write_text("---\npermalink: A\n---\nb\n")
    (vault / "C.md").write_text("---\npermalink: ../../etc/x\n---\nc\n")
    result = render_site(load_vault(vault), tmp_path / "docs", RenderOptions(home=("none.md",)))
    assert result.pages == {"A.md": "index.md", "B.md": "B.md", "C.md": "C.md"}  # first note: home
    assert [(d.path, d.code) for d in result.diagnostics] == [
        ("B.md", "invalid-property"),
        ("C.md", "invalid-property"),
    ]


def test_alias_naming_a_folder_is_refused(tmp_path: Path) -> None:
    vault = tmp_path / "v"
    (vault / "Folder").mkdir(parents=True)
    (vault / "Folder" / "Inner.md").write_text("inner\n")
    (vault / "Note.md").write_text("---\naliases: [Folder, Other name]\n---\nnote\n")
    result = render_site(load_vault(vault), tmp_path / "docs", RenderOptions(home=("none.md",)))
    payload = split((tmp_path / "docs" / result.pages["Note.md"]).read_text())[1]
    assert payload is not None and sorted(payload.files) == ["Other name/index.html"]
    assert [(d.path, d.code) for d in result.diagnostics] == [("Note.md", "invalid-property")]
