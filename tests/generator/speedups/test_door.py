"""The speedups' one door (`generator.speedups.select`): the switch, the version self-check, and
the site built with every speedup on is the site built with none."""

from __future__ import annotations

import gzip
import json
import logging
import re
from pathlib import Path

import pytest

import generator.render.site
import generator.speedups
import generator.speedups.parallel_build
from generator.__main__ import main
from generator.speedups import NEEDS, VERIFIED, Selection, select
from tests.generator.render_support import VAULT

ALL_ON = Selection(parallel_build=True, nav_cache=True, highlight_memo=True, compact=True)


def _build(tmp: Path, name: str, *extra: str) -> Path:
    args = [
        "build",
        "--vault",
        str(VAULT),
        "--site-dir",
        str(tmp / name),
        "--build-dir",
        str(tmp / f"b-{name}"),
    ]
    assert main([*args, "--device", "cpu", "--no-bench", "-q", "--jobs", "2", *extra]) == 0
    return tmp / name


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


_FOLDABLE = re.compile(rb"[ \t\r\f]*\n\s*")  # whitespace holding a line break: one line break in HTML


@pytest.fixture(scope="module")
def on_off(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The render fixture vault built with the speedups, without them, and with MkDocs' version faked."""
    tmp = tmp_path_factory.mktemp("door")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp)
        mp.setattr(generator.speedups.parallel_build, "PAGES_PER_JOB", 1)  # two processes for a small vault
        mp.setattr(generator.render.site, "PAGES_PER_JOB", 1)
        used: list[Selection] = []
        real_select = generator.speedups.select
        mp.setattr(
            generator.speedups, "select", lambda *a, **k: used.append(real_select(*a, **k)) or used[-1]
        )
        on = _build(tmp, "on")
        off = _build(tmp, "off", "--no-speedups")
        mp.setattr(generator.speedups, "installed_version", lambda lib: "0.0.0")
        mp.setattr(generator.speedups, "_told", set())
        faked = _build(tmp, "faked")
    assert used == [ALL_ON, Selection(), Selection()]
    return on, off, faked


@pytest.mark.slow
def test_the_site_is_the_same_without_the_speedups(on_off: tuple[Path, Path, Path]) -> None:
    on, off = _files(on_off[0]), _files(on_off[1])
    assert set(on) == set(off)
    for name, data in on.items():
        if name.endswith(".html"):  # compaction folds the chrome's indentation, nothing else
            assert _FOLDABLE.sub(b"\n", data) == _FOLDABLE.sub(b"\n", off[name]), name
        elif name.endswith("sitemap.xml.gz"):  # gzip's header holds the time it was written
            assert gzip.decompress(data) == gzip.decompress(off[name])
        elif name.endswith(".json"):
            assert json.loads(data) == json.loads(off[name]), name
        else:
            assert data == off[name], name


@pytest.mark.slow
def test_unverified_versions_give_the_plain_build(on_off: tuple[Path, Path, Path]) -> None:
    _, off, faked = on_off
    plain, got = _files(off), _files(faked)
    assert set(plain) == set(got)
    for name, data in got.items():
        if not name.endswith("sitemap.xml.gz"):
            assert data == plain[name], name


def test_the_switch_turns_every_speedup_off() -> None:
    assert select(False) == Selection()
    assert select(True, versions=VERIFIED.get) == ALL_ON


@pytest.mark.parametrize("library", sorted(VERIFIED))
def test_an_unverified_version_turns_its_speedups_off_with_one_line(
    library: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(generator.speedups, "_told", set())

    def versions(lib: str) -> str | None:
        return "99.0" if lib == library else VERIFIED[lib]

    with caplog.at_level(logging.WARNING, logger="generator.speedups"):
        chosen = select(True, versions=versions)
        again = select(True, versions=versions)  # serve's next rebuild: nothing logged again
    off = {name for name, libs in NEEDS.items() if library in libs}
    assert off
    assert {name for name, on in vars(chosen).items() if not on} == off
    assert again == chosen
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == len(off)
    for name, line in zip(sorted(off), sorted(lines), strict=True):
        assert line == f"speedup {name} is off: {library} 99.0 (verified on {VERIFIED[library]})"


def test_pyproject_pins_the_verified_versions() -> None:
    text = (Path(__file__).resolve().parents[3] / "pyproject.toml").read_text(encoding="utf-8")
    for library, version in VERIFIED.items():
        assert f'"{library.lower()}=={version}"' in text.lower(), library
