"""DealTotals: one per block of deals, written with its Transfers, never counted as a deal (graph/aggregates.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.graph.aggregates import BASE, block_totals, corroboration_rank, open_rank
from armsgraph.graph.deals import Deals
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Cypher
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.schema import DealTotals, WeaponTotals

REPO = Path(__file__).resolve().parents[3]

DEALS = [  # delivery years with gaps, a duplicate year, no years, a non-SIPRI deal, an unknown TIV
    {"delivery_years": [2000, 2001, 2005, 2006, 2009], "tiv_per_year": [1.0, 2.0, 3.0, 4.0, 5.0], "vintage": "v",
     "order_year": 1999, "tiv_delivered": 15.0, "open_rank": 3_000},
    {"delivery_years": [2001, 2002], "tiv_per_year": [0.5, 0.5], "order_year": 1999, "open_rank": 9_500},
    {"stage": "ordered", "open_rank": -1_000},
    {"delivery_years": [2005, 2005], "tiv_per_year": [1.0, 1.0], "vintage": "v", "order_year": 2004},
    {"vintage": "v", "order_year": 2010, "tiv_delivered": 7.0},
    {"stage": "pledged"},
]


def _deals_in(totals: DealTotals, a: int, b: int) -> int:
    """The count the catalogue's Cypher computes from totals (top-suppliers-of-recipient), in Python."""
    years = totals.delivery_years or []
    runs = sum(totals.run_starts[i] for i, y in enumerate(years) if y <= b)  # type: ignore[index]
    runs -= sum(totals.run_ends[i] for i, y in enumerate(years) if y < a)  # type: ignore[index]
    gaps = sum(1 for lo, hi in zip(totals.gap_from or [], totals.gap_to or [], strict=True) if lo >= a and hi <= b)
    return runs - gaps


def test_totals_count_each_deal_once_in_any_year_range() -> None:
    totals = block_totals("country:USA|country:UKR", "country:USA", "country:UKR", DEALS)
    assert totals.deals == 6
    assert (totals.open_ranks, totals.open_order_years) == ([9_500, 3_000, -1_000], [1999, 1999, 0])
    assert totals.delivery_years == [2000, 2001, 2002, 2005, 2006, 2009]
    assert totals.tiv_per_year == [1.0, 2.5, 0.5, 5.0, 4.0, 5.0]
    assert totals.sipri_years == [2000, 2001, 2005, 2006, 2009]
    assert totals.order_years == [1999, 2004, 2010]
    assert totals.deals_per_order_year == [2, 1, 1]
    assert totals.sipri_deals_per_order_year == [1, 1, 1]
    assert totals.tiv_per_order_year == [15.0, 0.0, 7.0]
    for a, b in itertools.product(range(1998, 2012), repeat=2):
        if a > b:
            continue
        expected = sum(1 for d in DEALS if any(a <= y <= b for y in d.get("delivery_years", [])))
        assert _deals_in(totals, a, b) == expected, (a, b)


def test_a_block_without_delivery_or_order_years_stores_no_lists() -> None:
    totals = block_totals("country:USA|country:UKR", "country:USA", "country:UKR", [{"stage": "pledged"}])
    assert totals.properties() == {"id": totals.id, "block": totals.block, "supplier": "country:USA",
                                   "recipient": "country:UKR", "deals": 1, "items": 0, "top_ranks": [99_999_999]}


def test_items_are_the_number_ordered_else_the_number_on_the_weapon_edge() -> None:
    """As tracker-comparison counted them from the Transfers: ``coalesce(t.number_ordered, OF.number)``, else 0."""
    deals = [{"number_ordered": 12}, {"number_ordered": 0}, {}, {}, {"number_ordered": 3}]
    totals = block_totals("country:USA|country:UKR", "country:USA", "country:UKR", deals, [5, 7, 4, None, 9])
    assert totals.items == 12 + 0 + 4 + 0 + 3
    assert block_totals("b", "s", "r", deals).items == 15
    with pytest.raises(ValueError):
        block_totals("b", "s", "r", deals, [1])


def test_the_corroboration_rank_orders_as_the_query_sorts() -> None:
    """Kinds of source, then Reports, then the date descending as a string (none first)."""
    deals = [{"sources": ["a", "b"], "records": 1, "date": "1990"},
             {"sources": ["a"], "records": 3, "date": "2020-01-01"},
             {"sources": ["a"], "records": 2},
             {"sources": ["a"], "records": 2, "date": "2001-05-01"},
             {"sources": ["a"], "records": 2, "date": "2001-05"},
             {"sources": ["a"], "records": 2, "date": "2001-04-30"},
             {"sources": ["a"], "records": 2, "order_year": 2001},
             {"sources": ["a"], "records": 1, "date": "2024-12-31"}]
    ranks = [corroboration_rank(d) for d in deals]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == len(ranks)


def test_the_open_rank_is_an_integer_ordered_as_the_outstanding_tiv() -> None:
    """Thousandths rounded down, above BASE (never 0: the index loses 0 at a restart): a larger outstanding TIV
    never ranks lower; unknown TIVs count as 0."""
    deals = [{"tiv_order": 10.0, "tiv_delivered": 0.5}, {"tiv_order": 10.0, "tiv_delivered": 0.5004},
             {"tiv_order": 3.0}, {}, {"tiv_order": 1.0, "tiv_delivered": 2.5}]
    ranks = [open_rank(d) for d in deals]
    assert [r - BASE for r in ranks] == [9_500, 9_499, 3_000, 0, -1_500]
    assert all(isinstance(r, int) for r in ranks)


@pytest.fixture(scope="module")
def graph(embedded_server: EmbeddedServer, shared_data: Path) -> Iterator[FalkorStore]:
    store = FalkorStore(embedded_server, graph_name="t_deal_totals")
    store.clear()
    load_paths(store, [
        REPO / "examples" / "seed-entities.jsonl",
        shared_data / "news" / "rt-2023-07-antonov-cluster-munitions.txt",
        shared_data / "sipri" / "transfers-2026-02.excerpt.csv",
        shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv",
    ], note=None)
    yield store
    store.clear()
    store.close()


PER_BLOCK = Cypher(
    "MATCH (t:Transfer) RETURN t.block AS block, count(t) AS deals, "
    "sum(reduce(x = 0.0, v IN coalesce(t.tiv_per_year, []) | x + v)) AS tiv ORDER BY block"
)
TOTALS = Cypher(
    "MATCH (a:DealTotals) RETURN a.block AS block, a.deals AS deals, "
    "reduce(x = 0.0, v IN coalesce(a.tiv_per_year, []) | x + v) AS tiv ORDER BY block"
)


def _rounded(rows: list[list[object]]) -> list[list[object]]:
    return [[round(v, 6) if isinstance(v, float) else v for v in row] for row in rows]


def test_one_totals_node_per_block_of_transfers_and_no_deal_edges(graph: FalkorStore) -> None:
    totals = graph.run(TOTALS).rows
    assert totals and _rounded(totals) == _rounded(graph.run(PER_BLOCK).rows)
    edges = graph.run(Cypher("MATCH (a:DealTotals)-[e]-() RETURN count(e)")).scalar()
    assert edges == 0
    counted = graph.run(Cypher("MATCH (:Actor)-[:SUPPLIED]->(t)-[:TO]->(:Actor) RETURN count(DISTINCT t)")).scalar()
    assert counted == graph.run(Cypher("MATCH (t:Transfer) RETURN count(t)")).scalar()


def test_resolving_again_rewrites_the_same_totals_and_drops_emptied_blocks(graph: FalkorStore) -> None:
    before = graph.run(TOTALS).rows
    Deals(graph).resolve_all()
    assert graph.run(TOTALS).rows == before
    stray = DealTotals(block="country:FRA|country:ATA", supplier="country:FRA", recipient="country:ATA", deals=1)
    graph.run(Cypher("CREATE (a:DealTotals {id: $id, block: $block, deals: 1})"),
              {"id": stray.id, "block": stray.block}, write=True)
    Deals(graph).resolve({stray.block})
    assert graph.run(TOTALS).rows == before


BY_WEAPON = Cypher(
    "MATCH (s:Actor)-[:SUPPLIED]->(t:Transfer)-[:TO]->(r:Actor)\n"
    "MATCH (t)-[:OF]->(w:WeaponSystem)\n"
    "UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i\n"
    "WITH r, w, s, t, t.delivery_years[i] AS year, t.tiv_per_year[i] AS tiv\n"
    "RETURN r.id AS recipient, w.id AS weapon, s.id AS supplier, year, count(DISTINCT t) AS deals, sum(tiv) AS tiv\n"
    "ORDER BY recipient, weapon, supplier, year"
)
WEAPON_TOTALS = Cypher(
    "MATCH (x:WeaponTotals)\n"
    "UNWIND range(0, size(x.years) - 1) AS i\n"
    "RETURN x.recipient AS recipient, x.weapon AS weapon, x.suppliers[i] AS supplier, x.years[i] AS year,\n"
    "       x.deals[i] AS deals, x.tiv[i] AS tiv\n"
    "ORDER BY recipient, weapon, supplier, year"
)


def test_weapon_totals_are_the_deals_per_recipient_weapon_supplier_and_year(graph: FalkorStore) -> None:
    totals = graph.run(WEAPON_TOTALS).rows
    assert len(totals) > 10 and _rounded(totals) == _rounded(graph.run(BY_WEAPON).rows)
    assert graph.run(Cypher("MATCH (x:WeaponTotals)-[e]-() RETURN count(e)")).scalar() == 0


def test_resolving_a_block_again_replaces_only_its_supplier_in_the_weapon_totals(graph: FalkorStore) -> None:
    before = graph.run(WEAPON_TOTALS).rows
    recipient, weapon, supplier = before[0][:3]
    stale = WeaponTotals(key=f"{recipient}|weapon:no-such-gun", recipient=recipient, weapon="weapon:no-such-gun",
                         suppliers=[supplier], years=[1999], deals=[7], tiv=[1.5])
    graph.run(Cypher("CREATE (x:WeaponTotals) SET x = $props"), {"props": stale.properties()}, write=True)
    graph.run(Cypher("MATCH (x:WeaponTotals {key: $key}) SET x.suppliers = x.suppliers + ['country:ATA'], "
                     "x.years = x.years + [1990], x.deals = x.deals + [1], x.tiv = x.tiv + [0.5]"),
              {"key": f"{recipient}|{weapon}"}, write=True)
    Deals(graph).resolve({f"{supplier}|{recipient}"})  # the stale entry of this block's supplier is gone ...
    after = graph.run(WEAPON_TOTALS).rows
    assert [row for row in after if row[1] == "weapon:no-such-gun"] == []
    assert [recipient, weapon, "country:ATA", 1990, 1, 0.5] in after  # ... another supplier's entry is kept
    Deals(graph).resolve({f"country:ATA|{recipient}"})  # a block without deals: its entries go
    assert graph.run(WEAPON_TOTALS).rows == before
    Deals(graph).resolve_all()
    assert graph.run(WEAPON_TOTALS).rows == before
