"""The stats counts (per-label and per-type totals minus what unfinished documents wrote) against a full scan of
the graph, on the real engine: after loads, while documents are half-written, after rollback, reload and force."""

from __future__ import annotations

from pathlib import Path

from armsgraph.graph.catalogue.stats import counts_dict, label_total, statements, type_total
from armsgraph.graph.deals import Deals
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Cypher
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.writer import Writer
from armsgraph.loaders.base import pick

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "examples" / "seed-entities.jsonl"
RT = "news/rt-2023-07-antonov-cluster-munitions.txt"
CLASSIC = "sipri/classic-trade-register-2025-03.excerpt.csv"
TRANSFERS = "sipri/transfers-2025-01.excerpt.csv"
LATER = "sipri/transfers-2026-02.excerpt.csv"

SCAN = (Cypher("MATCH (n) WHERE n.pending IS NULL UNWIND labels(n) AS label RETURN label, count(*)"),
        Cypher("MATCH ()-[r]->() WHERE r.pending IS NULL RETURN type(r), count(*)"))
"""What the counts must equal: every node and relationship looked at, the pending ones left out."""
MARKED = Cypher("MATCH (n) WHERE n.pending IS NOT NULL RETURN count(n)")


def scanned(store: FalkorStore) -> dict[str, int]:
    labels, types = (store.run(statement).rows for statement in SCAN)
    return {**{f"label:{name}": int(n) for name, n in labels}, **{f"relationship:{name}": int(n) for name, n in types}}


def half_write(store: FalkorStore, path: Path) -> tuple[Writer, str, str]:
    """Begin a document and write its first batch, without committing: what a load in progress leaves."""
    writer = Writer(store, derived=Deals(store))
    batch = next(pick(path).read(path))
    writer.begin(batch.document, batch.loader)
    writer.write(batch)
    return writer, batch.document.id, batch.loader


def test_counts_equal_a_full_scan_through_loads_crashes_rollback_and_reload(
        store: FalkorStore, shared_data: Path) -> None:
    assert counts_dict(store) == {} == scanned(store)  # an empty graph
    load_paths(store, [SEED, shared_data / RT, shared_data / CLASSIC], note=None)
    loaded = counts_dict(store)
    assert loaded == scanned(store)
    assert loaded["label:Transfer"] > 100 and loaded["relationship:SOURCED_FROM"] > 1000

    # two documents half-written at once: a new one (its Document pending too), and one loaded before (--force)
    new, new_id, new_loader = half_write(store, shared_data / TRANSFERS)
    again, _, _ = half_write(store, shared_data / CLASSIC)
    assert (store.run(MARKED).scalar() or 0) > 100  # really half-written, and hidden
    assert counts_dict(store) == scanned(store)
    assert counts_dict(store)["label:Transfer"] == loaded["label:Transfer"]

    new.rollback(new_id, new_loader)
    assert counts_dict(store) == scanned(store)
    del again  # ... and the other one's process dies: the next load rolls it back, then loads it again
    load_paths(store, [shared_data / CLASSIC], note=None)
    assert counts_dict(store) == scanned(store) == loaded

    load_paths(store, [shared_data / TRANSFERS, shared_data / LATER], note=None)  # the deals grow
    grown = counts_dict(store)
    assert grown == scanned(store) and grown["label:Report"] > loaded["label:Report"]
    load_paths(store, [shared_data / TRANSFERS], note=None)  # unchanged: skipped
    load_paths(store, [shared_data / CLASSIC], force=True, note=None)  # reloaded in place
    assert counts_dict(store) == scanned(store) == grown


def test_every_total_is_read_from_the_engine_counts_not_a_scan(store: FalkorStore, shared_data: Path) -> None:
    """A label's or type's count comes from what the engine keeps: FalkorDB's one call agrees with the per-label
    statements Neo4j is sent, whose plans have no scan; the pending part starts from the Documents (an index
    lookup), never from every node."""
    load_paths(store, [SEED, shared_data / RT], note=None)
    counts = counts_dict(store)
    assert len(counts) > 5
    for name, count in counts.items():
        kind, _, what = name.partition(":")
        statement = label_total(what) if kind == "label" else type_total(what)
        assert store.run(statement).scalar() == count, name
    for name, statement in statements().items():
        plan = "\n".join(store.explain(statement, {"docs": ["document:x"]}))
        assert "All Node Scan" not in plan, (name, plan)
        if name.startswith(("stats:label:", "stats:type:")):
            assert "Scan" not in plan and "Traverse" not in plan, (name, plan)
        elif name != "stats:unfinished-documents":
            assert "Node By Index Scan | (d:Document)" in plan, (name, plan)
