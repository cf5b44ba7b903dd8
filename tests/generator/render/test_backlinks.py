"""Every page lists the notes linking to it, with the line that links as context."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.render.reader.options import ReaderOptions
from tests.generator.render_support import Rendered, render_vault

HEAD = (
    '<section class="obsidian-backlinks" data-search-exclude>\n<h2 id="obsidian-backlinks">Backlinks</h2>\n'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("backlinks"))


def backlinks(site: Rendered, docs_path: str) -> list[str]:
    """The section's <li> lines, one per source note."""
    body = site.page(docs_path)[1]
    assert HEAD in body
    section = body.split(HEAD, 1)[1].split("</section>", 1)[0]
    return [line for line in section.splitlines() if line.startswith("<li>")]


def test_backlinks_list_sources_sorted_by_title_with_page_urls(site: Rendered) -> None:
    # Target.md is served at Target/: other pages are one level up.
    sources = [re_href(line) for line in backlinks(site, "Target.md")]
    assert sources == [
        ("../Callout%20Contents/", "Callout Contents"),
        ("../Embed%20Lists/", "Embed Lists"),
        ("../Embeds/", "Embeds"),
        ("../Formatting/", "Formatting"),
        ("../Links/", "Links"),
        ("../perma/page/", "Permalinked"),
        ("../Folder/Sub%20Note/", "Sub Note"),
    ]


def re_href(line: str) -> tuple[str, str]:
    href = line.split('href="', 1)[1].split('"', 1)[0]
    title = line.split('">', 1)[1].split("</a>", 1)[0]
    return href, title


def entry(site: Rendered, docs_path: str, title: str) -> str:
    """The backlink entry of the source titled `title`."""
    (line,) = [line for line in backlinks(site, docs_path) if f">{title}</a>" in line]
    return line


def test_backlink_context_is_the_linking_line_as_text(site: Rendered) -> None:
    assert "<li>Has a permalink, links to Target.</li>" in entry(site, "Target.md", "Permalinked")
    assert "<li>Back to the section and images/pic.png.</li>" in entry(site, "Target.md", "Sub Note")


def test_table_row_context_shows_cells(site: Rendered) -> None:
    assert "<li>Target · 3</li>" in entry(site, "Target.md", "Formatting")


def test_backlink_context_drops_quote_and_list_markers(site: Rendered) -> None:
    assert "<li>another with Target</li>" in entry(site, "Target.md", "Callout Contents")


def test_backlink_context_is_html_escaped(site: Rendered) -> None:
    assert "heading Target &gt; Section Two" in entry(site, "Target.md", "Links")


def test_at_most_three_contexts_per_source(site: Rendered) -> None:
    assert entry(site, "Target.md", "Links").count("<li>") == 1 + 3


def test_no_backlinks_section_without_backlinks(site: Rendered) -> None:
    assert "obsidian-backlinks" not in site.page("Callouts.md")[1]


def test_self_links_are_not_backlinks(site: Rendered) -> None:
    assert all(">Links</a>" not in line for line in backlinks(site, "Links.md"))


def test_backlinks_urls_without_directory_urls(tmp_path: Path) -> None:
    site = render_vault(tmp_path, use_directory_urls=False)
    assert backlinks(site, "Folder/Sub Note.md")[0].startswith('<li><a href="../Links.html">Links</a>')


def _hub_vault(tmp: Path, sources: int) -> Path:
    vault = tmp / "hub"
    vault.mkdir()
    (vault / "Hub.md").write_text("# Hub\n", encoding="utf-8")
    (vault / "Home.md").write_text("# Home\n", encoding="utf-8")
    for i in range(sources):
        (vault / f"Source {i:02}.md").write_text(f"Line {i} mentions [[Hub]] here.\n", encoding="utf-8")
    return vault


@pytest.mark.parametrize(("limit", "with_context"), [(3, 3), (0, 12), (20, 12)])
def test_only_the_first_backlinks_carry_contexts(tmp_path: Path, limit: int, with_context: int) -> None:
    """`backlink_contexts`: a note linked from many keeps a bounded page; every source is still listed."""
    site = render_vault(
        tmp_path, vault=_hub_vault(tmp_path, 12), reader=ReaderOptions(backlink_contexts=limit)
    )
    lines = backlinks(site, "Hub.md")
    assert [re_href(line)[1] for line in lines] == [f"Source {i:02}" for i in range(12)]
    contexts = [line for line in lines if "<ul><li>" in line]
    assert contexts == lines[:with_context]
    for i, line in enumerate(contexts):
        assert f"<li>Line {i} mentions Hub here.</li>" in line
    assert all(line.endswith("</a></li>") for line in lines[with_context:])


@pytest.mark.parametrize("portable", [False, True])
def test_a_page_lists_its_first_backlinks_and_counts_the_rest(tmp_path: Path, portable: bool) -> None:
    """`backlinks_shown`: 12 sources, 5 listed (the first by title), "… and 7 more" with the total."""
    site = render_vault(
        tmp_path,
        vault=_hub_vault(tmp_path, 12),
        reader=ReaderOptions(backlinks_shown=5),
        portable=portable,
    )
    body = site.page("Hub.md")[1]
    listed = re.findall(r"Source (\d\d)", body.split("obsidian-backlinks", 1)[1])
    assert listed == ["00", "01", "02", "03", "04"]
    assert '<p class="obsidian-backlinks-more" data-total="12">… and 7 more notes link here.</p>' in body
    assert "obsidian-backlinks-more" not in render_vault(
        tmp_path / "all", vault=tmp_path / "hub", reader=ReaderOptions(backlinks_shown=0)
    ).read("Hub.md")
