# mypy: disable-error-code="index,arg-type"
# (vault paths written as string literals here; VaultPath is a NewType of str)
"""Resolution by Obsidian's rules on the fixture vault, and the graph built from it."""

from __future__ import annotations

from pathlib import Path

from generator.engine.model import Link, Span
from generator.engine.resolve import EMBED_DEPTH_LIMIT, LinkIndex, build_graph, heading_key
from generator.engine.vault import load_vault
from tests.generator.engine_support import graph


def _targets(source: str) -> list[tuple[str, str | None, str | None]]:
    return [(r.link.raw, r.target, r.anchor) for r in graph().links[source]]


def test_link_forms_resolve_with_anchors() -> None:
    assert _targets("Home.md") == [
        ("[[Links]]", "Links.md", None),
        ("[[Links.md]]", "Links.md", None),
        ("[[Folder/Note]]", "Folder/Note.md", None),
        ("[[Note|shown text]]", "Folder/Note.md", None),
        ("[[Headings#Second heading]]", "Headings.md", "second-heading"),
        ("[[Headings#First heading#Child]]", "Headings.md", "child"),
        ("[[#Home]]", "Home.md", "home"),
        ("[[Blocks#^para]]", "Blocks.md", "^para"),
        ("[[Attachments/doc.pdf]]", "Attachments/doc.pdf", None),
        ("[[doc.pdf]]", "Attachments/doc.pdf", None),
        ("[spaced](Folder/Note%20two.md#Part%20one)", "Folder/Note two.md", "part-one"),
        ("[angle](<Folder/Note two.md>)", "Folder/Note two.md", None),
    ]


def test_heading_under_heading_picks_the_child_in_that_section() -> None:
    # Headings.md has "Child" under "First heading" (anchor child) and under the second
    # level-1 "Second heading" (anchor child_1).
    g = graph()
    assert g.heading("Headings.md", ("Second heading", "Child")).anchor == "child_1"  # type: ignore[union-attr]
    assert g.heading("Headings.md", ("First heading", "Child")).anchor == "child"  # type: ignore[union-attr]
    assert g.heading("Headings.md", ("Grandchild", "Child")) is None


def test_relative_and_vault_absolute_paths() -> None:
    assert _targets("Folder/Sub/Deep.md") == [
        ("[[../Note]]", "Folder/Note.md", None),
        ("[up](../Note.md)", "Folder/Note.md", None),
        ("[[/Folder/Note two]]", "Folder/Note two.md", None),
        ("[[./Nowhere]]", None, None),
    ]


def test_duplicate_names_same_folder_first() -> None:
    assert _targets("Duplicates/Same.md") == [("[[Same]]", "Duplicates/Same.md", None)]
    assert _targets("Duplicates/Deep/Same.md") == [
        ("[[Same]]", "Duplicates/Deep/Same.md", None),
        ("[[Duplicates/Same]]", "Duplicates/Same.md", None),
    ]
    assert _targets("Other/Linker.md") == [("[[Same]]", "Other/Same.md", None)]


def test_duplicate_names_elsewhere_fewest_folders_then_code_point_order() -> None:
    assert _targets("Chooser.md") == [
        ("[[Same]]", "Duplicates/Same.md", None),
        ("[[Deep/Same]]", "Duplicates/Deep/Same.md", None),
        ("[[same]]", "Duplicates/Same.md", None),
    ]


def test_case_insensitive_and_unicode_normalised_names() -> None:
    nfd_uber = next(p for p in graph().notes if p.startswith("Unicode/U"))
    assert _targets("Unicode/Linker.md") == [
        ("[[Café]]", "Unicode/Café.md", None),
        ("[[café]]", "Unicode/Café.md", None),
        ("[[Über]]", nfd_uber, None),
        ("[[ÜBER]]", nfd_uber, None),
    ]


def test_unresolved_links_keep_file_and_line() -> None:
    broken = [
        (r.source, r.link.span.line, r.link.target) for r in graph().unresolved if r.source == "Broken.md"
    ]
    assert broken == [
        ("Broken.md", 3, "Missing note"),
        ("Broken.md", 6, "missing.png"),
        ("Broken.md", 7, "Props"),
    ]


def test_missing_heading_and_block_are_problems_with_a_target() -> None:
    problems = [(r.link.span.line, r.target, r.problem) for r in graph().links["Broken.md"] if r.target]
    assert problems == [
        (4, "Folder/Note.md", "no heading 'No such heading' in Folder/Note.md"),
        (5, "Blocks.md", "no block '^nope' in Blocks.md"),
    ]


def test_publish_false_and_excluded_notes_are_unresolved() -> None:
    g = graph()
    assert "Private/Secret.md" not in g.notes and "Private/Secret.md" in g.excluded
    (secret,) = [r for r in g.links["Links to private.md"] if r.link.target == "Secret"]
    assert secret.target is None and "excluded" in (secret.problem or "")


def test_links_leaving_the_vault_are_refused() -> None:
    assert [(r.target, r.problem) for r in graph().links["Escape.md"]] == [
        (None, "'../../outside' points outside the vault"),
        (None, "'../../../etc/passwd' points outside the vault"),
    ]


def test_backlinks_and_orphans() -> None:
    g = graph()
    assert sorted({r.source for r in g.backlinks["Folder/Note two.md"]}) == ["Folder/Sub/Deep.md", "Home.md"]
    orphans = g.orphans
    assert "Home.md" in orphans and "Folder/Note.md" not in orphans
    assert "Headings.md" not in orphans  # linked from Home.md


def test_embed_cycle_is_found_once_with_its_chain() -> None:
    assert graph().embed_cycles == [("Cycle A.md", "Cycle B.md", "Cycle A.md")]


def test_section_of_a_heading_ends_at_the_next_of_same_level_or_higher() -> None:
    g = graph()
    assert g.section("Headings.md", ("First heading",)) == (1, 8)
    assert g.section("Headings.md", ("First heading", "Child")) == (3, 6)
    assert g.section("Folder/Note.md", ("Part",)) == (3, 5)
    assert g.section("Headings.md", ("Nope",)) is None


def test_block_lookup_for_embeds() -> None:
    block = graph().block("Blocks.md", "list")
    assert block is not None and (block.start_line, block.end_line) == (6, 8)


def test_resolve_later_links_from_their_own_note() -> None:
    g = graph()
    link = Link("wikilink", "Same", span=Span(0, 8, 1), raw="[[Same]]")
    assert g.resolve("Other/Linker.md", link).target == "Other/Same.md"
    assert g.resolve("Duplicates/Same.md", link).target == "Duplicates/Same.md"


def test_heading_key_ignores_case_and_punctuation() -> None:
    assert heading_key("Step 1: Set-up") == heading_key("step 1 set up")


def test_deep_embed_chain_is_cut_with_a_warning() -> None:
    from generator.engine.model import Note, VaultPath
    from generator.engine.parse import parse_note

    names = [f"N{i}.md" for i in range(EMBED_DEPTH_LIMIT + 3)]
    notes = {}
    for i, name in enumerate(names):
        text = f"![[N{i + 1}]]\n" if i + 1 < len(names) else "end\n"
        notes[VaultPath(name)] = Note(VaultPath(name), text, parse_note(name, text))
    g = build_graph(notes, [])
    depth = [d for d in g.diagnostics if d.code == "embed-depth"]
    assert [(d.path, d.line) for d in depth] == [(names[1], 1)]


def test_folder_free_lookup_agrees_with_the_full_rules(tmp_path: Path) -> None:
    # Duplicate names (also differing in case and Unicode form) in nested folders: a link
    # resolved through the per-link-path result of LinkIndex._anywhere must land where
    # _find, walking Obsidian's rules from the linking note's folder, lands.
    files = [
        "Dup.md",
        "A/Dup.md",
        "A/B/Dup.md",
        "C/dup.md",
        "C/D/Sub/Dup.md",
        "D/Sub/Dup.md",
        "X/Café.md",
        "Y/Cafe\u0301.md",
        "Y/Z/café.md",
        "E/Only.md",
        "F/Only.md",
        "Area/Topic/Note.md",
        "Other/Area/Topic/Note.md",
    ]
    for f in files:
        (tmp_path / f).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f).write_text("text\n", encoding="utf-8")
    g = load_vault(tmp_path)
    index = g.index
    assert index is not None
    targets = ["Dup", "dup", "DUP.md", "Sub/Dup", "B/Dup", "Café", "Cafe\u0301", "CAFÉ", "Only"]
    targets += ["Topic/Note", "Area/Topic/Note", "Missing", "A/Dup", "./Dup", "/Dup"]
    targets += ["/A/Dup", "/Missing", "/a/b/dup", "../Dup", "Sub/Missing"]
    folders = {f.rpartition("/")[0] for f in files} | {"Elsewhere", "a", "c/d", "C/D", "y"}
    seen_shortcut = 0
    for folder in sorted(folders):
        source = f"{folder}/Linker.md" if folder else "Linker.md"
        for target in targets:
            link = Link("wikilink", target, span=Span(0, 0, 1))
            expected = LinkIndex(g.notes, g.attachments)._find(folder, target)
            seen_shortcut += index._anywhere(folder, target) is not None
            got = index.resolve(source, link)
            assert (got.target, got.problem) == expected, (folder, target)
    assert seen_shortcut > 0
