"""The sidebar cache (`generator.speedups.nav_cache`) against Material's own sidebar, page by page.

Each site is built twice by MkDocs' own build, once with Material's `nav-item.html` wrapped and once
without; every file must come out byte for byte the same. The sites vary what the cache key rests
on: folders at several depths, folder index pages, a home page at the root, pages sharing a name
prefix with a folder, pages inside the folder of a section they are not in, links in the nav
(absolute and relative), directory and file URLs, and the features that change how an item is drawn.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from generator.speedups import nav_cache

PAGES = [
    "index.md",
    "top.md",
    "a/index.md",
    "a/one.md",
    "a/two.md",
    "a/b/three.md",
    "a/b/c/four.md",
    "a/b/c/five.md",
    "a/b/d/ten.md",
    "a/bc/six.md",  # shares a name prefix with a/b
    "a/b.md",  # a page beside the folder of the same name
    "d/seven.md",
    "d/e/eight.md",
    "d/e/f/g/nine.md",
    "x/README.md",
]

NAV = [
    {"Home": "index.md"},
    {"Top": "top.md"},
    {
        "A": [
            "a/index.md",
            "a/one.md",
            "a/two.md",
            "a/b.md",
            {"B": ["a/b/three.md", {"C": ["a/b/c/four.md"]}]},
            {"BC": ["a/bc/six.md"]},
        ]
    },
    {"D": ["d/seven.md", {"E": ["d/e/eight.md", "d/e/f/g/nine.md"]}, {"Outside": "https://example.org/"}]},
    {"X": ["x/README.md", {"Up": "../elsewhere/"}]},
    {"Mixed": ["top.md", "d/e/eight.md"]},
    # Pages in the folder of section B, not in B: B's links depend on more than their depth.
    {"Other": ["a/b/c/five.md", "a/b/d/ten.md"]},
]


class _Install(BasePlugin):  # type: ignore[type-arg]
    def __init__(self, on: bool) -> None:
        self.on = on
        self.installed = False

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        if self.on:
            self.installed = nav_cache.install(env)
        return env


def _site(
    tmp: Path, features: list[str], use_directory_urls: bool, nav: bool, on: bool, pages: list[str] = PAGES
) -> tuple[dict[str, bytes], bool]:
    docs = tmp / "docs"
    for i, rel in enumerate(pages):
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"# Page {i}\n\n## Part one\n\ntext {i}\n\n### Deeper\n\n## Part two\n", encoding="utf-8"
        )
    conf: dict[str, Any] = {
        "site_name": "nav",
        "docs_dir": str(docs),
        "use_directory_urls": use_directory_urls,
        "theme": {"name": "material", "features": features},
        "plugins": [],
    }
    if nav:
        conf["nav"] = NAV
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(conf), encoding="utf-8")
    site = tmp / ("on" if on else "off")
    config = load_config(str(tmp / "mkdocs.yml"), site_dir=str(site))
    plugin = _Install(on)
    config.plugins["test/nav-cache"] = plugin
    build(config)
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}, plugin.installed


@pytest.mark.parametrize(
    "features",
    [
        ["navigation.prune"],
        ["navigation.prune", "navigation.indexes"],
        [],
        ["navigation.sections", "navigation.indexes"],
        ["navigation.tabs", "navigation.sections", "navigation.prune"],
        ["navigation.expand", "toc.integrate"],
    ],
)
@pytest.mark.parametrize("use_directory_urls", [True, False])
@pytest.mark.parametrize("nav", [True, False], ids=["nav", "folders"])
def test_every_page_is_materials_own(
    tmp_path: Path, features: list[str], use_directory_urls: bool, nav: bool
) -> None:
    cached, installed = _site(tmp_path, features, use_directory_urls, nav, on=True)
    plain, _ = _site(tmp_path, features, use_directory_urls, nav, on=False)
    assert installed
    assert cached.keys() == plain.keys() and len(plain) >= len(PAGES)
    assert [name for name in plain if cached[name] != plain[name]] == []


def test_the_cache_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Items outside the page's branch come from the cache: Material's macro runs for a few of them."""
    items = rendered = 0
    real = nav_cache._Cache.__call__

    def counting(self: Any, item: Any, path: str, level: int, parent: Any, macro: Any, page: Any) -> Any:
        nonlocal items
        items += 1

        def counted(*args: Any) -> Any:
            nonlocal rendered
            rendered += 1
            return macro(*args)

        return real(self, item, path, level, parent, counted, page)

    monkeypatch.setattr(nav_cache._Cache, "__call__", counting)
    folders = [f"f{i}/g{j}" for i in range(4) for j in range(4)]
    _site(
        tmp_path,
        ["navigation.prune"],
        True,
        False,
        on=True,
        pages=[f"{f}/p{k}.md" for f in folders for k in range(4)],
    )
    assert 0 < rendered < items / 2  # without the cache, every item would be rendered


def test_a_theme_overriding_the_nav_item_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(nav_cache._Cache, "__call__", lambda self, *args: calls.append(args))
    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "nav-item.html").write_text(
        "{% macro render(nav_item, path, level, parent) %}<li>custom {{ nav_item.title }}</li>{% endmacro %}",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "a" / "one.md").write_text("# One\n", encoding="utf-8")
    conf = {
        "site_name": "nav",
        "docs_dir": str(docs),
        "theme": {"name": "material", "custom_dir": str(tmp_path / "overrides")},
        "plugins": [],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(conf), encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins["test/nav-cache"] = _Install(True)
    build(config)
    html = (tmp_path / "site" / "a" / "one" / "index.html").read_text(encoding="utf-8")
    assert "<li>custom Home</li>" in html and "<li>custom A</li>" in html
    assert calls == []  # the override (same macro line as Material's) was not wrapped


def test_patching_needs_the_exact_macro() -> None:
    assert nav_cache._patched("{% macro render(nav_item, path) %}{% endmacro %}") is None
    patched = nav_cache._patched(f"x{nav_cache._MACRO}y{{% endmacro %}}")
    assert (
        patched is not None and patched.count("macro render(") == 1 and "_obsidian_render_uncached" in patched
    )


def test_a_template_without_a_page_gets_materials_own_items() -> None:
    macro_calls: list[Any] = []

    def macro(*args: Any) -> str:
        macro_calls.append(args)
        return "<li>item</li>"

    cache = nav_cache._Cache()
    item = SimpleNamespace(url="a/b/", title="B", active=False)
    for page in (None, jinja2.Undefined(name="page")):
        assert cache(item, "__nav_1", 1, jinja2.Undefined(), macro, page) == "<li>item</li>"
    assert len(macro_calls) == 2 and cache.html == {}
