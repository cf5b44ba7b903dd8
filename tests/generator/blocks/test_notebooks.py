"""A generated notebook is valid, deterministic and runs on the CPU, printing the package's numbers."""

from __future__ import annotations

import json
import sys

import nbformat
import pytest
import torch
from nbclient import NotebookClient

import activations
from generator.blocks.functions import resolve
from generator.blocks.notebooks import notebook, slug
from generator.blocks.request import parse_call


def test_notebook_is_valid_and_deterministic() -> None:
    fns = [resolve(parse_call("gelu(approximate=tanh)"))]
    data = notebook(fns)
    assert data == notebook(fns)
    nb = nbformat.reads(data.decode(), as_version=4)
    nbformat.validate(nb)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import activations" in code
    assert "[('gelu', {'approximate': 'tanh'})]" in code
    assert "generator" not in code  # readers run the package, not the site generator


def test_slug_is_readable_and_separates_parameters() -> None:
    assert slug([resolve(parse_call("gelu"))], (-4.0, 4.0)) == "gelu"
    other = slug([resolve(parse_call("gelu(approximate=tanh)"))], (-4.0, 4.0))
    assert other.startswith("gelu-") and other != "gelu"


@pytest.mark.slow
def test_generated_notebook_executes_on_cpu() -> None:
    nb = nbformat.reads(
        notebook([resolve(parse_call("leaky_relu(negative_slope=0.2)"))]).decode(), as_version=4
    )
    client = NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=False)
    client.km_kwargs = {"kernel_cmd": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]}
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert not [o for o in outputs if o.output_type == "error"]
    # the card cell prints f at the sample points: leaky ReLU(-3) with slope 0.2 is -0.6
    spec = activations.get("leaky_relu")
    f = spec.forward(torch.tensor([-3.0], dtype=torch.float64), negative_slope=0.2).item()
    assert f == pytest.approx(-0.6)
    assert f"{f:12.6g}" in text
    assert "x ReLU" in text  # the benchmark ran
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the plot was drawn
    json.dumps(nb)  # outputs are plain JSON
