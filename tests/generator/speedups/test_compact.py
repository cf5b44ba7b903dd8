"""`generator.speedups.compact`: only whitespace HTML folds anyway goes, and never from content or preformatted text."""

from __future__ import annotations

import re
from pathlib import Path

from generator.speedups.compact import CONTENT, compact
from tests.generator.commands.test_build import build_home

PAGE = f"""<!doctype html>
<html>
  <head>
    <title>
      A  note
    </title>
    <style>
      .x {{ color: red; }}
    </style>
    <script id="__config" type="application/json">{{"a":
      1}}</script>
  </head>
  <body>
    <nav class="md-nav">
      <ul>
        <li class="md-nav__item">
          <a href="../x/" class="md-nav__link">
            <span class="md-ellipsis">
              Two  spaces stay
            </span>
          </a>
        </li>
      </ul>
    </nav>
    <textarea>
      kept
        as is
    </textarea>
    {CONTENT}
      <nav class="md-tags" >
        <span class="md-tag">
          a-tag
        </span>
      </nav>

      <pre><code>def f():
    return 1
</code></pre>
      <div class="arithmatex">\\[
      x % a TeX comment
      \\]</div>
      <p>text
         more</p>
    </article>
    <footer>
      <pre>  footer pre
   kept</pre>
    </footer>
  </body>
</html>
"""


def _folded(html: str) -> str:
    """What a browser makes of whitespace outside preformatted text: any run is one space."""
    return re.sub(r"\s+", " ", html)


def test_only_foldable_whitespace_goes() -> None:
    out = compact(PAGE)
    assert len(out) < len(PAGE) - 100
    assert _folded(out) == _folded(PAGE)
    kept = [m.group(0) for m in re.finditer(r"<(pre|textarea|script|style)\b.*?</\1>", PAGE, re.S)]
    content = PAGE[PAGE.index("<pre><code>def f") : PAGE.rindex("</p>") + 4]  # the note itself
    rest = out
    for region in [content, *kept]:
        assert region in out  # byte for byte: the note's content (code, TeX comments), preformatted text
        rest = rest.replace(region, "")
    assert "Two  spaces stay" in out  # runs without a line break are left alone
    assert re.search(r"\n[ \t]", rest) is None  # no indentation left elsewhere
    assert f'{CONTENT}\n<nav class="md-tags" >\n<span class="md-tag">\na-tag\n</span>\n</nav>\n<pre>' in out


def test_tag_chips_holding_preformatted_text_stay_as_they_are() -> None:
    page = PAGE.replace("a-tag", "<pre>  a\n   tag</pre>")
    out = compact(page)
    assert "<pre>  a\n   tag</pre>" in out and _folded(out) == _folded(page)
    assert page[page.index('<nav class="md-tags"') : page.rindex("</p>")] in out  # the chips not folded


def test_a_page_without_materials_content_is_left_alone() -> None:
    page = "<html>\n    <body>\n      <p>hi</p>\n    </body>\n</html>\n"
    assert compact(page) == page


def test_the_build_writes_compact_pages(tmp_path: Path) -> None:
    home = build_home(tmp_path, {"Home.md": "# Home\n\nSome text.\n\n```python\nx = 1\n    y = 2\n```\n"})
    assert CONTENT in home and "<nav" in home
    outside = home[: home.index(CONTENT)]
    assert re.search(r"\n[ \t]+<", outside) is None  # Material's indentation is gone
    assert "x = 1\n" in re.sub(r"<[^>]+>", "", home) and "    y = 2" in re.sub(r"<[^>]+>", "", home)
    missing = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert CONTENT in missing and re.search(r"\n[ \t]+<", missing) is None  # the 404 page too
