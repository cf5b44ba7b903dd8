"""The exit policy of `build`, in one place.

- Warnings (unresolved links, invalid YAML, embed cycles, MkDocs' warnings): exit 0.
- Errors (`BUILD_ERRORS`: a computed block that cannot be computed, a base or canvas that cannot be
  evaluated, a page that cannot be rendered; an error MkDocs logs): exit 1. The site is written
  either way, with error boxes where the errors are.
- `--strict`: warnings count as errors, and a build with any error publishes nothing (the previous
  site stays).
- A crash of MkDocs itself (an exception out of its build) leaves the previous site intact; the
  pipeline reports it as a `GeneratorError` before this policy is asked (exit 1).

Codes, not messages, decide: each problem carries a `Code` (generator.engine.model).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from generator.engine.model import Code, Diagnostic

__all__ = ["BUILD_ERRORS", "Verdict", "build_line", "is_error", "judge"]

# The problems that fail a build (exit 1). Every other diagnostic is a warning of the build, even
# one `check` calls an error (a broken link: the page shows it as one, and the site is still right).
BUILD_ERRORS = frozenset(
    {Code.BLOCK_INVALID, Code.BLOCK_FAILED, Code.BASE_FAILED, Code.CANVAS_FAILED, Code.PAGE_FAILED}
)


@dataclass(frozen=True)
class Verdict:
    errors: int
    warnings: int
    publish: bool  # whether the new site replaces the previous one
    exit_code: int


def is_error(diagnostic: Diagnostic) -> bool:
    """Whether `diagnostic` fails a build (the MkDocs plugin logs it as an error too)."""
    return diagnostic.code in BUILD_ERRORS


def build_line(diagnostic: Diagnostic) -> str:
    """`file:line: error|warning: message`, with the severity the build gives it (a broken link,
    an error to `check`, is a warning of the build)."""
    severity = "error" if is_error(diagnostic) else "warning"
    return f"{diagnostic.path}:{diagnostic.line}: {severity}: {diagnostic.message}"


def judge(diagnostics: Iterable[Diagnostic], mkdocs_levels: Iterable[int], strict: bool) -> Verdict:
    """The outcome of a build that ran to its end: `diagnostics` from the vault and the renderer,
    `mkdocs_levels` the logging levels of what MkDocs logged (warnings and above)."""
    errors = warnings = 0
    for d in diagnostics:
        if is_error(d):
            errors += 1
        else:
            warnings += 1
    for level in mkdocs_levels:
        if level >= logging.ERROR:
            errors += 1
        else:
            warnings += 1
    if strict and (errors or warnings):
        return Verdict(errors, warnings, publish=False, exit_code=1)
    return Verdict(errors, warnings, publish=True, exit_code=1 if errors else 0)
