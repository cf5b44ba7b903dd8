"""The site engines a build can hand its docs to: MkDocs (in-process, the default), ProperDocs, Zensical.

ProperDocs (a maintained fork of MkDocs 1.6.1) and Zensical (Material's successor; it reads mkdocs.yml)
are run as programs, in whatever environment they were installed into, on the portable docs: plain
Material markdown, every asset inside the docs folder, and a config that names no code of the
generator's. That the build succeeds without this project in their environment is the proof that the
docs are portable (tests/generator/adapter/test_engines.py does exactly that).

What an engine cannot do is said in the build summary, never dropped silently: Zensical skips every
plugin it has not reimplemented, so those are listed, and it has no notebook plugin, so the generator
renders each notebook into a markdown page itself (`generator.adapter.notebook_pages`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.adapter.config import (
    PORTABLE_OVERRIDES,
    ConfigError,
    Settings,
    SiteAssets,
    dump_yaml,
    named_items,
    site_config,
)
from generator.errors import GeneratorError
from generator.files import write_if_changed

__all__ = [
    "ENGINES",
    "Engine",
    "EngineRun",
    "find_executable",
    "lacking",
    "prepare_docs",
    "run_engine",
]


@dataclass(frozen=True)
class Engine:
    name: str
    verified: str  # the version the tests build with (Makefile: engines)
    install: str  # how a user installs it, for the message when it is missing
    notebooks: bool  # runs mkdocs-jupyter (else: notebooks become markdown pages)
    plugins: frozenset[str] | None  # the MkDocs plugins it runs; None: any installed one
    hooks: bool = True  # runs MkDocs hooks (`hooks:` in mkdocs.yml)

    @property
    def env_var(self) -> str:
        """The environment variable that may name its executable."""
        return f"GENERATOR_{self.name.upper()}"


# The plugins Zensical 0.0.73 runs (zensical/config.py: _PLUGIN_UNSUPPORTED_OPTIONS' keys); it skips
# any other one without a word.
_ZENSICAL_PLUGINS = frozenset(
    {
        "api-autonav", "autorefs", "awesome-nav", "blog", "callouts", "exclude", "gh-admonitions",
        "glightbox", "include-markdown", "literate-nav", "llmstxt", "macros", "mkdocs-nav-weight",
        "markdown-exec", "markdownextradata", "meta", "mike", "minify", "mkdocs-audio",
        "mkdocs-autoapi", "mkdocs-video", "mkdocstrings", "offline", "privacy", "redirects", "rss",
        "search", "social", "table-reader", "tags",
    }
)  # fmt: skip

ENGINES: dict[str, Engine] = {
    "mkdocs": Engine("mkdocs", "1.6.1", "pip install mkdocs==1.6.1", notebooks=True, plugins=None),
    "properdocs": Engine(
        "properdocs",
        "1.6.7",
        "pip install properdocs==1.6.7 mkdocs-material==9.8.1 pymdown-extensions==13.1 "
        "mkdocs-jupyter==0.26.3 (or `make engines`)",
        notebooks=True,
        plugins=None,
    ),
    "zensical": Engine(
        "zensical",
        "0.0.73",
        "pip install zensical==0.0.73 (0.0.74 and later need zensical-ui; or `make engines`)",
        notebooks=False,
        plugins=_ZENSICAL_PLUGINS,
        hooks=False,
    ),
}

# Where `make engines` installs each engine into a venv of its own (relative to the working folder).
ENGINES_DIR = ".venv-engines"


class EngineMissing(ConfigError):
    """The engine asked for is not installed (bad usage: exit 2)."""


def find_executable(engine: Engine, explicit: str | None = None, cwd: Path | None = None) -> Path:
    """The engine's program: `explicit` (--engine-bin), then $GENERATOR_<ENGINE>, then PATH, then
    `.venv-engines/<engine>/bin/<engine>` (what `make engines` makes)."""
    cwd = cwd or Path.cwd()
    for given in (explicit, os.environ.get(engine.env_var)):
        if given:
            path = (cwd / given).resolve()
            if not (path.is_file() and os.access(path, os.X_OK)):
                raise EngineMissing(f"{engine.name}: not an executable file", str(given))
            return path
    found = shutil.which(engine.name)
    if found:
        return Path(found)
    local = cwd / ENGINES_DIR / engine.name / "bin" / engine.name
    if local.is_file() and os.access(local, os.X_OK):
        return local
    raise EngineMissing(
        f"{engine.name} is not installed: {engine.install}, then put it on PATH, set "
        f"{engine.env_var} or pass --engine-bin"
    )


def lacking(engine: Engine, config: Mapping[str, Any]) -> list[str]:
    """What the site config asks for that `engine` does not do, one line each."""
    out: list[str] = []
    if engine.plugins is not None:
        for name in named_items(config.get("plugins", [])):
            if name.removeprefix("material/") not in engine.plugins and name != "mkdocs-jupyter":
                out.append(f"plugin {name!r} is not run by {engine.name}")
    if not engine.hooks:
        out.extend(f"hook {hook} is not run by {engine.name}" for hook in config.get("hooks") or [])
    return out


def prepare_docs(settings: Settings, engine: Engine, assets: SiteAssets) -> tuple[Path, list[str]]:
    """The config file `engine` builds, and the lines of the build summary about what it lacks.

    MkDocs and ProperDocs build the portable docs where they are. Zensical gets a copy of them in
    `<build dir>/zensical/` with notebooks as pages, since its site folder must be inside the folder
    of its config."""
    config = site_config(settings, assets)
    notes = lacking(engine, config)
    if engine.notebooks:
        return settings.site_config_file, notes
    from generator.adapter.notebook_pages import convert_notebooks

    root = settings.build_dir / engine.name
    docs = root / "docs"
    _mirror(settings.docs_dir, docs)
    overrides = settings.site_config_file.parent / PORTABLE_OVERRIDES
    if overrides.is_dir():  # the theme override the portable config names, relative to it
        _mirror(overrides, root / PORTABLE_OVERRIDES)
    done = convert_notebooks(docs)
    if done.pages:
        notes.append(
            f"{len(done.pages)} notebooks rendered as pages by the generator (nbconvert): "
            f"{engine.name} has no notebook plugin"
        )
    notes.extend(f"notebook {problem}" for problem in done.problems)
    config["plugins"] = [p for p in config.get("plugins", []) if "mkdocs-jupyter" not in named_items([p])]
    config["site_dir"] = "site"
    text = "# Generated by `python -m generator build --engine zensical`: the portable docs for Zensical.\n"
    config_file = root / "mkdocs.yml"
    write_if_changed(config_file, (text + dump_yaml(config)).encode("utf-8"))
    return config_file, notes


def _mirror(src: Path, dest: Path) -> None:
    """`dest` made a copy of `src`: files hard-linked where the file system allows (the renderer
    replaces a docs file rather than rewriting it, so a link never sees a change it did not make)."""
    if dest.exists():
        shutil.rmtree(dest)

    def link(s: str, d: str) -> None:
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)

    shutil.copytree(src, dest, copy_function=link)


@dataclass
class EngineRun:
    warnings: list[str]
    output: str


_WARNING = re.compile(r"^\s*(?:WARNING|Warning|warning)\b[\s:-]*(.*)$")


def run_engine(engine: Engine, executable: Path, config_file: Path, site_dir: Path) -> EngineRun:
    """Build `config_file` with the engine's program into `site_dir` (which it replaces)."""
    command: Sequence[str]
    if engine.name == "zensical":
        command = [str(executable), "build", "--clean", "-f", str(config_file)]
    else:
        command = [str(executable), "build", "--clean", "-f", str(config_file), "-d", str(site_dir)]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    try:
        done = subprocess.run(
            command,
            cwd=config_file.parent,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:
        raise GeneratorError(f"{engine.name} could not be started: {exc.strerror}", str(executable)) from exc
    output = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-20:])
        raise GeneratorError(
            f"{engine.name} build failed (exit {done.returncode}):\n{tail}", str(config_file)
        )
    if engine.name == "zensical":
        built = config_file.parent / "site"
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.move(built, site_dir)
    warnings = [m.group(1) for line in output.splitlines() if (m := _WARNING.match(line))]
    return EngineRun(warnings=warnings, output=output)
