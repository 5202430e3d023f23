"""What the deal resolver stores for queries (graph/deals.py ``query_fields``): per-year TIV and outstanding."""

from __future__ import annotations

from armsgraph.graph.deals import deal_rows, query_fields
from armsgraph.loaders.deals import Deal, Resolution


def test_per_year_tiv_is_sipris_where_given() -> None:
    fields = query_fields({"delivery_years": [2022, 2023], "tiv_delivered_per_year": [1.5, 2.25],
                           "tiv_delivered": 10.0})
    assert fields["tiv_per_year"] == [1.5, 2.25]


def test_per_year_tiv_is_spread_evenly_otherwise() -> None:
    assert query_fields({"delivery_years": [2021, 2022, 2023], "tiv_delivered": 1.0})["tiv_per_year"] == [1 / 3] * 3
    assert query_fields({"delivery_years": [2024]})["tiv_per_year"] == [0.0]  # no TIV: counts as 0, as before


def test_no_delivery_years_no_per_year_tiv() -> None:
    assert "tiv_per_year" not in query_fields({"tiv_delivered": 5.0})
    assert "tiv_per_year" not in query_fields({"delivery_years": [], "tiv_delivered": 5.0})


def test_outstanding_needs_a_number_ordered() -> None:
    assert query_fields({"number_ordered": 10, "number_delivered": 4})["outstanding"] == 6
    assert query_fields({"number_ordered": 10})["outstanding"] == 10
    assert query_fields({"number_ordered": 3, "number_delivered": 3})["outstanding"] == 0
    assert "outstanding" not in query_fields({"number_delivered": 3})


def test_transfer_rows_are_the_deals_props_completed_in_place() -> None:
    """``deal_rows`` completes each deal's own props (no copy per deal: the bulk path's memory at 1M) into exactly
    what a merged copy gives: the same keys in the same order, the same values; a key the deal already held keeps
    its place with the new value."""
    given = [{"key": "k1", "block": "a|b", "delivery_years": [2020, 2021], "tiv_delivered": 3.0,
              "number_ordered": 5, "number_delivered": 2, "tiv_order": 9.0},
             {"id": "transfer:stale", "outstanding": 99, "key": "k2", "block": "a|b", "records": 2}]
    deals = [Deal(key=str(p["key"]), members=[], props=dict(p), supplier="country:A", recipient="country:B",
                  weapon=None, number=None) for p in given]
    pairs = [(f"transfer:{deal.key}", deal) for deal in deals]
    rows = deal_rows(pairs, [], Resolution(deals=deals))
    for (tid, deal), props, row in zip(pairs, given, rows.transfers, strict=True):
        expected = {**props, **query_fields(props), "id": tid}
        assert row["props"] is deal.props
        assert list(row["props"].items()) == list(expected.items())
    assert list(rows.transfers[1]["props"])[:2] == ["id", "outstanding"]  # held keys keep their place
