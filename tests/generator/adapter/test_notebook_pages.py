"""Notebooks as markdown pages for engines without a notebook plugin (generator.adapter.notebook_pages)."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
from nbformat import v4

from generator.adapter.notebook_pages import convert_notebooks

pytestmark = pytest.mark.slow  # nbconvert takes seconds to load

PNG = Path(__file__).resolve().parents[2] / "fixtures" / "engines_vault" / "images" / "pic.png"


def _notebook(path: Path) -> None:
    nb = v4.new_notebook()
    nb.cells = [
        v4.new_markdown_cell("# Lab notes\n\nmarker-3b1"),
        v4.new_code_cell("print(6 * 7)", outputs=[v4.new_output("stream", text="42\n")]),
        v4.new_code_cell(
            "plot()",
            outputs=[
                v4.new_output("display_data", data={"image/png": base64.b64encode(PNG.read_bytes()).decode()})
            ],
        ),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def test_page_holds_cells_outputs_and_image_files(tmp_path: Path) -> None:
    _notebook(tmp_path / "Lab" / "My Run.ipynb")
    done = convert_notebooks(tmp_path)
    assert done.pages == ["Lab/My Run.md"] and done.problems == []
    page = (tmp_path / "Lab" / "My Run.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: Lab notes\n---\n")
    assert "marker-3b1" in page and "print(6 * 7)" in page and "42" in page
    images = list((tmp_path / "Lab").glob("My Run_files/*.png"))
    assert len(images) == 1 and images[0].read_bytes() == PNG.read_bytes()
    assert f"](My%20Run_files/{quote(images[0].name)})" in page


def test_links_to_a_converted_notebook_lead_to_its_page(tmp_path: Path) -> None:
    _notebook(tmp_path / "Lab" / "My Run.ipynb")
    (tmp_path / "_notebooks").mkdir()
    (tmp_path / "_notebooks" / "x.ipynb.json").write_text("{}", encoding="utf-8")
    (tmp_path / "Notes").mkdir()
    note = tmp_path / "Notes" / "Index.md"
    note.write_text(
        "See [the run](../Lab/My%20Run.ipynb#top), [download](../_notebooks/x.ipynb.json), "
        "[other](../Lab/Other.ipynb) and [web](https://example.com/a.ipynb).\n",
        encoding="utf-8",
    )
    convert_notebooks(tmp_path)
    assert note.read_text(encoding="utf-8") == (
        "See [the run](../Lab/My%20Run.md#top), [download](../_notebooks/x.ipynb.json), "
        "[other](../Lab/Other.ipynb) and [web](https://example.com/a.ipynb).\n"
    )


def test_a_page_of_the_same_name_is_kept_and_reported(tmp_path: Path) -> None:
    _notebook(tmp_path / "Run.ipynb")
    (tmp_path / "Run.md").write_text("# Mine\n", encoding="utf-8")
    (tmp_path / "Bad.ipynb").write_text("not json", encoding="utf-8")
    done = convert_notebooks(tmp_path)
    assert done.pages == []
    assert (tmp_path / "Run.md").read_text(encoding="utf-8") == "# Mine\n"
    assert len(done.problems) == 2
    assert done.problems[1].startswith("Run.ipynb: not shown as a page: Run.md is already a page")
    assert done.problems[0].startswith("Bad.ipynb: not shown as a page:")
