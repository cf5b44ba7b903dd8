"""activations.functional: forward equals the spec's formula, gradients equal autograd through it,
gradcheck/gradgradcheck pass in float64, and only the input is saved for backward.

The references are independent of the code under test: the spec's own formula run through
torch's autograd (eager composition), torch's own functions, and numbers written by hand.
Compiling is off here (eager is fast to test); one slow test checks the compiled path.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
import torch

import activations
from activations import _fused
from activations import functional as AF

ALL = activations.names()


@pytest.fixture(autouse=True)
def _eager() -> Iterator[None]:
    _fused.set_compile(False)
    yield
    _fused.set_compile(None)


def grid(act: str, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    """Points on [-3, 3] that miss every kink (0, +-0.5, +-1, 6 ...) by far more than gradcheck's eps."""
    x = torch.linspace(-3.0, 3.0, 24, dtype=torch.float64) + 0.0371
    return x.reshape(4, 6).to(dtype)


def formula(act: str, x: torch.Tensor, **params: Any) -> torch.Tensor:
    spec = activations.get(act)
    return spec.fn(x, **{**spec.params, **params})


def saved_storages(fn: Any, *inputs: torch.Tensor) -> list[torch.Tensor]:
    """Every tensor autograd keeps for backward while fn(*inputs) is recorded."""
    saved: list[torch.Tensor] = []

    def pack(t: torch.Tensor) -> torch.Tensor:
        saved.append(t)
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        fn(*inputs)
    return saved


@pytest.mark.parametrize("act", ALL)
def test_forward_equals_spec_formula(act: str) -> None:
    x = grid(act)
    torch.testing.assert_close(AF.function(act)(x), formula(act, x), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("act", ALL)
def test_gradient_equals_autograd_of_formula(act: str) -> None:
    x = grid(act).requires_grad_()
    ours = AF.function(act)(x)
    weights = torch.linspace(-1.0, 2.0, ours.numel(), dtype=x.dtype).reshape(ours.shape)
    (g_ours,) = torch.autograd.grad(ours, x, weights)
    (g_ref,) = torch.autograd.grad(formula(act, x), x, weights)
    torch.testing.assert_close(g_ours, g_ref, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("act", ALL)
def test_gradcheck_and_gradgradcheck_float64(act: str) -> None:
    x = grid(act).requires_grad_()
    fn = AF.function(act)
    assert torch.autograd.gradcheck(fn, (x,))
    assert torch.autograd.gradgradcheck(fn, (x,))


LEARNABLE = [(n, p.name) for n in ALL for p in activations.get(n).parameters if p.learnable]


@pytest.mark.parametrize(("act", "param"), LEARNABLE)
def test_learnable_parameter_gradcheck_and_gradgradcheck(act: str, param: str) -> None:
    x = grid(act).requires_grad_()
    default = float(activations.get(act).params[param])
    value = torch.tensor(default * 1.1, dtype=torch.float64, requires_grad=True)

    def fn(x: torch.Tensor, p: torch.Tensor) -> torch.Tensor:
        return AF.function(act)(x, **{param: p})

    assert torch.autograd.gradcheck(fn, (x, value))
    assert torch.autograd.gradgradcheck(fn, (x, value))


@pytest.mark.parametrize(("act", "param"), LEARNABLE)
def test_learnable_parameter_gradient_equals_autograd_of_formula(act: str, param: str) -> None:
    x = grid(act)
    value = torch.tensor(float(activations.get(act).params[param]) * 0.9, dtype=torch.float64)
    p_ours = value.clone().requires_grad_()
    p_ref = value.clone().requires_grad_()
    (g_ours,) = torch.autograd.grad(AF.function(act)(x, **{param: p_ours}).sum(), p_ours)
    (g_ref,) = torch.autograd.grad(formula(act, x, **{param: p_ref}).sum(), p_ref)
    torch.testing.assert_close(g_ours, g_ref, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("act", ALL)
def test_saves_only_the_input(act: str) -> None:
    x = grid(act, torch.float32).requires_grad_()
    saved = saved_storages(AF.function(act), x)
    assert len(saved) == 1
    assert saved[0].data_ptr() == x.data_ptr() and saved[0].shape == x.shape


def test_saves_the_input_and_the_learnable_parameter_only() -> None:
    x = grid("prelu", torch.float32).requires_grad_()
    weight = torch.tensor(0.25, requires_grad=True)
    saved = saved_storages(lambda t: AF.prelu(t, weight=weight), x)
    assert sorted(t.data_ptr() for t in saved) == sorted([x.data_ptr(), weight.data_ptr()])


def test_mish_saves_fewer_bytes_than_the_eager_composition() -> None:
    x = torch.randn(1000, requires_grad=True)
    ours = sum(t.nbytes for t in saved_storages(AF.mish, x))
    naive = sum(
        t.nbytes for t in saved_storages(lambda t: t * torch.tanh(torch.nn.functional.softplus(t)), x)
    )
    assert ours == 4000  # the float32 input, nothing else
    assert naive >= 3 * 4000  # x, softplus(x), tanh(softplus(x)) at least


def test_no_graph_when_nothing_needs_a_gradient() -> None:
    x = grid("gelu")
    assert AF.gelu(x).grad_fn is None
    with torch.no_grad():
        assert AF.gelu(x.requires_grad_()).grad_fn is None


def test_parameters_reach_the_formula() -> None:
    x = torch.tensor([-2.0, 3.0], dtype=torch.float64)
    torch.testing.assert_close(
        AF.leaky_relu(x, negative_slope=0.5), torch.tensor([-1.0, 3.0], dtype=torch.float64)
    )
    ours = AF.gelu(x, approximate="tanh")
    torch.testing.assert_close(ours, torch.nn.functional.gelu(x, approximate="tanh"))


def test_softmax_dim_and_gradient_match_torch() -> None:
    x = torch.randn(3, 5, dtype=torch.float64, requires_grad=True)
    g = torch.randn(3, 5, dtype=torch.float64)
    ours = AF.softmax(x, dim=0)
    ref = torch.softmax(x, dim=0)
    torch.testing.assert_close(ours, ref)
    torch.testing.assert_close(torch.autograd.grad(ours, x, g)[0], torch.autograd.grad(ref, x, g)[0])


def test_aliases_are_functions_too() -> None:
    x = grid("silu")
    torch.testing.assert_close(AF.function("swish")(x), torch.nn.functional.silu(x))
    torch.testing.assert_close(AF.function("Leaky-ReLU")(x), torch.nn.functional.leaky_relu(x))


def test_signature_lists_the_parameters() -> None:
    import inspect

    assert str(inspect.signature(AF.gelu)) == "(x: 'torch.Tensor', *, approximate='none') -> 'torch.Tensor'"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: AF.gelu(torch.zeros(2), approximate="fast"), ValueError),
        (lambda: AF.gelu(torch.zeros(2), slope=1.0), ValueError),
        (lambda: AF.leaky_relu(torch.zeros(2), negative_slope=torch.tensor(0.1)), ValueError),
        (lambda: AF.prelu(torch.zeros(2), weight=torch.tensor(1)), TypeError),
        (lambda: AF.relu([1.0, 2.0]), TypeError),
        (lambda: AF.relu(torch.arange(3)), TypeError),
        (lambda: AF.function("gelu_typo"), KeyError),
    ],
)
def test_bad_calls_raise(call: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        call()


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        AF.not_an_activation  # noqa: B018


def test_compile_failure_falls_back_to_eager_and_logs_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        def run(*a: Any) -> Any:
            raise RuntimeError("no compiler here")

        return run

    _fused.set_compile(True)
    _fused.clear_kernels()  # fresh kernels, so none was compiled before torch.compile broke
    monkeypatch.setattr(torch, "compile", broken)
    monkeypatch.setattr(_fused, "_warned", set())
    x = torch.linspace(-2, 2, 7, dtype=torch.float64)
    with caplog.at_level(logging.WARNING, logger="activations"):
        first = AF.squareplus(x, b=2.5)
        second = AF.squareplus(x, b=2.5)
    expected = (x + torch.sqrt(x * x + 2.5)) / 2  # squareplus by hand
    torch.testing.assert_close(first, expected)
    torch.testing.assert_close(second, expected)
    assert sum("compiling squareplus_formula failed" in r.getMessage() for r in caplog.records) == 1
    _fused.clear_kernels()  # drop the kernels marked failed


def test_environment_variable_turns_compiling_off(monkeypatch: pytest.MonkeyPatch) -> None:
    _fused.set_compile(None)
    monkeypatch.setenv("ACTIVATIONS_COMPILE", "0")
    assert not _fused.compile_enabled()
    monkeypatch.setenv("ACTIVATIONS_COMPILE", "1")
    assert _fused.compile_enabled()


@pytest.mark.slow
@pytest.mark.parametrize("act", ["swish_beta", "swiglu"])
def test_compiled_path_gives_the_same_numbers(act: str) -> None:
    """Compiled forward, grad * d1, and the parameter/vector vjp kernels on CPU (inductor + gcc)."""
    _fused.set_compile(True)
    spec = activations.get(act)
    x = torch.randn(64, 32, generator=torch.Generator().manual_seed(0)).requires_grad_()
    learnable = {p.name: torch.tensor(1.3, requires_grad=True) for p in spec.parameters if p.learnable}
    ours = AF.function(act)(x, **learnable)
    assert ours.grad_fn is not None and "ActivationFunction" in type(ours.grad_fn).__name__
    weights = torch.randn_like(ours)
    grads = torch.autograd.grad(ours, [x, *learnable.values()], weights)
    ref_params = {k: v.detach().clone().requires_grad_() for k, v in learnable.items()}
    xr = x.detach().clone().requires_grad_()
    ref = spec.fn(xr, **{**spec.params, **ref_params})
    ref_grads = torch.autograd.grad(ref, [xr, *ref_params.values()], weights)
    torch.testing.assert_close(ours, ref, rtol=1e-5, atol=1e-6)
    for g, r in zip(grads, ref_grads, strict=True):
        torch.testing.assert_close(g, r, rtol=1e-4, atol=1e-5)
    fused, _ = _fused.fused_for(spec, learnable)
    kernels = [k for k in (fused.fwd, fused.grad_x) if k is not None and k.compilable]
    assert kernels and all(k._compiled is not None and not k._failed for k in kernels)


def test_torch_function_is_called_only_where_it_already_saves_only_the_input() -> None:
    """gelu: torch saves x and matches the formula, so torch's kernels run (no Function of ours);
    relu and sigmoid: torch saves the output, so ours saves the input; hardsigmoid: torch's float64
    gradient is off by a float32 1/6, so ours."""
    x = grid("gelu").requires_grad_()
    assert type(AF.gelu(x).grad_fn).__name__ == "GeluBackward0"
    for act in ("relu", "sigmoid", "hardsigmoid"):
        assert "ActivationFunction" in type(AF.function(act)(x).grad_fn).__name__
