"""Work shared among forked processes: shard 0 in this process, shards 1..n-1 in children.

Fork, not spawn: a child starts with everything the parent has built (the link graph, MkDocs'
config, nav and pages), so nothing but the results is pickled. A child must not touch what the
parent's threads may hold (the progress bar's console): `in_child` runs first in each child to
silence it. A child's exception comes back as text and is raised in the parent as `ShardError`.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

__all__ = ["ForkPool", "ShardError", "can_fork"]

T = TypeVar("T")

WAIT_POLL = 0.002  # s between two looks at the others while a shard waits at `wait_for_all`


class ShardError(RuntimeError):
    """A child's shard failed (its traceback is the message)."""


def can_fork(*, children_use_torch: bool = False) -> bool:
    """The generator's one fork policy: the renderer and the MkDocs build both ask it.

    Fork where it is there and safe: not on Windows (no fork) nor macOS (system libraries a child
    may touch are not fork-safe there; Python's own default is spawn). And not when the children
    will call into torch after this process has loaded it: torch's thread pools do not survive a
    fork, and a child's first parallel operation can hang. Children that never call torch (the
    MkDocs build's: markdown and templates) may fork with it loaded."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    return not (children_use_torch and "torch" in sys.modules)


class ForkPool(Generic[T]):
    """`jobs` shards of one piece of work; `done` counts items across all processes (for progress),
    `claimed` hands items out to whichever process asks first."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._context = multiprocessing.get_context("fork")
        self._done = self._context.Value("i", 0)
        self._next = self._context.Value("i", 0)
        self._arrived = self._context.Value("i", 0)  # shards that reached `wait_for_all`
        self._broken = self._context.Value("b", 0)  # a shard failed: nobody waits any more
        self._parent = os.getpid()
        self._processes: list[Any] = []  # the children (in the parent)

    def claimed(self, total: int, per_claim: int) -> Iterator[int]:
        """Items of 0..total-1 that no other process has taken, claimed `per_claim` at a time.

        Shards that take their items this way finish together even when one process runs slower
        than another (measured: the child of the site build ran 1 s behind the parent with every
        other page each)."""
        while True:
            with self._next.get_lock():
                start = int(self._next.value)
                end = min(total, start + per_claim)
                self._next.value = end
            if start >= end:
                return
            yield from range(start, end)

    def wait_for_all(self) -> None:
        """Return once every process of the pool has called this: all shards have reached the
        same step. A shard that fails before (an exception) releases the others, which raise
        `threading.BrokenBarrierError`; so does the parent when a child has ended without arriving
        (killed outright), and then the children too."""
        if self.jobs == 1:
            return
        with self._arrived.get_lock():
            self._arrived.value += 1
        while self._arrived.value < self.jobs:
            if self._broken.value:
                raise threading.BrokenBarrierError
            if os.getpid() == self._parent and any(p.exitcode is not None for p in self._processes):
                self._abort()
                raise threading.BrokenBarrierError
            time.sleep(WAIT_POLL)

    def _abort(self) -> None:
        self._broken.value = 1

    def tick(self) -> int:
        """One more item done (in any process); the count so far."""
        with self._done.get_lock():
            self._done.value += 1
            return int(self._done.value)

    @property
    def done(self) -> int:
        return int(self._done.value)

    def run(
        self,
        work: Callable[[int], T],
        *,
        in_child: Callable[[], None] | None = None,
        waiting: Callable[[], None] | None = None,
    ) -> list[T]:
        """[work(0), work(1), ...]: work(0) here, the others in forked children.

        `waiting` is called about five times a second while the children finish.
        """
        # No cyclic garbage collection while the shards run: it would cost 5-8 % of the page work,
        # and touching the parent's objects would copy their memory into every child. Frozen, the
        # parent's objects are shared; the children end when their shard is done.
        if self.jobs == 1:
            return [work(0)]
        collecting = gc.isenabled()
        gc.disable()
        gc.freeze()
        try:
            return self._run(work, in_child, waiting)
        finally:
            gc.unfreeze()
            if collecting:
                gc.enable()

    def _run(
        self,
        work: Callable[[int], T],
        in_child: Callable[[], None] | None,
        waiting: Callable[[], None] | None,
    ) -> list[T]:
        children = []
        for shard in range(1, self.jobs):
            receive, send = self._context.Pipe(duplex=False)
            process = self._context.Process(
                target=_child, args=(work, shard, send, in_child, self._abort), daemon=True
            )
            process.start()
            send.close()
            children.append((process, receive))
            self._processes.append(process)
        failure: BaseException | None = None
        mine: Any = None
        try:
            mine = work(0)
        except BaseException as exc:  # the children are still collected (and joined) first
            failure = exc
            self._abort()
        results = _collect(children, waiting)
        if failure is not None:
            raise failure
        errors = [text for ok, text in results if not ok]
        if errors:
            raise ShardError(errors[0])
        return [mine, *(value for _, value in results)]


def _child(
    work: Callable[[int], Any],
    shard: int,
    conn: Any,
    in_child: Callable[[], None] | None,
    abort: Callable[[], None],
) -> None:
    try:
        if in_child is not None:
            in_child()
        conn.send((True, work(shard)))
    except BaseException as exc:
        abort()  # no other shard waits for this one at a barrier
        conn.send((False, f"{exc}\n{traceback.format_exc()}"))
    finally:
        conn.close()


def _collect(children: list[tuple[Any, Any]], waiting: Callable[[], None] | None) -> list[tuple[bool, Any]]:
    results: dict[int, tuple[bool, Any]] = {}
    pending = {id(conn): (i, process, conn) for i, (process, conn) in enumerate(children)}
    while pending:
        ready = multiprocessing.connection.wait([conn for _, _, conn in pending.values()], timeout=0.2)
        for ready_conn in ready:
            i, process, conn = pending.pop(id(ready_conn))
            try:
                results[i] = conn.recv()
            except EOFError:
                results[i] = (False, f"worker {i + 1} ended without a result")
            process.join()
        if waiting is not None:
            waiting()
    return [results[i] for i in range(len(children))]
