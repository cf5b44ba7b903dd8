"""Parsing activation blocks: YAML keys with their lines, and `name(key=value)` without eval."""

from __future__ import annotations

import pytest

from generator.blocks.request import BlockError, Call, parse_call, parse_request


def test_call_without_parameters() -> None:
    assert parse_call("gelu") == Call("gelu", ())


def test_call_with_typed_values() -> None:
    call = parse_call("f(a=0.1, b=-2, c=true, d=tanh, e='x, y', g=1e-3)")
    assert call.kwargs == (("a", 0.1), ("b", -2), ("c", True), ("d", "tanh"), ("e", "x, y"), ("g", 0.001))
    assert isinstance(dict(call.kwargs)["b"], int)


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "__import__('os').system('true')",
        "gelu(approximate=__import__('os'))",
        "gelu(1)",
        "gelu(a=1) + relu",
        "gelu(a=1, a=2)",
        "gelu(a=",
        "gelu(a='x)",
        "exec('print(1)')",
    ],
)
def test_call_syntax_outside_the_grammar_is_rejected(text: str) -> None:
    with pytest.raises(BlockError):
        parse_call(text)


def test_exec_is_just_a_name_never_executed() -> None:
    # `exec` without parentheses is a (unknown) function name; the registry rejects it later.
    assert parse_call("exec") == Call("exec", ())


def test_request_defaults_and_keys() -> None:
    req = parse_request(
        "show: compare\nfunctions: [gelu, 'leaky_relu(negative_slope=0.1)']\nrange: [-2, 3]\n"
    )
    assert req.show == "compare"
    assert [c.name for c in req.calls] == ["gelu", "leaky_relu"]
    assert req.range == (-2.0, 3.0)
    assert req.derivatives == 0


def test_function_mapping_form() -> None:
    req = parse_request("functions:\n  - leaky_relu: {negative_slope: 0.2}\n")
    assert req.calls[0] == Call("leaky_relu", (("negative_slope", 0.2),), 2)


@pytest.mark.parametrize(
    ("source", "offset", "needle"),
    [
        ("show: plot\nfunctions: [gelu]\ncolour: red\n", 3, "unknown key 'colour'"),
        ("show: plott\nfunctions: [gelu]\n", 1, "unknown show"),
        ("show: plot\nfunctions:\n  - gelu\n  - 'relu(('\n", 4, "relu(("),
        ("show: plot\nfunctions: [gelu\n", 3, "invalid YAML"),
        ("show: plot\n  bad: indent\n", 2, "invalid YAML"),
        ("show: plot\nfunctions: [gelu]\nrange: [3, 1]\n", 3, "range"),
        ("show: plot\nfunctions: [gelu]\n\nderivatives: 5\n", 4, "derivatives"),
        ("show: plot\n", 1, "no function"),
        ("- gelu\n", 1, "mapping"),
    ],
)
def test_errors_carry_the_line_below_the_fence(source: str, offset: int, needle: str) -> None:
    with pytest.raises(BlockError) as info:
        parse_request(source)
    assert needle in str(info.value)
    assert info.value.offset == offset


def test_explore_shows_relu_and_gelu_unless_functions_are_given() -> None:
    from generator.blocks.request import EXPLORE_DEFAULT

    assert EXPLORE_DEFAULT == ("relu", "gelu")
    assert [c.name for c in parse_request("show: explore\n").calls] == ["relu", "gelu"]
    assert [c.name for c in parse_request("show: explore\nfunctions: [elu]\n").calls] == ["elu"]
    with pytest.raises(BlockError, match="no function given"):
        parse_request("show: plot\n")  # only explore has a default


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("show: explore\n", True),
        ("show: explore\nrange: [-6, 6]\n", True),
        ("show: plot\nfunctions: [explore]\n", False),  # the word alone is not the kind
        ("show: [explore\n", False),  # invalid YAML
        ("show: plot\n", False),
    ],
)
def test_is_explore(source: str, expected: bool) -> None:
    from generator.blocks.request import is_explore

    assert is_explore(source) is expected
