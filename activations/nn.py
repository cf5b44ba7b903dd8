"""nn.Modules, one per registered activation: ``activations.nn.GELU()``, ``activations.nn.create("gelu")``.

Class names follow torch where torch has the module (ReLU, GELU, SiLU, LeakyReLU, PReLU, GLU,
Softmax ...), and the spec's title otherwise ("Squared ReLU" -> SquaredReLU). Each module calls
the memory-efficient functional form, so it saves only its input for backward.

Parameters are keyword arguments with the spec's defaults (``LeakyReLU(negative_slope=0.1)``,
``Softmax(dim=1)``). Learnable parameters (PReLU's weight, Swish's beta, Snake's alpha) are
``nn.Parameter``s named as in the spec, initialised from the keyword (or ``init=`` when there is
exactly one, as torch's PReLU has), with ``num_parameters`` values: 1 shared value, or one per
channel along dim 1, torch's PReLU convention.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import torch
from torch import nn

from activations._fused import apply
from activations.spec import ActivationSpec, ParamValue, names
from activations.spec import get as get_spec

__all__ = ["Activation", "classes", "create", "get", "get_class"]


class Activation(nn.Module):
    """Base class of every generated module: the spec's function with fixed (or learnable) parameters."""

    spec: ClassVar[ActivationSpec]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()
        spec = self.spec
        learnable = [p.name for p in spec.parameters if p.learnable]
        num = kwargs.pop("num_parameters", 1)
        if "init" in kwargs:
            if len(learnable) != 1:
                raise TypeError(
                    f"{type(self).__name__} takes init= only with exactly one learnable parameter"
                )
            kwargs[learnable[0]] = kwargs.pop("init")
        if not learnable and num != 1:
            raise TypeError(f"{type(self).__name__} has no learnable parameter: num_parameters must stay 1")
        if isinstance(num, bool) or not isinstance(num, int) or num < 1:
            raise ValueError(f"num_parameters must be a positive int, got {num!r}")
        resolved = spec.resolve_params(kwargs)
        self.num_parameters = num
        self.params: dict[str, ParamValue] = {k: v for k, v in resolved.items() if k not in learnable}
        for name in learnable:
            self.register_parameter(name, nn.Parameter(torch.full((num,), float(resolved[name]))))
        self._learnable = tuple(learnable)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        tensors = {name: self._broadcastable(getattr(self, name), x) for name in self._learnable}
        return apply(self.spec, x, **self.params, **tensors)

    def _broadcastable(self, param: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """One value: a 0-d tensor; one per channel: shaped (C, 1, ..., 1) against x's dim 1."""
        if param.numel() == 1:
            return param.reshape(())
        if x.dim() < 2 or x.shape[1] != param.numel():
            raise ValueError(
                f"{type(self).__name__} has {param.numel()} parameters per channel, "
                f"but the input's dim 1 is {tuple(x.shape)[1:2] or 'missing'}"
            )
        return param.reshape(param.numel(), *([1] * (x.dim() - 2)))

    def extra_repr(self) -> str:
        parts = [f"{k}={v!r}" for k, v in self.params.items()]
        if self._learnable:
            parts.append(f"num_parameters={self.num_parameters}")
        return ", ".join(parts)


def _torch_names() -> dict[str, str]:
    """torch.nn's activation module names by squashed lower-case key: 'leakyrelu' -> 'LeakyReLU'."""
    module = nn.modules.activation
    return {
        n.lower(): n
        for n in dir(module)
        if isinstance(getattr(module, n), type) and issubclass(getattr(module, n), nn.Module)
    }


_ACRONYMS = {"relu": "ReLU", "gelu": "GELU", "glu": "GLU", "elu": "ELU", "selu": "SELU", "silu": "SiLU"}


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _class_name(spec: ActivationSpec, torch_names: dict[str, str], taken: set[str]) -> str:
    """torch's name if torch has the module; else the title's spelling when it names the same thing
    ("Squared ReLU" for squared_relu, "QuickGELU"); else the name in CamelCase ("SwishBeta")."""
    keys = {_squash(k) for k in (spec.name, *spec.aliases)}
    title = spec.title.split("(")[0]
    from_title = "".join(w[0].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", title))
    from_name = "".join(_ACRONYMS.get(w, w.capitalize()) for w in spec.name.split("_"))
    candidates = [
        torch_names.get(_squash(spec.name)),
        from_title if _squash(from_title) in keys else None,
        from_name,
    ]
    for candidate in candidates:
        if candidate and candidate.isidentifier() and candidate[0].isalpha() and candidate not in taken:
            return candidate
    raise ValueError(f"no free class name for activation {spec.name!r}")


_CLASSES: dict[str, type[Activation]] = {}  # canonical spec name -> class


def _build_classes() -> None:
    torch_names = _torch_names()
    taken = set(globals()) | {c.__name__ for c in _CLASSES.values()}
    for name in names():
        if name in _CLASSES:
            continue
        spec = get_spec(name)
        cls_name = _class_name(spec, torch_names, taken)
        doc = (
            f"{spec.title} as an nn.Module ({spec.citation}, {spec.year}). Saves only its input for backward."
        )
        cls = type(cls_name, (Activation,), {"spec": spec, "__doc__": doc, "__module__": __name__})
        _CLASSES[name] = cls
        taken.add(cls_name)
        globals()[cls_name] = cls


def classes() -> dict[str, type[Activation]]:
    """Every module class by canonical activation name."""
    _build_classes()
    return dict(_CLASSES)


def get_class(name: str) -> type[Activation]:
    """The module class for a registered name or alias ('gelu', 'leaky-relu', 'swish')."""
    spec = get_spec(name)
    if spec.name not in _CLASSES:
        _build_classes()
    return _CLASSES[spec.name]


def create(name: str, **params: Any) -> Activation:
    """A module by name with its parameters, like timm's create_act: ``create("gelu", approximate="tanh")``."""
    return get_class(name)(**params)


def get(name: str, **params: Any) -> Activation:
    """Same as `create`: the name timm and torch users reach for."""
    return create(name, **params)


def __getattr__(name: str) -> Any:
    # Specs registered after import still get their class.
    _build_classes()
    if name in globals():
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_build_classes()
