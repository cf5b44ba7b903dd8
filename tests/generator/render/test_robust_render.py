"""Rendering the shapes real vaults have: fences after text in callouts, code in backlink excerpts,
media embeds with a fragment. Expected markdown is written by hand from CommonMark's rules (a fence
may be indented up to three spaces and interrupts a paragraph) and Obsidian's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import generator.render.fragment as fragment
from generator.engine.model import Code
from tests.generator.render_support import Rendered, render_vault


def render(tmp: Path, files: dict[str, str | bytes]) -> Rendered:
    vault = tmp / "vault"
    for name, content in files.items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (vault / name).write_bytes(content)
        else:
            (vault / name).write_text(content, encoding="utf-8")
    return render_vault(tmp / "out", vault)


def test_a_fence_right_after_text_in_a_callout_is_set_apart(tmp_path: Path) -> None:
    text = "> [!note]- Folded\n> Text before\n>  ```md\n>  - [ ] task\n>  ```\n> after\n"
    body = render(tmp_path, {"Home.md": text}).read("index.md").split("---\n", 2)[2]
    assert body.strip("\n") == (
        '??? note "Folded"\n    Text before\n\n     ```md\n     - [ ] task\n     ```\n\n    after'
    )


def test_a_fence_after_a_blank_line_in_a_callout_is_left_as_it_is(tmp_path: Path) -> None:
    text = "> [!tip]\n>   ```python\n>   print(1)\n>   ```\n"
    body = render(tmp_path, {"Home.md": text}).read("index.md").split("---\n", 2)[2]
    assert body.strip("\n") == '!!! tip "Tip"\n      ```python\n      print(1)\n      ```'


def test_backlink_excerpts_keep_inline_code(tmp_path: Path) -> None:
    site = render(
        tmp_path,
        {
            "Home.md": "# Home\n",
            "Other.md": "Type `[[Home]]` or ``[!note] `x` `` to **link** [[Home]].\n",
        },
    )
    tail = site.read("index.md").split('id="obsidian-backlinks"', 1)[1]
    assert "<li>Type <code>[[Home]]</code> or <code>[!note] `x`</code> to link Home.</li>" in tail


def test_media_embeds_with_a_fragment_embed_the_file(tmp_path: Path) -> None:
    site = render(
        tmp_path,
        {
            "Home.md": "![[shot.png#interface]]\n![[talk.mp4#intro]]\n![[talk.mp4#t=1:05,90.5]]\n"
            "![[song.mp3#t=10]]\n![[talk.mp4#t=javascript:x]]\n",
            "shot.png": b"\x89PNG",
            "talk.mp4": b"mp4",
            "song.mp3": b"mp3",
        },
    )
    body = site.read("index.md").split("---\n", 2)[2]
    assert body.strip("\n").splitlines() == [
        "![shot.png](shot.png){ .obsidian-image }",
        '<video class="obsidian-video" controls src="talk.mp4"></video>',
        '<video class="obsidian-video" controls src="talk.mp4#t=1:05,90.5"></video>',
        '<audio class="obsidian-audio" controls src="song.mp3#t=10"></audio>',
        '<video class="obsidian-video" controls src="talk.mp4"></video>',
    ]


def test_a_page_that_fails_to_render_names_the_line_it_was_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met on one link: the page's error names the note's line of that link (here 4), not 0."""
    real = fragment.link_html

    def link_html(res: Any, *args: Any) -> str | None:
        if res.link.target == "Trigger":
            raise RuntimeError("a bug")
        return real(res, *args)

    monkeypatch.setattr(fragment, "link_html", link_html)
    files = {
        "Home.md": "# Home\n",
        "Trigger.md": "x\n",
        "Note.md": "# Note\n\n[[Home]] fine\n[[Trigger]] fails\n",
    }
    site = render(tmp_path, files)
    failed = [d for d in site.result.diagnostics if d.code == Code.PAGE_FAILED]
    assert [(d.path, d.line) for d in failed] == [("Note.md", 4)]
    assert "RuntimeError: a bug" in failed[0].message
