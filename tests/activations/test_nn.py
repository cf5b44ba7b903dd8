"""activations.nn: one module per registered activation, named like torch's, with learnable
parameters that train (gradcheck/gradgradcheck in float64) and torch-compatible PReLU.

References: the spec's formula through torch's autograd, and torch.nn's own modules.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch

import activations
from activations import _fused
from activations import nn as ANN

ALL = activations.names()


@pytest.fixture(autouse=True)
def _eager() -> Iterator[None]:
    _fused.set_compile(False)
    yield
    _fused.set_compile(None)


def grid() -> torch.Tensor:
    """Points on [-3, 3] that miss every kink by far more than gradcheck's eps."""
    return (torch.linspace(-3.0, 3.0, 24, dtype=torch.float64) + 0.0371).reshape(4, 6)


@pytest.mark.parametrize("act", ALL)
def test_module_forward_equals_spec_formula(act: str) -> None:
    spec = activations.get(act)
    module = ANN.create(act).double()
    x = grid()
    learned = {name: p.reshape(()) for name, p in module.named_parameters()}  # float32-rounded defaults
    with torch.no_grad():
        torch.testing.assert_close(
            module(x), spec.fn(x, **{**spec.params, **learned}), rtol=1e-12, atol=1e-12
        )


@pytest.mark.parametrize("act", ALL)
def test_module_gradcheck_and_gradgradcheck_with_its_parameters(act: str) -> None:
    module = ANN.create(act).double()
    names = [n for n, _ in module.named_parameters()]
    # Move learnable values off their defaults so e.g. Swish beta = 1 is not a special point.
    values = [p.detach().clone().mul_(1.1).requires_grad_() for p in module.parameters()]

    def fn(x: torch.Tensor, *params: torch.Tensor) -> torch.Tensor:
        out: torch.Tensor = torch.func.functional_call(module, dict(zip(names, params, strict=True)), (x,))
        return out

    inputs = (grid().requires_grad_(), *values)
    assert torch.autograd.gradcheck(fn, inputs)
    assert torch.autograd.gradgradcheck(fn, inputs)


def test_class_names_follow_torch() -> None:
    for act, cls_name in [
        ("relu", "ReLU"),
        ("gelu", "GELU"),
        ("silu", "SiLU"),
        ("prelu", "PReLU"),
        ("leaky_relu", "LeakyReLU"),
        ("log_softmax", "LogSoftmax"),
    ]:
        assert ANN.get_class(act).__name__ == cls_name
        assert getattr(ANN, cls_name) is ANN.get_class(act)


def test_every_activation_has_a_distinct_class() -> None:
    classes = ANN.classes()
    assert sorted(classes) == ALL
    assert len({c.__name__ for c in classes.values()}) == len(ALL)
    assert all(issubclass(c, torch.nn.Module) for c in classes.values())


def test_create_and_get_build_modules_with_parameters() -> None:
    module = ANN.create("gelu", approximate="tanh")
    assert isinstance(module, ANN.GELU) and module.params == {"approximate": "tanh"}
    assert repr(module) == "GELU(approximate='tanh')"
    assert isinstance(ANN.get("swish"), ANN.SiLU)
    with pytest.raises(ValueError, match="approximate"):
        ANN.create("gelu", approximate="fast")
    with pytest.raises(KeyError):
        ANN.create("gelu_typo")


def test_prelu_matches_torch_per_channel_including_gradients() -> None:
    torch.manual_seed(0)
    ours = ANN.PReLU(num_parameters=3, init=0.2)
    ref = torch.nn.PReLU(num_parameters=3, init=0.2)
    with torch.no_grad():
        ref.weight.copy_(torch.tensor([0.1, 0.2, 0.3]))
    ours.load_state_dict(ref.state_dict())  # same parameter name and shape as torch's
    x = torch.randn(2, 3, 4, 5)
    x_ours, x_ref = x.clone().requires_grad_(), x.clone().requires_grad_()
    y_ours, y_ref = ours(x_ours), ref(x_ref)
    torch.testing.assert_close(y_ours, y_ref)
    g = torch.randn_like(y_ref)
    torch.testing.assert_close(
        torch.autograd.grad(y_ours, [x_ours, ours.weight], g),
        torch.autograd.grad(y_ref, [x_ref, ref.weight], g),
    )


def test_per_channel_parameters_need_a_matching_channel_dim() -> None:
    with pytest.raises(ValueError, match="per channel"):
        ANN.PReLU(num_parameters=3)(torch.zeros(2, 4))
    with pytest.raises(TypeError, match="no learnable"):
        ANN.ReLU(num_parameters=3)
    with pytest.raises(TypeError, match="init"):
        ANN.create("xielu", init=1.0)


def test_learnable_parameters_train() -> None:
    """One SGD step on SwishBeta's beta moves it the way the hand-derived gradient says."""
    module = ANN.create("swish_beta", beta=1.0)
    x = torch.tensor([1.0, 2.0])
    module(x).sum().backward()
    # d/dbeta x * sigmoid(beta x) = x^2 s (1 - s) with s = sigmoid(beta x)
    s = torch.sigmoid(x)
    expected = (x * x * s * (1 - s)).sum()
    assert module.beta.grad is not None
    torch.testing.assert_close(module.beta.grad, expected.reshape(1))


def test_snake_alpha_is_a_parameter_named_like_the_spec() -> None:
    module = ANN.Snake(alpha=0.5)
    assert dict(module.named_parameters()).keys() == {"alpha"}
    torch.testing.assert_close(module.alpha, torch.tensor([0.5]))
    assert module(torch.zeros(())).shape == ()


def test_vector_and_gated_modules_take_dim() -> None:
    x = torch.randn(4, 6, dtype=torch.float64)
    torch.testing.assert_close(ANN.Softmax(dim=0)(x), torch.softmax(x, dim=0))
    torch.testing.assert_close(ANN.GLU(dim=1)(x), torch.nn.functional.glu(x, dim=1))


def test_module_saves_only_its_input_and_parameter() -> None:
    module = ANN.PReLU()
    x = torch.randn(5, requires_grad=True)
    saved: list[torch.Tensor] = []
    with torch.autograd.graph.saved_tensors_hooks(lambda t: saved.append(t) or t, lambda t: t):
        module(x)
    # the input, and the 0-d view of the weight that the function saw
    assert len(saved) == 2
    assert saved[0].data_ptr() == x.data_ptr()
    assert saved[1].data_ptr() == module.weight.data_ptr()
