"""The options of the generator, declared once.

`Options` is the one declaration of every option: its name, type, default and help, the command
line flag that sets it (if any), the commands that take it, and whether the MkDocs plugin
`obsidian-vault` accepts it in mkdocs.yml. Everything else is generated from it:

- `add_arguments` adds a command's flags to an argparse parser;
- `parse_plugin_options` checks the plugin's entry of an mkdocs.yml (unknown keys and wrong types
  are errors naming the key), for the command line and for the plugin alike;
- `generator.adapter.plugin` builds the plugin's MkDocs config class from `plugin_fields()`;
- docs/configuration.md lists every option (a test checks it stays complete).

To add an option, add one field here; then read it where it is used (`Settings`, the plugin).
"""

from __future__ import annotations

import argparse
import difflib
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any

from generator.errors import GeneratorError

PLUGIN_NAME = "obsidian-vault"  # the name of our MkDocs plugin (entry point in pyproject)

BUILD = ("build", "serve")  # the commands that build a site


class ConfigError(GeneratorError):
    """Bad usage: a missing vault, an unreadable mkdocs.yml, a site folder that would clobber something."""


class OptionError(ConfigError):
    """A bad option in mkdocs.yml or on the command line: unknown key, wrong type."""

    def __init__(self, key: str, message: str, path: str | None = None) -> None:
        self.key = key
        self.reason = message
        super().__init__(message, path)


def option(
    default: Any,
    help: str,  # noqa: A002 - the word argparse uses
    *,
    flag: tuple[str, ...] = (),
    commands: tuple[str, ...] = BUILD,
    plugin: bool = True,
    mkdocs_key: str | None = None,
    choices: tuple[str, ...] | None = None,
    bounds: tuple[int, int] | None = None,
) -> Any:
    """One option's declaration (a dataclass field with the option's metadata).

    flag: its command line flags; for a bool that defaults to True, the flag turns it off
        (`--no-bench`), for one that defaults to False, on (`--strict`).
    commands: the commands whose command line takes the flag.
    plugin: whether the plugin's entry in mkdocs.yml may set it.
    mkdocs_key: a top-level key of mkdocs.yml (MkDocs' own) the command line reads it from.
    bounds: the smallest and largest value of an int option, checked in mkdocs.yml and on the
        command line alike.
    """
    metadata = {
        "help": help,
        "flag": flag,
        "commands": commands if flag else (),
        "plugin": plugin,
        "mkdocs_key": mkdocs_key,
        "choices": choices,
        "bounds": bounds,
    }
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Options:
    """Every option with its default. Paths are as written (relative to mkdocs.yml or the current folder)."""

    vault: str | None = option(
        None,
        "the vault folder (default: the plugin's `vault`, else mkdocs.yml's docs_dir, else vault/)",
        flag=("--vault",),
        commands=(*BUILD, "check"),
        mkdocs_key="docs_dir",
    )
    config: str | None = option(
        None,
        "an mkdocs.yml whose settings and plugin options apply (default: ./mkdocs.yml if present, "
        "else built-in defaults)",
        flag=("--config",),
        commands=(*BUILD, "check"),
        plugin=False,
    )
    site_dir: str = option(
        "site",
        "where the site goes; it is replaced as a whole",
        flag=("--site-dir",),
        plugin=False,
        mkdocs_key="site_dir",
    )
    build_dir: str = option(
        ".generator",
        "where the generated docs and caches go, kept between builds (relative to mkdocs.yml); "
        "outside the vault",
        flag=("--build-dir",),
    )
    exclude: tuple[str, ...] = option((), "vault-relative globs of files never published")
    home: str | None = option(
        None, "vault path of the home note (default: index.md, README.md or the first note)"
    )
    page_settings: tuple[str, ...] = option(
        (),
        "top-level properties read as Material page settings (icon, hide, status, search, template), "
        "checked; otherwise only the `mkdocs:` property sets them (docs/real-vaults.md)",
    )
    exclude_templates: bool = option(
        False,
        "leave out the notes of the templates folder that .obsidian/templates.json names (its other "
        "files stay, for the embeds that name them)",
    )
    strict: bool = option(
        False,
        "any warning is an error (exit 1); `build` then publishes nothing",
        flag=("--strict",),
        commands=("build", "check"),
        plugin=False,
        mkdocs_key="strict",
    )
    bench: bool = option(
        True,
        "time `bench` blocks on this machine (--no-bench: use committed results, time nothing)",
        flag=("--no-bench",),
    )
    device: str | None = option(
        None,
        "device for computed blocks (default: cuda when available, else cpu)",
        flag=("--device",),
    )
    portable_docs: bool = option(
        False,
        "write generated docs that any MkDocs builds without the generator (links as markdown "
        "links, backlinks and alias redirects in the docs); slower",
        flag=("--portable-docs",),
    )
    speedups: bool = option(
        True,
        "use the speedups that reach into MkDocs', Material's and Pygments' internals (parallel "
        "build, page cache, sidebar cache, Pygments memo, HTML compaction); --no-speedups: "
        "MkDocs' plain build",
        flag=("--no-speedups",),
    )
    jobs: int | None = option(
        None,
        "processes to share MkDocs' page work among (default: one per CPU; 1: MkDocs' own build)",
        flag=("-j", "--jobs"),
        commands=("build",),
        plugin=False,
    )
    engine: str = option(
        "mkdocs",
        "the site engine: MkDocs in-process, or ProperDocs / Zensical run as programs on portable "
        "docs (implies --portable-docs; docs/engines.md)",
        flag=("--engine",),
        commands=("build",),
        plugin=False,
        choices=("mkdocs", "properdocs", "zensical"),
    )
    engine_bin: str | None = option(
        None,
        "the engine's program (default: $GENERATOR_PROPERDOCS / $GENERATOR_ZENSICAL, then PATH, "
        "then .venv-engines/<engine>/bin/)",
        flag=("--engine-bin",),
        commands=("build",),
        plugin=False,
    )
    max_warnings: int = option(
        50,
        "warnings of one kind the build prints, the rest counted (0: all)",
        bounds=(0, 1_000_000_000),
        flag=("--max-warnings",),
        commands=("build",),
        plugin=False,
    )
    quiet: bool = option(
        False,
        "print only warnings, errors and the summary",
        flag=("-q", "--quiet"),
        plugin=False,
    )
    # The reader's features (docs/reader.md; generator.adapter.reader_config makes ReaderOptions of them).
    properties: bool = option(True, "show each note's properties at the top of its page")
    previews: bool = option(True, "preview internal links on hover, focus or long press")
    graph: bool = option(True, "graph data, a local graph on each note and a global graph page")
    graph_depth: int = option(1, "depth of the local graph: 1 or 2", bounds=(1, 2))
    graph_tags: bool = option(False, "show tags as nodes of the local graph")
    explorer: bool = option(True, "the header's file explorer (the vault's tree, loaded once)")
    folder_pages: bool = option(True, "a page for each folder without a folder note")
    folder_page_size: int = option(100, "notes per folder page", bounds=(1, 10_000))
    folder_sort: str = option("name", "order of a folder page's notes", choices=("name", "modified"))
    sidebar_window: int = option(
        20, "items of a big folder the sidebar shows around the page (0: all)", bounds=(0, 100_000)
    )
    tag_page_size: int = option(100, "notes per tag page", bounds=(1, 10_000))
    backlink_contexts: int = option(
        10, "backlinks shown with the lines that link here; the rest by title (0: all)", bounds=(0, 100_000)
    )
    backlinks_shown: int = option(
        200,
        "backlinks a page lists; the rest are counted, and listed from graph.json on request (0: all)",
        bounds=(0, 1_000_000),
    )
    breadcrumbs: bool = option(True, "breadcrumbs (Material's navigation.path and navigation.indexes)")
    page_dates: bool = option(True, "created and modified dates under each note's title")
    feeds: bool = option(True, "RSS and Atom feeds of the latest notes (feed_rss.xml, feed_atom.xml)")
    feed_items: int = option(20, "notes in the feeds", bounds=(1, 10_000))
    feed_order: str = option("modified", "date the feeds order notes by", choices=("modified", "created"))
    social_meta: bool = option(True, "Open Graph and Twitter meta in each note's head")
    dev_addr: str = option(
        "127.0.0.1:8000",
        "address to serve on, HOST:PORT",
        flag=("--dev-addr",),
        commands=("serve",),
        plugin=False,
    )
    poll: bool = option(
        False,
        "look for changes every 0.25 s instead of using the system's file events "
        "(for vaults on network drives or shared folders of a virtual machine)",
        flag=("--poll",),
        commands=("serve",),
        plugin=False,
    )


# --------------------------------------------------------------------------- reading the declaration


@dataclass(frozen=True)
class OptionSpec:
    """One option as the generated parts see it."""

    name: str
    kind: str  # "bool" | "int" | "str" | "list"  (list: a list of strings)
    optional: bool  # None is allowed (the default is None)
    default: Any
    help: str
    flag: tuple[str, ...]
    commands: tuple[str, ...]
    plugin: bool
    mkdocs_key: str | None
    choices: tuple[str, ...] | None
    bounds: tuple[int, int] | None

    @property
    def type_name(self) -> str:
        name = "list of strings" if self.kind == "list" else self.kind
        return f"{name} or null" if self.optional else name


def _kind(hint: Any) -> tuple[str, bool]:
    args = typing.get_args(hint)
    optional = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        optional = type(None) in args
        (hint,) = [a for a in args if a is not type(None)]
    if hint is bool:
        return "bool", optional
    if hint is int:
        return "int", optional
    if hint is str:
        return "str", optional
    if typing.get_origin(hint) is tuple and typing.get_args(hint) == (str, ...):
        return "list", optional
    raise TypeError(f"option type not supported: {hint!r}")


def _spec(f: Field[Any], hint: Any) -> OptionSpec:
    kind, optional = _kind(hint)
    assert f.default is not MISSING
    m = f.metadata
    return OptionSpec(
        name=f.name,
        kind=kind,
        optional=optional,
        default=f.default,
        help=m["help"],
        flag=m["flag"],
        commands=m["commands"],
        plugin=m["plugin"],
        mkdocs_key=m["mkdocs_key"],
        choices=m["choices"],
        bounds=m["bounds"],
    )


def all_options() -> tuple[OptionSpec, ...]:
    """Every option, in the order of its declaration."""
    hints = typing.get_type_hints(Options)
    return tuple(_spec(f, hints[f.name]) for f in fields(Options))


def plugin_fields() -> tuple[OptionSpec, ...]:
    """The options the plugin's entry in mkdocs.yml may set."""
    return tuple(o for o in all_options() if o.plugin)


# --------------------------------------------------------------------------- mkdocs.yml


def _check_value(spec: OptionSpec, value: Any, source: str | None) -> Any:
    def wrong(expected: str) -> OptionError:
        return OptionError(
            spec.name,
            f"option {spec.name!r} of plugin {PLUGIN_NAME}: expected {expected}, got "
            f"{type(value).__name__} {value!r}",
            source,
        )

    if value is None:
        if spec.optional:
            return None
        raise wrong(spec.type_name)
    if spec.kind == "bool":
        if not isinstance(value, bool):  # "false" is a string, and a string would count as true
            raise wrong("true or false")
        return value
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong("an integer")
        if spec.bounds and not spec.bounds[0] <= value <= spec.bounds[1]:
            raise wrong(f"an integer from {spec.bounds[0]} to {spec.bounds[1]}")
        return value
    if spec.kind == "str":
        if not isinstance(value, str):
            raise wrong("a string")
        if spec.choices and value not in spec.choices:
            raise wrong(" or ".join(spec.choices))
        return value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise wrong("a list of strings")
    return tuple(value)


def parse_plugin_options(raw: Mapping[str, Any] | None, source: str | None = None) -> Options:
    """The plugin's entry of an mkdocs.yml, checked: an unknown key or a value of the wrong type is
    an `OptionError` naming the key (and `source`, the file)."""
    specs = {o.name: o for o in plugin_fields()}
    values: dict[str, Any] = {}
    for key, value in (raw or {}).items():
        spec = specs.get(str(key))
        if spec is None:
            close = difflib.get_close_matches(str(key), list(specs), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(specs)})"
            raise OptionError(str(key), f"unknown option {key!r} of plugin {PLUGIN_NAME}{hint}", source)
        values[spec.name] = _check_value(spec, value, source)
    return Options(**values)


# --------------------------------------------------------------------------- the command line


def _bounded(spec: OptionSpec) -> Any:
    """argparse's type for an int option: out of its bounds is bad usage (exit 2), naming the flag."""

    def parse(text: str) -> int:
        value = int(text)
        if spec.bounds and not spec.bounds[0] <= value <= spec.bounds[1]:
            raise argparse.ArgumentTypeError(f"expected {spec.bounds[0]} to {spec.bounds[1]}, got {value}")
        return value

    parse.__name__ = "integer"  # argparse's message for a non-number: "invalid integer value"
    return parse


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Add the flags of `command`'s options. Each one's value is None when not given, so the
    settings can tell a flag from a default and fall back on mkdocs.yml."""
    for spec in all_options():
        if command not in spec.commands:
            continue
        default = f" (default: {spec.default})" if spec.default not in (None, (), False, True) else ""
        if spec.kind == "bool":
            parser.add_argument(
                *spec.flag,
                dest=spec.name,
                action="store_const",
                const=not spec.default,
                default=None,
                help=spec.help,
            )
            continue
        parser.add_argument(
            *spec.flag,
            dest=spec.name,
            type=_bounded(spec) if spec.kind == "int" else str,
            choices=spec.choices,
            default=None,
            help=spec.help + default,
        )


READER_OPTIONS = (
    "properties",
    "previews",
    "graph",
    "graph_depth",
    "graph_tags",
    "explorer",
    "folder_pages",
    "folder_page_size",
    "folder_sort",
    "sidebar_window",
    "tag_page_size",
    "backlink_contexts",
    "backlinks_shown",
    "breadcrumbs",
    "page_dates",
    "feeds",
    "feed_items",
    "feed_order",
    "social_meta",
)


def reader_values(options: Options) -> dict[str, Any]:
    """The reader's options (`Settings.reader`, read by generator.adapter.reader_config)."""
    return {name: getattr(options, name) for name in READER_OPTIONS}


def given(args: argparse.Namespace, name: str) -> Any:
    """The value of option `name` on the command line, None when not given."""
    return getattr(args, name, None)
