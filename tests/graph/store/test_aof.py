"""A lost or damaged append-only file: refused at start with one line, nothing overwritten, repaired on request.

Each test writes real data through the real engine, stops it, damages the AOF the way a crash, a full
disk or a careless hand does, and checks that starting changes no byte, that ``db check`` names the
file, and that ``db repair`` brings back the data written before the damage point.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from click.testing import CliRunner, Result

from armsgraph.graph.cli import main
from armsgraph.graph.store import aof
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.server import EmbeddedServer
from armsgraph.schema.errors import StoreError

pytestmark = pytest.mark.store
IDS = [f"country:C{i}" for i in range(6)]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    srv = EmbeddedServer(tmp_path / "data")
    yield srv
    srv.stop()


def write(server: EmbeddedServer, ids: list[str], *, compact: bool = False) -> None:
    """One write per id (one AOF command each); ``compact`` first folds what is there into the base."""
    server.start()
    store = FalkorStore(server, "g")
    if compact:
        store._db.connection.execute_command("BGREWRITEAOF")
        while store._db.connection.info("persistence")["aof_rewrite_in_progress"]:
            time.sleep(0.05)
    for node_id in ids:
        store.run("CREATE (:Country {id: $id})", {"id": node_id}, write=True)
    store.close()
    assert server.stop()


def stored(server: EmbeddedServer) -> list[str]:
    server.start()
    store = FalkorStore(server, "g")
    try:
        return [row[0] for row in store.run("MATCH (c:Country) RETURN c.id ORDER BY c.id").rows]
    finally:
        store.close()


def aof_dir(server: EmbeddedServer) -> Path:
    return server.db_dir / aof.AOF_DIR


def snapshot(server: EmbeddedServer) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(aof_dir(server).iterdir()) if p.is_file()}


def incr(server: EmbeddedServer) -> Path:
    [path] = aof_dir(server).glob("*.incr.aof")
    return path


def cli(server: EmbeddedServer, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(server.data_dir), "db", *args],
                              env={"NEO4J_URI": "", "ARMSGRAPH_DEBUG": ""})


def refused(server: EmbeddedServer, names: str) -> None:
    """Start fails with one line naming the file and the recovery command, and writes nothing."""
    before = snapshot(server)
    with pytest.raises(StoreError) as err:
        server.start()
    message = str(err.value)
    assert "\n" not in message and names in message and "armsgraph db repair" in message, message
    assert not server.status().running
    assert snapshot(server) == before
    check = cli(server, "check")
    assert check.exit_code == 2 and names in check.stdout and "DAMAGED" in check.stdout, check.output
    assert snapshot(server) == before


def test_a_sound_aof_checks_ok_and_the_server_refuses_a_truncated_one(server: EmbeddedServer) -> None:
    write(server, IDS)
    result = cli(server, "check")
    assert result.exit_code == 0 and "DAMAGED" not in result.stdout and aof.MANIFEST in result.stdout
    server.start()
    client = redis.Redis(unix_socket_path=str(server.socket))
    assert client.config_get("aof-load-truncated")["aof-load-truncated"] == "no"
    client.close()


def test_deleted_manifest_refuses_to_start_and_repair_rebuilds_it(server: EmbeddedServer) -> None:
    write(server, IDS[:3], compact=False)
    write(server, IDS[3:], compact=True)  # a base with data, and an incremental file after it
    (aof_dir(server) / aof.MANIFEST).unlink()
    refused(server, aof.MANIFEST)
    repaired = cli(server, "repair")
    assert repaired.exit_code == 0 and "backup:" in repaired.stdout and "rebuilt the manifest" in repaired.stdout
    assert stored(server) == IDS


def test_garbage_manifest_refuses_to_start_and_repair_rebuilds_it(server: EmbeddedServer) -> None:
    write(server, IDS)
    (aof_dir(server) / aof.MANIFEST).write_bytes(os.urandom(200))
    refused(server, aof.MANIFEST)
    assert cli(server, "repair").exit_code == 0
    assert stored(server) == IDS


def test_truncated_incremental_file_refuses_and_repair_keeps_the_writes_before(server: EmbeddedServer) -> None:
    write(server, IDS)
    path = incr(server)
    os.truncate(path, path.stat().st_size - 7)  # the last write, cut short (a crash or a full disk)
    refused(server, path.name)
    damaged = path.read_bytes()
    repaired = cli(server, "repair")
    assert repaired.exit_code == 0 and "dropped the last" in repaired.stdout, repaired.output
    [backup] = server.db_dir.glob("appendonlydir.backup-*")
    assert (backup / path.name).read_bytes() == damaged  # the backup holds the file as it was
    assert stored(server) == IDS[:-1]


def test_random_bytes_in_the_incremental_file_refuse_and_repair_cuts_there(server: EmbeddedServer) -> None:
    write(server, IDS)
    path = incr(server)
    data = bytearray(path.read_bytes())
    fourth = data.find(b"C3")  # inside the fourth write
    data[fourth - 20:fourth + 20] = os.urandom(40)
    path.write_bytes(bytes(data))
    refused(server, path.name)
    assert cli(server, "repair").exit_code == 0
    assert stored(server) == IDS[:3]


def test_truncated_base_is_refused_and_not_repaired_silently(server: EmbeddedServer) -> None:
    write(server, IDS[:3])
    write(server, IDS[3:], compact=True)
    [base] = aof_dir(server).glob("*.base.rdb")
    os.truncate(base, base.stat().st_size - 40)
    refused(server, base.name)
    before = snapshot(server)
    repaired = cli(server, "repair")
    assert repaired.exit_code == 2 and base.name in repaired.stderr and "backup" in repaired.stderr
    assert snapshot(server) == before


def test_repair_refuses_while_the_server_runs(server: EmbeddedServer) -> None:
    write(server, IDS[:1])
    server.start()
    result = cli(server, "repair")
    assert result.exit_code == 2 and "db stop" in result.stderr
