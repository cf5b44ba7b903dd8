"""Site-wide data, one JSON file each, loaded once by the browser and cached (no page inlines it).

- `graph.json`: `{"nodes": [{"id", "url", "title", "folder", "tags", "x", "y"}], "links": [i, j, ...]}`
  (links flat: source, target, source, target, ...):
  every published note, and each note-to-note link once per ordered pair (property links count,
  as in Obsidian's graph; embeds count as links). Positions come from `graph_layout.layout`.
- `explorer.json`: the vault's folder tree: `{"name", "url"?, "children"?}` per folder or note,
  folders first, then notes, each sorted by name (case-insensitively).
URLs are site-relative page URLs (`Folder/Note/`); the scripts join them to the site's base.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from generator.engine.model import Graph, VaultPath
from generator.render.layout import SiteLayout
from generator.render.reader.graph_layout import layout as force_layout
from generator.render.urls import page_url, quote_path

__all__ = ["explorer_data", "graph_data", "to_json"]


def to_json(data: Any) -> bytes:
    """Compact, key order as built: the same data gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _folder(path: str) -> str:
    return posixpath.dirname(path)


def graph_data(graph: Graph, layout: SiteLayout, use_directory_urls: bool) -> dict[str, Any]:
    paths = sorted(p for p in graph.notes if p in layout.pages)
    number = {p: i for i, p in enumerate(paths)}
    pairs: set[tuple[int, int]] = set()
    for source in paths:
        i = number[source]
        for res in graph.links.get(source, []):
            target = res.target
            if target is not None and res.target_kind == "note" and target != source and target in number:
                pairs.add((i, number[target]))
    links = sorted(pairs)
    positions = force_layout(len(paths), links)
    nodes = []
    for i, path in enumerate(paths):
        note = graph.notes[path]
        tags = sorted({t.key for t in note.parsed.tags})
        x, y = positions[i]
        nodes.append(
            {
                "id": i,
                "url": quote_path(page_url(layout.pages[path], use_directory_urls)),
                "title": note.title,
                "folder": _folder(path),
                "tags": tags,
                "x": x,
                "y": y,
            }
        )
    return {"nodes": nodes, "links": [i for pair in links for i in pair]}


def explorer_data(
    graph: Graph, layout: SiteLayout, use_directory_urls: bool, folder_urls: dict[str, str]
) -> dict[str, Any]:
    """The tree; `folder_urls`: folder -> the URL of its page (folder note or generated folder page)."""
    root: dict[str, Any] = {"name": "", "folders": {}, "notes": []}
    for path in sorted(p for p in graph.notes if p in layout.pages):
        node = root
        parts = path.split("/")
        for part in parts[:-1]:
            node = node["folders"].setdefault(part, {"name": part, "folders": {}, "notes": []})
        note = graph.notes[VaultPath(path)]
        node["notes"].append(
            {"name": note.title, "url": quote_path(page_url(layout.pages[path], use_directory_urls))}
        )

    def finish(node: dict[str, Any], folder: str) -> dict[str, Any]:
        children = [
            finish(sub, f"{folder}/{name}" if folder else name)
            for name, sub in sorted(node["folders"].items(), key=lambda kv: (kv[0].lower(), kv[0]))
        ]
        children += sorted(node["notes"], key=lambda n: (n["name"].lower(), n["name"], n["url"]))
        out: dict[str, Any] = {"name": node["name"]}
        if folder in folder_urls:
            out["url"] = folder_urls[folder]
        out["children"] = children
        return out

    return finish(root, "")
