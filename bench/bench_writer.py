"""Writer benchmark: 10k generated entities with relations, against a raw UNWIND ... MERGE baseline.

Both runs use the same embedded FalkorDB server, the same client and the same rows in the same
process; the table reports rows/s and the ratio writer/baseline (time), medians of --repeat runs.
The writer does more per row than the baseline (provenance edges, evidence lists, endpoint checks):
the ratio is the price of provenance.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from timing import timed

from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.graph.writer import Writer
from armsgraph.schema import Country, Document, Of, Supplied, To, Transfer, WeaponSystem
from armsgraph.schema.batch import Batch


def make_batch(entities: int) -> Batch:
    document = Document(sha256="b" * 64, kind="bench", path="bench")
    batch = Batch(document=document, loader="bench", loader_version="1")
    countries = [Country(iso3=f"{chr(65 + i // 26)}{chr(65 + i % 26)}X", name=f"Country {i}") for i in range(200)]
    weapons = [WeaponSystem(designation=f"W-{i}") for i in range(800)]
    for i, node in enumerate([*countries, *weapons]):
        batch.add_node(node, batch.provenance(line=i + 1))
    for i in range(entities - len(countries) - len(weapons)):
        t = Transfer(key=f"t{i}", order_year=1950 + i % 75, tiv_delivered=float(i % 97), delivery_years=[2000 + i % 20])
        prov = batch.provenance(line=2000 + i)
        batch.add_node(t, prov)
        batch.add_relation(Supplied(src=countries[i % 200].id, dst=t.id), prov)
        batch.add_relation(To(src=t.id, dst=countries[(i * 7 + 3) % 200].id), prov)
        batch.add_relation(Of(src=t.id, dst=weapons[i % 800].id, number=i % 10), prov)
    return batch


RawRows = list[tuple[str, list[dict[str, Any]]]]


def raw_rows(batch: Batch, size: int) -> RawRows:
    """The baseline's statements and rows, built before timing starts (the writer builds its own inside)."""
    by_label: dict[str, list[dict[str, Any]]] = {}
    for rec in batch.nodes:
        props = {k: v for k, v in rec.node.properties().items() if v not in (None, [])}
        by_label.setdefault(rec.node.label, []).append({"id": rec.node.id, "props": props})
    work: RawRows = []
    for label, rows in by_label.items():
        statement = f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props"
        work += [(statement, rows[i : i + size]) for i in range(0, len(rows), size)]
    by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for rel_rec in batch.relations:
        rel = rel_rec.relation
        by_type.setdefault((rel.type, rel.src_label, rel.dst_label), []).append(
            {"src": rel.src, "dst": rel.dst, "props": rel.properties()})
    for (rel_type, src, dst), rows in by_type.items():
        statement = (f"UNWIND $rows AS row MATCH (a:{src} {{id: row.src}}) MATCH (b:{dst} {{id: row.dst}}) "
                     f"MERGE (a)-[r:{rel_type}]->(b) SET r += row.props")
        work += [(statement, rows[i : i + size]) for i in range(0, len(rows), size)]
    return work


def raw_merge(store: FalkorStore, work: RawRows) -> None:
    """The baseline: plain batched UNWIND/MERGE of the same nodes and relationships, no provenance."""
    for statement, rows in work:
        store.run(statement, {"rows": rows}, write=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    batch = make_batch(args.entities)
    work = raw_rows(batch, args.batch_size)
    rows = len(batch.nodes) + len(batch.relations)
    with tempfile.TemporaryDirectory(prefix="armsgraph-bench-") as tmp:
        server = EmbeddedServer(Path(tmp))
        server.start()
        try:
            raw_times, writer_times, reload_times = [], [], []
            for run in range(args.repeat):
                raw = FalkorStore(server, f"raw{run}")
                raw.ensure_schema()
                raw_times.append(timed(lambda raw=raw: raw_merge(raw, work))[0])
                store = FalkorStore(server, f"writer{run}")
                writer = Writer(store, args.batch_size)

                def load(writer: Writer = writer) -> None:
                    writer.begin(batch.document, batch.loader)
                    writer.write(batch)
                    writer.commit(batch.document, batch.loader)

                writer_times.append(timed(load)[0])
                reload_times.append(timed(load)[0])  # everything exists: MERGE matches, nothing new
        finally:
            server.stop()
    raw_t, writer_t, reload_t = (statistics.median(x) for x in (raw_times, writer_times, reload_times))
    table = Table(title=f"writer benchmark: {len(batch.nodes):,} nodes + {len(batch.relations):,} relationships "
                  f"= {rows:,} rows, batch {args.batch_size}, median of {args.repeat}")
    for column in ("path", "seconds", "rows/s", "time vs raw MERGE"):
        table.add_column(column, justify="right" if column != "path" else "left")
    for name, t in (("raw UNWIND … MERGE (baseline)", raw_t), ("armsgraph writer (with provenance)", writer_t),
                    ("armsgraph writer, same rows again", reload_t)):
        table.add_row(name, f"{t:.2f}", f"{rows / t:,.0f}", f"{t / raw_t:.2f}×")
    Console().print(table)


if __name__ == "__main__":
    main()
