"""Shared by the test_render_* modules: the fixture vault rendered through the real engine."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.engine.model import Graph
from generator.engine.vault import load_vault
from generator.render import RenderOptions, RenderResult, render_site
from generator.render.html_stash import expand, split

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VAULT = FIXTURES / "render_vault"
EXPECTED = FIXTURES / "render_expected"


@dataclass
class Rendered:
    graph: Graph
    result: RenderResult
    docs: Path
    cache: Path

    def read(self, docs_path: str) -> str:
        """A docs file as a reader of the page sees it: pre-rendered HTML in place, the tail at the end."""
        return expanded((self.docs / docs_path).read_text(encoding="utf-8"))

    def raw(self, docs_path: str) -> str:
        """A docs file as MkDocs gets it (tokens and the payload)."""
        return (self.docs / docs_path).read_text(encoding="utf-8")

    def page(self, docs_path: str) -> tuple[dict[str, Any], str]:
        """Front matter and body of a rendered page."""
        text = self.read(docs_path)
        assert text.startswith("---\n")
        head, _, body = text[4:].partition("\n---\n")
        return yaml.safe_load(head), body


def expanded(text: str) -> str:
    """`text` with its tokens replaced by their HTML and its tail (backlinks) after a blank line."""
    markdown, payload = split(text)
    if payload is None:
        return text
    body = expand(markdown, payload, tail_mark=False)
    return f"{body.rstrip()}\n\n{payload.tail}" if payload.tail else body


def render_vault(tmp: Path, vault: Path = VAULT, **options: Any) -> Rendered:
    """Render `vault` into `tmp/docs` (cache in `tmp/cache`)."""
    docs, cache = tmp / "docs", tmp / "cache"
    graph = load_vault(vault)
    result = render_site(graph, docs, RenderOptions(vault_dir=vault, cache_dir=cache, **options))
    return Rendered(graph, result, docs, cache)


def copy_vault(tmp: Path) -> Path:
    """A writable copy of the fixture vault (for tests that edit notes)."""
    dest = tmp / "vault"
    shutil.copytree(VAULT, dest)
    return dest
