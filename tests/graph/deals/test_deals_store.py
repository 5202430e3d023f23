"""Deals on the real embedded engine: one deal one Transfer across SIPRI formats and vintages, trackers and text;
totals against the newest export alone; order independence; judgements replayed; hand-checked matches."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from armsgraph.graph.catalogue import load_catalogue
from armsgraph.graph.deals import ALL_REPORT_BLOCKS, Deals
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.server import EmbeddedServer
from armsgraph.loaders.deals import read_judgements, record_judgement, resolve_deals

REPO = Path(__file__).resolve().parents[3]
GOLD = REPO / "tests" / "data" / "gold" / "deal-matches.jsonl"
EXCERPTS = ("classic-trade-register-2025-03", "classic-trade-register-resaved", "transfers-2025-01",
            "transfers-2026-02")
NEWEST = "transfers-2026-02"


def _files(shared: Path, names: tuple[str, ...]) -> list[Path]:
    return [shared / "sipri" / f"{n}.excerpt.csv" for n in names]


def _graph(server: EmbeddedServer, name: str) -> FalkorStore:
    g = FalkorStore(server, graph_name=name)
    g.clear()
    return g


def _load(store: FalkorStore, paths: list[Path], judgements: Path | None = None) -> None:
    report = load_paths(store, paths, note=None, judgements=judgements)
    assert not report.internal_errors
    assert all(d.committed or d.skipped for d in report.documents), [d.note for d in report.documents]


def _top(store: FalkorStore, recipient: str = "country:UKR") -> dict[str, float]:
    query = load_catalogue()["top-suppliers-of-recipient"]
    rows = query.run(store, {"recipient": recipient, "delivered_from": "1995", "delivered_to": "2025",
                             "limit": "200"}).rows
    return {row[1]: float(row[3]) for row in rows}


@pytest.fixture(scope="module")
def loaded(embedded_server: EmbeddedServer, shared_data: Path) -> Iterator[FalkorStore]:
    """The four excerpts, the Protect Ukraine Now tracker and the news summaries, loaded once."""
    g = _graph(embedded_server, "t_deals_all")
    _load(g, [*_files(shared_data, EXCERPTS), shared_data / "ukraine", shared_data / "news"])
    yield g
    g.clear()
    g.close()


@pytest.fixture(scope="module")
def newest(embedded_server: EmbeddedServer, shared_data: Path) -> Iterator[FalkorStore]:
    g = _graph(embedded_server, "t_deals_newest")
    _load(g, _files(shared_data, (NEWEST,)))
    yield g
    g.clear()
    g.close()


def test_top_ten_suppliers_within_one_percent_of_the_newest_export(loaded: FalkorStore, newest: FalkorStore) -> None:
    alone, merged = _top(newest), _top(loaded)
    top10 = sorted(alone, key=lambda s: -alone[s])[:10]
    assert len(top10) == 10
    for supplier in top10:
        assert merged[supplier] == pytest.approx(alone[supplier], rel=0.01), supplier


def test_hand_written_sum_agrees_with_the_catalogue(loaded: FalkorStore) -> None:
    catalogue = _top(loaded)
    rows = loaded.run(
        "MATCH (s:Country)-[:SUPPLIED]->(t:Transfer)-[:TO]->(:Country {iso3: 'UKR'}) "
        "UNWIND range(0, size(coalesce(t.delivery_years, [])) - 1) AS i "
        "WITH s, t, t.delivery_years[i] AS y, i WHERE y >= 1995 AND y <= 2025 "
        "RETURN s.id, sum(CASE WHEN t.tiv_delivered_per_year IS NULL THEN coalesce(t.tiv_delivered, 0.0) / "
        "size(t.delivery_years) ELSE t.tiv_delivered_per_year[i] END)").rows  # type: ignore[arg-type]
    plain = {r[0]: float(r[1]) for r in rows}
    for supplier, tiv in catalogue.items():
        if supplier.startswith("country:"):
            assert plain[supplier] == pytest.approx(tiv, rel=1e-9)


def _computed_review(store: FalkorStore, judgements: Path | None = None) -> list[tuple[str, str, str, float, str]]:
    """The review list as it was computed before it was stored: every block resolved again, read-only."""
    deals = Deals(store, judgements)
    blocks = {row[0] for row in store.run(ALL_REPORT_BLOCKS).rows if row[0]}
    _, records = deals.read(blocks)
    result = resolve_deals(records, read_judgements(judgements), deals.editions())
    return sorted((i.record, i.candidate, i.rule, i.score, i.reason) for i in result.review)


def _stored_review(store: FalkorStore, judgements: Path | None = None) -> list[tuple[str, str, str, float, str]]:
    items, records = Deals(store, judgements).review()
    assert all(i.record in records and i.candidate in records for i in items), "the records it names are read"
    return sorted((i.record, i.candidate, i.rule, i.score, i.reason) for i in items)


def test_stored_review_list_equals_the_computed_one(loaded: FalkorStore) -> None:
    stored = _stored_review(loaded)
    assert stored, "the excerpts and the tracker have matches too weak to take alone"
    assert {rule for _, _, rule, _, _ in stored} >= {"sipri-cross-format", "report-sipri"}
    assert stored == _computed_review(loaded)


def test_review_list_of_an_empty_graph(embedded_server: EmbeddedServer) -> None:
    g = _graph(embedded_server, "t_deals_empty_review")
    try:
        assert Deals(g).review() == ([], {})
    finally:
        g.close()


def test_each_transfer_has_reports_and_provenance_two_hops_away(loaded: FalkorStore) -> None:
    orphans = loaded.run("MATCH (t:Transfer) WHERE NOT (t)<-[:REPORTS]-(:Report) RETURN count(t)").rows  # type: ignore[arg-type]
    assert orphans[0][0] == 0
    unsourced = loaded.run(  # type: ignore[arg-type]
        "MATCH (r:Report) WHERE NOT (r)-[:SOURCED_FROM]->(:Document) RETURN count(r)").rows
    assert unsourced[0][0] == 0
    live = loaded.run("MATCH (r:Report) WHERE r.withdrawn_by IS NULL AND NOT (r)-[:REPORTS]->() "  # type: ignore[arg-type]
                      "RETURN count(r)").rows
    assert live[0][0] == 0, "a Report that is not withdrawn belongs to exactly one deal"
    twice = loaded.run("MATCH (r:Report)-[m:REPORTS]->() WITH r, count(m) AS n WHERE n > 1 "  # type: ignore[arg-type]
                       "RETURN count(r)").rows
    assert twice[0][0] == 0


def _find(store: FalkorStore, spec: dict[str, Any], block: str | None) -> str:
    if "id" in spec:
        return str(spec["id"])
    where = " AND ".join(f"r.{k} = ${k}" if v is not None else f"r.{k} IS NULL" for k, v in spec.items())
    params = {k: v for k, v in spec.items() if v is not None}
    rows = store.run(f"MATCH (r:Report) WHERE {where} AND r.block = $block RETURN r.id",  # type: ignore[arg-type]
                     {**params, "block": block}).rows
    assert len(rows) == 1, (spec, rows)
    return str(rows[0][0])


def test_hand_checked_matches(loaded: FalkorStore) -> None:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(gold) >= 50
    review = Deals(loaded).review()[0]
    listed = {frozenset((i.record, i.candidate)) for i in review}
    linked_right = linked_wrong = missed = 0
    for item in gold:
        other = str(item["other"]["id"])
        block = loaded.run("MATCH (r:Report {id: $id}) RETURN r.block", {"id": other}).rows  # type: ignore[arg-type]
        assert block, f"gold record {other} is not in the graph"
        record = _find(loaded, item["record"], block[0][0])
        deals = loaded.run("MATCH (a:Report {id: $a})-[:REPORTS]->(t)<-[:REPORTS]-(b:Report {id: $b}) "  # type: ignore[arg-type]
                           "RETURN count(t)", {"a": record, "b": other}).rows
        together = deals[0][0] > 0
        if together and item["verdict"] == "same":
            linked_right += 1
        elif together:
            linked_wrong += 1
        elif item["verdict"] == "same" and frozenset((record, other)) not in listed:
            missed += 1
    assert linked_right + linked_wrong >= 50
    assert linked_right / (linked_right + linked_wrong) >= 0.95
    assert missed == 0, "a record of a deal SIPRI has is linked to it or on the review list"


def test_load_order_does_not_change_the_deals(embedded_server: EmbeddedServer, shared_data: Path,
                                              newest: FalkorStore) -> None:
    forward = _graph(embedded_server, "t_deals_forward")
    backward = _graph(embedded_server, "t_deals_backward")
    try:
        for name in EXCERPTS:
            _load(forward, _files(shared_data, (name,)))
        for name in reversed(EXCERPTS):
            _load(backward, _files(shared_data, (name,)))
        # (a WeaponSystem's spelling is whichever file named it last: compare the weapon by id, not caption)
        query = ("MATCH (t:Transfer)-[:OF]->(w) OPTIONAL MATCH (t)<-[m:REPORTS]-(r) "
                 "WITH t, w, collect(r.id + m.rule) AS rs "
                 "RETURN t.id, t.tiv_delivered, t.stage, w.id, size(rs) ORDER BY t.id")
        assert forward.run(query).rows == backward.run(query).rows  # type: ignore[arg-type]
        before = forward.run(query).rows  # type: ignore[arg-type]
        report = load_paths(forward, _files(shared_data, EXCERPTS), note=None)
        assert all(d.skipped for d in report.documents)
        _load(forward, _files(shared_data, (NEWEST,)))
        report = load_paths(forward, _files(shared_data, (NEWEST,)), force=True, note=None)
        assert forward.run(query).rows == before  # type: ignore[arg-type]
    finally:
        for g in (forward, backward):
            g.clear()
            g.close()


def test_judgements_are_replayed_on_reload(embedded_server: EmbeddedServer, shared_data: Path,
                                           tmp_path: Path) -> None:
    g = _graph(embedded_server, "t_deals_judged")
    os.chmod(tmp_path, 0o700)
    judgements = tmp_path / "deal-judgements.csv"
    try:
        files = _files(shared_data, ("classic-trade-register-2025-03", NEWEST))
        _load(g, files, judgements)
        deals = Deals(g, judgements)
        items, _ = deals.review()
        cross = [i for i in items if i.rule == "sipri-cross-format"]
        assert cross, "the excerpts have cross-format matches too weak to take alone"
        item = cross[0]
        count = "MATCH (t:Transfer) RETURN count(t)"
        before = g.run(count).rows[0][0]  # type: ignore[arg-type]
        record_judgement(judgements, item.record, item.candidate, "same", "checked by hand")
        blocks = deals.blocks_of_reports([item.record, item.candidate])
        deals.resolve(set(blocks.values()))
        together = ("MATCH (a:Report {id: $a})-[:REPORTS]->(t)<-[:REPORTS]-(b:Report {id: $b}) "
                    "RETURN t.id")
        pair = {"a": item.record, "b": item.candidate}
        joined = g.run(together, pair).rows  # type: ignore[arg-type]
        # one deal now: one Transfer fewer, or the same count when the older record had been withdrawn (unlisted)
        assert joined and g.run(count).rows[0][0] in (before, before - 1)  # type: ignore[arg-type]
        assert all(frozenset((i.record, i.candidate)) != frozenset(pair.values()) for i in deals.review()[0])
        assert _stored_review(g, judgements) == _computed_review(g, judgements)
        load_paths(g, files, force=True, note=None, judgements=judgements)  # a reload keeps the decision
        assert g.run(together, pair).rows == joined  # type: ignore[arg-type]
        assert _stored_review(g, judgements) == _computed_review(g, judgements)
        record_judgement(judgements, item.record, item.candidate, "different")
        deals.resolve(set(blocks.values()))
        assert not g.run(together, pair).rows  # type: ignore[arg-type]
        assert all(frozenset((i.record, i.candidate)) != frozenset(pair.values()) for i in deals.review()[0])
        assert _stored_review(g, judgements) == _computed_review(g, judgements)
    finally:
        g.clear()
        g.close()


def test_text_report_with_no_sipri_deal_is_its_own_transfer(embedded_server: EmbeddedServer, shared_data: Path,
                                                            seed_article: Path) -> None:
    """The seed story's DPICM decision: a text report, no SIPRI deal yet: one Transfer, reported in text."""
    g = _graph(embedded_server, "t_deals_dpicm")
    try:
        _load(g, [*_files(shared_data, (NEWEST,)), seed_article])
        rows = g.run("MATCH (r:Report {source: 'text'})-[m:REPORTS]->(t:Transfer)-[:OF]->(w:WeaponSystem) "  # type: ignore[arg-type]
                     "WHERE w.designation = 'DPICM' RETURN t.sources, t.vintage, m.rule").rows
        assert rows and all(r[0] == ["text"] and r[1] is None for r in rows)
    finally:
        g.clear()
        g.close()
