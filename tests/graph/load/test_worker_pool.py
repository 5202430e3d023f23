"""A worker that dies under thousands of pending tasks (loaders/worker_pool.py): the results raise
``BrokenProcessPool`` once, the pool's own thread fails every other task and stops the other workers, and no
worker is left running (one left blocks on its task queue and the test process hangs at exit). With
``Executor.map`` in place of ``in_order``, CPython 3.11 lost that race about one time in three here."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, wait
from concurrent.futures.process import BrokenProcessPool

import pytest
from pool_children import children_left

from armsgraph.loaders import worker_pool
from armsgraph.loaders.worker_pool import close_pool, fork_pool, in_order

TASKS = 5000  # enough pending tasks that failing them takes the pool's thread longer than a switch of threads


def _dies_at_2(n: int) -> int:
    if n == 2:
        time.sleep(0.5)  # mostly after the caller's last submit; a submit that races the failing of the pending
        os._exit(9)      # tasks is the other race, tested on its own below
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
    got: list[int] = []
    try:
        with pytest.raises(BrokenProcessPool):
            for result in in_order(pool, _dies_at_2, range(TASKS)):
                got.append(result)
    finally:
        close_pool(pool)
    assert got == list(range(len(got))) and len(got) <= 2  # in order, none past the lost task (the pool's thread
    # may fail 0 and 1 as well when it notices the death before their results)
    assert not thread_errors, f"the pool's thread died: {thread_errors!r}"
    assert not children_left(), "a worker of the broken pool is left running: the process would hang at exit"


def _sleeps_and_dies_at_0(n: int) -> int:
    if n == 0:
        time.sleep(0.3)  # every submit is done by then
        os._exit(9)
    time.sleep(2)  # the other worker still holds its task when the pool breaks; the rest are pending
    return n


def test_the_pools_thread_survives_its_pending_tasks_changing_while_it_fails_them(
    thread_errors: list[BaseException],
) -> None:
    """CPython's second race, made certain: while the pool's thread fails the pending tasks, each failure takes
    another task off the pool's dict (as a submit adds one, or the queue's feeder thread pops one, from another
    thread). Here the change comes from a done-callback, in the pool's own thread: a stand-in for the other thread,
    certain where the real race is rare. On a plain ``ProcessPoolExecutor`` the thread dies of "dictionary changed
    size during iteration" (seen once in CI) and leaves tasks unfailed; on :func:`fork_pool`'s it fails every task."""
    pool = fork_pool(2)
    try:
        pending = pool._pending_work_items
        futures = [pool.submit(_sleeps_and_dies_at_0, n) for n in range(40)]

        def take_another(future: Future[int]) -> None:
            if isinstance(future.exception(), BrokenProcessPool) and pending:
                pending.pop(next(reversed(pending)), None)

        for future in futures:
            future.add_done_callback(take_another)
        not_done = wait(futures, timeout=10).not_done
        assert not not_done, f"{len(not_done)} tasks never failed: the pool's thread died"
        assert all(isinstance(future.exception(), BrokenProcessPool) for future in futures)
    finally:
        close_pool(pool)
    assert not thread_errors, f"the pool's thread died: {thread_errors!r}"
    assert not children_left()


def test_results_come_in_the_order_of_the_items() -> None:
    pool = fork_pool(2)
    try:
        assert list(in_order(pool, _square, range(200))) == [n * n for n in range(200)]
    finally:
        close_pool(pool)
    assert not children_left()


def _times_out(n: int) -> int:
    raise TimeoutError(f"task {n}'s own timeout")


def test_a_tasks_own_timeout_is_raised_not_waited_on() -> None:
    pool = fork_pool(2)
    try:
        with pytest.raises(TimeoutError, match="task 0's own timeout"):
            next(in_order(pool, _times_out, range(3)))
    finally:
        close_pool(pool)
    assert not children_left()


def test_a_task_a_broken_pool_never_failed_fails_after_the_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool's thread died before failing a task (CPython's submit-while-failing race): that task, a future the
    thread never reaches here, fails after :data:`GRACE` instead of blocking the load for ever."""
    monkeypatch.setattr(worker_pool, "GRACE", 0.05)
    pool = fork_pool(2)
    try:
        with pytest.raises(BrokenProcessPool):
            list(in_order(pool, _dies_at_2, range(4)))
        lost: Future[int] = Future()  # a task the broken pool's thread never failed
        with pytest.raises(BrokenProcessPool, match="never failed"):
            worker_pool._result(pool, lost)
    finally:
        close_pool(pool)
    assert not children_left()


def _big(n: int) -> bytes:
    return bytes(1_000_000)


def test_a_result_is_let_go_once_yielded() -> None:
    """As map does: a consumer that keeps nothing holds one result at a time, not all of them (bounded memory)."""
    pool = fork_pool(2)
    try:
        results = in_order(pool, _big, range(20))
        next(results)
        frame = results.gi_frame  # type: ignore[attr-defined]
        assert frame is not None and len(frame.f_locals["futures"]) == 19
    finally:
        close_pool(pool)
