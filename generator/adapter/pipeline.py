"""The whole build pipeline, read top to bottom in `build_site`.

    load_vault (scan, parse, resolve)  ->  render_site (pages, assets into the build folder)
    ->  site config  ->  MkDocs build into a temporary folder beside the site  ->  math assets
    ->  vault-manifest.json  ->  swap the new site in (the old one stays if anything failed)

The build folder (`.generator/` beside the config, or --build-dir) persists between builds: the renderer
rewrites only the docs whose content changed. Warnings from every stage (the vault's diagnostics,
the renderer's, MkDocs' log) are all reported, then `generator.adapter.policy` decides the exit code
and whether the new site is published (errors fail the build; --strict makes warnings errors).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from generator.adapter.config import (
    Settings,
    SiteAssets,
    inline_html,
    write_site_config,
)
from generator.adapter.manifest import build_manifest, write_manifest
from generator.adapter.page_checks import page_settings_for, theme_dirs
from generator.adapter.policy import judge
from generator.adapter.site_assets import install_math, page_assets
from generator.adapter.templates_folder import templates_folders
from generator.engine.model import Diagnostic, Graph, Resolution, VaultPath
from generator.errors import GeneratorError
from generator.speedups.contain import page_failures

ProgressCallback = Callable[[int, int], None]  # (done, total)

# MkDocs' own notice on every incremental (serve) build; it says nothing about the vault.
_IGNORED_MKDOCS_WARNINGS = ("A 'dirty' build is being performed",)


# --------------------------------------------------------------------------- progress


class Steps:
    """Progress of the build's stages on stderr; a stage shows up only once it has taken a second."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self.console = console
        self._progress: Progress | None = None
        if enabled:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )

    def __enter__(self) -> Steps:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    @contextlib.contextmanager
    def step(self, description: str) -> Iterator[ProgressCallback]:
        progress = self._progress
        if progress is None:
            yield lambda done, total: None
            return
        task = progress.add_task(description, total=None, visible=False)
        timer = threading.Timer(1.0, lambda: progress.update(task, visible=True))
        timer.daemon = True
        timer.start()

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        try:
            yield advance
        finally:
            timer.cancel()
            progress.remove_task(task)


# --------------------------------------------------------------------------- MkDocs' log


class _MkDocsLog(logging.Handler):
    """Collects MkDocs' warnings and errors (like its strict mode's CountHandler) and prints them."""

    def __init__(self, console: Console | None) -> None:
        super().__init__(logging.WARNING)
        self.console = console
        self.records: list[tuple[int, str]] = []  # (logging level, message)

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_IGNORED_MKDOCS_WARNINGS):
            self.add(record.levelno, message)

    def add(self, level: int, message: str) -> None:
        """Keep and print one message, also one a build worker sends back."""
        self.records.append((level, message))
        if self.console is not None:
            self.console.print(f"mkdocs: {_line(level, message)}", markup=False, highlight=False)

    @property
    def messages(self) -> list[str]:
        """The messages as printed: "warning: ...", "error: ..."."""
        return [_line(level, message) for level, message in self.records]


def _line(level: int, message: str) -> str:
    return f"{logging.getLevelName(level).lower()}: {message}"


@contextlib.contextmanager
def mkdocs_log(console: Console | None) -> Iterator[_MkDocsLog]:
    logger = logging.getLogger("mkdocs")
    handler = _MkDocsLog(console)
    propagate, level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = propagate, level


@dataclass
class MkDocsRun:
    pages: int
    warnings: list[str]  # what MkDocs logged, as printed ("warning: ...", "error: ...")
    use_directory_urls: bool
    levels: list[int] = field(default_factory=list)  # the logging level of each of `warnings`


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled Jinja templates kept in memory between MkDocs builds of one process.

    MkDocs makes a new Jinja environment per build, so each of serve's rebuilds compiled
    Material's 40-odd templates again (a third of a second on the benchmark's machine).
    Buckets are keyed by template file and checked against its source, so an edited
    template is compiled again."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(self._key(bucket))
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[self._key(bucket)] = bucket.bytecode_to_string()

    @staticmethod
    def _key(bucket: jinja2.bccache.Bucket) -> str:
        """Template file and source, and the environment settings compiled code depends on."""
        env = bucket.environment
        autoescape = getattr(env.autoescape, "__qualname__", env.autoescape)
        settings = (sorted(env.extensions), autoescape, env.optimized, env.trim_blocks, env.lstrip_blocks)
        syntax = (env.block_start_string, env.variable_start_string, env.comment_start_string)
        lines = (env.line_statement_prefix, env.line_comment_prefix, env.newline_sequence)
        return f"{bucket.key}\0{bucket.checksum}\0{settings!r}{syntax!r}{lines!r}"

    def clear(self) -> None:
        self._store.clear()


_TEMPLATE_BYTECODE = _MemoryBytecodeCache()


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    *,
    console: Console | None = None,
    on_page: ProgressCallback | None = None,
    serve_url: str | None = None,
    dirty: bool = False,
    jobs: int = 1,
    page_cache: Path | None = None,
    speedups: bool = True,
    **overrides: Any,
) -> MkDocsRun:
    """MkDocs' build, in-process, of the generated config into `site_dir` (pages shared among
    `jobs` processes where that is safe: `generator.speedups.parallel_build`).

    `speedups=False`: MkDocs' own build, with none of `generator.speedups`; with True, those
    `generator.speedups.select` allows on the installed versions."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.plugins import BasePlugin

    from generator.adapter.pages import PreRenderedHtml
    from generator.adapter.reader_site import ReaderSite
    from generator.speedups import highlight_memo, nav_cache, select
    from generator.speedups.compact import CompactChrome
    from generator.speedups.parallel_build import build, can_cache_nav

    class _Env(BasePlugin):  # type: ignore[type-arg]
        def on_env(self, env: Any, config: Any, files: Any) -> Any:
            env.bytecode_cache = _TEMPLATE_BYTECODE  # serve: theme templates compiled once, not per rebuild
            if chosen.nav_cache and can_cache_nav(config):
                nav_cache.install(env)
            return env

    chosen = select(speedups)
    if chosen.highlight_memo:
        highlight_memo.install()
    else:
        highlight_memo.uninstall()
    with mkdocs_log(console) as log:
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), **overrides)
            config.plugins["generator/env"] = _Env()
            config.plugins["generator/html"] = PreRenderedHtml()
            if chosen.compact:
                config.plugins["generator/compact"] = CompactChrome()
            config.plugins["generator/reader"] = ReaderSite()
            config.plugins.on_startup(command="serve" if serve_url else "build", dirty=dirty)
            try:
                pages = build(
                    config,
                    jobs=jobs,
                    progress=on_page,
                    log_sink=log,
                    serve_url=serve_url,
                    dirty=dirty,
                    page_cache=page_cache,
                    parallel=chosen.parallel_build,
                )
            finally:
                config.plugins.on_shutdown()
        except Exception as exc:  # MkDocs' own errors, and those of a theme or plugin
            reason = str(exc) if isinstance(exc, MkDocsException) else f"{type(exc).__name__}: {exc}"
            details = "; ".join(m for level, m in log.records if level >= logging.ERROR) or reason
            raise GeneratorError(f"MkDocs build failed: {details}", str(config_file)) from exc
    return MkDocsRun(
        pages=pages,
        warnings=log.messages,
        use_directory_urls=config.use_directory_urls,
        levels=[level for level, _ in log.records],
    )


# --------------------------------------------------------------------------- the vault stages


@dataclass
class Generated:
    """What the vault stages hand MkDocs: the graph and the docs rendered from it."""

    graph: Graph
    pages: dict[VaultPath, str]  # vault path -> docs-relative .md path
    unresolved: list[Resolution]
    diagnostics: list[Diagnostic]  # the vault's and the renderer's, deduplicated, sorted
    assets: SiteAssets  # stylesheets and scripts the pages need
    written: int = 0  # docs files written this time (the others already held the right content)


def generate_docs(
    settings: Settings,
    steps: Steps | None = None,
    use_directory_urls: bool = True,
    previous: Graph | None = None,
) -> Generated:
    """load_vault -> render_site: the part of the pipeline shared by build, serve and the MkDocs plugin.

    `previous`: the graph of the last call (serve's rebuilds), so unchanged notes are not parsed again.
    """
    from generator.adapter.reader_config import reader_options
    from generator.engine.vault import VaultOptions, load_vault
    from generator.render import RenderOptions, render_site

    steps = steps or Steps(Console(stderr=True), enabled=False)
    inline_code, inline_math = inline_html(settings.user_config.get("markdown_extensions"))
    with steps.step("reading the vault") as advance:
        unpublished = templates_folders(settings.vault) if settings.exclude_templates else ()
        vault_options = VaultOptions(
            exclude=settings.exclude, progress=advance, unpublished_folders=unpublished
        )
        graph = load_vault(settings.vault, vault_options, previous=previous)
    options = RenderOptions(
        vault_dir=settings.vault,
        cache_dir=settings.cache_dir,
        device=settings.device or "auto",
        measure=settings.bench,
        use_directory_urls=use_directory_urls,
        progress=None,
        jobs=settings.jobs,
        portable=settings.portable,
        inline_code=inline_code,
        inline_math=inline_math,
        page_settings=page_settings_for(
            settings.page_settings,
            settings.theme_dirs or theme_dirs(settings.user_config, settings.config_file),
        ),
        reader=reader_options(
            settings.reader,
            vault=settings.vault,
            notes=graph.notes,
            site_url=settings.user_config.get("site_url"),
            site_name=str(settings.user_config.get("site_name") or settings.vault.name),
        ),
    )
    if settings.home:
        options = replace(options, home=(settings.home,))
    with steps.step("rendering pages") as advance:
        result = render_site(graph, settings.docs_dir, replace(options, progress=advance))
    if settings.portable:  # every asset the pages load is in the docs, for any engine to copy
        install_math(settings.docs_dir)
    return Generated(
        graph=graph,
        pages=dict(result.pages),
        unresolved=list(result.unresolved),
        diagnostics=sorted(set(graph.diagnostics) | set(result.diagnostics)),
        assets=page_assets(settings.portable),
        written=result.written,
    )


# --------------------------------------------------------------------------- the site folder


def swap_in(new: Path, site: Path) -> None:
    """Replace `site` by `new` with two renames; if the second fails the old site goes back."""
    old: Path | None = None
    if site.exists():
        old = site.with_name(f".{site.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(site, old)
    try:
        os.rename(new, site)
    except BaseException:
        if old is not None:
            os.rename(old, site)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _new_site_dir(site: Path) -> Path:
    site.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site.name}.new-", dir=site.parent))


# --------------------------------------------------------------------------- the build


@dataclass
class BuildReport:
    notes: int
    pages: int
    links: int
    unresolved: int
    warnings: int
    seconds: float
    site_dir: Path
    replaced: bool  # False: the build failed under --strict and the previous site was kept
    errors: int = 0  # problems that fail the build (generator.adapter.policy)
    exit_code: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    mkdocs_warnings: list[str] = field(default_factory=list)
    engine: str = "mkdocs"
    lacking: list[str] = field(default_factory=list)  # what the engine does not do (engines.lacking)

    def summary(self) -> str:
        errors = f"{self.errors} errors, " if self.errors else ""
        line = (
            f"{self.notes} notes, {self.pages} pages, {self.links} links ({self.unresolved} unresolved), "
            f"{errors}{self.warnings} warnings in {self.seconds:.1f} s"
        )
        if self.engine != "mkdocs":
            line += f" ({self.engine})"
        return "".join([line, *(f"\n{self.engine}: {item}" for item in self.lacking)])


def build_site(settings: Settings, steps: Steps | None = None) -> BuildReport:
    """Build the vault into `settings.site_dir`. Whether the new site replaces the old one, and the
    exit code, follow `generator.adapter.policy`; a failed MkDocs build raises `GeneratorError` and
    leaves the old site as it was."""
    start = time.perf_counter()
    steps = steps or Steps(Console(stderr=True), enabled=False)
    use_directory_urls = bool(settings.user_config.get("use_directory_urls", True))
    generated = generate_docs(settings, steps, use_directory_urls)
    config_file = write_site_config(settings, generated.assets)

    lacking: list[str] = []
    new = _new_site_dir(settings.site_dir)
    try:
        if settings.engine == "mkdocs":
            with steps.step("building pages") as advance:
                run = run_mkdocs(
                    config_file,
                    new,
                    console=steps.console,
                    on_page=advance,
                    jobs=settings.jobs,
                    page_cache=settings.cache_dir / "pages",
                    speedups=settings.speedups,
                )
        else:
            run, lacking = _run_other_engine(settings, generated, new, use_directory_urls, steps)
        install_math(new)
        manifest = build_manifest(generated.pages, generated.unresolved, run.use_directory_urls)
        write_manifest(manifest, new)
        # Pages MkDocs or the theme failed on (contained: error boxes) become errors naming the vault file.
        failed, kept = page_failures(run.warnings, generated.pages)
        diagnostics = sorted(set(generated.diagnostics) | set(failed))
        messages = [run.warnings[i] for i in kept]
        verdict = judge(diagnostics, [run.levels[i] for i in kept], settings.strict)
        if verdict.publish:
            swap_in(new, settings.site_dir)
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    return BuildReport(
        notes=len(generated.graph.notes),
        pages=run.pages,
        links=sum(len(links) for links in generated.graph.links.values()),
        unresolved=len(manifest.unresolved),
        warnings=verdict.warnings,
        seconds=time.perf_counter() - start,
        site_dir=settings.site_dir,
        replaced=verdict.publish,
        errors=verdict.errors,
        exit_code=verdict.exit_code,
        diagnostics=diagnostics,
        mkdocs_warnings=messages,
        engine=settings.engine,
        lacking=lacking,
    )


def _run_other_engine(
    settings: Settings, generated: Generated, site: Path, use_directory_urls: bool, steps: Steps
) -> tuple[MkDocsRun, list[str]]:
    """ProperDocs or Zensical, run as a program on the portable docs (generator.adapter.engines).
    What it logs as warnings counts as MkDocs' warnings do."""
    from generator.adapter.engines import ENGINES, find_executable, prepare_docs, run_engine

    engine = ENGINES[settings.engine]
    executable = find_executable(engine, settings.engine_bin)
    config_file, lacking = prepare_docs(settings, engine, generated.assets)
    with steps.step(f"building pages ({engine.name})"):
        run = run_engine(engine, executable, config_file, site)
    for message in run.warnings:
        steps.console.print(f"{engine.name}: warning: {message}", markup=False, highlight=False)
    docs = config_file.parent / "docs"
    pages = sum(1 for _ in docs.rglob("*.md"))
    if engine.notebooks:
        pages += sum(1 for _ in docs.rglob("*.ipynb"))
    warnings = [f"warning: {m}" for m in run.warnings]
    return MkDocsRun(pages, warnings, use_directory_urls, [logging.WARNING] * len(warnings)), lacking
