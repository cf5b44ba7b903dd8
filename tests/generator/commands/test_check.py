"""`python -m generator check`: one sorted `file:line: severity: message` per problem, and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.__main__ import main
from tests.generator.engine_support import VAULT

EXPECTED = """\
Bad YAML.md:3: warning: invalid YAML in properties: did not find expected ',' or ']'
Bad property.md:2: warning: property 'publish' should be true or false, not 'maybe'
Bad property.md:3: warning: property 'tags' should be a list of text or a text, not dict
Broken.md:3: error: unresolved link [[Missing note]]: no note named 'Missing note' in the vault
Broken.md:4: error: link [[Folder/Note#No such heading]]: no heading 'No such heading' in Folder/Note.md
Broken.md:5: error: link [[Blocks#^nope]]: no block '^nope' in Blocks.md
Broken.md:6: error: missing attachment ![[missing.png]]: no file named 'missing.png' in the vault
Broken.md:7: error: unresolved link [[Props]]: no note named 'Props' ('Properties.md' has it as an alias: link [[Properties|Props]])
Cycle B.md:3: warning: embed cycle Cycle A.md -> Cycle B.md -> Cycle A.md: cut on the page
Escape.md:3: warning: link [[../../outside]] refused: '../../outside' points outside the vault
Escape.md:4: warning: link [up](../../../etc/passwd) refused: '../../../etc/passwd' points outside the vault
Folder/Sub/Deep.md:4: error: unresolved link [[./Nowhere]]: no note named './Nowhere' in the vault
Links to private.md:3: warning: link [[Secret]] is unresolved: 'Secret' is excluded from the site (Private/Secret.md)
"""


def _expected(prefix: str, lines: str = EXPECTED) -> list[str]:
    return [f"{prefix}/{line}" for line in lines.splitlines()]


def test_check_lists_every_problem_sorted_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--vault", str(VAULT)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == _expected(VAULT.as_posix())
    assert "6 errors, 7 warnings" in err


def test_check_passes_a_clean_vault_and_strict_fails_on_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "A.md").write_text("# A\n\n[[B]]\n", encoding="utf-8")
    (tmp_path / "B.md").write_text("---\npublish: maybe\n---\n# B\n", encoding="utf-8")
    assert main(["check", "--vault", str(tmp_path)]) == 0
    assert main(["check", "--vault", str(tmp_path), "--strict"]) == 1
    out, _ = capsys.readouterr()
    assert (
        out.splitlines()
        == [f"{tmp_path.as_posix()}/B.md:2: warning: property 'publish' should be true or false, not 'maybe'"]
        * 2
    )


def test_check_reads_excludes_from_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\nplugins:\n  - obsidian-vault:\n      exclude: [Templates/]\n", encoding="utf-8"
    )
    main(["check", "--vault", str(VAULT), "--config", str(config)])
    out, _ = capsys.readouterr()
    extra = "Links to private.md:4: warning: link [[Template]] is unresolved: 'Template' is excluded from the site (Templates/Template.md)"
    assert out.splitlines() == sorted(_expected(VAULT.as_posix(), EXPECTED + extra + "\n"))


def test_check_bad_usage_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--vault", str(tmp_path / "missing")]) == 2
    assert main(["check", "--vault", str(VAULT), "--config", str(tmp_path / "none.yml")]) == 2
    assert "error:" in capsys.readouterr().err


def test_check_reports_bad_activation_blocks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "F.md").write_text("# F\n\n```activation\nshow: nonsense\n```\n", encoding="utf-8")
    assert main(["check", "--vault", str(tmp_path)]) == 1  # a block that cannot be computed is an error
    out, _ = capsys.readouterr()
    (line,) = out.splitlines()
    assert line.startswith(f"{tmp_path.as_posix()}/F.md:") and ": error: " in line
