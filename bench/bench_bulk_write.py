"""The bulk path's write phase alone: CPU of ``BulkGraph.resolve`` with its sends hashed instead of sent.

    .venv/bin/python bench/bench_bulk_write.py [--sizes 30000] [--workers 1] [--former DIR] [--graph] [--dir DIR]

A generated classic register (bench_sipri.generate: never SIPRI rows) is read once (not timed), then resolved,
encoded and "sent" to a fake connection that hashes every ``GRAPH.BULK`` argument: no server, so the figures are
the client's alone (the main process's CPU and its workers'). ``--former DIR`` runs the same with the armsgraph
package in DIR (``DIR/armsgraph/...``), each in a fresh process, alternately, for a before/after in one run.
``--graph`` also decodes the stream back into nodes and relationships and prints a digest of the graph itself
(node labels and properties, relationships by type, ends' ids and properties), independent of the order sent:
equal digests mean the same graph (docs/loading.md, "The write phase").
"""

from __future__ import annotations

import argparse
import hashlib
import os
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _value(data: bytes, i: int) -> tuple[Any, int]:
    """One protocol value at ``i`` (graph/store/falkor_bulk.py) and the offset after it."""
    kind = data[i]
    i += 1
    if kind == 0:
        return None, i
    if kind == 1:
        return bool(data[i]), i + 1
    if kind == 2:
        return struct.unpack_from("=d", data, i)[0], i + 8
    if kind == 3:
        end = data.index(0, i)
        return data[i:end].decode(), end + 1
    if kind == 4:
        return struct.unpack_from("=q", data, i)[0], i + 8
    if kind == 5:
        n = struct.unpack_from("=q", data, i)[0]
        i += 8
        items = []
        for _ in range(n):
            item, i = _value(data, i)
            items.append(item)
        return items, i
    raise ValueError(f"unknown value type {kind}")


def _blob(data: bytes, edges: bool) -> list[tuple[str, tuple[int, int] | None, dict[str, Any]]]:
    """A label or reltype blob as (name, ends or None, properties set) per entity."""
    end = data.index(0)
    name, i = data[:end].decode(), end + 1
    count = struct.unpack_from("=I", data, i)[0]
    i += 4
    keys = []
    for _ in range(count):
        end = data.index(0, i)
        keys.append(data[i:end].decode())
        i = end + 1
    out: list[tuple[str, tuple[int, int] | None, dict[str, Any]]] = []
    while i < len(data):
        ends = None
        if edges:
            ends = struct.unpack_from("=QQ", data, i)
            i += 16
        props = {}
        for key in keys:
            value, i = _value(data, i)
            if value is not None:
                props[key] = value
        out.append((name, ends, props))
    return out


class HashingConnection:
    """Takes ``GRAPH.BULK`` commands as the server would (its reply), hashing them; with ``decode``, keeps the
    graph they build."""

    def __init__(self, decode: bool) -> None:
        self.hash = hashlib.sha256()
        self.commands = 0
        self.decode = decode
        self.nodes: list[tuple[str, Any, dict[str, Any]]] = []
        self.edges: list[tuple[str, Any, dict[str, Any]]] = []

    def execute_command(self, *args: Any) -> bytes:
        self.commands += 1
        for arg in args:
            self.hash.update(arg if isinstance(arg, bytes) else str(arg).encode())
            self.hash.update(b"|")
        rest = list(args[2:])
        if rest[0] == "BEGIN":
            rest = rest[1:]
        if self.decode:
            labels, types = rest[2], rest[3]
            for blob in rest[4:4 + labels]:
                self.nodes += _blob(blob, False)
            for blob in rest[4 + labels:4 + labels + types]:
                self.edges += _blob(blob, True)
        return f"{rest[0]} nodes created, {rest[1]} relations created".encode()

    def graph_digest(self) -> str:
        ids = [props.get("id") for _, _, props in self.nodes]
        nodes = sorted((name, repr(sorted(props.items()))) for name, _, props in self.nodes)
        edges = sorted((name, ids[ends[0]], ids[ends[1]], repr(sorted(props.items())))
                       for name, ends, props in self.edges)
        return hashlib.sha256(repr((nodes, edges)).encode()).hexdigest()[:16]


def one(path: Path, workers: int, decode: bool) -> None:
    """One read (untimed) and one timed resolve, in this process; prints one line."""
    from armsgraph.graph import bulk
    from armsgraph.graph.store.falkor_bulk import BulkWriter
    from armsgraph.loaders.resolve import standard_tables

    standard_tables()
    graph, _ = bulk.read_graph([path], workers=workers)
    assert graph is not None, "the generated register reads"
    connection = HashingConnection(decode)
    writer = BulkWriter(connection, "bench")
    before, wall = os.times(), time.perf_counter()
    with bulk.fewer_collections():
        graph.resolve(None, workers, writer)
        writer.flush()
    after, wall = os.times(), time.perf_counter() - wall
    graph.close()
    main = after.user + after.system - before.user - before.system
    workers_cpu = after.children_user + after.children_system - before.children_user - before.children_system
    shown = connection.graph_digest() if decode else "-"
    print(f"{Path(bulk.__file__).parents[1]}: resolve {wall:.2f} s wall, CPU {main:.2f} main + {workers_cpu:.2f}"
          f" workers; {writer.nodes_created:,} nodes, {writer.relations_created:,} relationships, "
          f"{connection.commands} commands; stream {connection.hash.hexdigest()[:16]}, graph {shown}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30000", help="generated deals per run, comma-separated")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1, help="runs of each package, alternately")
    parser.add_argument("--former", type=Path, help="also run with the armsgraph package in this directory")
    parser.add_argument("--graph", action="store_true", help="decode the stream and digest the graph")
    parser.add_argument("--dir", type=Path, default=Path("/tmp"), help="where the generated registers go")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a child's own run
    args = parser.parse_args(argv)
    if args.one is not None:
        one(args.one, args.workers, args.graph)
        return 0
    sys.path.insert(0, str(HERE))
    from bench_sipri import generate

    for size in (int(s) for s in args.sizes.split(",")):
        path = args.dir / f"register-{size}.csv"
        if not path.exists():
            generate(path, size)
        for _ in range(args.runs):
            for former in ([None, args.former] if args.former else [None]):
                env = dict(os.environ)
                if former is not None:
                    env["PYTHONPATH"] = os.pathsep.join([str(former), env.get("PYTHONPATH", "")])
                command = [sys.executable, str(Path(__file__).resolve()), "--one", str(path),
                           "--workers", str(args.workers), *(["--graph"] if args.graph else [])]
                subprocess.run(command, env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
