"""The bulk path's parallel read (graph/bulk_read.py): a SIPRI export parsed in ranges by forked workers gives the
graph and the load report of a whole read, whatever the ranges cut."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pool_children import children_left

from armsgraph.graph import bulk_read
from armsgraph.graph.bulk import bulk_load, read_graph
from armsgraph.graph.bulk_table import ReportTable
from armsgraph.graph.load import LoadReport
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.sipri import loader as sipri_loader
from armsgraph.loaders.sipri.loader import read_export_text
from armsgraph.loaders.sipri.reports import CHECKED, ReportMaker
from armsgraph.schema import Report

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
    found = bulk_read.plan(read_export_text(path), 3)
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


def _range_of(starts: list[int], line: int) -> int:
    """The index of the range holding ``line`` (1-based), given each range's first line."""
    return sum(1 for start in starts if start <= line) - 1


def _transfers_apart(shared_data: Path, tmp_path: Path, bad_first: bool) -> tuple[Path, list[int], int]:
    """The transfers excerpt with the second row of a deal moved to the end (its first row made unreadable when
    ``bad_first``): the file, its ranges' first lines, and the deal's first row's line."""
    lines = (shared_data / "sipri" / "transfers-2026-02.excerpt.csv").read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("SIPRI AT Database ID"))
    ids = [line.split(",", 1)[0] for line in lines[header + 1:]]
    repeated = next(i for i in range(len(ids) - 1) if ids[i] and ids[i] == ids[i + 1])
    kept = header + 1 + repeated  # 0-based: the deal's first row
    moved = lines.pop(kept + 1)
    if bad_first:
        lines[kept] = ",".join(lines[kept].split(",")[:5])  # a row that ends early: the whole deal is refused
    lines.append(moved)
    apart = tmp_path / "transfers-apart.csv"
    apart.write_text("\n".join(lines) + "\n", encoding="utf-8")
    starts = _cut(apart)
    assert _range_of(starts, kept + 1) < _range_of(starts, len(lines)), "the deal's rows are in two ranges"
    return apart, starts, kept + 1


def test_a_deal_whose_rows_two_ranges_hold_is_read_whole(store: FalkorStore, other: FalkorStore, tmp_path: Path,
                                                         shared_data: Path, graph_snapshot: Snapshotter,
                                                         small_ranges: None) -> None:
    """A transfers-format deal's rows apart (one moved to the end): the cut cannot see it, the check before the
    merge does, and the file is read whole."""
    apart, _, _ = _transfers_apart(shared_data, tmp_path, bad_first=False)
    graph, _ = read_graph([apart], workers=3)
    assert graph is not None
    with graph:
        assert not [p for p in graph.table.path.iterdir() if p.is_dir()], "the ranges' tables are removed"
    _both_ways(store, other, [apart], graph_snapshot)


def test_a_deal_refused_in_one_range_is_refused_whole(store: FalkorStore, other: FalkorStore, tmp_path: Path,
                                                      shared_data: Path, graph_snapshot: Snapshotter,
                                                      small_ranges: None) -> None:
    """A deal whose unreadable row is in the first range (no Report there) and whose good row is in the last: the
    whole read refuses the deal, so the ranged read must too (it reads the file whole)."""
    apart, _, line = _transfers_apart(shared_data, tmp_path, bad_first=True)
    ranged, _ = _both_ways(store, other, [apart], graph_snapshot)
    refused = [e for e in ranged.documents[0].problems if "not loaded" in e.reason]
    assert [e.line for e in refused] == [line]


def test_a_refused_record_repeated_across_ranges_keeps_the_numbering(
        store: FalkorStore, other: FalkorStore, tmp_path: Path, generated_register: Register,
        graph_snapshot: Snapshotter, small_ranges: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A classic record the model refuses (counted in its identity, as the whole read counts it, but no Report),
    repeated in later ranges: their renumbering skips it and leaves the whole read's gap."""

    make = ReportMaker.make

    def refusing(self: ReportMaker, checked: tuple[Any, ...], made: dict[str, Any]) -> Report:
        if checked[CHECKED.index("comments")] == "refused by the model":  # beyond 64 bits: the model's own error
            checked = tuple(2**63 if name == "number_delivered" else value
                            for name, value in zip(CHECKED, checked, strict=True))
        return make(self, checked, made)

    monkeypatch.setattr(ReportMaker, "make", refusing)
    lines = generated_register(1200).read_text(encoding="cp1252").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier"))
    at = next(i for i in range(header + 1, len(lines)) if len(lines[i].split(",")) == 16)
    fields = lines[at].split(",")
    fields[12] = "refused by the model"
    lines[at] = ",".join(fields)
    middle = next(i for i in range(header + 600, len(lines)) if not lines[i].startswith(","))  # a record's start
    refused = tmp_path / "refused.csv"
    refused.write_text("\n".join([*lines[:middle], lines[at], lines[at], *lines[middle:], lines[at]]) + "\n",
                       encoding="cp1252")
    starts = _cut(refused)
    assert len({_range_of(starts, n) for n in (at + 1, middle + 1, len(lines) + 3)}) == 3
    ranged, _ = _both_ways(store, other, [refused], graph_snapshot)
    assert [e.line for e in ranged.documents[0].problems if e.field == "number_delivered"] == [
        at + 1, middle + 1, middle + 2, len(lines) + 3]


def _dies_in_first_file(name: str) -> Callable[..., None]:
    """``ReportTable.put_identities`` in a worker that dies (as the kernel's OOM killer ends one) in range 1 of
    the file ``name``; elsewhere the real one."""
    real = ReportTable.put_identities

    def put_identities(self: ReportTable, counts: dict[str, int]) -> None:
        context = bulk_read._CONTEXT
        if context is not None and context[3].name == name and self.path.name == "range-1":
            os._exit(9)
        real(self, counts)

    return put_identities


def test_a_worker_that_dies_fails_its_document(tmp_path: Path, generated_register: Register, small_ranges: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-range: the document fails with one line (no wait for a task that is lost), and the
    next file read in ranges in the same load reads (its ranges' directory is its own)."""
    first = tmp_path / "first.csv"
    generated_register(900).rename(first)
    second = generated_register(800)
    monkeypatch.setattr(ReportTable, "put_identities", _dies_in_first_file(first.name))
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the read waits for a dead worker"))
    signal.alarm(120)
    try:
        graph, report = read_graph([first, second], workers=2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert graph is None
    failed, read = report.documents
    assert failed.document_id and not failed.committed and failed.errors == 1
    assert "a worker reading the file in ranges died" in failed.note and "\n" not in failed.note
    assert not children_left(), "a worker of the broken pool is left running: the process would hang at exit"
    assert read.records == 800 and not read.errors and "another document failed" in read.note
    assert report.errors == [*failed.problems, *read.problems], "nothing reported outside the documents' rows"


def test_a_body_of_blank_lines_fails_as_a_whole_read_does(tmp_path: Path, shared_data: Path,
                                                          small_ranges: None) -> None:
    lines = (shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv").read_text(
        encoding="cp1252").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier"))
    blank = tmp_path / "blank-body.csv"
    blank.write_text("\n".join([*lines[:header + 1], *[""] * 500]) + "\n", encoding="cp1252")
    assert len(_cut(blank)) >= 2
    ranged, whole = read_graph([blank], workers=3)[1], read_graph([blank], workers=1)[1]
    assert _report(ranged) == _report(whole)
    assert ranged.failed and "without records" in ranged.documents[0].note


def test_a_small_export_is_read_whole(shared_data: Path) -> None:
    source = read_export_text(shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv")
    assert bulk_read.plan(source, 2) is None
    assert bulk_read.plan(source, 1) is None


def test_a_failed_document_leaves_no_graph_when_another_was_read_in_ranges(
        store: FalkorStore, tmp_path: Path, generated_register: Register, small_ranges: None) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\xff\xfe\x00garbage that is no loader's format\x00")
    report = bulk_load(store, [generated_register(900), bad], workers=2)
    assert report.failed
    assert not any(d.committed for d in report.documents)
    assert store.run("MATCH (n) RETURN count(n)").scalar() == 0


@pytest.mark.parametrize("data", [
    b"Recipient,Supplier\nplain ASCII\n",
    "Côte d'Ivoire,Türkiye\n".encode() * 5,
    b"Recipient\n" * 5 + "C\xf4te d'Ivoire\n".encode("cp1252"),  # not UTF-8 only past the first chunks
    b"Recipient\n" * 5 + b"a byte cp1252 leaves undefined: \x81\n",
    b"\xef\xbb\xbfRecipient\n" + "Türkiye\n".encode() * 3 + b"broken \xff\xc3 UTF-8\n",
    "Recipient\n".encode("utf-16"),
])
def test_workers_decode_their_ranges_as_the_whole_read_decodes(data: bytes, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The encoding found a chunk at a time (chunks of 7 bytes here: multi-byte characters cut between two) is
    the whole read's, and the parts cut at line starts decode to the whole read's text; UTF-16 is read whole."""
    monkeypatch.setattr(sipri_loader, "CHECK_BYTES", 7)
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    whole = read_export_text(path)
    encoding = sipri_loader.export_encoding(data)
    if whole.encoding.startswith("utf_16"):
        assert encoding is None
        return
    assert encoding == whole.encoding
    starts = [0, *(i + 1 for i, byte in enumerate(data) if byte == ord("\n") and i + 1 < len(data))]
    parts = [data[start:end] for start, end in zip(starts, [*starts[1:], len(data)], strict=True)]
    parts[0] = parts[0].removeprefix(b"\xef\xbb\xbf")
    assert "".join(sipri_loader.decode_part(part, encoding) for part in parts) == whole.text


@pytest.mark.parametrize("encoding", ["cp1252", "utf_8_sig"])
def test_a_character_past_the_head_decodes_as_in_a_whole_read(
        encoding: str, store: FalkorStore, other: FalkorStore, tmp_path: Path, generated_register: Register,
        graph_snapshot: Snapshotter, small_ranges: None) -> None:
    """The main process never decodes the export (each worker decodes its range): an accented name only in the
    last range of a cp1252 export, or a broken UTF-8 byte there in a UTF-8 export with a BOM, read as a whole
    read reads them (the same encoding for the whole file, the same graph and report)."""
    source = generated_register(1200)
    starts = _cut(source)
    lines = source.read_text(encoding="cp1252").splitlines()
    target = next(i for i in range(starts[-1] + 3, len(lines)) if len(lines[i - 1].split(",")) == 16)
    fields = lines[target - 1].split(",")
    fields[0] = "Côte d'Ivoire"
    lines[target - 1] = ",".join(fields)
    path = tmp_path / f"accented-{encoding}.csv"
    if encoding == "cp1252":
        path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    else:  # a broken byte in a comment: replaced, as the whole read replaces it
        fields[12] = "a comment \udcff"
        lines[target - 1] = ",".join(fields)
        path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8", errors="surrogateescape"))
    assert read_export_text(path).encoding == encoding
    assert _cut(path)[-1] < target
    ranged, _ = _both_ways(store, other, [path], graph_snapshot)
    assert ranged.documents[0].committed
    found = store.run("MATCH (d:Document {path: $path}) RETURN d.encoding", {"path": path.name}).scalar()
    assert found == encoding
    names = store.run("MATCH (r:Report)-[:SOURCED_FROM {locators: [$loc]}]->(:Document) "
                      "RETURN r.comments", {"loc": f"L{target}"}).rows
    assert names and (encoding == "cp1252" or names[0][0] == "a comment \ufffd")


def test_a_second_export_of_one_vintage_read_in_ranges_merges_into_the_first(
        store: FalkorStore, other: FalkorStore, tmp_path: Path, generated_register: Register,
        graph_snapshot: Snapshotter, small_ranges: None) -> None:
    """The first export to put Reports is appended range by range without looking them up; a second export of the
    same vintage (here the same lines with CR LF ends: another file, the same Report keys) meets every one of them,
    each merged with a second provenance edge, as a whole read merges them."""
    first = generated_register(900)
    second = tmp_path / "register-crlf.csv"
    second.write_bytes(first.read_bytes().replace(b"\n", b"\r\n"))
    assert len(_cut(first)) >= 2 and len(_cut(second)) >= 2
    ranged, _ = _both_ways(store, other, [first, second], graph_snapshot)
    assert all(d.committed for d in ranged.documents)
    sources = store.run("MATCH (r:Report)-[s:SOURCED_FROM]->(:Document) WITH r, count(s) AS n"
                        " RETURN n, count(r) AS reports ORDER BY n").rows
    assert sources == [[2, ranged.documents[0].records - ranged.documents[0].errors]]
