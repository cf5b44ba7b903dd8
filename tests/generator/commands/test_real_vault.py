"""`python -m generator build` on `real_vault/`, a vault in the shape of real ones (issue 13).

Expected values are written by hand from the fixture's files: every note holds a unique word
`body-<name>` that must be on its page; the property hazards, page settings, names in five scripts
and every kind of syntax are described in the notes themselves.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from generator.__main__ import main
from generator.engine.model import VaultPath
from generator.engine.vault import load_vault
from generator.render import RenderOptions, render_site
from tests import FIXTURES

VAULT = FIXTURES / "real_vault"

# The published notes: every .md file outside dot-files and dot-folders (Obsidian does not show them).
NOTES = {
    "Home.md": "body-home",
    "Properties/Hazards.md": "body-hazards",
    "Properties/Placeholder.md": "body-placeholder",
    "Properties/Page settings.md": "body-settings",
    "Properties/Bad settings.md": "body-bad-settings",
    "Properties/Not a map.md": "body-not-a-map",
    "Scripts/漢字のノート.md": "body-cjk",
    "Scripts/مرحبا بالعالم.md": "body-arabic",
    "Scripts/שלום עולם.md": "body-hebrew",
    "Scripts/Привет мир.md": "body-cyrillic",
    "Scripts/नमस्ते दुनिया.md": "body-devanagari",
    "Scripts/🌳 Trees 🌲.md": "body-emoji",
    unicodedata.normalize("NFD", "Scripts/Café résumé.md"): "body-combining",
    "Names/50% off.md": "body-percent",
    "Names/a+b & c.md": "body-ampersand",
    "Names/C# notes.md": "body-sharp",
    "Names/^caret.md": "body-caret",
    "Syntax/Embeds.md": "body-embeds",
    "Syntax/Everything.md": "body-everything",
    "Syntax/Backlinker.md": "body-backlinker",
    "Templates/Daily.md": "body-template",
    "Templates/Plan.canvas": "body-canvas",  # a canvas has a page of its own
}
# What a page's front matter may hold (the rest of a note's properties is its data).
FRONT_MATTER_KEYS = {
    "title",
    "description",
    "tags",
    "cssclasses",
    "icon",
    "hide",
    "status",
    "search",
    "template",
}


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones included) -> the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_build(tmp: Path, vault: Path, *extra: str) -> int:
    args = ["build", "--vault", str(vault), "--site-dir", str(tmp / "site"), "--build-dir", str(tmp / "b")]
    return main([*args, "--device", "cpu", "--no-bench", "-q", *extra])


def page_of(site: Path, url: str) -> str:
    return (site / unquote(url) / "index.html").read_text(encoding="utf-8")


class Built:
    def __init__(self, tmp: Path, code: int, err: str, before: dict[str, str], after: dict[str, str]) -> None:
        self.tmp, self.code, self.err, self.before, self.after = tmp, code, err, before, after
        self.site = tmp / "site"
        self.manifest = json.loads((self.site / "vault-manifest.json").read_text(encoding="utf-8"))

    def page(self, note: str) -> str:
        return page_of(self.site, self.manifest["notes"][note])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("real")
    before = digest(VAULT)
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stderr(err):
        mp.chdir(tmp)
        code = run_build(tmp, VAULT)
    return Built(tmp, code, err.getvalue(), before, digest(VAULT))


def test_the_build_succeeds_with_warnings_only(built: Built) -> None:
    assert built.code == 0, built.err
    assert "Traceback" not in built.err


def test_every_note_gets_a_page_with_its_body(built: Built) -> None:
    assert set(built.manifest["notes"]) == set(NOTES)
    for note, word in NOTES.items():
        assert word in built.page(note), note


def test_dot_files_and_dot_folders_are_not_published(built: Built) -> None:
    assert not any(".hidden" in note for note in built.manifest["notes"])
    assert not any("body-hidden" in p.read_text(encoding="utf-8") for p in built.site.rglob("*.html"))


def test_the_vault_is_unchanged(built: Built) -> None:
    assert built.after == built.before
    assert ".obsidian/templates.json" in built.before  # hidden files were hashed too


def test_properties_never_reach_material(built: Built) -> None:
    docs = built.tmp / "b" / "docs"
    for path in docs.rglob("*.md"):
        head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        if head.startswith("---\n"):
            keys = set(yaml.safe_load(head[4:]) or {})
            assert keys <= FRONT_MATTER_KEYS, (path, keys - FRONT_MATTER_KEYS)
    hazards = built.page("Properties/Hazards.md")
    assert "<title>1234 - " in hazards  # `title: 1234` is a title
    assert 'md-tag">one' in hazards and 'md-tag">two' in hazards  # `tags: one, two`: two tags
    assert "md-status--draft" not in hazards  # `status: draft` is data
    assert "hidden>" not in hazards.split('data-md-type="toc"', 1)[1][:20]  # `hide: yes` is data


def test_the_mkdocs_property_sets_page_settings(built: Built) -> None:
    page = built.page("Properties/Page settings.md")
    assert '<span class="md-status md-status--new"' in page  # status: new
    assert 'data-md-type="toc" hidden>' in page  # hide: [toc]
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    url = built.manifest["notes"]["Properties/Page settings.md"]
    assert not [d for d in index["docs"] if d["location"].startswith(url)]  # search: {exclude: true}
    nav = page  # the page in the sidebar, with its icon
    tree_svg = (
        Path(__import__("material").__file__).parent / "templates" / ".icons" / "material" / "tree.svg"
    ).read_text(encoding="utf-8")
    assert re.search(r"<path d=\"([^\"]+)\"", tree_svg).group(1) in nav


def test_bad_page_settings_are_warnings_with_file_and_line(built: Built) -> None:
    lines = [line for line in built.err.splitlines() if "page setting" in line]
    expected = {
        "Properties/Bad settings.md:4: warning: page setting 'mkdocs.icon'",
        "Properties/Bad settings.md:5: warning: page setting 'mkdocs.hide'",
        "Properties/Bad settings.md:6: warning: page setting 'mkdocs.template'",
        "Properties/Bad settings.md:7: warning: page setting 'mkdocs.search'",
        "Properties/Bad settings.md:8: warning: page setting 'mkdocs.colour'",
    }
    for prefix in expected:
        assert any(line.startswith(prefix) for line in lines), prefix
    assert any(line.startswith("Properties/Not a map.md:2: warning:") for line in built.err.splitlines())
    assert "body-bad-settings" in built.page("Properties/Bad settings.md")


def test_unquoted_placeholders_are_a_warning_and_the_note_builds(built: Built) -> None:
    assert "Properties/Placeholder.md:2: warning: invalid YAML" in built.err
    assert "Templates/Daily.md" in built.manifest["notes"]
    daily = built.page("Templates/Daily.md")
    assert "{{date:YYYY-MM-DD}}" in daily and "&lt;% tp.date.now() %&gt;" in daily


def test_links_to_names_in_every_script_resolve(built: Built) -> None:
    home = built.page("Home.md")
    for note in NOTES:
        if note.startswith(("Scripts/", "Names/")):
            url = built.manifest["notes"][note]
            assert f'href="{url}"' in home, note
    assert built.manifest["unresolved"] == [
        {"source": "Syntax/Everything.md", "line": 12, "target": "Missing note"},
        {"source": "Templates/Daily.md", "line": 7, "target": "{{date}}"},
    ]


def test_block_ids_after_embeds_are_link_targets(built: Built) -> None:
    embeds = built.page("Syntax/Embeds.md")
    assert 'id="^fig-1"' in embeds and 'id="^fig-2"' in embeds
    assert "]]^fig-1" not in embeds and "^fig-1</p>" not in embeds
    url = built.manifest["notes"]["Syntax/Embeds.md"]
    home = built.page("Home.md")
    assert f'href="{url}#^fig-1"' in home and f'href="{url}#^fig-2"' in home
    assert 'class="admonition obsidian-embed obsidian-embed-block"' in home  # ![[Embeds#^fig-1]]


def test_a_fence_indented_in_a_callout_is_code(built: Built) -> None:
    page = built.page("Syntax/Everything.md")
    note = page.split('<p class="admonition-title">A note</p>', 1)[1].split("</div>\n</div>", 1)[0]
    assert '<div class="highlight"><pre>' in note
    assert "[[not a link]] and [!note] inside code" in note
    assert "```" not in note
    assert "<p>Text after the code.</p>" in page


def test_backlink_excerpts_keep_inline_code(built: Built) -> None:
    page = built.page("Syntax/Everything.md")
    section = page.split('id="obsidian-backlinks"', 1)[1]
    assert "<code>[[Everything]]</code> or <code>[!note]</code>" in section


def test_media_embeds_with_a_fragment_embed_the_file(built: Built) -> None:
    page = built.page("Syntax/Embeds.md")
    assert page.count('src="../../attachments/shot.png"') == 2  # |200 and #interface
    assert '<video class="obsidian-video" controls src="../../attachments/talk.mp4">' in page
    assert '<video class="obsidian-video" controls src="../../attachments/talk.mp4#t=5,10">' in page


def test_exclude_templates_leaves_the_folder_out_but_its_files_resolvable(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: t\ndocs_dir: {VAULT}\nplugins:\n  - obsidian-vault:\n      exclude_templates: true\n",
        encoding="utf-8",
    )
    assert run_build(tmp_path, VAULT, "--config", str(config)) == 0
    manifest = json.loads((tmp_path / "site" / "vault-manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["notes"]) == set(NOTES) - {"Templates/Daily.md"}
    embeds = page_of(tmp_path / "site", manifest["notes"]["Syntax/Embeds.md"])
    assert "body-canvas" in embeds and "obsidian-unresolved" not in embeds  # ![[Plan.canvas]] still found


def _odd_vault(root: Path) -> dict[str, str]:
    """Names that cannot be committed portably: "?", a trailing space, names too long for a site
    folder (two sharing their first 200 bytes), a long tag and a long alias. Note -> body word."""
    notes = {
        "what?.md": "body-question",
        "Trailing .md": "body-trailing",
        "長" * 83 + "一.md": "body-long-cjk-1",
        "長" * 83 + "二.md": "body-long-cjk-2",
        "Ω" * 120 + ".md": "body-long-greek",
        "Deep/" + "ф" * 110 + "/Note.md": "body-long-folder",
    }
    for name, word in notes.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"---\naliases: [{'y' * 300}]\n---\n{word} #{'t' * 300}\n", encoding="utf-8")
    links = "\n".join(
        f"- [{i}]({name.replace(' ', '%20').replace('?', '%3F')})" for i, name in enumerate(notes)
    )
    (root / "Home.md").write_text(f"body-home\n{links}\n", encoding="utf-8")
    notes["Home.md"] = "body-home"
    return notes


def test_odd_and_long_names_get_pages_within_the_name_limit(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    notes = _odd_vault(vault)
    before = digest(vault)
    assert run_build(tmp_path, vault) == 0
    site = tmp_path / "site"
    manifest = json.loads((site / "vault-manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["notes"]) == set(notes)
    assert len(set(manifest["notes"].values())) == len(notes)  # no two notes share a page
    for note, word in notes.items():
        assert word in page_of(site, manifest["notes"][note]), note
    for path in site.rglob("*"):
        assert len(path.name.encode("utf-8")) <= 255, path
    home = page_of(site, manifest["notes"]["Home.md"])
    for note, url in manifest["notes"].items():
        if note != "Home.md":
            assert f'href="{url}"' in home, note
    assert digest(vault) == before


@pytest.mark.slow
def test_a_folder_of_5000_notes_renders_whole(tmp_path: Path) -> None:
    """5,000 notes in one folder, each with properties Material would choke on, through the vault
    engine and the renderer: every note has its page, with its body and only allowed front matter.
    (MkDocs' own pass over a flat folder this size is quadratic in its sidebar: docs/real-vaults.md.)"""
    vault = tmp_path / "vault"
    (vault / "Inbox").mkdir(parents=True)
    for i in range(5000):
        links = f"[[Note {(i + 1) % 5000}]] [[Note {(i * 7) % 5000}]]"
        props = f"icon: x{i}\nhide: yes\ntemplate: t{i}\nsearch: no\nstatus: {i}"
        (vault / "Inbox" / f"Note {i}.md").write_text(
            f"---\n{props}\n---\nbody-{i} {links}\n", encoding="utf-8"
        )
    before = digest(vault)
    graph = load_vault(vault)
    result = render_site(graph, tmp_path / "docs", RenderOptions(vault_dir=vault, jobs=2))
    assert len(result.pages) == 5000 and graph.unresolved == []
    assert not [d for d in result.diagnostics if d.severity == "error"]
    for i in range(5000):
        text = (tmp_path / "docs" / result.pages[VaultPath(f"Inbox/Note {i}.md")]).read_text(encoding="utf-8")
        head, _, body = text[4:].partition("\n---\n")
        assert set(yaml.safe_load(head)) == {"title"}
        # The properties panel (docs/reader.md) shows `status` above the body; the rest are hidden.
        panel, _, body = body.partition("</dl>\n")
        assert ">status</dt>" in panel and ">icon</dt>" not in panel
        assert body.startswith(f"\nbody-{i} ")
    assert digest(vault) == before


def test_check_reports_bad_page_settings_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    main(["check", "--vault", str(VAULT)])
    out = capsys.readouterr().out
    for line in (4, 5, 6, 7, 8):
        assert f"{VAULT.as_posix()}/Properties/Bad settings.md:{line}: warning: page setting 'mkdocs." in out
    assert "Page settings.md" not in out  # the valid settings are not reported
