"""Precedence: a deal takes its newest vintage's values, including what that vintage leaves empty
(loaders/deals.py, PRECEDENCE), whatever the load order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore

NEWER = "sipri/classic-trade-register-2025-03.excerpt.csv"  # vintage 13 Mar 2025
OLDER = "sipri/classic-trade-register-resaved.excerpt.csv"  # preamble removed: no vintage, ranked below any
DEAL = "transfer:sipri-classic:037b2684e3fce974-2"
"""Undelivered without comments in the newer file; delivered in 2024 with comments in the older one."""


def transfers(store: FalkorStore) -> dict[str, dict[str, Any]]:
    rows = store.run("MATCH (t:Transfer) RETURN t.id, properties(t)").rows
    return {row[0]: row[1] for row in rows}


def test_a_newer_vintage_loaded_last_replaces_what_it_leaves_empty(store: FalkorStore, shared_data: Path) -> None:
    alone = FalkorStore(store.server, store.graph_name + "_newer")
    try:
        alone.clear()
        load_paths(alone, [shared_data / NEWER])
        newer = transfers(alone)
        load_paths(store, [shared_data / OLDER])
        older = transfers(store)
        assert older[DEAL].get("comments") and older[DEAL].get("delivery_years") == [2024]
        assert "comments" not in newer[DEAL] and "delivery_years" not in newer[DEAL]

        load_paths(store, [shared_data / NEWER])
        both = transfers(store)
        # how many records, and of which kind (and the corroboration rank made of them), differ by construction
        strip = ("records", "sources", "caption", "corroboration_rank")

        def values(deals: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
            return {i: {k: v for k, v in p.items() if k not in strip} for i, p in deals.items()}
        got, want = values(both), values(newer)
        for i in newer:
            assert got[i] == want[i], i  # each deal as the newer file says alone
        # a deal only the undated re-save lists: kept when undelivered; with deliveries, the dated export (it
        # covers every year) no longer lists it: withdrawn, no deal
        for i in set(older) - set(newer):
            assert (i in both) == (not older[i].get("delivery_years")), i

        store.clear()  # the other order gives the same graph
        load_paths(store, [shared_data / NEWER, shared_data / OLDER])
        assert transfers(store) == both
    finally:
        alone.clear()
        alone.close()
