"""What the reader adds to a note's page: the properties panel and dates at the top of the body,
and Open Graph / Twitter meta for the page's head (carried in the page's payload,
`generator.render.html_stash.Payload.head`, and put before `</head>` by the MkDocs side)."""

from __future__ import annotations

import re
from urllib.parse import quote

from generator.engine.links import wikilink_fields
from generator.engine.model import Graph, Link, Note, Span
from generator.render.layout import SiteLayout
from generator.render.reader.dates import CREATED_KEYS, MODIFIED_KEYS, dates_html, note_dates
from generator.render.reader.options import ReaderOptions
from generator.render.reader.properties import properties_panel
from generator.render.text import escape_html
from generator.render.urls import page_url, url_from_page

__all__ = ["IMAGE_KEYS", "page_header", "social_meta", "social_tags"]

IMAGE_KEYS = ("image", "cover", "banner", "thumbnail")
_WIKI = re.compile(r"!?\[\[([^\[\]\n]+)\]\]")
_CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$|\$\$.*?\$\$", re.M | re.S)  # fences and display math
_MARKUP = re.compile(r"!?\[\[(?:[^\]|]*\|)?([^\]]*)\]\]|[#*_=`>~^\[\]()]|%%.*?%%|<[^>]+>")
_SPACE = re.compile(r"\s+")


def page_header(
    graph: Graph, layout: SiteLayout, note: Note, page: str, udu: bool, reader: ReaderOptions
) -> str:
    """The panel and the dates line (raw HTML blocks, each on one line), or ""."""
    parts = []
    if reader.properties:
        panel = properties_panel(graph, layout, note, page, udu, reader.property_types)
        if panel:
            parts.append(panel)
    if reader.dates:
        created, modified = note_dates(note, reader.mtimes.get(note.path))
        if reader.properties:  # a date the panel shows already is not repeated
            shown = {k.lower() for k in note.properties}
            created = None if shown & set(CREATED_KEYS) else created
            modified = None if shown & set(MODIFIED_KEYS) else modified
        line = dates_html(created, modified)
        if line:
            parts.append(line)
    return "\n\n".join(parts)


def _description(note: Note) -> str:
    value = note.properties.get("description")
    if isinstance(value, str | int | float) and str(value).strip():
        return str(value).strip()
    body = _CODE.sub(" ", note.text[note.parsed.body_start : note.parsed.body_start + 4000])[:2000]
    text = _MARKUP.sub(lambda m: m.group(1) or " ", body)
    text = _SPACE.sub(" ", text).strip()
    return text[:197] + "..." if len(text) > 200 else text


def _image(
    graph: Graph, layout: SiteLayout, note: Note, page: str, reader: ReaderOptions, udu: bool
) -> str | None:
    for key in IMAGE_KEYS:
        value = note.properties.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        value = value.strip()
        if value.startswith(("http://", "https://")):
            return value
        m = _WIKI.fullmatch(value)
        fields = wikilink_fields(m.group(1) if m else value, False)
        if fields is None:
            continue
        res = graph.resolve(note.path, Link(*fields, Span(0, 0, 0), value))
        if res.target is None or res.target_kind != "attachment":
            continue
        if reader.site_url:
            return reader.site_url.rstrip("/") + "/" + quote(res.target)
        return url_from_page(page, res.target, udu)
    return None


def social_meta(
    graph: Graph, layout: SiteLayout, note: Note, page: str, udu: bool, reader: ReaderOptions
) -> str:
    """`<meta>` tags: og:title, og:description, og:site_name, og:type, og:url and og:image where
    known, and their Twitter twins."""
    tags = social_tags(graph, layout, note, page, udu, reader)
    return "".join(f'<meta {attr}="{name}" content="{escape_html(value)}">' for attr, name, value in tags)


def social_tags(
    graph: Graph, layout: SiteLayout, note: Note, page: str, udu: bool, reader: ReaderOptions
) -> list[tuple[str, str, str]]:
    """The (attribute, name, content) of each meta tag of `social_meta`, content not escaped."""
    title = note.title
    description = _description(note)
    image = _image(graph, layout, note, page, reader, udu)
    tags: list[tuple[str, str, str]] = [("property", "og:type", "article"), ("property", "og:title", title)]
    if reader.site_name:
        tags.append(("property", "og:site_name", reader.site_name))
    if description:
        tags.append(("property", "og:description", description))
    if reader.site_url:
        tags.append(("property", "og:url", reader.site_url.rstrip("/") + "/" + quote(page_url(page, udu))))
    if image:
        tags.append(("property", "og:image", image))
    tags.append(("name", "twitter:card", "summary_large_image" if image else "summary"))
    tags.append(("name", "twitter:title", title))
    if description:
        tags.append(("name", "twitter:description", description))
    if image:
        tags.append(("name", "twitter:image", image))
    return tags
