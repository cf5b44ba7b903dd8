"""RSS 2.0 and Atom 1.0 feeds of the latest notes, written with the standard library's XML writer.

`feed_rss.xml` and `feed_atom.xml` at the site's root: the `feed_items` notes with the latest
created or modified date (`feed_order`), newest first. Links are absolute with mkdocs.yml's
`site_url`; without one they are relative to the site's root (feed readers want a site_url).
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from urllib.parse import quote

from generator.engine.model import Graph, Note
from generator.render.layout import SiteLayout
from generator.render.reader.dates import note_dates
from generator.render.reader.options import ReaderOptions
from generator.render.urls import page_url

__all__ = ["ATOM_FILE", "RSS_FILE", "feeds"]

RSS_FILE = "feed_rss.xml"
ATOM_FILE = "feed_atom.xml"
_ATOM = "http://www.w3.org/2005/Atom"
_CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$|\$\$.*?\$\$", re.M | re.S)  # fences and display math
_MARKUP = re.compile(r"!?\[\[(?:[^\]|]*\|)?([^\]]*)\]\]|[#*_=`>~^\[\]()]|%%.*?%%|<[^>]+>")
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _summary(note: Note) -> str:
    value = note.properties.get("description")
    if isinstance(value, str | int | float) and str(value).strip():
        return str(value).strip()
    body = _CODE.sub(" ", note.text[note.parsed.body_start : note.parsed.body_start + 4000])[:2000]
    text = " ".join(_MARKUP.sub(lambda m: m.group(1) or " ", body).split())
    return text[:297] + "..." if len(text) > 300 else text


def feeds(graph: Graph, layout: SiteLayout, options: ReaderOptions, udu: bool) -> dict[str, bytes]:
    """{RSS_FILE: ..., ATOM_FILE: ...}: both feeds as UTF-8 XML."""
    base = (options.site_url or "").rstrip("/") + "/" if options.site_url else "/"
    entries = []
    for path, docs in layout.pages.items():
        note = graph.notes[path]
        created, modified = note_dates(note, options.mtimes.get(path))
        created = created or modified or _EPOCH
        modified = modified or created
        when = created if options.feed_order == "created" else modified
        entries.append(
            (when, created, modified, note, base + quote(page_url(docs, udu)), _id(options, docs, udu))
        )
    entries.sort(key=lambda e: (-e[0].timestamp(), e[3].title.lower(), e[4]))  # type: ignore[union-attr]
    latest = entries[: options.feed_items]
    updated = max((e[2] for e in latest), default=_EPOCH)
    title = options.site_name or "Notes"
    return {RSS_FILE: _rss(title, base, latest, updated), ATOM_FILE: _atom(title, base, latest, updated)}


def _id(options: ReaderOptions, docs: str, udu: bool) -> str:
    """An entry's permanent id: its absolute URL, or a URN of its page without a site_url."""
    if options.site_url:
        return options.site_url.rstrip("/") + "/" + quote(page_url(docs, udu))
    return "urn:obsidian-vault:" + quote(docs)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _rss(title: str, base: str, latest: list, updated: datetime.datetime) -> bytes:  # type: ignore[type-arg]
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _sub(rss, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", base)
    _sub(channel, "description", f"The latest notes of {title}")
    _sub(channel, "lastBuildDate", format_datetime(updated))
    _sub(channel, "generator", "obsidian-vault generator")
    for _, created, _modified, note, url, uid in latest:
        item = _sub(channel, "item")
        _sub(item, "title", note.title)
        _sub(item, "link", url)
        _sub(item, "guid", uid, isPermaLink="true" if uid == url else "false")
        _sub(item, "pubDate", format_datetime(created))
        summary = _summary(note)
        if summary:
            _sub(item, "description", summary)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def _atom(title: str, base: str, latest: list, updated: datetime.datetime) -> bytes:  # type: ignore[type-arg]
    feed = ET.Element("feed", {"xmlns": _ATOM})
    _sub(feed, "title", title)
    _sub(feed, "id", base + ATOM_FILE if base.startswith("http") else "urn:obsidian-vault:feed")
    _sub(feed, "link", href=base)
    _sub(feed, "link", href=base + ATOM_FILE, rel="self")
    _sub(feed, "updated", updated.isoformat())
    author = _sub(feed, "author")
    _sub(author, "name", title)
    for _, created, modified, note, url, uid in latest:
        entry = _sub(feed, "entry")
        _sub(entry, "title", note.title)
        _sub(entry, "id", uid)
        _sub(entry, "link", href=url)
        _sub(entry, "published", created.isoformat())
        _sub(entry, "updated", modified.isoformat())
        summary = _summary(note)
        if summary:
            _sub(entry, "summary", summary)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
