"""The parser's precedence and literals, and a Hypothesis test that parser and evaluator never crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.queries.errors import BaseError
from generator.queries.evaluate import Env
from generator.queries.parser import (
    Binary,
    Call,
    Literal,
    MethodCall,
    Name,
    RegexLit,
    Unary,
    parse_expression,
)
from tests.generator.queries.support import ev, make_env


def test_precedence_follows_javascript() -> None:
    tree = parse_expression("a || b && c == d + e * f")
    assert isinstance(tree, Binary) and tree.op == "||"
    assert isinstance(tree.right, Binary) and tree.right.op == "&&"
    assert isinstance(tree.right.right, Binary) and tree.right.right.op == "=="
    plus = tree.right.right.right
    assert isinstance(plus, Binary) and plus.op == "+"
    assert isinstance(plus.right, Binary) and plus.right.op == "*"


def test_literals() -> None:
    assert parse_expression("'it\\'s'") == Literal(0, "it's")
    assert parse_expression('"a\\nb"') == Literal(0, "a\nb")
    assert parse_expression("2.5") == Literal(0, 2.5)
    assert parse_expression("null") == Literal(0, None)
    regex = parse_expression("/a\\/b/gi")
    assert isinstance(regex, RegexLit) and (regex.source, regex.flags) == ("a\\/b", "gi")


def test_number_method_call() -> None:
    tree = parse_expression("123.toString()")
    assert isinstance(tree, MethodCall) and tree.target == Literal(0, 123)


def test_slash_is_division_after_an_operand() -> None:
    tree = parse_expression("price / age / 2")
    assert isinstance(tree, Binary) and tree.op == "/"


def test_calls_and_negation() -> None:
    tree = parse_expression('!file.name.contains("Template")')
    assert isinstance(tree, Unary) and tree.op == "!"
    call = parse_expression('link("Books")')
    assert isinstance(call, Call) and call.name == "link"
    assert parse_expression("this") == Name(0, "this")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Env:
    return make_env(
        tmp_path_factory.mktemp("fuzz"),
        {"A.md": "---\nn: 3\ns: text\nl: [1, two]\nd: 2024-01-01\nk: '[[B]]'\n---\n[[B]]\n", "B.md": "#t\n"},
        this="B.md",
    )


_ATOMS = st.sampled_from(
    [
        "1", "0", "-2.5", '"a"', "''", "true", "null", "n", "s", "l", "d", "k", "missing", "this",
        "file", "file.name", "file.links", "note.n", "[1, 2]", "{}", '{"a": 1}', "now()", "today()",
        '"1d"', 'duration("2h")', 'date("2024-02-29")', 'link("B")', "/a+/g", "value", "1e308",
    ]
)  # fmt: skip
_METHODS = st.sampled_from(
    [
        "contains(1)", "isEmpty()", "toString()", "length", "lower()", "round(2)", "format(\"YYYY\")",
        "filter(value > 1)", "map(value + 1)", "reduce(acc + value, 0)", "join(\",\")", "year",
        "asFile()", "hasLink(this)", "split(\",\")", "slice(1)", "repeat(2)", "toFixed(3)", "sort()",
        "unique()", "keys()", "flat()", "matches(\"a\")", "replace(/a/, \"$1\")", "date()", "relative()",
    ]
)  # fmt: skip
_OPS = st.sampled_from(["+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||"])


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 5 if depth < 3 else 0))
    if kind == 0:
        return draw(_ATOMS)
    if kind == 1:
        return f"{draw(expressions(depth + 1))} {draw(_OPS)} {draw(expressions(depth + 1))}"
    if kind == 2:
        return f"({draw(expressions(depth + 1))}).{draw(_METHODS)}"
    if kind == 3:
        return f"!{draw(expressions(depth + 1))}"
    if kind == 4:
        fn = draw(st.sampled_from(["if", "list", "number", "max", "min", "date", "duration", "file", "link"]))
        return f"{fn}({draw(expressions(depth + 1))})"
    return f"[{draw(expressions(depth + 1))}][0]"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(expressions())
def test_random_expressions_give_a_value_or_a_base_error(env: Env, text: str) -> None:
    try:
        ev(env, text, "A.md")
    except BaseError as exc:
        assert str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="()[]{}.,!&|=<>+-*/%\"'a1 _fn\\:", max_size=30))
def test_random_text_gives_a_value_or_a_base_error(env: Env, text: str) -> None:
    try:
        ev(env, text, "A.md")
    except BaseError as exc:
        assert str(exc)
