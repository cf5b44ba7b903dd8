"""Every page lists the notes linking to it, with the line that links as context."""

from __future__ import annotations

import pytest
from render_support import Rendered, render_vault


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_vault(tmp_path_factory.mktemp("backlinks"))


def backlinks(site: Rendered, docs_path: str) -> str:
    body = site.page(docs_path)[1]
    head = "## Backlinks { #obsidian-backlinks .obsidian-backlinks }\n"
    assert head in body
    return body.split(head, 1)[1]


def test_backlinks_list_sources_sorted_by_title(site: Rendered) -> None:
    section = backlinks(site, "Target.md")
    sources = [line for line in section.splitlines() if line.startswith("- ")]
    assert sources == [
        "- [Callout Contents](Callout%20Contents.md)",
        "- [Embeds](Embeds.md)",
        "- [Links](Links.md)",
        "- [Permalinked](perma/page.md)",
        "- [Sub Note](Folder/Sub%20Note.md)",
    ]


def test_backlink_context_is_the_linking_line_as_text(site: Rendered) -> None:
    section = backlinks(site, "Target.md")
    assert "    - Has a permalink, links to Target.\n" in section
    assert "    - Back to the section and images/pic.png.\n" in section


def test_backlink_context_drops_quote_and_list_markers(site: Rendered) -> None:
    assert "    - another with Target\n" in backlinks(site, "Target.md")


def test_at_most_three_contexts_per_source(site: Rendered) -> None:
    section = backlinks(site, "Target.md")
    links = section.split("- [Links](Links.md)\n", 1)[1].split("\n- ", 1)[0]
    assert links.count("    - ") == 3


def test_no_backlinks_section_without_backlinks(site: Rendered) -> None:
    assert "Backlinks" not in site.page("Callouts.md")[1]


def test_self_links_are_not_backlinks(site: Rendered) -> None:
    assert "- [Links](Links.md)" not in backlinks(site, "Links.md")
