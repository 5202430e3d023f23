"""The resolver's lone-record path (a block of one SIPRI format and vintage, distinct keys: each record its own
deal, no pairwise work) decides exactly what the rules decide, and never takes a record a rule could join."""

from __future__ import annotations

import random
from typing import Any

import pytest

from armsgraph.loaders import deals as resolver
from armsgraph.loaders.deals import Judgements, Record, Resolution, resolve_deals

V1, V2 = "2025-01-03T21:16:02", "2026-02-12T12:26:12"


def rec(rid: str, block: str, **props: Any) -> Record:
    supplier, _, recipient = block.partition("|")
    return Record(f"report:{rid}", {"key": rid, "supplier": supplier, "recipient": recipient, "block": block,
                                    **props})


def classic(n: int, block: str, vintage: str = V1, **props: Any) -> Record:
    return rec(f"sipri-classic:c{n}@{vintage}", block, source="sipri-classic", vintage=vintage,
               designation=f"W{n % 4}", order_year=2010 + n % 6, number_ordered=n, number_delivered=n,
               delivery_years=[2011 + n % 6], tiv_unit=1.0 + n % 3, **props)


def newer(n: int, block: str, vintage: str = V2, **props: Any) -> Record:
    return rec(f"sipri:{n}@{vintage}", block, source="sipri-transfers", sipri_id=str(n), vintage=vintage,
               designation=f"W-{n % 4}", order_year=2010 + n % 6, number_delivered=n,
               delivery_years=[2011 + n % 6], tiv_unit=1.0 + n % 3, **props)


A, B, C, D = "country:USA|country:IND", "country:RUS|country:IND", "country:FRA|country:EGY", "country:DEU|country:UKR"


def _everything(result: Resolution) -> tuple[Any, ...]:
    deals = [(d.key, [(m.record, m.rule, m.score) for m in d.members], d.props, d.supplier, d.recipient, d.weapon,
              d.number) for d in result.deals]
    return deals, result.withdrawn, result.review


def _mixed_register() -> list[Record]:
    rows = [classic(n, A) for n in range(30)]  # lone: one format, one vintage, distinct keys
    rows += [newer(n, B, V1) for n in range(10)] + [newer(n, B) for n in range(5, 15)]  # two vintages
    rows += [classic(n + 50, C) for n in range(8)] + [newer(n + 100, C) for n in range(8)]  # two formats
    rows += [rec("text:1", C, source="text", designation="W1", date="2013-05-01", stage="announced")]
    rows += [newer(n + 200, D) for n in range(12)]  # lone too
    return rows


@pytest.mark.parametrize("editions", [None, {V1: "all", V2: "2010-2013"}, {V1: None, V2: "all"}])
def test_the_lone_path_decides_what_the_rules_decide(monkeypatch: pytest.MonkeyPatch,
                                                      editions: dict[str, str | None] | None) -> None:
    rows = _mixed_register()
    judged = Judgements(same=[(f"report:sipri:103@{V2}", f"report:sipri:104@{V2}")])
    lone = resolver._lone({r.id: r for r in rows}, judged)
    assert {r.block for r in lone.values()} == {A, D} and len(lone) == 42
    for seed in range(3):
        random.Random(seed).shuffle(rows)
        fast = _everything(resolve_deals(rows, judged, editions))
        with monkeypatch.context() as m:
            m.setattr(resolver, "_lone", lambda recs, judged: {})
            assert _everything(resolve_deals(rows, judged, editions)) == fast


def test_a_newer_export_still_withdraws_a_lone_record() -> None:
    rows = [classic(n, A) for n in range(4)]
    result = resolve_deals(rows, editions={V1: "all", V2: "2011-2012"})
    assert set(result.withdrawn) == {r.id for r in rows if set(r.years) & {2011, 2012}}
    assert {d.key for d in result.deals} == {r.deal_key for r in rows if r.id not in result.withdrawn}
    assert all(m.rule == "anchor" for d in result.deals for m in d.members)


def test_only_records_no_rule_can_join_are_lone() -> None:
    rows = [classic(n, A) for n in range(5)]
    assert set(resolver._lone({r.id: r for r in rows}, Judgements())) == {r.id for r in rows}
    unversioned = [rec(f"sipri:3@{file}", A, source="sipri-transfers", sipri_id="3") for file in ("aa", "bb")]
    cases: list[tuple[list[Record], Judgements]] = [
        ([*rows, newer(1, A)], Judgements()),  # the other format in the block: cross-format matching
        ([*rows, classic(9, A, V2)], Judgements()),  # another vintage in the block
        (unversioned, Judgements()),  # one deal id in two files without a vintage: one deal
        ([*rows, rec("pun:1", A, source="tracker", designation="W1")], Judgements()),  # a tracker row
        (rows, Judgements(same=[(rows[0].id, "report:elsewhere")])),  # a researcher's judgement
    ]
    for records, judged in cases:
        lone = resolver._lone({r.id: r for r in records}, judged)
        assert not lone, (records[-1].id, lone)
    moved = [newer(7, A), newer(8, A), newer(7, B, V1), newer(9, C)]  # SIPRI id 7 in two blocks: joined
    assert set(resolver._lone({r.id: r for r in moved}, Judgements())) == {moved[3].id}
