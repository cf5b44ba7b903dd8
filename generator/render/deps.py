"""What a page depends on, as one digest: an unchanged digest means an unchanged page.

A page is the product of its note's text, where its links land (docs paths and anchors), the
notes it embeds (transitively, with where *their* links land), the notes linking to it (their
titles and contexts: their text), the site layout's fixed parts, the generator's own code and the
versions of the markdown stack (`renderer_version`).
Editing a note re-renders it, the notes embedding it, the notes it links to (their backlinks
show its text), and the notes linking to it whenever their link's landing changes (a renamed
heading, a new permalink); a link's text is the linking note's own, so nothing else can change.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable

from generator import code_digest
from generator.engine.model import Graph, Note, VaultPath
from generator.render.layout import SiteLayout
from generator.render.options import RenderOptions
from generator.render.tags import tag_pages_inputs

__all__ = ["Dependencies", "renderer_version"]


def renderer_version() -> str:
    """A digest of what renders a page besides the vault: the generator's own code, templates and
    assets (all of the package: the renderer calls into the engine and the blocks), and the
    markdown stack's versions (the docs are written for them). A change to either renders
    everything again."""
    h = hashlib.sha1()
    h.update(code_digest.tree_digest(code_digest.GENERATOR).encode() + b"\0")
    h.update(code_digest.stack_versions().encode())
    return h.hexdigest()


class Dependencies:
    """Digests of pages, memoised per note for one render."""

    def __init__(self, graph: Graph, layout: SiteLayout, options: RenderOptions, version: str) -> None:
        self.graph = graph
        self.layout = layout
        h = hashlib.sha1(version.encode())
        h.update(
            repr(
                (
                    options.use_directory_urls,
                    options.embed_depth,
                    options.portable,
                    options.inline_code,
                    options.inline_math,
                    options.page_settings,
                    layout.tags_dir,
                    layout.home,
                    options.reader.digest_key(),
                )
            ).encode()
        )
        self._base = h.digest()
        self._dates = options.reader.dates
        self._tag_page_size = options.reader.tag_page_size
        self._mtimes = options.reader.mtimes
        self._local: dict[VaultPath, bytes] = {}
        self._text: dict[VaultPath, bytes] = {}
        self._vault: bytes | None = None
        self.vault_dir = options.vault_dir

    def text(self, path: VaultPath) -> bytes:
        """The note's text alone."""
        found = self._text.get(path)
        if found is None:
            found = self._text[path] = hashlib.sha1(self.graph.notes[path].text.encode()).digest()
        return found

    def local(self, path: VaultPath) -> bytes:
        """The note's text and where each of its links lands."""
        found = self._local.get(path)
        if found is None:
            h = hashlib.sha1(self.text(path))
            h.update(self.layout.pages.get(path, "").encode())
            if self._dates:  # the page shows the file's day when no property gives one
                h.update(str(int(self._mtimes.get(path, 0)) // 86400).encode())
            for res in self.graph.links.get(path, []):
                docs = (
                    self.layout.pages.get(res.target)
                    if res.target and res.target_kind == "note"
                    else res.target
                )
                h.update(repr((res.link.span.start, docs, res.anchor, res.problem)).encode())
            found = self._local[path] = h.digest()
        return found

    def tag_pages(self) -> str:
        """The digest of all tag pages together (a note's tags or title changing changes several)."""
        inputs = tag_pages_inputs(self.graph, self.layout) + repr(self._tag_page_size).encode()
        return hashlib.sha1(self._base + inputs).hexdigest()

    def vault(self) -> bytes:
        """Everything a base can list or read: every note's text and where its links land, every
        file's path, size and modification time, every `.base` file's text. A page showing a base
        depends on all of it (any note may start or stop matching its filters)."""
        if self._vault is None:
            h = hashlib.sha1()
            for path in sorted(self.graph.notes):
                h.update(path.encode() + b"\0" + self.local(path))
            for path in sorted(self.graph.attachments):
                h.update(path.encode() + b"\0")
                if self.vault_dir is not None:
                    try:
                        st = (self.vault_dir / path).stat()
                    except OSError:
                        continue
                    h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
                    if path.lower().endswith(".base"):
                        h.update((self.vault_dir / path).read_bytes())
            if self.vault_dir is not None:  # file.mtime of notes
                for path in sorted(self.graph.notes):
                    with contextlib.suppress(OSError):
                        h.update(str((self.vault_dir / path).stat().st_mtime_ns).encode())
            self._vault = h.digest()
        return self._vault

    def page(self, note: Note, embedded: Iterable[str], bases: bool = False) -> str:
        """The page's digest, given the notes its last render showed through embeds.

        Which notes a page embeds follows from its own text and theirs (and where their links
        land), so if none of those changed, the same notes are embedded again: the recorded set
        is exact, and no page pays for walking an embed graph that may reach the whole vault.
        """
        h = hashlib.sha1(self._base)
        h.update(self.local(note.path))
        if bases:
            h.update(self.vault())
        for path in sorted(embedded):
            h.update(path.encode() + (self.local(VaultPath(path)) if path in self.graph.notes else b"gone"))
        for src in sorted({r.source for r in self.graph.backlinks.get(note.path, [])}):
            if src in self.graph.notes:  # its title, page and context lines: its text
                h.update(f"{src}\0{self.layout.pages.get(src, '')}\0".encode() + self.text(src))
        return h.hexdigest()
