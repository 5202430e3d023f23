"""What the load tests share: a second graph beside ``store`` and a generated register."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore


@pytest.fixture
def other(embedded_server: EmbeddedServer, store: FalkorStore) -> Iterator[FalkorStore]:
    """A second empty graph on the same engine, to load the same inputs another way and compare."""
    graph = FalkorStore(embedded_server, graph_name=store.graph_name + "_other")
    graph.clear()
    yield graph
    graph.clear()
    graph.close()


@pytest.fixture
def generated_register(tmp_path: Path, register_generator: Callable[[Path, int], int]) -> Callable[[int], Path]:
    """``make(deals)``: a synthetic classic register from the bench's generator (never SIPRI rows)."""

    def make(deals: int) -> Path:
        path = tmp_path / "generated-register.csv"
        register_generator(path, deals)
        return path

    return make
