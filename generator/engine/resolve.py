"""Links to targets, as Obsidian resolves them, and the one link graph built from them.

Every lookup is a dictionary access on an index built once (`LinkIndex`), never a scan of
the vault, so 500,000 links resolve in well under a second.

How a link path finds its file (the order Obsidian uses; help.obsidian.md "Internal links",
and `MetadataCache.getFirstLinkpathDest` in its API):

1. relative to the folder of the linking note (this is how a note in the same folder wins
   when several notes share a name);
2. from the vault root (Obsidian's "absolute path in vault" links);
3. by name anywhere ("shortest path when possible" links): among the files whose path ends
   with the link path, the one with the fewest folders, then the first in code-point order.
   A link path starting with "./" or "../" is relative only, one starting with "/" is
   vault-absolute only: neither falls back to a name lookup.

At each step an exact match wins over a case-insensitive one, which wins over a match after
Unicode NFC normalisation. A link without extension names a note ("Note" -> "Note.md");
one with an extension other than .md names that file (an attachment, found by name anywhere).
Aliases never resolve a link (Obsidian leaves `[[Alias]]` unresolved); the problem message
names the note that has the alias.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable

from generator.engine.model import (
    BlockId,
    Code,
    Diagnostic,
    Graph,
    Heading,
    Link,
    Note,
    Problem,
    Resolution,
    VaultPath,
)
from generator.engine.paths import join_link, nfc

__all__ = ["EMBED_DEPTH_LIMIT", "LinkIndex", "build_graph", "heading_key"]

EMBED_DEPTH_LIMIT = 10  # embeds nested deeper than this are cut on the page, with a warning

_NON_WORD = re.compile(r"[\W_]+")


def heading_key(text: str) -> str:
    """Loose form of a heading for matching links: Obsidian's link suggester drops
    `# | ^ : % [ ]` from headings, and matching ignores case."""
    return " ".join(_NON_WORD.sub(" ", nfc(text).casefold()).split())


def _fold(path: str) -> str:
    return nfc(path).casefold()


class LinkIndex:
    """Every file of the vault by path, by folded path and by name: the only lookups."""

    def __init__(
        self,
        notes: dict[VaultPath, Note],
        attachments: Iterable[VaultPath],
        excluded: Iterable[VaultPath] = (),
    ) -> None:
        self.notes = notes
        self.attachments = set(attachments)
        files = sorted([*notes, *self.attachments])
        # File name (folded) -> (path, lower-cased, folded) of every file with that name, fewest
        # folders first, then in code-point order: the order the name rule picks in.
        by_name: dict[str, list[tuple[VaultPath, str, str]]] = defaultdict(list)
        for p in files:
            by_name[_fold(p.rpartition("/")[2])].append((p, p.lower(), _fold(p)))
        for candidates in by_name.values():
            candidates.sort(key=lambda c: (c[0].count("/"), c[0]))
        self._by_name = dict(by_name)
        self._excluded: dict[str, VaultPath] = {}
        for p in sorted(excluded):
            self._excluded.setdefault(_fold(p), p)
            self._excluded.setdefault(posixpath.basename(_fold(p)), p)
        self._aliases: dict[str, VaultPath] = {}
        for path in sorted(notes):
            for alias in notes[path].aliases:
                self._aliases.setdefault(_fold(alias), path)
        self._heading_cache: dict[VaultPath, dict[str, list[int]]] = {}
        self._fold_cache: dict[str, str] = {}
        # Link path -> the file it names from every folder: a name only one file has, or a path
        # whose answer no folder changes (see `_anywhere`). Most links are answered here.
        self._unique: dict[str, VaultPath] = {}
        self._key_cache: dict[str, str] = {}
        self._block_cache: dict[VaultPath, dict[str, BlockId]] = {}
        # Note -> its headings by exact text (the first of each): a link names most as written.
        self._exact_headings: dict[VaultPath, dict[str, Heading]] = {}
        # Link path -> (the file it names from a folder holding none of its candidates, the
        # folders (lower-cased and folded) that do hold one): see `_anywhere`.
        self._anywhere_cache: dict[
            str, tuple[tuple[VaultPath | None, Problem | None] | None, frozenset[str]]
        ] = {}
        self._folder_keys: dict[str, tuple[str, str]] = {}

    # -- files
    @staticmethod
    def _match(candidates: list[tuple[VaultPath, str, str]], path: str) -> VaultPath | None:
        """The candidate at `path`: exact, else case-insensitive, else after NFC normalisation."""
        for c in candidates:
            if c[0] == path:
                return c[0]
        low = path.lower()
        for c in candidates:
            if c[1] == low:
                return c[0]
        if not path.isascii():
            folded = _fold(path)
            for c in candidates:
                if c[2] == folded:
                    return c[0]
        return None

    def _name_key(self, name: str) -> str:
        key = self._fold_cache.get(name)
        if key is None:
            key = self._fold_cache[name] = _fold(name)
        return key

    @staticmethod
    def _by_suffix(candidates: list[tuple[VaultPath, str, str]], link_path: str) -> VaultPath | None:
        """The first candidate whose path ends with `link_path` (exact, lower-case, folded)."""
        for tier, want in ((0, link_path), (1, link_path.lower()), (2, _fold(link_path))):
            tail = "/" + want
            for c in candidates:
                if c[tier] == want or c[tier].endswith(tail):
                    return c[0]
        return None

    def find(self, source: VaultPath, target: str) -> tuple[VaultPath | None, Problem | None]:
        """The file `target` (a link path written in `source`) names, or None and why not."""
        found = self._unique.get(target)
        if found is not None:
            return found, None
        return self._find(source.rpartition("/")[0], target)

    def _find(self, folder: str, target: str) -> tuple[VaultPath | None, Problem | None]:
        name = target.rpartition("/")[2]
        dot = name.rfind(".")
        ext = name[dot:].lower() if dot > 0 else ""
        forms = [target] if ext == ".md" else [target + ".md", target]
        if ".." in target and join_link(folder, target) is None:
            return None, Problem(Code.UNSAFE_PATH, f"'{target}' points outside the vault")
        relative_only = target.startswith(("./", "../")) or target in (".", "..")
        absolute_only = target.startswith("/")
        for form in forms:
            candidates = self._by_name.get(self._name_key(form.rpartition("/")[2]))
            if not candidates:
                continue
            if len(candidates) == 1 and "/" not in form:
                # A unique name: every rule below picks it, from whichever note links to it.
                self._unique[target] = candidates[0][0]
                return candidates[0][0], None
            joined = join_link(folder, form)
            found = self._match(candidates, joined) if joined is not None else None
            if found is not None:
                return found, None
            if relative_only:
                continue
            rooted = join_link("", form)
            found = self._match(candidates, rooted) if rooted is not None else None
            if found is None and not absolute_only:
                found = self._by_suffix(candidates, form.lstrip("/"))
            if found is not None:
                return found, None
        excluded = None
        if self._excluded:
            excluded = next(
                (e for e in map(self._excluded.get, map(_fold, self._paths(folder, forms))) if e), None
            )
        if excluded is not None:
            return None, Problem(Code.EXCLUDED_TARGET, f"'{target}' is excluded from the site ({excluded})")
        alias = self._aliases.get(_fold(target))
        if alias is not None:
            return (
                None,
                Problem(
                    Code.UNRESOLVED_LINK,
                    f"no note named '{target}' ('{alias}' has it as an alias: link [[{alias[:-3]}|{target}]])",
                ),
            )
        what = "note" if ext in ("", ".md") else "file"
        return None, Problem(Code.UNRESOLVED_LINK, f"no {what} named '{target}' in the vault")

    def _anywhere(self, folder: str, target: str) -> tuple[VaultPath | None, Problem | None] | None:
        """`_find(folder, target)` when it does not depend on `folder`, else None.

        A vault-absolute link path ("/A/Note") never looks at the linking note's folder. For a
        plain one ("Note", "A/Note.md": no leading "/" or ".", no "..", "//" or "/."), `_find`
        first tries `folder/path`; when no candidate lies there, the answer is the one from the
        vault root (the reason it gives for a missing file too, unless the vault excludes files,
        which it names by folder). So that answer is computed once per link path, with the
        folders where a candidate does lie, whose lookups go through `_find`."""
        entry = self._anywhere_cache.get(target)
        if entry is None:
            entry = self._anywhere_cache[target] = self._anywhere_entry(target)
            if entry[0] is not None and entry[0][0] is not None and not entry[1]:
                self._unique[target] = entry[0][0]  # found the same from every folder
        result, folders = entry
        if result is None or not folders or not folder:
            return result
        keys = self._folder_keys.get(folder)
        if keys is None:
            keys = self._folder_keys[folder] = (folder.lower(), _fold(folder))
        if keys[0] in folders or keys[1] in folders:
            return None
        return result

    def _anywhere_entry(
        self, target: str
    ) -> tuple[tuple[VaultPath | None, Problem | None] | None, frozenset[str]]:
        if target.startswith("/"):
            return self._find("", target), frozenset()
        if not target or target.startswith(".") or ".." in target or "/." in target or "//" in target:
            return None, frozenset()
        result = self._find("", target)
        if result[0] is None and self._excluded:
            return None, frozenset()
        name = target.rpartition("/")[2]
        dot = name.rfind(".")
        ext = name[dot:].lower() if dot > 0 else ""
        folders: set[str] = set()
        for form in [target] if ext == ".md" else [target + ".md", target]:
            low, folded = "/" + form.lower(), "/" + _fold(form)
            for _, c_low, c_folded in self._by_name.get(self._name_key(form.rpartition("/")[2]), ()):
                if c_low.endswith(low):
                    folders.add(c_low[: -len(low)])
                if c_folded.endswith(folded):
                    folders.add(c_folded[: -len(folded)])
        return result, frozenset(folders)

    def _paths(self, folder: str, forms: list[str]) -> Iterable[str]:
        for form in forms:
            for base in (folder, ""):
                joined = join_link(base, form)
                if joined is not None:
                    yield joined
            if "/" not in form:
                yield form

    # -- inside notes
    def heading(self, path: VaultPath, headings: tuple[str, ...]) -> Heading | None:
        """The heading `[[Note#H1#H2]]` names: H2 inside H1's section (each level a filter)."""
        if len(headings) == 1:  # the common case: a heading written exactly as in the note first
            exact = self._exact_headings.get(path)
            if exact is None:
                note = self.notes.get(path)
                if note is None:
                    return None
                exact = self._exact_headings[path] = {}
                for h in note.parsed.headings:
                    exact.setdefault(h.text, h)
            written = exact.get(headings[0])
            if written is not None:
                return written
        note = self.notes.get(path)
        if note is None or not headings:
            return None
        all_headings = note.parsed.headings
        index = self._heading_cache.get(path)
        if index is None:
            index = defaultdict(list)
            for k, h in enumerate(all_headings):
                index[heading_key(h.text)].append(k)
            self._heading_cache[path] = index
        if len(headings) == 1:  # the common case, without the chain's bookkeeping
            key = self._key_cache.get(headings[0])
            if key is None:
                key = self._key_cache[headings[0]] = heading_key(headings[0])
            found = index.get(key)
            if not found:
                return None
            wanted = headings[0].strip()
            for k in found:
                if all_headings[k].text == wanted:
                    return all_headings[k]
            return all_headings[found[0]]
        return self._chain(all_headings, index, headings, 0, len(all_headings))

    def _chain(
        self,
        all_headings: list[Heading],
        index: dict[str, list[int]],
        wanted: tuple[str, ...],
        lo: int,
        hi: int,
    ) -> Heading | None:
        """The first heading named wanted[0] in [lo, hi) under which the rest of the chain is found."""
        key = self._key_cache.get(wanted[0])
        if key is None:
            key = self._key_cache[wanted[0]] = heading_key(wanted[0])
        candidates = [k for k in index.get(key, ()) if lo <= k < hi]
        exact = [k for k in candidates if all_headings[k].text == wanted[0].strip()]
        for k in exact + [k for k in candidates if k not in exact]:
            heading = all_headings[k]
            if len(wanted) == 1:
                return heading
            end = next((j for j in range(k + 1, hi) if all_headings[j].level <= heading.level), hi)
            found = self._chain(all_headings, index, wanted[1:], k + 1, end)
            if found is not None:
                return found
        return None

    def block(self, path: VaultPath, block: str) -> BlockId | None:
        note = self.notes.get(path)
        if note is None:
            return None
        index = self._block_cache.get(path)
        if index is None:
            index = {}
            for b in note.parsed.block_ids:
                index.setdefault(b.id, b)
                index.setdefault(b.id.lower(), b)
            self._block_cache[path] = index
        return index.get(block) or index.get(block.lower())

    def resolve(self, source: VaultPath, link: Link) -> Resolution:
        """Where `link`, written in `source`, points: target file, anchor, or the problem."""
        return self.resolve_all(source, (link,))[0]

    def resolve_all(self, source: VaultPath, links: Iterable[Link]) -> list[Resolution]:
        """`resolve(source, link)` of each link, in order."""
        return self._resolve_into(source, links, defaultdict(list), [])

    def _resolve_into(
        self,
        source: VaultPath,
        links: Iterable[Link],
        backlinks: defaultdict[VaultPath, list[Resolution]],
        notable: list[Resolution],
    ) -> list[Resolution]:
        """`resolve_all(source, links)`, adding each resolution to `backlinks[target]` when it
        resolves, and to `notable` when it does not, has a problem or embeds a note: what
        build_graph collects, without a second pass over half a million resolutions."""
        folder = source.rpartition("/")[0]
        unique = self._unique
        notes = self.notes
        resolutions: list[Resolution] = []
        for link in links:
            target = source
            if path := link.target:
                found = unique.get(path)  # find()'s fast path, inlined
                if found is None:
                    found, problem = self._anywhere(folder, path) or self._find(folder, path)
                    if found is None:
                        r = Resolution(source, link, None, None, None, problem)
                        resolutions.append(r)
                        notable.append(r)
                        continue
                target = found
            if target not in notes:
                r = Resolution(source, link, target, "attachment", None, None)
            elif link.headings or link.block:
                anchor, problem = self._anchor(target, link.headings, link.block)
                r = Resolution(source, link, target, "note", anchor, problem)
                if problem is not None or link.kind in _EMBED_KINDS:
                    notable.append(r)
            else:
                r = Resolution(source, link, target, "note", None, None)
                if link.kind in _EMBED_KINDS:
                    notable.append(r)
            resolutions.append(r)
            backlinks[target].append(r)
        return resolutions

    def _anchor(
        self, target: VaultPath, headings: tuple[str, ...], block: str | None
    ) -> tuple[str | None, Problem | None]:
        """The anchor of `[[target#H1#H2]]`, `[[target#^id]]` or `[[target#H#^id]]`, or the problem."""
        anchor = problem = None
        if headings:
            heading = self.heading(target, headings)
            if heading is None:
                shown = "#".join(headings)
                problem = Problem(Code.MISSING_HEADING, f"no heading '{shown}' in {target}")
            else:
                anchor = heading.anchor
        if block and problem is None:
            found = self.block(target, block)
            if found is None:
                problem = Problem(Code.MISSING_BLOCK, f"no block '^{block}' in {target}")
            else:
                anchor = "^" + found.id
        return anchor, problem

    def section(self, path: VaultPath, headings: tuple[str, ...]) -> tuple[int, int] | None:
        """Lines (1-based, inclusive) of a heading's section: to the next heading of its level or higher."""
        heading = self.heading(path, headings)
        if heading is None:
            return None
        note = self.notes[path]
        end = note.text.count("\n") + (0 if note.text.endswith("\n") else 1)  # the last line
        after = False
        for h in note.parsed.headings:
            if h is heading:
                after = True
            elif after and h.level <= heading.level:
                end = h.line - 1
                break
        return heading.line, end


def build_graph(
    notes: dict[VaultPath, Note],
    attachments: Iterable[VaultPath],
    excluded: Iterable[VaultPath] = (),
    diagnostics: Iterable[Diagnostic] = (),
) -> Graph:
    """Resolve every link of every note; collect backlinks, unresolved links, tags and cycles."""
    excluded = set(excluded)
    index = LinkIndex(notes, attachments, excluded)
    graph = Graph(
        notes=notes,
        attachments=set(index.attachments),
        links={},
        backlinks={},
        unresolved=[],
        tags={},
        embed_cycles=[],
        diagnostics=list(diagnostics),
        excluded=excluded,
    )
    graph.index = index
    backlinks: defaultdict[VaultPath, list[Resolution]] = defaultdict(list)
    tags: dict[str, dict[VaultPath, None]] = defaultdict(dict)
    problems = graph.diagnostics
    embeds: dict[VaultPath, list[Resolution]] = {}
    for path in sorted(notes):
        note = notes[path]
        problems.extend(note.parsed.diagnostics)
        notable: list[Resolution] = []
        graph.links[path] = index._resolve_into(path, note.parsed.links, backlinks, notable)
        for r in notable:
            if r.target is None:
                graph.unresolved.append(r)
            elif r.target_kind == "note" and r.link.kind in _EMBED_KINDS:
                embeds.setdefault(path, []).append(r)
            if r.problem is not None:
                problems.append(_diagnostic(r))
        for tag in note.parsed.tags:
            key = tag.key
            tags[key][path] = None
            while "/" in key:  # "a/b/c" also counts for "a/b" and "a"
                key = key.rpartition("/")[0]
                tags[key][path] = None
    graph.backlinks = dict(backlinks)
    graph.tags = {key: list(paths) for key, paths in sorted(tags.items()) if key}
    _embed_cycles(graph, embeds)
    return graph


def _diagnostic(r: Resolution) -> Diagnostic:
    link = r.link
    where = r.source
    line = link.span.line
    shown = link.raw or link.target
    problem = r.problem
    assert problem is not None
    code = problem.code
    if code is Code.UNSAFE_PATH:
        return Diagnostic(where, line, "warning", code, f"link {shown} refused: {problem}")
    if code is Code.EXCLUDED_TARGET:
        return Diagnostic(where, line, "warning", code, f"link {shown} is unresolved: {problem}")
    if r.target is not None:  # a missing heading or block (Code.MISSING_HEADING, .MISSING_BLOCK)
        return Diagnostic(where, line, "error", code, f"link {shown}: {problem}")
    ext = posixpath.splitext(link.target)[1].lower()
    if ext not in ("", ".md") and ext[1:].isalnum():
        return Diagnostic(
            where, line, "error", Code.MISSING_ATTACHMENT, f"missing attachment {shown}: {problem}"
        )
    return Diagnostic(where, line, "error", Code.UNRESOLVED_LINK, f"unresolved link {shown}: {problem}")


_EMBED_KINDS = frozenset(("embed", "markdown-embed"))


def _embed_cycles(graph: Graph, edges: dict[VaultPath, list[Resolution]]) -> None:
    """Cycles of note embeds (A embeds B embeds A), found by an iterative depth-first search,
    and chains of embeds deeper than EMBED_DEPTH_LIMIT; both become warnings.

    `edges`: each note's embeds of notes, in document order."""
    state: dict[VaultPath, int] = {}  # 1 on the stack, 2 done
    depth: dict[VaultPath, int] = {}
    seen_cycles: set[frozenset[VaultPath]] = set()
    for root in sorted(edges):
        if root in state:
            continue
        stack: list[tuple[VaultPath, int]] = [(root, 0)]
        chain: list[VaultPath] = [root]
        state[root] = 1
        while stack:
            node, k = stack[-1]
            out = edges.get(node, [])
            if k < len(out):
                stack[-1] = (node, k + 1)
                r = out[k]
                nxt = r.target
                assert nxt is not None
                s = state.get(nxt)
                if s == 1:
                    cycle = (*chain[chain.index(nxt) :], nxt)
                    key = frozenset(cycle)
                    if key not in seen_cycles:
                        seen_cycles.add(key)
                        graph.embed_cycles.append(cycle)
                        shown = " -> ".join(cycle)
                        graph.diagnostics.append(
                            Diagnostic(
                                node,
                                r.link.span.line,
                                "warning",
                                Code.EMBED_CYCLE,
                                f"embed cycle {shown}: cut on the page",
                            )
                        )
                elif s is None:
                    state[nxt] = 1
                    stack.append((nxt, 0))
                    chain.append(nxt)
            else:
                stack.pop()
                chain.pop()
                state[node] = 2
                depth[node] = max(  # embed levels below this note (0: it embeds no note)
                    (
                        1 + depth.get(r.target, 0)
                        for r in out
                        if r.target is not None and state.get(r.target) == 2
                    ),
                    default=0,
                )
                if depth[node] > EMBED_DEPTH_LIMIT and all(
                    depth.get(r.target, 0) <= EMBED_DEPTH_LIMIT for r in out if r.target is not None
                ):
                    graph.diagnostics.append(
                        Diagnostic(
                            node,
                            out[0].link.span.line,
                            "warning",
                            Code.EMBED_DEPTH,
                            f"embeds nest {depth[node]} deep from here (limit {EMBED_DEPTH_LIMIT}): cut on the page",
                        )
                    )
