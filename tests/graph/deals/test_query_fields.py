"""What the deal resolver stores for queries (graph/deals.py ``query_fields``): per-year TIV and outstanding."""

from __future__ import annotations

from armsgraph.graph.deals import query_fields


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
