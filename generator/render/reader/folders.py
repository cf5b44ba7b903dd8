"""Folder pages: a folder without a folder note gets a page listing its notes and subfolders, paged.

A folder note is the page MkDocs shows for the folder already: `Folder/index.md` (or README.md)
in the docs, or a note named like its folder (`Folder/Folder.md`, the folder-notes convention).
Other folders get `Folder/index.md` (page 1; with `navigation.indexes` the sidebar's section links
to it) and `Folder/obsidian-page-N.md` for pages 2 and up, which stay out of the
navigation (`generator.adapter.reader_site`). Notes are sorted by name (case-insensitively) or by
modified date, newest first.
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from generator.engine.model import Graph, VaultPath
from generator.render.layout import HOME_PATH, SUBPAGE_PREFIX, SiteLayout
from generator.render.reader.dates import note_dates
from generator.render.reader.options import ReaderOptions
from generator.render.templates import dump_yaml
from generator.render.text import escape_md
from generator.render.urls import md_href, page_url, quote_path

__all__ = ["ROOT_PAGE", "FolderPages", "folder_pages"]


@dataclass
class FolderPages:
    files: dict[str, str]  # docs path -> markdown
    urls: dict[str, str]  # vault folder -> site-relative URL of its page (generated or folder note)
    root: str | None = None  # docs path of the vault's top folder's list, when it has one
    root_listed: tuple[str, ...] = ()  # the docs paths of the notes that list shows


# The list of the notes in the vault's top folder: `obsidian-page-1.md`, ... at the docs' root (the
# home note is index.md), out of the navigation like every SUBPAGE_PREFIX page. Written when that
# folder holds more notes than the sidebar's window shows: its "… N more" link goes there.
ROOT_PAGE = f"{SUBPAGE_PREFIX}1.md"


def _folders(paths: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for path in paths:
        folder = posixpath.dirname(path)
        while folder and folder not in out:
            out.add(folder)
            folder = posixpath.dirname(folder)
    return out


def folder_pages(graph: Graph, layout: SiteLayout, options: ReaderOptions, udu: bool) -> FolderPages:
    notes = sorted(p for p in graph.notes if p in layout.pages)
    docs_taken = set(layout.pages.values()) | set(graph.attachments)
    folders = _folders(notes)
    children: dict[str, list[VaultPath]] = {}
    for path in notes:
        children.setdefault(posixpath.dirname(path), []).append(path)
    subfolders: dict[str, list[str]] = {}
    for folder in folders:
        subfolders.setdefault(posixpath.dirname(folder), []).append(folder)
    result = FolderPages({}, {})
    folder_docs: dict[str, str] = {}  # folder -> docs path of its page
    generate: list[str] = []
    for folder in sorted(folders):
        name = posixpath.basename(folder)
        own = f"{folder}/{name}.md"
        index = next(
            (f"{folder}/{n}" for n in ("index.md", "README.md") if f"{folder}/{n}" in docs_taken), None
        )
        if own in graph.notes and own in layout.pages:
            folder_docs[folder] = layout.pages[VaultPath(own)]
        elif index is not None:
            folder_docs[folder] = index
        elif options.folder_pages:
            folder_docs[folder] = f"{folder}/index.md"
            generate.append(folder)
    result.urls = {folder: quote_path(page_url(docs, udu)) for folder, docs in folder_docs.items()}
    for folder in generate:
        subs = [(s, folder_docs[s]) for s in sorted(subfolders.get(folder, [])) if s in folder_docs]
        result.files.update(_pages(graph, layout, options, folder, children.get(folder, []), subs))
    top = [p for p in children.get("", []) if layout.pages[p] != HOME_PATH]
    window = options.sidebar_window
    if options.folder_pages and window > 0 and len(top) > window and ROOT_PAGE not in docs_taken:
        subs = [(s, folder_docs[s]) for s in sorted(subfolders.get("", [])) if s in folder_docs]
        result.files.update(_pages(graph, layout, options, "", top, subs))
        result.root = ROOT_PAGE
        result.root_listed = tuple(sorted(layout.pages[p] for p in top))
    return result


def _pages(
    graph: Graph,
    layout: SiteLayout,
    options: ReaderOptions,
    folder: str,
    paths: list[VaultPath],
    subs: list[tuple[str, str]],
) -> dict[str, str]:
    dated = []
    for path in paths:
        note = graph.notes[path]
        _, modified = note_dates(note, options.mtimes.get(path))
        dated.append((note.title, modified, path))
    if options.folder_sort == "modified":
        dated.sort(key=lambda t: (-(t[1].timestamp() if t[1] else 0), t[0].lower(), t[2]))
    else:
        dated.sort(key=lambda t: (t[0].lower(), t[0], t[2]))
    size = options.folder_page_size
    count = max(1, math.ceil(len(dated) / size))
    name = posixpath.basename(folder) or options.site_name or "Notes"
    files: dict[str, str] = {}

    def docs(n: int) -> str:
        if not folder:  # the top folder: its pages beside the home note
            return f"{SUBPAGE_PREFIX}{n}.md"
        return f"{folder}/index.md" if n == 1 else f"{folder}/{SUBPAGE_PREFIX}{n}.md"

    for n in range(1, count + 1):
        here = docs(n)
        lines = []
        if n == 1 and subs:
            lines.append(
                "**Folders:** "
                + " · ".join(
                    f"[{escape_md(posixpath.basename(s))}]({md_href(here, target)})" for s, target in subs
                )
            )
            lines.append("")
        chunk = dated[(n - 1) * size : n * size]
        lines.append(
            f'<p class="obsidian-folder-count">{len(dated)} notes · sorted by {options.folder_sort} · page {n} of {count}</p>'
        )
        lines.append("")
        for title, modified, path in chunk:
            day = f" <small>{modified.date().isoformat()}</small>" if modified else ""
            lines.append(f"- [{escape_md(title)}]({md_href(here, layout.pages[path])}){day}")
        lines.append("")
        pager = []
        if n > 1:
            pager.append(f"[« Previous]({md_href(here, docs(n - 1))})")
        if n < count:
            pager.append(f"[Next »]({md_href(here, docs(n + 1))})")
        if pager:
            lines.append('<nav class="obsidian-folder-pager" markdown>' + " · ".join(pager) + "</nav>")
        fm = dump_yaml({"title": name if n == 1 else f"{name} ({n}/{count})", "hide": ["toc"]})
        files[here] = f"---\n{fm}---\n\n" + "\n".join(lines) + "\n"
    return files
