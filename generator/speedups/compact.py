"""Material's page chrome without its indentation: the same page, a quarter smaller.

Material's templates indent every line of the header, the sidebar and the table of contents, and
with `navigation.prune` the sidebar is still some forty items: on the 2,000-note benchmark vault the
median page was 65 KB, 16 KB of it indentation. `CompactChrome` (a plugin `python -m generator build`
adds, last of all on `on_post_page`) turns every run of whitespace holding a line break into one line
break, outside the page's content (Material's `<article class="md-content__inner md-typeset">`, left
byte for byte as rendered: it holds the note's code, math and HTML; only Material's tag chips
before it and the whitespace around it are folded) and outside `<pre>`, `<textarea>`, `<script>`
and `<style>`. The 404 page, which MkDocs renders as a theme template, is folded the same way. HTML treats any run of whitespace between words as one space
wherever text is not preformatted, so the page renders the same; `tests/generator/test_compact.py`
checks that nothing but such whitespace changes.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority

__all__ = ["CompactChrome", "compact"]

CONTENT = '<article class="md-content__inner md-typeset">'
_BREAK = re.compile(r"[ \t\r\f]*\n\s*")
_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
# What Material's template puts in the article before the note: whitespace and the tag chips.
_LEAD = re.compile(
    r'\s*(?:<nav class="md-tags"[^>]*>(?:(?!</nav>|<pre|<textarea|<script|<style).)*</nav>\s*)?', re.S
)


def _squeeze(html: str) -> str:
    out: list[str] = []
    pos = 0
    for kept in _KEEP.finditer(html):
        out.append(_BREAK.sub("\n", html[pos : kept.start()]))
        out.append(kept.group(0))
        pos = kept.end()
    out.append(_BREAK.sub("\n", html[pos:]))
    return "".join(out)


def compact(page_html: str) -> str:
    """`page_html` with the whitespace of its chrome reduced; unchanged if its content is not found."""
    start = page_html.find(CONTENT)
    end = page_html.rfind("</article>")
    if start < 0 or end < start:
        return page_html
    start += len(CONTENT)
    lead = _LEAD.match(page_html, start, end)
    note_start = lead.end() if lead else start
    note_end = max(note_start, len(page_html[:end].rstrip()))
    return _squeeze(page_html[:note_start]) + page_html[note_start:note_end] + _squeeze(page_html[note_end:])


class CompactChrome(BasePlugin):  # type: ignore[type-arg]
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        return compact(output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: Any) -> str:
        return compact(output_content) if template_name == "404.html" else output_content
