"""Where everything lands in the docs folder: the URL rules of the site.

- A note keeps its vault path: `Folder/My Note.md` -> `Folder/My Note.md` -> URL `Folder/My%20Note/`.
  MkDocs handles spaces and Unicode; navigation then follows the vault's folders.
- The home note (the first of `RenderOptions.home` found at the vault root, matched
  case-insensitively; else the first note by folder depth and path) becomes `index.md`.
- `permalink: some/page` puts the note at `some/page.md` (URL `some/page/`); a trailing "/" gives
  `some/page/index.md`. A permalink that leaves the docs folder, starts with ".", or is taken by
  another page is ignored with a warning.
- A canvas gets the page `Board.canvas.md` (URL `Board.canvas/`): its own name, beside a note `Board.md`.
- A folder or file name longer than a file system allows once it is a site folder (over 200 bytes
  of UTF-8) is shortened, with a hash of the whole name (`urls.short_path`); so are tag pages.
- Attachments keep their vault path. Tag pages live under `tags/` (`_tags/` if the vault has a
  `tags` folder): `tags/index.md` lists every tag, `tags/ml/activation.md` is the tag `#ml/activation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.engine.model import Code, Diagnostic, Graph, VaultPath
from generator.render.urls import short_path

__all__ = ["HOME_PATH", "SUBPAGE_PREFIX", "SiteLayout", "plan_layout"]

HOME_PATH = "index.md"
# Pages 2 and up of a folder's or a tag's list of notes: `Folder/obsidian-page-2.md`,
# `tags/ml/obsidian-page-2.md` (no Obsidian tag holds this name); they stay out of the navigation.
SUBPAGE_PREFIX = "obsidian-page-"


@dataclass
class SiteLayout:
    pages: dict[VaultPath, str]  # vault path -> docs path of its page
    home: VaultPath | None  # the note that became index.md (None: a generated home page)
    tags_dir: str = "tags"
    diagnostics: list[Diagnostic] = field(default_factory=list)
    bases: dict[VaultPath, str] = field(default_factory=dict)  # `.base` file -> docs path of its page
    permalinks: dict[VaultPath, str] = field(default_factory=dict)  # notes its `permalink` placed

    def tag_page(self, tag_key: str, number: int = 1) -> str:
        """The docs path of page `number` of the tag's list of notes."""
        if number > 1:
            return short_path(f"{self.tags_dir}/{tag_key}/{SUBPAGE_PREFIX}{number}.md")
        return short_path(f"{self.tags_dir}/{tag_key}.md")

    @property
    def tags_index(self) -> str:
        return f"{self.tags_dir}/index.md"


def _find_home(graph: Graph, candidates: tuple[str, ...]) -> VaultPath | None:
    by_lower = {p.lower(): p for p in sorted(graph.notes, reverse=True)}  # exact case wins below
    for candidate in candidates:
        if candidate in graph.notes:
            return VaultPath(candidate)
        if "/" not in candidate and candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    notes = [p for p in graph.notes if p.lower().endswith(".md")]  # a canvas is never the home page
    if not notes:
        return None
    return min(notes, key=lambda p: (p.count("/"), p))


def _permalink_path(value: object) -> str | None:
    """The docs path a `permalink` property asks for, or None when it is not a usable path."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip().replace("\\", "/")
    trailing = raw.endswith("/")
    parts = [p for p in raw.strip("/").split("/") if p]
    if not parts or any(p in (".", "..") or p.startswith(".") for p in parts):
        return None
    path = "/".join(parts)
    if trailing:
        return f"{path}/index.md"
    return short_path(path if path.lower().endswith(".md") else f"{path}.md")


def plan_layout(graph: Graph, home_candidates: tuple[str, ...]) -> SiteLayout:
    """Docs paths for every note (home, permalinks, vault paths), with a warning per refused permalink."""
    home = _find_home(graph, home_candidates)
    pages: dict[VaultPath, str] = {}
    taken: set[str] = set()
    diagnostics: list[Diagnostic] = []
    if home is not None:
        pages[home] = HOME_PATH
        taken.add(HOME_PATH)
    wanted: dict[VaultPath, str] = {}
    for path in sorted(graph.notes):
        if path == home:
            continue
        raw = graph.notes[path].properties.get("permalink")
        if raw is None:
            continue
        docs = _permalink_path(raw)
        if docs is None or docs in taken or docs in graph.notes:
            diagnostics.append(
                Diagnostic(
                    path,
                    0,
                    "warning",
                    Code.INVALID_PROPERTY,
                    f"permalink {raw!r} is unusable or taken; ignored",
                )
            )
            continue
        wanted[path] = docs
        taken.add(docs)
    pages.update(wanted)
    for path in sorted(graph.notes):
        if path in pages:
            continue
        docs = str(path) if path.lower().endswith(".md") else f"{path}.md"  # Board.canvas -> Board.canvas.md
        docs = short_path(docs)
        if docs in taken:  # e.g. a root index.md while Home.md is the home page
            stem = docs[: -len(".md")]
            docs = next(f"{stem}-{n}.md" for n in range(2, 10_000) if f"{stem}-{n}.md" not in taken)
        pages[path] = docs
        taken.add(docs)
    used = taken | set(graph.attachments)
    folders = {d.split("/")[0] for d in used} | {d[: -len(".md")] for d in used if d.endswith(".md")}
    tags_dir = "tags" if "tags" not in folders else "_tags"
    # A base's page sits beside the note that usually embeds it: "Books.base" -> "Books.base.md".
    bases = {
        p: f"{p}.md"
        for p in sorted(graph.attachments)
        if p.lower().endswith(".base") and f"{p}.md" not in taken
    }
    return SiteLayout(
        pages=pages, home=home, tags_dir=tags_dir, diagnostics=diagnostics, bases=bases, permalinks=wanted
    )
