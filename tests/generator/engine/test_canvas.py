"""`.canvas` files (JSON Canvas 1.0): parsing, validation, and their links in the vault's graph.

Expected values are written by hand from the fixtures in tests/fixtures/canvas_vault/ and from the
spec (obsidianmd/jsoncanvas, spec/1.0.md): node types, edge options, the presets 1-6, and the
defaults Obsidian draws (no arrow at an edge's start, an arrow at its end).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from generator.commands.check import check_vault
from generator.engine.canvas import Canvas, canvas_context, is_canvas, parse_canvas, parse_canvas_note
from generator.engine.model import Diagnostic, Graph, Note, VaultPath
from generator.engine.vault import load_vault
from tests import FIXTURES

VAULT = FIXTURES / "canvas_vault"


def board() -> Canvas:
    canvas, problems = parse_canvas("Board.canvas", (VAULT / "Board.canvas").read_text(encoding="utf-8"))
    assert problems == []
    return canvas


@functools.cache
def graph() -> Graph:
    return load_vault(VAULT)


def problems_of(path: str) -> list[Diagnostic]:
    return sorted(d for d in graph().diagnostics if d.path == path)


# -- nodes ------------------------------------------------------------------------------------------


def test_every_node_type_is_read_with_its_fields() -> None:
    canvas = board()
    assert [n.id for n in canvas.nodes] == [
        "g-outer", "g-inner", "t1", "f-head", "f-block", "f-img", "l1", "f-note", "f-pdf", "f-audio", "f-video",
    ]  # fmt: skip
    outer = canvas.node("g-outer")
    assert outer is not None and outer.type == "group"
    assert (outer.x, outer.y, outer.width, outer.height) == (-100, -100, 800, 500)
    assert (outer.label, outer.color, outer.background, outer.background_style) == (
        "Outer",
        "4",
        "img/pic.png",
        "ratio",
    )
    inner = canvas.node("g-inner")
    assert (
        inner is not None and inner.background is None and inner.background_style == "cover"
    )  # spec default
    text = canvas.node("t1")
    assert text is not None and text.type == "text" and text.color == "1"
    assert text.text.startswith("## Start here\n\nSee [[Alpha]]")
    head = canvas.node("f-head")
    assert head is not None and (head.file, head.subpath) == ("Notes/Alpha.md", "#Part one")
    block = canvas.node("f-block")
    assert block is not None and block.subpath == "#^blk"
    link = canvas.node("l1")
    assert link is not None and (link.url, link.color) == ("https://example.org/page", "#336699")


def test_node_lines_are_the_lines_of_their_objects() -> None:
    canvas = board()
    lines = (VAULT / "Board.canvas").read_text(encoding="utf-8").split("\n")
    for node in canvas.nodes:
        assert lines[node.line - 1].strip() == "{"
        assert lines[node.line].strip() == f'"id": "{node.id}",'
    for edge in canvas.edges:
        assert lines[edge.line].strip() == f'"id": "{edge.id}",'


def test_lines_of_minified_json_and_braces_inside_strings() -> None:
    text = '{"nodes":[{"id":"a","type":"text","text":"{[}]\\"","x":0,"y":0,"width":1,"height":1},\n{"id":"b","type":"text","text":"","x":0,"y":0,"width":1,"height":1}],"edges":[]}'
    canvas, problems = parse_canvas("c.canvas", text)
    assert problems == []
    assert [(n.id, n.line, n.text) for n in canvas.nodes] == [("a", 1, '{[}]"'), ("b", 2, "")]


def test_groups_nest_by_their_boxes() -> None:
    canvas = board()
    by_id = {n.id: n for n in canvas.nodes}
    assert canvas.parent(by_id["t1"]) is by_id["g-inner"]  # inside both: the smaller holds it
    assert canvas.parent(by_id["g-inner"]) is by_id["g-outer"]
    assert canvas.parent(by_id["f-head"]) is by_id["g-outer"]
    assert canvas.parent(by_id["l1"]) is None
    assert canvas.parent(by_id["g-outer"]) is None


# -- edges ------------------------------------------------------------------------------------------


def test_every_edge_option_and_the_defaults() -> None:
    edges = {e.id: e for e in board().edges}
    e1, e2, e3, e4 = edges["e1"], edges["e2"], edges["e3"], edges["e4"]
    assert (e1.from_node, e1.from_side, e1.to_node, e1.to_side) == ("t1", "right", "f-head", "left")
    assert (e1.from_end, e1.to_end, e1.label, e1.color) == ("none", "arrow", "explains", None)  # defaults
    assert (e2.from_side, e2.to_side) == (None, None)  # nearest sides, chosen when drawn
    assert (e2.from_end, e2.to_end, e2.color) == ("arrow", "none", "2")
    assert (e3.to_end, e3.color) == ("none", "#ff00aa")
    assert (e4.from_end, e4.to_end, e4.to_side) == ("arrow", "arrow", "left")


def test_colours_presets_and_hex_are_kept_others_refused() -> None:
    node = '{{"id":"n","type":"text","text":"","x":0,"y":0,"width":1,"height":1,"color":{}}}'
    for ok in ('"1"', '"6"', '"#abc"', '"#A1B2C3"', '"#a1b2c3d4"', "3"):
        canvas, problems = parse_canvas("c.canvas", f'{{"nodes":[{node.format(ok)}]}}')
        assert problems == [] and canvas.nodes[0].color == str(json.loads(ok))
    for bad in ('"7"', '"red"', '"#12"', '"#ggg"', '"1; background:url(x)"'):
        canvas, problems = parse_canvas("c.canvas", f'{{"nodes":[{node.format(bad)}]}}')
        assert canvas.nodes[0].color is None
        assert [p.code for p in problems] == ["bad-canvas"] and "unknown color" in problems[0].message


# -- bad input --------------------------------------------------------------------------------------


def test_each_kind_of_bad_input_is_a_message_naming_canvas_line_and_id() -> None:
    found = {(d.line, d.severity, d.code, d.message) for d in problems_of("Broken.canvas")}
    expected = {
        (12, "warning", "bad-canvas", "node #2 has no id: skipped"),
        (20, "warning", "bad-canvas", "node 'circle' has an unknown type 'circle' (text, file, link or group): skipped"),
        (28, "warning", "unsafe-path", "node 'escape': file '../outside.md' is outside the vault: refused"),
        (37, "warning", "unsafe-path", "node 'abs': file '/etc/passwd' is outside the vault: refused"),
        (55, "warning", "bad-canvas", "node 'odd' has an unknown color '9' (a preset 1-6 or #rrggbb): ignored"),
        (55, "warning", "bad-canvas", "node 'odd': url 'javascript:alert(1)' is not http(s), mailto or ftp: shown, not linked"),
        (67, "warning", "bad-canvas", "edge 'to-ghost': toNode 'ghost' is not a node of the canvas: not drawn"),
        (72, "warning", "bad-canvas", "edge #2 has no id: skipped"),
        (76, "warning", "bad-canvas", "edge 'fine' has an unknown fromSide 'middle' (top, right, bottom, left): nearest used"),
    }  # fmt: skip
    assert expected <= found
    missing = [d for d in problems_of("Broken.canvas") if d.line == 46]
    assert [(d.severity, d.code) for d in missing] == [("error", "unresolved-link")]
    assert "file node 'gone'" in missing[0].message and "Notes/Missing.md" in missing[0].message
    text_link = [d for d in problems_of("Broken.canvas") if d.line == 3]
    assert [(d.code, "[[Nowhere]] (text node 'ok')" in d.message) for d in text_link] == [
        ("unresolved-link", True)
    ]


def test_the_rest_of_a_broken_canvas_is_kept() -> None:
    canvas = graph().notes[VaultPath("Broken.canvas")].parsed.canvas
    assert canvas is not None and canvas.valid
    assert [n.id for n in canvas.nodes] == ["ok", "gone", "odd"]
    assert [(e.id, e.from_side) for e in canvas.edges] == [("fine", None)]


def test_invalid_json_is_an_error_with_its_line() -> None:
    assert [(d.line, d.severity, d.code) for d in problems_of("Invalid.canvas")] == [
        (3, "error", "canvas-error")
    ]
    assert "invalid JSON" in problems_of("Invalid.canvas")[0].message
    canvas = graph().notes[VaultPath("Invalid.canvas")].parsed.canvas
    assert canvas is not None and not canvas.valid and canvas.nodes == ()


@pytest.mark.parametrize("text", ["[]", '"nodes"', "3"])
def test_json_that_is_not_an_object_is_an_error(text: str) -> None:
    canvas, problems = parse_canvas("c.canvas", text)
    assert not canvas.valid and [(p.severity, p.code, p.line) for p in problems] == [
        ("error", "canvas-error", 1)
    ]


def test_empty_file_and_missing_arrays_are_an_empty_canvas() -> None:
    for text in ("", "{}", '{"nodes": []}'):
        canvas, problems = parse_canvas("c.canvas", text)
        assert canvas.valid and canvas.nodes == () and canvas.edges == () and problems == []
    canvas, problems = parse_canvas("c.canvas", '{"nodes": {}, "edges": 3}')
    assert canvas.valid and [p.message for p in problems] == [
        "'nodes' is not an array: ignored",
        "'edges' is not an array: ignored",
    ]


def test_nodes_without_a_box_or_with_twice_the_same_id_are_skipped() -> None:
    text = json.dumps(
        {
            "nodes": [
                {"id": "a", "type": "text", "text": "", "x": 0, "y": 0, "width": 10, "height": 10},
                {"id": "a", "type": "text", "text": "", "x": 0, "y": 0, "width": 10, "height": 10},
                {"id": "b", "type": "text", "text": "", "x": "0", "y": 0, "width": 10, "height": 10},
                {"id": "c", "type": "text", "text": "", "x": 0, "y": 0, "width": 0, "height": 10},
            ]
        }
    )
    canvas, problems = parse_canvas("c.canvas", text)
    assert [n.id for n in canvas.nodes] == ["a"]
    assert [p.message for p in problems] == [
        "node 'a': the id is used twice: skipped",
        "node 'b' has no numeric x, y, width and height: skipped",
        "node 'c' has no area (width 0, height 10): skipped",
    ]


def test_a_group_background_outside_the_vault_is_refused() -> None:
    text = '{"nodes":[{"id":"g","type":"group","x":0,"y":0,"width":9,"height":9,"background":"../../x.png"}]}'
    canvas, problems = parse_canvas("c.canvas", text)
    assert canvas.nodes[0].background is None
    assert [(p.code, p.message) for p in problems] == [
        ("unsafe-path", "node 'g': background '../../x.png' is outside the vault: refused")
    ]


# -- the canvas in the vault ------------------------------------------------------------------------


def test_canvases_are_documents_with_their_name_as_title() -> None:
    g = graph()
    assert {"Board.canvas", "Broken.canvas", "Invalid.canvas"} <= set(g.notes)
    assert "Board.canvas" not in g.attachments
    assert g.notes[VaultPath("Board.canvas")].title == "Board"
    assert is_canvas("A/B.CANVAS") and not is_canvas("B.canvas.md")


def test_text_node_links_and_file_nodes_are_links_of_the_canvas() -> None:
    links = graph().links[VaultPath("Board.canvas")]
    shown = [(r.link.kind, r.target, r.anchor) for r in links]
    assert shown == [
        ("embed", "img/pic.png", None),  # g-outer's background (nodes in file order)
        ("wikilink", "Notes/Alpha.md", None),  # [[Alpha]] in t1
        ("embed", "Notes/Alpha.md", "part-one"),  # f-head: #Part one
        ("embed", "Notes/Alpha.md", "^blk"),  # f-block: #^blk
        ("embed", "img/pic.png", None),
        ("embed", "Notes/Beta.md", None),
        ("embed", "media/doc.pdf", None),
        ("embed", "media/sound.mp3", None),
        ("embed", "media/clip.mp4", None),
    ]
    assert all(r.ok for r in links)
    lines = {r.link.raw: r.link.span.line for r in links}
    assert lines["[[Alpha]] (text node 't1')"] == 24  # the line of t1's object in Board.canvas


def test_backlinks_of_the_notes_a_canvas_shows() -> None:
    backlinks = graph().backlinks
    assert [r.source for r in backlinks[VaultPath("Notes/Alpha.md")]] == ["Board.canvas"] * 3
    assert [r.source for r in backlinks[VaultPath("Notes/Beta.md")]] == ["Board.canvas"]
    assert {r.source for r in backlinks[VaultPath("Board.canvas")]} == {"index.md"}


def test_a_canvas_link_needs_its_extension() -> None:
    links = graph().links[VaultPath("index.md")]
    by_raw = {r.link.raw: r for r in links}
    assert by_raw["[[Board.canvas]]"].target == "Board.canvas"
    assert by_raw["[[Board]]"].target is None  # as in Obsidian: a note named Board, which is not there
    assert "no note named 'Board'" in (by_raw["[[Board]]"].problem or "")


def test_text_node_tags_are_tags_of_the_canvas() -> None:
    assert graph().tags["canvas-tag"] == ["Board.canvas"]


def test_file_nodes_name_exact_vault_paths(tmp_path: Path) -> None:
    """A file node's path is the file's path from the vault root, never a name found elsewhere."""
    (tmp_path / "Sub").mkdir()
    (tmp_path / "Note.md").write_text("root\n")
    (tmp_path / "Sub" / "Note.md").write_text("sub\n")
    nodes = [
        {"id": "a", "type": "file", "file": "Note.md", "x": 0, "y": 0, "width": 9, "height": 9},
        {"id": "b", "type": "file", "file": "Sub/Note.md", "x": 0, "y": 0, "width": 9, "height": 9},
        {"id": "c", "type": "file", "file": "Other/Note.md", "x": 0, "y": 0, "width": 9, "height": 9},
    ]
    (tmp_path / "Sub" / "B.canvas").write_text(json.dumps({"nodes": nodes}))
    g = load_vault(tmp_path)
    assert [r.target for r in g.links[VaultPath("Sub/B.canvas")]] == ["Note.md", "Sub/Note.md", None]


def test_check_reports_a_file_node_pointing_at_nothing() -> None:
    _, diagnostics = check_vault(VAULT)
    lines = [f"{d.path}:{d.line}: {d.severity}: {d.message}" for d in diagnostics]
    assert any(
        line.startswith("Broken.canvas:46: error: ") and "file node 'gone'" in line for line in lines
    ), lines
    assert any(line.startswith("Invalid.canvas:3: error: canvas is not readable") for line in lines)


def test_parse_is_pure_and_the_same_twice() -> None:
    text = (VAULT / "Board.canvas").read_text(encoding="utf-8")
    a, b = parse_canvas_note("Board.canvas", text), parse_canvas_note("Board.canvas", text)
    assert a.links == b.links and a.canvas == b.canvas and a.diagnostics == b.diagnostics


def test_backlink_context_is_the_node_text() -> None:
    note = graph().notes[VaultPath("Board.canvas")]
    assert isinstance(note, Note)
    assert canvas_context(note, 24).startswith("## Start here\n\nSee Alpha and #canvas-tag")
    assert canvas_context(note, 34) == "Notes/Alpha.md#Part one"
