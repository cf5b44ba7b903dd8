"""Bad bases: each problem is a BaseError naming the line and the expression; Obsidian's type errors
(a string compared with a date) are errors, a missing property is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.engine.model import VaultPath
from generator.engine.vault import load_vault
from generator.queries import BaseRunner, BaseSources, check_bases, parse_base
from generator.queries.errors import BaseError
from generator.queries.evaluate import Env
from tests.generator.queries.support import ev, make_env


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Env:
    return make_env(tmp_path_factory.mktemp("err"), {"A.md": "---\nwhen: 2024-01-05\nname: x\n---\n"})


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("nosuch(1)", "unknown function 'nosuch()'"),
        ('"a".nosuch()', "unknown function '.nosuch()'"),
        ("file.nosuch", "unknown file property 'file.nosuch'"),
        ("formula.missing", "unknown formula 'formula.missing'"),
        ("1 +", "syntax error at column 4"),
        ('"open', "unterminated string"),
        ("(1", "expected ')'"),
        ("if(true)", "if() takes 2 to 3 arguments, not 1"),
    ],
)
def test_compile_errors(env: Env, expression: str, message: str) -> None:
    with pytest.raises(BaseError) as info:
        ev(env, expression, "A.md")
    assert message in str(info.value)
    assert expression in str(info.value)


def test_string_compared_with_date_is_a_type_error(env: Env) -> None:
    with pytest.raises(BaseError, match="cannot compare string > date"):
        ev(env, 'name > date("2024-01-01")', "A.md")


def test_method_of_another_type_is_a_type_error(env: Env) -> None:
    with pytest.raises(BaseError, match="a number has no function 'lower"):
        ev(env, "(5).lower()", "A.md")


def test_missing_property_is_null_not_an_error(env: Env) -> None:
    assert ev(env, "missing", "A.md") is None
    assert ev(env, 'missing.contains("x")', "A.md") is None
    assert ev(env, 'missing > date("2024-01-01")', "A.md") is False
    assert ev(env, 'when > date("2024-01-01")', "A.md") is True


def test_yaml_error_names_its_line() -> None:
    with pytest.raises(BaseError) as info:
        parse_base("views:\n  - type: table\n    order: [a\n")
    assert info.value.line == 4 or info.value.line == 3
    assert "invalid YAML" in str(info.value)


def test_unknown_view_type() -> None:
    with pytest.raises(BaseError, match="unknown view type 'chart'") as info:
        parse_base("views:\n  - type: chart\n    name: x\n")
    assert info.value.line == 2


def _write(tmp: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(text, encoding="utf-8")
    return tmp


def test_formula_error_names_file_line_and_expression(tmp_path: Path) -> None:
    base = 'filters:\n  and:\n    - file.ext == "md"\nformulas:\n  good: 1 + 1\n  bad: price.nosuch()\nviews:\n  - type: table\n'
    vault = _write(tmp_path, {"A.md": "# A\n", "X.base": base})
    problems = check_bases(load_vault(vault), vault)
    assert [(d.path, d.line, d.severity, d.code) for d in problems] == [("X.base", 6, "error", "base-error")]
    assert "unknown function '.nosuch()' in `price.nosuch()`" in problems[0].message


def test_runtime_type_error_in_a_view_filter(tmp_path: Path) -> None:
    base = "views:\n  - type: table\n    name: T\n    filters:\n      and:\n        - 'title > date(\"2020-01-01\")'\n"
    vault = _write(tmp_path, {"A.md": "---\ntitle: A title\n---\n", "X.base": base})
    problems = check_bases(load_vault(vault), vault)
    assert [(d.path, d.line) for d in problems] == [("X.base", 6)]
    assert "cannot compare string > date" in problems[0].message
    assert 'title > date("2020-01-01")' in problems[0].message


def test_base_block_errors_are_lines_of_the_note(tmp_path: Path) -> None:
    note = "# Note\n\n```base\nfilters:\n  and:\n    - 'oops('\n```\n"
    vault = _write(tmp_path, {"N.md": note})
    problems = check_bases(load_vault(vault), vault)
    assert [(d.path, d.line) for d in problems] == [("N.md", 6)]
    assert "syntax error" in problems[0].message


def test_circular_formulas(tmp_path: Path) -> None:
    base = (
        "formulas:\n  a: formula.b + 1\n  b: formula.a + 1\nviews:\n  - type: table\n    order: [formula.a]\n"
    )
    vault = _write(tmp_path, {"A.md": "", "X.base": base})
    sources = BaseSources(load_vault(vault), vault)
    loaded = sources.load(VaultPath("X.base"))
    assert loaded.base is not None
    with pytest.raises(BaseError, match="circular"):
        BaseRunner(loaded.base, sources.data, loaded.path, loaded.path).run(loaded.base.views[0])
