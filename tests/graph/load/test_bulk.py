"""The bulk path (``armsgraph load --bulk``) builds exactly the graph the incremental load builds."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from armsgraph.graph import bulk
from armsgraph.graph.bulk import MIN_GROUP, SPOOLED, BulkGraph, build_graph, bulk_load, group_size, read_graph
from armsgraph.graph.bulk_table import Spool
from armsgraph.graph.deals import GROUP_REPORTS
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import falkor_bulk
from armsgraph.graph.store.falkor_bulk import BulkWriter, encode
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.loaders.deals import record_judgement
from armsgraph.schema import RELATION_TYPES
from armsgraph.schema.errors import StoreError, UserError

Snapshotter = Callable[[FalkorStore], tuple[list[str], list[str]]]

REPO = Path(__file__).resolve().parents[3]
Register = Callable[[int], Path]  # the generated_register fixture: a register of N generated deals

INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties"



def _inputs(shared_data: Path, generated_register: Register) -> list[Path]:
    sipri = shared_data / "sipri"
    return [REPO / "examples" / "seed-entities.jsonl",
            shared_data / "news" / "rt-2023-07-antonov-cluster-munitions.txt",
            sipri / "classic-trade-register-2025-03.excerpt.csv", sipri / "transfers-2026-02.excerpt.csv",
            generated_register(400)]


def test_bulk_graph_equals_incremental(store: FalkorStore, other: FalkorStore, shared_data: Path,
                                       generated_register: Register, graph_snapshot: Snapshotter) -> None:
    snapshot = graph_snapshot
    paths = _inputs(shared_data, generated_register)
    incremental = load_paths(store, paths, note=None)
    bulk = bulk_load(other, paths)
    assert [d.committed for d in bulk.documents] == [d.committed for d in incremental.documents]
    assert all(d.committed for d in bulk.documents)
    assert [(d.records, d.facts, d.errors, d.warnings) for d in bulk.documents] == \
        [(d.records, d.facts, d.errors, d.warnings) for d in incremental.documents]
    nodes, edges = snapshot(store)
    bulk_nodes, bulk_edges = snapshot(other)
    assert any('"Transfer"' in n for n in nodes) and any('"REPORTS"' in e for e in edges)
    assert bulk_nodes == nodes
    assert bulk_edges == edges
    assert sorted(map(str, other.run(INDEXES).rows)) == sorted(map(str, store.run(INDEXES).rows))
    # a reload after the bulk load is skipped by content hash, as after an incremental one
    again = load_paths(other, paths[:2], note=None)
    assert all(d.skipped for d in again.documents)


def _send_split(graph: BulkGraph, target: FalkorStore, monkeypatch: pytest.MonkeyPatch) -> int:
    """Send ``graph`` to ``target`` in commands of 16 KB; returns how many commands."""
    commands: list[int] = []

    def send(writer: BulkWriter) -> None:
        graph.send(writer)
        commands.append(writer.commands)

    monkeypatch.setattr(falkor_bulk, "MAX_BLOB", 16 * 1024)  # a few hundred entities a command
    target.clear()
    created = target.bulk(send)
    target.ensure_schema()
    assert created == graph.counts()
    return commands[0]


def test_bulk_split_over_several_commands_gives_the_same_graph(store: FalkorStore, other: FalkorStore,
                                                                 shared_data: Path, generated_register: Register,
                                                                 graph_snapshot: Snapshotter,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A graph too large for one GRAPH.BULK command goes as BEGIN and continuations, each naming nodes by
    their position among all the nodes sent so far: the result is the graph one command builds."""
    paths = _inputs(shared_data, generated_register)
    whole = bulk_load(store, paths)
    assert not whole.failed
    graph, report = build_graph(paths, group_reports=GROUP_REPORTS)
    assert graph is not None and not report.failed
    with graph:
        assert graph.resolved.groups == 1  # the incremental path's bound holds every block of these inputs
        assert _send_split(graph, other, monkeypatch) > 10  # nodes and relationships both cut across commands
    assert graph_snapshot(other) == graph_snapshot(store)


def test_a_group_written_in_small_chunks_gives_the_same_graph(store: FalkorStore, other: FalkorStore,
                                                              shared_data: Path, generated_register: Register,
                                                              graph_snapshot: Snapshotter,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Every label and type of a group goes to its segment a chunk at a time (a block of 37,826 Reports at 1M was
    encoded at once), and its Reports are released once written: streamed as bulk_load sends (the segments
    encoded), the graph is the one a default bulk load builds (itself the incremental one, above)."""
    paths = _inputs(shared_data, generated_register)
    whole = bulk_load(store, paths)
    assert not whole.failed
    monkeypatch.setattr(bulk, "SPOOL_CHUNK", 7)
    graph, report = read_graph(paths)
    assert graph is not None and not report.failed
    other.clear()
    with graph:
        created = other.bulk(lambda writer: graph.resolve(None, 1, writer))
        assert created == graph.counts() and graph.resolved.groups == 1
        group = graph.segments[0]
        assert group.encoded
        chunks = list(Spool(group.nodes_path, group.nodes).chunks())
        assert len(chunks) >= group.nodes // 7 > 50  # no label went as one chunk
        assert max(len(encoded) for _, (_, encoded) in chunks) <= 7
    other.ensure_schema()
    assert graph_snapshot(other) == graph_snapshot(store)


def test_bulk_in_tiny_groups_gives_the_incremental_graph(store: FalkorStore, other: FalkorStore, shared_data: Path,
                                                        tmp_path: Path, generated_register: Register,
                                                        graph_snapshot: Snapshotter,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The bounded build: deals resolved a few Reports at a time (groups widened to whole deals by SIPRI id and by
    a researcher's judgement joining two blocks), sent in many small commands, gives the incremental graph."""
    paths = _inputs(shared_data, generated_register)
    probe, _ = build_graph(paths)
    assert probe is not None
    with probe:  # two Reports of different blocks, judged one deal: the group of one must be widened to the other
        sent = [props for _, chunk in probe.nodes() for props in chunk]
        first: dict[str, str] = {}  # block -> its least Report that REPORTS a deal
        reporting = (sent[src]["id"] for rel, chunk in probe.edges() if rel == "REPORTS" for src, _, _ in chunk)
        for report in sorted(reporting):
            first.setdefault(probe.table.get([report])[report][1]["block"], report)
        rows = [(report, block) for block, report in sorted(first.items())[:2]]
    assert len(rows) == 2 and rows[0][1] != rows[1][1]
    judgements = tmp_path / "judgements.jsonl"
    record_judgement(judgements, rows[0][0], rows[1][0], "same", "test: one deal across blocks")
    incremental = load_paths(store, paths, note=None, judgements=judgements)
    assert not incremental.failed
    graph, report = build_graph(paths, judgements=judgements, group_reports=3, workers=2)  # two forked workers
    assert graph is not None and not report.failed
    with graph:
        assert graph.resolved.groups > 10
        assert graph.resolved.reports < sum(graph.table.block_counts().values())  # no group held every Report
        assert _send_split(graph, other, monkeypatch) > 10
    nodes, edges = graph_snapshot(other)
    assert (nodes, edges) == graph_snapshot(store)
    judged = {rows[0][0], rows[1][0]}
    deals = {dst for src, rel, _, dst in map(json.loads, edges) if rel == "REPORTS" and src in judged}
    assert len(deals) == 1  # the judgement joined them, in whichever groups their blocks fell
    # as bulk_load sends: each group's segment while the workers resolve the next, the held edges last
    streamed, _ = read_graph(paths, group_reports=3)
    assert streamed is not None
    other.clear()
    with streamed:
        created = other.bulk(lambda writer: streamed.resolve(judgements, 2, writer))
        assert created == streamed.counts() and streamed.resolved.groups > 10
    other.ensure_schema()
    assert graph_snapshot(other) == (nodes, edges)


def test_spooled_rows_name_their_ends_by_position(shared_data: Path, generated_register: Register) -> None:
    """Reports, Transfers and totals go to the spool as their group is resolved, never held in memory, and each
    relationship names its ends by position (the GRAPH.BULK id): every end is a node of a label its type joins,
    every Report is sent once, and a Transfer's SUPPLIED and TO ends are its block's parties."""
    graph, report = build_graph(_inputs(shared_data, generated_register), group_reports=3, workers=1)  # in this process
    assert graph is not None and not report.failed
    with graph:
        # a segment per group, one of WeaponTotals (one range of recipients in this process), the Reports in no block
        assert graph.resolved.groups > 10 and len(graph.segments) == graph.resolved.groups + 2
        assert not any(node[0].split(":")[0] in SPOOLED for node in graph.held.values())
        rows = [(labels, props) for labels, chunk in graph.nodes() for props in chunk]
        ids = [props["id"] for _, props in rows]
        assert len(set(ids)) == len(ids) == graph.counts()[0]
        assert sum(labels == "Report" for labels, _ in rows) == graph.table.count() > 400
        edges = [(rel, src, dst) for rel, chunk in graph.edges() for src, dst, _ in chunk]
        assert len(edges) == graph.counts()[1]
        assert {rel for rel, _, _ in edges} >= {"SOURCED_FROM", "REPORTS", "SUPPLIED", "TO", "OF", "IN_CATEGORY"}
        for rel, src, dst in edges:
            ends = [set(rows[pos][0].split(":")) for pos in (src, dst)]
            if rel == "SOURCED_FROM":
                assert ends[1] == {"Document"}
                continue
            relations = [r for r in RELATION_TYPES if r.type == rel]  # OF: a Transfer's weapon, a Position's body
            assert any(ends[0] & {t.label for t in r.sources} and ends[1] & {t.label for t in r.targets}
                       for r in relations), (rel, ids[src], ids[dst])
            if rel in ("SUPPLIED", "TO"):
                transfer = rows[dst if rel == "SUPPLIED" else src][1]
                supplier, _, recipient = transfer["block"].partition("|")
                assert ids[src if rel == "SUPPLIED" else dst] == (supplier if rel == "SUPPLIED" else recipient)


def test_bulk_refuses_a_graph_that_holds_anything(store: FalkorStore, shared_data: Path,
                                                   graph_snapshot: Snapshotter) -> None:
    snapshot = graph_snapshot
    load_paths(store, [REPO / "examples" / "seed-entities.jsonl"], note=None)
    before = snapshot(store)
    with pytest.raises(UserError, match="empty graph only"):
        bulk_load(store, [shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv"])
    assert snapshot(store) == before


def test_bulk_writes_nothing_when_a_document_fails(store: FalkorStore, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\xff\xfe\x00garbage that is no loader's format\x00")
    report = bulk_load(store, [REPO / "examples" / "seed-entities.jsonl", bad])
    assert report.failed
    assert not any(d.committed for d in report.documents)
    assert store.run("MATCH (n) RETURN count(n)").scalar() == 0


def test_a_send_that_fails_part_way_leaves_no_graph(store: FalkorStore, shared_data: Path, generated_register: Register,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Nodes already sent in earlier GRAPH.BULK commands when sending fails (here: the last edges cannot be read) are
    removed with the graph: the store is as empty as before, and a bulk load can run again."""
    paths = _inputs(shared_data, generated_register)
    monkeypatch.setattr(falkor_bulk, "MAX_BLOB", 16 * 1024)  # many commands: the first go out before the failure

    def unreadable(graph: BulkGraph) -> Iterator[Any]:
        raise ValueError("spool unreadable")
        yield

    with monkeypatch.context() as patch:
        patch.setattr(BulkGraph, "_held_edges", unreadable)  # sent last, after every node
        with pytest.raises(ValueError, match="spool unreadable"):
            bulk_load(store, paths)
    assert store.run("MATCH (n) RETURN count(n)").scalar() == 0
    assert not bulk_load(store, paths).failed
    assert store.run("MATCH (n) RETURN count(n)").scalar() > 1000


@pytest.mark.parametrize("value", ["a\x00b", float("nan"), 2**64, {"a": 1}, ["a", "b\x00"], [1, 2**64],
                                   [0.5, float("inf")]])
def test_values_the_protocol_cannot_carry_are_refused(value: Any) -> None:
    with pytest.raises(StoreError):
        encode(value)
    writer = BulkWriter(None, "unused")  # the rows' own encoding (lists of one type packed at once) refuses them too
    with pytest.raises(StoreError):
        writer.nodes("Actor", ["id", "v"], [{"id": "x", "v": value}])


def test_value_types_survive_the_protocol(store: FalkorStore) -> None:
    values = {"s": "1990", "e": "", "i": -(2**63), "f": 0.1, "t": True, "l": ["1990", 1, 2.5, False],
              "u": "Ʃ → 'quote' \"dq\" \\ ;", "li": [1990, 2**63 - 1], "lf": [0.1, -2.5], "lb": [True, False],
              "ls": ["1990", "", "Ʃ"], "b": False}
    store.clear()

    def fill(writer: BulkWriter) -> None:
        writer.nodes("Actor", ["id", *values], [{"id": "x", **values}])
        writer.flush()

    assert store.bulk(fill) == (1, 0)
    assert store.run("MATCH (n:Actor) RETURN properties(n)").scalar() == {"id": "x", **values}


def test_groups_are_planned_for_the_workers_unless_given(shared_data: Path, generated_register: Register) -> None:
    """The bound of a group (docs/loading.md, "Session 12: the critical path"): the incremental path's in one
    process; with workers, about four groups per worker, never under MIN_GROUP nor over GROUP_REPORTS; a bound
    given (the tiny-group tests) is kept."""
    assert group_size(30_000, 1) == GROUP_REPORTS
    assert group_size(30_000, 2) == 3_750  # ceil(30,000 / 8)
    assert group_size(30_001, 2) == 3_751
    assert group_size(1_000, 2) == MIN_GROUP
    assert group_size(10**6, 2) == GROUP_REPORTS
    assert group_size(60_000, 3) == 5_000
    paths = _inputs(shared_data, generated_register)
    # these inputs: one group of GROUP_REPORTS; two of MIN_GROUP; a bound given is kept whatever the workers
    for workers, given, groups in ((1, None, 1), (2, None, 2), (2, GROUP_REPORTS, 1)):
        graph, _ = build_graph(paths, group_reports=given, workers=workers)
        assert graph is not None
        with graph:
            assert MIN_GROUP < sum(graph.table.block_counts().values()) <= min(2 * MIN_GROUP, GROUP_REPORTS)
            assert graph.group_reports == given and graph.resolved.groups == groups
