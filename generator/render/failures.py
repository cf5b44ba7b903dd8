"""A page that could not be rendered: an error for its note, and an error box in its place.

One note the renderer cannot handle (a bug, a note shaped as nobody foresaw) must not take the
site down: its page shows what went wrong and the note's text as written, the error names the
vault file (and the line, where the failure knows it), and every other page is published.
"""

from __future__ import annotations

import re
import traceback

from generator.engine.model import Diagnostic, Note
from generator.render.templates import dump_yaml

__all__ = ["PAGE_FAILED", "failed_page", "failure_box", "reason"]

PAGE_FAILED = "page-failed"
_TICKS = re.compile(r"`{3,}")


def reason(exc: BaseException) -> str:
    """The exception in one line, with where in the generator it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}{where}"


def failure_box(title: str, reason: str, indent: str = "") -> str:
    """A Material `failure` admonition (markdown) saying what failed."""
    safe = reason.replace("\\", "\\\\").replace("`", "'")
    return f'{indent}!!! failure "{title}"\n\n{indent}    `{safe}`\n'


def failed_page(note: Note, exc: BaseException) -> tuple[str, Diagnostic]:
    """The page of `note` whose render raised `exc` (an error box, then the note's text as written),
    and the error for the build's report."""
    why = reason(exc)
    line = getattr(exc, "line", 0)
    line = line if isinstance(line, int) and line > 0 else 0
    diagnostic = Diagnostic(note.path, line, "error", PAGE_FAILED, f"page could not be rendered: {why}")
    body = note.text[note.parsed.body_start :]
    fence = "`" * max(3, 1 + max((len(m) for m in _TICKS.findall(body)), default=0))
    markdown = (
        f"---\n{dump_yaml({'title': note.title})}---\n\n"
        f"{failure_box('This page could not be rendered', why)}\n"
        f"{fence}text\n{body.rstrip()}\n{fence}\n"
    )
    return markdown, diagnostic
