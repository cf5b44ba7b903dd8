"""The live preview behind `python -m generator serve`: build, serve on localhost, rebuild on every save.

MkDocs' own LiveReloadServer serves a temporary site folder and reloads the browser after each build;
only the builder is ours. It watches the vault (and the user's mkdocs.yml), not the generated docs, and
each rebuild is incremental end to end: the renderer rewrites only the docs whose content changed (an
edited note, the notes that embed or link to it), and MkDocs' dirty build renders only those pages.
A failed rebuild is reported and the last good site stays served.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.livereload import LiveReloadServer
from rich.console import Console
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from generator.adapter.config import ConfigError, Settings, write_site_config
from generator.adapter.manifest import build_manifest, write_manifest
from generator.adapter.pipeline import Steps, generate_docs, run_mkdocs
from generator.adapter.site_assets import install_math
from generator.engine.model import Graph
from generator.errors import GeneratorError

log = logging.getLogger("mkdocs.generator.adapter.serve")

GC_DELAY = 3.0  # s after a rebuild before the cyclic collector's full pass (see DevServer._cyclic_gc_after)
POLLING_INTERVAL = 0.25  # s between two looks at the vault (MkDocs' default: 0.5)

# What a save, a new note, a deletion or a rename look like to a native watcher; its other events
# (a file opened or closed without writing) are what every rebuild's reading of the vault causes.
_CHANGES: tuple[type[FileSystemEvent], ...] = (
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,
)


class _ChangeObserver(Observer):  # type: ignore[misc,valid-type]
    """The platform's native watcher (inotify, FSEvents, ...), told only of changes.

    MkDocs polls: each look at a 2,000-note vault stats every file (0.1 s, holding the GIL
    against the rebuild it triggers), and a save waits half a polling period on average
    before it is seen. A native watcher sees it at once and costs nothing while idle."""

    def schedule(self, event_handler: Any, path: str, **kwargs: Any) -> Any:
        kwargs["event_filter"] = list(_CHANGES)
        return super().schedule(event_handler, path, **kwargs)


def parse_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f"--dev-addr must be HOST:PORT, got {address!r}")
    return host.strip("[]"), int(port)


class DevServer:
    """A LiveReloadServer whose builder runs the generator's pipeline on the vault."""

    def __init__(
        self,
        settings: Settings,
        host: str,
        port: int,
        console: Console | None = None,
        poll: bool = False,
    ) -> None:
        # One process: rebuilds run beside the server's and watcher's threads, which a fork would
        # copy in whatever state they are (a rebuild renders few pages anyway).
        self.settings = dataclasses.replace(settings, jobs=1)
        self.address = (host, port)
        self.console = console or Console(stderr=True, highlight=False)
        self.site_dir = Path(tempfile.mkdtemp(prefix="obsidian-site-"))
        self.server = LiveReloadServer(
            builder=self.rebuild,
            host=host,
            port=port,
            root=str(self.site_dir),
            polling_interval=POLLING_INTERVAL,
        )
        self.poll = poll or Observer is PollingObserver  # no native watcher on this platform
        if not self.poll:
            self.server.observer = _ChangeObserver()
        self.builds = 0
        self._collector: threading.Timer | None = None  # the full collection after a rebuild
        self._graph: Graph | None = None  # the last build's, so a rebuild parses only edited notes
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return str(self.server.url)

    def rebuild(self) -> None:
        """One build into the served folder: the first is full, the next ones are dirty (changed pages only)."""
        with self._lock, self._cyclic_gc_after():
            try:
                self._build()
            except GeneratorError as exc:
                if not self.builds:
                    raise
                self.console.print(f"error: {exc}\nstill serving the last good build", markup=False)

    @contextlib.contextmanager
    def _cyclic_gc_after(self) -> Iterator[None]:
        """Keep Python's cyclic collector out of a rebuild and out of the moments after it.

        With a large vault's graph alive, a full collection walks every link record (a quarter of a
        second for 2,000 notes, holding the GIL the server needs to answer the browser) and frees
        almost nothing. So a rebuild runs without it, what is alive after it is frozen (left out
        of automatic collections), and a full collection runs a little later, between rebuilds."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if collecting:
                gc.freeze()
                gc.enable()
                self._collect_later()

    def _collect_later(self) -> None:
        if self._collector is not None:
            self._collector.cancel()
        self._collector = threading.Timer(GC_DELAY, self._collect)
        self._collector.daemon = True
        self._collector.start()

    def _collect(self) -> None:
        """The postponed full collection; skipped while a rebuild runs (that one schedules its own)."""
        if self._lock.acquire(blocking=False):
            try:
                gc.unfreeze()
                gc.collect()
            finally:
                self._lock.release()

    def _build(self) -> None:
        steps = Steps(self.console, enabled=False)
        use_directory_urls = bool(self.settings.user_config.get("use_directory_urls", True))
        generated = generate_docs(self.settings, steps, use_directory_urls, previous=self._graph)
        config_file = write_site_config(self.settings, generated.assets)
        run = run_mkdocs(
            config_file,
            self.site_dir,
            console=self.console,
            serve_url=self.url,
            dirty=self.builds > 0,
            site_url=self.url,
            speedups=self.settings.speedups,
        )
        install_math(self.site_dir)
        write_manifest(
            build_manifest(generated.pages, generated.unresolved, run.use_directory_urls), self.site_dir
        )
        self.builds += 1
        self._graph = generated.graph
        if not self.settings.quiet:
            self.console.print(
                f"built {len(generated.graph.notes)} notes ({generated.written} docs changed)", markup=False
            )

    def start(self) -> threading.Thread:
        """Build once, then serve and watch in a background thread (for tests and tools)."""
        self.rebuild()
        try:
            self._watch()
        except OSError as exc:  # e.g. inotify's limit on watched folders: look at the vault instead
            log.warning("native file watching failed (%s): polling the vault instead", exc)
            self._use_polling()
            self._watch()
        thread = threading.Thread(target=self.server.serve, name="generator-serve", daemon=True)
        thread.start()
        self._wait_until_listening(thread)
        return thread

    def _watch(self) -> None:
        self.server.watch(str(self.settings.vault))
        if self.settings.config_file is not None:
            self.server.watch(str(self.settings.config_file))

    def _use_polling(self) -> None:
        for path in list(self.server._watched_paths):  # noqa: SLF001 - undo watches of the old observer
            with contextlib.suppress(Exception):
                self.server.unwatch(path)
        self.server._watched_paths.clear()  # noqa: SLF001
        self.server.observer = PollingObserver(timeout=POLLING_INTERVAL)
        self.poll = True

    def _wait_until_listening(self, thread: threading.Thread, timeout: float = 10.0) -> None:
        """Return once the server accepts connections (its watcher is running by then)."""
        host, port = self.address
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and thread.is_alive():
            with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
                return
            time.sleep(0.05)
        raise GeneratorError(f"the server did not start on {self.url}")

    def stop(self) -> None:
        self.server.shutdown(wait=True)
        if self._collector is not None:
            self._collector.cancel()
        gc.unfreeze()
        shutil.rmtree(self.site_dir, ignore_errors=True)
