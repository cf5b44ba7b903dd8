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

__all__ = ["BUILD_ERRORS", "Verdict", "build_line", "is_error", "judge", "report_lines"]

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


def report_lines(diagnostics: Iterable[Diagnostic], per_code: int = 0) -> list[str]:
    """The lines `build` prints: every error, and of each code of warning the first `per_code`
    (0: all), then one line a code counting the rest. A vault of thousands of notes can have
    thousands of unresolved links (notes not written yet, in Obsidian); the build's summary,
    `check` and the site's vault-manifest.json still have every one."""
    lines: list[str] = []
    seen: dict[str, int] = {}
    for diagnostic in diagnostics:
        if per_code > 0 and not is_error(diagnostic):
            seen[diagnostic.code] = seen.get(diagnostic.code, 0) + 1
            if seen[diagnostic.code] > per_code:
                continue
        lines.append(build_line(diagnostic))
    for code, count in seen.items():
        if count > per_code:
            lines.append(
                f"… and {count - per_code} more {code} warnings (`--max-warnings 0` prints them all; "
                "`python -m generator check` lists every problem as file:line)"
            )
    return lines


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
