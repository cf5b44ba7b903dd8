"""`build --engine mkdocs|properdocs|zensical`: the portable docs of a fixture vault built by each engine.

ProperDocs and Zensical run from venvs of their own that hold none of this project (`make engines`
makes them in .venv-engines/, or $GENERATOR_ENGINES_DIR names the folder): a build that succeeds there
proves the docs and their config are self-contained. Every site is read by the same checker
(tests/generator/adapter/site_check.py): no broken link or anchor, math scripts present, backlinks,
tag pages, alias redirects, embeds and notebooks as pages. Under CI (`CI=true`) a missing engine fails
the tests instead of skipping them.
"""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.__main__ import main
from generator.adapter.config import (
    DEFAULT_DOCS_NOTE,
    PORTABLE_NOTE,
    OpaqueTag,
    Settings,
    SiteAssets,
    default_config,
    write_site_config,
)
from generator.adapter.engines import ENGINES, lacking
from generator.engine.paths import slugify
from generator.render.backlinks import markdown_text
from generator.render.html_stash import MARK, OPEN
from generator.render.text import escape_html
from tests.generator.adapter.site_check import Site, read_site
from tests.generator.commands.test_build_paging import paged_project

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
VAULT = FIXTURES / "engines_vault"
ENGINES_DIR = Path(os.environ.get("GENERATOR_ENGINES_DIR") or ROOT / ".venv-engines")


def engine_bin(name: str) -> Path:
    """The engine's program in its own venv; skipped (failed under CI) when `make engines` was not run."""
    path = ENGINES_DIR / name / "bin" / name
    if not path.is_file():
        message = f"{name} is not installed in {ENGINES_DIR}: run `make engines`"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return path


class Built:
    def __init__(self, engine: str, root: Path, code: int) -> None:
        self.engine, self.root, self.code = engine, root, code
        self.site: Site = read_site(root / "site")
        self.build_dir = root / "build"


@pytest.fixture(scope="module", params=["mkdocs", "properdocs", "zensical"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    engine: str = request.param
    args = ["--engine", engine]
    if engine != "mkdocs":
        args += ["--engine-bin", str(engine_bin(engine))]
    root = tmp_path_factory.mktemp(engine)
    cwd = Path.cwd()
    os.chdir(root)  # no mkdocs.yml of the repository's is read: the built-in config only
    try:
        code = main(["build", "--vault", str(VAULT), "--portable-docs", "-q", "--build-dir", "build", *args])
    finally:
        os.chdir(cwd)
    yield Built(engine, root, code)


@pytest.mark.slow
def test_builds(built: Built) -> None:
    assert built.code == 0
    assert len(built.site.pages) >= 10


@pytest.mark.slow
def test_no_broken_link_or_anchor(built: Built) -> None:
    site = built.site
    assert [str(p) for p in site.problems()] == []
    refs = [r for page in site.pages.values() for r in page.refs]
    assert len(refs) > 150 and sum("#" in r.url for r in refs) > 20  # the check did check something


@pytest.mark.slow
def test_anchors_of_accented_headings(built: Built) -> None:
    """Links typed NFC to headings with accents (one typed decomposed, as macOS does) find their ids."""
    embeds = built.site.page("Embeds/")
    to_cafe = [r.url for r in embeds.refs if "#" in r.url and "Caf" in r.url]
    assert to_cafe, embeds.refs
    for url in to_cafe:
        resolved = built.site.resolve(embeds, url)
        assert resolved is not None and resolved[0] == "Café théorie/index.html"
        assert resolved[1] in built.site.pages["Café théorie/index.html"].ids


@pytest.mark.slow
def test_math_assets_load(built: Built) -> None:
    page = built.site.page("Notes/Target/")
    assert "arithmatex" in page.classes
    scripts = [r.url for r in page.refs if r.tag == "script"]
    assert any(s.endswith("_math/mathjax-config.js") for s in scripts)
    assert any(s.endswith("_math/mathjax/tex-svg-full.js") for s in scripts)
    for url in scripts:
        resolved = built.site.resolve(page, url)
        assert resolved is None or resolved[0] is not None, url  # the file is in the site


@pytest.mark.slow
def test_backlinks_lead_to_the_linking_pages(built: Built) -> None:
    site = built.site
    page = site.page("Notes/Target/")
    targets = {
        t.path for r in page.links_in("obsidian-backlinks") if (t := site.target(page, r)) and t is not page
    }
    assert targets == {"index.html", "Embeds/index.html", "Café théorie/index.html"}


@pytest.mark.slow
def test_tag_pages_list_their_notes(built: Built) -> None:
    site = built.site
    for url, note in (
        ("tags/topic/", "Notes/Target/index.html"),
        ("tags/ml/activation/", "Café théorie/index.html"),
    ):
        page = site.page(url)
        assert note in {t.path for r in page.refs if r.tag == "a" and (t := site.target(page, r))}, url


@pytest.mark.slow
def test_alias_redirects_to_its_note(built: Built) -> None:
    site = built.site
    page = site.page("Notes/Goal/")
    refresh = [r for r in page.refs if r.tag == "meta"]
    assert len(refresh) == 1
    target = site.target(page, refresh[0])
    assert target is not None and target.path == "Notes/Target/index.html"


@pytest.mark.slow
def test_embeds_show_their_content(built: Built) -> None:
    page = built.site.page("Embeds/")
    assert "Text of section two." in page.text
    assert "Accents and symbols in headings" in page.text
    images = [r for r in page.refs if r.tag == "img" and r.url.endswith("pic.png")]
    assert images and built.site.resolve(page, images[0].url)[0] is not None  # type: ignore[index]


@pytest.mark.slow
def test_media_embeds_are_links_the_player_script_upgrades(built: Built) -> None:
    site = built.site
    page = site.page("Embeds/")
    media = {r.url.rsplit("/", 1)[-1]: r for r in page.refs if "obsidian-media" in r.classes}
    assert set(media) == {"sound.mp3", "doc.pdf#page=2"}
    for ref in media.values():
        resolved = site.resolve(page, ref.url)
        assert resolved is not None and resolved[0] is not None, ref.url
    scripts = [r.url for r in page.refs if r.tag == "script" and r.url.endswith("_obsidian/media.js")]
    assert len(scripts) == 1 and site.resolve(page, scripts[0])[0] is not None  # type: ignore[index]


@pytest.mark.slow
def test_notebook_is_a_page(built: Built) -> None:
    site = built.site
    page = site.page("Lab/Experiment/")
    assert "engines-notebook-marker" in page.text and "print" in page.text
    home = site.page("")
    links = [r for r in home.refs if r.tag == "a" and "Experiment" in r.url]
    assert links and all((t := site.target(home, r)) is not None and t is page for r in links)
    if built.engine == "zensical":  # its output image is a file beside the page (nbconvert)
        images = [r for r in page.refs if r.tag == "img"]
        assert images and all(site.resolve(page, r.url)[0] for r in images)  # type: ignore[index]
        # Zensical's copy links the page; the portable docs it was copied from are left as they were
        assert "(Lab/Experiment.md)" in (built.build_dir / "zensical" / "docs" / "index.md").read_text()
        assert "(Lab/Experiment.ipynb)" in (built.build_dir / "docs" / "index.md").read_text()


@pytest.mark.slow
def test_portable_docs_hold_no_placeholder_and_no_project_code(built: Built) -> None:
    docs = built.build_dir / "docs"
    pages = list(docs.rglob("*.md"))
    assert len(pages) >= 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert OPEN not in text and MARK not in text, page
    config = (built.build_dir / "mkdocs.yml").read_text(encoding="utf-8")
    assert "!!python/name:markdown.extensions.toc.slugify_unicode" in config
    assert "generator." not in config.replace("`python -m generator", "")


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_engine_venv_holds_no_project_code(engine: str) -> None:
    python = engine_bin(engine).parent / "python"
    done = subprocess.run(
        [str(python), "-c", "import generator"], cwd="/", capture_output=True, text=True, check=False
    )
    assert done.returncode != 0 and "No module named 'generator'" in done.stderr


# --------------------------------------------------------------------------- without an engine run


def _python_names(value: object) -> list[str]:
    """The names of every `!!python/...` tag in a parsed config."""
    if isinstance(value, OpaqueTag):
        return [value.tag.rpartition(":")[2]]  # "tag:yaml.org,2002:python/name:a.b" -> "a.b"
    if isinstance(value, dict):
        return [n for v in value.values() for n in _python_names(v)]
    if isinstance(value, list):
        return [n for v in value for n in _python_names(v)]
    return []


def test_portable_config_names_no_project_code() -> None:
    portable = _python_names(default_config("site", SiteAssets(), portable=True))
    default = _python_names(default_config("site", SiteAssets()))
    assert "generator.engine.paths.slugify" in default
    assert portable and not [n for n in portable if n.startswith("generator")]


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30))
def test_markdowns_slugify_gives_the_engines_anchors_on_nfc_text(text: str) -> None:
    """The portable config's slugify on the NFC text portable docs hold = the engine's anchor."""
    from markdown.extensions.toc import slugify_unicode

    assert slugify_unicode(unicodedata.normalize("NFC", text), "-") == slugify(text)


def test_generated_configs_say_which_docs_they_are(tmp_path: Path) -> None:
    for portable, note in ((False, DEFAULT_DOCS_NOTE), (True, PORTABLE_NOTE)):
        settings = Settings(
            vault=FIXTURES / "engines_vault",
            site_dir=tmp_path / "s",
            build_dir=tmp_path / "b",
            portable=portable,
        )
        text = write_site_config(settings, SiteAssets()).read_text(encoding="utf-8")
        assert note in text
    assert "only the generator's MkDocs build" in DEFAULT_DOCS_NOTE


def test_missing_engine_is_bad_usage_naming_the_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("GENERATOR_ZENSICAL", raising=False)
    code = main(["build", "--vault", str(VAULT), "--engine", "zensical", "--build-dir", "b", "-q"])
    assert code == 2
    err = capsys.readouterr().err
    assert "zensical is not installed: pip install zensical==0.0.73" in err and "make engines" in err
    assert not (tmp_path / "b").exists() and not (tmp_path / "site").exists()


def test_plugins_an_engine_skips_are_listed() -> None:
    config = {
        "plugins": ["search", {"tags": {"tags_hierarchy": True}}, "mkdocs-jupyter", "git-revision-date"]
    }
    assert lacking(ENGINES["zensical"], config) == ["plugin 'git-revision-date' is not run by zensical"]
    hooked = {**config, "hooks": ["/x/hooks.py"]}
    assert lacking(ENGINES["zensical"], hooked)[1:] == ["hook /x/hooks.py is not run by zensical"]
    assert lacking(ENGINES["properdocs"], config) == []


@settings(deadline=None)
@given(st.text(alphabet="ab *_`[]|{}$~=#>+-.1)(<&\\x;", max_size=20))
@example("[1]")  # `\[1\]` would be display math to arithmatex: brackets go as character references
@example("\\(x\\)")
def test_backlink_text_shows_as_written(text: str) -> None:
    """A title or context in a portable backlinks list: Python-Markdown shows the text unchanged."""
    import markdown

    html = markdown.markdown(
        f"- {markdown_text(escape_html(text))}",
        extensions=[
            "attr_list",
            "md_in_html",
            "tables",
            "pymdownx.mark",
            "pymdownx.tilde",
            "pymdownx.arithmatex",
        ],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    assert html.startswith("<ul>\n<li>") and html.endswith("</li>\n</ul>")
    shown = unescape(html[len("<ul>\n<li>") : -len("</li>\n</ul>")])
    assert " ".join(shown.split()) == " ".join(text.split())


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_the_tested_version_is_the_verified_one(engine: str) -> None:
    """`make engines` installs the version the generator names as verified (and in its install hint)."""
    pins = (ROOT / "tests" / "engines" / f"{engine}.txt").read_text(encoding="utf-8").splitlines()
    pin = f"{engine}=={ENGINES[engine].verified}"
    assert pin in pins and pin in ENGINES[engine].install


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_folder_and_tag_pages_after_the_first_stay_out_of_the_engines_navigation(
    engine: str, tmp_path: Path
) -> None:
    """The portable config's `not_in_nav` keeps `obsidian-page-N` pages out of the sidebar any engine
    makes (the generator's own plugin is not there to do it); they are still built and linked."""
    home = "---\ntitle: 'Say \"hi\" & <b>'\n---\n# Home\n"  # and meta that needs escaping
    config = paged_project(tmp_path, 5, home, folder_page_size=2, tag_page_size=2)
    args = ["build", "--config", str(config), "--portable-docs", "-q", "--engine", engine]
    if engine != "mkdocs":
        args += ["--engine-bin", str(engine_bin(engine))]
    assert main([*args, "--site-dir", str(tmp_path / "site"), "--build-dir", str(tmp_path / "b")]) == 0
    site = tmp_path / "site"
    for sub in ("Big/obsidian-page-2", "Big/obsidian-page-3", "tags/many/obsidian-page-3"):
        assert (site / sub / "index.html").is_file(), sub
    home_html = (site / "index.html").read_text(encoding="utf-8")
    nav = home_html.split("md-sidebar--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    assert "Big" in nav and "obsidian-page-" not in nav
    big = (site / "Big" / "index.html").read_text(encoding="utf-8")
    nav = big.split("md-sidebar--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    assert "Note 0" in nav and "obsidian-page-" not in nav
    assert 'href="obsidian-page-2/"' in big.split("md-sidebar--secondary", 1)[1]  # the pager links it
    titles = re.findall(r'<meta property="og:title" content="([^"]*)">', home_html.split("</head>", 1)[0])
    assert [unescape(t) for t in titles] == ['Say "hi" & <b>']


@pytest.mark.slow
def test_open_graph_meta_in_every_engines_head(built: Built) -> None:
    """Portable pages carry their meta in the front matter; the theme override beside the portable
    config writes it into the head, escaped, for each engine."""
    html = (built.root / "site" / "Notes" / "Target" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    assert '<meta property="og:title" content="Target">' in head
    assert '<meta name="twitter:title" content="Target">' in head
    assert head.count('property="og:type"') == 1
    home = (built.root / "site" / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert '<meta property="og:title"' in home
