"""Redirect pages for the `aliases` property.

An alias "GeLU" of `Functions/GELU.md` gets a small HTML file at `Functions/GeLU/index.html`
(URL `Functions/GeLU/`; `Functions/GeLU.html` without directory URLs) that redirects to the
note's page. The file rides with the note's page (`html_stash.Payload.files`) and the build writes it
into the site when it writes the page. An alias whose URL another page, folder or alias already
has is skipped with a warning; "/" in an alias becomes "-".
"""

from __future__ import annotations

import posixpath

from generator.engine.model import Code, Diagnostic, Graph, VaultPath
from generator.render.layout import SiteLayout
from generator.render.templates import template
from generator.render.urls import page_url, short_segment, url_between

__all__ = ["alias_redirects"]


def _alias_name(alias: str) -> str | None:
    name = alias.strip().replace("/", "-").replace("\\", "-")
    if not name or name.startswith(".") or any(ch in name for ch in "\x00\n\r"):
        return None
    return name


def alias_redirects(
    graph: Graph, layout: SiteLayout, use_directory_urls: bool
) -> tuple[dict[VaultPath, dict[str, str]], list[Diagnostic]]:
    """Per note, site path -> HTML of each of its redirects; a warning per alias that could not get one."""
    taken = {page_url(d, use_directory_urls).lower() for d in layout.pages.values()}
    for docs in layout.pages.values():  # folders are sections of the navigation: not redirects either
        parts = docs.lower().split("/")[:-1]
        taken.update("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    taken.add(f"{layout.tags_dir}/".lower())
    files: dict[VaultPath, dict[str, str]] = {}
    diagnostics: list[Diagnostic] = []
    for path in sorted(layout.pages):
        note = graph.notes[path]
        docs = layout.pages[path]
        target = page_url(docs, use_directory_urls)
        folder = posixpath.dirname(docs)
        for alias in note.aliases:
            name = _alias_name(alias)
            if name is None:
                continue
            stem = posixpath.join(folder, short_segment(name))
            file = f"{stem}/index.html" if use_directory_urls else f"{stem}.html"
            url = f"{stem}/" if use_directory_urls else file
            if url.lower() in taken:
                if url.lower() != target.lower():
                    diagnostics.append(
                        Diagnostic(
                            path,
                            0,
                            "warning",
                            Code.INVALID_PROPERTY,
                            f"alias {alias!r}: {url} is taken by another page",
                        )
                    )
                continue
            taken.add(url.lower())
            files.setdefault(path, {})[file] = template("alias_redirect.html.j2").render(
                title=note.title, url=url_between(url, target)
            )
    return files, diagnostics
