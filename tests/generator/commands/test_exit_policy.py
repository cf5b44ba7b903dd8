"""The exit policy of `build` (generator.adapter.policy), each path through the real command.

Warnings exit 0; errors (a block that cannot be computed, a page that cannot be rendered) exit 1
with the site written and error boxes in place; --strict publishes nothing when anything is
wrong; a crash of MkDocs leaves the previous site as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.adapter.policy import judge, report_lines
from generator.engine.model import Code, Diagnostic

GOOD = {"index.md": "# Home\n\nSee [[Other]].\n", "Other.md": "# Other\n\nText.\n"}
WARNINGS = {"Warn.md": "---\ntags: [a, b\n---\n# Warn\n\n[[Nowhere]]\n"}  # invalid YAML, unresolved link
BAD_BLOCK = {"Block.md": "# Block\n\n```activation\nshow: plot\nfunctions: [nosuchfn]\n```\n"}


def _vault(tmp: Path, files: dict[str, str]) -> Path:
    vault = tmp / "v"
    for name, text in files.items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_text(text, encoding="utf-8")
    return vault


def _build(tmp: Path, *extra: str) -> int:
    args = [
        "build",
        "--vault",
        str(tmp / "v"),
        "--site-dir",
        str(tmp / "site"),
        "--build-dir",
        str(tmp / "b"),
    ]
    return main([*args, "--device", "cpu", "--no-bench", "-q", *extra])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml of the repo
    return tmp_path


# --------------------------------------------------------------------------- the policy alone


def _d(code: Code) -> Diagnostic:
    return Diagnostic("a.md", 1, "warning", code, "m")


@pytest.mark.parametrize(
    ("codes", "levels", "strict", "expected"),
    [
        ([], [], False, (0, 0, True, 0)),
        ([Code.UNRESOLVED_LINK, Code.INVALID_YAML], [logging.WARNING], False, (0, 3, True, 0)),
        ([Code.BLOCK_INVALID, Code.UNRESOLVED_LINK], [], False, (1, 1, True, 1)),
        ([Code.PAGE_FAILED], [], False, (1, 0, True, 1)),
        ([Code.BASE_FAILED, Code.CANVAS_FAILED, Code.BLOCK_FAILED], [], False, (3, 0, True, 1)),
        ([], [logging.ERROR], False, (1, 0, True, 1)),
        ([Code.UNRESOLVED_LINK], [], True, (0, 1, False, 1)),
        ([Code.BLOCK_INVALID], [], True, (1, 0, False, 1)),
        ([], [], True, (0, 0, True, 0)),
    ],
)
def test_the_policy(codes: list[Code], levels: list[int], strict: bool, expected: tuple[object, ...]) -> None:
    verdict = judge([_d(c) for c in codes], levels, strict)
    assert (verdict.errors, verdict.warnings, verdict.publish, verdict.exit_code) == expected


# --------------------------------------------------------------------------- through `build`


def test_report_lines_count_warnings_past_the_limit_and_keep_every_error() -> None:
    diagnostics = [Diagnostic(f"N{i}.md", i, "warning", Code.UNRESOLVED_LINK, "unresolved") for i in range(5)]
    diagnostics += [Diagnostic("B.md", 3, "error", Code.BLOCK_FAILED, "boom") for _ in range(4)]
    diagnostics.append(Diagnostic("Y.md", 1, "warning", Code.INVALID_YAML, "bad yaml"))
    lines = report_lines(diagnostics, per_code=2)
    assert lines[:2] == ["N0.md:0: warning: unresolved", "N1.md:1: warning: unresolved"]
    assert lines.count("B.md:3: error: boom") == 4 and "Y.md:1: warning: bad yaml" in lines
    more = [line for line in lines if line.startswith("…")]
    assert len(more) == 1 and more[0].startswith(f"… and 3 more {Code.UNRESOLVED_LINK} warnings")
    assert len(report_lines(diagnostics, per_code=0)) == len(diagnostics)  # 0: all


def test_max_warnings_on_the_command_line(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _vault(in_tmp, {"index.md": "# Home\n\n[[A]] [[B]]\n\n[[C]]\n"})
    assert _build(in_tmp, "--max-warnings", "1") == 0
    err = capsys.readouterr().err
    assert err.count("warning: unresolved link") == 1 and "… and 2 more unresolved-link warnings" in err
    with pytest.raises(SystemExit) as bad:  # argparse: bad usage
        _build(in_tmp, "--max-warnings", "-1")
    assert bad.value.code == 2
    assert "argument --max-warnings: expected 0 to 1000000000, got -1" in capsys.readouterr().err


def test_warnings_exit_0_and_publish(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _vault(in_tmp, {**GOOD, **WARNINGS})
    assert _build(in_tmp) == 0
    assert (in_tmp / "site" / "Warn" / "index.html").is_file()
    err = capsys.readouterr().err  # reported as the build counts them
    assert "Warn.md:6: warning: unresolved link [[Nowhere]]" in err and ": error: " not in err


def test_a_block_error_exits_1_with_the_site_written_and_an_error_box(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _vault(in_tmp, {**GOOD, **BAD_BLOCK})
    assert _build(in_tmp) == 1
    page = (in_tmp / "site" / "Block" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition failure"' in page and "unknown activation" in page
    assert (in_tmp / "site" / "Other" / "index.html").is_file()
    err = capsys.readouterr().err
    assert "Block.md:5: error: unknown activation 'nosuchfn'" in err


def test_a_page_that_cannot_be_rendered_exits_1_with_an_error_box(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.render import site

    real = site.render_page

    def render_page(renderer: object, note: object, *args: object) -> str:
        if getattr(note, "path", "") == "Other.md":
            raise ValueError("simulated renderer bug")
        return real(renderer, note, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(site, "render_page", render_page)
    _vault(in_tmp, GOOD)
    assert _build(in_tmp, "-j", "1") == 1
    page = (in_tmp / "site" / "Other" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition failure"' in page and "ValueError: simulated renderer bug" in page
    assert "See" in (in_tmp / "site" / "index.html").read_text(encoding="utf-8")


def test_strict_with_a_warning_exits_1_and_keeps_the_previous_site(in_tmp: Path) -> None:
    vault = _vault(in_tmp, GOOD)
    assert _build(in_tmp, "--strict") == 0
    before = _snapshot(in_tmp / "site")
    (vault / "Other.md").write_text("# Other\n\n[[Nowhere]]\n", encoding="utf-8")
    assert _build(in_tmp, "--strict") == 1
    assert _snapshot(in_tmp / "site") == before
    assert _build(in_tmp) == 0  # without --strict the same vault is published
    assert _snapshot(in_tmp / "site") != before


def test_strict_with_an_error_publishes_nothing(in_tmp: Path) -> None:
    _vault(in_tmp, {**GOOD, **BAD_BLOCK})
    assert _build(in_tmp, "--strict") == 1
    assert not (in_tmp / "site").exists()


def test_mkdocs_raising_leaves_the_previous_site_intact(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = _vault(in_tmp, GOOD)
    assert _build(in_tmp) == 0
    before = _snapshot(in_tmp / "site")

    def crash(*args: object, **kwargs: object) -> int:
        raise RuntimeError("MkDocs crashed (simulated)")

    monkeypatch.setattr("generator.speedups.parallel_build.build", crash)
    (vault / "Other.md").write_text("# Other\n\nChanged.\n", encoding="utf-8")
    assert _build(in_tmp) == 1
    assert _snapshot(in_tmp / "site") == before
    assert "MkDocs crashed (simulated)" in capsys.readouterr().err
    assert sorted(p.name for p in in_tmp.iterdir()) == ["b", "site", "v"]  # no half-built site left
