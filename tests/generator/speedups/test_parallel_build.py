"""The build with its page work shared among processes gives the one-process result, byte for byte.

The render fixture vault (links, embeds, callouts, tags, backlinks) is built by `python -m generator
build` with `--jobs 1`, MkDocs' own `build` and Material's own sidebar, and with `--jobs 3` (pages
rendered and built by forked workers, a few pages each, the sidebar cached: `generator.speedups.nav_cache`),
each in a fresh build folder.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import generator.adapter.pages
import generator.render.site
import generator.speedups.nav_cache
import generator.speedups.parallel_build
from generator.__main__ import main
from tests.generator.render_support import VAULT


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def build(tmp: Path, name: str, jobs: int) -> int:
    args = [
        "build",
        "--vault",
        str(VAULT),
        "--site-dir",
        str(tmp / name),
        "--build-dir",
        str(tmp / f"b-{name}"),
    ]
    return main([*args, "--device", "cpu", "--no-bench", "-q", "--jobs", str(jobs)])


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("jobs")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp)
        mp.setattr(generator.speedups.parallel_build, "PAGES_PER_JOB", 1)
        mp.setattr(generator.render.site, "PAGES_PER_JOB", 1)
        with pytest.MonkeyPatch.context() as own:
            own.setattr(generator.speedups.parallel_build, "can_share", lambda config: False)
            own.setattr(generator.speedups.nav_cache, "install", lambda env: False)
            assert build(tmp, "one", 1) == 0  # MkDocs' own build, Material's own sidebar
        installed: list[bool] = []
        install = generator.speedups.nav_cache.install
        mp.setattr(
            generator.speedups.nav_cache, "install", lambda env: installed.append(install(env)) or True
        )
        assert build(tmp, "three", 3) == 0
        assert installed and all(installed)  # the sidebar cache was used in every process
    return tmp / "one", tmp / "three"


def test_shared_build_equals_mkdocs_own_build(sites: tuple[Path, Path]) -> None:
    one, three = snapshot(sites[0]), snapshot(sites[1])
    docs_one, docs_three = (snapshot(site.parent / f"b-{site.name}" / "docs") for site in sites)
    assert docs_one == docs_three and len(docs_one) >= 10
    assert sorted(one) == sorted(three)
    different = [path for path in one if one[path] != three[path]]
    assert different == []
    assert sum(path.endswith(".html") for path in one) >= 10


def test_search_index_holds_every_page_once(sites: tuple[Path, Path]) -> None:
    """(Its order is MkDocs' own: the byte-for-byte comparison above covers search_index.json.)"""
    index = json.loads((sites[1] / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = [doc["location"] for doc in index["docs"] if "#" not in doc["location"]]
    assert "Links/" in pages and "Target/" in pages
    assert len(pages) == len(set(pages))


def test_search_sees_link_text_not_backlinks(sites: tuple[Path, Path]) -> None:
    """Links are indexed as their text; the backlinks section (added after indexing) is not indexed."""
    index = json.loads((sites[1] / "search" / "search_index.json").read_text(encoding="utf-8"))
    links = [doc for doc in index["docs"] if doc["location"].startswith("Links/")]
    text = " ".join(doc["text"] for doc in links)
    assert "aliased the target" in text
    assert "href" not in text
    target_page = (sites[1] / "Target" / "index.html").read_text(encoding="utf-8")
    assert 'class="obsidian-backlinks"' in target_page
    target_docs = [doc for doc in index["docs"] if doc["location"].startswith("Target/")]
    assert not any("Backlinks" in doc["title"] for doc in target_docs)


def test_a_failing_worker_page_is_contained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error in a worker's page is that page's error: exit 1, the site written, an error box on
    each page the workers built, the parent's pages as usual."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(generator.speedups.parallel_build, "PAGES_PER_JOB", 1)
    original = generator.adapter.pages.PreRenderedHtml.on_post_page
    parent = os.getpid()

    def broken(self: object, output: str, /, *, page: object, config: object) -> str:
        if os.getpid() != parent:
            raise RuntimeError("boom in a worker")
        return original(self, output, page=page, config=config)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.adapter.pages.PreRenderedHtml, "on_post_page", broken)
    assert build(tmp_path, "site", 3) == 1
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("index.html")]
    failed = [page for page in pages if "boom in a worker" in page]
    assert failed and all("This page could not be built" in page for page in failed)
    assert len(failed) < len(pages)


def test_unknown_plugins_or_anchor_warnings_keep_mkdocs_own_build() -> None:
    class Config:
        plugins = {"material/search": object(), "some-third-party-plugin": object()}
        markdown_extensions = ["toc", "pymdownx.superfences"]
        validation = SimpleNamespace(links=SimpleNamespace(anchors=logging.INFO))

    assert not generator.speedups.parallel_build.can_share(Config())
    assert not generator.speedups.parallel_build.can_cache_nav(
        Config()
    )  # it might change the nav while pages render
    Config.plugins = {"material/search": object(), "material/tags": object()}
    assert generator.speedups.parallel_build.can_cache_nav(Config())
    assert generator.speedups.parallel_build.can_share(Config())
    Config.validation.links.anchors = logging.WARNING  # a process sees only its own pages' anchors
    assert not generator.speedups.parallel_build.can_share(Config())


def test_alias_redirects_written_into_the_site(sites: tuple[Path, Path]) -> None:
    for site in sites:
        html = (site / "Goal" / "index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=../Target/">' in html
        assert (site / "Aim-Sub" / "index.html").is_file()


def test_payload_files_never_leave_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    files = {
        "ok/index.html": "fine",
        "../escape.html": "no",
        "/abs.html": "no",
        "ok/../../escape.html": "no",
        "..\\escape.html": "no",
    }
    generator.adapter.pages.PreRenderedHtml.write_files(site, files, "Note.md")
    assert (site / "ok" / "index.html").read_text() == "fine"
    assert not (tmp_path / "escape.html").exists() and not Path("/abs.html").exists()


def test_search_leaves_embeds_to_the_note_that_holds_them(sites: tuple[Path, Path]) -> None:
    index = json.loads((sites[1] / "search" / "search_index.json").read_text(encoding="utf-8"))
    embeds = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("Embeds/"))
    target = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("Target/"))
    assert "Text of section two." in target
    assert "Text of section two." not in embeds
    page = (sites[1] / "Embeds" / "index.html").read_text(encoding="utf-8")
    assert "Text of section two." in page  # still shown on the page


def build_vault(vault: Path, tmp: Path, name: str, build_dir: str, jobs: int = 1) -> int:
    args = [
        "build",
        "--vault",
        str(vault),
        "--site-dir",
        str(tmp / name),
        "--build-dir",
        str(tmp / build_dir),
    ]
    return main([*args, "--device", "cpu", "--no-bench", "-q", "--jobs", str(jobs)])


@pytest.mark.parametrize("jobs", [1, 3])
def test_unchanged_pages_come_from_the_page_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """A rebuild reuses finished pages whose inputs are unchanged; the site is what a cold build makes.
    With 3 processes, each one's pages reach the cache's index (which the parent writes)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(generator.speedups.parallel_build, "PAGES_PER_JOB", 1)
    vault = tmp_path / "vault"
    shutil.copytree(VAULT, vault)
    log = tmp_path / "built.log"  # appended to by every process
    original = generator.speedups.parallel_build._build_page

    def counting(page: Any, *args: Any, **kwargs: Any) -> None:
        with log.open("a", encoding="utf-8") as f:
            f.write(page.file.src_uri + "\n")
        original(page, *args, **kwargs)

    def built() -> list[str]:
        names = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        log.unlink(missing_ok=True)
        return names

    monkeypatch.setattr(generator.speedups.parallel_build, "_build_page", counting)
    assert build_vault(vault, tmp_path, "first", "b", jobs) == 0
    pages = len(built())
    cache = tmp_path / "b" / "cache" / "pages"
    assert pages >= 10 and (cache / "pages.json").is_file() and len(list(cache.glob("*.html"))) == pages

    assert build_vault(vault, tmp_path, "second", "b", jobs) == 0
    assert built() == []  # nothing changed: every page from the cache
    assert snapshot(tmp_path / "first") == snapshot(tmp_path / "second")

    # An edit that keeps every title: the note and the pages showing its text are built again.
    formatting = vault / "Formatting.md"
    formatting.write_text(formatting.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert build_vault(vault, tmp_path, "third", "b", jobs) == 0
    rebuilt = built()
    assert "Formatting.md" in rebuilt and len(rebuilt) < pages
    assert build_vault(vault, tmp_path, "cold", "b-cold") == 0
    built()
    assert snapshot(tmp_path / "third") == snapshot(tmp_path / "cold")

    # A new note changes the navigation of every page: all are built again.
    (vault / "Brand new.md").write_text("new\n", encoding="utf-8")
    assert build_vault(vault, tmp_path, "fourth", "b", jobs) == 0
    assert len(built()) == pages + 1


def test_embedded_headings_stay_out_of_the_table_of_contents(sites: tuple[Path, Path]) -> None:
    for site in sites:
        page = (site / "Embeds" / "index.html").read_text(encoding="utf-8")
        assert 'id="obsidian-embed-1-section-two"' in page  # the heading is shown in the embed
        assert not re.search(r'href="#obsidian-embed-[^"]*" class="md-nav__link"', page)  # not in the outline
    target = (sites[1] / "Target" / "index.html").read_text(encoding="utf-8")
    assert 'href="#section-two" class="md-nav__link"' in target  # a note's own headings are listed


def test_an_edited_theme_override_rebuilds_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    main_html = overrides / "main.html"
    main_html.write_text(
        '{% extends "base.html" %}{% block footer %}FOOTER-ONE{% endblock %}', encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "theme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8"
    )
    assert build_vault(VAULT, tmp_path, "first", "b") == 0
    assert "FOOTER-ONE" in (tmp_path / "first" / "Links" / "index.html").read_text(encoding="utf-8")
    main_html.write_text(
        '{% extends "base.html" %}{% block footer %}FOOTER-TWO{% endblock %}', encoding="utf-8"
    )
    assert build_vault(VAULT, tmp_path, "second", "b") == 0
    assert "FOOTER-TWO" in (tmp_path / "second" / "Links" / "index.html").read_text(encoding="utf-8")


def test_reading_a_page_cuts_its_payload_off_undecoded(tmp_path: Path) -> None:
    """The payload is cut off as bytes when the page is read; the page's own process decodes it."""
    from generator.render.html_stash import Stash, decode

    stash = Stash()
    token = stash.put('<a href="../Ünïcode/">Ünïcode</a>')
    page_file = tmp_path / "Note.md"
    page_file.write_bytes(stash.attach(f"# Note\n\nSee {token}.\n").encode())
    (tmp_path / "Latin1.md").write_bytes(b"caf\xe9\n")
    (tmp_path / "Plain.md").write_bytes("\ufeff# Plain café\n".encode())
    plugin = generator.adapter.pages.PreRenderedHtml()

    def page(name: str) -> Any:
        return SimpleNamespace(file=SimpleNamespace(src_uri=name, abs_src_path=str(tmp_path / name)))

    text = plugin.on_page_read_source(page=page("Note.md"), config=None)
    assert text == f"# Note\n\nSee {token}.\n"
    assert plugin.on_page_markdown(text, page=page("Note.md"), config=None, files=None) == text
    raw = plugin.raw_payload("Note.md")
    assert isinstance(raw, bytes)
    assert decode(raw) == stash.payload
    assert plugin.on_page_read_source(page=page("Latin1.md"), config=None) is None  # MkDocs reports it
    assert plugin.on_page_read_source(page=page("Plain.md"), config=None) == "# Plain café\n"
    assert plugin.raw_payload("Plain.md") == ""


def test_pages_are_copied_whole_where_hard_links_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, dest = tmp_path / "built.html", tmp_path / "cache" / "key.html"
    dest.parent.mkdir()
    src.write_text("<p>page</p>", encoding="utf-8")
    dest.write_text("stale", encoding="utf-8")

    def no_links(*args: Any) -> None:
        raise OSError("no hard links here")

    monkeypatch.setattr(generator.speedups.parallel_build.os, "link", no_links)
    generator.speedups.parallel_build._link_or_copy(src, dest)
    assert dest.read_text(encoding="utf-8") == "<p>page</p>"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["key.html"]  # no copy left half-way


_PAGE_A = """*[HTML]: Hyper Text Markup Language

# Title {#first}

HTML and a footnote[^1] and $x^2$ and ==marked== ~~gone~~ ^^up^^ ++ctrl+alt++.

[^1]: The first note.

- [ ] a task
- [x] done

| a | b |
|---|---|
| 1 | 2 |

!!! note "N"
    body

??? note "D"
    body

```python
x = 1
```

Term
:   definition

<div markdown>*inside*</div>
"""
_PAGE_B = "# Title\n\nHTML again, a footnote[^1] and another[^2].\n\n[^1]: B's first.\n[^2]: B's second.\n"


@pytest.mark.parametrize("extension", sorted(generator.speedups.parallel_build.SAFE_EXTENSIONS))
def test_allowed_extensions_keep_nothing_across_pages(extension: str) -> None:
    """What `_PageRenderer` relies on: a Markdown instance reset after one page converts the next
    exactly as a fresh one does."""
    import markdown

    fresh = markdown.Markdown(extensions=[extension]).convert(_PAGE_B)
    reused = markdown.Markdown(extensions=[extension])
    reused.convert(_PAGE_A)
    assert reused.reset().convert(_PAGE_B) == fresh


def test_an_unknown_markdown_extension_keeps_mkdocs_own_build() -> None:
    config = SimpleNamespace(
        plugins={"material/search": object()},
        markdown_extensions=["toc", "pymdownx.snippets"],
        validation=SimpleNamespace(links=SimpleNamespace(anchors=logging.INFO)),
    )
    assert not generator.speedups.parallel_build.can_share(config)
    config.markdown_extensions = ["markdown.extensions.toc", "pymdownx.superfences"]
    assert generator.speedups.parallel_build.can_share(config)
    config.markdown_extensions = ["toc", object()]  # an extension object: its state is unknown
    assert not generator.speedups.parallel_build.can_share(config)


@pytest.mark.parametrize("change", ["Pygments", "mkdocs-jupyter", "mkdocs", "code"])
def test_a_new_markdown_stack_or_generator_code_builds_every_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    from generator import code_digest

    monkeypatch.chdir(tmp_path)
    log = tmp_path / "built.log"
    original = generator.speedups.parallel_build._build_page

    def counting(page: Any, *args: Any, **kwargs: Any) -> None:
        with log.open("a", encoding="utf-8") as f:
            f.write(page.file.src_uri + "\n")
        original(page, *args, **kwargs)

    def built() -> int:
        count = len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
        log.unlink(missing_ok=True)
        return count

    monkeypatch.setattr(generator.speedups.parallel_build, "_build_page", counting)
    assert build_vault(VAULT, tmp_path, "first", "b") == 0
    pages = built()
    assert build_vault(VAULT, tmp_path, "second", "b") == 0
    assert built() == 0  # all from the page cache
    if change == "code":
        copy = tmp_path / "generator-copy"
        shutil.copytree(code_digest.GENERATOR, copy, ignore=shutil.ignore_patterns("__pycache__"))
        module = copy / "engine" / "paths.py"  # a comment: the generated docs stay the same
        module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        monkeypatch.setattr(code_digest, "GENERATOR", copy)
    else:
        real = code_digest._installed
        monkeypatch.setattr(code_digest, "_installed", lambda name: "0.0" if name == change else real(name))
    assert build_vault(VAULT, tmp_path, "third", "b") == 0
    assert built() == pages
