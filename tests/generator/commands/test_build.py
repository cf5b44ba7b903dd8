"""`python -m generator build` on the small fixture vault `site_vault/`: the site, the manifest, atomicity.

Expected values are written by hand from the fixture's files (three notes, one image, one link to a
note that does not exist, on line 6 of Folder/Third.md).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator import __version__
from generator.__main__ import main
from generator.errors import GeneratorError
from tests import FIXTURES

VAULT = FIXTURES / "site_vault"
NOTES = {"index.md", "Second note.md", "Folder/Third.md"}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones included) -> its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def build(tmp: Path, *extra: str, vault: Path = VAULT) -> int:
    args = ["build", "--vault", str(vault), "--site-dir", str(tmp / "site"), "--build-dir", str(tmp / "b")]
    return main([*args, "--device", "cpu", "-q", *extra])


def build_home(tmp: Path, files: dict[str, str]) -> str:
    """Build a vault of `files` (vault path -> text) in `tmp / "v"`; the home page's HTML."""
    vault = tmp / "v"
    for name, text in files.items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_text(text, encoding="utf-8")
    assert build(tmp, vault=vault) == 0
    return (tmp / "site" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty folder, so no mkdocs.yml of the repo is picked up."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@dataclass(frozen=True)
class Built:
    """The one build of the fixture vault (no config, -q) that the tests below share."""

    tmp: Path  # holds site/ and b/ (the build folder)
    vault_before: dict[str, bytes]
    vault_after: dict[str, bytes]
    out: str  # what the build printed on stdout
    err: str  # and on stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("built")
    before = snapshot(VAULT)
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            assert build(tmp) == 0
    return Built(tmp, before, snapshot(VAULT), out.getvalue(), err.getvalue())


def with_previous_site(built: Built, tmp: Path) -> Path:
    """`tmp` holding a copy of the shared build's site and build folder (a previous build there)."""
    shutil.copytree(built.tmp / "site", tmp / "site")
    shutil.copytree(built.tmp / "b", tmp / "b")
    return tmp


def test_manifest_follows_the_design_schema(built: Built) -> None:
    tmp = built.tmp
    manifest = json.loads((tmp / "site" / "vault-manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == {"notes", "unresolved", "generator"}
    assert set(manifest["notes"]) == NOTES
    assert manifest["unresolved"] == [{"source": "Folder/Third.md", "line": 6, "target": "Nowhere at all"}]
    assert manifest["generator"] == __version__


def test_manifest_urls_are_real_pages(built: Built) -> None:
    site = built.tmp / "site"
    manifest = json.loads((site / "vault-manifest.json").read_text(encoding="utf-8"))
    titles = {"index.md": "Fixture home", "Second note.md": "Second note", "Folder/Third.md": "Third"}
    for note, url in manifest["notes"].items():
        page = site / unquote(url) / "index.html"
        assert page.is_file(), f"{note}: {url} is not a page"
        assert f"<title>{titles[note]}" in page.read_text(encoding="utf-8")
    assert manifest["notes"]["index.md"] == "./"


def test_site_ships_its_assets(built: Built) -> None:
    site = built.tmp / "site"
    assert (site / "img" / "dot.png").read_bytes() == (VAULT / "img" / "dot.png").read_bytes()
    assert (site / "_math" / "mathjax" / "tex-svg-full.js").stat().st_size > 1_000_000
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<script src="_math/mathjax-config.js"></script>' in home
    assert "fonts.googleapis.com" not in home  # nothing fetched from the network


def test_the_vault_is_only_read(built: Built) -> None:
    assert built.vault_after == built.vault_before  # same files, same bytes, nothing new


def test_second_build_rewrites_no_docs_file(in_tmp: Path, built: Built) -> None:
    with_previous_site(built, in_tmp)
    docs = in_tmp / "b" / "docs"
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    assert len(mtimes) >= 4
    assert build(in_tmp) == 0
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()} == mtimes


def test_failed_build_keeps_the_previous_site(in_tmp: Path, built: Built) -> None:
    with_previous_site(built, in_tmp)
    before = snapshot(in_tmp / "site")
    bad = in_tmp / "mkdocs.yml"
    bad.write_text("site_name: broken\nplugins:\n  - no-such-plugin\n", encoding="utf-8")
    assert build(in_tmp, "--config", str(bad)) == 1
    assert snapshot(in_tmp / "site") == before
    assert sorted(p.name for p in in_tmp.iterdir()) == ["b", "mkdocs.yml", "site"]  # no temp folder left


def test_failure_after_mkdocs_keeps_the_previous_site(
    in_tmp: Path, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_previous_site(built, in_tmp)
    before = snapshot(in_tmp / "site")

    def broken_manifest(*args: object, **kwargs: object) -> None:
        raise GeneratorError("disk full (simulated)")

    monkeypatch.setattr("generator.adapter.pipeline.write_manifest", broken_manifest)
    assert build(in_tmp) == 1
    assert snapshot(in_tmp / "site") == before
    assert sorted(p.name for p in in_tmp.iterdir()) == ["b", "site"]


def test_strict_fails_on_a_warning_and_keeps_the_site(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(in_tmp, "--strict") == 1  # the unresolved link is a warning
    assert not (in_tmp / "site").exists()
    assert "Nowhere at all" in capsys.readouterr().err


def test_quiet_prints_diagnostics_and_the_summary_only(built: Built) -> None:
    out, err = built.out, built.err
    assert re.fullmatch(
        r"3 notes, \d+ pages, \d+ links \(1 unresolved\), \d+ warnings in \d+\.\d s\n", out
    ), out
    lines = err.splitlines()  # the one diagnostic, as `check` prints it; no progress, no chatter
    assert len(lines) == 1 and lines[0].startswith("Folder/Third.md:6: ") and "Nowhere at all" in lines[0]


def test_bad_usage_exits_2(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(in_tmp, vault=in_tmp / "nowhere") == 2
    assert "the vault folder does not exist" in capsys.readouterr().err


def test_a_device_torch_does_not_offer_is_bad_usage(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(in_tmp, "--device", "cuda:9") == 2
    err = capsys.readouterr().err
    assert "--device" in err and "'cuda:9' is not available here" in err and "offers cpu" in err
    assert not (in_tmp / "site").exists()


def test_theme_templates_compile_once_per_process_and_again_when_edited(tmp_path: Path) -> None:
    import jinja2

    from generator.adapter.pipeline import _MemoryBytecodeCache

    cache = _MemoryBytecodeCache()
    (tmp_path / "page.html").write_text("Hello {{ name }}")

    def env() -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)

    assert env().get_template("page.html").render(name="a") == "Hello a"
    second = env()
    second.compile = None  # type: ignore[assignment,method-assign]  # a compile would raise
    assert second.get_template("page.html").render(name="b") == "Hello b"
    (tmp_path / "page.html").write_text("Bye {{ name }}")
    assert env().get_template("page.html").render(name="c") == "Bye c"


@pytest.mark.parametrize(
    ("app_json", "breaks"),
    [
        (None, True),
        ('{"strictLineBreaks": true}', False),
        ('{"strictLineBreaks": false}', True),
        ("{not json", True),
    ],
)
def test_line_breaks_follow_obsidians_strict_line_breaks_setting(
    in_tmp: Path, app_json: str | None, breaks: bool
) -> None:
    """Obsidian keeps a single line break inside a paragraph unless "Strict line breaks" is on."""
    files = {"index.md": "line one\nline two\n"}
    if app_json is not None:
        files[".obsidian/app.json"] = app_json
    html = build_home(in_tmp, files)
    assert ("line one<br />\nline two" in html) is breaks
    assert "line one" in html and "line two" in html


def test_a_linked_obsidian_settings_file_is_not_read(in_tmp: Path) -> None:
    from generator.adapter.config import obsidian_line_breaks

    outside = in_tmp / "outside.json"
    outside.write_text('{"strictLineBreaks": true}', encoding="utf-8")
    vault = in_tmp / "v"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / ".obsidian" / "app.json").symlink_to(outside)
    assert obsidian_line_breaks(vault) is True  # the default: nothing is read through the link


def test_portable_docs_option_reaches_the_renderer(in_tmp: Path) -> None:
    from generator.render.html_stash import MARK

    assert build(in_tmp, "--portable-docs") == 0
    docs = [p.read_text(encoding="utf-8") for p in (in_tmp / "b" / "docs").rglob("*.md")]
    assert docs and not any(MARK in text for text in docs)
    assert build(in_tmp) == 0  # and the default build, from the same build folder, pre-renders again
    assert any(MARK in p.read_text(encoding="utf-8") for p in (in_tmp / "b" / "docs").rglob("*.md"))


INLINE_NOTE = "Run `#!python print(1)` and `plain` now, with $x^2$ too.\n"


@pytest.mark.parametrize("override", [False, True])
def test_inline_code_and_math_follow_the_users_markdown_extensions(in_tmp: Path, override: bool) -> None:
    """Inline code and math are pre-rendered only while the site renders them the built-in way: a
    user's pymdownx.inlinehilite, or arithmatex's non-generic (script) output, gets the markdown."""
    if override:
        (in_tmp / "mkdocs.yml").write_text(
            "site_name: s\nmarkdown_extensions:\n  - pymdownx.inlinehilite\n"
            "  - pymdownx.arithmatex:\n      generic: false\n",
            encoding="utf-8",
        )
    html = build_home(in_tmp, {"index.md": INLINE_NOTE})
    assert "<code>plain</code>" in html
    if override:  # inlinehilite's and arithmatex's own output, from MkDocs
        assert '<code class="highlight"><span class="nb">print</span>' in html
        assert '<script type="math/tex">x^2</script>' in html
    else:
        assert "<code>#!python print(1)</code>" in html
        assert '<span class="arithmatex">\\(x^2\\)</span>' in html


def test_embedded_notes_keep_their_own_footnotes(in_tmp: Path) -> None:
    """A page and a note it embeds both use `[^1]`: each reference leads to its own note's text
    (Obsidian's rule), numbered in the order they are referenced; code is left alone, and a
    reference whose definition the embedded section leaves out shows as written."""
    html = build_home(
        in_tmp,
        {
            "index.md": "Page claim[^1].\n\n![[Other]]\n\n![[Other#Part]]\n\n[^1]: Home footnote.\n",
            "Other.md": "Other claim[^1] and [^note], code `[^1]`.\n\n## Part\n\nPart claim[^1].\n\n"
            "## Notes\n\n[^1]: Other footnote.\n[^note]: Named one.\n",
        },
    )
    notes = re.findall(r'<li id="fn:([^"]+)">\s*<p>(.*?)&#160;', html)
    assert [text for _, text in notes] == ["Home footnote.", "Other footnote.", "Named one."]
    targets = dict(notes)
    refs = re.findall(r'<a class="footnote-ref" href="#fn:([^"]+)">(\d+)</a>', html)
    assert [(targets[label], number) for label, number in refs] == [
        ("Home footnote.", "1"),
        ("Other footnote.", "2"),
        ("Named one.", "3"),
        ("Other footnote.", "2"),  # "Part claim" in the whole-note embed
    ]
    assert "<code>[^1]</code>" in html
    assert "Part claim[^1]." in html  # its definition is not in the embedded section
