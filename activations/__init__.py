"""Activation functions for deep learning, one tested spec each.

import activations
activations.names()                      # every registered name
spec = activations.get("gelu")           # unknown name: KeyError suggesting close names
activations.functional.gelu(x)           # plain functions, memory-efficient autograd
activations.nn.GELU()                    # nn.Modules
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from activations.spec import ActivationSpec, Kink, Param, Properties, get, names, register

if TYPE_CHECKING:
    from activations import functional, nn

__version__ = "0.1.0"
__all__ = ["ActivationSpec", "Kink", "Param", "Properties", "functional", "get", "names", "nn", "register"]


def _load_specs() -> None:
    importlib.import_module("activations.specs")


def __getattr__(name: str) -> Any:
    # functional and nn import torch.compile machinery: load them on first use, not at import time.
    if name in ("functional", "nn"):
        return importlib.import_module(f"activations.{name}")
    raise AttributeError(f"module 'activations' has no attribute {name!r}")


_load_specs()
