"""Settings and the generated site config: defaults, the user's mkdocs.yml laid over them, tags kept."""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

from generator.adapter.config import (
    ConfigError,
    OpaqueTag,
    Settings,
    SiteAssets,
    dump_yaml,
    load_yaml,
    named_items,
    settings_from_args,
    site_config,
    write_site_config,
)
from tests import FIXTURES

HERE = FIXTURES
USER_CONFIG = HERE / "site_config" / "mkdocs.yml"


def _args(**kw: object) -> argparse.Namespace:
    base = dict(
        vault=None,
        config=None,
        site_dir=None,
        build_dir=None,
        strict=False,
        bench=None,
        device=None,
        quiet=False,
    )
    base.update(kw)
    return argparse.Namespace(**base)


def test_unknown_tags_are_kept_opaque() -> None:
    data = load_yaml("f: !!python/name:os.path.join\ne: !ENV [HOME, x]\nr: !relative docs\n")
    assert data["f"] == OpaqueTag("tag:yaml.org,2002:python/name:os.path.join", "")
    assert data["e"] == OpaqueTag("!ENV", ["HOME", "x"])
    assert data["r"] == OpaqueTag("!relative", "docs")


def test_tags_survive_the_round_trip_to_mkdocs_loader() -> None:
    import pymdownx.superfences

    text = dump_yaml(load_yaml("format: !!python/name:pymdownx.superfences.fence_code_format\n"))
    # MkDocs' own loader (not ours) resolves the tag to the real function.
    assert yaml_load(text)["format"] is pymdownx.superfences.fence_code_format


def test_the_loader_never_constructs_python_objects() -> None:
    data = load_yaml("x: !!python/object/apply:os.system ['echo hacked']\n")
    assert isinstance(data["x"], OpaqueTag)


def test_invalid_yaml_names_file_and_line() -> None:
    with pytest.raises(ConfigError, match=r"my\.yml:2: "):
        load_yaml("a: 1\nb: c: d\ne: 2\n", "my.yml")


def test_named_items_reads_both_list_forms() -> None:
    assert named_items(["a", {"b": {"x": 1}}, {"c": None}]) == {"a": {}, "b": {"x": 1}, "c": {}}
    assert named_items({"a": None, "b": {"y": 2}}) == {"a": {}, "b": {"y": 2}}


def test_defaults_without_a_config(tmp_path: Path) -> None:
    (tmp_path / "vault").mkdir()
    settings = settings_from_args(_args(), cwd=tmp_path)
    assert settings.vault == tmp_path / "vault"
    assert settings.site_dir == tmp_path / "site"
    assert settings.build_dir == tmp_path / ".generator"
    assert settings.docs_dir == tmp_path / ".generator" / "docs"
    assert settings.config_file is None and settings.bench and not settings.strict


def test_user_config_supplies_vault_and_plugin_options(tmp_path: Path) -> None:
    shutil.copytree(USER_CONFIG.parent, tmp_path / "proj")
    settings = settings_from_args(_args(config="proj/mkdocs.yml", bench=False), cwd=tmp_path)
    assert settings.vault == tmp_path / "proj" / "notes"  # docs_dir of the user's config
    assert settings.site_dir == tmp_path / "proj" / "site"
    assert settings.exclude == ("drafts/**", "*.tmp.md")
    assert settings.home == "Start.md"
    assert not settings.bench


def test_command_line_wins_over_the_config(tmp_path: Path) -> None:
    shutil.copytree(USER_CONFIG.parent, tmp_path / "proj")
    (tmp_path / "other").mkdir()
    settings = settings_from_args(
        _args(config="proj/mkdocs.yml", vault="other", site_dir="out", build_dir="b"), cwd=tmp_path
    )
    assert (settings.vault, settings.site_dir, settings.build_dir) == (
        tmp_path / "other",
        tmp_path / "out",
        tmp_path / "b",
    )


@pytest.mark.parametrize(
    ("vault", "site", "match"),
    [
        ("missing", "site", "does not exist"),
        ("v", "v/site", "outside the vault"),
        ("v", ".", "must not contain the vault"),
    ],
)
def test_refuses_dangerous_folders(tmp_path: Path, vault: str, site: str, match: str) -> None:
    (tmp_path / "v").mkdir()
    with pytest.raises(ConfigError, match=match):
        settings_from_args(_args(vault=vault, site_dir=site, build_dir=str(tmp_path / "b")), cwd=tmp_path)


def test_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    (tmp_path / "v").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "thesis.tex").write_text("precious")
    with pytest.raises(ConfigError, match="not a built site"):
        settings_from_args(_args(vault="v", site_dir="docs"), cwd=tmp_path)


def _user_settings(tmp_path: Path) -> Settings:
    shutil.copytree(USER_CONFIG.parent, tmp_path / "proj")
    return settings_from_args(_args(config="proj/mkdocs.yml"), cwd=tmp_path)


def test_user_settings_override_the_defaults(tmp_path: Path) -> None:
    config = site_config(_user_settings(tmp_path), SiteAssets(css=("_obsidian/obsidian.css",)))
    assert config["site_name"] == "My garden"
    assert config["site_url"] == "https://example.org/garden/"
    assert config["docs_dir"] == "docs"  # the generated docs, never the vault
    assert config["theme"]["palette"] == {"primary": "teal"}
    assert config["theme"]["font"] is False  # a default the user did not touch
    features = config["theme"]["features"]
    assert "navigation.tabs" in features and features.count("navigation.prune") == 1
    plugins = named_items(config["plugins"])
    assert plugins["search"] == {"lang": "en"}
    assert plugins["tags"] == {"tags_hierarchy": True}
    assert "obsidian-vault" not in plugins
    assert "mkdocs-jupyter" not in plugins  # no notebook in the docs: not loaded (it costs seconds)
    extensions = named_items(config["markdown_extensions"])
    assert "abbr" in extensions and "pymdownx.arithmatex" in extensions
    assert extensions["toc"]["permalink"] == "#"  # the user's option wins ...
    assert extensions["toc"]["slugify"] == OpaqueTag(
        "tag:yaml.org,2002:python/name:generator.engine.paths.slugify", ""
    )
    assert config["extra"] == {"analytics_off": True}
    assert config["extra_css"] == ["_obsidian/obsidian.css"]
    assert config["copyright"] == OpaqueTag("!ENV", ["GARDEN_COPYRIGHT", "© the gardener"])


def test_generated_config_is_valid_for_mkdocs(tmp_path: Path) -> None:
    settings = _user_settings(tmp_path)
    settings.docs_dir.mkdir(parents=True)
    (settings.docs_dir / "demo.ipynb").write_text("{}")  # a notebook: mkdocs-jupyter is configured
    path = write_site_config(settings, SiteAssets(javascript=("_math/a.js",)))
    config = load_config(str(path), site_dir=str(tmp_path / "out"))
    assert config.site_name == "My garden"
    assert Path(config.docs_dir) == settings.docs_dir
    assert "navigation.prune" in config.theme["features"]
    assert config.mdx_configs["pymdownx.arithmatex"] == {"generic": True}
    assert set(config.plugins) >= {"material/search", "material/tags", "mkdocs-jupyter"}
    assert config.copyright == "© the gardener"


def test_config_is_written_only_when_it_changes(tmp_path: Path) -> None:
    settings = _user_settings(tmp_path)
    path = write_site_config(settings, SiteAssets())
    old = path.stat().st_mtime_ns - 10**9
    os.utime(path, ns=(old, old))
    write_site_config(settings, SiteAssets())
    assert path.stat().st_mtime_ns == old
    write_site_config(settings, SiteAssets(css=("x.css",)))
    assert yaml_load(path.read_text())["extra_css"] == ["x.css"]
