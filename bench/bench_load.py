"""Load time at scale, against the engine's floor: the scale table of ``make bench`` (issue 16).

    .venv/bin/python bench/bench_load.py [--sizes 30000,300000] [--profile] [--restart] [--keep DIR]

For each size, a synthetic classic register (bench_sipri.generate: never SIPRI rows) is loaded, each way into a
fresh embedded FalkorDB server of its own (so each server's peak RSS is that load's), in a fresh process (so
the client's peak RSS is that load's):

* raw MERGE: the issue's baseline, one batched ``UNWIND $rows ... MERGE`` per 2,000 rows of the same graph (a
  Transfer per deal with its supplier, recipient and weapon; no provenance, no Reports, no deal matching),
  the rows built before the clock starts;
* load: ``armsgraph load`` (``load_paths``: loader, writer with provenance, deal resolution at commit);
* load, Reports only: the same without deal resolution (``resolve_deals=False``);
* bulk: ``armsgraph load --bulk`` (``bulk_load``: the same loaders, rows and deals, sent by ``GRAPH.BULK``);

with deals/s, the ratio of each to raw MERGE and to the bulk path from the same run, and peak RSS of client
and server. ``--restart`` also stops and restarts the server after the load and bulk runs and times until the
graph answers (the append-only file replayed). ``--profile`` runs cProfile over the load of the first size
and prints where the client's time goes: parse and validate, the writer's and the resolver's Python,
parameter encoding, and the wait for the engine (whose own time FalkorDB reports per query).
"""

from __future__ import annotations

import argparse
import cProfile
import multiprocessing
import pstats
import resource
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench_sipri import TimedStore, generate, raw_merge, raw_rows, server_peak_rss_mb
from rich.console import Console
from rich.table import Table

from armsgraph.graph.bulk import bulk_load
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.base import Cypher
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.loaders.resolve import standard_tables

GRAPH = "bench"
KINDS = ("raw MERGE", "load", "load, Reports only", "bulk")
COUNT = Cypher("MATCH (n) RETURN count(n) AS nodes")
EDGES = Cypher("MATCH ()-[r]->() RETURN count(r) AS edges")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(kind: str, path: str, data_dir: str, out: Any) -> None:
    """One load, in a fresh process: its time, the engine's share, and the process's peak RSS."""
    store = TimedStore(EmbeddedServer(Path(data_dir)), graph_name=GRAPH)
    if kind == "raw MERGE":
        rows = raw_rows(Path(path))
        store.ensure_schema()  # the same indexes before the timed write
        store.reset()
        start = time.perf_counter()
        raw_merge(store, rows)
        seconds = time.perf_counter() - start
        failed = False
    else:
        standard_tables()  # alias tables, read once per process: not a file's load
        start = time.perf_counter()
        if kind == "bulk":
            report = bulk_load(store, [Path(path)])
        else:
            report = load_paths(store, [Path(path)], note=None, resolve_deals=kind == "load")
        seconds = time.perf_counter() - start
        failed = report.failed
    out.put({"seconds": seconds, "engine": store.engine[0], "calls": store.calls, "client_mb": _peak_mb(),
             "failed": failed})
    store.close()


def in_child(kind: str, path: Path, server: EmbeddedServer) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_run, args=(kind, str(path), str(server.data_dir), queue))
    child.start()
    result: dict[str, Any] = queue.get()
    child.join()
    return result


def restart_seconds(server: EmbeddedServer) -> float:
    """Stop the server, start it again and wait until the graph answers: the AOF replay a user waits for (once
    the rewrite a load ends with has finished: ``stop`` waits for it)."""
    server.stop()
    start = time.perf_counter()
    server.start(timeout=600)
    store = FalkorStore(server, graph_name=GRAPH)
    store.run(COUNT)
    seconds = time.perf_counter() - start
    store.close()
    return seconds


def measure(kind: str, path: Path, workdir: Path, restart: bool) -> dict[str, Any]:
    server = EmbeddedServer(workdir / kind.replace(" ", "-").replace(",", ""))
    server.start()
    try:
        result = in_child(kind, path, server)
        store = FalkorStore(server, graph_name=GRAPH)
        result["nodes"], result["edges"] = store.run(COUNT).scalar(), store.run(EDGES).scalar()
        store.close()
        result["server_mb"] = server_peak_rss_mb(server)
        if restart and kind in ("load", "bulk"):
            result["restart"] = restart_seconds(server)
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


def profile(path: Path, workdir: Path, console: Console) -> None:
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
    args = parser.parse_args(argv)
    console = Console(width=max(Console().width, 150))
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    table = Table(title="load at scale (generated classic registers, embedded FalkorDB, ratios from this run)")
    for column in ("deals", "load", "seconds", "deals/s", "÷ raw MERGE", "÷ bulk", "nodes / edges",
                   "client peak MB", "server peak MB", "restart s"):
        table.add_column(column, justify="left" if column in ("deals", "load") else "right")
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for n, size in enumerate(int(s) for s in args.sizes.split(",")):
            path = workdir / f"register-{size}.csv"
            if not path.exists():
                generate(path, size)
            if n == 0 and args.profile:
                profile(path, workdir, console)
            results = {kind: measure(kind, path, workdir, args.restart) for kind in kinds}
            for kind, r in results.items():
                raw = results.get("raw MERGE", {}).get("seconds")
                bulk = results.get("bulk", {}).get("seconds")
                table.add_row(
                    f"{size:,}", kind + (" (FAILED)" if r["failed"] else ""), f"{r['seconds']:.1f}",
                    f"{size / r['seconds']:,.0f}", f"{r['seconds'] / raw:.2f}x" if raw else "-",
                    f"{r['seconds'] / bulk:.2f}x" if bulk else "-", f"{r['nodes']:,} / {r['edges']:,}",
                    f"{r['client_mb']:,.0f}", "-" if r["server_mb"] is None else f"{r['server_mb']:,.0f}",
                    f"{r['restart']:.1f}" if "restart" in r else "")
            table.add_section()
            console.print(table)  # after each size: a long run shows what it has
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
