"""Embedded attachments: images at their size, PDF, audio and video in the page.

Obsidian's rules (help.obsidian.md, "Embed files"): `![[img.png|300]]` is 300 px wide,
`|300x200` sets both sides, any other text after "|" is the alt text; `![[doc.pdf#page=3]]`
opens the PDF at page 3 (`#height=400` sets its height). Audio and video keep a media-fragment
time range (`![[talk.mp4#t=10,20]]`: W3C Media Fragments, which browsers play); any other text
after "#" (`![[shot.png#interface]]`) is not part of the file name and is dropped. Images are markdown (MkDocs makes their
paths right for the page URL); audio, video and PDF are raw HTML, so their URLs are computed
from the page URL here. In portable docs they are markdown links instead, which every engine
resolves (Zensical reads URLs in raw HTML as relative to the source file), marked with the
player's kind; `assets/media.js` turns each into its player in the browser (without scripts the
reader still gets the link).
"""

from __future__ import annotations

import posixpath
import re

from generator.engine.model import Resolution
from generator.render.text import attr_value, escape_html, escape_md
from generator.render.urls import md_href, url_from_page

__all__ = ["AUDIO", "IMAGE", "PDF", "VIDEO", "media_kind", "render_attachment_embed", "split_size"]

IMAGE = frozenset({"png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "avif", "ico", "tif", "tiff"})
AUDIO = frozenset({"mp3", "wav", "m4a", "ogg", "3gp", "flac", "oga", "opus"})
VIDEO = frozenset({"mp4", "webm", "ogv", "mov", "mkv"})
PDF = frozenset({"pdf"})

_SIZE = re.compile(r"^\s*(\d+)\s*(?:x\s*(\d+))?\s*$")
# A media fragment's time range: `t=10`, `t=10,20`, `t=,20`, `t=00:01:10.5` (npt seconds or hh:mm:ss).
_TIME = re.compile(r"(?:\d+(?::\d{1,2}){0,2}(?:\.\d+)?)?(?:,\d+(?::\d{1,2}){0,2}(?:\.\d+)?)?")


def media_kind(path: str) -> str:
    """ "image", "audio", "video", "pdf" or "file", by extension as Obsidian does."""
    ext = posixpath.splitext(path)[1][1:].lower()
    for kind, exts in (("image", IMAGE), ("audio", AUDIO), ("video", VIDEO), ("pdf", PDF)):
        if ext in exts:
            return kind
    return "file"


def split_size(text: str | None) -> tuple[str, int | None, int | None]:
    """ "alt|300x200" -> ("alt", 300, 200); "300" -> ("", 300, None); "alt" -> ("alt", None, None)."""
    if not text:
        return "", None, None
    head, _, last = text.rpartition("|")
    m = _SIZE.match(last)
    if not m:
        return text, None, None
    return head, int(m.group(1)), int(m.group(2)) if m.group(2) else None


def _fragment_options(res: Resolution) -> dict[str, str]:
    """`#page=3&height=400` (or `#page=3#height=400`) as a dict."""
    parts: list[str] = []
    for heading in res.link.headings:
        parts.extend(heading.split("&"))
    options = {}
    for part in parts:
        key, sep, value = part.partition("=")
        if sep:
            options[key.strip().lower()] = value.strip()
    return options


def render_attachment_embed(
    res: Resolution, page: str, use_directory_urls: bool, portable: bool = False
) -> str:
    """Inline markdown/HTML for an embedded attachment `res.target` on the page at docs path `page`."""
    assert res.target is not None
    link = res.link
    name = posixpath.basename(res.target)
    kind = media_kind(res.target)
    if kind == "image":
        alt, width, height = split_size(link.alias)
        if link.kind == "markdown-embed":  # `![alt|300](img.png)`: the engine splits alt and size
            alt = link.text
        size = "".join(f' {k}="{v}"' for k, v in (("width", width), ("height", height)) if v)
        attrs = f"{{ .obsidian-image{size} }}"
        return f"![{escape_md(alt or name)}]({md_href(page, res.target)}){attrs}"
    if portable and kind in ("audio", "video", "pdf"):
        return _media_link(res, page, kind, name)
    src = url_from_page(page, res.target, use_directory_urls)
    if kind in ("audio", "video"):
        start = _fragment_options(res).get("t", "")
        if start and _TIME.fullmatch(start):
            src += f"#t={start}"
    if kind == "audio":
        return f'<audio class="obsidian-audio" controls src="{escape_html(src)}"></audio>'
    if kind == "video":
        _, width, _ = split_size(link.alias)
        w = f' width="{width}"' if width else ""
        return f'<video class="obsidian-video" controls src="{escape_html(src)}"{w}></video>'
    if kind == "pdf":
        options = _fragment_options(res)
        page_no = options.get("page", "")
        fragment = f"#page={page_no}" if page_no.isdigit() else ""
        pdf_height = options.get("height", "")
        style = f' style="height: {int(pdf_height)}px"' if pdf_height.isdigit() else ""
        title = attr_value(name)
        return (
            f'<iframe class="obsidian-pdf" src="{escape_html(src + fragment)}" title="{escape_html(title)}"'
            f'{style} loading="lazy"></iframe>'
        )
    return f"[{escape_md(link.alias or name)}]({md_href(page, res.target)}){{ .obsidian-file }}"


def _media_link(res: Resolution, page: str, kind: str, name: str) -> str:
    """A markdown link to the file, with what its player needs as data attributes (attr_list)."""
    assert res.target is not None
    data = {"kind": kind}
    href = md_href(page, res.target)
    if kind == "video":
        _, width, _ = split_size(res.link.alias)
        if width:
            data["width"] = str(width)
    elif kind == "pdf":
        options = _fragment_options(res)
        if options.get("page", "").isdigit():
            href += f"#page={options['page']}"
        if options.get("height", "").isdigit():
            data["height"] = str(int(options["height"]))
    attrs = " ".join(f'data-{k}="{v}"' for k, v in data.items())
    return f"[{escape_md(name)}]({href}){{ .obsidian-media {attrs} }}"
