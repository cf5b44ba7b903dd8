"""Links and inline tags as Material-flavoured markdown.

- A resolved link becomes a relative markdown link to the target's .md file (or attachment)
  with the heading's or block's anchor: `[[Other#Part|see]]` -> `[see](Other.md#part)`.
- A link whose note exists but whose heading or block does not goes to the note, styled
  `.obsidian-missing-anchor` (Obsidian also opens the note).
- An unresolved link is shown, not clickable: `<span class="obsidian-unresolved">text</span>`.
- `#tag` becomes a link to the tag's page.
"""

from __future__ import annotations

import re

from generator.engine.model import Link, Resolution, Tag
from generator.render.layout import SiteLayout
from generator.render.text import attr_value, escape_html, escape_md
from generator.render.urls import md_href, page_url, url_from_page

__all__ = [
    "html_href",
    "is_external",
    "link_html",
    "link_text",
    "render_link",
    "render_tag",
    "tag_html",
    "unresolved_span",
]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# A wikilink text holding these would be marked up by some extension (math, highlight ...),
# a markdown link text holding these carries its own markup: such links stay markdown.
_WIKI_MARKUP = re.compile(r"[$=~*_`\\\[\]{}|]")
_MD_MARKUP = re.compile(r"[$=~*_`\\\[\]{}|&<>]")


def is_external(target: str) -> bool:
    """`https://...`, `mailto:...`, `obsidian://...`: left to the browser, never resolved."""
    return bool(_SCHEME.match(target)) and not re.match(r"^[A-Za-z]:[\\/]", target)


def link_text(link: Link) -> str:
    """The link's display text as markdown: markdown links keep their own markup, the rest is literal."""
    if link.kind == "markdown":
        return link.text
    return escape_md(link.text or link.target)


def unresolved_span(text: str, why: str, extra_class: str = "") -> str:
    classes = "obsidian-unresolved" + (f" {extra_class}" if extra_class else "")
    return f'<span class="{classes}" title="{escape_html(why)}">{escape_html(text)}</span>'


def render_link(res: Resolution, page: str, layout: SiteLayout) -> str:
    """Markdown for a (non-embed) link of a note rendered on the page at docs path `page`."""
    link = res.link
    if res.target is None:
        if link.kind == "markdown" and is_external(link.target):
            return link.raw
        return unresolved_span(link.text or link.target, res.problem or f"not found: {link.target}")
    if res.target_kind == "attachment":  # a base file's link goes to its page
        return f"[{link_text(link)}]({md_href(page, layout.bases.get(res.target, res.target))})"
    docs = layout.pages.get(res.target)
    if docs is None:  # resolved to a note that is not published
        return unresolved_span(link.text or link.target, res.problem or "not published")
    if res.problem:
        href = md_href(page, docs) if docs != page else "#"
        return f'[{link_text(link)}]({href}){{ .obsidian-missing-anchor title="{attr_value(res.problem)}" }}'
    return f"[{link_text(link)}]({md_href(page, docs, res.anchor)})"


def render_tag(tag: Tag, page: str, layout: SiteLayout) -> str:
    """`#ml/activation` -> a link to its tag page, keeping the text as written."""
    href = md_href(page, layout.tag_page(tag.key))
    return f"[#{escape_md(tag.name)}]({href}){{ .obsidian-tag }}"


def html_href(page: str, to_docs_path: str | None, anchor: str | None, use_directory_urls: bool) -> str:
    """`md_href`'s target as the URL MkDocs would have made of it (HTML-escaped, for raw HTML)."""
    fragment = f"#{anchor}" if anchor else ""
    if to_docs_path is None or (to_docs_path == page and fragment):
        return escape_html(fragment or "#")
    target = page_url(to_docs_path, use_directory_urls) if to_docs_path.endswith(".md") else to_docs_path
    return escape_html(url_from_page(page, target, use_directory_urls) + fragment)


def _html_text(link: Link) -> str | None:
    """The link's display text as HTML, or None when its markup needs Python-Markdown."""
    if link.kind == "markdown":
        return None if _MD_MARKUP.search(link.text) else link.text
    text = link.text or link.target
    return None if _WIKI_MARKUP.search(text) else escape_html(text)


def link_html(res: Resolution, page: str, layout: SiteLayout, use_directory_urls: bool) -> str | None:
    """`render_link` as the HTML MkDocs would have made of it; None where it must stay markdown."""
    link = res.link
    if res.target is None:
        if link.kind == "markdown" and is_external(link.target):
            return None
        return unresolved_span(link.text or link.target, res.problem or f"not found: {link.target}")
    text = _html_text(link)
    if text is None or res.target_kind == "attachment":  # MkDocs knows the URLs of notebooks and files
        return None
    docs = layout.pages.get(res.target)
    if docs is None:
        return unresolved_span(link.text or link.target, res.problem or "not published")
    if res.problem:
        href = html_href(page, docs, None, use_directory_urls) if docs != page else "#"
        title = escape_html(res.problem)
        return f'<a href="{href}" class="obsidian-missing-anchor" title="{title}">{text}</a>'
    return f'<a href="{html_href(page, docs, res.anchor, use_directory_urls)}">{text}</a>'


def tag_html(tag: Tag, page: str, layout: SiteLayout, use_directory_urls: bool) -> str:
    """`render_tag` as HTML."""
    href = html_href(page, layout.tag_page(tag.key), None, use_directory_urls)
    return f'<a href="{href}" class="obsidian-tag">#{escape_html(tag.name)}</a>'
