"""The resolver's shortcuts (groups kept between rules, fields read as attributes, a lone record leading, a
lone SIPRI deal's values read from its record) change no answer: later rules see the deals earlier rules joined,
and absent fields read as None."""

from __future__ import annotations

import random
from typing import Any

import pytest

from armsgraph.loaders.deals import PRECEDENCE, Deal, Member, Record, _deal, _lone_deal, resolve_deals
from armsgraph.schema.values import Stage

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


def _general(record: Record) -> Deal:
    """A one-record deal by the general path: every field through its precedence rule (``PRECEDENCE``)."""
    props = {name: rule([record], record) for name, rule in PRECEDENCE.items()}
    props = {k: v for k, v in props.items() if v is not None}
    props.update(key=record.deal_key, block=record.block, records=1, sources=[str(record.source)])
    number = record.number_ordered if record.number_ordered is not None else record.number_delivered
    return Deal(key=record.deal_key, members=[Member(record.id, "anchor", 1.0)], props=props,
                supplier=str(record.supplier), recipient=str(record.recipient), weapon=record.weapon, number=number)


@pytest.mark.parametrize("extra", [
    {},
    {"stage": "delivered", "date": "2021", "number_ordered": 4, "number_delivered": 2},
    {"stage": "", "date": "", "reported_by": "", "number_delivered": 0},  # empty values: no stage, no date
    {"stage": "shipped", "reported_by": "person:x", "value_usd": 5.0},  # no such stage: none
    {"stage": Stage.ORDERED, "date": "2020-05", "comments": "c", "delivery_years": [2020, 2021]},
    {"stage": ["delivered"]},  # not even a word
])
@pytest.mark.parametrize("source", ["sipri-classic", "sipri-transfers"])
def test_a_lone_sipri_deal_is_the_general_rules_deal(source: str, extra: dict[str, Any]) -> None:
    """``_lone_deal`` (each precedence rule worked out for one SIPRI record) gives what every rule gives."""
    record = rec(f"{source}:k1@{V1}", source=source, vintage=V1, weapon="weapon:w", sipri_id="7", **extra)
    assert _lone_deal(record, {}) == _general(record)
    assert _deal([record], {}) == _general(record)


def test_record_values_worked_out_once_are_the_stored_ones() -> None:
    """``is_sipri``, ``edition`` and ``deal_key`` are computed when a Record is made, as the properties were."""
    r = Record("report:a", {"key": "sipri:1@2025-01-03", "source": "sipri-transfers", "vintage": "2025-01-03"})
    assert (r.is_sipri, r.edition, r.deal_key) == (True, "2025-01-03", "sipri:1")
    plain = Record("report:b", {"key": "text:9", "source": "text"})
    assert (plain.is_sipri, plain.edition, plain.deal_key) == (False, "", "text:9")
    with pytest.raises(KeyError):
        Record("report:c", {}).deal_key  # noqa: B018 (a Report without a key says so when asked)
