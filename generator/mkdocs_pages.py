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

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from generator.render.html_stash import Payload, add_tail, decode, expand, expand_text, split_raw

__all__ = ["PreRenderedHtml"]

log = get_plugin_logger(__name__)


class PreRenderedHtml(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        self._raw: dict[str, str] = {}  # src_uri -> the undecoded payload
        self._payloads: dict[str, tuple[Payload, str]] = {}  # src_uri -> payload, the page's HTML

    @event_priority(100)
    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
        self._payloads.pop(page.file.src_uri, None)
        text, raw = split_raw(markdown)
        if raw is None:
            self._raw.pop(page.file.src_uri, None)
            return markdown
        self._raw[page.file.src_uri] = raw
        return text

    @event_priority(100)
    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        found = self._raw.pop(page.file.src_uri, None)
        if found is None:
            return html
        payload = decode(found)
        if payload is None:  # not ours after all: MkDocs converted the text without it
            log.warning(f"{page.file.src_uri}: unreadable pre-rendered HTML; links may show as tokens")
            return html
        self._payloads[page.file.src_uri] = (payload, html)
        return expand_text(html, payload)

    @event_priority(-100)
    def on_page_context(self, context: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
        found = self._payloads.get(page.file.src_uri)
        if found is not None:
            page.content = expand(found[1], found[0])
        return context

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        found = self._payloads.pop(page.file.src_uri, None)
        return output if found is None else add_tail(output, found[0])
