"""Wikilinks in properties: found with their property's line, resolved, counted as backlinks."""

from __future__ import annotations

from pathlib import Path

from generator.engine.model import VaultPath
from generator.engine.parse import parse_note
from generator.engine.vault import load_vault

READER_VAULT = Path(__file__).resolve().parents[2] / "fixtures" / "reader_vault"
BOOK = VaultPath("Books/Out of Control.md")


def test_property_links_carry_their_property_line() -> None:
    text = '---\ntitle: T\nauthor: "[[Kevin Kelly]]"\nrelated:\n  - "[[Ideas#Emergence]]"\n---\nBody [[X]].\n'
    links = parse_note("n.md", text).links
    assert [(link.target, link.headings, link.span.line) for link in links] == [
        ("Kevin Kelly", (), 3),
        ("Ideas", ("Emergence",), 5),
        ("X", (), 7),
    ]
    assert text[links[0].span.start : links[0].span.end] == "[[Kevin Kelly]]"


def test_unquoted_brackets_and_keys_are_not_links() -> None:
    # `key: [[A]]` is YAML for a nested list (Obsidian shows no link either); a comment is no value.
    text = "---\nnested: [[A]]\nplain: text # [[B]]\n---\nbody\n"
    assert parse_note("n.md", text).links == []


def test_property_link_aliases_and_blocks() -> None:
    text = '---\nsee: "[[Ideas#^swarm|the swarm]]"\n---\n'
    (link,) = parse_note("n.md", text).links
    assert (link.target, link.block, link.alias, link.text) == ("Ideas", "swarm", "the swarm", "the swarm")


def test_property_links_count_as_backlinks_and_unresolved() -> None:
    graph = load_vault(READER_VAULT)
    sources = {(r.source, r.link.span.line) for r in graph.backlinks[VaultPath("People/Kevin Kelly.md")]}
    assert (BOOK, 6) in sources  # author: "[[Kevin Kelly]]" on line 6
    ideas = [r for r in graph.backlinks[VaultPath("Ideas.md")] if r.source == BOOK]
    assert sorted((r.link.span.line, r.anchor) for r in ideas) == [
        (12, "emergence"),
        (13, "^swarm"),
        (19, None),
    ]
    assert [(r.source, r.link.target) for r in graph.unresolved] == [(BOOK, "Missing Person")]
