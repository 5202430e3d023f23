"""Wall-clock helpers shared by the benchmarks (each run as ``python bench/NAME.py``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

R = TypeVar("R")


def timed(fn: Callable[[], R]) -> tuple[float, R]:
    """Seconds one call takes, and what it returned."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` calls: the least disturbed by other work on a shared machine."""
    return min(timed(fn)[0] for _ in range(max(1, repeat)))
