"""`render_site`: the link graph -> a docs folder MkDocs Material builds.

Steps, top to bottom: plan where everything lands (layout), render each note whose
dependencies changed (the others are skipped via the render cache; a note's alias redirects ride
with its page), then tag pages, attachments and the renderer's CSS; write only files whose bytes changed and remove
files an earlier render wrote that are no longer produced. With `options.jobs` > 1 the notes are
rendered in forked processes (each writes its own pages and sends back their cache entries).
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

from generator.engine.model import Code, Diagnostic, Graph, VaultPath
from generator.files import copy_if_changed, write_if_changed
from generator.parallel import ForkPool, can_fork
from generator.render.aliases import alias_redirects
from generator.render.deps import Dependencies, renderer_version
from generator.render.files import RenderCache, remove_stale
from generator.render.fragment import PageState, Renderer
from generator.render.layout import HOME_PATH, plan_layout
from generator.render.options import RenderOptions, RenderResult
from generator.render.pages import failed_page, render_base_page, render_page
from generator.render.reader.site_files import reader_files
from generator.render.tags import tag_pages
from generator.render.templates import dump_yaml, template

log = logging.getLogger(__name__)

__all__ = ["ASSETS_DIR", "CSS", "JAVASCRIPT", "PORTABLE_JAVASCRIPT", "render_site"]

ASSETS_DIR = "_obsidian"
# For extra_css; reader.css: properties, graphs, explorer and previews (docs/reader.md).
CSS = (
    f"{ASSETS_DIR}/obsidian.css",
    f"{ASSETS_DIR}/canvas.css",
    f"{ASSETS_DIR}/bases.css",
    f"{ASSETS_DIR}/reader.css",
)
# For extra_javascript: canvas pan and zoom, the comparison page's script, sortable base tables, and
# the reader's previews, graphs and explorer.
JAVASCRIPT: tuple[str, ...] = (
    f"{ASSETS_DIR}/canvas.js",
    f"{ASSETS_DIR}/explore.js",
    f"{ASSETS_DIR}/bases.js",
    f"{ASSETS_DIR}/reader.js",
)
PORTABLE_JAVASCRIPT = (f"{ASSETS_DIR}/media.js",)  # portable docs: media links become players
_ASSETS_SRC = Path(__file__).resolve().parent.parent / "assets"


# Pages per render process: below this a forked worker costs more than it saves.
PAGES_PER_JOB = 100
# Pages a render process claims at a time (`ForkPool.claimed`).
PAGES_PER_CLAIM = 16


def _jobs(jobs: int, pages: int) -> int:
    """Processes for rendering `pages` pages: forked only where the fork policy allows (children
    render computed blocks, which call torch) and where it is worth it."""
    if jobs <= 1 or not can_fork(children_use_torch=True):
        return 1
    return max(1, min(jobs, pages // PAGES_PER_JOB))


@dataclasses.dataclass
class _Rendered:
    """What one render process sends back."""

    entries: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)  # render cache entries
    produced: set[str] = dataclasses.field(default_factory=set)
    written: int = 0
    unchanged: int = 0


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

    redirects, problems = alias_redirects(graph, layout, options.use_directory_urls)
    result.diagnostics.extend(problems)
    total = len(layout.pages)
    todo: list[tuple[VaultPath, str]] = []
    entries: dict[str, dict[str, Any]] = {}
    for path, docs in sorted(layout.pages.items()):
        cached = old.pages.get(docs)
        if (
            cached
            and not cached.get("computed")  # computed blocks: their handlers keep their own cache
            and cached.get("digest")
            == deps.page(graph.notes[path], cached.get("embedded", []), cached.get("bases", False))
            and cached.get("redirects", []) == sorted(redirects.get(path, {}))
            and (docs_dir / docs).is_file()
        ):
            writer.keep(docs)
            entries[docs] = cached
        else:
            todo.append((path, docs))
    kept = len(entries)

    pool: ForkPool[_Rendered] = ForkPool(_jobs(options.jobs, len(todo)))

    def render_shard(shard: int) -> _Rendered:
        """Render pages of `todo` into the docs folder, a few at a time, as long as some are left."""
        out = _Rendered()
        mine = _Writer(docs_dir, RenderResult(pages={}))
        for n in pool.claimed(len(todo), PAGES_PER_CLAIM):
            path, docs = todo[n]
            state = PageState(docs)
            try:
                page = render_page(renderer, graph.notes[path], state, redirects.get(path))
            except Exception as exc:  # a bug met on one page: an error box there; the build goes on
                log.exception("rendering %s failed", path)
                state = PageState(docs, line=state.line)
                page = failed_page(renderer, graph.notes[path], state, exc)
            mine.write(docs, page.encode("utf-8"))
            for rel, data in sorted(state.files.items()):
                mine.write(rel, data)
            embedded = sorted(state.embedded)
            out.entries[docs] = {
                "digest": deps.page(graph.notes[path], embedded, state.bases),
                "embedded": embedded,
                "bases": state.bases,
                "computed": state.computed,
                "redirects": sorted(redirects.get(path, {})),
                "diagnostics": [list(dataclasses.astuple(d)) for d in sorted(set(state.diagnostics))],
            }
            done = pool.tick()
            if options.progress and shard == 0:
                options.progress(kept + done, total)
        out.produced, out.written, out.unchanged = mine.produced, mine.result.written, mine.result.unchanged
        return out

    def waiting() -> None:
        if options.progress:
            options.progress(kept + pool.done, total)

    for shard in pool.run(render_shard, waiting=waiting):
        entries.update(shard.entries)
        writer.produced |= shard.produced
        result.written += shard.written
        result.unchanged += shard.unchanged
    rendered = {docs for _, docs in todo}
    for path, docs in sorted(layout.pages.items()):
        entry = entries[docs]
        new.pages[docs] = entry
        if docs in rendered:
            result.rendered.append(path)
        diagnostics = [
            Diagnostic(p, line, sev, Code(code), msg) for p, line, sev, code, msg in entry["diagnostics"]
        ]
        result.diagnostics.extend(d for d in diagnostics if (d.path, d.line, d.code) not in known)
    if options.progress:
        options.progress(total, total)

    if layout.home is None:
        fm = dump_yaml({"title": "Home"})
        writer.write(HOME_PATH, template("index.md.j2").render(frontmatter=fm).encode())
    if options.portable:  # redirects as docs files, which MkDocs copies
        for files in redirects.values():
            for rel, text in files.items():
                writer.write(rel, text.encode("utf-8"))
    digest = deps.tag_pages()
    tag_files = old.tags.get("files", [])
    if old.tags.get("digest") == digest and all((docs_dir / rel).is_file() for rel in tag_files):
        for rel in tag_files:
            writer.keep(rel)
    else:
        tagged = tag_pages(
            graph, layout, options.use_directory_urls, options.portable, options.reader.tag_page_size
        )
        for rel, text in tagged.items():
            writer.write(rel, text.encode("utf-8"))
        tag_files = sorted(tagged)
    new.tags = {"digest": digest, "files": tag_files}
    for path, docs in sorted(layout.bases.items()):
        text, problems = render_base_page(renderer, path, docs)
        writer.write(docs, text.encode("utf-8"))
        result.pages[path] = docs
        result.diagnostics.extend(problems)
    if options.vault_dir is not None:
        for rel in sorted(graph.attachments):
            if rel in layout.bases:
                continue  # the base's page stands at its URL ("Books.base/")
            src = options.vault_dir / rel
            if src.is_file():
                writer.copy(rel, src)
    # The reader's site-wide files: graph and explorer data, graph and folder pages, feeds.
    for rel, data in sorted(reader_files(graph, layout, options.reader, options.use_directory_urls).items()):
        writer.write(rel, data)
    for asset in sorted(_ASSETS_SRC.glob("*")):
        if asset.is_file():
            writer.write(f"{ASSETS_DIR}/{asset.name}", asset.read_bytes())

    result.removed = remove_stale(docs_dir, set(old.files), writer.produced)
    new.files = sorted(writer.produced)
    new.save(cache_file)
    return result
