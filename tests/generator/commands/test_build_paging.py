"""Folder and tag pages of a real build: paged, the pages after the first out of the navigation, and
the sidebar's window of a big folder, with the sizes set in mkdocs.yml."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.__main__ import main


def paged_project(tmp: Path, notes: int, home: str = "# Home\n", **plugin: int) -> Path:
    """mkdocs.yml (returned) with `plugin` options, and its vault `notes/`: Home (`home`) and
    `notes` notes Big/Note i, each tagged #many."""
    vault = tmp / "notes"
    (vault / "Big").mkdir(parents=True)
    (vault / "Home.md").write_text(home, encoding="utf-8")
    for i in range(notes):
        (vault / "Big" / f"Note {i}.md").write_text(f"#many text {i}\n", encoding="utf-8")
    options = "".join(f"      {key}: {value}\n" for key, value in plugin.items())
    config = tmp / "mkdocs.yml"
    config.write_text(
        f"site_name: t\ndocs_dir: notes\nplugins:\n  - obsidian-vault:\n{options}", encoding="utf-8"
    )
    return config


def test_big_folders_and_tags_are_paged_and_pages_after_the_first_stay_out_of_the_sidebar(
    tmp_path: Path,
) -> None:
    config = paged_project(tmp_path, 7, folder_page_size=3, tag_page_size=2, sidebar_window=2)
    site = tmp_path / "site"
    args = ["build", "--config", str(config), "--site-dir", str(site), "--build-dir", str(tmp_path / "b")]
    assert main([*args, "--no-bench", "--device", "cpu", "-q"]) == 0
    # 7 notes: folder pages of 3 (1 to 3), tag pages of 2 (1 to 4).
    folder = [
        site / "Big" / "index.html",
        *(site / "Big" / f"obsidian-page-{n}" / "index.html" for n in (2, 3)),
    ]
    tag = [site / "tags" / "many" / "index.html"]
    tag += [site / "tags" / "many" / f"obsidian-page-{n}" / "index.html" for n in (2, 3, 4)]
    for path in folder + tag:
        assert path.is_file(), path
    assert (
        not (site / "Big" / "obsidian-page-4").exists()
        and not (site / "tags" / "many" / "obsidian-page-5").exists()
    )
    listed = [
        re.findall(r">(Note \d)</a>", p.read_text(encoding="utf-8").split('class="md-content"', 1)[1])
        for p in tag
    ]
    assert listed == [["Note 0", "Note 1"], ["Note 2", "Note 3"], ["Note 4", "Note 5"], ["Note 6"]]
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        sidebar = html.split("md-sidebar--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
        assert "obsidian-page-" not in sidebar, page  # pages 2 and up are not in the navigation
    # What the MkDocs side reads stays out of the site; the pages' script gets only its settings.
    assert not (site / "_obsidian" / "nav.json").exists()
    assert set(json.loads((site / "_obsidian" / "reader.json").read_text(encoding="utf-8"))) == {
        "features",
        "graph_page",
    }
    # A page of the 7-note folder shows a window of 2 of its notes, and links to the folder's page.
    html = (site / "Big" / "Note 3" / "index.html").read_text(encoding="utf-8")
    sidebar = html.split("md-sidebar--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    assert re.findall(r"Note \d", sidebar) == ["Note 2", "Note 3"]
    assert "… 2 earlier in this folder" in sidebar and "… 3 more in this folder" in sidebar


def test_a_big_top_folder_is_windowed_too(tmp_path: Path) -> None:
    """Notes kept at the vault's top (a common shape): the sidebar shows a window of them, every
    folder and the graph page, and links to the top folder's list."""
    config = paged_project(tmp_path, 1, sidebar_window=2)
    for i in range(5):
        (tmp_path / "notes" / f"Top {i}.md").write_text(f"top {i}\n", encoding="utf-8")
    site = tmp_path / "site"
    args = ["build", "--config", str(config), "--site-dir", str(site), "--build-dir", str(tmp_path / "b")]
    assert main([*args, "--no-bench", "--device", "cpu", "-q"]) == 0
    html = (site / "Top 3" / "index.html").read_text(encoding="utf-8")
    sidebar = html.split("md-sidebar--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    assert re.findall(r"Top \d", sidebar) == ["Top 2", "Top 3"]
    assert "… 2 earlier in this folder" in sidebar and "… 1 more in this folder" in sidebar
    assert 'href="../obsidian-page-1/"' in sidebar and ">\nBig\n<" in sidebar and ">\nGraph\n<" in sidebar
    listing = (site / "obsidian-page-1" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r">(Top \d)</a>", listing) == [f"Top {i}" for i in range(5)]
