"""One declaration of the options: the command line and the plugin read them alike, and check them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.__main__ import main, main_parser
from generator.adapter.config import ConfigError, settings_from_args
from generator.adapter.options import OptionError, all_options, parse_plugin_options
from generator.adapter.plugin import ObsidianVaultPlugin

ROOT = Path(__file__).resolve().parents[3]


def _project(tmp_path: Path, plugin_entry: str) -> Path:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "A.md").write_text("# A\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: t\ndocs_dir: notes\ntheme: {{name: material}}\nplugins:\n  - obsidian-vault:\n{plugin_entry}",
        encoding="utf-8",
    )
    return config


def _cli_settings(tmp_path: Path, config: Path | None) -> object:
    args = main_parser().parse_args(["build", *(["--config", str(config)] if config else [])])
    return settings_from_args(args, cwd=tmp_path)


# --------------------------------------------------------------------------- bad options are errors


def test_an_unknown_key_is_an_error_naming_it_on_the_command_line(tmp_path: Path) -> None:
    config = _project(tmp_path, "      benhc: false\n")
    with pytest.raises(OptionError, match=r"mkdocs\.yml: unknown option 'benhc'.*did you mean 'bench'"):
        _cli_settings(tmp_path, config)


def test_a_string_for_a_bool_is_an_error_on_the_command_line(tmp_path: Path) -> None:
    config = _project(tmp_path, '      bench: "false"\n')
    with pytest.raises(OptionError, match=r"option 'bench' .*expected true or false, got str 'false'"):
        _cli_settings(tmp_path, config)


def test_build_exits_2_on_a_bad_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _project(tmp_path, "      exclude: drafts/**\n")
    assert main(["build", "--config", str(config), "--site-dir", str(tmp_path / "site")]) == 2
    assert "option 'exclude'" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("entry", "key"),
    [({"benhc": False}, "benhc"), ({"bench": "false"}, "bench"), ({"exclude": [1]}, "exclude")],
)
def test_the_plugin_refuses_what_the_command_line_refuses(entry: dict[str, object], key: str) -> None:
    errors, _ = ObsidianVaultPlugin().load_config(entry)
    assert [k for k, _ in errors] == [key]
    with pytest.raises(OptionError):
        parse_plugin_options(entry)


def test_mkdocs_stops_on_a_bad_plugin_option(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = _project(tmp_path, "      portable_docs: 1\n")
    with pytest.raises(Abort):
        load_config(str(config))
    assert "option 'portable_docs' of plugin obsidian-vault: expected true or false" in caplog.text


def test_cli_only_options_are_not_plugin_options() -> None:
    with pytest.raises(OptionError, match="unknown option 'jobs'"):
        parse_plugin_options({"jobs": 4})


# --------------------------------------------------------------------------- one set of defaults


def test_cli_and_plugin_see_the_same_defaults(tmp_path: Path) -> None:
    plugin = ObsidianVaultPlugin()
    errors, warnings = plugin.load_config({})
    assert (errors, warnings) == ([], [])
    # The documented defaults, written out by hand.
    expected = {
        "vault": None,
        "build_dir": ".generator",
        "exclude": [],
        "home": None,
        "page_settings": [],
        "exclude_templates": False,
        "bench": True,
        "device": None,
        "portable_docs": False,
        "speedups": True,
        # the reader's (docs/reader.md)
        "properties": True,
        "previews": True,
        "graph": True,
        "graph_depth": 1,
        "graph_tags": False,
        "explorer": True,
        "folder_pages": True,
        "folder_page_size": 100,
        "folder_sort": "name",
        "sidebar_window": 20,
        "tag_page_size": 100,
        "backlink_contexts": 10,
        "backlinks_shown": 200,
        "breadcrumbs": True,
        "page_dates": True,
        "feeds": True,
        "feed_items": 20,
        "feed_order": "modified",
        "social_meta": True,
    }
    assert dict(plugin.config) == expected
    assert {k: getattr(plugin.options, k) for k in expected} == {
        **expected,
        "exclude": (),
        "page_settings": (),
    }
    (tmp_path / "vault").mkdir()
    settings = _cli_settings(tmp_path, None)
    assert (settings.build_dir, settings.exclude, settings.home) == (tmp_path / ".generator", (), None)  # type: ignore[attr-defined]
    assert (settings.bench, settings.device, settings.portable, settings.speedups) == (
        True,
        None,
        False,
        True,
    )  # type: ignore[attr-defined]


def test_plugin_options_in_mkdocs_yml_reach_the_cli_settings(tmp_path: Path) -> None:
    config = _project(tmp_path, "      bench: false\n      speedups: false\n      exclude: [x/**]\n")
    settings = _cli_settings(tmp_path, config)
    assert (settings.bench, settings.speedups, settings.exclude) == (False, False, ("x/**",))  # type: ignore[attr-defined]
    assert settings.vault == tmp_path / "notes"  # type: ignore[attr-defined]


def test_a_flag_wins_over_mkdocs_yml(tmp_path: Path) -> None:
    config = _project(tmp_path, "      bench: true\n")
    args = main_parser().parse_args(["build", "--config", str(config), "--no-bench", "--no-speedups"])
    settings = settings_from_args(args, cwd=tmp_path)
    assert (settings.bench, settings.speedups) == (False, False)


def test_strict_in_mkdocs_yml_must_be_a_bool(tmp_path: Path) -> None:
    config = _project(tmp_path, "      home: A.md\n")
    config.write_text(config.read_text() + 'strict: "no"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="strict"):
        _cli_settings(tmp_path, config)


# --------------------------------------------------------------------------- the commands


def test_check_reads_the_vault_from_the_configs_docs_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _project(tmp_path, "      home: A.md\n")
    (tmp_path / "notes" / "B.md").write_text("[[Nowhere]]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert capsys.readouterr().out.startswith("notes/B.md:1: error: unresolved link [[Nowhere]]")
    assert main(["check", "--config", str(config)]) == 1


def test_check_exits_2_on_a_bad_option(tmp_path: Path) -> None:
    config = _project(tmp_path, "      bench: yes please\n")
    assert main(["check", "--config", str(config)]) == 2


def test_serve_does_not_take_strict() -> None:
    with pytest.raises(SystemExit) as exc:
        main_parser().parse_args(["serve", "--strict"])
    assert exc.value.code == 2


@pytest.mark.parametrize("command", ["build", "serve", "check"])
def test_help_shows_examples_and_exit_codes(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert f"python -m generator {command}" in out.split("examples:")[1]
    assert re.search(r"exit codes:\n  0 .*\n(.*\n)*  2 ", out)


# --------------------------------------------------------------------------- the documentation


def test_every_option_is_documented() -> None:
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `(\w+)` \|.*$", doc, re.M)}
    for spec in all_options():
        assert spec.name in rows, f"docs/configuration.md has no row for {spec.name}"
        row = rows[spec.name]
        for flag in spec.flag:
            assert f"`{flag}`" in row, f"{spec.name}: flag {flag} missing"
        assert spec.type_name in row, f"{spec.name}: type {spec.type_name} missing"
        assert ("yes" if spec.plugin else "no") in row.split("|")[4]
