"""Load time at scale, against the engine's floor: the scale table of ``make bench`` (issue 16).

    .venv/bin/python bench/bench_load.py [--sizes 30000,300000] [--kinds ...] [--profile] [--restart]
        [--keep DIR] [--former DIR]

For each size, a synthetic classic register (bench_sipri.generate: never SIPRI rows) is loaded, each way into a
fresh embedded FalkorDB server of its own (so each server's peak RSS is that load's), in a fresh process (so
the client's peak RSS is that load's):

* raw MERGE: the earlier sessions' baseline, one batched ``UNWIND $rows ... MERGE`` per 2,000 rows (a Transfer
  per deal with its supplier, recipient and weapon; no provenance, no Reports, no deal matching), the rows
  built before the clock starts; kept so the figures stay comparable with earlier runs;
* raw MERGE, same graph: the issue's baseline, the graph armsgraph writes (every node with its properties and
  caption, the Reports and Transfers, every relationship with its properties, the provenance edges), built
  beforehand by the bulk path's graph (``build_graph``) in a process of its own and spooled to disk
  in chunks of 2,000 rows; the timed process sends them as plain ``UNWIND $rows AS row MERGE (n:Label {id:
  row.id}) SET n += row.props`` per label and ``MATCH``/``MATCH``/``CREATE`` per relationship type, the clock
  running only while a statement runs;
* load: ``armsgraph load`` (``load_paths``: loader, writer with provenance, deal resolution at commit);
* load Reports only: the same without deal resolution (``resolve_deals=False``);
* bulk: ``armsgraph load --bulk`` (``bulk_load``: the same loaders, rows and deals, sent by ``GRAPH.BULK``);
* bulk 1 worker: the same with ``--workers 1`` (deals resolved in the loading process: the least memory);

with deals/s, the ratio of each to both raw baselines and to the bulk path from the same run, and peak RSS of
client and server, and the peak PSS of the loading process and its forked workers together (sampled from
``/proc/PID/smaps_rollup``: RSS counts the pages a worker shares with its parent twice), and the CPU seconds
of client and server (a busy machine's wall clock moves 2x between runs; the CPU does not). ``--former DIR``
also runs the load, Reports-only and bulk kinds with the armsgraph package
found in DIR (``DIR/armsgraph/{graph,loaders,schema}``, e.g. ``git archive <commit> graph loaders schema``
unpacked there, plus an empty ``__init__.py``): before/after in one run, on the same generated file.
``--restart`` also stops and restarts the server after the load and bulk runs and times until the graph
answers (the append-only file replayed). ``--profile`` runs cProfile over the load of the first size
and prints where the client's time goes: parse and validate, the writer's and the resolver's Python,
parameter encoding, and the wait for the engine (whose own time FalkorDB reports per query).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import multiprocessing
import os
import pickle
import pstats
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench_sipri import TimedStore, descendants, generate, process_cpu_seconds, server_peak_rss_mb, use_package
from rich.console import Console
from rich.table import Table
from timing import restart_seconds

from armsgraph.graph.bulk import build_graph, bulk_load
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.base import Cypher
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.loaders.resolve import standard_tables

GRAPH = "bench"
RAW, SAME = "raw MERGE", "raw MERGE same graph"
BULK_ONE = "bulk 1 worker"
KINDS = (RAW, SAME, "load", "load Reports only", "bulk", BULK_ONE)
BEFORE = " (before)"
"""Suffix of a kind run with the ``--former`` package."""
FORMER_KINDS = ("load", "load Reports only", "bulk", SAME)
"""Kinds also run with ``--former``: a server started by that package's code (its settings), and the load by it
(the raw MERGE's client is this bench's own either way)."""
COUNT = Cypher("MATCH (n) RETURN count(n) AS nodes")
EDGES = Cypher("MATCH ()-[r]->() RETURN count(r) AS edges")
CHUNK = 2000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
    except OSError:  # gone meanwhile (a worker that ended)
        return 0


class PssPeak:
    """The peak of the PSS of this process and its descendants (the bulk path's forked workers) summed, sampled
    every 50 ms while running: PSS splits a page shared by n processes n ways, so the sum is what they hold
    together (RSS counts a page a worker shares with its parent in both)."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.05):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in [me, *descendants(me)]))

    def __enter__(self) -> PssPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _client(r: dict[str, Any]) -> str:
    """The loading process's peak RSS and, when it forked workers (the bulk path's deal resolution), the largest
    worker's (each also counts the pages it shares with the process it was forked from)."""
    return f"{r['client_mb']:,.0f}" + (f" + workers {r['workers_mb']:,.0f} each" if r.get("workers_mb") else "")


def _own_cpu_seconds() -> float:
    """CPU seconds of this process and its children that ended (the bulk path's workers)."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def _server_cpu(server: EmbeddedServer) -> float | None:
    """The server's CPU seconds so far (all its threads), from /proc/PID/stat."""
    try:
        return process_cpu_seconds(server.status().pid)
    except (OSError, IndexError):
        return None


def _cpu(r: dict[str, Any]) -> str:
    """Client + server CPU seconds: what a busy machine's wall clock hides."""
    if r.get("client_cpu") is None or r.get("server_cpu") is None:
        return "-"
    return f"{r['client_cpu']:.1f} + {r['server_cpu']:.1f}"


def _pss(r: dict[str, Any]) -> str:
    return f"{r['pss_mb']:,.0f}" if r.get("pss_mb") else "-"


# -- the same-graph baseline ------------------------------------------------------------------------------------
def _spool(path: str, spool: str) -> None:
    """Build the graph a load writes (in its on-disk table, as the bulk path does) and spool it as (statement, rows)
    chunks: nodes per label set, then relationships per (type, source label, target label)."""
    standard_tables()
    graph, report = build_graph([Path(path)])
    assert graph is not None and not report.failed
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    first: dict[str, str] = {}
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    ids: list[str] = []  # position -> id
    with graph:  # the rows the bulk path sends (captions included), with ids instead of positions
        for labels, chunk in graph.nodes():
            for props in chunk:
                first[props["id"]] = labels.split(":")[0]
                ids.append(props["id"])
                nodes[labels].append({"id": props["id"], "props": {k: v for k, v in props.items() if k != "id"}})
        for rel_type, edge_chunk in graph.edges():
            for src_pos, dst_pos, props in edge_chunk:
                src, dst = ids[src_pos], ids[dst_pos]
                edges[(rel_type, first[src], first[dst])].append({"src": src, "dst": dst, "props": props})
    with open(spool, "wb") as out:
        for labels, rows in nodes.items():  # labels and types come from the schema, never from the input
            cypher = f"UNWIND $rows AS row\nMERGE (n:{labels} {{id: row.id}})\nSET n += row.props\nRETURN count(n)"
            for i in range(0, len(rows), CHUNK):
                pickle.dump((cypher, rows[i:i + CHUNK]), out, protocol=pickle.HIGHEST_PROTOCOL)
        for (rel_type, src_label, dst_label), rows in edges.items():
            cypher = (f"UNWIND $rows AS row\nMATCH (a:{src_label} {{id: row.src}})\n"
                      f"MATCH (b:{dst_label} {{id: row.dst}})\nCREATE (a)-[r:{rel_type}]->(b)\n"
                      "SET r = row.props\nRETURN count(r)")
            for i in range(0, len(rows), CHUNK):
                pickle.dump((cypher, rows[i:i + CHUNK]), out, protocol=pickle.HIGHEST_PROTOCOL)


def _chunks(spool: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    with open(spool, "rb") as src:
        while True:
            try:
                yield pickle.load(src)
            except EOFError:
                return


def _same_graph(store: TimedStore, spool: str) -> tuple[float, float]:
    """Send the spooled chunks; the seconds and client CPU seconds spent in the statements only (reading the
    spool is not counted)."""
    seconds = cpu = 0.0
    for cypher, rows in _chunks(spool):
        start, used = time.perf_counter(), time.process_time()
        store.run(Cypher(cypher), {"rows": rows}, write=True)
        seconds += time.perf_counter() - start
        cpu += time.process_time() - used
    return seconds, cpu


# -- one load, in a fresh process -------------------------------------------------------------------------------
def _run(kind: str, path: str, data_dir: str, out: Any, former: str | None = None, spool: str | None = None) -> None:
    """One load, in a fresh process: its time, the engine's share, and the process's peak RSS."""
    if former is not None:
        use_package(former)
        sys.modules.pop("bench_sipri", None)  # the bench helpers too, re-imported below from the former tree
    bench = importlib.import_module("bench_sipri")
    bulk = importlib.import_module("armsgraph.graph.bulk")
    load = importlib.import_module("armsgraph.graph.load")
    resolve = importlib.import_module("armsgraph.loaders.resolve")
    falkordb = importlib.import_module("armsgraph.graph.store.falkordb")
    store = bench.TimedStore(falkordb.EmbeddedServer(Path(data_dir)), graph_name=GRAPH)
    failed = False
    pss_mb: float | None = None
    client_cpu: float | None = None
    if kind == RAW:
        rows = bench.raw_rows(Path(path))
        store.ensure_schema()  # the same indexes before the timed write
        store.reset()
        start, used = time.perf_counter(), time.process_time()
        bench.raw_merge(store, rows)
        seconds, client_cpu = time.perf_counter() - start, time.process_time() - used
    elif kind.removesuffix(BEFORE) == SAME:
        assert spool is not None
        store.ensure_schema()
        store.reset()
        seconds, client_cpu = _same_graph(store, spool)
    else:
        resolve.standard_tables()  # alias tables, read once per process: not a file's load
        with PssPeak() as pss:
            cpu = _own_cpu_seconds()
            start = time.perf_counter()
            if kind.removesuffix(BEFORE) == "bulk":
                report = bulk.bulk_load(store, [Path(path)])
            elif kind == BULK_ONE:
                report = bulk.bulk_load(store, [Path(path)], workers=1)
            else:
                report = load.load_paths(store, [Path(path)], note=None,
                                         resolve_deals=kind.removesuffix(BEFORE) == "load")
            seconds = time.perf_counter() - start
            client_cpu = _own_cpu_seconds() - cpu
        failed = report.failed
        pss_mb = pss.peak_kb / 1024
    out.put({"seconds": seconds, "engine": store.engine[0], "calls": store.calls, "client_mb": _peak_mb(),
             "workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "failed": failed,
             "pss_mb": pss_mb, "client_cpu": client_cpu})
    store.close()


def in_child(kind: str, path: Path, server: EmbeddedServer, former: Path | None = None) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    spool = None
    if kind.removesuffix(BEFORE) == SAME:  # built in a process of its own: its memory is not the timed process's
        spool = str(server.data_dir.parent / f"{path.stem}.same-graph.pickle")
        if not Path(spool).exists():
            prep = ctx.Process(target=_spool, args=(str(path), spool))
            prep.start()
            prep.join()
            if prep.exitcode != 0:
                raise SystemExit(f"building the same-graph rows failed (exit {prep.exitcode})")
    queue = ctx.Queue()
    package = str(former) if former and kind.endswith(BEFORE) and kind != SAME + BEFORE else None
    child = ctx.Process(target=_run, args=(kind, str(path), str(server.data_dir), queue, package, spool))
    child.start()
    result: dict[str, Any] = queue.get()
    child.join()
    return result


def measure(kind: str, path: Path, workdir: Path, restart: bool, former: Path | None = None) -> dict[str, Any]:
    server = EmbeddedServer(workdir / kind.replace(" ", "-").replace(",", "").replace("(", "").replace(")", ""))
    if former is not None and kind.endswith(BEFORE):  # started by the former code (the server outlives the child)
        start = (f"import sys; sys.path.insert(0, {str(former)!r}); from pathlib import Path; "
                 "from armsgraph.graph.store.server import EmbeddedServer as S; "
                 f"S(Path({str(server.data_dir)!r})).start()")
        subprocess.run([sys.executable, "-c", start], check=True)
    server.start()
    try:
        server_cpu = _server_cpu(server)
        result = in_child(kind, path, server, former)
        after = _server_cpu(server)
        result["server_cpu"] = None if server_cpu is None or after is None else after - server_cpu
        store = FalkorStore(server, graph_name=GRAPH)
        result["nodes"], result["edges"] = store.run(COUNT).scalar(), store.run(EDGES).scalar()
        store.close()
        result["server_mb"] = server_peak_rss_mb(server)
        if restart and kind.removesuffix(BEFORE) in ("load", "bulk", BULK_ONE):
            result["restart"] = restart_seconds(server, GRAPH, timeout=600)
            result["server_mb_after_restart"] = server_peak_rss_mb(server)
        store = FalkorStore(server, graph_name=GRAPH)
        store.clear()
        store.close()
    finally:
        server.stop()
    return result


# -- where the time goes ---------------------------------------------------------------------------------------
AREAS = (  # (area, path fragments of the functions whose own time counts there), first match wins
    ("parameter encoding and checks", ("store/falkor_params.py", "falkordb/helpers.py", "json/encoder.py",
                                       "store/dialect.py")),
    ("client protocol and wait for the engine", ("redis/", "socket.py", "recv_into", "sendall", "falkordb/",
                                                 "store/falkordb.py")),
    ("parse and validate (loaders, schema, pydantic)", ("loaders/sipri", "loaders/io", "loaders/resolve", "schema/",
                                                        "pydantic", "csv", "loaders/base", "loaders/mapping",
                                                        "loaders/reference")),
    ("deal resolution (loaders/deals.py, graph/deals.py)", ("loaders/deals.py", "graph/deals.py")),
    ("writer (graph/writer.py)", ("graph/writer.py",)),
    ("Reports spooled to disk (graph/report_spool.py)", ("graph/report_spool.py",)),
    # SQLite's own calls go to whoever called them (the bulk table or the spool), as other builtins do
    ("bulk: the on-disk table, rows and GRAPH.BULK encoding", ("graph/bulk", "store/falkor_bulk.py")),
)


class StatementClock(TimedStore):
    """The engine's own time per statement (its first lines, where the statements differ)."""

    def __init__(self, server: EmbeddedServer, graph_name: str) -> None:
        super().__init__(server, graph_name)
        self.by_statement: dict[str, float] = defaultdict(float)

    def _execute(self, cypher: str, params: dict[str, Any], write: bool) -> Any:
        before = self.engine[0]
        try:
            return super()._execute(cypher, params, write)
        finally:
            lines = [line for line in cypher.splitlines() if not line.startswith(("UNWIND", "MATCH (d:Document"))]
            self.by_statement[" / ".join(lines[:2])[:90]] += self.engine[0] - before


def profile(path: Path, workdir: Path, console: Console, bulk: bool = False) -> None:
    """cProfile over one load of ``path`` (``bulk``: ``armsgraph load --bulk``), its time sorted into areas."""
    server = EmbeddedServer(workdir / "profile")
    server.start()
    try:
        store = StatementClock(server, graph_name=GRAPH)
        store.ensure_schema()
        standard_tables()
        store.reset()
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        if bulk:
            bulk_load(store, [path])
        else:
            load_paths(store, [path], note=None)
        profiler.disable()
        total = time.perf_counter() - start
        engine = store.engine[0]
        store.clear()
        store.close()
    finally:
        server.stop()
    stats = pstats.Stats(profiler)
    areas: dict[str, float] = defaultdict(float)

    def area_of(func: tuple[str, int, str]) -> str | None:
        where = f"{func[0]} {func[2]}"
        return next((a for a, parts in AREAS if any(p in where for p in parts)), None)

    table_stats: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for func, (_cc, _nc, own, _cum, callers) in table_stats.items():
        area = area_of(func)
        if area is None and callers:  # a builtin or library helper: its time goes to the areas that called it
            split = {caller: times[2] for caller, times in callers.items()}
            whole = sum(split.values()) or 1.0
            for caller, share in split.items():
                areas[area_of(caller) or "other Python"] += own * share / whole
            continue
        areas[area or "other Python"] += own
    table = Table(title=f"where the time of one load goes ({path.name}; cProfile, so slower than unprofiled)")
    table.add_column("area")
    table.add_column("seconds", justify="right")
    table.add_column("share", justify="right")
    profiled = sum(areas.values())
    for area, seconds in sorted(areas.items(), key=lambda kv: -kv[1]):
        table.add_row(area, f"{seconds:.2f}", f"{seconds / profiled:.0%}")
    table.add_section()
    table.add_row("of the wait: the engine's own run time (FalkorDB's report)", f"{engine:.2f}", "")
    table.add_row("the load, wall clock (profiled)", f"{total:.2f}", "")
    for statement, seconds in sorted(store.by_statement.items(), key=lambda kv: -kv[1])[:8]:
        table.add_row(f"  engine: {statement}", f"{seconds:.2f}", "")
    console.print(table)
    stats.sort_stats("tottime").print_stats(12)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30000,300000", help="generated deals per run, comma-separated")
    parser.add_argument("--kinds", default=",".join(KINDS), help="which loads to run, comma-separated")
    parser.add_argument("--profile", action="store_true", help="profile the load of the first size")
    parser.add_argument("--restart", action="store_true", help="time a restart after the load and bulk runs")
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument("--former", type=Path, help="also run load, Reports only and bulk with the armsgraph "
                        "package in this directory (before/after in one run)")
    args = parser.parse_args(argv)
    console = Console(width=max(Console().width, 150))
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    if args.former:
        if not (args.former / "armsgraph" / "graph").is_dir():
            parser.error(f"--former {args.former}: no armsgraph/graph there")
        kinds += [k + BEFORE for k in FORMER_KINDS if k in kinds]
    table = Table(title="load at scale (generated classic registers, embedded FalkorDB, ratios from this run)")
    for column in ("deals", "load", "seconds", "deals/s", "÷ raw MERGE", "÷ raw same graph", "÷ bulk",
                   "CPU s client + server", "nodes / edges", "client peak MB", "client PSS MB (all)",
                   "server peak MB", "restart s"):
        table.add_column(column, justify="left" if column in ("deals", "load") else "right")
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for n, size in enumerate(int(s) for s in args.sizes.split(",")):
            path = workdir / f"register-{size}.csv"
            if not path.exists():
                generate(path, size)
            if n == 0 and args.profile:
                profile(path, workdir, console, bulk="bulk" in kinds and "load" not in kinds)
            results: dict[str, dict[str, Any]] = {}
            for kind in kinds:
                results[kind] = r = measure(kind, path, workdir, args.restart, args.former)
                console.print(f"{size:,} {kind}: {r['seconds']:.1f} s, CPU {_cpu(r)} s, "
                              f"{r['nodes']:,} nodes / {r['edges']:,} edges, "
                              f"client {_client(r)} MB (PSS of all {_pss(r)} MB), server {r['server_mb'] or 0:,.0f} MB"
                              + (f", restart {r['restart']:.1f} s" if "restart" in r else "")
                              + (" FAILED" if r["failed"] else ""))  # as it goes: a long run shows what it has

            def ratio(r: dict[str, Any], base: str, results: dict[str, dict[str, Any]] = results) -> str:
                seconds = results.get(base, {}).get("seconds")
                return f"{r['seconds'] / seconds:.2f}x" if seconds else "-"

            for kind, r in results.items():
                table.add_row(
                    f"{size:,}", kind + (" (FAILED)" if r["failed"] else ""), f"{r['seconds']:.1f}",
                    f"{size / r['seconds']:,.0f}", ratio(r, RAW), ratio(r, SAME), ratio(r, "bulk"), _cpu(r),
                    f"{r['nodes']:,} / {r['edges']:,}", _client(r), _pss(r),
                    "-" if r["server_mb"] is None else f"{r['server_mb']:,.0f}",
                    f"{r['restart']:.1f}" if "restart" in r else "")
            table.add_section()
            console.print(table)  # after each size: a long run shows what it has
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
