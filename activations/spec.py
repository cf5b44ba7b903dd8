"""One spec per activation function: the single record every consumer reads.

Tests, plots, cards, benchmarks and pages all read the same frozen `ActivationSpec`, so
adding a function is one `register(...)` call and nothing else.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import torch

ParamValue = float | int | bool | str
Kind = Literal["elementwise", "vector", "gated"]
Smoothness = Literal["discontinuous", "C0", "C1", "C2", "Cinf"]
Saturation = Literal["none", "left", "right", "both"]


@dataclass(frozen=True)
class Param:
    """A parameter of an activation, with its default as torch documents it."""

    name: str
    default: ParamValue
    doc: str = ""
    minimum: float | None = None  # smallest allowed value (inclusive unless `exclusive`)
    exclusive: bool = False
    choices: tuple[str, ...] | None = None  # for string parameters
    learnable: bool = False  # a trainable nn.Parameter in activations.nn (PReLU, Swish beta, Snake alpha)
    # Values a reader would try, in increasing order, the default among them: the grid that interactive
    # pages precompute curves on (a slider each). Empty: the parameter stays at its default there.
    sweep: tuple[ParamValue, ...] = ()

    def validate(self, value: Any) -> ParamValue:
        """Return the value checked against type and bounds, or raise ValueError naming the parameter."""
        kind = type(self.default)
        if self.choices is not None:
            if value not in self.choices:
                raise ValueError(
                    f"parameter {self.name!r} must be one of {list(self.choices)}, got {value!r}"
                )
            return str(value)
        if kind is bool:
            if not isinstance(value, bool):
                raise ValueError(f"parameter {self.name!r} must be a bool, got {value!r}")
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"parameter {self.name!r} must be a number, got {value!r}")
        if kind is int and not float(value).is_integer():
            raise ValueError(f"parameter {self.name!r} must be an integer, got {value!r}")
        if math.isnan(float(value)):
            raise ValueError(f"parameter {self.name!r} must not be NaN")
        if self.minimum is not None:
            low = float(self.minimum)
            if value < low or (self.exclusive and value == low):
                op = ">" if self.exclusive else ">="
                raise ValueError(f"parameter {self.name!r} must be {op} {low:g}, got {value!r}")
        return int(value) if kind is int else float(value)


@dataclass(frozen=True)
class Kink:
    """A point where f is not twice differentiable, and the f' value torch's autograd returns there."""

    x: float
    derivative: float  # f'(x) by torch's convention (ours where torch has no reference)
    note: str = ""


@dataclass(frozen=True)
class Properties:
    """Declared properties at default parameters; tests check each one numerically."""

    range: tuple[float, float]  # (inf)imum and (sup)remum of f over the reals; +-inf allowed
    monotonic: bool
    zero_centred: bool  # f(0) == 0 and f takes both signs
    smoothness: Smoothness
    derivative_at_zero: float  # f'(0) by torch's convention where 0 is a kink
    max_abs_derivative: float  # sup |f'| (math.inf when unbounded)
    saturation: Saturation  # where f' -> 0 as |x| -> inf
    kinks: tuple[Kink, ...] = ()

    @property
    def bounded(self) -> bool:
        return math.isfinite(self.range[0]) and math.isfinite(self.range[1])


Fn = Callable[..., torch.Tensor]


@dataclass(frozen=True)
class ActivationSpec:
    """Everything known about one activation function.

    Conventional `extra` keys (read by tests and pages):
    - "notes": tuple[str, ...], facts a reader must know (torch's softplus threshold, rrelu in eval mode).
    - "torch_nan_at": tuple[float, ...], inputs (only +-inf) where torch's own function returns NaN
      although the limit is finite; `fn` returns the limit there, and the tests check both claims.
    - "constants": dict[str, float], fixed constants at full precision (SELU's alpha and scale).
    - "gate": str, for kind "gated": the registered elementwise activation applied to the gate
      (absent for "bilinear", whose gate is the identity).
    - "profile": for kinds "vector" and "gated": profile(x, order=0, **params), elementwise, the
      one-dimensional curve (order 0) or its derivatives (1, 2) that plots draw and `properties` describe.

    Kinds other than "elementwise" (activations/specs/vector.py, sparse.py):
    - "vector" (softmax, log_softmax, softmin, solu, sparsemax, entmax15): fn(x, dim) acts along `dim`;
      d1/d2 are the diagonals d f_i / d x_i and d^2 f_i / d x_i^2 (softmax: s(1 - s), s(1 - s)(1 - 2s)), shaped like x;
      the profile is the two-class case t -> f([t, 0])[0] (softmax -> sigmoid).
    - "gated" (glu, reglu, geglu, swiglu, bilinear): fn(x, dim) splits x in half along `dim`, a the
      first half (value) and b the second (gate), and returns a * act(b), torch.nn.functional.glu's
      order; an odd size raises ValueError. d1/d2 are act's derivatives, elementwise on any tensor; the profile is
      act itself, t -> f([1, t]).
    """

    name: str  # registry key, snake_case: "leaky_relu"
    title: str  # "Leaky ReLU"
    latex: str  # f(x) = ...
    latex_derivative: str  # f'(x) = ...
    fn: Fn  # forward formula in torch ops: fn(x, **params)
    d1: Fn  # analytic first derivative: d1(x, **params)
    d2: Fn | None  # analytic second derivative, None where it does not exist as a function
    properties: Properties
    citation: str  # "Nair & Hinton, Rectified Linear Units Improve Restricted Boltzmann Machines"
    year: int
    parameters: tuple[Param, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: Kind = "elementwise"
    reference: Fn | None = None  # torch's own function (same call signature), None where torch has none
    reference_name: str = (
        ""  # how a user calls `reference` ("torch.nn.functional.gelu"), where it is a wrapper
    )
    summary: str = ""  # one sentence for cards and pages
    extra: Mapping[str, Any] = field(default_factory=dict)  # e.g. {"dim": -1} for vector functions
    latex_second_derivative: str = ""  # f''(x) = ... ("" where d2 is None)
    # Checks that span several parameters (rrelu: lower <= upper); raises ValueError naming them.
    check_params: Callable[[Mapping[str, ParamValue]], None] | None = None

    @property
    def torch_name(self) -> str | None:
        """torch's own function as a user would call it (cards print it); None where torch has none."""
        if self.reference is None:
            return None
        if self.reference_name:
            return self.reference_name
        module = getattr(self.reference, "__module__", None) or "torch"
        if module == "torch" or module.startswith("torch._"):
            module = "torch"  # builtins report private classes (torch._VariableFunctionsClass)
        return f"{module}.{getattr(self.reference, '__name__', repr(self.reference))}"

    @property
    def params(self) -> dict[str, ParamValue]:
        return {p.name: p.default for p in self.parameters}

    def resolve_params(self, params: Mapping[str, Any]) -> dict[str, ParamValue]:
        """Defaults overlaid with `params`, validated; unknown names raise ValueError naming them."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(params) - set(known))
        if unknown:
            raise ValueError(
                f"{self.name} has no parameter {', '.join(map(repr, unknown))}; known: {sorted(known) or 'none'}"
            )
        resolved = {name: p.validate(params.get(name, p.default)) for name, p in known.items()}
        if self.check_params is not None:
            self.check_params(resolved)
        return resolved

    def forward(self, x: torch.Tensor, **params: Any) -> torch.Tensor:
        _check_tensor(x, self.name)
        return self.fn(x, **self.resolve_params(params))

    def derivative(self, x: torch.Tensor, order: int = 1, **params: Any) -> torch.Tensor:
        _check_tensor(x, self.name)
        resolved = self.resolve_params(params)
        if order == 1:
            return self.d1(x, **resolved)
        if order == 2:
            if self.d2 is None:
                raise ValueError(f"{self.name} has no second derivative")
            return self.d2(x, **resolved)
        raise ValueError(f"order must be 1 or 2, got {order!r}")


def _check_tensor(x: object, name: str) -> None:
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"{name} expects a torch.Tensor, got {type(x).__name__}")
    if not x.is_floating_point():
        raise TypeError(f"{name} expects a floating-point tensor, got dtype {x.dtype}")


_REGISTRY: dict[str, ActivationSpec] = {}
_ALIASES: dict[str, str] = {}


def register(spec: ActivationSpec) -> ActivationSpec:
    """Add a spec to the registry; a name or alias used twice is a bug, so it raises."""
    for key in (spec.name, *spec.aliases):
        if key in _REGISTRY or key in _ALIASES:
            raise ValueError(f"activation name {key!r} registered twice")
    _REGISTRY[spec.name] = spec
    for alias in spec.aliases:
        _ALIASES[alias] = spec.name
    return spec


def names() -> list[str]:
    """Every registered canonical name, sorted."""
    return sorted(_REGISTRY)


def get(name: str) -> ActivationSpec:
    """The spec for a name or alias (case-insensitive; '-' and ' ' read as '_')."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = _ALIASES.get(key, key)
    if key in _REGISTRY:
        return _REGISTRY[key]
    close = difflib.get_close_matches(key, [*_REGISTRY, *_ALIASES], n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"unknown activation {name!r}{hint}")
