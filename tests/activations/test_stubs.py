"""The type stubs of `functional` and `nn` list exactly what the modules make at import time."""

from __future__ import annotations

import ast
import inspect

from activations import _stubs, functional, nn


def _stub_tree(name: str) -> ast.Module:
    return ast.parse((_stubs.HERE / name).read_text(encoding="utf-8"))


def test_committed_stubs_are_up_to_date() -> None:
    assert _stubs.main(["--check"]) == 0, "run: python -m activations._stubs"


def test_functional_stub_names_every_function_with_its_keywords() -> None:
    stubbed = {
        node.name: [a.arg for a in node.args.kwonlyargs]
        for node in _stub_tree("functional.pyi").body
        if isinstance(node, ast.FunctionDef)
    }
    runtime = {
        name: fn
        for name, fn in vars(functional).items()
        if callable(fn)
        and getattr(fn, "__module__", None) == functional.__name__
        and not name.startswith("_")
    }
    assert set(runtime) <= set(stubbed)
    for name, fn in runtime.items():
        if name in ("function",):
            continue
        keywords = [p.name for p in inspect.signature(fn).parameters.values() if p.kind is p.KEYWORD_ONLY]
        assert stubbed[name] == keywords, name


def test_nn_stub_has_a_class_per_module_class() -> None:
    stubbed = {node.name for node in _stub_tree("nn.pyi").body if isinstance(node, ast.ClassDef)}
    assert {cls.__name__ for cls in nn.classes().values()} | {"Activation"} == stubbed
