"""A notebook placed in the vault is published as a page by mkdocs-jupyter, and a note can link to it."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from generator.__main__ import main

MARKER = "vault-notebook-marker-7f3a"


@pytest.mark.slow
def test_notebook_in_the_vault_is_rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = tmp_path / "vault"
    (vault / "Lab").mkdir(parents=True)
    (vault / "index.md").write_text("# Home\n\nSee [[Lab/Experiment.ipynb]].\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# Experiment\n\n{MARKER}"),
        nbformat.v4.new_code_cell("print(1 + 1)", outputs=[nbformat.v4.new_output("stream", text="2\n")]),
    ]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    nbformat.write(nb, str(vault / "Lab" / "Experiment.ipynb"))
    before = (vault / "Lab" / "Experiment.ipynb").read_bytes()

    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    code = main(
        ["build", "--vault", str(vault), "--site-dir", str(site), "--build-dir", str(tmp_path / "b"), "-q"]
    )

    assert code == 0
    pages = [p for p in site.rglob("*.html") if MARKER in p.read_text(encoding="utf-8")]
    assert [p.relative_to(site).as_posix() for p in pages] == ["Lab/Experiment/index.html"]
    html = pages[0].read_text(encoding="utf-8")
    assert (
        "print" in html and "jp-OutputArea" in html
    )  # the code cell and its output, as mkdocs-jupyter renders
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Lab/Experiment/" in home  # the wikilink leads to the rendered notebook
    assert (vault / "Lab" / "Experiment.ipynb").read_bytes() == before
