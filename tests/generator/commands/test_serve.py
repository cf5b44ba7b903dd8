"""`python -m generator serve`: a saved note shows up on the served page, and a bad rebuild keeps serving."""

from __future__ import annotations

import argparse
import shutil
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.adapter.config import settings_from_args
from generator.adapter.serve import DevServer, parse_address
from tests import FIXTURES

VAULT = FIXTURES / "site_vault"
WAIT = 20.0  # s: generous bound for a loaded CI machine; the measured figure is in README (bench_serve)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.URLError:
        return ""


def wait_for(url: str, text: str, timeout: float = WAIT) -> float:
    """Seconds until `text` is served at `url`; fails after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.1)
    pytest.fail(f"{text!r} not served at {url} within {timeout} s")


@pytest.fixture(params=[False, True], ids=["native-watch", "poll"])
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[DevServer, Path]]:
    vault = tmp_path / "vault"
    shutil.copytree(VAULT, vault)
    args = argparse.Namespace(
        vault=str(vault), config=None, site_dir=None, build_dir=str(tmp_path / "b"), strict=False,
        bench=False, device="cpu", quiet=True,
    )  # fmt: skip
    settings = settings_from_args(args, cwd=tmp_path)
    dev = DevServer(settings, "127.0.0.1", free_port(), poll=request.param)
    try:
        dev.start()
        yield dev, vault
    finally:
        dev.stop()


def test_parse_address() -> None:
    assert parse_address("127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert parse_address("[::1]:9") == ("::1", 9)


@pytest.mark.slow
def test_saved_note_is_served(server: tuple[DevServer, Path]) -> None:
    dev, vault = server
    page = dev.url + "Second%20note/"
    assert "Reached from the home note by a wikilink." in fetch(page)
    note = vault / "Second note.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nA freshly saved sentence.\n", encoding="utf-8")
    wait_for(page, "A freshly saved sentence.")
    # The home page embeds Section two of that note: it follows too.
    section = note.read_text(encoding="utf-8").replace("Embedded section text", "Edited section text")
    note.write_text(section, encoding="utf-8")
    wait_for(dev.url, "Edited section text")


@pytest.mark.slow
def test_new_note_is_served(server: tuple[DevServer, Path]) -> None:
    dev, vault = server
    (vault / "Brand new.md").write_text("# Brand new\n\nWritten while serving.\n", encoding="utf-8")
    wait_for(dev.url + "Brand%20new/", "Written while serving.")


@pytest.mark.slow
def test_a_rebuild_reading_the_vault_does_not_trigger_another(server: tuple[DevServer, Path]) -> None:
    dev, vault = server
    note = vault / "Second note.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nOne more save.\n", encoding="utf-8")
    wait_for(dev.url + "Second%20note/", "One more save.")
    with dev._lock:  # the rebuild is over once its lock is free
        assert dev.builds == 2
    # A rebuild reads every note: a watcher told of reads would start another rebuild from those
    # reads, before the one for the next save (events arrive in order). So the next save must be
    # the third build.
    (vault / "Sentinel.md").write_text("# Sentinel\n\nThe next save.\n", encoding="utf-8")
    wait_for(dev.url + "Sentinel/", "The next save.")
    with dev._lock:
        assert dev.builds == 3


@pytest.mark.slow
def test_the_full_garbage_collection_runs_after_a_rebuild_not_during_it(
    server: tuple[DevServer, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import generator.adapter.serve

    dev, vault = server
    monkeypatch.setattr(generator.adapter.serve, "GC_DELAY", 3600.0)  # the test runs the collection
    note = vault / "Second note.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nSaved again.\n", encoding="utf-8")
    wait_for(dev.url + "Second%20note/", "Saved again.")
    with dev._lock:  # the rebuild is over once its lock is free
        assert gc.isenabled() and gc.get_freeze_count() > 0  # the rebuild's objects: left alone
        collector = dev._collector
        assert collector is not None and collector.is_alive()  # the full collection is scheduled
        assert collector.interval == 3600.0
    collector.cancel()
    collector.function()  # what the timer runs, now
    assert gc.get_freeze_count() == 0  # the rebuild's objects collected
