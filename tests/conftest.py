"""Shared fixtures: the real embedded FalkorDB engine and the real shared data files."""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ARMSGRAPH_SHARED_DATA", REPO / ".." / "shared" / "data")).resolve()
SEED_ARTICLE = "news/rt-2023-07-antonov-cluster-munitions.txt"


STORE_FIXTURES = frozenset({"store", "embedded_server", "own_store"})
STORE_MODULES = frozenset({"test_cli.py", "test_server.py"})
"""Modules whose tests start their own server (the CLI on a temporary data dir, server life-cycle)."""


SHARED_FOLDERS = {REPO / "tests" / "graph" / "web": "web"}
"""Folders whose tests share a costly session fixture (the web view's loaded store, its server and Chromium): run
on one worker, so it is built once."""


def worker_group(item: pytest.Item) -> str:
    """The pytest-xdist group of a test (``--dist loadgroup``, as ``make test`` runs): its module, so a module-scoped
    fixture is built once, or its folder's name in :data:`SHARED_FOLDERS`."""
    for folder, name in SHARED_FOLDERS.items():
        if item.path.is_relative_to(folder):
            return name
    return item.path.relative_to(REPO).as_posix()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches the real engine 'store', so ``make test-fast`` can leave them out; group the
    tests for pytest-xdist's workers (:func:`worker_group`)."""
    for item in items:
        if STORE_FIXTURES & set(getattr(item, "fixturenames", ())) or item.path.name in STORE_MODULES:
            item.add_marker(pytest.mark.store)
        item.add_marker(pytest.mark.xdist_group(worker_group(item)))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data beside the checkout (override with ARMSGRAPH_SHARED_DATA)."""
    if not (SHARED_DATA / "README.md").exists():
        pytest.fail(f"shared test data not found at {SHARED_DATA}; set ARMSGRAPH_SHARED_DATA")
    return SHARED_DATA


@pytest.fixture(scope="session")
def register_generator() -> Callable[[Path, int], int]:
    """``generate(path, deals)``: the bench's synthetic classic register (``bench/bench_sipri.py``, never SIPRI rows),
    for the tests that need a large export."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        generate: Callable[[Path, int], int] = importlib.import_module("bench_sipri").generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    return generate


@pytest.fixture(scope="session")
def seed_article(shared_data: Path) -> Path:
    return shared_data / SEED_ARTICLE


@pytest.fixture(scope="session")
def embedded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """One real FalkorDB server for the test session, in a temporary data dir."""
    server = EmbeddedServer(tmp_path_factory.mktemp("store"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def store(embedded_server: EmbeddedServer, request: pytest.FixtureRequest) -> Iterator[FalkorStore]:
    """A fresh, empty graph on the real embedded engine (one graph per test, deleted afterwards)."""
    name = "t_" + re.sub(r"\W+", "_", request.node.nodeid)[-80:]
    graph = FalkorStore(embedded_server, graph_name=name)
    graph.clear()
    yield graph
    graph.clear()
    graph.close()


@pytest.fixture
def own_store(tmp_path: Path) -> Iterator[FalkorStore]:
    """A graph on a server of its own, for a test that changes the server's settings (the shared server's stay)."""
    server = EmbeddedServer(tmp_path / "data")
    server.start()
    graph = FalkorStore(server, graph_name="g")
    yield graph
    graph.close()
    server.stop()
