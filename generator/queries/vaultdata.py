"""What a base can ask about a vault file, computed once per file and shared by every base of a render.

Rows are every published file of the vault: notes, attachments and base files (Obsidian's rule:
"by default a base includes every file in the vault"). Note properties are converted once into
the language's values: a `"[[Note]]"` string becomes a Link, a date (YAML's, or an ISO string as
Obsidian's date and datetime properties store them) a Date.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.engine.model import Graph, VaultPath
from generator.engine.model import Link as EngineLink
from generator.queries.values import Date, Link, from_python_date, from_timestamp, parse_date

__all__ = ["FileStat", "VaultData", "stat_reader"]


@dataclass(frozen=True, slots=True)
class FileStat:
    size: int
    ctime: float  # seconds since the epoch (birth time where the file system keeps it)
    mtime: float


def stat_reader(root: os.PathLike[str] | str) -> Callable[[VaultPath], FileStat | None]:
    """Sizes and times of vault files, read (never written) under `root`."""

    def read(path: VaultPath) -> FileStat | None:
        try:
            st = os.stat(os.path.join(root, path))
        except OSError:
            return None
        birth = getattr(st, "st_birthtime", None)
        ctime = birth if birth else min(st.st_ctime, st.st_mtime)
        return FileStat(st.st_size, ctime, st.st_mtime)

    return read


_WIKILINK = re.compile(r"^\s*!?\[\[([^\[\]]+)\]\]\s*$")
_MDLINK = re.compile(r"^\s*\[([^\]]*)\]\(([^)\s]+)\)\s*$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # "https:", "obsidian:": never a vault file
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


class VaultData:
    """Facts of the graph's files for bases, memoised (one instance per render; fork-safe)."""

    def __init__(self, graph: Graph, stat: Callable[[VaultPath], FileStat | None] | None = None) -> None:
        self.graph = graph
        self._stat = stat
        self.files: list[VaultPath] = sorted([*graph.notes, *graph.attachments])
        self._file_set = set(self.files)
        self._props: dict[VaultPath, dict[str, Any]] = {}
        self._targets: dict[VaultPath, frozenset[VaultPath]] = {}
        self._tags: dict[VaultPath, frozenset[str]] = {}
        self._stats: dict[VaultPath, FileStat | None] = {}
        self._links: dict[tuple[str, str], VaultPath | None] = {}
        self._file_links: dict[tuple[VaultPath, bool], list[Link]] = {}
        self._by_name: list[VaultPath] | None = None
        self._names: set[str] | None = None

    def _may_exist(self, target: str) -> bool:
        """False when no file's name (with or without ".md"), case-folded, is the target's last part."""
        if self._names is None:
            names: set[str] = set()
            for p in self.files:
                name = p.rpartition("/")[2].casefold()
                names.add(name)
                if name.endswith(".md"):
                    names.add(name[:-3])
            for note in self.graph.notes.values():  # the engine also finds a note by an alias
                names.update(alias.casefold() for alias in note.aliases)
            self._names = names
        name = target.partition("#")[0].strip().rpartition("/")[2].casefold()
        return name in self._names or unicodedata.normalize("NFC", name) in self._names or "%" in name

    def files_by_name(self) -> list[VaultPath]:
        """Every file in file-name order (natural, case-insensitive): the order rows start in."""
        if self._by_name is None:
            from generator.queries.ops import order_key

            self._by_name = sorted(self.files, key=lambda p: (order_key(p.rpartition("/")[2]), p))
        return self._by_name

    def exists(self, path: str) -> bool:
        return path in self._file_set

    # -- links

    def resolve(self, source: VaultPath, target: str) -> VaultPath | None:
        """The file a link written in `source` names (the engine's rules), or None."""
        # A link's target depends on the folder it is written in, not on the note.
        key = (source.rpartition("/")[0], target)
        if key in self._links:
            return self._links[key]
        found: VaultPath | None = None
        if target in self._file_set:
            found = VaultPath(target)
        elif target and not self._may_exist(target):
            found = None  # no file has that name: unresolved from every folder
        elif target:
            name, _, _ = target.partition("#")
            if name:
                res = self.graph.resolve(source, EngineLink("wikilink", name.strip(), text=name))
                found = res.target
        self._links[key] = found
        return found

    def make_link(self, source: VaultPath, text: str, display: Any = None) -> Link:
        """`link("Note")`, `link("[[Note|shown]]")`: a Link resolved from `source`."""
        m = _WIKILINK.match(text)
        if m is not None:
            inner = m.group(1)
            target, bar, alias = inner.partition("|")
            if bar and display is None:
                display = alias.strip()
            text = target.strip()
        path = None if _SCHEME.match(text) else self.resolve(source, text)
        return Link(text, display, path)

    def file_link(self, path: VaultPath, display: Any = None) -> Link:
        target = path[:-3] if path.lower().endswith(".md") else path
        return Link(target, display, path)

    def _body_links(self, path: VaultPath) -> list[Any]:
        """The engine's resolutions of links in the note's body (property links come from `properties`,
        whether or not the engine lists them too)."""
        note = self.graph.notes.get(path)
        if note is None:
            return []
        start = note.parsed.body_start
        return [r for r in self.graph.links.get(path, []) if r.link.span.start >= start]

    def property_links(self, path: VaultPath) -> list[Link]:
        """Links written in the note's properties, in order (`categories: ["[[Books]]"]`)."""
        out: list[Link] = []

        def walk(value: Any) -> None:
            if isinstance(value, Link):
                out.append(value)
            elif isinstance(value, list):
                for v in value:
                    walk(v)
            elif isinstance(value, dict):
                for v in value.values():
                    walk(v)

        walk(list(self.properties(path).values()))
        return out

    def links(self, path: VaultPath, embeds: bool) -> list[Link]:
        """`file.links` (properties' links first, then the body's) or `file.embeds`, in document order."""
        found = self._file_links.get((path, embeds))
        if found is None:
            found = self._file_links[(path, embeds)] = self._links_of(path, embeds)
        return list(found)

    def _links_of(self, path: VaultPath, embeds: bool) -> list[Link]:
        out = [] if embeds else list(self.property_links(path))
        for res in self._body_links(path):
            link = res.link
            if link.is_embed != embeds or link.target == "":
                continue
            out.append(Link(link.target, link.alias if not embeds else None, res.target))
        return out

    def backlinks(self, path: VaultPath) -> list[Link]:
        sources = sorted({r.source for r in self.graph.backlinks.get(path, []) if r.source != path})
        return [self.file_link(s) for s in sources]

    def targets(self, path: VaultPath) -> frozenset[VaultPath]:
        """Every file `path` links to or embeds (Obsidian's resolved links)."""
        found = self._targets.get(path)
        if found is None:
            body = (r.target for r in self.graph.links.get(path, []) if r.target is not None)
            props = (link.path for link in self.property_links(path) if link.path is not None)
            found = self._targets[path] = frozenset([*body, *props])
        return found

    # -- properties and tags

    def properties(self, path: VaultPath) -> dict[str, Any]:
        found = self._props.get(path)
        if found is None:
            note = self.graph.notes.get(path)
            found = (
                {} if note is None else {str(k): self.convert(path, v) for k, v in note.properties.items()}
            )
            self._props[path] = found
        return found

    def convert(self, source: VaultPath, value: Any) -> Any:
        """A YAML value as a value of the language."""
        if value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, str):
            if "[[" in value:
                m = _WIKILINK.match(value)
                if m is not None:
                    return self.make_link(source, value)
            elif "](" in value:
                m = _MDLINK.match(value)
                if m is not None:
                    return self.make_link(source, m.group(2), m.group(1) or None)
            if _ISO.match(value):
                return parse_date(value) or value
            return value
        if isinstance(value, dt.date):
            return from_python_date(value)
        if isinstance(value, list):
            return [self.convert(source, v) for v in value]
        if isinstance(value, dict):
            return {str(k): self.convert(source, v) for k, v in value.items()}
        return str(value)

    def tag_keys(self, path: VaultPath) -> frozenset[str]:
        """The file's tags, lower-cased, with their parents ("a/b" gives "a" too)."""
        found = self._tags.get(path)
        if found is None:
            keys: set[str] = set()
            note = self.graph.notes.get(path)
            for tag in note.parsed.tags if note is not None else ():
                parts = tag.key.split("/")
                keys.update("/".join(parts[: n + 1]) for n in range(len(parts)))
            found = self._tags[path] = frozenset(keys)
        return found

    def tags(self, path: VaultPath) -> list[str]:
        """`file.tags`: each tag once, as first written, with "#"."""
        note = self.graph.notes.get(path)
        seen: dict[str, str] = {}
        # Properties' tags (line 0) first, then the body's: the order they are written in.
        for tag in sorted(note.parsed.tags, key=lambda t: t.line) if note is not None else ():
            seen.setdefault(tag.key, "#" + tag.name)
        return list(seen.values())

    # -- the file system

    def stat(self, path: VaultPath) -> FileStat | None:
        if path not in self._stats:
            self._stats[path] = self._stat(path) if self._stat is not None else None
        return self._stats[path]

    def size(self, path: VaultPath) -> int | None:
        st = self.stat(path)
        if st is not None:
            return st.size
        note = self.graph.notes.get(path)
        return len(note.text.encode("utf-8")) if note is not None else None

    def time(self, path: VaultPath, which: str) -> Date | None:
        st = self.stat(path)
        if st is None:
            return None
        return from_timestamp(st.ctime if which == "ctime" else st.mtime)

    @staticmethod
    def folder(path: VaultPath) -> str:
        folder = posixpath.dirname(path)
        return folder if folder else "/"
