"""The deal resolver's rules on small, readable records (no store): each rule can fail on its own."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from armsgraph.loaders.deals import (
    AUTO,
    Record,
    read_judgements,
    record_judgement,
    resolve_deals,
    similarity,
)

V1, V2 = "2025-01-03T21:16:02", "2026-02-12T12:26:12"


def rec(rid: str, **props: Any) -> Record:
    base = {"key": rid, "supplier": "country:USA", "recipient": "country:UKR", "block": "country:USA|country:UKR"}
    return Record(f"report:{rid}", {**base, **props})


def transfers(deal: str, vintage: str, **props: Any) -> Record:
    return rec(f"sipri:{deal}@{vintage}", source="sipri-transfers", sipri_id=deal, vintage=vintage, **props)


def classic(ident: str, vintage: str, **props: Any) -> Record:
    return rec(f"sipri-classic:{ident}@{vintage}", source="sipri-classic", vintage=vintage, **props)


def deal_of(result: Any, record_id: str) -> Any:
    return next(d for d in result.deals if any(m.record == record_id for m in d.members))


def test_one_deal_id_across_vintages_is_one_deal_with_the_newest_values() -> None:
    old = transfers("65657", V1, designation="Excalibur", order_year=2022, tiv_delivered=10.0, delivery_years=[2022])
    new = transfers("65657", V2, designation="Excalibur", order_year=2022, tiv_delivered=12.0,
                    delivery_years=[2022, 2023])
    result = resolve_deals([old, new])
    assert len(result.deals) == 1
    deal = result.deals[0]
    assert deal.key == "sipri:65657" and deal.props["tiv_delivered"] == 12.0 and deal.props["records"] == 2
    assert {m.rule for m in deal.members} == {"anchor", "sipri-id"}


def test_classic_row_meets_its_transfers_deal_despite_another_spelling() -> None:
    c = classic("a1", "2025-03-13T10:02:49", designation="M-982 Excalibur", order_year=2022, number_ordered=7000,
                number_delivered=7000, delivery_years=[2022, 2023], tiv_unit=0.05)
    t = transfers("65657", V2, designation="Excalibur", order_year=2022, number_delivered=7000,
                  delivery_years=[2022, 2023], tiv_unit=0.05)
    assert similarity(c, t) >= AUTO
    result = resolve_deals([c, t])
    assert len(result.deals) == 1 and result.deals[0].key == "sipri:65657"


def test_same_block_different_weapons_stay_apart() -> None:
    c = classic("a1", "2025-03-13T10:02:49", designation="CAESAR 155mm", order_year=2022, number_delivered=18,
                delivery_years=[2022])
    t = transfers("1", V2, designation="Krab 155mm", order_year=2022, number_delivered=18, delivery_years=[2022])
    assert similarity(c, t) < AUTO
    assert len(resolve_deals([c, t]).deals) == 2


def test_two_equal_orders_pair_one_to_one() -> None:
    rows = [classic("a", "2025-03-13T10:02:49", designation="T-72M1", order_year=2022, number_delivered=20,
                    delivery_years=[2022]),
            classic("a-2", "2025-03-13T10:02:49", designation="T-72M1", order_year=2022, number_delivered=20,
                    delivery_years=[2022]),
            transfers("1", V2, designation="T-72M1", order_year=2022, number_delivered=20, delivery_years=[2022]),
            transfers("2", V2, designation="T-72M1", order_year=2022, number_delivered=20, delivery_years=[2022])]
    result = resolve_deals(rows)
    assert len(result.deals) == 2 and all(d.props["records"] == 2 for d in result.deals)


def test_a_deal_sipri_rekeyed_between_vintages_is_one_deal() -> None:
    old = transfers("65532", V1, designation="LMM Martlet", order_year=2022, number_delivered=300,
                    delivery_years=[2022])
    new = transfers("68519", V2, designation="LMM Martlet", order_year=2022, number_delivered=300,
                    delivery_years=[2022])
    result = resolve_deals([old, new])
    assert len(result.deals) == 1 and result.deals[0].key == "sipri:68519"
    assert "sipri-rekeyed" in {m.rule for m in result.deals[0].members}


def test_an_older_deal_the_newer_export_covers_and_no_longer_lists_is_withdrawn() -> None:
    old = transfers("1", V1, designation="BMP-1", order_year=2014, delivery_years=[2018])
    pre = transfers("2", V1, designation="T-34", order_year=1950, delivery_years=[1951])
    new = transfers("3", V2, designation="Stinger", order_year=2022, delivery_years=[2022])
    result = resolve_deals([old, pre, new], editions={V1: "2000-2030", V2: "1995-2025"})
    assert result.withdrawn == {old.id: V2}
    assert {d.key for d in result.deals} == {"sipri:2", "sipri:3"}  # 1951 is outside what V2 vouches for
    assert resolve_deals([old, new], editions={V2: None}).withdrawn == {}  # no preamble: vouches for nothing


def test_tracker_commitment_links_to_the_one_sipri_deal_that_fits() -> None:
    sipri = transfers("66213", V2, designation="Marder-1A3", family="family:marder", order_year=2022,
                      number_delivered=140, delivery_years=[2023, 2024])
    pledge = rec("pun:1", source="tracker", designation="Marder", family="family:marder", date="2023-03-31",
                 number_ordered=40, stage="pledged")
    result = resolve_deals([sipri, pledge])
    assert len(result.deals) == 1
    deal = result.deals[0]
    assert deal.props["sources"] == ["sipri-transfers", "tracker"]
    assert deal.props["stage"] == "pledged"  # SIPRI's record gives no stage here: the tracker's is the most advanced
    assert {m.rule for m in deal.members} == {"anchor", "report-sipri"}


def test_two_fitting_deals_go_to_review_not_to_a_guess() -> None:
    a = transfers("1", V2, designation="MIM-104 PAC-2", family="family:patriot", order_year=2023,
                  delivery_years=[2023])
    b = transfers("2", V2, designation="MIM-104 PAC-3", family="family:patriot", order_year=2023,
                  delivery_years=[2023])
    text = rec("text:x@1", source="text", designation="Patriot", family="family:patriot", date="2023-04-20",
               stage="announced")
    result = resolve_deals([a, b, text])
    assert len(result.deals) == 3
    assert [i.record for i in result.review] == [text.id]


def test_a_statement_only_deal_stays_attributed() -> None:
    said = rec("text:y@1", source="text", designation="DPICM", date="2023-07-07", stage="announced",
               reported_by="person:antonov")
    deal = resolve_deals([said]).deals[0]
    assert deal.props["reported_by"] == "person:antonov"
    other = rec("text:y@2", source="text", designation="DPICM", weapon="weapon:dpicm", date="2023-07-08",
                stage="approved")
    both = resolve_deals([said.__class__(said.id, {**said.props, "weapon": "weapon:dpicm"}), other])
    assert len(both.deals) == 1 and "reported_by" not in both.deals[0].props  # a document asserts it too
    assert both.deals[0].props["stage"] == "approved"  # the most advanced stage


def test_judgements_join_and_separate(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o700)
    path = tmp_path / "deal-judgements.csv"
    c = classic("a", "2025-03-13T10:02:49", designation="T-55", order_year=1998, number_delivered=140,
                delivery_years=[1998])
    t = transfers("28489", V2, designation="T-55", order_year=1998, number_delivered=50, delivery_years=[1999])
    assert len(resolve_deals([c, t]).deals) == 2
    record_judgement(path, c.id, t.id, "same", "checked: one order")
    assert len(resolve_deals([c, t], read_judgements(path)).deals) == 1
    record_judgement(path, c.id, t.id, "different")
    judged = read_judgements(path)
    assert len(resolve_deals([c, t], judged).deals) == 2 and not resolve_deals([c, t], judged).review


@pytest.mark.parametrize("row", [
    "report:a,report:a,same,", "report:a,report:b,maybe,", "x,report:b,same,", "\"report:a,report:b\",,,",
])
def test_bad_judgement_rows_are_reported_not_applied(tmp_path: Path, row: str) -> None:
    os.chmod(tmp_path, 0o700)
    path = tmp_path / "deal-judgements.csv"
    path.write_text("record,other,decision,note\n" + row + "\n", encoding="utf-8")
    os.chmod(path, 0o600)
    judged = read_judgements(path)
    assert judged.errors and not judged.same and not judged.different
    assert judged.errors[0].line == 2


def test_hostile_designations_are_data() -> None:
    a = transfers("1", V2, designation="'); MATCH (n) DETACH DELETE n //", order_year=2022)
    b = classic("b", V1, designation="<script>alert(1)</script>", order_year=2022)
    result = resolve_deals([a, b])
    assert len(result.deals) == 2
