"""Benchmark the SIPRI loader on a generated classic-format export (never SIPRI rows: drawn at run time).

    .venv/bin/python bench/bench_sipri.py [--deals 30000] [--also-300k] [--keep DIR]
    .venv/bin/python bench/bench_sipri.py --parse-only [--deals 30000] [--rounds 3] [--former DIR]
    .venv/bin/python bench/bench_sipri.py --load-cpu [--deals 30000] [--rounds 3] [--former DIR]

The file is generated in a temporary directory from the value distributions of the classic excerpts in
../shared/data/sipri (names, designation/description pairs, order years, numbers, TIVs, flags, the share of
records broken inside Comments and of byte-identical twins), Latin-1 encoded with SIPRI's preamble. Then, on a
fresh embedded FalkorDB, it measures:

* parse + validate: the loader alone (file -> Batches of validated entities, 5,000 deals each), no store;
* full load: ``load_paths`` (loader + writer with provenance) into an empty graph, in a fresh process whose
  peak RSS is then the load's own (the interpreter, imports and alias tables are counted: shown apart);
* raw MERGE: the same nodes and relationships as one batched ``UNWIND $rows ... MERGE`` statement per chunk,
  without provenance, through the same client, into another empty graph of the same server: the floor the
  engine sets;
* unchanged reload: ``load_paths`` again (skipped by content hash);
* peak RSS of the loading process and of the FalkorDB server (after the full load).

``--load-cpu`` measures ``armsgraph load`` and ``armsgraph load --bulk`` of the file, each into a fresh embedded
server in a fresh process, as CPU seconds of the client (with the workers the bulk path forks) and of the server,
best of ``--rounds``, alternating with ``--former DIR``: the before/after that a busy machine's wall clock hides.

``--parse-only`` measures the loader alone (file -> validated Batches, no store), each time in a fresh process,
``--rounds`` times, best of; with ``--former DIR`` (``DIR/armsgraph/{schema,loaders,graph}``, as for
bench_load.py) the rounds alternate with the same measurement of the package in DIR: before/after in one run.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import math
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from timing import timed

from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.loaders.resolve import standard_tables
from armsgraph.loaders.sipri.classic import COLUMNS
from armsgraph.loaders.sipri.loader import SipriLoader, parse_export, read_export_text
from armsgraph.loaders.sipri.records import SipriDeal
from armsgraph.schema import Report, Transfer

REPO = Path(__file__).resolve().parents[1]
SIPRI = REPO / ".." / "shared" / "data" / "sipri"
EXCERPTS = ("classic-trade-register-2025-03.excerpt.csv", "classic-trade-register-resaved.excerpt.csv")
PREAMBLE = [
    "Transfers of major conventional arms from All countries  to All countries . Deals with deliveries made for "
    "the year range 'Not specified' to 'Not specified' ",
    "A '?' in a column indicates uncertain data. (Generated benchmark file: synthetic deals.)",
    "An empty field for 'Number ordered' indicates that data is not yet available.",
    "SIPRI trend-indicator values (TIVs) are in millions.",
    "Synthetic rows drawn from the value distributions of small excerpts; not SIPRI data.",
    "-", "-", "-", "",
    "Source: armsgraph bench/bench_sipri.py (synthetic).",
    "Data generated: 1 Jan 2026 12:00:00 PM",
]


# -- generating an export ---------------------------------------------------------------------------------
@dataclass
class Distributions:
    pairs: list[tuple[str, str]]
    """(supplier, recipient) pairs as they occur."""
    weapons: list[tuple[str, str]]
    """(designation, description)."""
    years: list[int]
    ordered: list[int | None]
    units: list[float]
    statuses: list[str]
    comment_words: list[str]
    flag_rates: tuple[float, float, float]
    undelivered: float
    split: float
    twins: float


def distributions() -> Distributions:
    deals: list[SipriDeal] = []
    for name in EXCERPTS:
        deals.extend(parse_export(read_export_text(SIPRI / name)).deals)
    n = len(deals)
    words = sorted({w for d in deals for w in (d.comments or "").replace(";", " ").split() if w.isalpha()})
    return Distributions(
        pairs=[(d.supplier, d.recipient) for d in deals],
        weapons=[(d.designation, d.description) for d in deals],
        years=[d.order_year for d in deals if d.order_year],
        ordered=[d.number_ordered for d in deals],
        units=[d.tiv_unit for d in deals if d.tiv_unit is not None],
        statuses=[d.status or "New" for d in deals],
        comment_words=words or ["comment"],
        flag_rates=(sum(bool(d.order_year_estimate) for d in deals) / n,
                    sum(bool(d.number_ordered_estimate) for d in deals) / n,
                    sum(bool(d.number_delivered_estimate) for d in deals) / n),
        undelivered=sum(not d.delivery_years for d in deals) / n,
        split=sum(d.line_end > d.line for d in deals) / n,
        twins=0.001,
    )


def _tiv(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") if x else "0"


def generate(path: Path, deals: int, seed: int = 20260101) -> int:
    """Write a classic-format export of ``deals`` synthetic deals; returns the number of records written."""
    dist = distributions()
    rng = random.Random(seed)
    out: list[str] = [*PREAMBLE, ",".join(c if c else " " for c in COLUMNS)]
    written = 0
    while written < deals:
        supplier, recipient = rng.choice(dist.pairs)
        designation, description = rng.choice(dist.weapons)
        year = rng.choice(dist.years)
        ordered = rng.choice(dist.ordered)
        unit = rng.choice(dist.units)
        if rng.random() < dist.undelivered:
            delivered, years = 0, []
        else:
            delivered = ordered if ordered is not None else rng.randint(1, 20)
            span = rng.randint(1, 4)
            years = [y for y in range(year + 1, year + 1 + span) if y <= 2025] or [min(year, 2025)]
        comments = " ".join(rng.choice(dist.comment_words) for _ in range(rng.randint(0, 8)))
        f = dist.flag_rates
        row = [recipient, supplier, str(year), "?" if rng.random() < f[0] else "",
               "" if ordered is None else str(ordered), "?" if rng.random() < f[1] else "",
               designation, description, str(delivered), "?" if rng.random() < f[2] else "",
               "; ".join(map(str, years)), rng.choice(dist.statuses), comments,
               _tiv(unit), _tiv(unit * (ordered or 0)), _tiv(unit * delivered)]
        split = rng.random() < dist.split  # a line break inside Comments, as SIPRI writes it
        lines = [",".join(row[:13]), "," + ",".join(row[13:])] if split else [",".join(row)]
        out.extend(lines)
        written += 1
        if written < deals and rng.random() < dist.twins:  # two equal orders, listed twice
            out.extend(lines)
            written += 1
    path.write_bytes(("\n".join(out) + "\n").encode("cp1252", errors="replace"))
    return written


# -- the raw baseline ------------------------------------------------------------------------------------------
RAW_NODES = (
    "UNWIND $rows AS row\n"
    "MERGE (s:Actor {id: row.supplier})\n"
    "MERGE (r:Actor {id: row.recipient})\n"
    "MERGE (w:WeaponSystem {id: row.weapon})\n"
    "MERGE (t:Transfer {id: row.id})\n"
    "SET t += row.props\n"
    "MERGE (s)-[:SUPPLIED]->(t)\n"
    "MERGE (t)-[:TO]->(r)\n"
    "MERGE (t)-[:OF]->(w)\n"
    "RETURN count(t)"
)


def raw_rows(path: Path) -> list[dict[str, Any]]:
    """The rows the raw baseline writes: one Transfer per Report (the loader's ids and properties), with its
    supplier, recipient and weapon: the graph the load makes, without provenance and without deal matching."""
    rows: list[dict[str, Any]] = []
    for batch in SipriLoader().read(path):
        for rec in batch.nodes:
            node = rec.node
            if isinstance(node, Report) and node.weapon:
                props = {k: v for k, v in node.properties().items()
                         if v is not None and v != [] and k not in ("id", "supplier", "recipient", "weapon")}
                rows.append({"id": Transfer.id_of(key=node.key), "props": props, "supplier": node.supplier,
                             "recipient": node.recipient, "weapon": node.weapon})
    return rows


def raw_merge(store: FalkorStore, rows: list[dict[str, Any]], chunk: int = 2000) -> None:
    for i in range(0, len(rows), chunk):
        store.run(RAW_NODES, {"rows": rows[i:i + chunk]}, write=True)


# -- measuring ------------------------------------------------------------------------------------------------
class _EngineClock:
    """Wraps a falkordb Graph: sums the engine's own run time of every query (``run_time_ms``)."""

    def __init__(self, graph: Any, total: list[float]) -> None:
        self._graph = graph
        self._total = total

    def query(self, *args: Any, **kwargs: Any) -> Any:
        res = self._graph.query(*args, **kwargs)
        self._total[0] += res.run_time_ms / 1000
        return res

    def ro_query(self, *args: Any, **kwargs: Any) -> Any:
        res = self._graph.ro_query(*args, **kwargs)
        self._total[0] += res.run_time_ms / 1000
        return res

    def __getattr__(self, name: str) -> Any:
        return getattr(self._graph, name)


class TimedStore(FalkorStore):
    """The embedded store, with the time spent in store calls and inside the engine added up."""

    def __init__(self, server: EmbeddedServer, graph_name: str) -> None:
        super().__init__(server, graph_name=graph_name)
        self.calls = 0.0
        self.engine = [0.0]
        self._graph = _EngineClock(self._graph, self.engine)

    def _execute(self, cypher: str, params: dict[str, Any], write: bool) -> Any:
        start = time.perf_counter()
        try:
            return super()._execute(cypher, params, write)
        finally:
            self.calls += time.perf_counter() - start

    def clear(self) -> None:
        super().clear()
        self._graph = _EngineClock(self._graph, self.engine)

    def reset(self) -> None:
        self.calls, self.engine[0] = 0.0, 0.0


def server_peak_rss_mb(server: EmbeddedServer) -> float | None:
    pid = server.status().pid
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return math.nan


def _full_load(path: str, data_dir: str, graph: str, out: Any) -> None:
    """The full load, in a fresh process (so that its peak RSS is the load's, not the benchmark's)."""
    store = TimedStore(EmbeddedServer(Path(data_dir)), graph_name=graph)
    standard_tables()  # alias tables, read once per process: not part of a file's load
    gc.collect()
    before = _rss_mb()
    load_time, report = timed(lambda: load_paths(store, [Path(path)]))
    doc = report.documents[0]
    out.put({"time": load_time, "calls": store.calls, "engine": store.engine[0], "records": doc.records,
             "skipped": doc.skipped, "errors": doc.errors, "warnings": doc.warnings, "failed": report.failed,
             "rss_before": before, "rss_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
    store.close()


def full_load_in_child(path: Path, server: EmbeddedServer, graph: str) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_full_load, args=(str(path), str(server.data_dir), graph, queue))
    child.start()
    result: dict[str, Any] = queue.get()
    child.join()
    return result


def run(deals: int, workdir: Path, console: Console) -> list[tuple[str, str, str, str]]:
    path = workdir / f"sipri-classic-{deals}.csv"
    gen_time, records = timed(lambda: generate(path, deals))
    size_mb = path.stat().st_size / 1e6
    console.print(f"generated {records:,} deals ({size_mb:.1f} MB) in {gen_time:.1f}s: {path}")
    resolver_time, _ = timed(standard_tables)  # alias tables, read once per process
    server = EmbeddedServer(workdir / "store")
    server.start()
    try:
        store = TimedStore(server, graph_name="bench_load")
        store.clear()
        store.ensure_schema()
        load = full_load_in_child(path, server, "bench_load")
        assert not load["skipped"] and load["records"] == records and not load["failed"], load
        transfers = store.run("MATCH (t:Transfer) RETURN count(t)").scalar()
        assert 0 < transfers <= records, (transfers, records)  # generated twins and equal orders are one deal
        server_rss = server_peak_rss_mb(server)
        first_reload, again = timed(lambda: load_paths(store, [path]))  # imports every loader to sniff the file
        assert again.documents[0].skipped
        reload_time, again = timed(lambda: load_paths(store, [path]))
        assert again.documents[0].skipped
        store.clear()
        store.close()
        parse_time, export = timed(lambda: parse_export(read_export_text(path)))
        assert len(export.deals) == records, (len(export.deals), records)
        del export
        batch_time, read = timed(lambda: sum(b.records_read for b in SipriLoader().read(path)))
        assert read == records
        rows = raw_rows(path)  # built before the timer starts
        raw_store = TimedStore(server, graph_name="bench_raw")
        raw_store.clear()
        raw_store.ensure_schema()  # indexes exist before either timed write
        raw_store.reset()
        raw_time, _ = timed(lambda: raw_merge(raw_store, rows))
        raw_engine = raw_store.engine[0]
        assert raw_store.run("MATCH (t:Transfer) RETURN count(t)").scalar() == len({r["id"] for r in rows})
        raw_store.clear()
        raw_store.close()
    finally:
        server.stop()

    def rate(seconds: float) -> str:
        return f"{records / seconds:,.0f}" if seconds > 0 else "-"

    load_time = load["time"]
    ratio = load_time / raw_time if raw_time else math.nan
    label = f"{records:,} deals"
    return [
        (label, "resolver start-up (once per process)", f"{resolver_time:.2f}", ""),
        (label, "parse only (csv -> deals)", f"{parse_time:.2f}", rate(parse_time)),
        (label, "parse + validate (file -> Batches)", f"{batch_time:.2f}", rate(batch_time)),
        (label, "full load (load_paths, provenance)", f"{load_time:.2f}", rate(load_time)),
        (label, "raw UNWIND ... MERGE, same rows (built before)", f"{raw_time:.2f}", rate(raw_time)),
        (label, "ratio full load / raw MERGE", f"{ratio:.2f}x", ""),
        (label, "unchanged reload (skipped by hash)", f"{reload_time:.3f}", ""),
        (label, "  the same, first call in a process (loader imports)", f"{first_reload:.3f}", ""),
        (label, "writer alone (full load - parse + validate)", f"{load_time - batch_time:.2f}",
         rate(load_time - batch_time)),
        (label, "  full load: in store calls / in the engine", f"{load['calls']:.2f} / {load['engine']:.2f}", ""),
        (label, "  raw MERGE: in the engine", f"{raw_engine:.2f}", ""),
        (label, "peak RSS: loading process (before the load) / FalkorDB",
         f"{load['rss_peak']:,.0f} MB ({load['rss_before']:,.0f}) / "
         f"{'-' if server_rss is None else f'{server_rss:,.0f} MB'}", ""),
    ]


# -- one measurement in a fresh process, of this package or a former one ----------------------------------------
def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (children, theirs, ...), read from /proc: the bulk path's forked workers."""
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            threads = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for tid in threads:
            try:
                with open(f"/proc/{parent}/task/{tid}/children") as children:
                    kids = [int(k) for k in children.read().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def use_package(directory: str) -> None:
    """Import armsgraph from ``directory`` (``DIR/armsgraph/...``) in this process from now on."""
    for name in list(sys.modules):
        if name == "armsgraph" or name.startswith("armsgraph."):
            del sys.modules[name]
    sys.path.insert(0, directory)
    importlib.invalidate_caches()


def _in_child(job: Callable[[str], dict[str, Any]], path: str, former: str | None, out: Any) -> None:
    try:
        if former is not None:
            use_package(former)
        out.put(job(path))
    except BaseException as exc:  # the parent waits on the queue: say why instead of leaving it waiting
        out.put({"error": f"{type(exc).__name__}: {exc}"})
        raise


def fresh_process(job: Callable[[str], dict[str, Any]], path: Path, former: Path | None = None) -> dict[str, Any]:
    """``job(path)`` in a fresh process (no cache of an earlier measurement), with the package in ``former``."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_in_child, args=(job, str(path), None if former is None else str(former), queue))
    child.start()
    result: dict[str, Any] = queue.get()
    child.join()
    if "error" in result:
        raise SystemExit(f"the measurement failed in its process: {result['error']}")
    return result


def parse_job(path: str) -> dict[str, Any]:
    """The loader alone: file -> validated Batches (the alias tables and the resolver are loaded before)."""
    loader_module = importlib.import_module("armsgraph.loaders.sipri.loader")
    importlib.import_module("armsgraph.loaders.resolve").standard_tables()
    loader = loader_module.SipriLoader()
    loader.resolver  # noqa: B018 (built before the clock)
    seconds, records = timed(lambda: sum(b.records_read for b in loader.read(Path(path))))
    return {"seconds": seconds, "records": records}


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (``/proc/PID/stat``: the server's, which is not our child)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load_cpu(path: str, bulk: bool) -> dict[str, Any]:
    """One load of ``path`` into a fresh embedded server: CPU seconds of the client (with the workers it forks) and
    of the server, and the wall clock. CPU seconds move less than the wall clock when other work shares the cores."""
    graph_load = importlib.import_module("armsgraph.graph.load")
    graph_bulk = importlib.import_module("armsgraph.graph.bulk")
    falkordb = importlib.import_module("armsgraph.graph.store.falkordb")
    importlib.import_module("armsgraph.loaders.resolve").standard_tables()  # once per process: not the file's load
    with tempfile.TemporaryDirectory(prefix="bench-sipri-cpu-") as tmp:
        server = falkordb.EmbeddedServer(Path(tmp) / "data")
        server.start()
        try:
            store = falkordb.FalkorStore(server, graph_name="bench")
            pid = server.status().pid
            assert pid is not None
            server_before, client_before = process_cpu_seconds(pid), time.process_time()
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            if bulk:
                report = graph_bulk.bulk_load(store, [Path(path)])
            else:
                report = graph_load.load_paths(store, [Path(path)], note=None)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            workers = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
            result = {"wall": wall, "client": time.process_time() - client_before + workers,
                      "server": process_cpu_seconds(pid) - server_before, "failed": report.failed}
            store.close()
        finally:
            server.stop()
    return result


def load_cpu_job(path: str) -> dict[str, Any]:
    """``armsgraph load`` of ``path``: CPU seconds of client and server (see :func:`_load_cpu`)."""
    return _load_cpu(path, bulk=False)


def bulk_cpu_job(path: str) -> dict[str, Any]:
    """``armsgraph load --bulk`` of ``path``: CPU seconds of client (and its workers) and server."""
    return _load_cpu(path, bulk=True)


def _register(args: argparse.Namespace, tmp: Path) -> Path:
    """The generated register of ``--deals`` deals, in ``--keep`` (made once, kept) or ``tmp``."""
    path = (args.keep or tmp) / f"sipri-classic-{args.deals}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        generate(path, args.deals)
    return path


def load_cpu(args: argparse.Namespace, console: Console) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-sipri-") as tmp:
        path = _register(args, Path(tmp))
        table = Table(title=f"load and bulk load, CPU seconds: best of {args.rounds} fresh processes and servers")
        for column in ("load", "package", "client CPU s", "server CPU s", "client + server", "wall s", "÷ former"):
            table.add_column(column, justify="left" if column in ("load", "package") else "right")
        for kind, job in (("load", load_cpu_job), ("bulk", bulk_cpu_job)):
            runs = compare(job, path, args.rounds, args.former, console)
            best = {which: {k: min(r[k] for r in rs) for k in ("client", "server", "wall")}
                    for which, rs in runs.items() if rs}
            for which, b in best.items():
                total = b["client"] + b["server"]
                former = best.get("former")
                ratio = f"{total / (former['client'] + former['server']):.2f}x" if former else ""
                table.add_row(kind, which, f"{b['client']:.2f}", f"{b['server']:.2f}", f"{total:.2f}",
                              f"{b['wall']:.2f}", ratio)
    console.print(table)


def compare(job: Callable[[str], dict[str, Any]], path: Path, rounds: int, former: Path | None,
            console: Console) -> dict[str, list[dict[str, Any]]]:
    """``rounds`` alternating runs of ``job`` with this package and (``former``) the former one."""
    runs: dict[str, list[dict[str, Any]]] = {"this": [], "former": []}
    for n in range(rounds):
        for which, package in (("this", None), ("former", former)):
            if which == "former" and former is None:
                continue
            result = fresh_process(job, path, package)
            runs[which].append(result)
            console.print(f"round {n + 1} {which}: " + ", ".join(
                f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in result.items()))
    return runs


def parse_only(args: argparse.Namespace, console: Console) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-sipri-") as tmp:
        path = _register(args, Path(tmp))
        runs = compare(parse_job, path, args.rounds, args.former, console)
    table = Table(title=f"SIPRI loader alone: file -> validated Batches, best of {args.rounds} fresh processes")
    for column in ("package", "records", "seconds", "records/s", "÷ former"):
        table.add_column(column, justify="left" if column == "package" else "right")
    best = {which: min(r["seconds"] for r in rs) for which, rs in runs.items() if rs}
    for which, rs in runs.items():
        if rs:
            table.add_row(which, f"{rs[0]['records']:,}", f"{best[which]:.2f}",
                          f"{rs[0]['records'] / best[which]:,.0f}",
                          f"{best[which] / best['former']:.2f}x" if "former" in best else "")
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="SIPRI loader benchmark on a generated classic-format export")
    parser.add_argument("--deals", type=int, default=30_000)
    parser.add_argument("--also-300k", action="store_true", help="also run 300,000 deals")
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument("--parse-only", action="store_true", help="the loader alone, no store (see above)")
    parser.add_argument("--rounds", type=int, default=3, help="--parse-only/--load-cpu: fresh processes per package")
    parser.add_argument("--former", type=Path,
                        help="--parse-only/--load-cpu: also measure the armsgraph package in DIR")
    parser.add_argument("--load-cpu", action="store_true",
                        help="CPU seconds of a load and a bulk load, client and server (see above)")
    args = parser.parse_args(argv)
    console = Console()
    if args.parse_only:
        parse_only(args, console)
        return 0
    if args.load_cpu:
        load_cpu(args, console)
        return 0
    sizes = [args.deals] + ([300_000] if args.also_300k else [])
    table = Table(title="SIPRI loader (classic format, embedded FalkorDB)")
    for column in ("input", "step", "seconds", "deals/s"):
        table.add_column(column, justify="left" if column in ("input", "step") else "right")
    for size in sizes:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            rows = run(size, args.keep, console)
        else:
            with tempfile.TemporaryDirectory(prefix="bench-sipri-") as tmp:
                rows = run(size, Path(tmp), console)
        for row in rows:
            table.add_row(*row)
        table.add_section()
    console.print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
