"""MkDocs' side of the renderer's pre-rendered HTML (`generator.render.html_stash`).

`PreRenderedHtml` is a plugin: `python -m generator build` adds it to the MkDocs run, and the
`obsidian-vault` plugin inherits it, so both routes finish pages the same way:
- on_page_read_source: the page's file is read as bytes and the payload cut off undecoded (most of
  the file; it is decoded only by the process that renders the page);
- on_page_markdown (first of all plugins): the payload is taken off the page's markdown, if the
  source came from elsewhere;
- on_page_content (first): embedded notes' headings leave the table of contents; the tokens become the text of their HTML, which is all the search index
  keeps of a link (`expand_text`: a third of the HTML to parse), and embeds are left out
  (`drop_embeds`: their words are found on the page of the note that holds them);
- on_page_context (last, after search has indexed the page): the tokens become their HTML;
- on_post_page: the page's tail (backlinks) goes in, and the files its payload carries (the note's
  alias redirects) are written into the site.
Another plugin's on_page_content or on_page_context therefore sees links as their text.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from generator.render.fragment import EMBEDDED_HEADING
from generator.render.html_stash import (
    MARK,
    Payload,
    add_tail,
    decode,
    drop_embeds,
    expand,
    expand_text,
    split_raw,
)

__all__ = ["PreRenderedHtml"]

log = get_plugin_logger(__name__)


_MARK_LINE = f"\n{MARK}\n".encode()


class PreRenderedHtml(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        self._raw: dict[str, str | bytes] = {}  # src_uri -> the undecoded payload
        self._payloads: dict[str, tuple[Payload, str]] = {}  # src_uri -> payload, the page's HTML
        self.written_files: dict[str, dict[str, str]] = {}  # src_uri -> files its payload wrote

    def raw_payload(self, src_uri: str) -> str | bytes:
        """A page's payload as read (between on_page_markdown and on_page_content); "" if none."""
        return self._raw.get(src_uri, "")

    def on_page_read_source(self, /, *, page: Any, config: Any) -> str | None:
        """The page's markdown, its payload kept aside undecoded; None (MkDocs reads the page and
        reports the error) for a file that is not on disk or not UTF-8."""
        src_uri = page.file.src_uri
        self._raw.pop(src_uri, None)
        path = page.file.abs_src_path  # None for content held in memory
        if not path:
            return None
        try:
            data = Path(path).read_bytes()
            at = data.rfind(_MARK_LINE)
            text = (data if at < 0 else data[:at].rstrip(b"\n") + b"\n").decode("utf-8-sig")
        except (OSError, ValueError):
            return None
        if at >= 0:
            self._raw[src_uri] = data[at + len(_MARK_LINE) :]
        return text

    @event_priority(100)
    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
        self._payloads.pop(page.file.src_uri, None)
        text, raw = split_raw(markdown)  # a source from another plugin may still hold its payload
        if raw is not None:
            self._raw[page.file.src_uri] = raw
        return text

    @event_priority(100)
    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        if page.toc is not None:
            page.toc.items = _own_headings(page.toc.items)
        raw = self._raw.pop(page.file.src_uri, None)
        payload = None if raw is None else decode(raw)
        if raw is not None and payload is None:  # not ours after all
            log.warning(f"{page.file.src_uri}: unreadable pre-rendered HTML; links may show as tokens")
        if payload is None and "obsidian-embed" not in html:
            return html
        self._payloads[page.file.src_uri] = (payload or Payload(), html)
        return drop_embeds(expand_text(html, payload) if payload is not None else html)

    @event_priority(-100)
    def on_page_context(self, context: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
        found = self._payloads.get(page.file.src_uri)
        if found is not None:
            page.content = expand(found[1], found[0])
        return context

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        found = self._payloads.pop(page.file.src_uri, None)
        if found is None:
            return output
        self.write_files(Path(config.site_dir), found[0].files, page.file.src_uri)
        self.written_files[page.file.src_uri] = found[0].files
        return add_tail(output, found[0])

    @staticmethod
    def write_files(site_dir: Path, files: dict[str, str], source: str) -> None:
        """The files a page's payload carries, written into the site (never outside it).

        The check is on the path as written: the site folder is MkDocs' fresh output, holding no links.
        """
        for rel, text in files.items():
            norm = posixpath.normpath(rel.replace("\\", "/"))
            if norm.startswith(("/", "../")) or norm in ("..", ".") or Path(norm).drive:
                log.warning(f"{source}: refused to write {rel!r} outside the site")
                continue
            dest = site_dir / norm
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")


def _own_headings(items: list[Any]) -> list[Any]:
    """A table of contents without the headings of embedded notes (Obsidian's outline leaves them out)."""
    kept = [item for item in items if not str(item.id).startswith(EMBEDDED_HEADING)]
    for item in kept:
        item.children = _own_headings(item.children)
    return kept
