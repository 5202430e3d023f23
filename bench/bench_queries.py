"""Catalogue queries and deal resolution as the graph grows: generated classic SIPRI exports of 30k to 1M deals.

    .venv/bin/python bench/bench_queries.py [--sizes 30000,300000,1000000] [--repeat 10] [--former REV] [--keep DIR]
    .venv/bin/python bench/bench_queries.py --store DIR [--graph bench] [--restart] [--repeat 10] [--former REV]

For each size, on one embedded FalkorDB server, into a fresh graph: the seed entities, the RT article
(a text Report), the CCM party table and the shared SIPRI transfers excerpt, then a synthetic classic export of
that many deals drawn by ``bench_sipri.generate`` (never SIPRI rows: written at run time into a temporary
directory). Measured:

* **load with deal resolution**: ``load_paths`` of the synthetic export (its preamble covers every year, so the
  deal resolver re-reads and rewrites every block: the withdrawn rule), and the same load into another fresh
  graph with the resolver switched off (``load_paths(..., resolve_deals=False)``, i.e.
  ``Writer(..., derived=None)``): the ratio is what resolution costs;
* **re-resolution**: ``Deals.resolve_all()`` on the loaded graph (every block read, resolved and rewritten);
* **each catalogue query**: p50 and p95 of ``--repeat`` runs (after one warm-up) with realistic parameters:
  the busiest supplier and recipient of the generated deals (about a fifth of all deals each), a SIPRI
  armament category, the RT article, one Transfer's provenance;
* with ``--former REV``: the text each query had at git revision ``REV`` (where it differs), timed the same
  way on the same graph: before/after in one run (``--former-repeat`` runs: former texts can take seconds).

``--store DIR`` times the queries on a store already loaded instead (nothing is generated or loaded): the data dir
of an embedded server holding graph ``--graph``, e.g. the 1M store ``bench_web.py --deals 1000000 --bulk
--data-dir D`` leaves in ``D/data`` (the shared data, with the Kiel tracker, plus the generated register: the
realistic case for ``tracker-comparison``). ``--restart`` then also stops that server (once any rewrite of its
append-only file has finished) and times a start until the graph answers, ``--restarts`` times.

The tables give each figure per size and the growth ratio between consecutive sizes. An anchored lookup should
grow little (≈ 1); a query whose answer grows with the data (the busiest recipient's deals) grows with it,
never faster; a query reading per-block totals (DealTotals) grows with the number of partners, not deals.
"""

from __future__ import annotations

import argparse
import itertools
import math
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_sipri import generate
from rich.console import Console
from rich.table import Table
from timing import restart_seconds, timed

from armsgraph.graph.catalogue.catalogue import CannedQuery, load_catalogue, parse_query_file
from armsgraph.graph.catalogue.names import Names
from armsgraph.graph.deals import Deals
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Cypher
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.loaders.resolve import standard_tables
from armsgraph.schema.errors import StoreError

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared" / "data"
ARTICLE = SHARED / "news" / "rt-2023-07-antonov-cluster-munitions.txt"
BASE_FILES = (
    REPO / "examples" / "seed-entities.jsonl",
    ARTICLE,
    SHARED / "reference" / "treaty-parties-ccm.csv",
    SHARED / "reference" / "ear_country_groups" / "country-groups.json",
    SHARED / "sipri" / "transfers-2026-02.excerpt.csv",
)

BUSIEST = Cypher(
    "MATCH (a:Actor)-[:{rel}]-(t:Transfer) RETURN a.id AS id, count(t) AS n ORDER BY n DESC, id LIMIT 1"
)
TEXT_TRANSFER = Cypher(
    "MATCH (:Report {source: 'text'})-[:REPORTS]->(t:Transfer) RETURN t.id ORDER BY t.id LIMIT 1"
)


def _busiest(store: FalkorStore, rel: str) -> str:
    return str(store.run(Cypher(BUSIEST.replace("{rel}", rel))).scalar())


VARIANTS = {"open-deals": "recipient", "corroboration": "recipient", "trade-register": "recipient",
            "tiv-by-year": "recipient"}
"""Queries also timed with this anchor (the busiest recipient), shown as 'name (anchor)'."""


def query_params(store: FalkorStore) -> dict[str, tuple[str, dict[str, str]]]:
    """Realistic parameters for every query: the heaviest anchors of the generated graph. Row label ->
    (query name, parameters): each query once, and the VARIANTS once more."""
    supplier = _busiest(store, "SUPPLIED")
    recipient = _busiest(store, "TO")
    transfer = str(store.run(TEXT_TRANSFER).scalar())
    base = {"recipient": recipient, "supplier": supplier, "country": supplier, "document": ARTICLE.name,
            "id": transfer, "category": "armoured-vehicles", "about": "UKR",
            "speaker": "person:anatoly-antonov", "family": "patriot"}
    out: dict[str, tuple[str, dict[str, str]]] = {}
    for query in load_catalogue().values():
        params = {p.name: base[p.name] for p in query.params if p.required or p.name in query.one_of[:1]}
        if query.name == "reported-transfers":
            params["country"] = "UKR"
        if query.name == "country-people":
            params |= {"country": "RUS", "date": "2020-01-01"}  # Antonov was ambassador 2017-2024
        out[query.name] = (query.name, params)
        if query.name in VARIANTS:
            anchor = VARIANTS[query.name]
            out[f"{query.name} ({anchor})"] = (query.name, {anchor: base[anchor]})
    return out


def former_catalogue(rev: str) -> dict[str, CannedQuery]:
    """The queries whose text or parameters (a default ``limit``) at git revision ``rev`` differ from now (the
    'before' of a before/after, each with its own defaults)."""
    out: dict[str, CannedQuery] = {}
    for name, query in load_catalogue().items():
        path = f"graph/catalogue/queries/{name}.cypher"
        shown = subprocess.run(["git", "-C", str(REPO), "show", f"{rev}:{path}"], capture_output=True, text=True)
        if shown.returncode == 0:
            former = parse_query_file(Path(path), shown.stdout)
            if former.cypher != query.cypher or former.params != query.params:  # the text or a default
                out[name] = former
    return out


def p95(times: list[float]) -> float:
    """The 95th percentile, linear between the nearest two timings (one timing: itself)."""
    return statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]


def time_queries(store: FalkorStore, repeat: int, catalogue: dict[str, CannedQuery] | None = None
                 ) -> dict[str, tuple[float, float, int]]:
    """Row label (query_params) -> (p50 seconds, p95 seconds, rows). Names are bound to ids once, before timing:
    the figure is the statement's (the CLI's name look-up is an indexed read of its own)."""
    names = Names(store)
    queries = catalogue if catalogue is not None else load_catalogue()
    out: dict[str, tuple[float, float, int]] = {}
    for name, (query_name, raw) in query_params(store).items():
        if query_name not in queries:
            continue
        query = queries[query_name]
        bound = query.bind(raw, names)
        times, rows = [], 0
        try:
            store.run(query.cypher, bound)  # warm-up (and the plan cache)
            for _ in range(repeat):
                seconds, result = timed(lambda q=query, b=bound: store.run(q.cypher, b))
                times.append(seconds)
                rows = len(result.rows)
        except StoreError as exc:  # a query the client gave up on: shown as failed, the others still run
            print(f"{name}: {exc}")
            out[name] = (math.nan, math.nan, -1)
            continue
        out[name] = (statistics.median(times), p95(times), rows)
    return out


def run_size(server: EmbeddedServer, path: Path, deals: int, repeat: int, console: Console,
             former: dict[str, CannedQuery], former_repeat: int, queries_only: bool = False,
             keep: bool = False) -> dict[str, Any]:
    without = math.nan
    if not queries_only:
        plain = FalkorStore(server, graph_name=f"plain_{deals}")
        plain.clear()
        load_paths(plain, BASE_FILES, note=None, resolve_deals=False)
        without, _ = timed(lambda: load_paths(plain, [path], note=None, resolve_deals=False))
        plain.clear()
        plain.close()

    store = FalkorStore(server, graph_name=f"deals_{deals}")
    transfers = store.run(Cypher("MATCH (t:Transfer) RETURN count(t)")).scalar() if keep else 0
    with_time = math.nan
    if transfers:  # a graph kept by an earlier --keep run: its queries are timed again, not reloaded
        console.print(f"{deals:,} deals: reusing the kept graph deals_{deals}")
    else:
        store.clear()
        load_paths(store, BASE_FILES, note=None)
        with_time, report = timed(lambda: load_paths(store, [path], note=None))
        assert not report.failed and report.documents[0].committed, report.documents[0]
        transfers = store.run(Cypher("MATCH (t:Transfer) RETURN count(t)")).scalar()
    console.print(f"{deals:,} deals: load {with_time:.1f}s with resolution, {without:.1f}s without; "
                  f"{transfers:,} Transfers")
    again = math.nan
    if not queries_only:
        again, _ = timed(lambda: Deals(store).resolve_all())
        assert store.run(Cypher("MATCH (t:Transfer) RETURN count(t)")).scalar() == transfers
    queries = time_queries(store, repeat)
    before = time_queries(store, former_repeat, former) if former else {}
    if not keep:
        store.clear()
    store.close()
    return {"with": with_time, "without": without, "resolve_all": again, "transfers": transfers,
            "queries": queries, "former": before}


def _growth(sizes: list[int]) -> list[tuple[int, int]]:
    """Consecutive pairs of sizes: growth is read step by step (30k -> 300k -> 1M)."""
    return list(itertools.pairwise(sizes))


def _ratio(a: float, b: float) -> str:
    return f"{b / a:.2f}x" if a > 0 and not math.isnan(a) and not math.isnan(b) else "-"


def query_table(title: str, sizes: list[int], results: dict[int, dict[str, Any]], key: str) -> Table:
    """p50 / p95 (ms) and rows per size, and the growth of p50 between consecutive sizes."""
    table = Table(title=title)
    table.add_column("query")
    for deals in sizes:
        table.add_column(f"{deals // 1000}k p50", justify="right")
        table.add_column("p95", justify="right")
        table.add_column("rows", justify="right")
    for small, large in _growth(sizes):
        table.add_column(f"{large // 1000}k/{small // 1000}k", justify="right")
    for name in sorted(results[sizes[0]][key]):
        cells = []
        for deals in sizes:
            p50, p95, rows = results[deals][key][name]
            cells += [f"{p50 * 1000:.1f}", f"{p95 * 1000:.1f}", str(rows)]
        cells += [_ratio(results[a][key][name][0], results[b][key][name][0]) for a, b in _growth(sizes)]
        table.add_row(name, *cells)
    return table


COUNT = Cypher("MATCH (t:Transfer) RETURN count(t)")


def run_store(args: argparse.Namespace, console: Console, former: dict[str, CannedQuery]) -> int:
    """``--store``: time the queries (and their ``--former`` texts) on a loaded store, and its restarts."""
    server = EmbeddedServer(args.store)
    started = time.perf_counter()
    server.start(timeout=900)
    store = FalkorStore(server, graph_name=args.graph)
    try:
        transfers = store.run(COUNT).scalar()
        console.print(f"store {args.store} graph {args.graph}: {transfers:,} Transfers "
                      f"(started in {time.perf_counter() - started:.1f} s)")
        if not transfers:
            raise SystemExit(f"bench_queries: graph {args.graph} in {args.store} holds no Transfer")
        results = {transfers: {"queries": time_queries(store, args.repeat),
                               "former": time_queries(store, args.former_repeat, former) if former else {}}}
        store.close()
        restarts = [restart_seconds(server, args.graph) for _ in range(args.restarts if args.restart else 0)]
    finally:
        server.stop()
    console.print(query_table(f"Catalogue queries (ms): p50 and p95 of {args.repeat} runs", [transfers], results,
                              "queries"))
    if former:
        before_after(console, args, [transfers], results)
    if restarts:
        console.print("restart (stop, start, first answer): " + ", ".join(f"{s:.1f} s" for s in restarts))
    return 0


def before_after(console: Console, args: argparse.Namespace, sizes: list[int], results: dict[int, dict[str, Any]]
                 ) -> None:
    console.print(query_table(f"The same queries as of {args.former} (ms): p50 and p95 of "
                              f"{args.former_repeat} runs, same graphs", sizes, results, "former"))
    table = Table(title=f"p50 before ({args.former}) / after, same run")
    table.add_column("query")
    for deals in sizes:
        table.add_column(f"{deals // 1000}k before", justify="right")
        table.add_column("after", justify="right")
        table.add_column("speed-up", justify="right")
    for name in sorted(results[sizes[0]]["former"]):
        cells = []
        for deals in sizes:
            before, after = results[deals]["former"][name][0], results[deals]["queries"][name][0]
            cells += [f"{before * 1000:.1f}", f"{after * 1000:.1f}", _ratio(after, before)]
        table.add_row(name, *cells)
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="catalogue queries and deal resolution at 30k to 1M deals")
    parser.add_argument("--sizes", default="30000,300000", help="comma-separated numbers of generated deals")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs of each query (p50, p95)")
    parser.add_argument("--former", help="git revision whose query texts are timed too, on the same graphs")
    parser.add_argument("--former-repeat", type=int, default=3, help="timed runs of each former text")
    parser.add_argument("--queries-only", action="store_true",
                        help="skip the load without resolution and resolve_all (the 1M run's long parts)")
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it, with its graphs: a "
                        "later run with the same --keep reuses them (queries timed again, no reload)")
    parser.add_argument("--store", type=Path, help="time the queries on this loaded store's data dir instead "
                        "(no generation, no load); sizes are not used")
    parser.add_argument("--graph", default="bench", help="the graph of --store (bench_web.py's: bench)")
    parser.add_argument("--restart", action="store_true", help="with --store: also time restarts of its server")
    parser.add_argument("--restarts", type=int, default=2, help="how many restarts --restart times")
    args = parser.parse_args(argv)
    console = Console(width=220)
    standard_tables()
    former = former_catalogue(args.former) if args.former else {}
    if args.store:
        return run_store(args, console, former)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        server = EmbeddedServer(work / "store")
        server.start(timeout=900)  # a kept 1M graph: the replay ends by building its indexes, silent for minutes
        try:
            for deals in sizes:
                path = work / f"sipri-classic-{deals}.csv"
                if not path.exists():  # a kept input is reused (generation is deterministic)
                    generate(path, deals)
                started = time.perf_counter()
                results[deals] = run_size(server, path, deals, args.repeat, console, former, args.former_repeat,
                                          args.queries_only, keep=args.keep is not None)
                console.print(f"  ({time.perf_counter() - started:.0f}s for this size)")
                console.print(query_table(f"{deals:,} deals (ms)", [deals], results, "queries"))  # as it goes
        finally:
            server.stop()
    load = Table(title="Loads: the synthetic export with deal resolution vs without (Writer(..., derived=None))")
    for column in ("deals", "Transfers", "with resolution (s)", "without (s)", "ratio", "resolve_all (s)",
                   "deals/s"):
        load.add_column(column, justify="right")
    for deals in sizes:
        r = results[deals]
        load.add_row(f"{deals:,}", f"{r['transfers']:,}", f"{r['with']:.1f}", f"{r['without']:.1f}",
                     f"{r['with'] / r['without']:.2f}x", f"{r['resolve_all']:.1f}", f"{deals / r['with']:,.0f}")
    for small, large in _growth(sizes):
        a, b = results[small], results[large]
        load.add_row(f"growth {large // 1000}k/{small // 1000}k", "", _ratio(a["with"], b["with"]),
                     _ratio(a["without"], b["without"]), "", _ratio(a["resolve_all"], b["resolve_all"]),
                     f"(data {large / small:.2f}x)")
    console.print(load)
    console.print(query_table(f"Catalogue queries (ms): p50 and p95 of {args.repeat} runs", sizes, results,
                              "queries"))
    if former:
        before_after(console, args, sizes, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
