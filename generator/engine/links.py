"""What one link says: target, headings, block, alias and the text Obsidian shows for it.

Pure string work on a link already found by the parser (`generator.engine.parse`), so the rules
from Obsidian's help ("Internal links", "Embed files") sit in one small, testable place.
"""

from __future__ import annotations

import re
from sys import intern
from urllib.parse import unquote

from generator.engine.model import Link, LinkKind, Span

_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*:")


def is_external(destination: str) -> bool:
    """`https://...`, `mailto:...`, `obsidian://...`, `//host/...`: not a vault link."""
    return bool(_SCHEME.match(destination)) or destination.startswith("//")


def split_fragment(fragment: str) -> tuple[tuple[str, ...], str | None]:
    """Fragment "H1#H2" -> (("H1", "H2"), None); "^id" -> ((), "id"); "H1#^id" -> (("H1",), "id")."""
    if "#" not in fragment:  # one part, the usual case: what the general rule below gives
        part = fragment.strip()
        if part.startswith("^"):
            return (), part[1:].strip() or None
        return ((part,) if part else ()), None
    parts = [p.strip() for p in fragment.split("#")]
    block = None
    if parts and parts[-1].startswith("^"):
        block = parts.pop()[1:].strip() or None
    return tuple(p for p in parts if p), block


def display_text(target: str, headings: tuple[str, ...], block: str | None) -> str:
    """The text Obsidian shows for a link without alias.

    `[[Note]]` -> "Note", `[[Folder/Note]]` -> "Folder/Note" (as written),
    `[[Note#H1#H2]]` -> "Note > H1 > H2", `[[#Heading]]` -> "Heading", `[[Note#^id]]` -> "Note > ^id".
    """
    parts = [target] if target else []
    parts.extend(headings)
    if block:
        parts.append("^" + block)
    return " > ".join(parts)


# A link's fields but its span and source text: kind, target, headings, block, alias, text.
LinkFields = tuple[LinkKind, str, tuple[str, ...], str | None, str | None, str]


def wikilink(inner: str, embed: bool, span: Span, raw: str) -> Link | None:
    """`[[inner]]` or `![[inner]]`; None when there is nothing to link to."""
    fields = wikilink_fields(inner, embed)
    return None if fields is None else Link(*fields, span, intern(raw))


def wikilink_fields(inner: str, embed: bool) -> LinkFields | None:
    """The fields of `wikilink(inner, embed, ...)` (target and text interned); None when it is no link."""
    if not embed and "|" not in inner and "#" not in inner and "\\" not in inner:
        # [[Note]], most links in a vault: what the general rules below give, sooner
        target = intern(inner.strip())
        return ("wikilink", target, (), None, None, target) if target else None
    if "\\" in inner:
        inner = inner.replace("\\|", "|")  # the table-escaped pipe is the alias separator
    target_part, bar, alias_part = inner.partition("|")
    target, hash_, fragment = target_part.partition("#")
    target = target.strip()
    headings, block = split_fragment(fragment) if hash_ else ((), None)
    if not target and not headings and not block:
        return None
    alias = alias_part.strip() if bar else None
    if embed:
        text = alias if alias and not _is_size(alias) else target
    elif alias:
        text = alias
    else:
        text = display_text(target, headings, block) if hash_ else target
    kind: LinkKind = "embed" if embed else "wikilink"
    # A vault names each note many times: shared strings keep 500,000 links in memory budget.
    return kind, intern(target), headings, block, alias, intern(text)


def markdown_link(label: str, destination: str, embed: bool, span: Span, raw: str) -> Link | None:
    """`[label](destination)` or `![label](destination)`; None for external or empty links."""
    fields = markdown_fields(label, destination, embed)
    return None if fields is None else Link(*fields, span, raw)


def markdown_fields(label: str, destination: str, embed: bool) -> LinkFields | None:
    """The fields of `markdown_link(label, destination, embed, ...)`; None when it is no vault link."""
    destination = destination.strip()
    if not destination or is_external(destination):
        return None
    path, _, fragment = destination.partition("#")
    target = _unquote(path).strip()
    headings, block = split_fragment(_unquote(fragment)) if _ else ((), None)
    if not target and not headings and not block:
        return None
    alias = None
    text = label
    if embed and "|" in label:  # ![alt|300](img.png): Obsidian reads a size after the bar
        text, _, size = label.rpartition("|")
        alias = size.strip()
    kind: LinkKind = "markdown-embed" if embed else "markdown"
    return kind, target, headings, block, alias, text


def _unquote(text: str) -> str:
    """`urllib.parse.unquote`, without its work for the usual "%20"-only paths."""
    if "%" not in text:
        return text
    if text.count("%") == text.count("%20"):
        return text.replace("%20", " ")
    return unquote(text)


_SIZE = re.compile(r"\d+(?:x\d+)?")


def _is_size(alias: str) -> bool:
    return bool(_SIZE.fullmatch(alias.strip()))
