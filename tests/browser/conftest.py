"""What every browser test shares: finding Chromium, one browser per session, serving a built site.

Chromium is found through the CHROMIUM environment variable (default: Debian's /usr/bin/chromium;
`make browser` installs it). Where it is missing the browser tests are skipped, except in CI
(`CI=true`), where they fail. Screenshots go to tests/browser/_out/.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.adapter.config import Settings
from generator.adapter.pipeline import build_site

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
OUT = Path(__file__).parent / "_out"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def _chromium_present() -> None:
    if CHROMIUM.is_file():
        return
    message = f"Chromium not found at {CHROMIUM} (set CHROMIUM=/path/to/chromium, or run `make browser`)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port unless `port`) for as long as the caller holds it."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build_and_serve(tmp: Path, vault: Path, port: int = 0, **settings: Any) -> Iterator[str]:
    """Build `vault` into `tmp` (committed benchmark results: nothing timed) and serve it."""
    options: dict[str, Any] = {"device": "cpu", "quiet": True, "bench": False, **settings}
    site = Settings(vault=vault, site_dir=tmp / "site", build_dir=tmp / "build", **options)
    build_site(site)
    yield from serve(site.site_dir, port)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def shot(page: Any, name: str, full_page: bool = True) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=full_page)
