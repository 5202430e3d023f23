"""The embedded FalkorDB server: private socket, persistence, crash recovery, sharing."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.server import EmbeddedServer, server_env


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    srv = EmbeddedServer(tmp_path / "data")
    yield srv
    srv.stop()


def test_listens_only_on_a_private_unix_socket(server: EmbeddedServer) -> None:
    status = server.start()
    assert status.running and status.pid
    mode = stat.S_IMODE(os.stat(server.socket).st_mode)
    assert mode & 0o077 == 0, oct(mode)
    client = redis.Redis(unix_socket_path=str(server.socket))
    assert client.config_get("port")["port"] == "0"
    assert client.config_get("appendonly")["appendonly"] == "yes"
    client.close()


def test_data_survives_stop_and_start(server: EmbeddedServer) -> None:
    server.start()
    store = FalkorStore(server, "persist")
    store.run("CREATE (:Country {id: 'country:UKR', name: $name})", {"name": "Ukraine"}, write=True)
    store.close()
    assert server.stop()
    assert not server.status().running
    server.start()
    store = FalkorStore(server, "persist")
    assert store.run("MATCH (c:Country) RETURN c.name").rows == [["Ukraine"]]
    store.close()


def test_two_clients_share_one_server(server: EmbeddedServer) -> None:
    first = server.start()
    other = EmbeddedServer(server.data_dir).start()
    assert other.pid == first.pid


def test_two_processes_starting_at_once_share_one_server(server: EmbeddedServer) -> None:
    code = ("import sys; from pathlib import Path; from armsgraph.graph.store.server import EmbeddedServer; "
            "print(EmbeddedServer(Path(sys.argv[1])).start().pid)")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(server.data_dir)], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    pids = {int(p.communicate(timeout=60)[0].strip()) for p in procs}
    assert len(pids) == 1
    assert server.status().pid in pids


def test_a_reused_pid_of_another_server_is_not_ours(server: EmbeddedServer, tmp_path: Path) -> None:
    other = EmbeddedServer(tmp_path / "other")
    try:
        other_pid = other.start().pid
        server.db_dir.mkdir(parents=True, exist_ok=True)
        server.pid_file.write_text(f"{other_pid}\n")  # a stale pid file that now names someone else
        mine = server.start()
        assert mine.pid != other_pid and other.status().running
    finally:
        other.stop()


def test_stale_pid_and_socket_after_a_crash_are_recovered(server: EmbeddedServer) -> None:
    first = server.start()
    assert first.pid is not None
    os.kill(first.pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while server.status().running and time.monotonic() < deadline:
        time.sleep(0.05)
    status = server.status()
    assert not status.running and status.stale
    again = server.start()
    assert again.running and again.pid != first.pid


def test_long_data_dir_gets_a_short_private_socket(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    srv = EmbeddedServer(deep)
    try:
        status = srv.start()
        assert status.running and len(str(srv.socket)) < 108
        assert stat.S_IMODE(os.stat(srv.socket.parent).st_mode) == 0o700
    finally:
        srv.stop()


def _aof_files(server: EmbeddedServer) -> dict[str, int]:
    """Kind of each file the manifest lists ('b' base, 'i' incremental) -> its size in bytes."""
    aof_dir = server.db_dir / "appendonlydir"
    out: dict[str, int] = {}
    for line in (aof_dir / "appendonly.aof.manifest").read_text().splitlines():
        words = dict(zip(line.split()[::2], line.split()[1::2], strict=False))
        out[words["type"]] = out.get(words["type"], 0) + (aof_dir / words["file"]).stat().st_size
    return out


def _fill(store: FalkorStore, n: int) -> None:
    for start in range(0, n, 50_000):
        store.run("UNWIND range($a, $b) AS i CREATE (:N {id: i, name: 'node ' + toString(i), pad: $pad})",
                  {"a": start, "b": start + 49_999, "pad": "x" * 64}, write=True)


def test_stop_waits_for_a_running_rewrite(server: EmbeddedServer) -> None:
    """SIGTERM kills a rewrite's fork: a stop right after one started must let it finish, so the next start
    loads the snapshot and has (almost) nothing to replay."""
    server.start()
    store = FalkorStore(server, graph_name="g")
    _fill(store, 300_000)
    store._db.connection.execute_command("BGREWRITEAOF")
    store.close()
    assert server.stop()
    log = server.log_file.read_text(errors="replace")
    assert "Killing it" not in log and "Killing running AOF rewrite child" not in log
    files = _aof_files(server)
    assert files["i"] < 4096 < files["b"], files
    server.start()
    store = FalkorStore(server, graph_name="g")
    assert store.run("MATCH (n:N) RETURN count(n)").scalar() == 300_000
    store.close()


def test_compact_waits_for_a_running_rewrite_then_starts_its_own(server: EmbeddedServer) -> None:
    """A rewrite started during a load misses the load's last writes: compact waits for it and rewrites again."""
    server.start()
    store = FalkorStore(server, graph_name="g")
    _fill(store, 300_000)
    store._db.connection.execute_command("BGREWRITEAOF")
    _fill(store, 50_000)  # written while that rewrite runs: in the log after its snapshot
    store.compact(growth=0)
    assert server.wait_rewrite()
    files = _aof_files(server)
    assert files["i"] < 4096 < files["b"], files
    assert store.run("MATCH (n:N) RETURN count(n)").scalar() == 350_000
    store.close()


def test_wait_rewrite_without_a_server_returns_at_once(server: EmbeddedServer) -> None:
    start = time.monotonic()
    assert not server.wait_rewrite(timeout=30)
    assert time.monotonic() - start < 5


def test_the_server_threads_sleep_between_parallel_steps_unless_the_user_says_otherwise() -> None:
    """GraphBLAS's OpenMP threads spinning between parallel steps were two thirds of the server's CPU in a 1M-deal
    bulk load (docs/loading.md, "Session 16"): the server starts with them sleeping, unless the user chose."""
    assert server_env({"PATH": "/bin"}) == {"PATH": "/bin", "OMP_WAIT_POLICY": "PASSIVE"}
    assert server_env({"OMP_WAIT_POLICY": "ACTIVE"})["OMP_WAIT_POLICY"] == "ACTIVE"
