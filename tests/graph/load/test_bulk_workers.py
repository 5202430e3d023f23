"""The bulk path's number of workers (``armsgraph load --bulk --workers N``, ``ARMSGRAPH_BULK_WORKERS``) changes
where deals are resolved and encoded, never the graph."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pool_children import children_left

from armsgraph.graph import bulk
from armsgraph.graph.bulk import BulkGraph, build_graph, bulk_load, read_graph
from armsgraph.graph.cli.main import main
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.schema.errors import ArmsgraphError, UserError

Snapshotter = Callable[[FalkorStore], tuple[list[str], list[str]]]

REPO = Path(__file__).resolve().parents[3]
Register = Callable[[int], Path]  # the generated_register fixture: a register of N generated deals


def _streamed(target: FalkorStore, paths: list[Path], workers: int) -> tuple[int, int]:
    """Send as ``bulk_load`` does (each group encoded where it is resolved, sent as it is placed), in groups of
    3 Reports so that many groups go to the workers; returns (nodes, relationships) created."""
    graph, report = read_graph(paths, group_reports=3)
    assert graph is not None and not report.failed
    target.clear()
    with graph:
        created = target.bulk(lambda writer: graph.resolve(None, workers, writer))
        assert graph.resolved.groups > 10
        assert all(placed.encoded for placed in graph.segments)
        with pytest.raises(AssertionError, match="sent as it was resolved"):  # no rows are left to read
            next(graph.nodes())
    target.ensure_schema()
    return created


def test_one_worker_or_several_give_the_same_graph(store: FalkorStore, other: FalkorStore, shared_data: Path,
                                                   generated_register: Register, graph_snapshot: Snapshotter) -> None:
    """Groups resolved and encoded in the main process (1), in more workers than cores (3): the same graph as
    the rows built first and encoded by the main process (``build_graph`` then ``send``)."""
    paths = [REPO / "examples" / "seed-entities.jsonl",
             shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv",
             shared_data / "sipri" / "transfers-2026-02.excerpt.csv", generated_register(300)]
    built, report = build_graph(paths, group_reports=3, workers=1)
    assert built is not None and not report.failed
    store.clear()
    with built:
        expected_counts = store.bulk(built.send)
        assert not any(placed.encoded for placed in built.segments)
    store.ensure_schema()
    expected = graph_snapshot(store)
    assert expected_counts[0] > 1000
    for workers in (1, 3):
        assert _streamed(other, paths, workers) == expected_counts
        assert graph_snapshot(other) == expected, f"{workers} worker(s)"


def test_workers_out_of_range_are_refused(store: FalkorStore) -> None:
    for workers in (0, -1, 17):
        with pytest.raises(UserError, match="--workers must be between 1 and 16"):
            bulk_load(store, [REPO / "examples" / "seed-entities.jsonl"], workers=workers)
    assert store.run("MATCH (n) RETURN count(n)").scalar() == 0


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data"
    yield path
    EmbeddedServer(path).stop()


def _cli(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args],
                              env={"NEO4J_URI": "", "ARMSGRAPH_DEBUG": "", "ARMSGRAPH_BULK_WORKERS": "",
                                   **(env or {})})


def test_the_cli_takes_workers_from_the_flag_or_the_environment(data_dir: Path, tmp_path: Path,
                                                                 generated_register: Register,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    resolve = BulkGraph.resolve

    def noted(graph: BulkGraph, judgements: Path | None, workers: int = 2, writer: object = None) -> None:
        seen.append(workers)
        resolve(graph, judgements, workers, writer)  # type: ignore[arg-type]

    monkeypatch.setattr(BulkGraph, "resolve", noted)
    register = generated_register(50)
    ok = _cli(data_dir, "load", "--bulk", "--workers", "1", "--format", "json", str(register))
    assert ok.exit_code == 0, ok.output
    assert _cli(data_dir, "cypher", "MATCH (t:Transfer) RETURN count(t) AS n", "--format", "csv").output \
        .splitlines()[-1] == "50"
    assert _cli(data_dir, "--database", "second", "load", "--bulk", str(register),
                env={"ARMSGRAPH_BULK_WORKERS": "3"}).exit_code == 0
    assert seen == [1, 3]
    bad = _cli(data_dir, "--database", "third", "load", "--bulk", "--workers", "0", str(register))
    assert bad.exit_code == 2 and "--workers" in bad.output
    alone = _cli(data_dir, "--database", "third", "load", "--workers", "2", str(register))
    assert alone.exit_code != 0
    assert alone.output.strip().splitlines() == ["armsgraph: error: --workers applies to --bulk only"]
    # the variable alone does not stop an incremental load
    assert _cli(data_dir, "--database", "third", "load", str(register),
                env={"ARMSGRAPH_BULK_WORKERS": "2"}).exit_code == 0


def test_bad_rows_give_their_line_and_field_with_workers(store: FalkorStore, other: FalkorStore,
                                                         generated_register: Register,
                                                         graph_snapshot: Snapshotter) -> None:
    """Bad rows early and late in a register (a year that is no year, a truncated record, hostile text) are
    reported with the same file:line:field as the incremental load, skipped, and the rest builds its graph."""
    path = generated_register(400)
    lines = path.read_text(encoding="cp1252").splitlines()  # the generator writes Latin-1, as SIPRI does
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier"))
    early, late, last = header + 3, header + 350, len(lines) - 1
    fields = lines[early].split(",")
    fields[2] = "19x9"  # Year of order
    lines[early] = ",".join(fields)
    lines[late] = ",".join(lines[late].split(",")[:9])  # cut after 9 of 16 fields
    fields = lines[last].split(",")
    fields[12] = "'); MATCH (n) DETACH DELETE n; // ü"  # Comments: stored as text, never run
    lines[last] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    incremental = load_paths(store, [path], note=None)
    bulk = bulk_load(other, [path], workers=2)
    problems = [(p.file, p.line, p.field, p.reason) for d in bulk.documents for p in d.problems]
    assert problems == [(p.file, p.line, p.field, p.reason) for d in incremental.documents for p in d.problems]
    assert {(line, field) for _, line, field, _ in problems} >= {(early + 1, "Year of order"),
                                                                 (late + 1, "Number delivered estimate flag")}
    assert [(d.records, d.facts, d.errors) for d in bulk.documents] == \
        [(d.records, d.facts, d.errors) for d in incremental.documents]
    assert graph_snapshot(other) == graph_snapshot(store)
    assert other.run("MATCH (r:Report) WHERE r.comments STARTS WITH \"');\" RETURN count(r)").scalar() == 1


_resolve_group = bulk._forked_group


def _dies_at_group_2(task: bulk.Task) -> bulk.GroupResult:
    """A worker's group task that kills its process at group 2 (module-level: the pool pickles it by name)."""
    if task.number == 2:
        time.sleep(0.5)  # after the last submit (a submit racing the pool's failing of its tasks: see worker_pool)
        os._exit(9)
    return _resolve_group(task)


def test_a_resolving_worker_that_dies_fails_the_build(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed while it resolves a group (as the kernel's OOM killer ends one): the build fails with one
    line (``bulk_load`` then clears what it sent), instead of waiting forever for the lost group."""
    monkeypatch.setattr(bulk, "_forked_group", _dies_at_group_2)
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the build waits for a dead worker"))
    signal.alarm(120)
    try:
        with pytest.raises(ArmsgraphError, match="a worker resolving deals died") as failed:
            build_graph([shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv"], group_reports=3,
                        workers=2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "\n" not in str(failed.value)
    assert not children_left(), "a worker of the broken pool is left running: the process would hang at exit"

