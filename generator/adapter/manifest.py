"""`site/vault-manifest.json`: where each note of the vault ended up, and which links found nothing.

Schema (DESIGN.md, "The manifest"):
`{"notes": {"<path in vault>.md": "<page url>"}, "unresolved": [{"source", "line", "target"}], "generator": "<version>"}`.
A page URL is the one MkDocs gives the page, relative to the site root and percent-encoded
("Folder/My%20note/", "./" for the home page); other tools (and the tests) find pages through it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from mkdocs.structure.files import File

from generator import __version__
from generator.adapter.config import MANIFEST_NAME
from generator.engine.model import Resolution, VaultPath
from generator.files import write_if_changed


@dataclass(frozen=True, order=True)
class UnresolvedLink:
    source: str  # vault path of the note the link is in
    line: int  # 1-based line of the link in that note
    target: str  # the link's target as written, with its heading or block part


@dataclass(frozen=True)
class Manifest:
    notes: dict[str, str]
    unresolved: list[UnresolvedLink]
    generator: str = __version__

    def to_json(self) -> str:
        data = {
            "notes": self.notes,
            "unresolved": [asdict(u) for u in self.unresolved],
            "generator": self.generator,
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def page_url(docs_path: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page built from `docs_path` (docs-relative .md path)."""
    return File(docs_path, src_dir=None, dest_dir="", use_directory_urls=use_directory_urls).url


def link_target(resolution: Resolution) -> str:
    link = resolution.link
    target = link.target
    if link.headings:
        target += "#" + "#".join(link.headings)
    if link.block:
        target += "#^" + link.block
    return target


def build_manifest(
    pages: Mapping[VaultPath, str], unresolved: Iterable[Resolution], use_directory_urls: bool = True
) -> Manifest:
    """`pages`: vault path -> docs-relative .md path (the renderer's RenderResult.pages)."""
    notes = {
        str(vault_path): page_url(docs_path, use_directory_urls)
        for vault_path, docs_path in sorted(pages.items())
    }
    links = sorted({UnresolvedLink(r.source, r.link.span.line, link_target(r)) for r in unresolved})
    return Manifest(notes=notes, unresolved=links)


def write_manifest(manifest: Manifest, site_dir: Path) -> Path:
    path = site_dir / MANIFEST_NAME
    write_if_changed(path, manifest.to_json().encode("utf-8"))
    return path
