"""One checker for a built site, whichever engine built it: parse every HTML file and follow every link.

It knows nothing of the generator: it reads the site as a browser would (html.parser), resolves each
URL a page references (links, stylesheets, scripts, images, frames, media, a redirect's refresh URL)
against the page's own URL, and looks for the file the server would send and, for a fragment, the
element with that id. Material's chrome is checked too: it is part of what a reader clicks.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs holding a URL the browser follows or loads.
_URL_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("source", "src"),
}
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(.+)$", re.I)


@dataclass(frozen=True)
class Ref:
    """A URL a page references."""

    tag: str
    url: str
    classes: tuple[str, ...] = ()
    inside: tuple[str, ...] = ()  # classes of the enclosing elements (to find a section's links)


@dataclass
class Page:
    path: str  # site-relative file path ("Notes/Target/index.html")
    ids: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)  # every class an element of the page has
    refs: list[Ref] = field(default_factory=list)
    text: str = ""  # the text of <article> (the page's content), or of the whole page without one

    def links_in(self, css_class: str) -> list[Ref]:
        """The `<a>` links inside an element of class `css_class`."""
        return [r for r in self.refs if r.tag == "a" and css_class in r.inside]


class _Parser(HTMLParser):
    _VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"})

    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[tuple[str, tuple[str, ...]]] = []
        self.article: list[str] = []
        self.all_text: list[str] = []
        self.in_article = 0
        self.skip = 0  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = tuple(values.get("class", "").split())
        self.page.classes.update(classes)
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        inside = tuple(c for _, cs in self.stack for c in cs)
        for t, attr in _URL_ATTRS:
            if tag == t and values.get(attr):
                self.page.refs.append(Ref(tag, values[attr], classes, inside))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            m = _REFRESH.match(values.get("content", ""))
            if m:
                self.page.refs.append(Ref("meta", m.group(1).strip()))
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "article":
            self.in_article += 1
        if tag not in self._VOID:
            self.stack.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        if tag == "article":
            self.in_article = max(0, self.in_article - 1)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.all_text.append(data)
        if self.in_article:
            self.article.append(data)


@dataclass
class Problem:
    page: str
    url: str
    why: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url}: {self.why}"


@dataclass
class Site:
    root: Path
    pages: dict[str, Page]

    def page(self, url: str) -> Page:
        """The page at a site-relative URL ("Notes/Target/")."""
        path = self.file_of(url)
        assert path is not None and path in self.pages, f"no page at {url!r}"
        return self.pages[path]

    def file_of(self, site_path: str) -> str | None:
        """The file the server sends for a site-relative path, or None when there is none."""
        path = site_path.lstrip("/")
        candidates = [path] if path and not path.endswith("/") else []
        candidates.append(posixpath.join(path, "index.html") if path else "index.html")
        for candidate in candidates:
            if (self.root / candidate).is_file():
                return candidate
        return None

    def resolve(self, page: Page, url: str) -> tuple[str | None, str, str] | None:
        """(file, fragment, site path) of `url` on `page`; None for a URL outside the site."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
            return None
        base = posixpath.dirname(page.path)
        joined = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else page.path
        if joined == ".":
            joined = ""
        if parts.path.endswith("/") and joined:
            joined += "/"
        if joined.startswith(".."):
            return (None, parts.fragment, joined)
        return (self.file_of(joined), unquote(parts.fragment), joined)

    def target(self, page: Page, ref: Ref) -> Page | None:
        """The page a reference leads to, or None."""
        resolved = self.resolve(page, ref.url)
        if resolved is None or resolved[0] is None:
            return None
        return self.pages.get(resolved[0])

    def problems(self) -> list[Problem]:
        """Every reference to a file that is not there or to an id its page does not have."""
        out: list[Problem] = []
        for page in self.pages.values():
            for ref in page.refs:
                resolved = self.resolve(page, ref.url)
                if resolved is None:
                    continue
                file, fragment, where = resolved
                if file is None:
                    out.append(Problem(page.path, ref.url, f"no file for {where or '/'}"))
                elif fragment and file in self.pages and fragment not in self.pages[file].ids:
                    out.append(Problem(page.path, ref.url, f"no id {fragment!r} in {file}"))
        return out


def read_site(root: Path) -> Site:
    pages: dict[str, Page] = {}
    for file in sorted(root.rglob("*.html")):
        rel = file.relative_to(root).as_posix()
        page = Page(rel)
        parser = _Parser(page)
        parser.feed(file.read_text(encoding="utf-8"))
        parser.close()
        page.text = " ".join("".join(parser.article or parser.all_text).split())
        pages[rel] = page
    return Site(root, pages)
