"""A block's ``DealTotals`` and its weapons' ``WeaponTotals`` entries (``aggregates.aggregate``, what the bulk
path and the incremental writer both call) on deals with gaps in their delivery years, zero-TIV years, a TIV list
shorter than the years, no years at all and a repeated year, against hand-computed values; ``DealTotals`` rows
made without pydantic only when the model keeps every value as given; the encoder's fast paths; groups that skip
widening only where no SIPRI id leads out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from armsgraph.graph.aggregates import _block_fields, _totals_row, aggregate, totals_rows, weapon_entries
from armsgraph.graph.bulk import BulkGraph
from armsgraph.graph.deals import widened
from armsgraph.graph.store.falkor_bulk import encode, records
from armsgraph.loaders.deals import Deal, Member
from armsgraph.schema import DealTotals

USA, UKR, FRA = "country:USA", "country:UKR", "country:FRA"
GUN, TANK = "weapon:gun", "weapon:tank"


def _deal(n: int, supplier: str, recipient: str, weapon: str | None, number: int | None,
          **props: Any) -> tuple[Deal, dict[str, Any]]:
    """A resolved deal and its Transfer row (``block`` as the deal writer stores it)."""
    props = {"block": f"{supplier}|{recipient}", **props}
    deal = Deal(key=f"k{n}", members=[Member(f"report:{n}", "lone", 1.0)], props=props, supplier=supplier,
                recipient=recipient, weapon=weapon, number=number)
    return deal, {"id": f"transfer:{n}", "props": props}


DEALS = [
    _deal(1, USA, UKR, GUN, 4, delivery_years=[2001, 2002, 2005], tiv_per_year=[1.5, 0.0, 2.25], vintage="v",
          order_year=2000, tiv_delivered=3.75, corroboration_rank=7, open_rank=11, number_ordered=6),  # a gap
    _deal(2, USA, UKR, GUN, None, delivery_years=[2002, 2003], tiv_per_year=[0.0, 0.0], order_year=2000),  # zeros
    _deal(3, USA, UKR, TANK, 2, delivery_years=[2004, 2006, 2007], tiv_per_year=[1.0]),  # TIV list cut short
    _deal(4, USA, UKR, GUN, 1, stage="pledged", order_year=2001),  # no years
    _deal(5, FRA, UKR, GUN, 3, delivery_years=[2005, 2005], tiv_per_year=[0.5, 0.25], vintage="v"),  # a year twice
    _deal(6, FRA, UKR, None, None, delivery_years=[2010], tiv_per_year=[9.0]),  # no weapon
    _deal(7, USA, FRA, GUN, 5, delivery_years=[1999, 2003], tiv_per_year=[1e-9, 1e308], vintage="v"),
]


def test_aggregate_gives_what_totals_rows_and_weapon_entries_give() -> None:
    deals, rows = [d for d, _ in DEALS], [r for _, r in DEALS]
    totals, entries = aggregate(deals, rows)
    assert totals == totals_rows(deals, rows)
    assert entries == weapon_entries(deals, rows)
    by_block = {row["props"]["block"]: row["props"] for row in totals}
    usa_ukr = by_block[f"{USA}|{UKR}"]
    assert usa_ukr["deals"] == 4 and usa_ukr["items"] == 6 + 0 + 2 + 1  # ordered, else the OF number, else 0
    assert usa_ukr["delivery_years"] == [2001, 2002, 2003, 2004, 2005, 2006, 2007]
    assert usa_ukr["tiv_per_year"] == [1.5, 0.0, 0.0, 1.0, 2.25, 0.0, 0.0]  # zeros kept; past the list: 0
    assert usa_ukr["run_starts"] == [1, 1, 0, 1, 1, 1, 0] and usa_ukr["run_ends"] == [0, 1, 1, 1, 1, 0, 1]
    assert (usa_ukr["gap_from"], usa_ukr["gap_to"]) == ([2002, 2004], [2005, 2006])
    assert usa_ukr["sipri_years"] == [2001, 2002, 2005] and usa_ukr["sipri_tiv_per_year"] == [1.5, 0.0, 2.25]
    assert usa_ukr["order_years"] == [2000, 2001] and usa_ukr["deals_per_order_year"] == [2, 1]
    assert usa_ukr["tiv_per_order_year"] == [3.75, 0.0] and usa_ukr["open_ranks"] == [11]
    fra_ukr = by_block[f"{FRA}|{UKR}"]
    assert fra_ukr["delivery_years"] == [2005, 2010] and fra_ukr["tiv_per_year"] == [0.75, 9.0]
    assert fra_ukr["run_starts"] == [1, 1] and "gap_from" not in fra_ukr  # a repeated year is one run
    assert entries[(UKR, GUN)] == {(USA, 2001): (1, 1.5), (USA, 2002): (2, 0.0), (USA, 2005): (1, 2.25),
                                   (USA, 2003): (1, 0.0), (FRA, 2005): (1, 0.75)}
    assert entries[(UKR, TANK)] == {(USA, 2004): (1, 1.0), (USA, 2006): (1, 0.0), (USA, 2007): (1, 0.0)}
    assert (UKR, None) not in entries and all(key[1] for key in entries)  # a deal without a weapon: no entries


def test_tiv_missing_past_the_list_is_no_value_for_the_weapon_but_zero_for_the_block() -> None:
    deal, row = _deal(8, USA, UKR, TANK, None, delivery_years=[2004, 2006], tiv_per_year=[1.0])
    totals, entries = aggregate([deal], [row])
    assert totals[0]["props"]["tiv_per_year"] == [1.0, 0.0]
    assert entries[(UKR, TANK)][(USA, 2006)] == (1, 0.0)  # counted as a delivery, no TIV summed (fsum of none)


def test_a_deal_without_years_or_tiv_list() -> None:
    deal, row = _deal(9, USA, UKR, GUN, None, delivery_years=[2003])
    totals, entries = aggregate([deal], [row])
    assert totals[0]["props"]["tiv_per_year"] == [0.0] and entries[(UKR, GUN)] == {(USA, 2003): (1, 0.0)}
    empty, row = _deal(10, USA, UKR, GUN, None)
    totals, entries = aggregate([empty], [row])
    assert "delivery_years" not in totals[0]["props"] and entries == {}


def _fields(**changes: Any) -> dict[str, Any]:
    numbers = [deal.number if deal.weapon else None for deal, _ in DEALS[:4]]
    return {**_block_fields(f"{USA}|{UKR}", USA, UKR, [row["props"] for _, row in DEALS[:4]], numbers), **changes}


@pytest.mark.parametrize("changes", [
    {}, {"block": " country:USA|country:UKR "}, {"supplier": "país:ÑA"}, {"recipient": ""}, {"block": "a\x00b"},
    {"deals": -1}, {"items": 2**63}, {"delivery_years": [2001, 2**64]}, {"tiv_per_year": [1.0, float("inf")]},
    {"tiv_per_year": [1, 2.0]}, {"top_ranks": [True]}, {"sipri_tiv_per_year": [float("nan")]},
    {"order_years": None, "deals_per_order_year": None}])
def test_a_totals_row_is_the_model_s_or_fails_as_it_fails(changes: dict[str, Any]) -> None:
    fields = _fields(**changes)
    try:
        model = DealTotals(**fields)
    except ValidationError:
        with pytest.raises(ValidationError):
            _totals_row(fields)
        return
    expected = {"id": model.id, "props": model.properties()}
    got = _totals_row(fields)
    assert got == expected and list(got["props"]) == list(expected["props"])  # the key order too (the header)


def test_float_list_columns_encode_as_value_by_value() -> None:
    rows = [{"t": [0.5, -0.0, 1e308]}, {}, {"t": []}, {"t": [5e-324] * 130}, {"t": [2.0]}, {"t": None}]
    assert records(["t"], rows) == [encode(row.get("t")) for row in rows]


@pytest.mark.parametrize("rows", [
    [{"a": "x", "b": 1}, {"a": "y", "b": 2}],  # the same keys in the same order: read by position
    [{"a": "x", "b": 1}, {"b": 2, "a": "y"}],  # another order: read by key
    [{"a": "x", "b": 1}, {"a": "y"}, {"b": None, "a": None}],
    [], [{}, {}]])
def test_rows_encode_as_value_by_value_whatever_their_keys(rows: list[dict[str, Any]]) -> None:
    for keys in (["a", "b"], ["b", "a"]):
        assert records(keys, rows) == [b"".join(encode(row.get(k)) for k in keys) for row in rows]


def _report(n: int, block: str | None, sipri_id: Any) -> tuple[str, dict[str, Any], dict[str, Any]]:
    props = {"id": f"report:{n}", "block": block, "sipri_id": sipri_id}
    return f"report:{n}", props, {"document:d": {"loaders": ["sipri"]}}


A, B, C, D = "country:A|country:R1", "country:B|country:R2", "country:C|country:R3", "country:D|country:R4"


def test_groups_skip_widening_only_where_no_sipri_id_leads_out(tmp_path: Path) -> None:
    """A SIPRI id in two blocks links them (A, B); one in a block and a Report in no block (D), or one block only
    (C), does not. A group with a linked seed is widened as ``widened`` widens; the others read their seeds alone,
    and give the blocks and Reports the widening gives."""
    with BulkGraph(group_reports=1, directory=tmp_path) as graph:
        table = graph.table
        table.put([_report(1, A, 7), _report(2, B, "7"), _report(3, C, 8), _report(4, C, 8), _report(5, D, 9),
                   _report(6, None, 9), _report(7, B, None), _report(8, C, "")])
        table.commit()
        assert table.linked_blocks() == {A, B}
        tasks = graph._groups({}, 1)
        assert [(t.seeds, t.alone) for t in tasks] == [([A], False), ([C], True), ([D], True)]  # B: widened into
        for task in tasks:
            blocks, _ = widened(task.seeds, {}, table.sipri_ids_in, table.blocks_of_sipri_ids,
                                      table.blocks_of_reports)
            assert (blocks == set(task.seeds)) == task.alone
        judged = graph._groups({"report:1": {"report:3"}}, 1)  # something judged: every group widened
        assert not any(t.alone for t in judged)
