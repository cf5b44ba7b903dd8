"""What `render_site` takes and gives back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.engine.model import Diagnostic, Resolution, VaultPath
from generator.render.page_settings import PageSettings
from generator.render.reader.options import ReaderOptions

__all__ = ["DEFAULT_HOME", "RenderOptions", "RenderResult"]

# Vault paths tried in order for the home page (matched case-insensitively at the vault root).
DEFAULT_HOME: tuple[str, ...] = ("index.md", "Home.md", "README.md")


@dataclass(frozen=True)
class RenderOptions:
    """Settings of one render; every default is the one a plain `python -m generator build` uses."""

    vault_dir: Path | None = None  # attachments are copied from here (None: none are copied)
    home: tuple[str, ...] = DEFAULT_HOME  # candidate vault paths of the home note, first found wins
    embed_depth: int = 10  # embeds nested deeper than this are cut with a visible marker
    cache_dir: Path | None = None  # render cache (render.json) and computed blocks' cache
    device: str = "auto"  # for computed blocks: "cpu", "cuda", or "auto" (cuda when torch sees one)
    measure: bool = True  # False (--no-bench): computed blocks time nothing
    use_directory_urls: bool = True  # must match mkdocs.yml: raw HTML (media, redirects) needs page URLs
    progress: Callable[[int, int], None] | None = None  # (pages done, pages in all)
    jobs: int = 1  # processes the pages are rendered in (forked; generator/forking.py)
    # True: docs any MkDocs (or a compatible tool) builds alone: links stay markdown links, backlinks
    # and alias redirects are docs files; slower. False: pre-rendered HTML (generator/render/html_stash.py)
    # that needs the PreRenderedHtml plugin, which the generator's build and MkDocs plugin add.
    portable: bool = False
    # Inline code and `$...$` math pre-rendered as the markdown extensions would (Python-Markdown's
    # backticks; pymdownx.arithmatex, generic); off when the site's config renders them otherwise
    # (`generator.adapter.config.inline_html`).
    inline_code: bool = True
    inline_math: bool = True
    # Where Material page settings come from and how they are checked (`mkdocs:` property, allow-list).
    page_settings: PageSettings = PageSettings()
    reader: ReaderOptions = field(default_factory=ReaderOptions)  # previews, graph, properties ... (issue 14)


@dataclass
class RenderResult:
    """Where each note landed and what the render found."""

    pages: dict[VaultPath, str]  # vault path -> docs-relative .md path
    written: int = 0  # files written (new or changed content)
    unchanged: int = 0  # files whose content was already right
    rendered: list[VaultPath] = field(default_factory=list)  # notes rendered this time (others: cache hits)
    removed: int = 0  # files of an earlier render that are gone now (deleted notes ...)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # embed cycles/depth, blocks, permalinks
    unresolved: list[Resolution] = field(default_factory=list)
