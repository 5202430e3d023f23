"""A worker that dies under thousands of pending tasks (graph/worker_pool.py): the results raise
``BrokenProcessPool`` once, the pool's own thread fails every other task and stops the other workers, and no
worker is left running (one left blocks on its task queue and the test process hangs at exit). With
``Executor.map`` in place of ``in_order``, CPython 3.11 lost that race about one time in three here."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool

import pytest
from pool_children import children_left

from armsgraph.graph.worker_pool import close_pool, fork_pool, in_order

TASKS = 5000  # enough pending tasks that failing them takes the pool's thread longer than a switch of threads


def _dies_at_2(n: int) -> int:
    if n == 2:
        time.sleep(0.5)  # after the caller's last submit: a submit racing the failing of pending tasks is
        os._exit(9)      # another CPython race (the pool's thread dies of a dict changed during iteration)
    return n


def _square(n: int) -> int:
    return n * n


@pytest.fixture
def thread_errors() -> Iterator[list[BaseException]]:
    """Exceptions that end a thread (the pool's manager thread dies of ``InvalidStateError`` in the race)."""
    seen: list[BaseException] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: seen.append(args.exc_value)  # type: ignore[arg-type,misc]
    yield seen
    threading.excepthook = previous


@pytest.mark.parametrize("attempt", range(4))
def test_a_dying_worker_leaves_no_worker_and_no_dead_thread(attempt: int, thread_errors: list[BaseException]) -> None:
    pool = fork_pool(2)
    broken = False
    got: list[int] = []
    try:
        with pytest.raises(BrokenProcessPool):
            for result in in_order(pool, _dies_at_2, range(TASKS)):
                got.append(result)
        broken = True
    finally:
        close_pool(pool, broken)
    assert got == list(range(len(got))) and len(got) <= 2  # in order, none past the lost task (the pool's thread
    # may fail 0 and 1 as well when it notices the death before their results)
    assert not thread_errors, f"the pool's thread died: {thread_errors!r}"
    assert not children_left(), "a worker of the broken pool is left running: the process would hang at exit"


def test_results_come_in_the_order_of_the_items() -> None:
    pool = fork_pool(2)
    try:
        assert list(in_order(pool, _square, range(200))) == [n * n for n in range(200)]
    finally:
        close_pool(pool, False)
    assert not children_left()
