"""One page MkDocs or the theme cannot build is an error on that page, not the end of the site.

Here because the shared build (below the adapter) logs the failures and the adapter reads them.

The shared build (`generator.speedups.parallel_build`) catches a page's failure, logs it once in
the form `page_failed` writes, and puts an error box where the page's content would be: the
site is written with every other page. `page_failures` turns those log lines back into errors
that name the vault file, for the build's report (exit 1: the site is written, with errors).
"""

from __future__ import annotations

import html
import re
import traceback
from collections.abc import Iterable, Mapping

from generator.engine.model import Code, Diagnostic, VaultPath

__all__ = ["failure_html", "fallback_page", "page_failed", "page_failures", "reason"]

_PREFIX = "page could not be built: "
_LINE = re.compile(rf"error: {re.escape(_PREFIX)}'(?P<docs>(?:[^'\\]|\\.)*)': (?P<reason>.*)", re.S)
# What MkDocs' own build logs before re-raising; left out of the report where a failure is contained.
_MKDOCS_PAGE_ERROR = re.compile(r"error: Error (?:building|reading) page '(?P<docs>(?:[^'\\]|\\.)*)'")


def reason(exc: BaseException) -> str:
    """The exception in one line, with where it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}{where}"


def page_failed(src_uri: str, exc: BaseException) -> str:
    """The log message for the failed page `src_uri` (a docs path)."""
    escaped = src_uri.replace("\\", "\\\\").replace("'", "\\'")
    return f"{_PREFIX}'{escaped}': {reason(exc)}"


def failure_html(why: str) -> str:
    """Material's `failure` admonition saying what failed, as HTML."""
    return (
        '<div class="admonition failure">\n<p class="admonition-title">This page could not be built</p>\n'
        f"<p><code>{html.escape(why)}</code></p>\n</div>\n"
    )


def fallback_page(title: str, why: str, content: str) -> str:
    """A page without the theme, for when even the theme's page with an error box fails."""
    return (
        f'<!doctype html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>\n'
        f"<body>\n<h1>{html.escape(title)}</h1>\n{failure_html(why)}{content}\n</body></html>\n"
    )


def _unescape(docs: str) -> str:
    return re.sub(r"\\(.)", r"\1", docs)


def page_failures(
    messages: Iterable[str], pages: Mapping[VaultPath, str]
) -> tuple[list[Diagnostic], list[int]]:
    """Errors naming the vault file for the contained page failures among MkDocs' `messages`
    ("error: ..." lines), and the indexes of the other messages (less MkDocs' own lines about those
    pages): each failure counts once, as the page's error."""
    by_docs = {docs: path for path, docs in pages.items()}
    failed: list[Diagnostic] = []
    seen: set[str] = set()
    rest: list[int] = []
    messages = list(messages)
    for message in messages:
        m = _LINE.fullmatch(message)
        if m is None:
            continue
        docs = _unescape(m.group("docs"))
        seen.add(docs)
        path = by_docs.get(docs, docs)
        why = m.group("reason")
        failed.append(Diagnostic(path, 0, "error", Code.PAGE_FAILED, f"this page could not be built: {why}"))
    for n, message in enumerate(messages):
        if _LINE.fullmatch(message):
            continue
        own = _MKDOCS_PAGE_ERROR.match(message)
        if own is not None and _unescape(own.group("docs")) in seen:
            continue
        rest.append(n)
    return failed, rest
