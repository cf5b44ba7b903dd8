"""Memory-efficient autograd for every registered activation, fused by torch.compile.

One generic `torch.autograd.Function` serves every spec. Its forward saves only the input (and
the learnable parameters given as tensors), never an intermediate; its backward recomputes what
it needs from the input:

- elementwise specs: ``grad_x = grad * spec.d1(x)``, the analytic derivative, one fused kernel;
- vector and gated specs (softmax, GLU, ...), whose derivative is a Jacobian rather than a
  number per element, and the gradients of learnable parameters (PReLU weight, Swish beta,
  Snake alpha): autograd through a recomputation of ``spec.fn`` inside backward. Nothing more
  is kept between forward and backward, and no second formula per parameter has to be written.

Backward is built from differentiable torch operations whenever autograd asks for a graph
(``create_graph=True``), so double backward works without a second hand-written Function.

Fusion: each formula (forward, and ``grad * d1`` for backward) is wrapped in ``torch.compile``
with dynamic shapes on a flattened view, so one compiled kernel serves every size of a given
dtype. Compiling is lazy (on first call), cached per (name, parameters), skipped while autograd
records a graph through the formula (double backward), and falls back to eager with one logged
warning if it fails. ``ACTIVATIONS_COMPILE=0`` (or `set_compile(False)`) turns it off.

Where torch has its own kernel for the function (``spec.reference``) and the spec has no
learnable parameter, forward calls that kernel: it is a single fused pass already (timm's
create_act makes the same choice), and it costs no compile; backward is still ours and still
saves only the input. `activations.bench` measures both choices (impl "torch" vs "ours").
"""

from __future__ import annotations

import contextvars
import functools
import logging
import os
import threading
import types
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch.overrides import TorchFunctionMode

from activations.spec import ActivationSpec, ParamValue, get

_log = logging.getLogger("activations")
_LOW_PRECISION = (torch.float16, torch.bfloat16)
# Context-local, so one thread (or asyncio task) running eagerly does not switch another's kernels.
_compile_override: contextvars.ContextVar[bool | None] = contextvars.ContextVar(
    "activations_compile", default=None
)
_warned: set[str] = set()


def compile_enabled() -> bool:
    """Whether formulas are compiled: `set_compile` if called in this context, else env
    ACTIVATIONS_COMPILE (default on)."""
    override = _compile_override.get()
    if override is not None:
        return override
    return os.environ.get("ACTIVATIONS_COMPILE", "1").strip().lower() not in ("0", "false", "no", "off")


def set_compile(enabled: bool | None) -> contextvars.Token[bool | None]:
    """Force compiling on or off in the current context (thread or task); None goes back to the
    environment variable. Returns a token for `reset_compile`, to restore the previous setting."""
    return _compile_override.set(enabled)


def reset_compile(token: contextvars.Token[bool | None]) -> None:
    """Undo the `set_compile` call that returned `token`."""
    _compile_override.reset(token)


def _fresh(fn: Callable[..., Any], label: str) -> Callable[..., Any]:
    """A copy of fn with its own code object.

    torch.compile keeps its cache (and its recompile limit of 8) on the code object; every
    kernel here is the same small closure, so without a copy the ninth activation would
    silently run eager.
    """
    code = fn.__code__.replace(co_name=label)
    return types.FunctionType(code, fn.__globals__, label, fn.__defaults__, fn.__closure__)


class _NaNAsSelfCompare(TorchFunctionMode):
    """Inside compiled kernels, torch.isnan(t) is traced as t != t (the same values).

    The specs propagate NaN with torch.isnan, which torch 2.13's inductor lowers to a scalar
    loop on CPU; t != t vectorises. Measured on a 2^22-element ReLU backward, one thread:
    3.3 ms with isnan, 1.2 ms with the comparison (torch's own threshold_backward: 1.7 ms).
    """

    def __torch_function__(
        self, func: Any, types: Any, args: Sequence[Any] = (), kwargs: Mapping[str, Any] | None = None
    ) -> Any:
        if func is torch.isnan and len(args) == 1 and not kwargs:
            return args[0] != args[0]
        return func(*args, **(kwargs or {}))


def _traceable(fn: Callable[..., torch.Tensor]) -> Callable[..., torch.Tensor]:
    def traced(*args: torch.Tensor) -> torch.Tensor:
        with _NaNAsSelfCompare():
            return fn(*args)

    return traced


class Kernel:
    """One formula over tensors: compiled on first use, eager when compiling is off or fails.

    A `trainable` kernel is also compiled while autograd records through it (torch.compile then
    builds the backward too); it serves the recomputation inside our backward. Other kernels run
    eager whenever autograd records a graph through them, i.e. during double backward.
    """

    def __init__(
        self, eager: Callable[..., torch.Tensor], label: str, compilable: bool = True, trainable: bool = False
    ) -> None:
        self.eager = eager
        self.label = label
        self.compilable = compilable
        self.trainable = trainable
        self._compiled: Callable[..., torch.Tensor] | None = None
        self._failed = False
        self._lock = threading.Lock()

    def __call__(self, *args: Any) -> torch.Tensor:
        if not self._use_compiled(args):
            return self.eager(*args)
        compiled = self._compiled or self._compile()
        try:
            return compiled(*args)
        except torch.OutOfMemoryError:
            raise  # the device is full: not the compiler's fault, and eager would not fit either
        except Exception as exc:
            # The eager formula tells a compiler failure from a bad call: if it raises too (a shape
            # mismatch, a wrong dtype), the caller is at fault and compiling stays on.
            out = self.eager(*args)
            self._failed = True
            if self.label not in _warned:
                _warned.add(self.label)
                _log.warning("activations: compiling %s failed, using eager: %s", self.label, exc)
            return out

    def _compile(self) -> Callable[..., torch.Tensor]:
        """The compiled formula, made once even when several threads ask at the same time."""
        with self._lock:
            if self._compiled is None:
                with warnings.catch_warnings():
                    # torch 2.13's inductor imports torch.utils.mkldnn, which warns about its own
                    # torch.jit use on first import: torch's internal matter, not our callers'.
                    warnings.filterwarnings(
                        "ignore", "`torch.jit.script_method` is deprecated", DeprecationWarning
                    )
                    self._compiled = torch.compile(_fresh(_traceable(self.eager), self.label), dynamic=True)
            return self._compiled

    def _use_compiled(self, args: Sequence[Any]) -> bool:
        if not self.compilable or self._failed or not compile_enabled():
            return False
        return self.trainable or not (
            torch.is_grad_enabled() and any(isinstance(a, torch.Tensor) and a.requires_grad for a in args)
        )


def _flat(
    kernel: Kernel, x: torch.Tensor, *others: torch.Tensor, scalars: Sequence[float] = ()
) -> torch.Tensor:
    """Call an elementwise kernel on 1-D views, so one dynamic-shape kernel serves every shape."""
    if x.is_contiguous() and all(o.is_contiguous() and o.shape == x.shape for o in others):
        return kernel(x.view(-1), *(o.view(-1) for o in others), *scalars).view(x.shape)
    return kernel(x, *others, *scalars)


Grads = tuple[torch.Tensor, ...]


@dataclass(frozen=True)
class Fused:
    """Forward and backward of one spec at fixed non-tensor parameters.

    Every kernel takes `(x, [grad,] *tensor parameters, *scalars)`: the float parameters are
    arguments, not constants, so a new value (ELU's alpha, a leaky slope) reuses the compiled
    kernel instead of compiling another.
    """

    spec: ActivationSpec
    static: Mapping[str, ParamValue]  # validated parameters given as numbers or strings
    tensor_names: tuple[str, ...]  # learnable parameters given as tensors, in call order
    scalars: tuple[float, ...]  # the float parameters among `static`, passed to every kernel
    fwd: Kernel  # (x, *params, *scalars) -> y: the compiled formula, or torch's own kernel (x) -> y
    grad_x: Kernel | None  # (x, grad, *params, *scalars) -> grad * d1(x), for elementwise specs
    vjp: Callable[..., Grads] | None  # (x, grad, *params) -> grads of vjp_targets through spec.fn
    vjp_targets: tuple[int, ...]  # indices into (x, *params)
    native_autograd: bool = False  # torch's own function and autograd serve both passes (see _build)
    native: bool = False  # fwd is torch's own kernel, called with x alone

    def forward(self, x: torch.Tensor, *params: torch.Tensor) -> torch.Tensor:
        if self.native:
            return _flat(self.fwd, x) if self.spec.kind == "elementwise" else self.fwd(x)
        if params or self.spec.kind != "elementwise":
            return self.fwd(x, *params, *self.scalars)
        return _flat(self.fwd, x, scalars=self.scalars)

    def backward(
        self, grad: torch.Tensor, x: torch.Tensor, params: Sequence[torch.Tensor], needs: Sequence[bool]
    ) -> list[torch.Tensor | None]:
        """Gradients for (x, *params); None where autograd did not ask for one."""
        grads: list[torch.Tensor | None] = [None] * (1 + len(params))
        if self.grad_x is not None and needs[0]:
            grads[0] = (
                self.grad_x(x, grad, *params, *self.scalars)
                if params
                else _flat(self.grad_x, x, grad, scalars=self.scalars)
            )
        if self.vjp is not None and any(needs[i] for i in self.vjp_targets):
            for i, g in zip(self.vjp_targets, self.vjp(x, grad, *params), strict=True):
                grads[i] = g if needs[i] else None
        return grads


def _recompute_vjp(
    eager: Callable[..., torch.Tensor],
    compiled: Kernel,
    targets: tuple[int, ...],
    scalars: tuple[float, ...],
) -> Callable[..., Grads]:
    """Gradients of `targets` of formula(x, *params, *scalars) by autograd through a recomputation.

    Nothing of the recomputation outlives this call. During double backward the eager formula
    records the graph autograd differentiates next; otherwise the compiled one (forward and
    backward fused by torch.compile) runs.
    """

    def vjp(x: torch.Tensor, grad: torch.Tensor, *params: torch.Tensor) -> Grads:
        create_graph = torch.is_grad_enabled()  # true exactly when backward itself is differentiated
        with torch.enable_grad():
            inputs = [
                t if create_graph and t.requires_grad else t.detach().requires_grad_(i in targets)
                for i, t in enumerate((x, *params))
            ]
            out = (eager if create_graph else compiled)(*inputs, *scalars)
            return torch.autograd.grad(out, [inputs[i] for i in targets], grad, create_graph=create_graph)

    return vjp


class _ActivationFunction(torch.autograd.Function):
    """Saves the input (and tensor parameters) only; backward recomputes from them."""

    @staticmethod
    def forward(ctx: Any, fused: Fused, x: torch.Tensor, *params: torch.Tensor) -> torch.Tensor:
        ctx.fused = fused
        ctx.save_for_backward(x, *params)
        return fused.forward(x, *params)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> tuple[torch.Tensor | None, ...]:
        x, *params = ctx.saved_tensors
        return (None, *ctx.fused.backward(grad, x, params, ctx.needs_input_grad[1:]))


def _low_precision_safe(d1: Callable[..., torch.Tensor]) -> Callable[..., torch.Tensor]:
    """grad * d1(x) computed in float32 for 16-bit inputs and rounded once, as torch's kernels do."""

    def grad_x(x: torch.Tensor, grad: torch.Tensor, *rest: Any) -> torch.Tensor:
        if x.dtype in _LOW_PRECISION:
            return (grad.float() * d1(x.float(), *rest)).to(x.dtype)
        return grad * d1(x, *rest)

    return grad_x


@dataclass(frozen=True)
class _Kernels:
    """The compiled kernels of one spec, shared by every value of its float parameters."""

    formula: Callable[..., torch.Tensor]  # (x, *params, *scalars), eager
    trainable: Kernel
    grad_x: Kernel | None


@functools.lru_cache(maxsize=256)
def _kernels(
    name: str,
    fixed_items: tuple[tuple[str, ParamValue], ...],
    scalar_names: tuple[str, ...],
    tensor_names: tuple[str, ...],
) -> _Kernels:
    spec = get(name)
    fixed = dict(fixed_items)
    n = len(tensor_names)

    def kwargs(rest: Sequence[Any]) -> dict[str, Any]:
        return {
            **fixed,
            **dict(zip(tensor_names, rest[:n], strict=True)),
            **dict(zip(scalar_names, rest[n:], strict=True)),
        }

    def formula(x: torch.Tensor, *rest: Any) -> torch.Tensor:
        return spec.fn(x, **kwargs(rest))

    def derivative(x: torch.Tensor, *rest: Any) -> torch.Tensor:
        return spec.d1(x, **kwargs(rest))

    trainable = Kernel(formula, f"{name}_formula", trainable=True)
    grad_x = Kernel(_low_precision_safe(derivative), f"{name}_grad") if spec.kind == "elementwise" else None
    return _Kernels(formula, trainable, grad_x)


@functools.lru_cache(maxsize=512)
def _build(
    name: str, static_items: tuple[tuple[str, ParamValue], ...], tensor_names: tuple[str, ...]
) -> Fused:
    spec = get(name)
    static = dict(static_items)
    scalar_names = tuple(k for k, v in static_items if type(v) is float)
    fixed_items = tuple((k, v) for k, v in static_items if k not in scalar_names)
    scalars = tuple(float(static[k]) for k in scalar_names)
    kernels = _kernels(name, fixed_items, scalar_names, tensor_names)
    reference = spec.reference
    if reference is not None and not any(p.learnable for p in spec.parameters):

        def native(x: torch.Tensor) -> torch.Tensor:
            assert reference is not None
            return reference(x, **static)

        fwd = Kernel(native, f"{name}_native", compilable=False)
        if _native_is_ours(native, lambda x: kernels.formula(x, *scalars)):
            return Fused(spec, static, tensor_names, scalars, fwd, None, None, (), True, native=True)
        native_fwd = True
    else:
        fwd, native_fwd = kernels.trainable, False
    elementwise = spec.kind == "elementwise"
    # Learnable tensor parameters, and every input of a vector or gated spec: autograd through spec.fn.
    targets = tuple(range(1 if elementwise else 0, 1 + len(tensor_names)))
    vjp = _recompute_vjp(kernels.formula, kernels.trainable, targets, scalars) if targets else None
    return Fused(spec, static, tensor_names, scalars, fwd, kernels.grad_x, vjp, targets, native=native_fwd)


def _native_is_ours(
    native: Callable[[torch.Tensor], torch.Tensor], formula: Callable[[torch.Tensor], torch.Tensor]
) -> bool:
    """Whether torch's own function already is what this module builds, so we can call it.

    True when torch's autograd keeps nothing but the input for backward (one fused kernel each
    way, only the input saved) and its gradient equals autograd through the spec's formula in
    float64 (torch's float64 hardsigmoid backward, for one, multiplies by a float32 1/6). torch
    saves the output instead for relu, sigmoid, tanh and softmax, and extra tensors for a few
    composites: those get our Function.
    """
    x = (torch.linspace(-3, 3, 32, dtype=torch.float64) + 0.0371).reshape(4, 8).requires_grad_()
    saved: list[torch.Tensor] = []

    def pack(t: torch.Tensor) -> torch.Tensor:
        saved.append(t)
        return t

    try:
        with torch.enable_grad():
            with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
                y = native(x)
            if y.grad_fn is None or not saved or any(t.data_ptr() != x.data_ptr() for t in saved):
                return False
            weights = torch.linspace(-1, 2, y.numel(), dtype=y.dtype).reshape(y.shape)
            (ours,) = torch.autograd.grad(y, x, weights)
            (exact,) = torch.autograd.grad(formula(x), x, weights)
    except Exception:  # a reference that cannot run here: ours is always correct
        return False
    return bool(torch.allclose(ours, exact, rtol=1e-12, atol=1e-12))


def clear_kernels() -> None:
    """Forget every built and compiled kernel (tests; a process that changed torch's compiler settings)."""
    _build.cache_clear()
    _kernels.cache_clear()


def fused_for(spec: ActivationSpec, params: Mapping[str, Any]) -> tuple[Fused, list[torch.Tensor]]:
    """The cached Fused for these parameters, and the tensor-valued learnable parameters to pass it.

    A learnable parameter may be a number (fixed) or a floating-point tensor (trained: it gets a
    gradient); every other parameter is validated by the spec.
    """
    learnable = {p.name for p in spec.parameters if p.learnable}
    tensors = {k: v for k, v in params.items() if isinstance(v, torch.Tensor)}
    for key, value in tensors.items():
        if key not in learnable:
            raise ValueError(f"{spec.name}: parameter {key!r} must be a number, not a tensor")
        if not value.is_floating_point():
            raise TypeError(
                f"{spec.name}: parameter {key!r} must be a floating-point tensor, got {value.dtype}"
            )
    resolved = spec.resolve_params({k: v for k, v in params.items() if k not in tensors})
    static = tuple((k, v) for k, v in resolved.items() if k not in tensors)
    names = tuple(k for k in resolved if k in tensors)
    return _build(spec.name, static, names), [tensors[k] for k in names]


def apply(name: str | ActivationSpec, x: torch.Tensor, **params: Any) -> torch.Tensor:
    """Apply an activation with memory-efficient autograd (the body of every public function)."""
    spec = name if isinstance(name, ActivationSpec) else get(name)
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"{spec.name} expects a torch.Tensor, got {type(x).__name__}")
    if not x.is_floating_point():
        raise TypeError(f"{spec.name} expects a floating-point tensor, got dtype {x.dtype}")
    fused, tensors = fused_for(spec, params)
    if fused.native_autograd:
        return fused.fwd(x)  # not flattened: torch's autograd saves x itself, in its own shape
    if torch.is_grad_enabled() and (x.requires_grad or any(t.requires_grad for t in tensors)):
        out: torch.Tensor = _ActivationFunction.apply(fused, x, *tensors)
        return out
    return fused.forward(x, *tensors)
