"""Shared fixtures: the real embedded FalkorDB engine and the real shared data files."""

from __future__ import annotations

import importlib
import multiprocessing
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ARMSGRAPH_SHARED_DATA", REPO / ".." / "shared" / "data")).resolve()
SEED_ARTICLE = "news/rt-2023-07-antonov-cluster-munitions.txt"


STORE_FIXTURES = frozenset({"store", "embedded_server", "own_store"})
STORE_MODULES = frozenset({"test_cli.py", "test_server.py"})
"""Modules whose tests start their own server (the CLI on a temporary data dir, server life-cycle)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches the real engine 'store', so ``make test-fast`` can leave them out."""
    for item in items:
        if STORE_FIXTURES & set(getattr(item, "fixturenames", ())) or item.path.name in STORE_MODULES:
            item.add_marker(pytest.mark.store)


SHARED_FOLDERS = ("tests/graph/web/",)
"""Folders whose tests share a costly session fixture (the web view's loaded store, its server and Chromium): under
pytest-xdist they run on one worker, so it is built once."""


def worker_scope(nodeid: str) -> str:
    """What runs on one pytest-xdist worker: a module (its module-scoped fixtures built once), or a whole folder of
    :data:`SHARED_FOLDERS`."""
    for folder in SHARED_FOLDERS:
        if nodeid.startswith(folder):
            return folder
    return nodeid.split("::", 1)[0]


@pytest.fixture(scope="session", autouse=True)
def no_worker_left() -> Iterator[None]:
    """An error at the end of the session (of each pytest-xdist worker), instead of a hang, when a test left a
    worker process running: at exit, multiprocessing joins every child it started, and a pool worker left blocked
    on its task queue never ends (the run then stops only at CI's time limit, with no report). They are killed and
    named (the error falls on the last test of that worker: the name of the process says which pool).
    """
    yield
    left = multiprocessing.active_children()
    for child in left:
        child.kill()
        child.join(5)
    names = ", ".join(f"{child.name} (pid {child.pid})" for child in left)
    assert not left, f"worker processes left running by the tests, killed: {names}"


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist's (the dev extra)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadfile`` (as ``make test`` runs) with :func:`worker_scope`'s units. Why not ``--dist loadgroup``
    with markers: pytest-xdist 3.8 renames node ids to group them, which pytest 9.2's node ids ignore."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling  # only under pytest-xdist, which calls this hook

    class WorkerScopes(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_scope(nodeid)

    return WorkerScopes(config, log)


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
