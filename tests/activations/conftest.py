"""Parametrisation for the generic activation tests: every registered elementwise spec is tested,
specs-B's included, so a new spec cannot slip in untested.

Fixture names select the cases: `name` (every elementwise spec), `case` (every spec with its
parameter cases), `torch_case` (cases whose spec has torch's own function), `float64_case` (cases
with an independent float64 reference in references.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch

import activations
from tests.activations.points import case_id, cases, elementwise_names, has_float64_reference


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "name" in metafunc.fixturenames:
        metafunc.parametrize("name", elementwise_names())
    all_cases = cases()
    selections = {
        "case": all_cases,
        "torch_case": [c for c in all_cases if activations.get(c[0]).reference is not None],
        "float64_case": [c for c in all_cases if has_float64_reference(c[0])],
    }
    for fixture, selected in selections.items():
        if fixture in metafunc.fixturenames:
            metafunc.parametrize(fixture, selected, ids=[case_id(c) for c in selected])


@pytest.fixture(autouse=True, scope="module")
def _single_thread() -> Iterator[None]:
    """One intra-op thread: on 100,000-point tensors OpenMP's second thread costs more than it saves,
    and on a shared 2-core machine under load it makes each op ~50x slower (measured)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
