"""One page that cannot be rendered, or built by MkDocs, is an error on that page: the others are published.

The failures are made by hand: the renderer raises for one note, MkDocs' conversion for another
and the theme for a third. Expected: exit 1 (errors), the site written, each failed page showing an
error box and the error naming its vault file, every other page as usual.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from generator.__main__ import main
from generator.render import site as render_site_module
from generator.speedups import parallel_build

NOTES = {f"Note {i}.md": f"body-{i} [[Note {(i + 1) % 6}]]" for i in range(6)}


def _vault(root: Path) -> Path:
    vault = root / "vault"
    vault.mkdir()
    for name, text in NOTES.items():
        (vault / name).write_text(text + "\n", encoding="utf-8")
    return vault


def _build(tmp: Path, vault: Path, jobs: str) -> tuple[int, str]:
    err = io.StringIO()
    args = ["build", "--vault", str(vault), "--site-dir", str(tmp / "site"), "--build-dir", str(tmp / "b")]
    with contextlib.redirect_stderr(err):
        code = main([*args, "--no-bench", "-q", "-j", jobs])
    return code, err.getvalue()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_failing_pages_are_contained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    monkeypatch.chdir(tmp_path)
    vault = _vault(tmp_path)
    render_page = render_site_module.render_page

    def render_or_fail(renderer: Any, note: Any, state: Any, files: Any = None) -> str:
        if note.path == "Note 1.md":
            raise ValueError("renderer exploded")
        return render_page(renderer, note, state, files)

    convert = parallel_build._PageRenderer.render

    def convert_or_fail(self: Any, page: Any, config: Any, files: Any) -> None:
        if page.file.src_uri == "Note 2.md":
            raise KeyError("markdown exploded")
        convert(self, page, config, files)

    build_page = parallel_build._build_page

    def build_or_fail(page: Any, *args: Any, **kwargs: Any) -> None:
        if page.file.src_uri == "Note 3.md":
            raise RuntimeError("theme exploded")
        build_page(page, *args, **kwargs)

    monkeypatch.setattr(render_site_module, "render_page", render_or_fail)
    monkeypatch.setattr(parallel_build._PageRenderer, "render", convert_or_fail)
    monkeypatch.setattr(parallel_build, "_build_page", build_or_fail)
    code, err = _build(tmp_path, vault, jobs)

    assert code == 1
    assert "Note 1.md:0: error: this page could not be rendered: ValueError: renderer exploded" in err
    assert "Note 2.md:0: error: this page could not be built: KeyError: 'markdown exploded'" in err
    assert "Note 3.md:0: error: this page could not be built: RuntimeError: theme exploded" in err
    site = tmp_path / "site"
    manifest = json.loads((site / "vault-manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["notes"]) == set(NOTES)
    pages = {
        note: (site / unquote(url) / "index.html").read_text(encoding="utf-8")
        for note, url in manifest["notes"].items()
    }
    for note in ("Note 1.md", "Note 2.md", "Note 3.md"):
        assert "could not be" in pages[note] and "failure" in pages[note], note
    for note in ("Note 0.md", "Note 4.md", "Note 5.md"):
        assert "could not be" not in pages[note]
        assert f"body-{note[5]}" in pages[note]
    assert "body-3 Note 4" in pages["Note 3.md"]  # built without the theme's page, with its content


def test_a_contained_failure_is_rendered_again_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    vault = _vault(tmp_path)
    render_page = render_site_module.render_page

    def render_or_fail(renderer: Any, note: Any, state: Any, files: Any = None) -> str:
        if note.path == "Note 1.md":
            raise ValueError("renderer exploded")
        return render_page(renderer, note, state, files)

    with monkeypatch.context() as mp:
        mp.setattr(render_site_module, "render_page", render_or_fail)
        assert _build(tmp_path, vault, "1")[0] == 1
    code, err = _build(tmp_path, vault, "1")
    assert code == 0, err
    manifest = json.loads((tmp_path / "site" / "vault-manifest.json").read_text(encoding="utf-8"))
    page = (tmp_path / "site" / unquote(manifest["notes"]["Note 1.md"]) / "index.html").read_text(
        encoding="utf-8"
    )
    assert "could not be" not in page and "body-1" in page
