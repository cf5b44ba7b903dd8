"""The registry and the spec records: lookup, aliases, errors on bad input, parameter defaults as
torch documents them, and well-formed metadata (LaTeX, citations) for every registered spec."""

from __future__ import annotations

import re
from typing import Any

import pytest
import torch
from torch import nn

import activations

ALL = activations.names()


# --- lookup -------------------------------------------------------------------------------------


def test_names_are_sorted_unique_snake_case() -> None:
    assert sorted(set(ALL)) == ALL
    for name in ALL:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name


def test_lookup_is_case_and_separator_insensitive() -> None:
    assert activations.get("Leaky-ReLU") is activations.get("leaky_relu")
    assert activations.get(" GELU ") is activations.get("gelu")


def test_swish_is_silu() -> None:
    assert activations.get("swish") is activations.get("silu")
    assert "swish" not in ALL


@pytest.mark.parametrize("spec_name", ALL)
def test_aliases_resolve_to_their_spec(spec_name: str) -> None:
    spec = activations.get(spec_name)
    assert spec.name == spec_name
    for alias in spec.aliases:
        assert activations.get(alias) is spec


def test_unknown_name_raises_key_error_naming_close_matches() -> None:
    with pytest.raises(KeyError, match="'reluu'.*did you mean.*relu"):
        activations.get("reluu")
    with pytest.raises(KeyError, match="gelu"):
        activations.get("geluu")


def test_unknown_name_without_close_match_says_so() -> None:
    with pytest.raises(KeyError, match="unknown activation 'zzzzzz'") as info:
        activations.get("zzzzzz")
    assert "did you mean" not in str(info.value)


def test_registering_a_name_twice_raises() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        activations.register(activations.get("relu"))


# --- bad input ----------------------------------------------------------------------------------

X = torch.linspace(-2, 2, 5)


@pytest.mark.parametrize(
    ("spec_name", "params", "named"),
    [
        ("elu", {"alpha": "big"}, "alpha"),  # wrong type
        ("elu", {"alpha": True}, "alpha"),  # a bool is not a number here
        ("elu", {"alpha": -1.0}, "alpha"),  # negative where none is allowed
        ("celu", {"alpha": 0.0}, "alpha"),  # 0 excluded: CELU divides by alpha
        ("softplus", {"beta": -1.0}, "beta"),
        ("softplus", {"beta": float("nan")}, "beta"),
        ("hardshrink", {"lambd": -0.5}, "lambd"),
        ("softshrink", {"lambd": -0.5}, "lambd"),
        ("rrelu", {"lower": -0.1}, "lower"),
        ("rrelu", {"lower": 0.5, "upper": 0.25}, "lower"),  # lower > upper
        ("hardtanh", {"min_val": 2.0, "max_val": 1.0}, "min_val"),
        ("gelu", {"approximate": "fast"}, "approximate"),
        ("relu", {"inplace": True}, "inplace"),  # unknown parameter
        ("leaky_relu", {"slope": 0.1}, "slope"),
    ],
)
def test_bad_parameter_raises_value_error_naming_it(
    spec_name: str, params: dict[str, Any], named: str
) -> None:
    spec = activations.get(spec_name)
    with pytest.raises(ValueError, match=named):
        spec.forward(X, **params)
    with pytest.raises(ValueError, match=named):
        spec.derivative(X, **params)


@pytest.mark.parametrize("spec_name", ALL)
def test_integer_tensor_raises_type_error(spec_name: str) -> None:
    spec = activations.get(spec_name)
    with pytest.raises(TypeError, match="floating-point tensor.*int64"):
        spec.forward(torch.arange(3))
    with pytest.raises(TypeError, match="floating-point"):
        spec.derivative(torch.arange(3))


def test_non_tensor_raises_type_error() -> None:
    with pytest.raises(TypeError, match="torch.Tensor, got list"):
        activations.get("relu").forward([1.0, 2.0])  # type: ignore[arg-type]


def test_derivative_order_must_be_1_or_2() -> None:
    with pytest.raises(ValueError, match="order must be 1 or 2"):
        activations.get("tanh").derivative(X, order=3)


# --- parameters as torch documents them ---------------------------------------------------------


@pytest.mark.parametrize(
    ("spec_name", "module", "attributes"),
    [
        ("leaky_relu", nn.LeakyReLU(), ["negative_slope"]),
        ("rrelu", nn.RReLU(), ["lower", "upper"]),
        ("hardtanh", nn.Hardtanh(), ["min_val", "max_val"]),
        ("hardshrink", nn.Hardshrink(), ["lambd"]),
        ("softshrink", nn.Softshrink(), ["lambd"]),
        ("elu", nn.ELU(), ["alpha"]),
        ("celu", nn.CELU(), ["alpha"]),
        ("softplus", nn.Softplus(), ["beta", "threshold"]),
        ("gelu", nn.GELU(), ["approximate"]),
    ],
)
def test_defaults_match_torch_modules(spec_name: str, module: nn.Module, attributes: list[str]) -> None:
    assert activations.get(spec_name).params == {a: getattr(module, a) for a in attributes}


def test_prelu_weight_is_learnable_with_torch_init() -> None:
    (weight,) = activations.get("prelu").parameters
    assert weight.learnable
    assert weight.default == nn.PReLU().weight.item()


@pytest.mark.parametrize(
    "spec_name", ["relu", "relu6", "selu", "silu", "mish", "sigmoid", "tanh", "softsign"]
)
def test_parameterless_in_torch_means_parameterless_here(spec_name: str) -> None:
    assert activations.get(spec_name).params == {}


def test_selu_constants_to_full_precision() -> None:
    spec = activations.get("selu")
    constants = spec.extra["constants"]
    # Klambauer et al. (2017), eq. 14; torch.nn.SELU documents the same digits.
    assert constants["alpha"] == 1.6732632423543772848170429916717
    assert constants["scale"] == 1.0507009873554804934193349852946
    assert "1.6732632423543772848170429916717" in spec.latex
    assert "1.0507009873554804934193349852946" in spec.latex
    x = torch.tensor([-1.0, 1.0], dtype=torch.float64)
    torch.testing.assert_close(spec.forward(x), torch.nn.functional.selu(x), rtol=0, atol=0)


# --- metadata -----------------------------------------------------------------------------------


def _balanced_latex(tex: str) -> bool:
    """Braces balance (ignoring escaped ones), and \\left/\\right and \\begin/\\end pair up."""
    depth = 0
    for match in re.finditer(r"\\[{}]|[{}]", tex):
        token = match.group()
        if token in ("{", "}"):
            depth += 1 if token == "{" else -1
            if depth < 0:
                return False
    begins = re.findall(r"\\begin\{(\w+)\}", tex)
    ends = re.findall(r"\\end\{(\w+)\}", tex)
    left = len(re.findall(r"\\left(?![a-zA-Z])", tex))
    right = len(re.findall(r"\\right(?![a-zA-Z])", tex))
    return depth == 0 and begins == ends[::-1] and left == right


# Commands KaTeX renders (katex.org/docs/supported.html); a typo such as \sigmma fails here, not on the site.
# (All LaTeX of the registry was also rendered once with KaTeX 0.16 in strict mode: no errors.)
KATEX_COMMANDS = set(
    [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "varepsilon",
        "zeta",
        "eta",
        "theta",
        "vartheta",
        "iota",
        "kappa",
        "lambda",
        "mu",
        "nu",
        "xi",
        "pi",
        "rho",
        "sigma",
        "tau",
        "upsilon",
        "phi",
        "varphi",
        "chi",
        "psi",
        "omega",
        "Gamma",
        "Delta",
        "Theta",
        "Lambda",
        "Xi",
        "Pi",
        "Sigma",
        "Phi",
        "Psi",
        "Omega",
        "frac",
        "tfrac",
        "dfrac",
        "sqrt",
        "left",
        "right",
        "bigl",
        "bigr",
        "Bigl",
        "Bigr",
        "big",
        "Big",
        "begin",
        "end",
        "text",
        "mathrm",
        "mathbf",
        "mathcal",
        "operatorname",
        "quad",
        "qquad",
        "log",
        "ln",
        "exp",
        "sin",
        "cos",
        "tan",
        "tanh",
        "sinh",
        "cosh",
        "max",
        "min",
        "sup",
        "inf",
        "lim",
        "sum",
        "prod",
        "le",
        "leq",
        "ge",
        "geq",
        "neq",
        "ne",
        "approx",
        "pm",
        "mp",
        "cdot",
        "times",
        "odot",
        "in",
        "notin",
        "to",
        "infty",
        "partial",
        "nabla",
        "mid",
        "lvert",
        "rvert",
        "lfloor",
        "rfloor",
        "lceil",
        "rceil",
        "langle",
        "rangle",
        "mathbb",
        "displaystyle",
    ]
)


def _latex_commands(tex: str) -> set[str]:
    return set(re.findall(r"\\([a-zA-Z]+)", tex))


@pytest.mark.parametrize("spec_name", ALL)
def test_latex_uses_only_katex_commands(spec_name: str) -> None:
    spec = activations.get(spec_name)
    used = set().union(
        *(_latex_commands(t) for t in (spec.latex, spec.latex_derivative, spec.latex_second_derivative))
    )
    assert used <= KATEX_COMMANDS, f"not KaTeX: {sorted(used - KATEX_COMMANDS)}"


@pytest.mark.parametrize("spec_name", ALL)
def test_metadata_is_complete_and_latex_well_formed(spec_name: str) -> None:
    spec = activations.get(spec_name)
    assert spec.title and spec.citation and spec.summary
    assert 1940 <= spec.year <= 2026
    assert spec.latex and spec.latex_derivative
    for tex in (spec.latex, spec.latex_derivative, spec.latex_second_derivative):
        assert _balanced_latex(tex), tex
    if spec.d2 is not None and spec.kind == "elementwise":
        assert spec.latex_second_derivative, f"{spec_name} has d2 but no latex_second_derivative"
    for param in spec.parameters:
        assert param.validate(param.default) == param.default  # every default passes its own check


def test_torch_name_is_importable_and_is_the_reference() -> None:
    """The name a card prints for torch's function must exist and compute what `reference` computes."""
    import importlib

    x = torch.linspace(-4, 4, 40, dtype=torch.float64).reshape(1, -1).repeat(2, 1)
    for name in activations.names():
        spec = activations.get(name)
        if spec.reference is None:
            assert spec.torch_name is None
            continue
        assert spec.torch_name is not None
        module_name, _, attr = spec.torch_name.rpartition(".")
        fn = getattr(importlib.import_module(module_name), attr)
        params = spec.params
        if name == "prelu":
            expected = fn(x, torch.tensor([params["weight"]], dtype=x.dtype))
        elif name == "rrelu":
            expected = fn(x, params["lower"], params["upper"], training=False)
        elif name == "heaviside":
            expected = fn(x, torch.tensor(params["value_at_zero"], dtype=x.dtype))
        else:
            expected = fn(x, **params)
        torch.testing.assert_close(expected, spec.reference(x, **params), msg=f"{name}: {spec.torch_name}")


@pytest.mark.parametrize("spec_name", ALL)
def test_sweeps_are_increasing_valid_and_hold_the_default(spec_name: str) -> None:
    """A parameter's sweep (the grid interactive pages draw) is valid at every combination."""
    import itertools

    spec = activations.get(spec_name)
    swept = [p for p in spec.parameters if p.sweep]
    for param in swept:
        assert list(param.sweep) == sorted(param.sweep), f"{param.name}: {param.sweep} is not increasing"
        assert len(set(param.sweep)) == len(param.sweep)
        assert param.default in param.sweep, f"{param.name}: default {param.default} not in {param.sweep}"
    for values in itertools.product(*(p.sweep for p in swept)):
        spec.resolve_params(dict(zip((p.name for p in swept), values, strict=True)))
