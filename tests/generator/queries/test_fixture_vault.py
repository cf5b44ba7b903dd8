"""The bases of tests/fixtures/bases_vault against rows written by hand from the fixture's properties.

The books (Books/*.md): title, author, genre, rating, pages, finished, read
    A Wizard of Earthsea       Le Guin  Fantasy          5  183  2024-07-21  true
    Children of Dune           Herbert  Science fiction  3  444  2022-05-15  true   (genre: a string, not a list)
    Dune                       Herbert  Science fiction  4  612  2023-11-02  true   (cover: [[dune.png]])
    The Dispossessed           Le Guin  Science fiction  4  387  -           false
    The Left Hand of Darkness  Le Guin  Science fiction  5  304  2024-03-10  true   (links to The Dispossessed)
Templates/Book Template.md has `categories: [[Books]]` too; the filters leave it out by its name.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.engine.model import VaultPath
from generator.engine.vault import load_vault
from generator.queries import BaseRunner, BaseSources, ViewResult
from generator.queries.values import Date, Link
from tests import FIXTURES

VAULT = FIXTURES / "bases_vault"
LHOD, DUNE, AWOE = "The Left Hand of Darkness", "Dune", "A Wizard of Earthsea"
DISP, CHILDREN = "The Dispossessed", "Children of Dune"


@pytest.fixture(scope="module")
def sources() -> BaseSources:
    return BaseSources(load_vault(VAULT), VAULT)


def run(sources: BaseSources, base: str, this: str, view: str | None = None) -> ViewResult:
    loaded = sources.load(VaultPath(f"Bases/{base}"))
    assert loaded.base is not None, loaded.error
    chosen = loaded.base.view(view)
    assert chosen is not None
    return BaseRunner(loaded.base, sources.data, loaded.path, VaultPath(this)).run(chosen)


def names(result: ViewResult) -> list[str]:
    return [row.path.rpartition("/")[2][: -len(".md")] for row in result.rows]


def test_all_books_sorted_by_finished_newest_first_missing_last(sources: BaseSources) -> None:
    result = run(sources, "Books.base", "Categories/Books.md")
    assert names(result) == [AWOE, LHOD, DUNE, CHILDREN, DISP]
    assert [c.label for c in result.columns] == [
        "file name",
        "author",
        "Rating",
        "pages",
        "finished",
        "Links",
    ]


def test_all_books_values(sources: BaseSources) -> None:
    rows = {
        r.path.rpartition("/")[2][:-3]: r.values
        for r in run(sources, "Books.base", "Categories/Books.md").rows
    }
    author, rating, pages, finished, links = rows[LHOD][1:]
    assert author == Link("Ursula K. Le Guin", None, VaultPath("Authors/Ursula K. Le Guin.md"))
    assert (rating, pages) == (5, 304)
    assert finished == Date(dt.datetime(2024, 3, 10), False)
    # file.links: categories, author, genre (properties) and [[The Dispossessed]] (body).
    assert links == 4
    assert rows[DUNE][5] == 4  # categories, author, genre, cover
    assert rows[AWOE][5] == 3
    assert rows[DISP][4] is None


def test_summaries(sources: BaseSources) -> None:
    result = run(sources, "Books.base", "Categories/Books.md")
    assert result.groups[0].summaries == {
        "rating": (5 + 3 + 4 + 4 + 5) / 5,
        "pages": 183 + 444 + 612 + 387 + 304,
    }


def test_two_sort_keys_and_limit(sources: BaseSources) -> None:
    # rating descending, then pages ascending: 5 (183, 304), 4 (387, 612), 3; limit 3.
    result = run(sources, "Books.base", "Categories/Books.md", "By rating")
    assert names(result) == [AWOE, LHOD, DISP]
    assert result.total == 5


def test_view_filter_and_list_view(sources: BaseSources) -> None:
    result = run(sources, "Books.base", "Categories/Books.md", "Unread")
    assert result.view.type == "list"
    assert names(result) == [DISP]


def test_cards_image_property(sources: BaseSources) -> None:
    result = run(sources, "Books.base", "Categories/Books.md", "Covers")
    assert names(result) == [AWOE, CHILDREN, DUNE, DISP, LHOD]  # no sort: file-name order
    covers = {r.path.rpartition("/")[2][:-3]: r.image for r in result.rows}
    assert covers[DUNE] == Link("dune.png", None, VaultPath("covers/dune.png"))
    assert covers[LHOD] is None


def test_group_by_author_with_group_summaries(sources: BaseSources) -> None:
    result = run(sources, "Books.base", "Categories/Books.md", "By author")
    assert [g.key.target for g in result.groups] == ["Frank Herbert", "Ursula K. Le Guin"]
    assert [[r.path.rpartition("/")[2][:-3] for r in g.rows] for g in result.groups] == [
        [CHILDREN, DUNE],
        [AWOE, DISP, LHOD],
    ]
    assert [g.summaries for g in result.groups] == [{"pages": 444 + 612}, {"pages": 183 + 387 + 304}]


def test_template_left_out_by_name(sources: BaseSources) -> None:
    rows = run(sources, "Books.base", "Categories/Books.md").rows
    assert "Templates/Book Template.md" not in [r.path for r in rows]


@pytest.mark.parametrize(
    ("genre", "expected"),
    [
        # rating descending; Dune and The Dispossessed (both 4) stay in file-name order.
        ("Genres/Science fiction.md", [LHOD, DUNE, DISP, CHILDREN]),
        ("Genres/Fantasy.md", [AWOE]),
    ],
)
def test_list_genre_contains_this(sources: BaseSources, genre: str, expected: list[str]) -> None:
    assert names(run(sources, "Genre.base", genre)) == expected


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        # finished ascending, the unfinished book last
        ("Authors/Ursula K. Le Guin.md", [LHOD, AWOE, DISP]),
        ("Authors/Frank Herbert.md", [CHILDREN, DUNE]),
    ],
)
def test_has_link_this(sources: BaseSources, author: str, expected: list[str]) -> None:
    assert names(run(sources, "Author.base", author)) == expected


def test_this_is_the_base_file_on_its_page(sources: BaseSources) -> None:
    # On its own page `this` is Author.base: the notes linking to it are the two author notes,
    # which embed it (an embed is a link for hasLink); neither has `finished`: file-name order.
    assert names(run(sources, "Author.base", "Bases/Author.base")) == ["Frank Herbert", "Ursula K. Le Guin"]


def test_map_coordinates_from_a_list_and_a_string(sources: BaseSources) -> None:
    result = run(sources, "Places.base", "Categories/Places.md")
    assert [(r.path, r.coordinates) for r in result.rows] == [
        ("Places/Eiffel Tower.md", (48.85837, 2.294481)),
        ("Places/Louvre.md", (48.8606, 2.3376)),
    ]
