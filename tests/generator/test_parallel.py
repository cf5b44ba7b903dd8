"""ForkPool: shards run in forked children, results come back in shard order, failures are raised."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import time
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from generator.parallel import ForkPool, ShardError, can_fork


def test_results_in_shard_order_from_separate_processes() -> None:
    pool: ForkPool[tuple[int, int]] = ForkPool(3)
    parent = os.getpid()
    results = pool.run(lambda shard: (shard, os.getpid()))
    assert [shard for shard, _ in results] == [0, 1, 2]
    pids = [pid for _, pid in results]
    assert pids[0] == parent and len(set(pids)) == 3


def test_tick_counts_across_processes() -> None:
    pool: ForkPool[None] = ForkPool(2)

    def work(shard: int) -> None:
        for _ in range(5 + shard):
            pool.tick()

    pool.run(work)
    assert pool.done == 11


def test_claimed_items_go_to_one_process_each_and_a_late_one_gets_what_is_left() -> None:
    """Items are handed out as processes ask: a child that starts only once the parent has claimed
    everything gets nothing (shares are not fixed in advance)."""
    parent_done = multiprocessing.get_context("fork").Event()
    pool: ForkPool[list[int]] = ForkPool(2)

    def work(shard: int) -> list[int]:
        if shard == 1:
            assert parent_done.wait(60)
        mine = list(pool.claimed(41, 2))
        if shard == 0:
            parent_done.set()
        return mine

    parent, child = pool.run(work)
    assert parent == list(range(41)) and child == []


@pytest.mark.parametrize(
    ("failing", "error", "expected"),
    [(1, ValueError("bad shard"), ShardError), (0, KeyError("parent's shard"), KeyError)],
    ids=["child: raised as ShardError with its traceback", "parent: raised after the children end"],
)
def test_a_failing_shard_fails_the_run(failing: int, error: Exception, expected: type[Exception]) -> None:
    def work(shard: int) -> int:
        if shard == failing:
            raise error
        return shard

    with pytest.raises(expected, match=str(error.args[0])):
        ForkPool[int](3).run(work)


def test_in_child_runs_only_in_children() -> None:
    seen: list[str] = []
    results = ForkPool[list[str]](2).run(lambda shard: list(seen), in_child=lambda: seen.append("child"))
    assert results == [[], ["child"]]


def test_wait_for_all_holds_each_shard_until_every_one_arrives(tmp_path: Path) -> None:
    pool: ForkPool[list[str]] = ForkPool(3)

    def work(shard: int) -> list[str]:
        if shard:
            time.sleep(0.05 * shard)  # the children arrive late
        (tmp_path / f"arrived-{shard}").write_text("")
        pool.wait_for_all()
        return sorted(p.name for p in tmp_path.iterdir())  # what each shard sees once released

    expected = ["arrived-0", "arrived-1", "arrived-2"]
    assert pool.run(work) == [expected, expected, expected]


def test_a_shard_failing_before_the_barrier_releases_the_others() -> None:
    pool: ForkPool[str] = ForkPool(2)

    def work(shard: int) -> str:
        if shard == 1:
            raise ValueError("child failed")
        try:
            pool.wait_for_all()
        except threading.BrokenBarrierError:
            return "released"
        return "passed"

    outcome: list[BaseException] = []

    def run() -> None:
        try:
            pool.run(work)
        except BaseException as exc:
            outcome.append(exc)

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    runner.join(60)  # far longer than the run takes: the parent is not left waiting for the child
    assert not runner.is_alive(), "the parent still waits at the barrier"
    assert len(outcome) == 1 and isinstance(outcome[0], ShardError) and "child failed" in str(outcome[0])


def test_a_child_killed_before_the_barrier_releases_the_parent() -> None:
    pool: ForkPool[str] = ForkPool(2)

    def work(shard: int) -> str:
        if shard == 1:
            os._exit(1)  # as the kernel's out-of-memory killer would end it: no exception, no result
        pool.wait_for_all()
        return "passed"

    outcome: list[BaseException] = []

    def run() -> None:
        try:
            pool.run(work)
        except BaseException as exc:
            outcome.append(exc)

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    runner.join(60)
    assert not runner.is_alive(), "the parent still waits at the barrier"
    assert len(outcome) == 1 and isinstance(outcome[0], threading.BrokenBarrierError)


def test_one_fork_policy_for_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.render.site
    import generator.speedups.parallel_build

    monkeypatch.setitem(sys.modules, "torch", ModuleType("torch"))
    assert can_fork() is (sys.platform != "darwin")  # children that never call torch
    assert not can_fork(children_use_torch=True)
    assert generator.render.site._jobs(4, 10_000) == 1  # the renderer's children compute blocks
    monkeypatch.delitem(sys.modules, "torch")
    if can_fork():
        assert generator.render.site._jobs(4, 10_000) == 4
    # The MkDocs build asks the same function (a refusal there keeps MkDocs' own build).
    monkeypatch.setattr(generator.speedups.parallel_build, "can_fork", lambda **kw: False)
    config = SimpleNamespace(
        plugins={"material/search": None},
        markdown_extensions=["toc"],
        validation=SimpleNamespace(links=SimpleNamespace(anchors=logging.INFO)),
    )
    assert not generator.speedups.parallel_build.can_share(config)
