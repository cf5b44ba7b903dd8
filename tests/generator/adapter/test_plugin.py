"""The MkDocs plugin route: `mkdocs build` with `plugins: [obsidian-vault]` gives the same pages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.speedups.compact import compact
from tests import FIXTURES

VAULT = FIXTURES / "site_vault"

pytestmark = pytest.mark.slow  # two builds, one in a fresh interpreter (about 7 s)

USER_CONFIG = """\
site_name: Plugin route
docs_dir: {vault}
theme:
  name: material
  font: false
  features: [navigation.prune]
plugins:
  - search
  - tags
  - obsidian-vault:
      build_dir: build
"""


def _html_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _article(page: Path) -> str:
    """The page's article, whitespace folded as the CLI's compaction speedup folds it (the plugin
    route runs MkDocs' plain build; tests/generator/speedups/test_compact.py shows the folding
    changes nothing a browser shows)."""
    match = re.search(r"<article[^>]*>(.*)</article>", compact(page.read_text(encoding="utf-8")), re.S)
    assert match, f"no <article> in {page}"
    return match.group(1)


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture vault built by `mkdocs build` (plugin) and by `python -m generator build`."""
    tmp = tmp_path_factory.mktemp("plugin")
    (tmp / "mkdocs.yml").write_text(USER_CONFIG.format(vault=VAULT), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(tmp / "mkdocs.yml"),
            "-d",
            str(tmp / "plugin_site"),
        ],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path_factory.mktemp("cli"))
        args = [
            "build",
            "--vault",
            str(VAULT),
            "--site-dir",
            str(tmp / "cli_site"),
            "--build-dir",
            str(tmp / "b2"),
        ]
        assert main([*args, "--device", "cpu", "-q"]) == 0
    return tmp / "plugin_site", tmp / "cli_site"


def test_plugin_builds_the_same_pages(both_sites: tuple[Path, Path]) -> None:
    plugin, cli = both_sites
    assert _html_files(plugin) == _html_files(cli)
    assert {"index.html", "Second note/index.html", "Folder/Third/index.html"} <= _html_files(plugin)


def test_plugin_pages_have_the_same_content(both_sites: tuple[Path, Path]) -> None:
    plugin, cli = both_sites
    for page in ("index.html", "Second note/index.html", "Folder/Third/index.html"):
        assert _article(plugin / page) == _article(cli / page), page
    assert "Embedded section text appears on the home page." in _article(plugin / "index.html")


def test_plugin_writes_the_manifest_and_math(both_sites: tuple[Path, Path]) -> None:
    plugin, cli = both_sites
    manifest = json.loads((plugin / "vault-manifest.json").read_text(encoding="utf-8"))
    assert manifest == json.loads((cli / "vault-manifest.json").read_text(encoding="utf-8"))
    assert (plugin / "_math" / "mathjax-config.js").is_file()


def test_plugin_never_writes_into_the_vault(both_sites: tuple[Path, Path]) -> None:
    names = sorted(p.relative_to(VAULT).as_posix() for p in VAULT.rglob("*"))
    expected = [".obsidian", ".obsidian/app.json", "Folder", "Folder/Third.md", "Second note.md", "img"]
    assert names == [*expected, "img/dot.png", "index.md"]  # nothing new appeared in the vault


def test_plugin_leaves_inline_code_and_math_to_the_users_extensions(tmp_path: Path) -> None:
    """The plugin reads the user's markdown extensions as the build does: with pymdownx.inlinehilite
    and arithmatex's script output, inline code and math are theirs, not pre-rendered."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "index.md").write_text("Run `#!python print(1)` with $x^2$.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        USER_CONFIG.format(vault=vault)
        + "markdown_extensions:\n  - pymdownx.inlinehilite\n  - pymdownx.arithmatex:\n      generic: false\n",
        encoding="utf-8",
    )
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<code class="highlight"><span class="nb">print</span>' in html
    assert '<script type="math/tex">x^2</script>' in html
