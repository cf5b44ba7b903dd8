"""The navigation of a real build follows the vault's folders, as Obsidian Publish's does, also for
notes a `permalink` puts elsewhere (MkDocs builds its navigation from the docs' paths)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.__main__ import main


def _sidebar(html: str) -> str:
    return html.split("md-sidebar--primary", 1)[1].split("md-sidebar--secondary", 1)[0]


def _titles(html: str) -> list[str]:
    return re.findall(r'<span class="md-ellipsis">\n(.*?)\n</span>', html)


@pytest.mark.parametrize("folder_pages", [True, False])
def test_permalinked_notes_are_listed_under_their_vault_folder(tmp_path: Path, folder_pages: bool) -> None:
    notes = tmp_path / "notes"
    # (vault path, permalink); Only/Deep holds no other note.
    files = [("Home", None), ("Guide/Alpha", "alpha"), ("Guide/Beta", None), ("Guide/Gamma", "misc/gamma")]
    for name, permalink in [*files, ("Only/Deep/Delta", "delta")]:
        front = f"---\npermalink: {permalink}\n---\n" if permalink else ""
        (notes / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (notes / f"{name}.md").write_text(f"{front}# {name}\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\ndocs_dir: notes\nplugins:\n  - obsidian-vault:\n"
        f"      folder_pages: {str(folder_pages).lower()}\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    args = ["build", "--config", str(config), "--site-dir", str(site), "--build-dir", str(tmp_path / "b")]
    assert main([*args, "--no-bench", "--device", "cpu", "-q"]) == 0
    alpha = (site / "alpha" / "index.html").read_text(encoding="utf-8")  # the URL is the permalink's
    sidebar = _titles(_sidebar(alpha))
    guide = sidebar.index("Guide")
    assert sidebar[guide + 1 : guide + 4] == ["Alpha", "Beta", "Gamma"]  # by name, in the folder
    assert "misc" not in sidebar and "Misc" not in sidebar  # no section for the permalink's folder
    assert sidebar.count("Alpha") == 1
    crumbs = alpha.split('class="md-path"', 1)[1].split("</nav>", 1)[0]
    assert "Guide" in crumbs  # breadcrumbs follow the vault folder
    # prev/next follow the navigation: Alpha, Beta, Gamma in a row.
    beta = (site / "Guide" / "Beta" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="prev" href="[^"]*alpha/">', beta)
    assert re.search(r'<link rel="next" href="[^"]*misc/gamma/">', beta)
    delta = (site / "delta" / "index.html").read_text(encoding="utf-8")
    sidebar = _titles(_sidebar(delta))
    assert sidebar[sidebar.index("Only") + 1 : sidebar.index("Only") + 3] == ["Deep", "Delta"]


def test_the_tags_section_is_titled_tags_and_tag_chips_link_to_tag_pages(tmp_path: Path) -> None:
    """Tag pages go to `_tags/` when `tags/` is the vault's; MkDocs would title that section " tags"."""
    (tmp_path / "v" / "tags").mkdir(parents=True)
    (tmp_path / "v" / "Home.md").write_text("# Home\n#topic\n", encoding="utf-8")
    (tmp_path / "v" / "tags" / "Note.md").write_text("# Note\n", encoding="utf-8")
    site = tmp_path / "site"
    args = [
        "build",
        "--vault",
        str(tmp_path / "v"),
        "--site-dir",
        str(site),
        "--build-dir",
        str(tmp_path / "b"),
    ]
    assert main([*args, "--no-bench", "--device", "cpu", "-q"]) == 0
    assert (site / "_tags" / "topic" / "index.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    sidebar = _titles(_sidebar(home))
    assert sidebar.count("Tags") == 1 and "tags" in sidebar  # ours, and the vault's own folder
    # Material's tag chip at the top links to the tag's page, as the #topic in the text does.
    chips = home.split('<nav class="md-tags"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="_tags/topic/" class="md-tag">topic</a>' in chips
