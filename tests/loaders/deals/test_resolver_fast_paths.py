"""The resolver's shortcuts (groups kept between rules, fields read as attributes, a lone record leading) change
no answer: later rules see the deals earlier rules joined, and absent fields read as None."""

from __future__ import annotations

import random
from typing import Any

from armsgraph.loaders.deals import Record, resolve_deals

V1, V2 = "2025-01-03T21:16:02", "2026-02-12T12:26:12"
BLOCK = {"supplier": "country:DEU", "recipient": "country:UKR", "block": "country:DEU|country:UKR"}


def rec(rid: str, **props: Any) -> Record:
    return Record(f"report:{rid}", {"key": rid, **BLOCK, **props})


def _summary(records: list[Record]) -> list[tuple[str, list[tuple[str, str]], dict[str, Any]]]:
    result = resolve_deals(records)
    return [(d.key, sorted((m.record, m.rule) for m in d.members), d.props) for d in result.deals]


def test_a_report_links_to_the_deal_the_cross_format_rule_just_joined() -> None:
    """Rule 5 joins a classic and a transfers record; rule 7 must then see one deal of both (a stale view of
    the groups would link the tracker to one half, or list two candidates for review)."""
    classic = rec("sipri-classic:a1@2025-03-13T10:02:49", source="sipri-classic", vintage="2025-03-13T10:02:49",
                  designation="Marder 1A3", family="family:marder", order_year=2022, number_ordered=40,
                  number_delivered=40, delivery_years=[2023], tiv_unit=1.0)
    newer = rec(f"sipri:66213@{V2}", source="sipri-transfers", sipri_id="66213", vintage=V2,
                designation="Marder-1A3", family="family:marder", order_year=2022, number_delivered=40,
                delivery_years=[2023], tiv_unit=1.0)
    pledge = rec("pun:1", source="tracker", designation="Marder", family="family:marder", date="2023-03-31",
                 number_ordered=40, stage="pledged")
    result = resolve_deals([classic, newer, pledge])
    assert not result.review
    assert len(result.deals) == 1
    deal = result.deals[0]
    assert deal.key == "sipri:66213"
    assert {m.rule for m in deal.members} == {"anchor", "sipri-cross-format", "report-sipri"}
    assert deal.props["sources"] == ["sipri-classic", "sipri-transfers", "tracker"]


def test_the_answer_does_not_depend_on_the_records_order() -> None:
    rows = [rec(f"sipri:{n}@{v}", source="sipri-transfers", sipri_id=str(n), vintage=v, designation=f"W{n % 3}",
                order_year=2020 + n % 2, number_delivered=n, delivery_years=[2021]) for n in range(12)
            for v in (V1, V2)]
    rows += [rec(f"sipri-classic:c{n}@x", source="sipri-classic", vintage="2025-03-13T10:02:49",
                 designation=f"W{n % 3}", order_year=2020 + n % 2, number_delivered=n, delivery_years=[2021])
             for n in range(6)]
    rows += [rec("text:1", source="text", designation="W1", date="2021-05-01", stage="announced")]
    expected = _summary(rows)
    for seed in range(3):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert _summary(shuffled) == expected


def test_fields_read_as_attributes_are_the_stored_values() -> None:
    full = Record("report:x", {"source": "text", "stage": "ordered", "order_year": 2021, "comments": "c",
                               "number_ordered": 0, "covers": "all"})
    assert (full.source, full.stage, full.order_year, full.number_ordered, full.covers) == \
        ("text", "ordered", 2021, 0, "all")
    assert full.comments == "c"  # a field without its own attribute still reads through
    empty = Record("report:y", {})
    assert (empty.source, empty.block, empty.weapon, empty.comments) == (None, None, None, None)
    assert not empty.is_sipri and empty.edition == ""
