"""What an expression is evaluated in: the base's environment (`Env`) and the row (`Scope`)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.engine.model import VaultPath
from generator.queries.errors import BaseError
from generator.queries.values import Date
from generator.queries.vaultdata import VaultData

__all__ = ["Compiled", "Env", "Scope"]

Compiled = Callable[["Scope"], Any]
_NO_LOCALS: dict[str, Any] = {}  # shared, never written: most rows bind no `value`
_NO_ACTIVE: set[str] = set()


@dataclass
class Env:
    """One evaluation of one base: the vault, where the base is written, `this`, the clock, the formulas."""

    data: VaultData
    source: VaultPath  # the file the base is written in (links in it resolve from there)
    this: VaultPath | None = None
    now: Date = field(default_factory=lambda: Date(dt.datetime.now().replace(microsecond=0), True))
    formulas: dict[str, Compiled] = field(default_factory=dict)
    formula_text: dict[str, str] = field(default_factory=dict)
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    @property
    def today(self) -> Date:
        return Date(self.now.value.replace(hour=0, minute=0, second=0, microsecond=0), False)


class Scope:
    """The row being evaluated (a file, or None for a summary) and the names bound inside a lambda."""

    __slots__ = ("active", "cache", "env", "locals", "row")

    def __init__(self, env: Env, row: VaultPath | None, locals_: dict[str, Any] | None = None) -> None:
        self.env = env
        self.row = row
        self.locals = locals_ or _NO_LOCALS
        self.cache: dict[str, Any] = _NO_LOCALS  # replaced by its own dict at the first formula
        self.active: set[str] = _NO_ACTIVE

    def child(self, **bound: Any) -> Scope:
        """The same row with `value`, `index`, `acc` bound (list.filter, map, reduce)."""
        self._own()
        scope = Scope(self.env, self.row, {**self.locals, **bound})
        scope.cache = self.cache
        scope.active = self.active
        return scope

    def _own(self) -> None:
        if self.cache is _NO_LOCALS:
            self.cache = {}
            self.active = set()

    def formula(self, name: str) -> Any:
        if name in self.cache:
            return self.cache[name]
        self._own()
        compiled = self.env.formulas.get(name)
        if compiled is None:
            raise BaseError(f"unknown formula 'formula.{name}'")
        if name in self.active:
            raise BaseError(f"formula '{name}' refers to itself (circular formulas)")
        self.active.add(name)
        inner = Scope(self.env, self.row)  # a formula sees the row, not the lambda's `value`
        inner.cache = self.cache
        inner.active = self.active
        try:
            value = compiled(inner)
        except BaseError as exc:
            raise exc.located(self.env.formula_text.get(name, ""), 0) from None
        finally:
            self.active.discard(name)
        self.cache[name] = value
        return value

    def property(self, name: str) -> Any:
        if self.row is None:
            return None
        return self.env.data.properties(self.row).get(name)
