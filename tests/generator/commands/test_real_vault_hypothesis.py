"""Generated vaults: random properties (every YAML type, every key MkDocs or Material reads from a
page), random names (five scripts, emoji, combining marks, URL characters) and random Obsidian
syntax. The build never fails, every note gets a page, its body is on it, and the vault is unchanged."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.__main__ import main

# Keys MkDocs, Material or its plugins read from a page's front matter, and Obsidian's own.
RESERVED = [
    "icon",
    "status",
    "template",
    "hide",
    "search",
    "title",
    "tags",
    "nav",
    "edit_url",
    "description",
    "subtitle",
    "comments",
    "social",
    "render_macros",
    "redirect",
    "draft",
    "date",
    "authors",
    "slug",
    "mkdocs",
    "aliases",
    "cssclasses",
    "permalink",
    "publish",
    "toc",
    "meta",
    "is_homepage",
    "url",
]
NAME_PARTS = [
    "漢字",
    "ノート",
    "مرحبا",
    "שלום",
    "Привет",
    "नमस्ते",
    "🌳",
    "👩‍💻",
    "Café",
    unicodedata.normalize("NFD", "é"),
    "#",
    "^",
    "%",
    "&",
    "+",
    "?",
    "'",
    "(1)",
    " ",
    "a",
    "Note",
    "index",
    "日本語の長い名前" * 6,
]
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 1, 1))
    | st.datetimes(min_value=datetime.datetime(1900, 1, 1), max_value=datetime.datetime(2100, 1, 1))
    | st.sampled_from(["{{date}}", "trees", "yes", "no", "[toc]", "material/tree", "one, two", "#tag"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(RESERVED) | st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
PROPERTIES = st.dictionaries(st.sampled_from(RESERVED) | st.text(min_size=1, max_size=10), VALUES, max_size=6)
RAW_LINES = st.sampled_from(
    ["created: {{date}}", "title: {{title}}", "icon: trees", "hide: yes", "tags: one, two"]
)


def syntax(others: list[str]) -> st.SearchStrategy[str]:
    """One piece of Obsidian syntax, linking to the other notes by name."""
    target = st.sampled_from(others) if others else st.just("Nowhere")
    return st.one_of(
        target.map(lambda t: f"[[{t}]]"),
        target.map(lambda t: f"![[{t}]]"),
        target.map(lambda t: f"[[{t}#Heading|alias]]"),
        target.map(lambda t: f"[[{t}#^blk]]"),
        st.just("![[missing.png#interface]]"),
        st.just("![[talk.mp4#t=5]]"),
        st.just("> [!note]- Title\n> text\n>  ```md\n>  [[x]]\n>  ```\n> after"),
        st.just("> [!bogus] unknown type\n> > [!tip] nested"),
        st.just("```python\nprint('[[x]]')\n```"),
        st.just("```\nunclosed fence"),
        st.just("%% comment [[x]] %%"),
        st.just("%% unclosed comment"),
        st.just("$$\n\\frac{1}{2}\n$$"),
        st.just("$x^2$ and `code [[x]]` and ==mark== and ~~strike~~"),
        st.just("#tag #nested/tag/deep #123 #日本"),
        st.just("- [ ] task ^blk\n- [x] done\n  - nested"),
        st.just("| a | b |\n|---|---|\n| 1 | [[x\\|y]] |"),
        st.just("## Heading\ntext ^blk"),
        st.just("![[diagram.png]]^fig-1"),
        st.just("<div>raw <b>html</b></div>"),
        st.just("footnote[^1]\n\n[^1]: note"),
        st.just("{{date}} {{title}} <% tp.date.now() %>"),
        st.just("---"),
        st.just("[md link](Some%20Note.md) <https://example.org>"),
    )


@st.composite
def vaults(draw: st.DrawFn) -> dict[str, tuple[str, str]]:
    """Vault path -> (text, body word)."""
    count = draw(st.integers(1, 4))
    names: list[str] = []
    seen: set[str] = set()
    for _ in range(count):
        parts = draw(st.lists(st.sampled_from(NAME_PARTS), min_size=1, max_size=4))
        name = "".join(parts).strip()
        key = unicodedata.normalize("NFC", name).casefold()
        too_long = len(name.encode("utf-8")) > 240  # a file name holds 255 bytes at most
        if not name or name.startswith(".") or too_long or key in seen or key in ("index", "readme", "home"):
            continue
        seen.add(key)
        names.append(name)
    if not names:
        names = ["Note"]
    folder = draw(st.sampled_from(["", "Sub/", "日本語/", "🌳 Trees/"]))
    notes: dict[str, tuple[str, str]] = {}
    for n, name in enumerate(names):
        word = f"bodyword{n}x"
        props = draw(PROPERTIES)
        head = yaml.safe_dump(props, allow_unicode=True, sort_keys=False) if props else ""
        raw = draw(st.lists(RAW_LINES, max_size=2, unique=True))
        if raw:  # YAML that may not parse (placeholders), as templates hold
            head = "\n".join(raw) + "\n"
        pieces = draw(st.lists(syntax([m for m in names if m != name]), max_size=5))
        text = (
            (f"---\n{head}---\n" if head or draw(st.booleans()) else "") + f"{word}\n\n" + "\n\n".join(pieces)
        )
        notes[f"{folder if n % 2 else ''}{name}.md"] = (text + "\n", word)
    return notes


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(vaults())
def test_generated_vaults_build_whole(notes: dict[str, tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        vault = tmp / "vault"
        for path, (text, _) in notes.items():
            (vault / path).parent.mkdir(parents=True, exist_ok=True)
            (vault / path).write_text(text, encoding="utf-8")
        (vault / "diagram.png").write_bytes(b"\x89PNG")
        before = digest(vault)
        args = [
            "build",
            "--vault",
            str(vault),
            "--site-dir",
            str(tmp / "site"),
            "--build-dir",
            str(tmp / "b"),
        ]
        err = io.StringIO()
        with contextlib.chdir(tmp), contextlib.redirect_stderr(err):
            code = main([*args, "--no-bench", "-q", "-j", "1"])
        assert code == 0, err.getvalue()
        assert "Traceback" not in err.getvalue()
        manifest = json.loads((tmp / "site" / "vault-manifest.json").read_text(encoding="utf-8"))
        assert set(manifest["notes"]) == set(notes)
        for path, (_, word) in notes.items():
            page = tmp / "site" / unquote(manifest["notes"][path]) / "index.html"
            assert word in page.read_text(encoding="utf-8"), path
        assert digest(vault) == before
