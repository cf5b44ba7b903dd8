"""Pre-rendered HTML for links and tags (generator/render/html_stash.py): what stays markdown, and
what MkDocs finally shows. Expected HTML written by hand from the URL rules (pages are folders)."""

from __future__ import annotations

from pathlib import Path

from generator.engine.vault import load_vault
from generator.render import RenderOptions, render_site
from generator.render.html_stash import (
    MARK,
    TAIL_MARK,
    Payload,
    Stash,
    add_tail,
    drop_embeds,
    expand,
    expand_text,
    split,
)
from tests.generator.render_support import expanded


def render(tmp: Path, notes: dict[str, str]) -> Path:
    vault = tmp / "v"
    for name, text in {"index.md": "home\n", **notes}.items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_text(text, encoding="utf-8")
    render_site(load_vault(vault), tmp / "docs", RenderOptions())
    return tmp / "docs"


def test_attach_split_round_trip() -> None:
    stash = Stash()
    token = stash.put('<a href="x/">x</a>')
    stash.payload.tail = "<section>tail</section>"
    text = stash.attach(f"# T\n\nsee {token}.\n")
    body, payload = split(text)
    assert body == f"# T\n\nsee {token}.\n"
    assert payload == Payload(['<a href="x/">x</a>'], "<section>tail</section>")
    html = expand(f"<p>see {token}.</p>", payload)
    assert html == f'<p>see <a href="x/">x</a>.</p>\n{TAIL_MARK}'
    assert expand_text(f"<p>see {token}.</p>", payload) == "<p>see x.</p>"
    assert add_tail(f"<article>{html}</article>", payload) == (
        '<article><p>see <a href="x/">x</a>.</p>\n<section>tail</section></article>'
    )


def test_text_without_payload_is_left_alone() -> None:
    assert split("plain\n") == ("plain\n", None)
    broken = f"text\n{MARK}\nnot json\n"
    assert split(broken) == (broken, None)
    assert Stash().attach("no links\n") == "no links\n"
    assert expand("\ue0007\ue001", Payload(["<b>0</b>"])) == "\ue0007\ue001"  # no such token


def test_links_and_tags_become_html(tmp_path: Path) -> None:
    docs = render(tmp_path, {"A.md": "See [[Sub/B|bee]] and [[Sub/B#Part]] #tag.\n", "Sub/B.md": "## Part\n"})
    text = expanded((docs / "A.md").read_text(encoding="utf-8"))
    assert 'See <a href="../Sub/B/">bee</a> and <a href="../Sub/B/#part">Sub/B &gt; Part</a>' in text
    assert '<a href="../tags/tag/" class="obsidian-tag">#tag</a>.' in text


def test_heading_lines_stay_markdown(tmp_path: Path) -> None:
    """A heading's anchor is made from its text: a token there would change it."""
    docs = render(
        tmp_path,
        {"A.md": "# About [[B]] #tag\n\nSetext [[B]]\n------\n\nBody [[B]].\n", "B.md": "b\n"},
    )
    raw = (docs / "A.md").read_text(encoding="utf-8")
    assert "# About [B](B.md) [#tag](tags/tag.md){ .obsidian-tag }" in raw
    assert "Setext [B](B.md)\n------" in raw
    assert "Body \ue000" in raw


def test_link_text_with_markup_stays_markdown(tmp_path: Path) -> None:
    docs = render(
        tmp_path, {"A.md": "[[B|the $x$ one]] and [**bold**](B.md) and [plain](B.md)\n", "B.md": "b\n"}
    )
    raw = (docs / "A.md").read_text(encoding="utf-8")
    assert "[the $x$ one](B.md)" in raw
    assert "[**bold**](B.md)" in raw
    assert '<a href="../B/">plain</a>' in expanded(raw)


def test_note_holding_the_token_character_is_not_stashed(tmp_path: Path) -> None:
    docs = render(tmp_path, {"A.md": "odd \ue0000\ue001 text and [[B]]\n", "B.md": "b\n"})
    raw = (docs / "A.md").read_text(encoding="utf-8")
    assert "odd \ue0000\ue001 text and [B](B.md)" in raw
    assert MARK not in raw


def test_drop_embeds_cuts_whole_nested_admonitions() -> None:
    embed = '<div class="admonition obsidian-embed obsidian-embed-note"><p>a</p>{}</div>'
    inner = embed.format('<div class="admonition note"><p>n</p></div>')
    html = f"<p>before</p>{embed.format(inner)}<p>mid</p>{embed.format('')}<div>kept</div><p>end</p>"
    assert drop_embeds(html) == "<p>before</p><p>mid</p><div>kept</div><p>end</p>"
    unbalanced = '<p>x</p><div class="admonition obsidian-embed"><p>open'
    assert drop_embeds(unbalanced) == unbalanced
