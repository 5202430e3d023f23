"""A bulk load is durable when it returns, without waiting for its append-only file's rewrite (``FalkorStore.bulk``:
``WAITAOF`` after the last command, the rewrite started in the background; docs/loading.md, "Session 12: the
critical path")."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

import armsgraph.graph.store.falkordb as falkordb_module
from armsgraph.graph.bulk import bulk_load
from armsgraph.graph.store.falkor_bulk import BulkWriter
from armsgraph.graph.store.falkordb import FSYNC, EmbeddedServer, FalkorStore
from armsgraph.schema.errors import StoreError

REPO = Path(__file__).resolve().parents[3]
INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties ORDER BY label"
CONSTRAINTS = ("CALL db.constraints() YIELD type, label, properties, status "
               "RETURN type, label, properties, status ORDER BY label, type")
Snapshot = tuple[list[str], list[str]]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    """A server of its own: the test kills it."""
    server = EmbeddedServer(tmp_path / "data")
    server.start()
    yield server
    server.stop()


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        kids += [int(k) for k in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    return kids


def test_a_bulk_load_survives_a_kill_before_its_rewrite_ends(server: EmbeddedServer, shared_data: Path,
                                                            graph_snapshot: Callable[[FalkorStore], Snapshot],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The server killed the moment the load returns, before any rewrite (none is started here, so the test never
    races one): the restarted server replays the append-only file (the ``GRAPH.BULK`` commands and the schema's
    DDL, not a snapshot) into the same graph, with its indexes and constraints; the fsync setting the load raised
    to ``always`` is back as configured before the kill."""
    monkeypatch.setattr(FalkorStore, "_start_rewrite", lambda self, growth=0, poll=0.05: False)
    store = FalkorStore(server, graph_name="g")
    configured = store._db.connection.config_get(FSYNC)[FSYNC]
    report = bulk_load(store, [REPO / "examples" / "seed-entities.jsonl",
                               shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv"])
    assert store._db.connection.config_get(FSYNC)[FSYNC] == configured
    monkeypatch.undo()
    pid = server.status().pid
    assert pid is not None
    doomed = [pid, *_children(pid)]  # the rewrite's fork, if it still runs
    for victim in doomed:
        os.kill(victim, signal.SIGKILL)
    store.close()
    assert all(d.committed for d in report.documents)
    logged = b"".join(p.read_bytes() for p in (server.db_dir / "appendonlydir").iterdir() if p.suffix == ".aof")
    assert b"GRAPH.BULK" in logged, "killed before its rewrite ended: the log holds the bulk commands"
    for victim in doomed:
        while Path(f"/proc/{victim}").exists() and "Z" not in Path(f"/proc/{victim}/stat").read_text().split()[2]:
            time.sleep(0.01)
    server.start()
    again = FalkorStore(server, graph_name="g")
    try:
        nodes, edges = graph_snapshot(again)
        assert len(nodes) > 100 and len(edges) > 100
        assert again.run(INDEXES).rows, "the indexes were replayed too"
        assert again._db.connection.config_get(FSYNC)[FSYNC] == configured
        reference = FalkorStore(server, graph_name="reference")
        try:
            bulk_load(reference, [REPO / "examples" / "seed-entities.jsonl",
                                  shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv"])
            assert graph_snapshot(reference) == (nodes, edges)
            assert reference.run(INDEXES).rows == again.run(INDEXES).rows
            assert again.run(CONSTRAINTS).rows, "the constraints were replayed too"
            assert reference.run(CONSTRAINTS).rows == again.run(CONSTRAINTS).rows
        finally:
            reference.clear()
            reference.close()
    finally:
        again.close()


def test_the_fsync_setting_comes_back_when_the_wait_for_the_disk_fails(server: EmbeddedServer,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """``WAITAOF`` refused by the server (a negative timeout: the server's own error) after the setting was raised
    to ``always``: the load fails with one line and the setting is back as configured."""
    store = FalkorStore(server, graph_name="g")
    configured = store._db.connection.config_get(FSYNC)[FSYNC]
    assert configured != "always", "the test needs a setting the load changes"
    monkeypatch.setattr(falkordb_module, "ON_DISK_TIMEOUT", -1.0)

    def fill(writer: BulkWriter) -> None:
        writer.nodes("N", ["id"], [{"id": 1}])
        writer.flush()

    try:
        with pytest.raises(StoreError, match=r"GRAPH\.BULK failed: .*negative"):
            store.bulk(fill, schema=True)
        assert store._db.connection.config_get(FSYNC)[FSYNC] == configured
    finally:
        store.close()


def test_a_rewrite_that_does_not_start_leaves_the_load_whole(server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    """The graph is on disk before the rewrite is asked for: a refusal to start it is a warning, not a failed load
    (the next start replays the log)."""
    store = FalkorStore(server, graph_name="g")

    def refused(self: FalkorStore, growth: int = 0, poll: float = 0.05) -> bool:
        raise redis.ResponseError("ERR Background append only file rewriting refused")
    monkeypatch.setattr(FalkorStore, "_start_rewrite", refused)

    def fill(writer: BulkWriter) -> None:
        writer.nodes("N", ["id"], [{"id": i} for i in range(10)])
        writer.flush()

    try:
        with caplog.at_level("WARNING", logger="armsgraph.store"):
            assert store.bulk(fill, schema=True) == (10, 0)
        assert store.run("MATCH (n:N) RETURN count(n)").scalar() == 10
        assert "did not start" in caplog.text
    finally:
        store.close()


def test_the_load_returns_with_its_rewrite_started(server: EmbeddedServer, shared_data: Path) -> None:
    """The log is compacted after a bulk load as before, only not waited for: once the rewrite ends, the next
    start loads a snapshot and no ``GRAPH.BULK`` command is left to replay."""
    store = FalkorStore(server, graph_name="g")
    try:
        bulk_load(store, [shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv"])
        assert server.wait_rewrite()
        info = store._db.connection.info("persistence")
        assert info["aof_last_bgrewrite_status"] == "ok"
        incremental = [p for p in (server.db_dir / "appendonlydir").iterdir() if p.name.endswith(".incr.aof")]
        assert sum(p.stat().st_size for p in incremental) < 4096, "the bulk commands were compacted away"
    finally:
        store.close()


def test_a_command_sent_without_waiting_fails_the_load(server: EmbeddedServer) -> None:
    """``flush(wait=False)`` leaves the reply to be read later: the server's refusal (the graph exists: ``GRAPH.BULK``
    builds an absent graph only) still fails the load, and the graph there is left as it was."""
    store = FalkorStore(server, graph_name="g")
    store.run("CREATE (:Old {id: 1})", write=True)

    def fill(writer: BulkWriter) -> None:
        writer.nodes("N", ["id"], [{"id": i} for i in range(3)])
        writer.flush(wait=False)

    try:
        with pytest.raises(StoreError, match=r"GRAPH\.BULK failed"):
            store.bulk(fill)
        assert store.run("MATCH (n) RETURN labels(n)[0], n.id").rows == [["Old", 1]]
    finally:
        store.close()


def test_a_failed_fill_takes_the_command_in_flight_first(server: EmbeddedServer) -> None:
    """A fill that fails with a command still in flight: the command is taken before the error reaches the caller,
    so the caller's clear (another connection) cannot run before it and leave its nodes behind."""
    store = FalkorStore(server, graph_name="g")
    writers: list[BulkWriter] = []

    def fill(writer: BulkWriter) -> None:
        writers.append(writer)
        writer.nodes("N", ["id"], [{"id": i} for i in range(3)])
        writer.flush(wait=False)
        raise RuntimeError("a worker died")

    try:
        with pytest.raises(RuntimeError, match="a worker died"):
            store.bulk(fill)
        assert writers[0].nodes_created == 3  # its reply was read before the error went on
        assert store.run("MATCH (n:N) RETURN count(n)").rows == [[3]]
        store.clear()
        assert store.run("MATCH (n) RETURN count(n)").rows == [[0]]
    finally:
        store.close()
