"""The server's side of a bulk load: one recorded ``GRAPH.BULK`` stream replayed under controlled settings.

    .venv/bin/python bench/bench_bulk_server.py record --size 300000 --stream FILE [--workers 2]
    .venv/bin/python bench/bench_bulk_server.py replay --stream FILE [--schema first|after|none] [--aof yes|no]
                                                      [--merge K] [--dir DIR] [--every N]

``record`` reads and resolves a generated classic register (``bench_sipri.generate``: never SIPRI rows) as the bulk
path does and writes its commands to ``FILE`` instead of a server. ``replay`` sends them to a fresh embedded server,
one command in flight, and times each reply with the server's CPU seconds (``/proc/PID/stat``: the process alone,
all its threads; a rewrite's fork is not counted) before and after it, so the client's work is out of the figures
and one variable changes at a time: the schema created after the first command (as ``bulk_load`` does), after the
last, or not at all; the append-only file on or off (``--aof no``: a scratch server only); ``--merge K``: K recorded
commands sent as one (their blobs concatenated in order: the nodes' positions do not change); FalkorDB settings at
start (``BENCH_MODULE_ARGS="NODE_CREATION_BUFFER 1048576"``, after the module's path) or at run time
(``BENCH_GRAPH_CONFIG="DELTA_MAX_PENDING_CHANGES 1000000"``, ``GRAPH.CONFIG SET``); the server inherits this
process's environment (``OMP_WAIT_POLICY=`` empty: libgomp's default). It prints every ``--every``-th command's
nodes, edges, seconds and server CPU, then the totals (docs/loading.md, "Session 16: the server's CPU at 1M").
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench_sipri import generate, process_cpu_seconds

GRAPH = "bench"


class Recorder:
    """Takes ``GRAPH.BULK`` commands as the server would (its reply), appending each to a file."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.commands = 0

    def execute_command(self, *args: Any) -> bytes:
        self.commands += 1
        pickle.dump(args[2:], self.out, protocol=pickle.HIGHEST_PROTOCOL)
        rest = args[3:] if args[2] == "BEGIN" else args[2:]
        return f"{rest[0]} nodes created, {rest[1]} relations created".encode()


def record(size: int, stream: Path, workers: int, regdir: Path) -> None:
    from armsgraph.graph import bulk
    from armsgraph.graph.store.falkor_bulk import BulkWriter
    from armsgraph.loaders.resolve import standard_tables

    path = regdir / f"register-{size}.csv"
    if not path.exists():
        generate(path, size)
    standard_tables()
    graph, _ = bulk.read_graph([path], workers=workers)
    assert graph is not None, "the generated register reads"
    with stream.open("wb") as out:
        recorder = Recorder(out)
        writer = BulkWriter(recorder, GRAPH)
        with bulk.fewer_collections():
            graph.resolve(None, workers, writer)
            writer.flush()
    graph.close()
    print(f"{recorder.commands} commands, {writer.nodes_created:,} nodes, {writer.relations_created:,} edges "
          f"-> {stream} ({stream.stat().st_size / 1e6:.0f} MB)", flush=True)


def commands(stream: Path) -> Iterator[tuple[Any, ...]]:
    with stream.open("rb") as data:
        while True:
            try:
                yield pickle.load(data)
            except EOFError:
                return


def merged(stream: Path, k: int) -> Iterator[list[Any]]:
    """K recorded commands as one: counts summed, label blobs then reltype blobs, each in the order recorded."""
    batch: list[tuple[Any, ...]] = []
    for command in commands(stream):
        batch.append(command)
        if len(batch) == k:
            yield _join(batch)
            batch = []
    if batch:
        yield _join(batch)


def _join(batch: list[tuple[Any, ...]]) -> list[Any]:
    begin = [b"BEGIN"] if batch[0][0] in ("BEGIN", b"BEGIN") else []
    nodes = edges = 0
    labels: list[Any] = []
    types: list[Any] = []
    for command in batch:
        rest = command[1:] if command[0] in ("BEGIN", b"BEGIN") else command
        n, e, nl, nt = (int(x) for x in rest[:4])
        nodes, edges = nodes + n, edges + e
        labels += rest[4:4 + nl]
        types += rest[4 + nl:4 + nl + nt]
    return [*begin, nodes, edges, len(labels), len(types), *labels, *types]


def replay(stream: Path, schema: str, aof: str, k: int, workdir: Path, every: int) -> None:
    from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore

    server = EmbeddedServer(workdir / "data")
    extra = os.environ.get("BENCH_MODULE_ARGS", "").split()
    if extra:  # module arguments after --loadmodule's path (a scratch server's settings)
        import subprocess

        from armsgraph.graph.store import server as server_module

        popen = subprocess.Popen
        # subprocess is one module: only the server's command line gets them (not the log check's tool)
        server_module.subprocess.Popen = lambda argv, **kw: popen(  # type: ignore[assignment]
            [*argv, *extra] if "--loadmodule" in argv else argv, **kw)
    server.start()
    pid = server.status().pid
    assert pid is not None
    store = FalkorStore(server, graph_name=GRAPH)
    conn = store._db.connection
    if aof == "no":
        conn.config_set("appendonly", "no")
    conn.config_set("auto-aof-rewrite-percentage", 0)
    settings = os.environ.get("BENCH_GRAPH_CONFIG", "").split()  # FalkorDB settings changed at run time
    for name, value in zip(settings[::2], settings[1::2], strict=True):
        conn.execute_command("GRAPH.CONFIG", "SET", name, value)
    start_cpu, start = process_cpu_seconds(pid), time.perf_counter()
    rows = []
    schema_cpu = 0.0
    for i, args in enumerate(merged(stream, k)):
        cpu, wall = process_cpu_seconds(pid), time.perf_counter()
        reply = conn.execute_command("GRAPH.BULK", GRAPH, *args)
        rows.append((i, reply, time.perf_counter() - wall, process_cpu_seconds(pid) - cpu))
        if i == 0 and schema == "first":
            cpu = process_cpu_seconds(pid)
            store._create_schema(conn, by_label=True)
            schema_cpu += process_cpu_seconds(pid) - cpu
    bulk_cpu, bulk_wall = process_cpu_seconds(pid) - start_cpu, time.perf_counter() - start
    if schema in ("first", "after"):
        cpu = process_cpu_seconds(pid)
        store._create_schema(conn, by_label=True)
        store._constraints_operational()
        schema_cpu += process_cpu_seconds(pid) - cpu
    for i, reply, wall, cpu in rows:
        if i % every == 0 or i == len(rows) - 1:
            print(f"  #{i:4d} {reply.decode() if isinstance(reply, bytes) else reply}: {wall:.3f} s, CPU {cpu:.3f}")
    total = process_cpu_seconds(pid) - start_cpu
    half = len(rows) // 2
    first, last = sum(r[3] for r in rows[:half]), sum(r[3] for r in rows[half:])
    info = conn.info("memory")
    threads = [conn.execute_command("GRAPH.CONFIG", "GET", name)
               for name in ("OMP_THREAD_COUNT", "DELTA_MAX_PENDING_CHANGES", "NODE_CREATION_BUFFER")]
    print(f"schema={schema} aof={aof} merge={k}: {len(rows)} commands, {bulk_wall:.1f} s; server CPU {total:.1f} "
          f"(commands {bulk_cpu:.1f}: first half {first:.1f}, second half {last:.1f}; schema {schema_cpu:.1f}); "
          f"used_memory {int(info['used_memory']) / 1e6:.0f} MB; {threads}; load average {os.getloadavg()[0]:.1f}",
          flush=True)
    store.close()
    server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("record", "replay"))
    parser.add_argument("--stream", type=Path, required=True)
    parser.add_argument("--size", type=int, default=300_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--schema", choices=("first", "after", "none"), default="first")
    parser.add_argument("--aof", choices=("yes", "no"), default="yes")
    parser.add_argument("--merge", type=int, default=1)
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    if args.what == "record":
        record(args.size, args.stream, args.workers, args.dir)
    else:
        with tempfile.TemporaryDirectory(dir=args.dir, prefix="bulk-server-") as tmp:
            replay(args.stream, args.schema, args.aof, args.merge, Path(tmp), args.every)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
