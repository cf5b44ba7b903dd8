"""`python -m generator build`: settings from the command line, the pipeline, one summary, an exit code."""

from __future__ import annotations

import argparse
import gc
import sys

from rich.console import Console

from generator.adapter.config import ConfigError, settings_from_args
from generator.adapter.pipeline import Steps, build_site
from generator.adapter.policy import report_lines
from generator.errors import GeneratorError


def run_build(args: argparse.Namespace) -> int:
    """The `build` command: exit codes as `generator.adapter.policy` decides them (0 built, warnings
    allowed; 1 errors, or any warning with --strict); 1 when MkDocs fails (the previous site is
    kept); 2 bad usage."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        settings = settings_from_args(args)
        if settings.engine != "mkdocs":  # a missing engine is bad usage, said before any work
            from generator.adapter.engines import ENGINES, find_executable

            find_executable(ENGINES[settings.engine], settings.engine_bin)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # Python's cyclic collector would walk the vault's graph (a million small acyclic objects)
    # again and again between the build's steps and free almost nothing: 0.7 s of a 2,000-note
    # build. It is off for the build; the graph is gone (freed as it goes) when it comes back.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with Steps(err, enabled=not settings.quiet) as steps:
            try:
                report = build_site(settings, steps)
            except GeneratorError as exc:
                err.print(f"error: {exc}", markup=False)
                err.print(
                    f"build failed; the previous site in {settings.site_dir} is unchanged", markup=False
                )
                return 1
    finally:
        if collecting:
            gc.enable()
    # Plain lines, as rich would print them here (no markup, no wrapping) in 1 % of its time.
    lines = report_lines(report.diagnostics, settings.max_warnings)
    sys.stderr.write("".join(f"{line}\n" for line in lines))
    sys.stderr.flush()
    print(report.summary())
    if not report.replaced:
        err.print(
            f"--strict: {report.errors + report.warnings} errors and warnings; "
            f"the previous site in {settings.site_dir} is unchanged",
            markup=False,
        )
    elif report.errors:
        err.print(
            f"{report.errors} errors (error boxes on their pages); site written to {settings.site_dir}",
            markup=False,
        )
    elif not settings.quiet:
        err.print(f"site written to {settings.site_dir}", markup=False)
    return report.exit_code
