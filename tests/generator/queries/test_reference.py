"""Every example of Obsidian's Bases reference, with the value the docs give for it.

Source: obsidianmd/obsidian-help, en/Bases/Functions.md, "Bases syntax.md" and Formulas.md
(read 2026-12-02). Each case quotes the docs' expression and expected value; where the docs say
"returns a value such as", the expected value is computed by hand from the fixed clock NOW.
"""

from __future__ import annotations

import pytest

from generator.engine.model import VaultPath
from generator.queries.errors import BaseError
from generator.queries.evaluate import Env
from generator.queries.ops import to_string
from generator.queries.values import Date, Duration, Link
from tests.generator.queries.support import ev, make_env


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Env:
    tmp = tmp_path_factory.mktemp("ref")
    return make_env(
        tmp,
        {
            "A.md": "---\nprice: 2.5\nage: 5\nisModified: true\nstatus: Done\n---\nSee [[B]] and [[notes/C]].\n",
            "B.md": "---\ntags: [tag1/a, book]\n---\n#inline\n",
            "notes/C.md": "Links to [[A]].\n",
            "filename.md": "",
        },
    )


# (expression, expected) straight from Functions.md.
DOCUMENTED = [
    # Global
    ('if(isModified, "Modified", "Unmodified")', "Modified"),
    ('list("value")', ["value"]),
    ('number("3.4")', 3.4),
    # Any type
    ("1.isTruthy()", True),
    ('"example".isType("string")', True),
    ('true.isType("boolean")', True),
    ("123.toString()", "123"),
    # String type
    ('"hello".contains("ell")', True),
    ('"hello".containsAll("h", "e")', True),
    ('"hello".containsAny("x", "y", "e")', True),
    ('"hello".endsWith("lo")', True),
    ('"Hello world".isEmpty()', False),
    ('"".isEmpty()', True),
    ('"a:b:c:d".replace(/:/, "-")', "a-b:c:d"),
    ('"a:b:c:d".replace(/:/g, "-")', "a-b-c-d"),
    ('"John Smith".replace(/(\\w+) (\\w+)/, "$2, $1")', "Smith, John"),
    ('"123".repeat(2)', "123123"),
    ('"hello".reverse()', "olleh"),
    ('"hello".slice(1, 4)', "ell"),
    ('"a,b,c,d".split(",", 3)', ["a", "b", "c"]),
    ('"a,b,c,d".split(/,/, 3)', ["a", "b", "c"]),
    ('"hello".startsWith("he")', True),
    ('"hello world".title()', "Hello World"),
    ('"  hi  ".trim()', "hi"),
    # Number type
    ("(-5).abs()", 5),
    ("(2.1).ceil()", 3),
    ("(2.9).floor()", 2),
    ("5.isEmpty()", False),
    ("(2.5).round()", 3),
    ("(2.3333).round(2)", 2.33),
    ("(3.14159).toFixed(2)", "3.14"),
    # List type
    ("[1,2,3].contains(2)", True),
    ("[1,2,3].containsAll(2,3)", True),
    ("[1,2,3].containsAny(3,4)", True),
    ("[1,2,3,4].filter(value > 2)", [3, 4]),
    ("[1,[2,3]].flat()", [1, 2, 3]),
    ("[1,2,3].isEmpty()", False),
    ('[1,2,3].join(",")', "1,2,3"),
    ("[1,2,3,4].map(value + 1)", [2, 3, 4, 5]),
    ("[1,2,3].reduce(acc + value, 0)", 6),
    ("[1,2,3].reverse()", [3, 2, 1]),
    ("[1,2,3,4].slice(1,3)", [2, 3]),
    ("[3, 1, 2].sort()", [1, 2, 3]),
    ('["c", "a", "b"].sort()', ["a", "b", "c"]),
    ("[1,2,2,3].unique()", [1, 2, 3]),
    # Object type
    ("{}.isEmpty()", True),
    # Regular expression type
    ('/abc/.matches("abcde")', True),
    # Bases syntax: "(now() + "1d") - now() returns 86400000 milliseconds"
    ('(now() + "1d") - now()', 86400000),
]


@pytest.mark.parametrize(("expression", "expected"), DOCUMENTED)
def test_documented_example(env: Env, expression: str, expected: object) -> None:
    value = ev(env, expression, "A.md")
    assert value == expected
    assert type(value) is type(expected) or {type(value), type(expected)} <= {int, float}


def test_reduce_max_example(env: Env) -> None:
    # Functions.md: `values.filter(value.isType("number")).reduce(if(acc == null || value > acc, value, acc), null)`
    expr = 'values.filter(value.isType("number")).reduce(if(acc == null || value > acc, value, acc), null)'
    assert ev(env, expr, values=[3, "x", 7, None, 5]) == 7
    assert ev(env, expr, values=["x"]) is None


def test_date_arithmetic_example(env: Env) -> None:
    # Bases syntax: `date("2024-12-01") + "1M" + "4h" + "3m"` is 2025-01-01 04:03:00.
    value = ev(env, 'date("2024-12-01") + "1M" + "4h" + "3m"')
    assert isinstance(value, Date)
    assert value.value.isoformat() == "2025-01-01T04:03:00"


def test_now_date_format_example(env: Env) -> None:
    # Functions.md: `now().date().format("YYYY-MM-DD HH:mm:ss")` "returns a string such as 2025-12-31 00:00:00".
    assert ev(env, 'now().date().format("YYYY-MM-DD HH:mm:ss")') == "2025-05-27 00:00:00"


def test_format_example(env: Env) -> None:
    # Functions.md: `date.format("YYYY-MM-DD")` returns "2025-05-27" for date("2025-05-27").
    assert ev(env, 'date("2025-05-27").format("YYYY-MM-DD")') == "2025-05-27"
    assert ev(env, 'date("2025-05-27 14:05:09").format("dddd, MMMM Do YYYY, h:mm A")') == (
        "Tuesday, May 27th 2025, 2:05 PM"
    )


def test_time_and_relative(env: Env) -> None:
    # NOW is 2025-05-27 10:30:00.
    assert ev(env, "now().time()") == "10:30:00"
    assert ev(env, 'date("2025-05-24 10:30:00").relative()') == "3 days ago"
    assert ev(env, '(now() + "2h").relative()') == "in 2 hours"


def test_date_fields(env: Env) -> None:
    d = 'date("2025-01-02 03:04:05")'
    got = [ev(env, f"{d}.{f}") for f in ("year", "month", "day", "hour", "minute", "second", "millisecond")]
    assert got == [2025, 1, 2, 3, 4, 5, 0]
    assert ev(env, 'date("2025-01-02").isEmpty()') is False


def test_today_is_midnight(env: Env) -> None:
    assert ev(env, 'today().format("YYYY-MM-DD HH:mm")') == "2025-05-27 00:00"
    assert ev(env, 'today() + "7d" == date("2025-06-03")') is True


def test_duration_arithmetic(env: Env) -> None:
    # Functions.md: `now() + (duration('1d') * 2)`; the duration must be on the left of `*`.
    assert ev(env, "now() + (duration('1d') * 2) - now()") == 2 * 86_400_000
    assert ev(env, "duration('5h') * 2") == Duration(0, 10 * 3_600_000)
    with pytest.raises(BaseError, match="cannot apply"):
        ev(env, "2 * duration('5h')")


def test_duration_units(env: Env) -> None:
    # Bases syntax, date arithmetic: every unit spelling.
    day = 86_400_000
    for text, ms in [
        ("1y", 365 * day),
        ("1 year", 365 * day),
        ("2 years", 730 * day),
        ("1w", 7 * day),
        ("1 week", 7 * day),
        ("3 weeks", 21 * day),
        ("1d", day),
        ("1 day", day),
        ("2 days", 2 * day),
        ("1h", 3_600_000),
        ("1 hour", 3_600_000),
        ("1m", 60_000),
        ("5 minutes", 300_000),
        ("1s", 1000),
        ("10 seconds", 10_000),
    ]:
        start = 'date("2021-03-01")'  # no 29 February in the two years after
        assert ev(env, f'({start} + "{text}") - {start}') == ms, text
    # "M" is a month, "m" a minute: 2024-01-31 + 1M is the last day of February (clamped).
    assert ev(env, 'date("2024-01-31") + "1M" == date("2024-02-29")') is True
    assert ev(env, 'date("2024-01-31") + "1 month" == date("2024-02-29")') is True


def test_subtracting_dates_gives_milliseconds(env: Env) -> None:
    assert ev(env, 'date("2024-03-10") - date("2024-01-01")') == 69 * 86_400_000


def test_global_functions(env: Env) -> None:
    assert ev(env, 'escapeHTML("<b>&</b>")') == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert ev(env, "max(1, 5, 3)") == 5
    assert ev(env, "min(4, 2, 8)") == 2
    assert ev(env, 'number(date("1970-01-02"))') == 86_400_000
    assert ev(env, "number(true)") == 1
    assert ev(env, "number(false)") == 0
    assert ev(env, 'list(["a"])') == ["a"]
    assert 0 <= ev(env, "random()") < 1
    with pytest.raises(BaseError, match="cannot read"):
        ev(env, 'number("abc")')


def test_link_and_file_functions(env: Env) -> None:
    # Bases syntax: `link("filename")`, `link("filename", "display")`, `file(link("[[filename]]"))`.
    link = ev(env, 'link("filename")')
    assert isinstance(link, Link) and link.path == "filename.md"
    assert ev(env, 'link("filename", "display")').display == "display"
    assert ev(env, 'file(link("[[filename]]")).name') == "filename.md"
    assert ev(env, 'file("notes/C.md").folder') == "notes"
    assert ev(env, 'link("[[filename]]").asFile().basename') == "filename"
    assert ev(env, 'link("notes/C").linksTo(file("A.md"))') is True
    assert ev(env, 'link("B").linksTo(file("A.md"))') is False
    # "Links can be compared to files": a link equals the file it resolves to.
    assert ev(env, 'link("B") == file("B.md")') is True
    assert ev(env, 'link("B") == link("[[B]]")') is True
    assert ev(env, 'link("nothing") == link("nothing")') is True
    assert ev(env, 'link("nothing") == link("other")') is False


def test_file_properties(env: Env) -> None:
    assert ev(env, "file.name", "notes/C.md") == "C.md"
    assert ev(env, "file.basename", "notes/C.md") == "C"
    assert ev(env, "file.path", "notes/C.md") == "notes/C.md"
    assert ev(env, "file.folder", "notes/C.md") == "notes"
    assert ev(env, "file.ext", "notes/C.md") == "md"
    assert ev(env, "file.size", "notes/C.md") == len("Links to [[A]].\n")
    assert ev(env, 'file.ext == "md"', "A.md") is True
    assert ev(env, "file.links.length", "A.md") == 2
    assert [link.path for link in ev(env, "file.links", "A.md")] == ["B.md", "notes/C.md"]
    assert [link.path for link in ev(env, "file.backlinks", "A.md")] == ["notes/C.md"]
    assert ev(env, "file.tags", "B.md") == ["#tag1/a", "#book", "#inline"]
    assert ev(env, "file.properties.price", "A.md") == 2.5
    assert isinstance(ev(env, "file.mtime", "A.md"), Date)
    assert isinstance(ev(env, "file.ctime", "A.md"), Date)


def test_file_methods(env: Env) -> None:
    # Functions.md: hasTag includes nested tags (`#tag1/a` for "tag1"); inFolder includes subfolders.
    assert ev(env, 'file.hasTag("tag1", "tag2")', "B.md") is True
    assert ev(env, 'file.hasTag("tag2")', "B.md") is False
    assert ev(env, 'file.hasTag("inline")', "B.md") is True
    assert ev(env, 'file.inFolder("notes")', "notes/C.md") is True
    assert ev(env, 'file.inFolder("note")', "notes/C.md") is False
    assert ev(env, 'file.hasLink("B")', "A.md") is True
    assert ev(env, 'file.hasLink(file("notes/C.md"))', "A.md") is True
    assert ev(env, 'file.hasLink("filename")', "A.md") is False
    assert ev(env, 'file.hasProperty("price")', "A.md") is True
    assert ev(env, 'file.hasProperty("cost")', "A.md") is False
    assert ev(env, "file.asLink()", "A.md") == Link("A", None, VaultPath("A.md"))


def test_object_functions(env: Env) -> None:
    assert ev(env, '{"a": 1, "b": 2}.keys()') == ["a", "b"]
    assert ev(env, '{"a": 1, "b": 2}.values()') == [1, 2]
    assert ev(env, '{"a": 1}.isEmpty()') is False
    assert ev(env, '{"a": {"b": 3}}.a.b') == 3
    assert ev(env, '{"a": 1}["a"]') == 1


def test_note_properties_three_ways(env: Env) -> None:
    # Bases syntax: `note.price`, `note["price"]` and the bare `price` are the same property.
    assert (
        ev(env, "note.price", "A.md") == ev(env, 'note["price"]', "A.md") == ev(env, "price", "A.md") == 2.5
    )


def test_documented_formulas(env: Env) -> None:
    # Bases syntax's example formulas, for A.md (price 2.5, age 5).
    assert ev(env, 'if(price, price.toFixed(2) + " dollars")', "A.md") == "2.50 dollars"
    assert ev(env, "(price / age).toFixed(2)", "A.md") == "0.50"
    # Formulas.md: `if(price, "$" + price.toFixed(2), "")`, `status != "Done"`, missing price.
    assert ev(env, 'if(price, "$" + price.toFixed(2), "")', "A.md") == "$2.50"
    assert ev(env, 'if(price, "$" + price.toFixed(2), "")', "B.md") == ""
    assert ev(env, 'status != "Done"', "A.md") is False


def test_operators(env: Env) -> None:
    # Bases syntax, operators: arithmetic, comparison, boolean.
    assert ev(env, "radius * (2 * 3.14)", radius=2) == 12.56
    assert ev(env, "7 % 3") == 1
    assert ev(env, "7 / 2") == 3.5
    assert ev(env, "1 + 2 * 3") == 7
    assert ev(env, "(1 + 2) * 3") == 9
    assert ev(env, "2 - 3 - 4") == -5
    assert [ev(env, f"2 {op} 3") for op in ("==", "!=", ">", "<", ">=", "<=")] == [
        False,
        True,
        False,
        True,
        False,
        True,
    ]
    assert ev(env, "!true") is False
    assert ev(env, "true && false") is False
    assert ev(env, "false || true") is True
    assert ev(env, "!(1 > 2) && (2 > 1 || false)") is True
    assert ev(env, '"a" + 1') == "a1"
    assert ev(env, "0.1 + 0.2") == 0.30000000000000004
    assert to_string(ev(env, "1 / 0")) == "Infinity"


def test_to_fixed_edges(env: Env) -> None:
    # JavaScript: ties go away from zero on the exact binary value; 1e21 and above print as String(x).
    assert ev(env, "(2.5).toFixed(0)") == "3"
    assert ev(env, "(-2.5).toFixed(0)") == "-3"
    assert ev(env, "(1.005).toFixed(2)") == "1.00"  # 1.005 is 1.00499999999999989... in binary
    assert ev(env, "(1e21).toFixed(2)") == "1e+21"
    assert ev(env, "(1e308).toFixed(3)") == "1e+308"
