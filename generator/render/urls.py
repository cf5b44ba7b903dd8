"""Docs paths and the links between them, in one tested place.

- `DocsPath`: POSIX path of a file in the generated docs folder ("Folder/Note.md", "img/a.png").
  MkDocs turns `Folder/Note.md` into the page URL `Folder/Note/` (`use_directory_urls: true`)
  or `Folder/Note.html`; `index.md` and `README.md` become their folder's URL.
- Markdown links between pages are written as *relative links to .md files*
  (`../Other%20Note.md#anchor`): MkDocs resolves them to the right URL (and checks them), so the
  renderer never needs to know the URL scheme for them.
- Raw HTML (`<audio>`, `<video>`, `<iframe>`, alias redirects) is not rewritten by MkDocs, so
  its URLs are made relative to the *page URL* with `url_from_page`.

Anchors are appended unquoted: MkDocs compares them with the ids on the target page as written,
and block anchors ("^id") are valid HTML ids.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
from typing import NewType
from urllib.parse import quote

DocsPath = NewType("DocsPath", str)

__all__ = [
    "MAX_SEGMENT_BYTES",
    "DocsPath",
    "md_href",
    "page_url",
    "quote_path",
    "relative_path",
    "short_path",
    "short_segment",
    "url_between",
    "url_from_page",
]

# File systems allow 255 bytes per name. A docs path's segment becomes a folder or a file of the
# site ("Note.md" -> "Note/index.html" or "Note.html") and, during a write, a temporary name a few
# bytes longer; longer segments are shortened (`short_segment`) to stay well inside the limit.
MAX_SEGMENT_BYTES = 200
_HASH_CHARS = 10


@functools.lru_cache(maxsize=65_536)
def quote_path(path: str) -> str:
    """Percent-encode a relative path for a link (spaces, "#", "?", "%", non-ASCII), keeping "/"."""
    return quote(path, safe="/")


def short_segment(name: str, limit: int = MAX_SEGMENT_BYTES) -> str:
    """`name` if its UTF-8 fits in `limit` bytes, else its longest prefix (whole characters) that does
    with room for "-" and a hash of the whole name: deterministic, and two names that share the prefix
    still differ. A suffix such as ".md" is kept."""
    if len(name.encode("utf-8", "surrogatepass")) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 8 or not stem:
        stem, ext = name, ""
    suffix = "-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]
    suffix += f".{ext}" if ext else ""
    room = limit - len(suffix.encode("utf-8"))
    cut = stem.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore")
    return cut.rstrip(" .") + suffix


def short_path(path: str, limit: int = MAX_SEGMENT_BYTES) -> str:
    """`path` with every segment too long for a file name shortened (`short_segment`)."""
    return "/".join(short_segment(part, limit) for part in path.split("/"))


def relative_path(from_docs_path: str, to_docs_path: str) -> str:
    """`to` relative to the folder of `from` ("a/b.md", "c/d.png" -> "../c/d.png").

    Both are normalised docs paths, so this is a common-prefix walk (posixpath.relpath, which
    makes both absolute first, was most of the renderer's time on a 2,000-note vault).
    """
    if "/" not in from_docs_path:
        return to_docs_path
    src = from_docs_path.split("/")[:-1]
    dest = to_docs_path.split("/")
    common = 0
    while common < len(src) and common < len(dest) - 1 and src[common] == dest[common]:
        common += 1
    return "../" * (len(src) - common) + "/".join(dest[common:])


def md_href(from_docs_path: str, to_docs_path: str | None, anchor: str | None = None) -> str:
    """The markdown link target from one docs file to another (or to an anchor on the same page).

    `to_docs_path` None or equal to `from_docs_path` with an anchor: a same-page link ("#anchor").
    """
    fragment = f"#{anchor}" if anchor else ""
    if to_docs_path is None or (to_docs_path == from_docs_path and fragment):
        return fragment or "#"
    rel = relative_path(from_docs_path, to_docs_path)
    ups = 0  # the leading "../"s need no quoting: quote (and cache) only the rest
    while rel.startswith("../", ups):
        ups += 3
    return rel[:ups] + quote_path(rel[ups:]) + fragment


def _is_index(docs_path: str) -> bool:
    return posixpath.basename(docs_path) in ("index.md", "README.md")


@functools.lru_cache(maxsize=65_536)
def page_url(docs_path: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives a page ("Folder/Note.md" -> "Folder/Note/"; "" for the home)."""
    stem = docs_path[: -len(".md")] if docs_path.endswith(".md") else docs_path
    folder = posixpath.dirname(docs_path)
    if _is_index(docs_path):
        if use_directory_urls:
            return f"{folder}/" if folder else ""
        return posixpath.join(folder, "index.html")
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


@functools.lru_cache(maxsize=65_536)
def _from_parts(from_url: str) -> tuple[str, ...]:
    base = from_url[:-1] if from_url.endswith("/") else posixpath.dirname(from_url)
    return tuple(base.split("/")) if base else ()


@functools.lru_cache(maxsize=65_536)
def _to_parts(to_url: str) -> tuple[tuple[str, ...], bool]:
    to_dir = to_url == "" or to_url.endswith("/")
    return (tuple(to_url.rstrip("/").split("/")) if to_url.strip("/") else ()), to_dir


def url_between(from_url: str, to_url: str) -> str:
    """A relative URL from one site URL to another ("a/b/" -> "c/" gives "../../c/"; "" is the root)."""
    src = _from_parts(from_url)
    dest, to_dir = _to_parts(to_url)
    limit = min(len(src), len(dest) if to_dir else len(dest) - 1)
    common = 0
    while common < limit and src[common] == dest[common]:
        common += 1
    rel = "/".join([".."] * (len(src) - common) + list(dest[common:])) or "."
    if to_dir:
        rel = "./" if rel == "." else rel + "/"
    return quote_path(rel)


def url_from_page(page_docs_path: str, to_site_path: str, use_directory_urls: bool = True) -> str:
    """A URL for raw HTML on a page, pointing at a site file or folder ("Folder/a.pdf", "Other/")."""
    return url_between(page_url(page_docs_path, use_directory_urls), to_site_path)
