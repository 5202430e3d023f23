"""Wall-clock helpers shared by the benchmarks (each run as ``python bench/NAME.py``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from armsgraph.graph.store import Cypher
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore

R = TypeVar("R")


def timed(fn: Callable[[], R]) -> tuple[float, R]:
    """Seconds one call takes, and what it returned."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` calls: the least disturbed by other work on a shared machine."""
    return min(timed(fn)[0] for _ in range(max(1, repeat)))


ANSWER = Cypher("MATCH (n) RETURN count(n) AS nodes")


def restart_seconds(server: EmbeddedServer, graph: str, timeout: float = 900) -> float:
    """Stop the server (``stop`` waits for a running rewrite), start it and wait until the graph answers: what a
    user waits for after a load."""
    server.stop()
    start = time.perf_counter()
    server.start(timeout=timeout)
    store = FalkorStore(server, graph_name=graph)
    store.run(ANSWER)
    seconds = time.perf_counter() - start
    store.close()
    return seconds
