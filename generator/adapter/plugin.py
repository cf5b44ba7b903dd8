"""The MkDocs plugin `obsidian-vault`: `mkdocs build` / `mkdocs serve` run the generator's pipeline.

A thin adapter from MkDocs' events to `generator.adapter.pipeline`, never a second pipeline:
- on_config: load_vault + render_site into the build folder, point MkDocs' docs_dir there, and add the
  markdown extensions, stylesheets and scripts the rendered pages need (where the user has not).
- on_serve: watch the vault (not the generated docs, which each rebuild rewrites itself).
- on_page_markdown / on_page_content / on_post_page: the pages' pre-rendered HTML goes in
  (`generator.adapter.pages.PreRenderedHtml`, which `python -m generator build` uses too).
- on_post_build: ship the math assets and write vault-manifest.json.

In the user's mkdocs.yml, `docs_dir` is the vault (or give `vault:`); the theme must be Material, and
`search`/`tags`/`mkdocs-jupyter` are listed like any plugin (MkDocs loads plugins before ours runs):

    docs_dir: vault
    theme: {name: material, features: [navigation.prune]}
    plugins: [search, tags, obsidian-vault]
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.utils.yaml import yaml_load

from generator.adapter.config import (
    ConfigError,
    Settings,
    default_config_text,
    named_items,
    obsidian_line_breaks,
)
from generator.adapter.manifest import build_manifest, write_manifest
from generator.adapter.options import (
    OptionError,
    Options,
    OptionSpec,
    parse_plugin_options,
    plugin_fields,
    reader_values,
)
from generator.adapter.pages import PreRenderedHtml
from generator.adapter.pipeline import Generated, generate_docs
from generator.adapter.policy import build_line, is_error
from generator.adapter.reader_site import ReaderSite
from generator.adapter.site_assets import install_math
from generator.errors import GeneratorError

log = get_plugin_logger(__name__)


def _config_option(spec: OptionSpec) -> c.BaseConfigOption[Any]:
    kind: c.BaseConfigOption[Any] = (
        c.ListOfItems(c.Type(str), default=[])
        if spec.kind == "list"
        else c.Type({"bool": bool, "int": int, "str": str}[spec.kind], default=spec.default)
    )
    return c.Optional(kind) if spec.optional else kind


# MkDocs' config class of the plugin, generated from the one declaration of the options
# (`generator.adapter.options.Options`); `load_config` checks them the way the command line does.
ObsidianVaultConfig: type[base.Config] = type(
    "ObsidianVaultConfig",
    (base.Config,),
    {spec.name: _config_option(spec) for spec in plugin_fields()},
)


class ObsidianVaultPlugin(PreRenderedHtml, BasePlugin[ObsidianVaultConfig]):  # type: ignore[valid-type,misc]
    def __init__(self) -> None:
        super().__init__()
        self.generated: Generated | None = None
        self.settings: Settings | None = None
        self.options = Options()

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        """MkDocs' check of the options, after ours: an unknown key or a wrong type is an error."""
        try:
            self.options = parse_plugin_options(options, config_file_path)
        except OptionError as exc:
            return [(exc.key, ValidationError(exc.reason))], []
        return super().load_config(options, config_file_path)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this instance across `mkdocs serve` rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        options = self.options
        vault = (base_dir / (options.vault or config.docs_dir)).resolve()
        settings = Settings(
            vault=vault,
            site_dir=Path(config.site_dir),
            build_dir=(base_dir / options.build_dir).resolve(),
            config_file=Path(config.config_file_path) if config.config_file_path else None,
            exclude=options.exclude,
            home=options.home,
            strict=bool(config.strict),
            bench=options.bench,
            device=options.device,
            portable=options.portable_docs,
            speedups=options.speedups,
            page_settings=options.page_settings,
            exclude_templates=options.exclude_templates,
            theme_dirs=tuple(Path(d) for d in config.theme.dirs),
            user_config={
                "markdown_extensions": {n: config.mdx_configs.get(n, {}) for n in config.markdown_extensions},
                "site_url": config.site_url,
                "site_name": config.site_name,
            },
            reader=reader_values(options),
        )
        if not vault.is_dir():
            raise PluginError(f"obsidian-vault: the vault folder does not exist: {vault}")
        if settings.build_dir == vault or vault in settings.build_dir.parents:
            raise PluginError(f"obsidian-vault: build_dir must be outside the vault: {settings.build_dir}")
        try:
            generated = generate_docs(settings, use_directory_urls=config.use_directory_urls)
        except (GeneratorError, ConfigError) as exc:
            raise PluginError(f"obsidian-vault: {exc}") from exc
        for diagnostic in generated.diagnostics:  # errors and warnings as `build` counts them
            (log.error if is_error(diagnostic) else log.warning)(build_line(diagnostic))
        self.settings, self.generated = settings, generated
        config.docs_dir = str(settings.docs_dir)
        _add_page_needs(config, generated, obsidian_line_breaks(vault))
        if "obsidian-vault/reader" not in config.plugins:  # breadcrumbs, folder pages, bounded sidebar
            reader = ReaderSite()
            config = reader.on_config(config)
            config.plugins["obsidian-vault/reader"] = reader
        return config

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.settings is not None
        with contextlib.suppress(KeyError):
            server.unwatch(config.docs_dir)  # the generated docs: every rebuild rewrites what changed
        server.watch(str(self.settings.vault))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.generated is not None
        site_dir = Path(config.site_dir)
        install_math(site_dir)
        manifest = build_manifest(self.generated.pages, self.generated.unresolved, config.use_directory_urls)
        write_manifest(manifest, site_dir)


def _add_page_needs(config: MkDocsConfig, generated: Generated, line_breaks: bool = True) -> None:
    """Add the built-in config's markdown extensions (and their options), CSS and JS the user left out."""
    if config.theme.name != "material":
        log.warning("obsidian-vault: the pages are written for the Material theme (theme: name: material)")
    defaults = yaml_load(default_config_text(config.site_name, generated.assets, line_breaks=line_breaks))
    for name, options in named_items(defaults["markdown_extensions"]).items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        current = config.mdx_configs.setdefault(name, {})
        for key, value in (options or {}).items():
            current.setdefault(key, value)
    for css in defaults["extra_css"]:
        if css not in config.extra_css:
            config.extra_css.append(css)
    present = {str(script) for script in config.extra_javascript}
    for script in defaults["extra_javascript"]:
        if script not in present:
            config.extra_javascript.append(script)
