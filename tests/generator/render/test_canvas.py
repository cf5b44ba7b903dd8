"""Canvas pages and embeds: the layout the spec defines, drawn in HTML and SVG.

Every expected number is computed by hand from tests/fixtures/canvas_vault/Board.canvas: its nodes'
bounding box runs from (-100, -100) (group g-outer) to (1050, 550) (l1's right edge x 800 + 250,
f-note's bottom y 450 + 100); with the 40 px margin the stage's origin is (-140, -140) and its size
1230 x 730, so a node at canvas (x, y) sits at (x + 140, y + 140) on the stage.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from generator.engine.canvas import CanvasEdge, CanvasNode
from generator.render.canvas_geometry import (
    arrowhead,
    edge_geometry,
    nearest_sides,
    side_point,
    stage_of,
)
from tests import FIXTURES
from tests.generator.render_support import Rendered, render_vault

VAULT = FIXTURES / "canvas_vault"
CSS = Path(__file__).resolve().parents[3] / "generator" / "assets" / "canvas.css"


@functools.cache
def rendered() -> Rendered:
    import tempfile

    return render_vault(Path(tempfile.mkdtemp(prefix="canvas-render-")), VAULT)


def board() -> str:
    return rendered().read("Board.canvas.md")


def node_html(page: str, node_id: str) -> str:
    """The element of one node, from its opening tag to the next node's (or the edges')."""
    m = re.search(rf'<div class="n [^"]*" data-id="{re.escape(node_id)}"[^>]*>', page)
    assert m is not None, node_id
    rest = page[m.end() :]
    end = min(i for i in (rest.find('<div class="n '), rest.find('<div class="edges">')) if i >= 0)
    return m.group(0) + rest[:end]


def box(page: str, node_id: str) -> tuple[float, float, float, float]:
    m = re.search(
        r'style="[^"]*--x:([-\d.]+);--y:([-\d.]+);--w:([\d.]+);--h:([\d.]+)"',
        node_html(page, node_id),
    )
    assert m is not None
    return tuple(float(v) for v in m.groups())  # type: ignore[return-value]


def arrows(edge: str) -> list[str]:
    """The arrowheads of an edge: the paths after its curve."""
    return re.findall(r'<path d="([^"]+)"/>', edge)[1:]


def edge_html(page: str, edge_id: str) -> str:
    m = re.search(rf'<g[^>]* data-id="{re.escape(edge_id)}".*?</g>', page)
    assert m is not None, edge_id
    return m.group(0)


def node(x: float, y: float, w: float, h: float, node_id: str = "n") -> CanvasNode:
    return CanvasNode(node_id, "text", x, y, w, h, 1)


# -- geometry ---------------------------------------------------------------------------------------


def test_side_points_are_the_middles_of_the_sides() -> None:
    n = node(10, 20, 100, 40)
    assert side_point(n, "top") == (60, 20)
    assert side_point(n, "right") == (110, 40)
    assert side_point(n, "bottom") == (60, 60)
    assert side_point(n, "left") == (10, 40)


def test_nearest_sides() -> None:
    a, right_of_a, below_a = node(0, 0, 100, 100), node(300, 0, 100, 100), node(0, 300, 100, 100)
    assert nearest_sides(a, right_of_a, None, None) == ("right", "left")
    assert nearest_sides(a, below_a, None, None) == ("bottom", "top")
    assert nearest_sides(a, below_a, "right", None) == (
        "right",
        "top",
    )  # top (50, 300) is nearest to (100, 50)
    assert nearest_sides(a, below_a, None, "left") == ("bottom", "left")


def test_arrowhead_points_into_its_side() -> None:
    tip, *corners = arrowhead((0, 0), "left")
    assert tip == (0, 0) and set(corners) == {(-14, 5), (-14, -5)}
    tip, *corners = arrowhead((0, 0), "top")
    assert tip == (0, 0) and set(corners) == {(5, -14), (-5, -14)}


def test_edge_curve_leaves_each_side_square() -> None:
    a, b = node(0, 0, 100, 100), node(400, 0, 100, 100)
    g = edge_geometry(a, b, CanvasEdge("e", "a", "b", 1))
    # right (100, 50) to left (400, 50): 300 apart, control points 150 out along each side's normal
    assert (g.start, g.c1, g.c2, g.end) == ((100, 50), (250, 50), (250, 50), (400, 50))
    assert g.middle == (250, 50)


# -- the page ---------------------------------------------------------------------------------------


def test_stage_is_the_bounding_box_with_its_margin() -> None:
    assert rendered().graph.notes["Board.canvas"].parsed.canvas is not None
    canvas = rendered().graph.notes["Board.canvas"].parsed.canvas
    assert canvas is not None
    stage = stage_of(canvas.nodes)
    assert (stage.x, stage.y, stage.width, stage.height) == (-140, -140, 1230, 730)
    page = board()
    assert 'style="aspect-ratio:1230/730;max-width:1230px;--ow:1230px"' in page
    assert '<div class="obsidian-canvas-stage" style="width:1230px;height:730px"' in page
    assert '<svg viewBox="0 0 1230 730" width="1230" height="730">' in page


@pytest.mark.parametrize(
    ("node_id", "expected"),
    [
        ("g-outer", (40, 40, 800, 500)),  # (-100, -100) + 140
        ("g-inner", (80, 100, 400, 300)),
        ("t1", (100, 140, 300, 120)),
        ("f-head", (540, 140, 250, 150)),
        ("f-block", (540, 340, 250, 100)),
        ("f-img", (940, 140, 200, 200)),
        ("l1", (940, 440, 250, 80)),
        ("f-note", (100, 590, 300, 100)),
    ],
)
def test_nodes_sit_where_the_file_puts_them(node_id: str, expected: tuple[float, ...]) -> None:
    assert box(board(), node_id) == expected


def test_groups_are_drawn_first_outer_before_inner() -> None:
    order = re.findall(r'<div class="n [^"]*" data-id="([^"]+)"', board())
    assert order[:3] == ["g-outer", "g-inner", "t1"]
    assert sorted(order) == sorted(
        [
            "g-outer",
            "g-inner",
            "t1",
            "f-head",
            "f-block",
            "f-img",
            "l1",
            "f-note",
            "f-pdf",
            "f-audio",
            "f-video",
        ]
    )


def test_edge_with_named_sides_and_a_label() -> None:
    e1 = edge_html(board(), "e1")
    # t1 right (260, 60) -> stage (400, 200); f-head left (400, 75) -> stage (540, 215).
    # Distance hypot(140, 15) = 140.80: control points 70.4 out, (470.4, 200) and (469.6, 215).
    assert '<path d="M400 200C470 200 470 215 540 215"/>' in e1  # in whole pixels
    # toEnd defaults to an arrow: tip on f-head's left side, base 14 px out, 10 px wide; no arrow at the start.
    assert arrows(e1) in (
        ["M540 215l-14 -5 0 10z"],
        ["M540 215l-14 5 0 -10z"],
    )
    # the label at the curve's middle: (400 + 3*470.4 + 3*469.6 + 540) / 8 = 470, (200 + 600 + 645 + 215) / 8 = 207.5
    assert '<text x="470" y="208">explains</text>' in e1  # 207.5, whole


def test_edge_without_sides_joins_the_nearest_ones() -> None:
    e2 = edge_html(board(), "e2")
    # f-head bottom (525, 150) and f-block top (525, 200) face each other: 50 apart, control points 25 out.
    assert '<path d="M665 290C665 315 665 315 665 340"/>' in e2
    # fromEnd arrow (into f-head, upwards), toEnd none.
    assert arrows(e2) in (
        ["M665 290l-5 14 10 0z"],
        ["M665 290l5 14 -10 0z"],
    )
    assert e2.startswith('<g class="c2" data-id="e2">')


def test_edge_ends_and_colours() -> None:
    e3 = edge_html(board(), "e3")
    assert arrows(e3) == []  # fromEnd none (default), toEnd none
    assert e3.startswith('<g class="cx" data-id="e3" style="--oc:#ff00aa;">')
    e4 = edge_html(board(), "e4")
    # fromSide free: f-block's right (650, 250) is nearest to f-img's left (800, 100).
    assert '<path d="M790 390C' in e4 and ' 940 240"/>' in e4  # (650, 250) to f-img's left (800, 100)
    assert len(arrows(e4)) == 2


def test_node_colours_presets_and_hex() -> None:
    page = board()
    assert node_html(page, "g-outer").startswith('<div class="n group c4"')
    assert node_html(page, "t1").startswith('<div class="n text c1"')
    assert node_html(page, "l1").startswith('<div class="n link cx" data-id="l1" style="--oc:#336699;--x:')
    assert node_html(page, "f-head").startswith('<div class="n file" ')


def test_colours_are_defined_for_both_palettes() -> None:
    css = CSS.read_text(encoding="utf-8")
    for scheme in ("default", "slate"):
        block = css.split(f'[data-md-color-scheme="{scheme}"] .obsidian-canvas {{', 1)[1].split("}", 1)[0]
        assert all(f"--oc{k}:" in block for k in range(1, 7)), scheme
    assert all(f".obsidian-canvas .c{k} {{ --oc: var(--oc{k}); }}" in css for k in range(1, 7))


def test_text_node_is_vault_markdown() -> None:
    t1 = node_html(board(), "t1")
    assert 'markdown="1"' in t1
    assert '<a href="../Notes/Alpha/">Alpha</a>' in t1  # the wikilink, resolved from the canvas
    assert 'class="obsidian-tag">#canvas-tag</a>' in t1
    assert '<span class="arithmatex">\\(x^2\\)</span>' in t1
    assert '!!! tip "A callout"' in t1


def test_file_nodes_show_the_heading_section_or_block() -> None:
    head = node_html(board(), "f-head")
    assert "Part one says zebrafinch." in head and "introduction" not in head and "Part two" not in head
    block = node_html(board(), "f-block")
    assert "A block worth showing." in block and "Not in the block" not in block
    assert "Beta is shown whole on the board." in node_html(board(), "f-note")


def test_file_nodes_of_media_are_their_embeds() -> None:
    page = board()
    assert "![pic.png](img/pic.png){ .obsidian-image }" in node_html(page, "f-img")
    assert '<iframe class="obsidian-pdf" src="../media/doc.pdf"' in node_html(page, "f-pdf")
    assert '<audio class="obsidian-audio" controls src="../media/sound.mp3">' in node_html(page, "f-audio")
    assert '<video class="obsidian-video" controls src="../media/clip.mp4">' in node_html(page, "f-video")


def test_link_node_is_a_card_and_unsafe_urls_are_not_linked() -> None:
    l1 = node_html(board(), "l1")
    assert '<a href="https://example.org/page" target="_blank" rel="noopener noreferrer">' in l1
    assert '<span class="host">example.org</span>' in l1
    odd = node_html(rendered().read("Broken.canvas.md"), "odd")
    assert "href" not in odd and "javascript:alert(1)" in odd


def test_group_label_and_background() -> None:
    outer = node_html(board(), "g-outer")
    assert '<span class="label">Outer</span>' in outer
    # raw HTML: the URL is relative to the page's URL (Board.canvas/), not to the docs file
    assert '<span class="bg ratio" style="background-image:url(&quot;../img/pic.png&quot;)">' in outer


def test_broken_canvas_draws_the_rest() -> None:
    page = rendered().read("Broken.canvas.md")
    assert re.findall(r'data-id="([^"]+)"', page) == ["ok", "gone", "odd", "fine"]
    assert 'class="obsidian-unresolved obsidian-unresolved-embed"' in node_html(page, "gone")


def test_invalid_canvas_page_is_an_error_box() -> None:
    page = rendered().read("Invalid.canvas.md")
    assert '!!! failure "This canvas could not be read"' in page
    assert "invalid JSON" in page and "obsidian-canvas-stage" not in page


def test_canvas_page_front_matter() -> None:
    front, _ = rendered().page("Board.canvas.md")
    assert front["title"] == "Board" and front["hide"] == ["toc"] and front["tags"] == ["canvas-tag"]
    assert rendered().result.pages["Board.canvas"] == "Board.canvas.md"
    assert rendered().result.pages["index.md"] == "index.md"  # a canvas is never the home page


def test_embed_in_a_note_is_the_canvas_under_a_link() -> None:
    home = rendered().read("index.md")
    start = home.index('<div class="obsidian-canvas-embed" markdown="1">')
    assert home[start:].split("\n\n")[1] == "[Board](Board.canvas.md){ .obsidian-canvas-open }"
    embedded = home[start:]
    assert box(embedded, "t1") == (100, 140, 300, 120)
    # links in the embedded canvas are relative to the embedding page
    assert '<a href="Notes/Alpha/">Alpha</a>' in node_html(embedded, "t1")
    assert "url(&quot;img/pic.png&quot;)" in node_html(embedded, "g-outer")


def test_embed_inside_a_callout_is_a_link() -> None:
    home = rendered().read("index.md")
    callout = home[home.index('!!! note "In a callout"') :]
    assert "    [Board](Board.canvas.md){ .obsidian-canvas-open }" in callout
    assert home.count("obsidian-canvas-stage") == 1


def test_backlinks_from_a_canvas_show_its_node_text() -> None:
    alpha = rendered().read("Notes/Alpha.md")
    section = alpha[alpha.index('<section class="obsidian-backlinks"') :]
    assert ">Board</a>" in section
    assert "Start here See Alpha and #canvas-tag" in section


def test_cycle_through_a_file_node_is_cut(tmp_path: Path) -> None:
    vault = tmp_path / "v"
    vault.mkdir()
    (vault / "index.md").write_text("# Home\n")
    (vault / "Loop.md").write_text("# Loop\n\n![[C.canvas]]\n")
    nodes = [{"id": "f", "type": "file", "file": "Loop.md", "x": 0, "y": 0, "width": 100, "height": 100}]
    (vault / "C.canvas").write_text(json.dumps({"nodes": nodes}))
    out = render_vault(tmp_path, vault)
    page = out.read("C.canvas.md")
    # C shows Loop, which embeds C again: inside a node a canvas is a link, never the canvas again
    assert page.count("obsidian-canvas-stage") == 1
    assert "[embed cycle cut: C → Loop → C](C.canvas.md)" in page
    loop = out.read("Loop.md")
    assert loop.count("obsidian-canvas-stage") == 1
    assert "[embed cycle cut: Loop → C → Loop](Loop.md)" in loop


def test_page_is_deterministic(tmp_path: Path) -> None:
    again = render_vault(tmp_path, VAULT)
    assert again.read("Board.canvas.md") == board()


def test_portable_docs_carry_the_raw_html(tmp_path: Path) -> None:
    """Portable docs have no pre-rendered tokens: the edges and cards are raw HTML in the markdown."""
    portable = render_vault(tmp_path, VAULT, portable=True)
    page = portable.raw("Board.canvas.md")
    assert "\ue000" not in page
    assert '<div class="edges"><svg viewBox="0 0 1230 730"' in page
    assert '<span class="label">Outer</span>' in page
    assert "[Alpha](Notes/Alpha.md)" in node_html(page, "t1")


def test_edges_and_cards_are_pre_rendered_in_default_docs() -> None:
    raw = rendered().raw("Board.canvas.md")
    assert '<div class="edges">\ue000' in raw and "<svg" not in raw.split("<!--", 1)[0]


def test_nothing_in_a_canvas_reaches_the_page_unescaped(tmp_path: Path) -> None:
    vault = tmp_path / "v"
    vault.mkdir()
    (vault / "index.md").write_text("# Home\n")
    evil = '"><script>alert(1)</script>'
    nodes = [
        {"id": evil, "type": "group", "label": evil, "x": 0, "y": 0, "width": 300, "height": 300},
        {
            "id": "l",
            "type": "link",
            "url": "https://x.org/" + evil,
            "x": 10,
            "y": 10,
            "width": 99,
            "height": 99,
        },
        {"id": "t", "type": "text", "text": "plain", "x": 150, "y": 10, "width": 99, "height": 99},
    ]
    edges = [{"id": evil, "fromNode": "l", "toNode": "t", "label": evil, "color": "#fff;x:url(y)"}]
    (vault / "E.canvas").write_text(json.dumps({"nodes": nodes, "edges": edges}))
    page = render_vault(tmp_path, vault).read("E.canvas.md")
    assert "<script>" not in page and "url(y)" not in page
    assert (
        page.count("&lt;script&gt;") == 6
    )  # group id and label, link URL (href and text), edge id and label


def test_a_canvas_page_follows_edits_of_the_notes_it_shows(tmp_path: Path) -> None:
    """The render cache re-renders a canvas page when a note one of its file nodes shows changes."""
    import shutil

    vault = tmp_path / "vault"
    shutil.copytree(VAULT, vault)
    first = render_vault(tmp_path, vault)
    assert "zebrafinch" in first.read("Board.canvas.md")
    alpha = vault / "Notes" / "Alpha.md"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("zebrafinch", "kingfisher"), encoding="utf-8")
    second = render_vault(tmp_path, vault)
    assert "Board.canvas" in second.result.rendered
    assert "kingfisher" in second.read("Board.canvas.md")
    third = render_vault(tmp_path, vault)
    assert "Board.canvas" not in third.result.rendered  # nothing changed: the cached page stands
