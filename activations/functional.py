"""Plain functions, one per registered activation: ``activations.functional.gelu(x, approximate="none")``.

Generated from the registry, so a new spec is a new function with nothing else to edit. Every
function validates its parameters through the spec, saves only its input for backward and runs
fused kernels (see `activations._fused`). Aliases are functions too (``functional.swish`` where
the registry knows "swish" as another name of "silu").
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import torch

from activations._fused import apply, compile_enabled, set_compile
from activations.spec import ActivationSpec, get, names

__all__ = ["apply", "compile_enabled", "function", "set_compile", *names()]

ActivationFn = Callable[..., torch.Tensor]
_OWN = frozenset({"apply", "compile_enabled", "set_compile", "function"})  # never shadowed by a spec name


def _signature(spec: ActivationSpec) -> inspect.Signature:
    """x, then the spec's parameters as keyword-only with their defaults: what help() and IDEs show."""
    x = inspect.Parameter("x", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation="torch.Tensor")
    params = [
        inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=p.default) for p in spec.parameters
    ]
    return inspect.Signature([x, *params], return_annotation="torch.Tensor")


def _make(spec: ActivationSpec, public_name: str) -> ActivationFn:
    def activation(x: torch.Tensor, **params: Any) -> torch.Tensor:
        return apply(spec, x, **params)

    activation.__name__ = activation.__qualname__ = public_name
    activation.__module__ = __name__
    activation.__doc__ = f"{spec.title}: {spec.summary or spec.latex}\n\nSaves only its input for backward."
    activation.__signature__ = _signature(spec)  # type: ignore[attr-defined]
    return activation


def function(name: str) -> ActivationFn:
    """The function for a registered name or alias (KeyError suggesting close names otherwise)."""
    spec = get(name)
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if not key.isidentifier() or key in _OWN:
        return _make(spec, spec.name)
    found = globals().get(key)
    if found is None:
        found = globals()[key] = _make(spec, key)
    return found


def __getattr__(name: str) -> ActivationFn:
    # Specs registered after this module was imported still get their function.
    try:
        return function(name)
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def _populate() -> None:
    for name in names():
        spec = get(name)
        for key in (name, *spec.aliases):
            if key.isidentifier() and key not in _OWN:
                globals()[key] = _make(spec, key)


_populate()
