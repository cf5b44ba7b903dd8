"""ForkPool: shards run in forked children, results come back in shard order, failures are raised."""

from __future__ import annotations

import os
import time

import pytest

from generator.parallel import ForkPool, ShardError


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


def test_claimed_items_go_to_one_process_each_and_a_slow_one_gets_fewer() -> None:
    pool: ForkPool[list[int]] = ForkPool(2)

    def work(shard: int) -> list[int]:
        mine: list[int] = []
        for item in pool.claimed(41, 2):
            mine.append(item)
            time.sleep(0.01 if shard == 1 else 0.001)  # the child is ten times slower
        return mine

    parent, child = pool.run(work)
    assert sorted(parent + child) == list(range(41))
    assert len(child) < len(parent)


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
