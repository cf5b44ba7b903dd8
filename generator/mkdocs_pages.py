"""MkDocs' side of the renderer's pre-rendered HTML (`generator.render.html_stash`).

`PreRenderedHtml` is a plugin: `python -m generator build` adds it to the MkDocs run, and the
`obsidian-vault` plugin inherits it, so both routes finish pages the same way:
- on_page_markdown (first of all plugins): the payload is taken off the page's markdown;
- on_page_content (first): the tokens become the text of their HTML, which is all the search index
  keeps of a link (`expand_text`: a third of the HTML to parse);
- on_page_context (last, after search has indexed the page): the tokens become their HTML;
- on_post_page: the page's tail (backlinks) goes in.
Another plugin's on_page_content or on_page_context therefore sees links as their text.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin, event_priority

from generator.render.html_stash import Payload, add_tail, expand, expand_text, split

__all__ = ["PreRenderedHtml"]


class PreRenderedHtml(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        self._payloads: dict[str, tuple[Payload, str]] = {}  # src_uri -> payload, the page's HTML

    @event_priority(100)
    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
        text, payload = split(markdown)
        if payload is None:
            self._payloads.pop(page.file.src_uri, None)
            return markdown
        self._payloads[page.file.src_uri] = (payload, "")
        return text

    @event_priority(100)
    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        found = self._payloads.get(page.file.src_uri)
        if found is None:
            return html
        self._payloads[page.file.src_uri] = (found[0], html)
        return expand_text(html, found[0])

    @event_priority(-100)
    def on_page_context(self, context: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
        found = self._payloads.get(page.file.src_uri)
        if found is not None:
            page.content = expand(found[1], found[0])
        return context

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        found = self._payloads.pop(page.file.src_uri, None)
        return output if found is None else add_tail(output, found[0])
