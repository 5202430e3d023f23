"""The bulk path's parallel read (graph/bulk_read.py): a SIPRI export parsed in ranges by forked workers gives the
graph and the load report of a whole read, whatever the ranges cut."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from armsgraph.graph import bulk_read
from armsgraph.graph.bulk import bulk_load, read_graph
from armsgraph.graph.load import LoadReport
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.sipri.loader import read_export_text

Snapshotter = Callable[[FalkorStore], tuple[list[str], list[str]]]
Register = Callable[[int], Path]

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def small_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ranges of a few hundred lines, so that the shared excerpts and small registers are cut in several."""
    monkeypatch.setattr(bulk_read, "MIN_RANGE_LINES", 40)
    monkeypatch.setattr(bulk_read, "RANGE_LINES", 300)


def _report(report: LoadReport) -> list[tuple[object, ...]]:
    """What a load report says per document: counts (the facts aside, see docs/loading.md) and every problem."""
    return [(d.file, d.records, d.errors, d.warnings, d.committed, d.skipped,
             sorted((e.file, e.line, e.field, e.reason, e.severity) for e in d.problems)) for d in report.documents]


def _both_ways(store: FalkorStore, other: FalkorStore, paths: list[Path], snapshot: Snapshotter,
               ) -> tuple[LoadReport, LoadReport]:
    """Load ``paths`` read in ranges by 3 workers into ``store``, and read whole (one worker) into ``other``;
    assert the same graph, report and names to review (the workers' resolvers are not the one flushed)."""
    resolvers = Resolver.standard(), Resolver.standard()
    ranged = bulk_load(store, paths, resolver=resolvers[0], workers=3)
    whole = bulk_load(other, paths, resolver=resolvers[1], workers=1)
    assert all(d.committed for d in whole.documents)
    assert _report(ranged) == _report(whole)
    assert snapshot(store) == snapshot(other)
    assert resolvers[0].review() == resolvers[1].review()
    return ranged, whole


def _cut(path: Path) -> list[int]:
    """The first line of each range the parallel read cuts ``path`` in."""
    found = bulk_read.plan(read_export_text(path), 3, path.parent)
    assert found is not None, f"{path.name} is read whole"
    return [first for _, _, first in found.ranges]


def test_ranges_give_the_whole_read(store: FalkorStore, other: FalkorStore, shared_data: Path, tmp_path: Path,
                                    generated_register: Register, graph_snapshot: Snapshotter,
                                    small_ranges: None) -> None:
    """Both formats (the transfers excerpts, the classic one and its spreadsheet re-save with its continuation
    rows), a generated register whose classic identities repeat across ranges, after the seed entities."""
    sipri = shared_data / "sipri"
    lines = generated_register(2500).read_text(encoding="cp1252").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier"))
    whole = [line for line in lines[header + 1:header + 200] if len(line.split(",")) == 16][:5]
    register = tmp_path / "register-repeated.csv"  # records of the first range again in later ones: '-2', '-3'
    register.write_text("\n".join([*lines[:header + 1 + 1000], *whole, *lines[header + 1 + 1000:], *whole]) + "\n",
                        encoding="cp1252")  # as the generator writes it
    exports = [sipri / "classic-trade-register-2025-03.excerpt.csv",
               sipri / "classic-trade-register-resaved.excerpt.csv", sipri / "transfers-2026-02.excerpt.csv",
               sipri / "transfers-2025-01.excerpt.csv", register]
    for path in exports:
        assert len(_cut(path)) >= 3
    ranged, _ = _both_ways(store, other, [REPO / "examples" / "seed-entities.jsonl", *exports], graph_snapshot)
    assert all(d.committed for d in ranged.documents)
    # the register's keys with a '-n' suffix whose record sits in a later range than the identity's first one:
    # numbered after the earlier ranges' records, as the whole read numbers them
    starts = _cut(exports[-1])
    rows = store.run("MATCH (r:Report)-[s:SOURCED_FROM]->(:Document {path: $path}) "
                     "RETURN r.key AS key, s.locators AS locators", {"path": exports[-1].name}).rows
    first_line = {key.split("@")[0]: int(locs[0][1:].split("-")[0]) for key, locs in rows}  # 'L534' or 'L534-535'

    def range_of(line: int) -> int:
        return sum(1 for start in starts if start <= line)

    crossing = [key for key, line in first_line.items()
                if (base := key.rpartition("-")[0]) in first_line and key.rpartition("-")[2].isdigit()
                and range_of(line) > range_of(first_line[base])]
    assert len(crossing) >= 10, "identities repeated across ranges: the test checks them"
    assert any(key.endswith("-3") for key in crossing)


def test_a_bad_row_in_a_later_range_names_its_line(store: FalkorStore, other: FalkorStore, tmp_path: Path,
                                                   generated_register: Register, graph_snapshot: Snapshotter,
                                                   small_ranges: None) -> None:
    lines = generated_register(1200).read_text(encoding="cp1252").splitlines()
    bad = tmp_path / "bad-rows.csv"
    starts = _cut(generated_register(1200))
    target = starts[1] + 5  # a line (1-based) inside the second range
    fields = lines[target - 1].split(",")
    fields[2] = "19x5"  # Year of order
    lines[target - 1] = ",".join(fields)
    unknown = [i for i in (starts[1] + 8, starts[2] + 8) if len(lines[i - 1].split(",")) == 16]
    for line in unknown:  # a supplier no table knows, in two ranges: one warning, on the review list once
        fields = lines[line - 1].split(",")
        fields[1] = "Republic of Nowhereland"
        lines[line - 1] = ",".join(fields)
    lines.insert(starts[2] + 2, "Somewhere,Elsewhere,2001")  # a truncated record in the third range
    bad.write_text("\n".join(lines) + "\n", encoding="cp1252")
    ranged, _ = _both_ways(store, other, [bad], graph_snapshot)
    problems = {(e.line, e.field) for e in ranged.documents[0].problems if e.severity == "error"}
    assert (target, "Year of order") in problems
    assert any(line == starts[2] + 3 for line, _ in problems)
    assert ranged.documents[0].committed
    assert len(unknown) == 2
    warned = [e for e in ranged.documents[0].problems if "Nowhereland" in e.reason]
    assert [(e.line, e.field) for e in warned] == [(unknown[0], "Supplier")] and "(2 records)" in warned[0].reason


def test_a_cut_never_splits_a_multi_line_classic_record(store: FalkorStore, other: FalkorStore, tmp_path: Path,
                                                        generated_register: Register, graph_snapshot: Snapshotter,
                                                        small_ranges: None) -> None:
    """Every record's Comments broken over two lines (the second starting with ','): each range starts at a
    record's first line, and the records are those of the whole read, with their two-line numbers."""
    lines = generated_register(600).read_text(encoding="cp1252").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier"))
    out = lines[:header + 1]
    for line in lines[header + 1:]:
        fields = line.split(",")
        out += [",".join(fields[:13]), "," + ",".join(fields[13:])] if len(fields) == 16 else [line]
    broken = tmp_path / "multi-line.csv"
    broken.write_text("\n".join(out) + "\n", encoding="cp1252")
    starts = _cut(broken)
    assert all(not out[first - 1].startswith(",") for first in starts)
    ranged, _ = _both_ways(store, other, [broken], graph_snapshot)
    assert ranged.documents[0].records == 600 and not ranged.documents[0].errors
    spans = store.run("MATCH (r:Report)-[s:SOURCED_FROM]->(:Document) RETURN s.locators AS locators").rows
    assert all(len(locators) == 1 and locators[0].startswith("L") for (locators,) in spans)
    assert store.run("MATCH (r:Report) WHERE r.comments CONTAINS '\n' RETURN count(r)").scalar() == 0


def test_a_deal_whose_rows_two_ranges_hold_is_read_whole(store: FalkorStore, other: FalkorStore, tmp_path: Path,
                                                         shared_data: Path, graph_snapshot: Snapshotter,
                                                         small_ranges: None) -> None:
    """A transfers-format deal's rows apart (one moved to the end): the cut cannot see it, the check before the
    merge does, and the file is read whole."""
    lines = (shared_data / "sipri" / "transfers-2026-02.excerpt.csv").read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("SIPRI AT Database ID"))
    ids = [line.split(",", 1)[0] for line in lines[header + 1:]]
    repeated = next(i for i in range(len(ids) - 1) if ids[i] and ids[i] == ids[i + 1])
    moved = lines.pop(header + 1 + repeated)
    lines.append(moved)
    apart = tmp_path / "transfers-apart.csv"
    apart.write_text("\n".join(lines) + "\n", encoding="utf-8")
    graph, _ = read_graph([apart], workers=3)
    assert graph is not None
    with graph:
        assert not list(graph.table.path.glob("range-*")), "the ranges' tables are removed"
    _both_ways(store, other, [apart], graph_snapshot)


def test_a_small_export_is_read_whole(shared_data: Path) -> None:
    source = read_export_text(shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv")
    assert bulk_read.plan(source, 2, Path()) is None
    assert bulk_read.plan(source, 1, Path()) is None


def test_a_failed_document_leaves_no_graph_when_another_was_read_in_ranges(
        store: FalkorStore, tmp_path: Path, generated_register: Register, small_ranges: None) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\xff\xfe\x00garbage that is no loader's format\x00")
    report = bulk_load(store, [generated_register(900), bad], workers=2)
    assert report.failed
    assert not any(d.committed for d in report.documents)
    assert store.run("MATCH (n) RETURN count(n)").scalar() == 0
