"""MkDocs' build (`mkdocs.commands.build.build`), with its page work shared among worker processes.

MkDocs converts and renders pages one after another on one core; on a vault of thousands of notes
that is nearly all of a build. Here the same steps run in the same order, but the per-page work is
split: the parent reads every page and runs `on_pre_page` / `on_page_markdown` (cheap, and where
plugins such as Material's tags collect what they need from all pages), then forks `jobs - 1`
workers. Each process converts pages it claims a few at a time (`ForkPool.claimed`: a slower process
gets fewer) (`render`, `on_page_content`), runs `on_env` once every process has converted its
pages (MkDocs runs it after all pages are converted), and renders and writes the pages it
converted (`on_page_context`, the theme template, `on_post_page`).
The workers send back the search-index entries of their pages and their log messages; the parent
merges the entries in page order and finishes with `on_post_build`.

It is used only where that is known to give MkDocs' own result: a full build (not serve's dirty
rebuilds), where the fork policy allows (`generator.parallel.can_fork`), with no plugins but
Material's search and tags, mkdocs-jupyter and the generator's own (`SAFE_PLUGINS`), no markdown
extensions but those known to keep no state across pages (`SAFE_EXTENSIONS`), and no anchor
warnings asked for;
otherwise `build` is MkDocs' own. A page whose `render` a plugin replaced (mkdocs-jupyter's
notebooks) is rendered by the parent before the fork, so every process knows its title. With a
`page_cache` folder, pages whose inputs are unchanged since the last build are copied from it
instead of being built again (`PageCache`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import markdown
from mkdocs import utils
from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort, BuildError
from mkdocs.plugins import BasePlugin
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator import code_digest
from generator.files import atomic_write
from generator.parallel import ForkPool, ShardError, can_fork
from generator.speedups.contain import failure_html, fallback_page, page_failed, reason

__all__ = ["PAGES_PER_JOB", "SAFE_EXTENSIONS", "SAFE_PLUGINS", "build", "can_cache_nav", "can_share"]

log = logging.getLogger("mkdocs.commands.build")

# Plugins whose state across pages is known: the search index (merged here), the tags plugin's
# mappings (collected in on_page_markdown, which the parent runs for every page), and page-local ones.
SAFE_PLUGINS = frozenset(
    {
        "search",
        "material/search",
        "tags",
        "material/tags",
        "mkdocs-jupyter",
        "generator/env",
        "generator/html",
        "generator/compact",
        # The reader's bounded sidebar: a per-page copy of the navigation in the page's context, made
        # of objects that stay the same from page to page (so the sidebar cache's keys still hold).
        "generator/reader",
    }
)

# Markdown extensions whose state across pages is known: `_PageRenderer` reuses one Markdown
# instance per process, and each of these keeps nothing from one page to the next once Markdown's
# `reset()` has run (tests/generator/speedups/test_parallel_build.py converts a page after another
# with each and compares). An extension not listed keeps MkDocs' own build.
SAFE_EXTENSIONS = frozenset(
    {
        *("abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html"),
        *("meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "codehilite", "legacy_attrs"),
        *("pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic"),
        *("pymdownx.details", "pymdownx.emoji", "pymdownx.highlight", "pymdownx.inlinehilite"),
        *("pymdownx.keys", "pymdownx.mark", "pymdownx.smartsymbols", "pymdownx.superfences"),
        *("pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde", "pymdownx.saneheaders"),
    }
)

# Plugins known not to change the navigation while pages are rendered (`generator.speedups.nav_cache`).
_NAV_CACHE_PLUGINS = SAFE_PLUGINS | {"generator/count"}

Progress = Callable[[int, int], None]  # (pages written, pages in all)

# A worker for fewer pages than this costs more (fork, results sent back) than it saves.
PAGES_PER_JOB = 50
# Pages a process claims at a time (`ForkPool.claimed`): few enough that all finish together.
PAGES_PER_CLAIM = 8


def can_share(config: Any) -> bool:
    """Whether the page work of this config may be shared among processes.

    Not when links to missing anchors are to be reported as warnings (`validation: anchors:`): a
    process sees the anchors of its own pages only. At MkDocs' default level (info) the report is
    never shown by the generator, so the shared build does not compute it.
    """
    anchors = config.validation.links.anchors
    return (
        can_fork(children_use_torch=False)  # the workers convert markdown and fill templates only
        and anchors < logging.WARNING
        and all(name in SAFE_PLUGINS for name in config.plugins)
        and all(_extension_name(e) in SAFE_EXTENSIONS for e in config.markdown_extensions)
    )


def _extension_name(extension: Any) -> str:
    """A markdown extension as listed in mkdocs.yml ("toc", "markdown.extensions.toc"), or "" for an
    extension object (its state across pages is unknown)."""
    if not isinstance(extension, str):
        return ""
    return extension.removeprefix("markdown.extensions.")


def can_cache_nav(config: Any) -> bool:
    """Whether Material's sidebar may be cached (`generator.speedups.nav_cache`): no plugin but known ones,
    which leave the navigation alone while pages are rendered."""
    return all(name in _NAV_CACHE_PLUGINS for name in config.plugins)


def _search_entries(config: Any) -> list[list[Any]]:
    """The entry lists of the search plugins' indexes (Material's `entries`, MkDocs' `_entries`)."""
    found = []
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        for name in ("entries", "_entries"):
            entries = getattr(index, name, None)
            if isinstance(entries, list):
                found.append(entries)
                break
    return found


class _PageRenderer:
    """MkDocs' `Page.render` (mkdocs 1.6.1, pinned) with one Markdown instance per process.

    MkDocs builds a new `markdown.Markdown` (every extension instantiated and configured) for
    each page; Python-Markdown documents `reset()` for reusing one, which is what this does. The
    page-specific processors MkDocs adds (relative links, title) are registered anew for each page
    under their own names, replacing the last page's; the ones collecting anchors for MkDocs' anchor
    report are left out (`can_share`). A test checks the site it builds is byte for byte the one
    MkDocs' own build makes.
    """

    def __init__(self) -> None:
        self._md: markdown.Markdown | None = None

    def render(self, page: Page, config: Any, files: Any) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        if self._md is None:
            self._md = markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
            )
            # The inline processor indexes its pattern registry once per pattern per run of text
            # (1.7 million times on the benchmark vault), and the registry checks its order every
            # time; the patterns are fixed once the extensions are set up, so a tuple in the same
            # order does the same.
            inline = self._md.treeprocessors["inline"]
            if isinstance(getattr(inline, "inlinePatterns", None), markdown.util.Registry):
                inline.inlinePatterns = tuple(inline.inlinePatterns)
        md = self._md.reset()
        relative_path_ext = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = mkdocs_pages._ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = extract_title_ext.title


class PageCache:
    """Finished pages of the last build, reused when nothing they are made of has changed.

        A page's HTML is made of its markdown (front matter and pre-rendered HTML included), the
        navigation (every page's title and URL, in order: the sidebar, and the previous/next links), the
        config, the theme, the plugins, the generator's own code and the versions of the markdown stack
    (Markdown, pymdown-extensions, mkdocs-jupyter, Pygments, Material, MkDocs); the key
        hashes all of them, so any change anywhere rebuilds the page. The folder holds each page's HTML as
        `<key>.html` (hard-linked to the built page where possible: no bytes copied) and one index,
        `pages.json`: per key, the page's search-index entries and the files its payload wrote (alias
        redirects). The parent process reads the index before the fork and writes it after the build,
        with the keys this build used only; HTML files of other keys are removed then.
    """

    INDEX = "pages.json"

    def __init__(self, folder: Path, config: Any, nav: Any) -> None:
        self.folder = folder
        h = hashlib.sha256()
        for part in (
            code_digest.tree_digest(code_digest.GENERATOR),  # the generator's code, templates, assets
            code_digest.stack_versions(),  # Markdown, pymdown-extensions, ..., Material, MkDocs
            Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else "",
            repr(_nav_signature(nav.items)),
            repr(config.theme.dirs),
            repr(list(config.plugins)),  # what finishes a page
        ):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        custom_dir = config.theme.custom_dir  # a user's template overrides may change between builds
        for path in sorted(Path(custom_dir).rglob("*")) if custom_dir else ():
            if path.is_file():
                stat = path.stat()
                h.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode("utf-8", "surrogatepass"))
        self._base = h.digest()
        self.keys: dict[str, str] = {}  # src_uri -> key
        self.index: dict[str, Any] = {}  # key -> {"entries", "files"}: the last build's
        try:
            data = json.loads((folder / self.INDEX).read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self.index = data
        except (OSError, ValueError):
            pass
        self.saved: dict[str, Any] = {}  # key -> {"entries", "files"}: this process's new pages

    def key(self, page: Page, raw_payload: str | bytes) -> str:
        h = hashlib.sha256(self._base)
        meta = json.dumps(page.meta, sort_keys=True, default=str)
        for part in (page.file.src_uri, page.markdown or "", meta, raw_payload):
            h.update((part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")) + b"\0")
        key = self.keys[page.file.src_uri] = h.hexdigest()
        return key

    def load(self, page: Page) -> dict[str, Any] | None:
        key = self.keys.get(page.file.src_uri)
        data = self.index.get(key) if key is not None else None
        if not isinstance(data, dict) or not (self.folder / f"{key}.html").is_file():
            return None
        return data

    def restore(self, page: Page) -> None:
        """The cached page's HTML into the site (linked or copied, no decoding)."""
        dest = Path(page.file.abs_dest_path)
        dest.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(self.folder / f"{self.keys[page.file.src_uri]}.html", dest)

    def save(self, page: Page, entries: list[list[Any]], files: dict[str, str]) -> None:
        """Keep the page as built (its file is linked or copied, not read); its search entries and
        files go into the index when the parent writes it (`write`)."""
        key = self.keys.get(page.file.src_uri)
        built = Path(page.file.abs_dest_path)
        if key is None or not built.is_file():
            return
        cached = self.folder / f"{key}.html"
        if not cached.exists():  # else the same key: the same bytes
            self.folder.mkdir(parents=True, exist_ok=True)
            _link_or_copy(built, cached)
        self.saved[key] = {"entries": entries, "files": files}

    def write(self, saved: dict[str, Any]) -> None:
        """The index of this build's pages (those reused and `saved`, every process's), and no HTML
        file of another key."""
        used = set(self.keys.values())
        index = {key: self.index[key] for key in used if key in self.index}
        index.update((key, data) for key, data in saved.items() if key in used)
        atomic_write(self.folder / self.INDEX, json.dumps(index).encode())
        for path in self.folder.iterdir():  # pages of other keys; an older cache's per-page files
            if (path.suffix == ".html" and path.stem not in index) or (
                path.suffix == ".json" and path.name != self.INDEX
            ):
                path.unlink(missing_ok=True)


def _link_or_copy(src: Path, dest: Path) -> None:
    """A hard link where the file system allows (no bytes copied: a built page is never written
    again in place, each build writes a fresh site folder), else a copy; either appears whole."""
    dest.unlink(missing_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}")
        shutil.copyfile(src, tmp)
        os.replace(tmp, dest)


def _nav_signature(items: Any) -> list[Any]:
    out = []
    for item in items or []:
        children = getattr(item, "children", None)
        out.append(
            (type(item).__name__, str(item.title), str(getattr(item, "url", "")), _nav_signature(children))
        )
    return out


class _DropPageErrors(logging.Filter):
    """Drops MkDocs' own "Error building page" line: the build logs a contained failure once."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Error building page")


@contextlib.contextmanager
def _quiet_page_errors() -> Iterator[None]:
    drop = _DropPageErrors()
    log.addFilter(drop)
    try:
        yield
    finally:
        log.removeFilter(drop)


@runtime_checkable
class PayloadPlugin(Protocol):
    """What this build needs of the adapter's `PreRenderedHtml` plugin (found among the config's
    plugins by this shape, so the speedups never import the adapter that imports them)."""

    written_files: dict[str, dict[str, str]]

    def raw_payload(self, src_uri: str) -> str | bytes: ...

    def write_files(self, site_dir: Path, files: dict[str, str], source: str) -> None: ...


def _payload_plugin(config: Any) -> PayloadPlugin | None:
    for plugin in config.plugins.values():
        if isinstance(plugin, PayloadPlugin):
            return plugin
    return None


class _Shared:
    """Everything a worker needs, made before the fork."""

    def __init__(
        self,
        config: Any,
        files: Any,
        nav: Any,
        env: Any,
        pages: list[Page],
        pool: ForkPool[Any],
        cache: PageCache | None,
    ) -> None:
        self.config, self.files, self.nav, self.env, self.pages = config, files, nav, env, pages
        self.pool, self.cache = pool, cache
        self.failed: set[str] = set()  # pages whose conversion failed (their content is an error box)

    def run(self, shard: int, progress: Progress | None) -> tuple[list[int], list[list[list[Any]]]]:
        """Convert pages claimed a few at a time (shared with the other processes: `ForkPool.claimed`),
        then render and write them (shard 0, the parent, also writes the theme's files).

        Returns the numbers of the pages it did, and per search index the entries each of those pages
        added to it. The pages it put into the page cache are in `self.cache.saved`.
        """
        config, files = self.config, self.files
        indexes = _search_entries(config)
        added: list[list[list[Any]]] = [[] for _ in indexes]
        numbers: list[int] = []
        cached: dict[str, dict[str, Any]] = {}
        renderer = _PageRenderer()
        for n in self.pool.claimed(len(self.pages), PAGES_PER_CLAIM):
            numbers.append(n)
            page = self.pages[n]
            hit = self.cache.load(page) if self.cache is not None else None
            if hit is not None and len(hit.get("entries", [])) == len(indexes):
                cached[page.file.src_uri] = hit
            else:
                self._convert(page, renderer)
        mine = [self.pages[n] for n in numbers]
        # As in MkDocs' build, `on_env` runs once every page is converted: each process waits here
        # for the others. (Its plugins, SAFE_PLUGINS, read no other page's content there.)
        self.pool.wait_for_all()
        env = config.plugins.on_env(self.env, config=config, files=files)
        inclusion = InclusionLevel.is_included
        if shard == 0:
            files.copy_static_files(inclusion=inclusion)
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, self.nav)
            for template in config.extra_templates:
                _build_extra_template(template, files, config, self.nav)
        doc_files = files.documentation_pages(inclusion=inclusion)
        total = len(self.pages)
        payloads = _payload_plugin(config)
        for page in mine:
            hit = cached.get(page.file.src_uri)
            if hit is not None and self.cache is not None:  # the last build's page, entries and files
                self.cache.restore(page)
                if payloads is not None:
                    payloads.write_files(Path(config.site_dir), hit.get("files", {}), page.file.src_uri)
                for i, entries in enumerate(indexes):
                    entries.extend(hit["entries"][i])
                    added[i].append(hit["entries"][i])
            else:
                before = [len(entries) for entries in indexes]
                built = self._build(page, doc_files, env)
                page_entries = [entries[before[i] :] for i, entries in enumerate(indexes)]
                for i in range(len(indexes)):
                    added[i].append(page_entries[i])
                if self.cache is not None and built:
                    written = payloads.written_files.get(page.file.src_uri, {}) if payloads else {}
                    self.cache.save(page, page_entries, written)
            done = self.pool.tick()
            if progress is not None:
                progress(done, total)
        return numbers, added

    def _convert(self, page: Page, renderer: _PageRenderer) -> None:
        """The page's markdown to HTML (`render`, `on_page_content`), as MkDocs' build does it."""
        config, files = self.config, self.files
        config._current_page = page
        try:
            if "render" not in page.__dict__:  # a replaced render already ran in the parent
                renderer.render(page, config, files)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        except Exception as exc:  # this page shows the error; the others are built
            log.error(page_failed(page.file.src_uri, exc))
            self.failed.add(page.file.src_uri)
            page.content = failure_html(reason(exc))
            page.toc = get_toc([])
        finally:
            config._current_page = None

    def _build(self, page: Page, doc_files: Any, env: Any) -> bool:
        """The page through the theme into the site (`_build_page`). A page that fails there is
        built again with an error box and no page settings, else written without the theme; False
        then (such a page is not kept in the page cache)."""
        config = self.config
        excluded = page.file.inclusion.is_excluded()
        try:
            with _quiet_page_errors():
                _build_page(page, config, doc_files, self.nav, env, excluded=excluded)
            return page.file.src_uri not in self.failed
        except Exception as exc:
            log.error(page_failed(page.file.src_uri, exc))
            why = reason(exc)
        content = page.content or ""
        page.content = failure_html(why) + content
        page.meta = {"title": page.meta.get("title", page.title)} if isinstance(page.meta, dict) else {}
        try:
            with _quiet_page_errors():
                _build_page(page, config, doc_files, self.nav, env, excluded=excluded)
        except Exception:  # the theme fails for this page whatever it holds: a page without it
            utils.write_file(
                fallback_page(str(page.title or page.file.src_uri), why, content).encode("utf-8"),
                page.file.abs_dest_path,
            )
        return False


def build(
    config: Any,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    log_sink: Any = None,
    serve_url: str | None = None,
    dirty: bool = False,
    page_cache: Path | None = None,
    parallel: bool = True,
) -> int:
    """A full build of `config` with `jobs` processes (MkDocs' own build where sharing is not safe,
    and with `parallel=False`: `generator.speedups.select` refused it).

    `page_cache`: a folder where finished pages are kept for the next build (`PageCache`).

    `log_sink`: the handler collecting MkDocs' warnings (`records`, `console`, `add`); the
    workers' messages are added to it. `progress` is called as pages are written. Returns the
    number of pages.
    """
    if not parallel or serve_url or dirty or not can_share(config):
        return _sequential(config, progress, serve_url, dirty)
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(warning_counter)
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        pages: list[Page] = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            page = file.page
            assert page is not None
            config._current_page = page
            try:
                page = config.plugins.on_pre_page(page, config=config, files=files)
                page.read_source(config)
                page.markdown = config.plugins.on_page_markdown(
                    page.markdown, page=page, config=config, files=files
                )
                if "render" in page.__dict__:  # replaced by a plugin: render here, titles settle
                    page.render(config, files)
            except Exception as exc:
                log.error(f"Error reading page '{page.file.src_uri}': {exc}")
                raise
            finally:
                config._current_page = None
            pages.append(page)

        log.debug(f"Pages read in {time.monotonic() - start:.2f} s; sharing them among {jobs} processes")
        cache = None
        if page_cache is not None:
            cache = PageCache(page_cache, config, nav)
            payloads = _payload_plugin(config)
            for page in pages:
                cache.key(page, payloads.raw_payload(page.file.src_uri) if payloads else "")
        jobs = max(1, min(jobs, len(pages) // PAGES_PER_JOB))
        pool: ForkPool[dict[str, Any]] = ForkPool(jobs)
        shared = _Shared(config, files, nav, env, pages, pool, cache)
        indexes = _search_entries(config)
        start_at = [len(entries) for entries in indexes]

        def work(shard: int) -> dict[str, Any]:
            numbers, entries = shared.run(shard, progress if shard == 0 else None)
            return {
                "numbers": numbers,
                "entries": entries,
                "messages": list(log_sink.records) if log_sink is not None and shard else [],
                "cached": cache.saved if cache is not None else {},
            }

        def in_child() -> None:  # the parent prints; the console's locks may be held by its threads
            if log_sink is not None:
                log_sink.console = None
                del log_sink.records[:]

        def waiting() -> None:
            if progress is not None:
                progress(pool.done, len(pages))

        try:
            results = pool.run(work, in_child=in_child, waiting=waiting)
        except ShardError as exc:
            raise BuildError(f"a build worker failed: {exc}") from exc
        log.debug(f"Pages built at {time.monotonic() - start:.2f} s")
        for result in results[1:]:
            for level, message in result["messages"]:
                if log_sink is not None:
                    log_sink.add(level, message)
        # The index in page order, as one process would have made it.
        for i, entries in enumerate(indexes):
            by_page: list[list[Any]] = [[] for _ in pages]
            for result in results:
                for n, page_entries in zip(result["numbers"], result["entries"][i], strict=True):
                    by_page[n] = page_entries
            del entries[start_at[i] :]
            for page_entries in by_page:
                entries.extend(page_entries)

        config.plugins.on_post_build(config=config)
        if cache is not None:
            cache.write({key: data for result in results for key, data in result["cached"].items()})
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds ({jobs} processes)")
        return len(pages)
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        if isinstance(exc, BuildError):
            log.error(str(exc))
            raise Abort("Aborted with a BuildError!") from exc
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(warning_counter)


class _Count(BasePlugin):  # type: ignore[type-arg]
    """Counts pages as MkDocs writes them (the sequential build's progress)."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.total = self.done = 0

    def on_files(self, files: Any, config: Any) -> Any:
        self.total = len(files.documentation_pages())
        return files

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)
        return output


def _sequential(config: Any, progress: Progress | None, serve_url: str | None, dirty: bool) -> int:
    """MkDocs' own build, with progress reported from its post_page event."""
    counter = _Count(progress)
    config.plugins["generator/count"] = counter
    mkdocs_build(config, serve_url=serve_url, dirty=dirty)
    return counter.total
