"""The properties panel: a note's properties at the top of its page, as Obsidian's properties view.

One raw HTML block (MkDocs passes it through as written) holding a row per property: text,
numbers, dates, checkboxes, lists (as chips) and links. A property's type comes from
`.obsidian/types.json` when it names the key, else from the YAML value. Wikilinks in values are
links, resolved from the note as body links are (the engine counts them: backlinks, graph, check).

Keys that mean something to the site keep that meaning and are not repeated here: the title is
the page's title, tags are Material's tag chips, description the page's meta description,
permalink its URL, publish whether it exists, cssclasses the classes of its article (set by the
reader's script from `data-cssclasses`); Material's own page settings are not data either.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from typing import Any

from generator.engine.links import wikilink_fields
from generator.engine.model import Graph, Link, Note, Span
from generator.render.layout import SiteLayout
from generator.render.links import html_href, link_html, unresolved_span
from generator.render.text import escape_html

__all__ = ["HIDDEN_KEYS", "properties_panel"]

HIDDEN_KEYS = frozenset(
    {"title", "tags", "tag", "description", "permalink", "publish", "cssclasses", "cssclass"}
    | {"mkdocs", "hide", "icon", "search", "template", "status_bar"}
)
_WIKI = re.compile(r"\[\[([^\[\]\n]+)\]\]")
_URL = re.compile(r"https?://[^\s<>\"']+")


class _Context:
    def __init__(self, graph: Graph, layout: SiteLayout, note: Note, page: str, udu: bool) -> None:
        self.graph, self.layout, self.note, self.page, self.udu = graph, layout, note, page, udu

    def link(self, inner: str) -> str:
        fields = wikilink_fields(inner, False)
        if fields is None:
            return escape_html(f"[[{inner}]]")
        link = Link(*fields, Span(0, 0, 0), f"[[{inner}]]")
        res = self.graph.resolve(self.note.path, link)
        html = link_html(res, self.page, self.layout, self.udu)
        if html is not None:
            return html
        text = escape_html(link.text or link.target)
        if res.target is None:
            return unresolved_span(link.text or link.target, res.problem or f"not found: {link.target}")
        docs = self.layout.pages.get(res.target, res.target)
        return f'<a href="{html_href(self.page, docs, res.anchor, self.udu)}">{text}</a>'


def _text(value: str, ctx: _Context) -> str:
    """A text value: wikilinks as links, URLs as links, the rest escaped."""
    out: list[str] = []
    pos = 0
    for m in _WIKI.finditer(value):
        out.append(_plain(value[pos : m.start()]))
        out.append(ctx.link(m.group(1)))
        pos = m.end()
    out.append(_plain(value[pos:]))
    return "".join(out)


def _plain(text: str) -> str:
    out: list[str] = []
    pos = 0
    for m in _URL.finditer(text):
        url = escape_html(m.group(0))
        out.append(escape_html(text[pos : m.start()]))
        out.append(f'<a href="{url}" class="obsidian-external">{url}</a>')
        pos = m.end()
    out.append(escape_html(text[pos:]))
    return "".join(out)


def _kind(value: Any, declared: str | None) -> str:
    """The row's kind: the type types.json declares, else the YAML value's."""
    if declared is not None and not isinstance(value, list):
        kinds = {"checkbox": "checkbox", "date": "date", "datetime": "date", "number": "number"}
        kinds |= {"multitext": "list", "aliases": "list", "tags": "list"}
        return kinds.get(declared, "text")
    if declared in ("multitext", "aliases", "tags") or isinstance(value, list):
        return "list"
    if declared == "checkbox" or isinstance(value, bool):
        return "checkbox"
    if declared in ("date", "datetime") or isinstance(value, datetime.date):
        return "date"
    if declared == "number" or isinstance(value, int | float):
        return "number"
    return "text"


def _scalar(value: Any, kind: str, ctx: _Context) -> str:
    if value is None or value == "":
        return '<span class="obsidian-property-empty">—</span>'
    if kind == "checkbox":
        checked = " checked" if value is True or str(value).lower() == "true" else ""
        return f'<input type="checkbox" disabled{checked} aria-label="{escape_html(str(value))}">'
    if kind == "date":
        if isinstance(value, datetime.datetime):
            iso = value.isoformat(timespec="minutes")
            return f'<time datetime="{iso}">{escape_html(value.strftime("%Y-%m-%d %H:%M"))}</time>'
        if isinstance(value, datetime.date):
            return f'<time datetime="{value.isoformat()}">{value.isoformat()}</time>'
        return _text(str(value), ctx)
    if isinstance(value, str):
        return _text(value, ctx)
    if isinstance(value, dict | list):
        return escape_html(json.dumps(value, ensure_ascii=False, default=str))
    return escape_html(str(value))


def _value(value: Any, declared: str | None, ctx: _Context) -> tuple[str, str]:
    kind = _kind(value, declared)
    if kind == "list":
        items = value if isinstance(value, list) else [value]
        inner_kind = "date" if declared in ("date", "datetime") else "text"
        chips = "".join(
            f'<span class="obsidian-property-item">{_scalar(v, _kind(v, inner_kind), ctx)}</span>'
            for v in items
            if v is not None
        )
        return kind, chips or _scalar(None, "text", ctx)
    return kind, _scalar(value, kind, ctx)


def properties_panel(
    graph: Graph,
    layout: SiteLayout,
    note: Note,
    page: str,
    use_directory_urls: bool,
    types: Mapping[str, str],
) -> str:
    """The panel's HTML (one line), or "" when the note has no property to show."""
    ctx = _Context(graph, layout, note, page, use_directory_urls)
    rows: list[str] = []
    for key, value in note.properties.items():
        if key.lower() in HIDDEN_KEYS:
            continue
        kind, html = _value(value, types.get(key), ctx)
        rows.append(
            f'<div class="obsidian-property" data-type="{kind}">'
            f'<dt class="obsidian-property-key">{escape_html(key)}</dt>'
            f'<dd class="obsidian-property-value">{html}</dd></div>'
        )
    classes = note.properties.get("cssclasses", note.properties.get("cssclass"))
    if isinstance(classes, str):
        classes = classes.replace(",", " ").split()
    names = [str(c) for c in classes if isinstance(c, str | int)] if isinstance(classes, list) else []
    data = f' data-cssclasses="{escape_html(" ".join(names))}"' if names else ""
    if not rows:
        return f'<div class="obsidian-cssclasses" hidden{data}></div>' if names else ""
    return f'<dl class="obsidian-properties" aria-label="Properties"{data}>{"".join(rows)}</dl>'
