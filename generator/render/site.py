"""`render_site`: the link graph -> a docs folder MkDocs Material builds.

Steps, top to bottom: plan where everything lands (layout), render each note whose
dependencies changed (the others are skipped via the render cache), then tag pages, alias
redirects, attachments and the renderer's CSS; write only files whose bytes changed and remove
files an earlier render wrote that are no longer produced.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.model import Diagnostic, Graph
from generator.render.aliases import alias_redirects
from generator.render.deps import Dependencies, renderer_version
from generator.render.files import RenderCache, copy_if_changed, remove_stale, write_if_changed
from generator.render.fragment import PageState, Renderer
from generator.render.layout import HOME_PATH, plan_layout
from generator.render.options import RenderOptions, RenderResult
from generator.render.pages import render_page
from generator.render.tags import tag_pages
from generator.render.templates import dump_yaml, template

__all__ = ["ASSETS_DIR", "CSS", "JAVASCRIPT", "render_site"]

ASSETS_DIR = "_obsidian"
CSS = (f"{ASSETS_DIR}/obsidian.css",)  # for mkdocs.yml's extra_css
JAVASCRIPT: tuple[str, ...] = ()  # for extra_javascript (none needed)
_ASSETS_SRC = Path(__file__).resolve().parent.parent / "assets"


class _Writer:
    def __init__(self, docs_dir: Path, result: RenderResult) -> None:
        self.docs_dir = docs_dir
        self.result = result
        self.produced: set[str] = set()

    def write(self, rel: str, data: bytes) -> None:
        self.produced.add(rel)
        if write_if_changed(self.docs_dir / rel, data):
            self.result.written += 1
        else:
            self.result.unchanged += 1

    def copy(self, rel: str, src: Path) -> None:
        self.produced.add(rel)
        if copy_if_changed(src, self.docs_dir / rel):
            self.result.written += 1
        else:
            self.result.unchanged += 1

    def keep(self, rel: str) -> None:
        """A page the cache says is already right on disk."""
        self.produced.add(rel)
        self.result.unchanged += 1


def render_site(graph: Graph, docs_dir: Path, options: RenderOptions | None = None) -> RenderResult:
    """Render every published note of `graph` (and tag pages, redirects, attachments) into `docs_dir`."""
    options = options or RenderOptions()
    docs_dir.mkdir(parents=True, exist_ok=True)
    layout = plan_layout(graph, options.home)
    result = RenderResult(pages=dict(layout.pages), unresolved=list(graph.unresolved))
    result.diagnostics.extend(layout.diagnostics)
    # The engine already reports each embed cycle once; the page renders only add the other places.
    known = {(d.path, d.line, d.code) for d in graph.diagnostics}
    version = renderer_version()
    cache_file = options.cache_dir / "render.json" if options.cache_dir else None
    old = RenderCache.load(cache_file, version)
    new = RenderCache(version)
    writer = _Writer(docs_dir, result)
    renderer = Renderer(graph, layout, options)
    deps = Dependencies(graph, layout, options, version)

    total = len(layout.pages)
    for done, (path, docs) in enumerate(sorted(layout.pages.items()), start=1):
        note = graph.notes[path]
        cached = old.pages.get(docs)
        if (
            cached
            and not cached.get("computed")  # computed blocks: their handlers keep their own cache
            and cached.get("digest") == deps.page(note, cached.get("embedded", []))
            and (docs_dir / docs).is_file()
        ):
            writer.keep(docs)
            entry = cached
        else:
            state = PageState(docs)
            writer.write(docs, render_page(renderer, note, state).encode("utf-8"))
            for rel, data in sorted(state.files.items()):
                writer.write(rel, data)
            embedded = sorted(state.embedded)
            entry = {
                "digest": deps.page(note, embedded),
                "embedded": embedded,
                "computed": state.computed,
                "diagnostics": [list(dataclasses.astuple(d)) for d in sorted(set(state.diagnostics))],
            }
            result.rendered.append(path)
        new.pages[docs] = entry
        diagnostics = [Diagnostic(*d) for d in entry["diagnostics"]]
        result.diagnostics.extend(d for d in diagnostics if (d.path, d.line, d.code) not in known)
        if options.progress:
            options.progress(done, total)

    if layout.home is None:
        fm = dump_yaml({"title": "Home"})
        writer.write(HOME_PATH, template("index.md.j2").render(frontmatter=fm).encode())
    for rel, text in tag_pages(graph, layout).items():
        writer.write(rel, text.encode("utf-8"))
    redirects, problems = alias_redirects(graph, layout, options.use_directory_urls)
    result.diagnostics.extend(problems)
    for rel, text in redirects.items():
        writer.write(rel, text.encode("utf-8"))
    if options.vault_dir is not None:
        for rel in sorted(graph.attachments):
            src = options.vault_dir / rel
            if src.is_file():
                writer.copy(rel, src)
    for asset in sorted(_ASSETS_SRC.glob("*")):
        if asset.is_file():
            writer.write(f"{ASSETS_DIR}/{asset.name}", asset.read_bytes())

    result.removed = remove_stale(docs_dir, set(old.files), writer.produced)
    new.files = sorted(writer.produced)
    new.save(cache_file)
    return result
