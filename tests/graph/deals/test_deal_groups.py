"""Deal resolution a bounded group of blocks at a time gives exactly the graph of one resolution over every block
(the SIPRI excerpts, the tracker and the news on the real embedded engine), a cross-block judgement included."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from armsgraph.graph import aggregates
from armsgraph.graph.deals import Deals
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.server import EmbeddedServer
from armsgraph.loaders.deals import record_judgement

Snapshotter = Callable[[FalkorStore], tuple[list[str], list[str]]]

EXCERPTS = ("classic-trade-register-2025-03", "classic-trade-register-resaved", "transfers-2025-01",
            "transfers-2026-02")
CROSS = ("MATCH (a:Report {source: 'tracker'}), (b:Report) WHERE b.source STARTS WITH 'sipri' "
         "AND b.withdrawn_by IS NULL AND a.block < b.block RETURN a.id, b.id ORDER BY a.id, b.id DESC LIMIT 1")
TOGETHER = "MATCH (a:Report {id: $a})-[:REPORTS]->(t:Transfer)<-[:REPORTS]-(b:Report {id: $b}) RETURN t.id"



@pytest.fixture
def loaded(embedded_server: EmbeddedServer, shared_data: Path) -> Iterator[FalkorStore]:
    g = FalkorStore(embedded_server, graph_name="t_deal_groups")
    g.clear()
    paths = [shared_data / "sipri" / f"{n}.excerpt.csv" for n in EXCERPTS]
    report = load_paths(g, [*paths, shared_data / "ukraine", shared_data / "news"], note=None)
    assert all(d.committed or d.skipped for d in report.documents), [d.note for d in report.documents]
    yield g
    g.clear()
    g.close()


def test_small_groups_give_the_graph_of_one_group(loaded: FalkorStore, tmp_path: Path,
                                                  graph_snapshot: Snapshotter) -> None:
    snapshot = graph_snapshot
    os.chmod(tmp_path, 0o700)
    judgements = tmp_path / "deal-judgements.csv"
    [(a, b)] = loaded.run(CROSS).rows  # type: ignore[arg-type]
    record_judgement(judgements, a, b, "same", "two blocks: the groups must read both together")
    reports = loaded.run("MATCH (r:Report) RETURN count(r)").scalar()
    loaded.run("MATCH (t:Transfer) DETACH DELETE t", write=True)  # the groups rebuild every Transfer

    small = Deals(loaded, judgements, group_reports=3).resolve_all()
    grouped = snapshot(loaded)
    assert loaded.run(TOGETHER, {"a": a, "b": b}).rows, "the judged pair was resolved in one group"
    whole = Deals(loaded, judgements, group_reports=10 * reports).resolve_all()

    assert whole.groups == 1 and whole.reports == reports
    assert small.groups > 10 and small.reports < reports / 4
    assert (small.deals, small.withdrawn) == (whole.deals, whole.withdrawn)
    assert loaded.run("MATCH (t:Transfer) RETURN count(t)").scalar() == whole.deals
    assert snapshot(loaded) == grouped


def test_groups_respect_the_bound_and_take_every_block(loaded: FalkorStore) -> None:
    deals = Deals(loaded, group_reports=50)
    blocks = {row[0] for row in loaded.run("MATCH (r:Report) RETURN DISTINCT r.block").rows}
    groups = deals.groups([*blocks, "no-such-block"])
    assert sorted(b for g in groups for b in g) == sorted([*blocks, "no-such-block"])
    count = "UNWIND $blocks AS b MATCH (r:Report {block: b}) RETURN count(r)"
    for group in groups:
        assert len(group) == 1 or loaded.run(count, {"blocks": group}).scalar() <= 50
    assert deals.groups([]) == []
    order = [b.partition("|")[2] for g in groups for b in g if b != "no-such-block"]
    assert order == sorted(order), "by recipient: a recipient's WeaponTotals are written by one group"


def test_weapon_totals_of_many_groups_are_those_of_one(
        loaded: FalkorStore, monkeypatch: pytest.MonkeyPatch, graph_snapshot: Snapshotter) -> None:
    """From an empty graph of totals, groups of 3 Reports give the WeaponTotals of one resolution of every block,
    with the entries written when the resolution ends and flushed after almost every group (a bound of 5 entries):
    a recipient's weapon gets suppliers from several groups, and a later group's must not replace an earlier one's.
    So does a resolution over the graph that holds them (each node rewritten, other suppliers' entries kept)."""
    clear = "MATCH (n) WHERE n:Transfer OR n:WeaponTotals OR n:DealTotals DETACH DELETE n"
    several = ("MATCH (x:WeaponTotals) WITH x, size(x.suppliers) AS n UNWIND x.suppliers AS s "
               "WITH x, n, count(DISTINCT s) AS suppliers WHERE suppliers > 1 RETURN count(x)")
    loaded.run(clear, write=True)
    assert Deals(loaded, group_reports=10**9).resolve_all().groups == 1
    expected = graph_snapshot(loaded)
    assert loaded.run(several).scalar() > 5
    for bound in (None, 5):
        loaded.run(clear, write=True)
        if bound is not None:
            monkeypatch.setattr(aggregates, "WEAPON_ENTRIES", bound)
        assert Deals(loaded, group_reports=3).resolve_all().groups > 10
        assert graph_snapshot(loaded) == expected, bound
    Deals(loaded, group_reports=7).resolve_all()
    assert graph_snapshot(loaded) == expected
