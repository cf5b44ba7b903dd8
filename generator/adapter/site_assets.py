"""Files the site ships besides the pages: MathJax, so math is typeset with no network access.

MathJax 3 comes from the `django-static-mathjax` wheel (a plain copy of MathJax's files; it needs no
Django). Only what the browser loads is copied: the `tex-svg-full` bundle, one 2.3 MB file with every
TeX extension included (nothing is fetched on demand) and SVG output (no web fonts to load; the
CommonHTML output's woff fonts did not load in headless Chromium).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.adapter.config import SiteAssets

MATH_DIR = "_math"  # site-relative folder of the math assets
_BUNDLE = "tex-svg-full.js"

# Material's recipe for arithmatex (generic) + MathJax 3; typesets again after instant navigation.
MATHJAX_CONFIG = """\
window.MathJax = {
  tex: {
    inlineMath: [["\\\\(", "\\\\)"]],
    displayMath: [["\\\\[", "\\\\]"]],
    processEscapes: true,
    processEnvironments: true
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex"
  }
};
if (typeof document$ !== "undefined") {
  document$.subscribe(function () {
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.output && mj.typesetPromise) {
      if (mj.startup.output.clearCache) mj.startup.output.clearCache();  // CommonHTML only
      mj.typesetClear();
      mj.texReset();
      mj.typesetPromise();
    }
  });
}
"""


def mathjax_root() -> Path:
    """MathJax's `es5` folder inside the installed wheel."""
    import mathjax  # the django-static-mathjax distribution

    root = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (root / _BUNDLE).is_file():
        raise FileNotFoundError(f"MathJax bundle missing: {root / _BUNDLE}")
    return root


def math_assets() -> SiteAssets:
    """What the pages load for math, in order: the config first, then MathJax itself."""
    return SiteAssets(javascript=(f"{MATH_DIR}/mathjax-config.js", f"{MATH_DIR}/mathjax/{_BUNDLE}"))


def page_assets(portable: bool = False) -> SiteAssets:
    """What every page loads: the renderer's stylesheets and scripts, then math."""
    from generator.render import CSS, JAVASCRIPT, PORTABLE_JAVASCRIPT

    math = math_assets()
    scripts = math.javascript + tuple(JAVASCRIPT) + (tuple(PORTABLE_JAVASCRIPT) if portable else ())
    return SiteAssets(css=tuple(CSS) + math.css, javascript=scripts)


def _copy_if_changed(src: Path, dest: Path) -> None:
    if (
        dest.is_file()
        and dest.stat().st_size == src.stat().st_size
        and dest.stat().st_mtime >= src.stat().st_mtime
    ):
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)


def install_math(site_dir: Path) -> None:
    """Copy MathJax and its config into a built site (after MkDocs wrote it)."""
    root = mathjax_root()
    target = site_dir / MATH_DIR
    config = target / "mathjax-config.js"
    if not config.is_file() or config.read_text(encoding="utf-8") != MATHJAX_CONFIG:
        target.mkdir(parents=True, exist_ok=True)
        config.write_text(MATHJAX_CONFIG, encoding="utf-8")
    _copy_if_changed(root / _BUNDLE, target / "mathjax" / _BUNDLE)
