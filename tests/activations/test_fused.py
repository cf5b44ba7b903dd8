"""The compile machinery of activations._fused: what turns compiling off, what compiles again, who
compiles, and where the eager switch applies. torch.compile runs with a counting backend that does not
generate code (dynamo's own `CompileCounter`), so these tests cost no compiler time."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import torch
from torch._dynamo.testing import CompileCounter

from activations import _fused
from activations import functional as AF


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> Iterator[CompileCounter]:
    """torch.compile through a counting backend; fresh kernels before and after."""
    counting = CompileCounter()
    real = torch.compile

    def compile_counting(fn: Callable[..., Any], **kwargs: Any) -> Any:
        return real(fn, backend=counting, **kwargs)

    token = _fused.set_compile(True)
    _fused.clear_kernels()
    torch._dynamo.reset()
    monkeypatch.setattr(torch, "compile", compile_counting)
    yield counting
    _fused.reset_compile(token)
    _fused.clear_kernels()
    torch._dynamo.reset()


def test_a_new_float_parameter_value_reuses_the_compiled_kernel(counter: CompileCounter) -> None:
    x = torch.linspace(-3, 3, 64)
    for b in (4.0, 2.5, 0.5, 7.0):
        y = AF.squareplus(x, b=b)
        torch.testing.assert_close(y, (x + torch.sqrt(x * x + b)) / 2)  # squareplus by hand
    assert counter.frame_count == 1


def test_a_bad_call_raises_and_leaves_compiling_on(
    counter: CompileCounter, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(_fused, "_warned", set())
    with caplog.at_level(logging.WARNING, logger="activations"), pytest.raises(ValueError, match="odd"):
        AF.swiglu(torch.randn(4, 7))  # an odd last dimension cannot be split in two halves
    assert not any("compiling" in r.getMessage() for r in caplog.records)
    fused, _ = _fused.fused_for(_fused.get("swiglu"), {})
    assert not fused.fwd._failed
    out = AF.swiglu(torch.randn(4, 8))  # the next good call is still compiled
    assert out.shape == (4, 4) and counter.frame_count >= 1


def test_out_of_memory_is_raised_not_taken_for_a_compiler_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    kernel = _fused.Kernel(lambda x: x + 1, "oom_probe")

    def full(*args: Any) -> torch.Tensor:
        raise torch.OutOfMemoryError("device full")

    token = _fused.set_compile(True)
    try:
        kernel._compiled = full
        with pytest.raises(torch.OutOfMemoryError):
            kernel(torch.ones(3))
        assert not kernel._failed
    finally:
        _fused.reset_compile(token)


def test_a_compiler_failure_falls_back_to_eager_once(monkeypatch: pytest.MonkeyPatch) -> None:
    kernel = _fused.Kernel(lambda x: x + 1, "broken_probe")

    def broken(*args: Any) -> torch.Tensor:
        raise RuntimeError("inductor could not lower this")

    token = _fused.set_compile(True)
    try:
        kernel._compiled = broken
        torch.testing.assert_close(kernel(torch.ones(3)), torch.full((3,), 2.0))
        assert kernel._failed
    finally:
        _fused.reset_compile(token)


def test_concurrent_first_calls_compile_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def slow_compile(fn: Callable[..., Any], **kwargs: Any) -> Callable[..., Any]:
        calls.append(fn.__name__)
        time.sleep(0.05)  # widens the window in which a second thread could also compile
        return fn

    monkeypatch.setattr(torch, "compile", slow_compile)
    token = _fused.set_compile(True)
    try:
        kernel = _fused.Kernel(lambda x: x * 2, "threaded_probe")
        barrier = threading.Barrier(4)
        results: list[torch.Tensor] = []

        def call() -> None:
            _fused.set_compile(True)  # each thread has its own context
            barrier.wait()
            results.append(kernel(torch.ones(2)))

        threads = [threading.Thread(target=call) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        _fused.reset_compile(token)
    assert calls == ["threaded_probe"]
    assert len(results) == 4 and all(bool((r == 2).all()) for r in results)


def test_the_eager_switch_is_local_to_its_thread() -> None:
    token = _fused.set_compile(True)
    seen: list[bool] = []
    try:

        def other() -> None:
            _fused.set_compile(False)
            seen.append(_fused.compile_enabled())

        t = threading.Thread(target=other)
        t.start()
        t.join()
        assert seen == [False]
        assert _fused.compile_enabled()  # this thread's setting is untouched
    finally:
        _fused.reset_compile(token)
