"""Worker process pools, and the one way to read their results that survives a dying worker: the bulk path's
(``graph/bulk.py``, ``graph/bulk_read.py``) and ``armsgraph extract -j``'s (``loaders/text/parallel.py``). Here, at
the bottom of ``loaders``, so both layers use the one module.

Why not ``Executor.map``: when a worker dies (the kernel's OOM killer, a kill), the pool's own thread fails every
pending task; ``map``'s iterator, the moment one of its results raises, cancels every task it still holds. On
CPython 3.11 a cancel that lands while that thread is still failing tasks kills the thread
(``InvalidStateError`` from ``set_exception``, CPython gh-107219, fixed in 3.12 only): the other workers are
never stopped and the process hangs at exit. :func:`in_order` submits every task and waits for each in turn,
cancelling nothing from the caller's thread; :func:`close_pool` kills the workers of a pool that broke and lets the
pool's own thread cancel what is left.

A second race: that thread fails the pending tasks by iterating the pool's dict of them, with no lock, while a
submit (or the queue's feeder thread) may add or pop one: "dictionary changed size during iteration" kills the
thread half-way (seen in CI on a loaded machine; CPython 3.12 holds the pool's lock there). :func:`process_pool`
gives the pool a dict whose ``items()`` iterates a copy taken in one step, so that loop never sees the dict change;
a task added after the copy is failed by :func:`in_order` after :data:`GRACE`, or its submit raises
``BrokenProcessPool``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, ItemsView, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

GRACE = 5.0
"""Seconds a task of a broken pool may stay unfailed before :func:`in_order` fails it itself."""


class _SnapshotItems(dict):  # type: ignore[type-arg]
    """The pool's pending tasks: ``items()`` iterates a copy, so the pool's thread reads a dict no other thread
    changes (see the module docstring). ``dict.copy`` clones the table in C without making an object per entry, so
    no collection (no ``__del__``, no other thread) can run half way through it, as it could while building a list
    of (key, value) tuples on CPython 3.11."""

    def items(self) -> ItemsView[Any, Any]:  # type: ignore[override]  # a copy's view, not our own
        return dict.copy(self).items()


def fork_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes forked at the first submit: they inherit what the caller set up for them."""
    return process_pool(workers, multiprocessing.get_context("fork"))


def process_pool(
    workers: int, context: BaseContext, initializer: Callable[[], object] | None = None
) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes started by ``context`` at the first submit, each running ``initializer``
    first. Its dict of pending tasks is a :class:`_SnapshotItems`, in the two places that hold it (the pool's thread
    takes it from the pool at the first submit)."""
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=initializer)
    pending = _SnapshotItems()
    pool._pending_work_items = pending
    pool._call_queue.pending_work_items = pending  # type: ignore[attr-defined]
    return pool


def in_order(pool: ProcessPoolExecutor, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """``fn`` over ``items`` in ``pool``, the results in the items' order (every task is submitted before this
    returns, as with ``map``); a result that raises raises here and cancels nothing (see the module docstring).
    Each future is let go once its result is yielded, as ``map`` does, so the results are not all held at once."""
    futures = [pool.submit(fn, item) for item in items]  # now, as map does: the caller's work overlaps them
    futures.reverse()
    return _results(pool, futures)


def _results(pool: ProcessPoolExecutor, futures: list[Future[R]]) -> Iterator[R]:
    while futures:
        yield _result(pool, futures.pop())


def _result(pool: ProcessPoolExecutor, future: Future[R]) -> R:
    """``future``'s result; ``BrokenProcessPool`` when the pool broke and its thread did not fail ``future`` within
    :data:`GRACE` seconds (that thread can die of another race of CPython's, a submit while it fails the pending
    tasks, and the task would then never end). A task's own exception, a ``TimeoutError`` too, is raised as is."""
    while not wait([future], timeout=GRACE).done:
        if pool._broken:
            raise BrokenProcessPool(f"{pool._broken} (its task was never failed)")
    return future.result()


def close_pool(pool: ProcessPoolExecutor) -> None:
    """Shut ``pool`` down: the tasks not started are dropped (the pool's own thread cancels them, so nothing races
    it); the workers of a broken pool are killed first, whatever the caller caught: the pool's thread means to stop
    them, but was seen to leave one running (``ProcessPoolExecutor.kill_workers`` only exists from Python 3.14)."""
    if pool._broken:
        for process in list((pool._processes or {}).values()):
            process.kill()
    pool.shutdown(cancel_futures=True)
