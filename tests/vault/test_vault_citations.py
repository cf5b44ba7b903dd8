"""The vault's citations: links that name their target, one year per work, real PyTorch pages, and the
figures quoted from Shazeer (2020) as the paper prints them.

Every arXiv id, DOI and quoted figure in the notes was checked by hand against the paper or its
landing page; these tests keep later edits from drifting from what was checked: a label that no
longer matches its link, a work cited with two different years, a PyTorch link to a class torch does
not have, a perplexity that differs between the notes or from the paper.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

import pytest
import torch

VAULT = Path(__file__).resolve().parents[2] / "vault"

# A cited work in a bullet: "(year), *Title*" and, later in the same clause, its arXiv or DOI link.
CITATION = re.compile(
    r"\((?P<year>\d{4})\), \*(?P<title>[^*\n]+)\*[^\[;\n]*?"
    r"\[(?P<label>(?:arXiv|doi):[^\]]+)\]\((?P<url>https://(?:arxiv\.org/abs|doi\.org)/[^)\s]+)\)"
)
ID_LINK = re.compile(r"\[(?P<label>(?:arXiv|doi):[^\]]+)\]\((?P<url>https?://[^)\s]+)\)")
PYTORCH_LINK = re.compile(r"\((https?://(?:docs\.)?pytorch\.org/[^)\s]*)\)")
PYTORCH_GENERATED = re.compile(
    r"https://docs\.pytorch\.org/docs/stable/generated/(?P<name>torch(?:\.\w+)+)\.html"
)
# PyTorch pages the notes link that are not a generated page of one function or class.
PYTORCH_PAGES = {
    "https://docs.pytorch.org/docs/stable/nn.html#non-linear-activations-weighted-sum-nonlinearity",
    "https://docs.pytorch.org/docs/stable/nn.functional.html",
    "https://docs.pytorch.org/docs/stable/nn.init.html",
    "https://docs.pytorch.org/docs/stable/notes/extending.html",
}

# Table 1 of Noam Shazeer (2020), "GLU Variants Improve Transformer", arXiv:2002.05202: held-out
# log-perplexity after 65,536 and after 524,288 steps, copied by hand from the paper.
SHAZEER_TABLE_1 = {
    "ReLU (baseline)": ("1.997", "1.677"),
    "GELU": ("1.983", "1.679"),
    "Swish": ("1.994", "1.683"),
    "GLU": ("1.982", "1.663"),
    "Bilinear": ("1.960", "1.648"),
    "GeGLU": ("1.942", "1.633"),
    "SwiGLU": ("1.944", "1.636"),
    "ReGLU": ("1.953", "1.645"),
}
TABLE_ROW = re.compile(
    r"^\| (?P<name>[^|]+?) \| \**(?P<short>[\d.]+)\** \| \**(?P<long>[\d.]+)\** \|$", re.MULTILINE
)


def _notes() -> list[tuple[str, str]]:
    return [(str(p.relative_to(VAULT)), p.read_text(encoding="utf-8")) for p in sorted(VAULT.rglob("*.md"))]


def _text(path: str) -> str:
    """A note's text with runs of whitespace collapsed, so line wrapping never breaks a phrase."""
    return " ".join((VAULT / path).read_text(encoding="utf-8").split())


def test_arxiv_and_doi_labels_name_the_linked_id() -> None:
    wrong = []
    for path, text in _notes():
        for m in ID_LINK.finditer(text):
            kind, _, ident = m["label"].partition(":")
            expected = f"https://arxiv.org/abs/{ident}" if kind == "arXiv" else f"https://doi.org/{ident}"
            if unquote(m["url"]) != expected:
                wrong.append(f"{path}: [{m['label']}]({m['url']})")
    assert wrong == []


def test_every_work_has_one_year_and_one_title() -> None:
    years: dict[str, set[str]] = defaultdict(set)
    titles: dict[str, set[str]] = defaultdict(set)
    for _, text in _notes():
        for m in CITATION.finditer(text):
            years[m["url"]].add(m["year"])
            titles[m["url"]].add(m["title"])
    assert len(years) > 100, "the citation pattern no longer matches the notes' bullets"
    assert {url: ys for url, ys in years.items() if len(ys) > 1} == {}
    # A note may shorten a title ("Batch Normalization"), but never cite a different one.
    clashes = {}
    for url, ts in titles.items():
        longest = max(ts, key=len).lower()
        if any(not longest.startswith(t.lower()) for t in ts):
            clashes[url] = ts
    assert clashes == {}


def test_pytorch_links_use_the_docs_site_and_name_real_objects() -> None:
    wrong = []
    for path, text in _notes():
        for url in PYTORCH_LINK.findall(text):
            if url in PYTORCH_PAGES:
                continue
            m = PYTORCH_GENERATED.fullmatch(url)
            if m is None:
                wrong.append(f"{path}: {url} (not docs.pytorch.org/docs/stable/generated/torch.<name>.html)")
                continue
            obj: object = torch
            for part in m["name"].split(".")[1:]:
                obj = getattr(obj, part, None)
            if obj is None:
                wrong.append(f"{path}: {url} (torch has no {m['name']})")
    assert wrong == []


def test_glu_note_prints_shazeers_table_1() -> None:
    text = (VAULT / "Functions/GLU.md").read_text(encoding="utf-8")
    rows = {m["name"]: (m["short"], m["long"]) for m in TABLE_ROW.finditer(text)}
    assert rows == SHAZEER_TABLE_1


@pytest.mark.parametrize(
    ("path", "phrases"),
    [
        (
            "Functions/SwiGLU.md",
            (
                "SwiGLU scored {SwiGLU[0]} after 65,536 training steps and {SwiGLU[1]} after 524,288",
                "GeGLU's {GeGLU[0]} and {GeGLU[1]}",
                "ReGLU's {ReGLU[0]} and {ReGLU[1]}",
                "ReLU baseline's {relu[0]} and {relu[1]}",
            ),
        ),
        (
            "Functions/GeGLU.md",
            (
                "{GeGLU[0]} against {SwiGLU[0]} after 65,536 steps, {GeGLU[1]} against {SwiGLU[1]} after 524,288",
            ),
        ),
    ],
)
def test_notes_quote_shazeers_figures(path: str, phrases: tuple[str, ...]) -> None:
    values = {"relu": SHAZEER_TABLE_1["ReLU (baseline)"], **SHAZEER_TABLE_1}
    text = _text(path)
    missing = [phrase.format(**values) for phrase in phrases if phrase.format(**values) not in text]
    assert missing == []
