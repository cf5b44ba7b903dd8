"""A function as a block names it: a registered spec with its parameters resolved and validated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch

import activations
from activations.spec import ActivationSpec, ParamValue
from generator.blocks.request import BlockError, Call


@dataclass(frozen=True)
class Function:
    """`leaky_relu(negative_slope=0.1)`: the spec, every parameter's value, and how to label it."""

    spec: ActivationSpec
    params: tuple[tuple[str, ParamValue], ...]  # every parameter, defaults included, in spec order
    label: str  # the name with the parameters that differ from the defaults

    @property
    def kwargs(self) -> dict[str, ParamValue]:
        return dict(self.params)

    @property
    def is_default(self) -> bool:
        return self.kwargs == self.spec.params

    @property
    def profiled(self) -> bool:
        """Vector and gated specs are drawn and tabulated through their 1-D profile (see activations.specs.vector)."""
        return self.spec.kind != "elementwise" and callable(self.spec.extra.get("profile"))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """f elementwise on a 1-D grid: the spec's forward, or its profile for vector and gated kinds."""
        if self.profiled:
            return self.spec.extra["profile"](x, order=0, **self.kwargs)  # type: ignore[no-any-return]
        return self.spec.forward(x, **self.kwargs)

    def derivative(self, x: torch.Tensor, order: int = 1) -> torch.Tensor:
        if self.profiled:
            return self.spec.extra["profile"](x, order=order, **self.kwargs)  # type: ignore[no-any-return]
        return self.spec.derivative(x, order=order, **self.kwargs)

    def has_order(self, order: int) -> bool:
        return order < 2 or self.spec.d2 is not None


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def resolve(call: Call) -> Function:
    """The Function a call names; unknown names and parameters are BlockErrors on the call's line."""
    try:
        spec = activations.get(call.name)
    except KeyError as exc:
        raise BlockError(str(exc.args[0]), call.offset) from None
    try:
        resolved = spec.resolve_params(dict(call.kwargs))
    except ValueError as exc:
        raise BlockError(str(exc), call.offset) from None
    changed = [f"{k}={_format(v)}" for k, v in resolved.items() if v != spec.params[k]]
    label = f"{spec.name}({', '.join(changed)})" if changed else spec.name
    return Function(spec, tuple(resolved.items()), label)


def dump(fn: Function) -> dict[str, Any]:
    """JSON-able identity of a Function for cache keys."""
    return {"name": fn.spec.name, "params": [[k, repr(v)] for k, v in fn.params]}
