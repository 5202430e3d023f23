"""A load ends by compacting the append-only file (``FalkorStore.compact``): everything written since the last
rewrite's snapshot goes into a new one, so a restart loads a snapshot instead of replaying statements.

Redis sets ``aof_base_size`` to the current size when a rewrite ends, so writes made while it ran (they are in
the new incremental file, not in its snapshot) did not count as growth: a load whose last writes fell during an
automatic rewrite ended with them left to replay (8.8 MB at 30k generated deals: 2.0 of the restart's 2.8 s).
The growth is now read from the files on disk (docs/loading.md, Restart).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.graph.store import aof
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.server import EmbeddedServer, rewriting

FILL = "UNWIND range($a, $b) AS i CREATE (:N {id: i, name: 'node ' + toString(i), pad: $pad})"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    srv = EmbeddedServer(tmp_path / "data")
    srv.start()
    yield srv
    srv.stop()


def _write_during_a_rewrite(store: FalkorStore) -> None:
    """Start a rewrite of a graph large enough to take a while, and write while it runs (checked)."""
    connection = store._db.connection
    for attempt in range(3):
        connection.execute_command("BGREWRITEAOF")
        store.run("CREATE (:N {id: $i, pad: $pad})", {"i": -1 - attempt, "pad": "y" * 200}, write=True)
        if rewriting(connection.info("persistence")):
            return
    pytest.fail("no write landed while a rewrite ran")


def test_compact_rewrites_what_was_written_during_the_last_rewrite(server: EmbeddedServer) -> None:
    store = FalkorStore(server, graph_name="g")
    for start in range(0, 300_000, 50_000):
        store.run(FILL, {"a": start, "b": start + 49_999, "pad": "x" * 64}, write=True)
    _write_during_a_rewrite(store)
    assert server.wait_rewrite()
    tail = aof.tail_bytes(server.db_dir)
    assert tail is not None and tail > 0, "the write is in the new incremental file"
    info = store._db.connection.info("persistence")
    assert int(info["aof_current_size"]) - int(info["aof_base_size"]) < tail, "redis no longer counts it"
    store.compact(growth=0)
    assert server.wait_rewrite()
    assert aof.tail_bytes(server.db_dir) == 0
    expected = store.run("MATCH (n:N) RETURN count(n)").scalar()
    store.close()
    server.stop()
    server.start()
    again = FalkorStore(server, graph_name="g")
    assert again.run("MATCH (n:N) RETURN count(n)").scalar() == expected
    again.close()
    last_start = server.log_file.read_text(errors="replace").rsplit("Server initialized", 1)[-1]
    assert "DB loaded from base file" in last_start and "DB loaded from incr file" not in last_start


def test_compact_leaves_a_small_tail(server: EmbeddedServer) -> None:
    store = FalkorStore(server, graph_name="g")
    store.run(FILL, {"a": 0, "b": 99, "pad": "x"}, write=True)
    store.compact()  # under COMPACT_GROWTH: no rewrite
    assert not rewriting(store._db.connection.info("persistence"))
    tail = aof.tail_bytes(server.db_dir)
    assert tail is not None and tail > 0
    store.close()


def test_tail_bytes_without_a_readable_manifest(tmp_path: Path) -> None:
    assert aof.tail_bytes(tmp_path) is None
    (tmp_path / aof.AOF_DIR).mkdir()
    (tmp_path / aof.AOF_DIR / aof.MANIFEST).write_text("not a manifest\n", encoding="utf-8")
    assert aof.tail_bytes(tmp_path) is None
