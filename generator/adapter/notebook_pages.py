"""Notebooks as markdown pages, for engines without a notebook plugin (Zensical).

MkDocs and ProperDocs render every `.ipynb` of the docs with mkdocs-jupyter. Zensical runs no such
plugin and copies a notebook as a plain file, so its links would download the JSON. For it, each
notebook becomes `<stem>.md` beside it (nbconvert's markdown exporter: markdown cells as written,
code cells as fenced code, text outputs as code blocks, images as files in `<stem>_files/`), and the
docs' markdown links to the notebook are pointed at that page. Notebooks are not executed: the page
shows the outputs saved in the file, as mkdocs-jupyter (`execute: false`) does.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from generator.files import atomic_write
from generator.render.templates import dump_yaml

__all__ = ["NotebookPages", "convert_notebooks", "notebook_page"]

# A markdown link (or image) whose target is a .ipynb file, with an optional fragment.
_NOTEBOOK_LINK = re.compile(r"(\]\()(<?)([^)\s<>]+?\.ipynb)(#[^)\s>]*)?(>?)(?=[)\s])")


@dataclass
class NotebookPages:
    """What `convert_notebooks` did: pages written, and notebooks it could not turn into pages."""

    pages: list[str] = field(default_factory=list)  # docs-relative .md paths
    problems: list[str] = field(default_factory=list)  # "path: why"


def notebook_page(source: bytes, stem: str) -> tuple[str, dict[str, bytes]]:
    """A notebook's markdown page (front matter with its title) and its output files (name -> bytes,
    relative to the page's folder)."""
    import nbformat
    from nbconvert.exporters import MarkdownExporter

    nb = nbformat.reads(source.decode("utf-8"), as_version=4)
    resources = {"output_files_dir": f"{stem}_files", "unique_key": stem}
    body, out = MarkdownExporter().from_notebook_node(nb, resources=resources)
    title = stem
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            if first.startswith("# "):
                title = first[2:].strip()
            break
    outputs = {name: data for name, data in (out.get("outputs") or {}).items() if isinstance(data, bytes)}
    return f"---\n{dump_yaml({'title': title})}---\n\n{body.strip()}\n", outputs


def convert_notebooks(docs: Path) -> NotebookPages:
    """Write a page beside every notebook of `docs` and point the docs' links at it (in place: `docs`
    is an engine's own copy of the portable docs, whose files may be hard links to the docs': every
    file is replaced, never written through)."""
    done = NotebookPages()
    converted: set[str] = set()
    for path in sorted(docs.rglob("*.ipynb")):
        rel = path.relative_to(docs).as_posix()
        page = path.with_suffix(".md")
        if page.exists():
            done.problems.append(f"{rel}: not shown as a page: {page.name} is already a page")
            continue
        try:
            text, outputs = notebook_page(path.read_bytes(), path.stem)
        except Exception as exc:  # nbformat's and nbconvert's errors: a bad file, not a bug of ours
            done.problems.append(f"{rel}: not shown as a page: {type(exc).__name__}: {exc}")
            continue
        atomic_write(page, text.encode("utf-8"))
        for name, data in outputs.items():
            out = path.parent / name
            out.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(out, data)
        converted.add(rel)
        done.pages.append(page.relative_to(docs).as_posix())
    if converted:
        for md in docs.rglob("*.md"):
            text = md.read_text(encoding="utf-8")
            if ".ipynb" in text:
                new = _relink(text, md.relative_to(docs).as_posix(), converted)
                if new != text:  # a new file, not written through: the copy's files are hard links
                    atomic_write(md, new.encode("utf-8"))
    return done


def _relink(text: str, page: str, notebooks: set[str]) -> str:
    folder = posixpath.dirname(page)

    def swap(m: re.Match[str]) -> str:
        target = m.group(3)
        if "://" in target:
            return m.group(0)
        resolved = posixpath.normpath(posixpath.join(folder, unquote(target)))
        if resolved not in notebooks:
            return m.group(0)
        new = target[: -len(".ipynb")] + ".md"
        return f"{m.group(1)}{m.group(2)}{new}{m.group(4) or ''}{m.group(5)}"

    return _NOTEBOOK_LINK.sub(swap, text)
