"""Settings of a build, with their defaults in one place, and the site config handed to MkDocs.

Two sources feed a build: the command line and, when there is one, the user's mkdocs.yml. The user's
file is read with a YAML loader that keeps tags it does not know (`!!python/name:...`, `!ENV`,
`!relative`) as opaque values, so they survive the merge with our defaults and reach MkDocs as written.
The defaults live in `templates/mkdocs.yml.j2`; `site_config` lays the user's settings over them and
`write_site_config` writes the result next to the generated docs (only when it changed).
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

from generator.adapter.options import (
    PLUGIN_NAME,
    ConfigError,
    OptionError,
    Options,
    all_options,
    given,
    parse_plugin_options,
    reader_values,
)
from generator.files import write_if_changed

DEFAULT_VAULT = "vault"  # the vault when neither the command line nor mkdocs.yml names one
MANIFEST_NAME = "vault-manifest.json"

# Keys the generator decides itself: the generated config points MkDocs at the generated docs.
_OWN_KEYS = frozenset({"docs_dir", "site_dir", "INHERIT"})
# Keys holding paths relative to the user's mkdocs.yml; made absolute since the generated config lives elsewhere.
_PATH_LIST_KEYS = ("hooks", "watch")

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Settings:
    """Everything a build needs to know, resolved to absolute paths."""

    vault: Path
    site_dir: Path
    build_dir: Path  # generated docs, config and caches; persistent so unchanged files are not rewritten
    config_file: Path | None = None  # the user's mkdocs.yml; None: built-in defaults only
    exclude: tuple[str, ...] = ()  # globs (vault-relative) never published
    home: str | None = None  # vault path of the home note; None: the renderer's default rule
    strict: bool = False  # any warning fails the build
    bench: bool = True  # False (--no-bench): computed blocks use committed results, time nothing
    device: str | None = None  # "cpu" / "cuda" for computed blocks; None: cuda when available
    quiet: bool = False
    max_warnings: int = 50  # warnings of one kind `build` prints (0: all; generator.adapter.policy)
    jobs: int = 1  # processes MkDocs' page work is shared among (generator.speedups.parallel_build)
    portable: bool = False  # docs any MkDocs builds alone (RenderOptions.portable)
    speedups: bool = True  # False: MkDocs' plain build, none of generator.speedups
    engine: str = "mkdocs"  # the site engine (generator.adapter.engines); others build portable docs
    engine_bin: str | None = None  # that engine's program (None: found on PATH, docs/engines.md)
    page_settings: tuple[str, ...] = ()  # properties read as Material page settings (icon, hide, ...)
    exclude_templates: bool = False  # leave the templates folder's notes (.obsidian/templates.json) out
    theme_dirs: tuple[Path, ...] | None = None  # template folders for page-setting checks (None: found)
    user_config: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    reader: Mapping[str, Any] = field(default_factory=dict)  # the reader's plugin options (reader_config)

    @property
    def docs_dir(self) -> Path:
        return self.build_dir / "docs"

    @property
    def cache_dir(self) -> Path:
        return self.build_dir / "cache"

    @property
    def site_config_file(self) -> Path:
        return self.build_dir / "mkdocs.yml"


# --------------------------------------------------------------------------- YAML that keeps unknown tags


@dataclass(frozen=True)
class OpaqueTag:
    """A YAML value whose tag only MkDocs understands (`!!python/name:x.y`, `!ENV [A, b]`), kept as written."""

    tag: str
    value: Any  # str for a scalar, list or dict for a collection


class TolerantLoader(yaml.SafeLoader):
    """A SafeLoader that never constructs Python objects: unknown tags become `OpaqueTag`s."""


def _construct_opaque(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> OpaqueTag:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return OpaqueTag(node.tag, value)


TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_opaque)
TolerantLoader.add_multi_constructor("!", _construct_opaque)


class TolerantDumper(yaml.SafeDumper):
    """Writes `OpaqueTag`s back with their tags, so `!!python/name:` survives the round trip."""


def _represent_opaque(dumper: yaml.SafeDumper, data: OpaqueTag) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


TolerantDumper.add_representer(OpaqueTag, _represent_opaque)


def load_yaml(text: str, source: str = "<string>") -> dict[str, Any]:
    """Parse a mkdocs.yml; an error names the file and line."""
    try:
        data = yaml.load(text, Loader=TolerantLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise ConfigError(f"invalid YAML: {exc.problem}", source, line) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("expected a mapping of settings", source, 1)
    return data


def dump_yaml(data: Mapping[str, Any]) -> str:
    return yaml.dump(dict(data), Dumper=TolerantDumper, sort_keys=False, allow_unicode=True, width=1000)


def load_user_config(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", str(path)) from exc
    return load_yaml(text, str(path))


# --------------------------------------------------------------------------- plugin lists


def named_items(items: Any) -> dict[str, Any]:
    """`[a, {b: {...}}]` (MkDocs' list form for plugins and markdown_extensions) or a mapping -> {name: options}."""
    out: dict[str, Any] = {}
    if isinstance(items, Mapping):
        for name, options in items.items():
            out[str(name)] = options if options is not None else {}
        return out
    for item in items or []:
        if isinstance(item, Mapping):
            for name, options in item.items():
                out[str(name)] = options if options is not None else {}
        else:
            out[str(item)] = {}
    return out


def _as_list(items: Mapping[str, Any]) -> list[Any]:
    return [name if not options else {name: options} for name, options in items.items()]


def plugin_options(user: Mapping[str, Any]) -> dict[str, Any] | None:
    """The options of our plugin in a user's mkdocs.yml, or None when it is not listed."""
    plugins = named_items(user.get("plugins", []))
    if PLUGIN_NAME not in plugins:
        return None
    options = plugins[PLUGIN_NAME]
    return dict(options) if isinstance(options, Mapping) else {}


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Project:
    """The user's mkdocs.yml as the command line reads it: the file, its settings, our plugin's options."""

    config_file: Path | None
    user: dict[str, Any]
    options: Options  # the plugin's entry, checked; defaults where it sets nothing
    base: Path  # relative paths in the config are relative to this folder

    def path(self, arg: str | None, name: str, cwd: Path) -> Path:
        """Option `name`: the command line's `arg` (relative to `cwd`), else the plugin's entry or
        MkDocs' own key in mkdocs.yml (relative to it), else the default."""
        if arg:
            return (cwd / arg).resolve()
        spec = next(o for o in all_options() if o.name == name)
        for value in (
            getattr(self.options, name) if spec.plugin else None,
            self.user.get(spec.mkdocs_key) if spec.mkdocs_key else None,
        ):
            if isinstance(value, str) and value:
                return (self.base / value).resolve()
        default = DEFAULT_VAULT if name == "vault" else spec.default
        return (self.base / default).resolve()


def read_project(config: str | None, cwd: Path | None = None) -> Project:
    """Read `config` (or ./mkdocs.yml when there is one); a bad plugin option is an `OptionError`."""
    cwd = (cwd or Path.cwd()).resolve()
    config_file: Path | None
    if config:
        config_file = (cwd / config).resolve()
        if not config_file.is_file():
            raise ConfigError("no such config file", str(config))
    else:
        config_file = cwd / "mkdocs.yml" if (cwd / "mkdocs.yml").is_file() else None
    user = load_user_config(config_file) if config_file else {}
    options = parse_plugin_options(plugin_options(user), str(config_file) if config_file else None)
    return Project(config_file, user, options, config_file.parent if config_file else cwd)


def settings_from_args(args: argparse.Namespace, cwd: Path | None = None) -> Settings:
    """The settings of `build`/`serve`: command line first, then the user's mkdocs.yml, then defaults."""
    cwd = (cwd or Path.cwd()).resolve()
    project = read_project(given(args, "config"), cwd)
    options, user = project.options, project.user

    def flag_or(name: str, fallback: Any) -> Any:
        value = given(args, name)
        return fallback if value is None else value

    strict = flag_or("strict", user.get("strict", False))
    if not isinstance(strict, bool):
        raise OptionError(
            "strict", f"strict: expected true or false, got {strict!r}", str(project.config_file)
        )
    jobs = given(args, "jobs")
    max_warnings = int(flag_or("max_warnings", 50))
    engine = str(given(args, "engine") or "mkdocs")
    settings = Settings(
        vault=project.path(given(args, "vault"), "vault", cwd),
        site_dir=project.path(given(args, "site_dir"), "site_dir", cwd),
        build_dir=project.path(given(args, "build_dir"), "build_dir", cwd),
        config_file=project.config_file,
        exclude=options.exclude,
        home=options.home,
        strict=strict,
        bench=flag_or("bench", options.bench),
        device=flag_or("device", options.device),
        quiet=bool(flag_or("quiet", False)),
        max_warnings=max_warnings,
        jobs=max(1, int(jobs or os.cpu_count() or 1)),
        portable=flag_or("portable_docs", options.portable_docs) or engine != "mkdocs",
        speedups=flag_or("speedups", options.speedups),
        engine=engine,
        engine_bin=given(args, "engine_bin"),
        page_settings=options.page_settings,
        exclude_templates=options.exclude_templates,
        user_config=user,
        reader=reader_values(options),
    )
    check_settings(settings)
    return settings


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_settings(settings: Settings) -> None:
    """Refuse folders that would make a build write into the vault or delete something it should not."""
    vault, site, build = settings.vault, settings.site_dir, settings.build_dir
    if not vault.is_dir():
        raise ConfigError("the vault folder does not exist", str(vault))
    if _inside(site, vault) or _inside(build, vault):
        raise ConfigError(
            "the site and build folders must be outside the vault (the vault is only read)", str(vault)
        )
    for other, what in ((vault, "the vault"), (build, "the build folder")):
        if _inside(other, site):
            raise ConfigError(
                f"the site folder is replaced on every build and must not contain {what}", str(site)
            )
    if settings.config_file and _inside(settings.config_file, site):
        raise ConfigError("the site folder must not contain the config file", str(site))
    looks_built = (site / MANIFEST_NAME).is_file() or (site / "index.html").is_file()
    if site.is_dir() and not looks_built and any(site.iterdir()):
        raise ConfigError("not empty and not a built site: refusing to replace it", str(site))
    if settings.device is not None:
        from activations.devices import check_device  # imports torch: only when a device is named

        try:
            check_device(settings.device)
        except ValueError as exc:
            raise ConfigError(str(exc), "--device") from None


# --------------------------------------------------------------------------- the site config


@dataclass(frozen=True)
class SiteAssets:
    """Stylesheets and scripts (docs-relative URLs) the pages need, listed in extra_css/extra_javascript."""

    css: tuple[str, ...] = ()
    javascript: tuple[str, ...] = ()


def obsidian_line_breaks(vault: Path) -> bool:
    """Whether a single line break shows as one, as Obsidian shows it for this vault.

    Obsidian's "Strict line breaks" setting (`strictLineBreaks` in `.obsidian/app.json`) is off by
    default: a line break inside a paragraph is kept. A missing, unreadable or linked (symlink)
    settings file means the default.
    """
    path = vault / ".obsidian" / "app.json"
    try:
        if path.is_symlink() or path.parent.is_symlink() or not path.is_file():
            return True
        settings = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return not (isinstance(settings, dict) and settings.get("strictLineBreaks") is True)


def default_config_text(
    site_name: str,
    assets: SiteAssets,
    notebooks: bool = True,
    line_breaks: bool = True,
    portable: bool = False,
) -> str:
    """`templates/mkdocs.yml.j2` rendered: the built-in site config as YAML text."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    return env.get_template("mkdocs.yml.j2").render(
        site_name=site_name, assets=assets, notebooks=notebooks, line_breaks=line_breaks, portable=portable
    )


def default_config(
    site_name: str,
    assets: SiteAssets,
    notebooks: bool = True,
    line_breaks: bool = True,
    portable: bool = False,
) -> dict[str, Any]:
    """The built-in site config, parsed with its `!!python/name:` tags kept opaque."""
    text = default_config_text(site_name, assets, notebooks, line_breaks, portable)
    return load_yaml(text, str(_TEMPLATES / "mkdocs.yml.j2"))


def _merge_named(defaults: Any, user: Any, drop: Iterable[str] = ()) -> list[Any]:
    merged = named_items(defaults)
    for name, options in named_items(user).items():
        base = merged.get(name)
        if isinstance(base, Mapping) and isinstance(options, Mapping):
            merged[name] = {**base, **options}
        else:
            merged[name] = options
    for name in drop:
        merged.pop(name, None)
    return _as_list(merged)


def _deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(out.get(key), Mapping) and isinstance(value, Mapping):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _unique(items: Iterable[Any]) -> list[Any]:
    seen: list[Any] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def site_config(settings: Settings, assets: SiteAssets) -> dict[str, Any]:
    """Our defaults with the user's mkdocs.yml laid over them.

    The user's scalar settings (site_name, site_url, repo_url, copyright, nav, ...) replace ours; `theme`
    and `extra` merge key by key (theme features add to ours); plugins and markdown_extensions add to
    ours, the user's options winning for one listed in both; extra_css/extra_javascript add to ours.
    Our own plugin is dropped: here the generator is already running the pipeline.
    """
    user = dict(settings.user_config)
    base = settings.config_file.parent if settings.config_file else settings.vault
    notebooks = settings.docs_dir.is_dir() and next(settings.docs_dir.rglob("*.ipynb"), None) is not None
    name = str(user.get("site_name") or settings.vault.name)
    config = default_config(
        name, assets, notebooks, obsidian_line_breaks(settings.vault), portable=settings.portable
    )
    for key, value in user.items():
        if key in _OWN_KEYS:
            continue
        if key == "theme":
            theme = {"name": value} if isinstance(value, str) else dict(value or {})
            merged = _deep_merge(config["theme"], theme)
            merged["features"] = _unique([*config["theme"].get("features", []), *theme.get("features", [])])
            if isinstance(theme.get("custom_dir"), str):
                merged["custom_dir"] = str((base / theme["custom_dir"]).resolve())
            config["theme"] = merged
        elif key == "plugins":
            config["plugins"] = _merge_named(config.get("plugins", []), value, drop=[PLUGIN_NAME])
        elif key == "markdown_extensions":
            config["markdown_extensions"] = _merge_named(config.get("markdown_extensions", []), value)
        elif key in ("extra_css", "extra_javascript"):
            config[key] = _unique([*config.get(key, []), *(value or [])])
        elif key == "extra" and isinstance(value, Mapping):
            config["extra"] = _deep_merge(config.get("extra", {}), value)
        elif key in _PATH_LIST_KEYS and isinstance(value, list):
            config[key] = [str((base / v).resolve()) if isinstance(v, str) else v for v in value]
        else:
            config[key] = value
    config["docs_dir"] = "docs"
    return config


def inline_html(user_extensions: Any) -> tuple[bool, bool]:
    """Whether the renderer may pre-render inline code and `$...$` math (RenderOptions.inline_code,
    .inline_math): only while the site's markdown extensions (the built-in ones with the user's
    `user_extensions` laid over them, as `site_config` merges them) render them the built-in way."""
    builtin = default_config("site", SiteAssets())["markdown_extensions"]
    merged = named_items(_merge_named(builtin, user_extensions))
    math = merged.get("pymdownx.arithmatex")
    math_ok = isinstance(math, Mapping) and (
        math.get("generic") is True
        and math.get("inline_tag", "span") == "span"
        and list(math.get("tex_inline_wrap", ["\\(", "\\)"])) == ["\\(", "\\)"]
    )
    return "pymdownx.inlinehilite" not in merged, math_ok


PORTABLE_OVERRIDES = "overrides"  # the portable config's theme.custom_dir, beside it

DEFAULT_DOCS_NOTE = (
    "# These docs hold placeholders that only the generator's MkDocs build fills in (its page hooks,\n"
    "# generator.adapter.pages): build them with `python -m generator build` or `plugins: [obsidian-vault]`.\n"
    "# For docs any engine builds alone (MkDocs, ProperDocs, Zensical): `--portable-docs`.\n"
)
PORTABLE_NOTE = (
    "# Portable docs: plain Material markdown with every asset inside docs/; MkDocs, ProperDocs and\n"
    "# Zensical build them without the generator installed (docs/engines.md).\n"
)


def write_site_config(settings: Settings, assets: SiteAssets) -> Path:
    """Write the merged config as `<build dir>/mkdocs.yml` (docs_dir: its sibling `docs/`)."""
    text = "# Generated by `python -m generator build`; edit your own mkdocs.yml instead.\n"
    text += PORTABLE_NOTE if settings.portable else DEFAULT_DOCS_NOTE
    text += dump_yaml(site_config(settings, assets))
    write_if_changed(settings.site_config_file, text.encode("utf-8"))
    if settings.portable:  # the theme override the portable config names (`custom_dir: overrides`)
        override = (_TEMPLATES / "portable_main.html").read_bytes()
        write_if_changed(settings.site_config_file.parent / PORTABLE_OVERRIDES / "main.html", override)
    return settings.site_config_file
