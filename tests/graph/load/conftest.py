"""What the load tests share: a second graph beside ``store`` and a generated register."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def other(embedded_server: EmbeddedServer, store: FalkorStore) -> Iterator[FalkorStore]:
    """A second empty graph on the same engine, to load the same inputs another way and compare."""
    graph = FalkorStore(embedded_server, graph_name=store.graph_name + "_other")
    graph.clear()
    yield graph
    graph.clear()
    graph.close()


@pytest.fixture
def generated_register(tmp_path: Path) -> Callable[[int], Path]:
    """``make(deals)``: a synthetic classic register from the bench's generator (never SIPRI rows)."""

    def make(deals: int) -> Path:
        sys.path.insert(0, str(REPO / "bench"))
        try:
            bench_sipri = importlib.import_module("bench_sipri")
        finally:
            sys.path.remove(str(REPO / "bench"))
        path = tmp_path / "generated-register.csv"
        bench_sipri.generate(path, deals)
        return path

    return make
