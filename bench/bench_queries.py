"""Catalogue queries and deal resolution as the graph grows: generated classic SIPRI exports of 30k and 100k deals.

    .venv/bin/python bench/bench_queries.py [--sizes 30000,100000] [--repeat 5] [--keep DIR]

For each size, on one embedded FalkorDB server, into a fresh graph: the seed entities, the RT article
(a text Report), the CCM party table and the shared SIPRI transfers excerpt, then a synthetic classic export of
that many deals drawn by ``bench_sipri.generate`` (never SIPRI rows: written at run time into a temporary
directory). Measured:

* **load with deal resolution**: ``load_paths`` of the synthetic export (its preamble covers every year, so the
  deal resolver re-reads and rewrites every block: the withdrawn rule), and the same load into another fresh
  graph with the resolver switched off (``load_paths(..., resolve_deals=False)``, i.e.
  ``Writer(..., derived=None)``): the ratio is what resolution costs;
* **re-resolution**: ``Deals.resolve_all()`` on the loaded graph (every block read, resolved and rewritten);
* **each catalogue query**: median of ``--repeat`` runs (after one warm-up) with realistic parameters: the
  busiest supplier and recipient of the generated deals, a SIPRI armament category, the RT article, one
  Transfer's provenance.

The table gives each figure per size and the growth ratio largest/smallest size. An anchored lookup should
grow little (≈ 1); a query whose answer grows with the data (the busiest recipient's deals) grows with it,
never faster.
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_sipri import generate
from rich.console import Console
from rich.table import Table
from timing import timed

from armsgraph.graph.catalogue.catalogue import load_catalogue
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


def query_params(store: FalkorStore) -> dict[str, dict[str, str]]:
    """Realistic parameters for every query: the heaviest anchors of the generated graph."""
    supplier = _busiest(store, "SUPPLIED")
    recipient = _busiest(store, "TO")
    transfer = str(store.run(TEXT_TRANSFER).scalar())
    base = {"recipient": recipient, "supplier": supplier, "country": supplier, "document": ARTICLE.name,
            "id": transfer, "category": "armoured-vehicles", "about": "UKR",
            "speaker": "person:anatoly-antonov", "family": "patriot"}
    out: dict[str, dict[str, str]] = {}
    for query in load_catalogue().values():
        params = {p.name: base[p.name] for p in query.params if p.required or p.name in query.one_of[:1]}
        if query.name == "reported-transfers":
            params["country"] = "UKR"
        if query.name == "country-people":
            params |= {"country": "RUS", "date": "2020-01-01"}  # Antonov was ambassador 2017-2024
        out[query.name] = params
    return out


def time_queries(store: FalkorStore, repeat: int) -> dict[str, tuple[float, int]]:
    """Query name -> (median seconds, rows). Names are bound to ids once, before timing: the figure is the
    statement's (the CLI's name look-up is an indexed read of its own)."""
    params = query_params(store)
    names = Names(store)
    out: dict[str, tuple[float, int]] = {}
    for name, query in load_catalogue().items():
        bound = query.bind(params[name], names)
        times, rows = [], 0
        try:
            store.run(query.cypher, bound)  # warm-up (and the plan cache)
            for _ in range(repeat):
                seconds, result = timed(lambda q=query, b=bound: store.run(q.cypher, b))
                times.append(seconds)
                rows = len(result.rows)
        except StoreError as exc:  # a query the client gave up on: shown as failed, the others still run
            print(f"{name}: {exc}")
            out[name] = (math.nan, -1)
            continue
        out[name] = (statistics.median(times), rows)
    return out


def run_size(server: EmbeddedServer, path: Path, deals: int, repeat: int, console: Console) -> dict[str, Any]:
    plain = FalkorStore(server, graph_name=f"plain_{deals}")
    plain.clear()
    load_paths(plain, BASE_FILES, note=None, resolve_deals=False)
    without, _ = timed(lambda: load_paths(plain, [path], note=None, resolve_deals=False))
    plain.clear()
    plain.close()

    store = FalkorStore(server, graph_name=f"deals_{deals}")
    store.clear()
    load_paths(store, BASE_FILES, note=None)
    with_time, report = timed(lambda: load_paths(store, [path], note=None))
    assert not report.failed and report.documents[0].committed, report.documents[0]
    transfers = store.run(Cypher("MATCH (t:Transfer) RETURN count(t)")).scalar()
    console.print(f"{deals:,} deals: load {with_time:.1f}s with resolution, {without:.1f}s without; "
                  f"{transfers:,} Transfers")
    again, _ = timed(lambda: Deals(store).resolve_all())
    assert store.run(Cypher("MATCH (t:Transfer) RETURN count(t)")).scalar() == transfers
    queries = time_queries(store, repeat)
    store.clear()
    store.close()
    return {"with": with_time, "without": without, "resolve_all": again, "transfers": transfers,
            "queries": queries}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="catalogue queries and deal resolution at 30k and 100k deals")
    parser.add_argument("--sizes", default="30000,100000", help="comma-separated numbers of generated deals")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    console = Console()
    standard_tables()
    results: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        server = EmbeddedServer(work / "store")
        server.start()
        try:
            for deals in sizes:
                path = work / f"sipri-classic-{deals}.csv"
                generate(path, deals)
                started = time.perf_counter()
                results[deals] = run_size(server, path, deals, args.repeat, console)
                console.print(f"  ({time.perf_counter() - started:.0f}s for this size)")
        finally:
            server.stop()
    small, large = sizes[0], sizes[-1]
    growth = f"{large // 1000}k/{small // 1000}k"
    load = Table(title="Loads: the synthetic export with deal resolution vs without (Writer(..., derived=None))")
    for column in ("deals", "Transfers", "with resolution (s)", "without (s)", "ratio", "resolve_all (s)",
                   "deals/s"):
        load.add_column(column, justify="right")
    for deals in sizes:
        r = results[deals]
        load.add_row(f"{deals:,}", f"{r['transfers']:,}", f"{r['with']:.1f}", f"{r['without']:.1f}",
                     f"{r['with'] / r['without']:.2f}x", f"{r['resolve_all']:.1f}", f"{deals / r['with']:,.0f}")
    if len(sizes) > 1:
        a, b = results[small], results[large]
        load.add_row(f"growth {growth}", "", f"{b['with'] / a['with']:.2f}x", f"{b['without'] / a['without']:.2f}x",
                     "", f"{b['resolve_all'] / a['resolve_all']:.2f}x", f"(data {large / small:.2f}x)")
    queries = Table(title=f"Catalogue queries: median of {args.repeat} (ms), rows, growth {growth}")
    queries.add_column("query")
    for deals in sizes:
        queries.add_column(f"{deals // 1000}k ms", justify="right")
        queries.add_column("rows", justify="right")
    if len(sizes) > 1:
        queries.add_column(f"growth {growth}", justify="right")
    for name in load_catalogue():
        cells = []
        for deals in sizes:
            seconds, rows = results[deals]["queries"][name]
            cells += [f"{seconds * 1000:.1f}", str(rows)]
        if len(sizes) > 1:
            cells.append(f"{results[large]['queries'][name][0] / results[small]['queries'][name][0]:.2f}x")
        queries.add_row(name, *cells)
    console.print(load)
    console.print(queries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
