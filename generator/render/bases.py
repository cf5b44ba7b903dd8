"""Bases on pages: a view as a table, cards, a list or a table of map places, in raw HTML.

Three ways in: `![[X.base]]` / `![[X.base#View]]` (the embed; `this` is the note holding it), a
`base` fenced block (evaluated in place; `this` is its note) and the `.base` file's own page (every
view; `this` is the base file). A base that cannot be evaluated shows an error box where it
stands and reports an error Diagnostic (`build` then exits 1, with the site written).

Rows link to their notes; values are shown as Obsidian shows them: links as links, lists as
items, dates as dates, booleans as checkboxes, tags as links to their tag pages. Tables carry
`data-sort` values that `assets/bases.js` sorts by when a reader clicks a column header.
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any

import nh3

from generator.engine.model import Diagnostic, Graph, Note, VaultPath
from generator.queries import (
    BASE_ERROR,
    Base,
    BaseError,
    BaseRunner,
    BaseSources,
    Row,
    View,
    ViewResult,
    parse_base,
)
from generator.queries.ops import to_string
from generator.queries.values import Date, Duration, FileRef, Html, Icon, Image, Link, RowRef, js_number
from generator.render.layout import SiteLayout
from generator.render.text import escape_html, escape_md
from generator.render.urls import page_url, url_from_page

__all__ = ["BasePages", "base_page_path"]


# Characters Python-Markdown's inline patterns (and its extensions': math, highlight, emoji, attribute
# lists) act on. A base's HTML reaches markdown as a raw block at the start of a line, but inside a
# callout or a list item it is read as a paragraph: its text then must hold none of them.
_MARKDOWN_SPECIALS = re.compile(r"[*_`\[\]\\$=~^{}:|]")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def protect(html: str) -> str:
    """`html` with the markdown specials of its text (not its tags) written as character references."""
    parts = _TAG_OR_TEXT.split(html)
    for n in range(0, len(parts), 2):
        if parts[n]:
            parts[n] = _MARKDOWN_SPECIALS.sub(lambda m: f"&#{ord(m.group(0))};", parts[n])
    return "".join(parts)


def base_page_path(path: VaultPath) -> str:
    """The docs path of a `.base` file's page: "Books.base" -> "Books.base.md" (URL "Books.base/"),
    apart from the note "Books.md" that usually embeds it."""
    return f"{path}.md"


def _duration_text(d: Duration) -> str:
    ms = d.total_ms()
    for unit, size in (
        ("year", 365 * 86_400_000),
        ("day", 86_400_000),
        ("hour", 3_600_000),
        ("minute", 60_000),
    ):
        if abs(ms) >= size:
            n = ms / size
            text = js_number(round(n, 1))
            return f"{text} {unit}{'s' * (text != '1')}"
    return f"{js_number(round(ms / 1000, 1))} s"


def _date_text(d: Date) -> str:
    return d.value.strftime("%Y-%m-%d %H:%M") if d.time else d.value.strftime("%Y-%m-%d")


class BasePages:
    """Renders bases for the pages of one render (one per Renderer; the base files read once)."""

    def __init__(self, graph: Graph, layout: SiteLayout, vault_dir: Any, use_directory_urls: bool) -> None:
        self.graph = graph
        self.layout = layout
        self.sources = BaseSources(graph, vault_dir)
        self.udu = use_directory_urls
        self._runners: dict[tuple[VaultPath, VaultPath], BaseRunner] = {}

    # -- entry points

    def embed(
        self, base_path: VaultPath, view_name: str | None, this: VaultPath, page: str
    ) -> tuple[str, list[Diagnostic]]:
        """`![[X.base#View]]` on `page`, written in the note `this`."""
        loaded = self.sources.load(base_path)
        if loaded.base is None:
            return self._failed(base_path, loaded.error or BaseError("unreadable base"))
        view = loaded.base.view(view_name)
        if view is None:
            err = BaseError(f"no view named {view_name!r} in {posixpath.basename(base_path)}")
            return self._failed(base_path, err)
        return self._views(loaded.base, [view], base_path, this, page, headings=False)

    def block(self, source: str, note: Note, line: int, page: str) -> tuple[str, list[Diagnostic]]:
        """A `base` fenced block at `line` (the opening fence) of `note`."""
        try:
            base = parse_base(source, line_offset=line)
        except BaseError as exc:
            return self._failed(
                note.path, BaseError(exc.message, exc.expression, exc.line + line if exc.line else line)
            )
        return self._views(base, base.views[:1], note.path, note.path, page, headings=False, cache=False)

    def page(self, base_path: VaultPath, page: str) -> tuple[str, list[Diagnostic]]:
        """The `.base` file's own page: every view, each under its name."""
        loaded = self.sources.load(base_path)
        if loaded.base is None:
            return self._failed(base_path, loaded.error or BaseError("unreadable base"))
        return self._views(loaded.base, loaded.base.views, base_path, base_path, page, headings=True)

    # -- evaluation

    def _failed(self, path: VaultPath, exc: BaseError) -> tuple[str, list[Diagnostic]]:
        message = str(exc)
        where = f"{path}:{exc.line}" if exc.line else str(path)
        box = (
            f'<div class="admonition failure obsidian-base-error"><p class="admonition-title">'
            f"Base could not be evaluated</p><p>{escape_html(where)}: {escape_html(message)}</p></div>"
        )
        return protect(box), [Diagnostic(path, exc.line, "error", BASE_ERROR, message)]

    def _views(
        self,
        base: Base,
        views: list[View],
        source: VaultPath,
        this: VaultPath,
        page: str,
        headings: bool,
        cache: bool = True,
    ) -> tuple[str, list[Diagnostic]]:
        try:
            key = (source, this)
            runner = self._runners.get(key) if cache else None
            if runner is None:
                runner = BaseRunner(base, self.sources.data, source, this)
                if cache:
                    self._runners[key] = runner
        except BaseError as exc:
            return self._failed(source, exc)
        parts: list[str] = []
        problems: list[Diagnostic] = []
        for view in views:
            try:
                result = runner.run(view)
            except BaseError as exc:
                html, found = self._failed(source, exc)
            else:
                html, found = protect(self._render(result, page)), []
            if headings:
                parts.append(f"## {escape_md(view.name)}\n\n{html}")
            else:
                parts.append(html)
            problems.extend(found)
        return "\n\n".join(parts), problems

    # -- HTML

    def _href(self, path: VaultPath, page: str) -> str | None:
        docs = self.layout.pages.get(path) or self.layout_bases().get(path)
        if docs is not None:
            return url_from_page(page, page_url(docs, self.udu), self.udu)
        if path in self.graph.attachments:
            return url_from_page(page, path, self.udu)
        return None

    def layout_bases(self) -> dict[VaultPath, str]:
        return getattr(self.layout, "bases", {})

    def _file_link(self, path: VaultPath, text: str, page: str) -> str:
        href = self._href(path, page)
        if href is None:
            return f'<span class="obsidian-unresolved">{escape_html(text)}</span>'
        return f'<a class="obsidian-link" href="{escape_html(href)}">{escape_html(text)}</a>'

    def _title(self, path: VaultPath) -> str:
        note = self.graph.notes.get(path)
        return note.title if note is not None else posixpath.basename(path)

    def value_html(self, value: Any, page: str, tags: bool = False) -> str:
        """A value as Obsidian shows it in a view."""
        if value is None:
            return ""
        if value is True or value is False:
            checked = " checked" if value else ""
            return f'<input type="checkbox" disabled{checked} aria-label="{"yes" if value else "no"}">'
        if isinstance(value, int | float):
            return escape_html(js_number(value))
        if isinstance(value, str):
            if tags and value:
                key = value.lstrip("#").lower()
                if key in self.graph.tags:
                    href = url_from_page(page, page_url(self.layout.tag_page(key), self.udu), self.udu)
                    return f'<a class="tag" href="{escape_html(href)}">#{escape_html(value.lstrip("#"))}</a>'
            return escape_html(value)
        if isinstance(value, Date):
            return f"<time>{_date_text(value)}</time>"
        if isinstance(value, Duration):
            return escape_html(_duration_text(value))
        if isinstance(value, Link):
            text = to_string(value.display) if value.display is not None else value.target
            if value.path is None:
                if value.target.startswith(("http://", "https://", "mailto:")):
                    return f'<a href="{escape_html(value.target)}">{escape_html(text)}</a>'
                return f'<span class="obsidian-unresolved">{escape_html(text)}</span>'
            if value.display is None:
                text = self._title(value.path) if value.path in self.graph.notes else value.target
            return self._file_link(value.path, text, page)
        if isinstance(value, FileRef | RowRef):
            return self._file_link(value.path, self._title(value.path), page)
        if isinstance(value, list):
            items = "".join(
                f'<span class="obsidian-base-item">{self.value_html(v, page, tags)}</span>' for v in value
            )
            return f'<span class="obsidian-base-list">{items}</span>'
        if isinstance(value, dict):
            return f"<code>{escape_html(json.dumps({k: to_string(v) for k, v in value.items()}, ensure_ascii=False))}</code>"
        if isinstance(value, Html):
            # Markup, as Obsidian shows it, cleaned by Ammonia's allow-list: no scripts, no event
            # handlers, no javascript: URLs, no styles; links get rel="noopener noreferrer".
            return nh3.clean(value.html)
        if isinstance(value, Icon):
            return f'<span class="obsidian-base-icon" title="icon">{escape_html(value.name)}</span>'
        if isinstance(value, Image):
            src = self._image_src(value.src, page)
            return f'<img class="obsidian-base-image" src="{escape_html(src)}" alt="">' if src else ""
        return escape_html(to_string(value))

    def _image_src(self, value: Any, page: str) -> str | None:
        if isinstance(value, Image):
            value = value.src
        if isinstance(value, Link):
            if value.path is not None:
                return url_from_page(page, value.path, self.udu)
            return value.target if value.target.startswith(("http://", "https://")) else None
        if isinstance(value, FileRef):
            return url_from_page(page, value.path, self.udu)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
        return None

    @staticmethod
    def _sort_value(value: Any) -> str:
        if value is None:
            return ""
        if value is True or value is False:
            return "1" if value else "0"
        if isinstance(value, int | float):
            return js_number(value)
        if isinstance(value, Date):
            return js_number(value.ms)
        if isinstance(value, list):
            return ", ".join(BasePages._sort_value(v) for v in value)
        return to_string(value)

    def _render(self, result: ViewResult, page: str) -> str:
        kind = result.view.type
        body = {"table": self._table, "cards": self._cards, "list": self._list, "map": self._map}[kind](
            result, page
        )
        shown = len(result.rows)
        count = f"{shown} result{'s' * (shown != 1)}"
        if result.total > shown:
            count += f" (of {result.total}; limit {result.view.limit})"
        name = escape_html(result.view.name)
        return (
            f'<div class="obsidian-base obsidian-base-view-{kind}" data-view="{name}">'
            f'<p class="obsidian-base-count">{count}</p>{body}</div>'
        )

    def _is_tags(self, key: str) -> bool:
        return key in ("file.tags", "tags", "note.tags")

    def _cells(self, result: ViewResult, row: Row, page: str) -> list[str]:
        cells = []
        for n, column in enumerate(result.columns):
            value = row.values[n]
            if column.key == "file.name":  # the row's link, shown (and sorted) by the note's title
                value = self._title(row.path)
                html = self._file_link(row.path, value, page)
            else:
                html = self.value_html(value, page, self._is_tags(column.key))
            cells.append(f'<td data-sort="{escape_html(self._sort_value(value))}">{html}</td>')
        return cells

    def _summary_row(self, result: ViewResult, summaries: dict[str, Any], page: str) -> str:
        if not summaries:
            return ""
        cells = []
        for column in result.columns:
            if column.key in summaries:
                name = result.view.summaries.get(column.key) or ""
                value = self.value_html(summaries[column.key], page)
                cells.append(
                    f'<td><span class="obsidian-base-summary-name">{escape_html(name)}</span> {value}</td>'
                )
            else:
                cells.append("<td></td>")
        return f'<tr class="obsidian-base-summary">{"".join(cells)}</tr>'

    def _group_title(self, result: ViewResult, key: Any, page: str) -> str:
        prop = result.view.group_by.property if result.view.group_by else ""
        shown = self.value_html(key, page, self._is_tags(prop)) if key is not None else "(none)"
        return f'<span class="obsidian-base-group-title">{shown}</span>'

    def _table(self, result: ViewResult, page: str) -> str:
        head = "".join(
            f'<th scope="col" data-key="{escape_html(c.key)}">{escape_html(c.label)}</th>'
            for c in result.columns
        )
        bodies = []
        width = len(result.columns)
        for group in result.groups:
            rows = []
            if result.grouped:
                title = self._group_title(result, group.key, page)
                rows.append(
                    f'<tr class="obsidian-base-group"><th colspan="{width}">{title} ({len(group.rows)})</th></tr>'
                )
                rows.append(self._summary_row(result, group.summaries, page))
            rows.extend(f"<tr>{''.join(self._cells(result, row, page))}</tr>" for row in group.rows)
            if not result.grouped:
                rows.append(self._summary_row(result, group.summaries, page))
            bodies.append(f"<tbody>{''.join(rows)}</tbody>")
        return f'<table class="obsidian-base-table"><thead><tr>{head}</tr></thead>{"".join(bodies)}</table>'

    def _properties(self, result: ViewResult, row: Row, page: str) -> str:
        items = []
        for n, column in enumerate(result.columns):
            if column.key == "file.name" or row.values[n] is None:
                continue
            value = self.value_html(row.values[n], page, self._is_tags(column.key))
            items.append(
                f'<span class="obsidian-base-property"><span class="obsidian-base-label">{escape_html(column.label)}</span> {value}</span>'
            )
        return "".join(items)

    def _cards(self, result: ViewResult, page: str) -> str:
        cards = []
        for row in result.rows:
            cover = ""
            image = row.image
            src = self._image_src(image, page)
            if src:
                cover = f'<img class="obsidian-base-cover" src="{escape_html(src)}" alt="" loading="lazy">'
            elif isinstance(image, str) and image.startswith("#") and len(image) in (4, 7):
                cover = f'<div class="obsidian-base-cover" style="background:{escape_html(image)}"></div>'
            title = self._file_link(row.path, self._title(row.path), page)
            cards.append(
                f'<div class="obsidian-base-card">{cover}<div class="obsidian-base-card-title">{title}</div>'
                f"{self._properties(result, row, page)}</div>"
            )
        return f'<div class="obsidian-base-cards">{"".join(cards)}</div>'

    def _list(self, result: ViewResult, page: str) -> str:
        items = []
        for row in result.rows:
            title = self._file_link(row.path, self._title(row.path), page)
            items.append(f"<li>{title} {self._properties(result, row, page)}</li>")
        return f'<ul class="obsidian-base-items">{"".join(items)}</ul>'

    def _map(self, result: ViewResult, page: str) -> str:
        rows = []
        for row in result.rows:
            if row.coordinates is None:
                continue
            lat, lng = row.coordinates
            title = self._file_link(row.path, self._title(row.path), page)
            rows.append(
                f'<tr><td>{title}</td><td data-sort="{js_number(lat)}">{js_number(lat)}</td>'
                f'<td data-sort="{js_number(lng)}">{js_number(lng)}</td></tr>'
            )
        note = (
            '<p class="obsidian-base-map-note">A map view needs map tiles from the network; '
            "this site ships without them, so its places are listed with their coordinates.</p>"
        )
        return (
            f'{note}<table class="obsidian-base-table"><thead><tr><th scope="col">Place</th>'
            f'<th scope="col">Latitude</th><th scope="col">Longitude</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
