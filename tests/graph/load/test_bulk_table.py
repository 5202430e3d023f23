"""The bulk path's files (the Reports table, the spool) keep every value the loaders validate exactly, and leave
nothing behind."""

from __future__ import annotations

import gc
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest

from armsgraph.graph import bulk_table
from armsgraph.graph.bulk import build_graph
from armsgraph.graph.bulk_table import ReportTable, Spool
from armsgraph.graph.scratch_db import CHUNK

HOSTILE: dict[str, Any] = {
    "id": "report:x'); DROP TABLE reports; --",
    "quote": "Ʃ → 'single' \"double\" \\ ; % _ ?",
    "nul": "a\x00b",  # kept by the table; GRAPH.BULK refuses it later with one line
    "empty": "",
    "big": 2**63 - 1,
    "small": -(2**63),
    "huge": 2**70,  # kept too; refused when sent
    "float": 0.1,
    "flag": False,
    "list": ["1990", 1, 2.5, True, ""],
    "block": "country:A'B|country:C\"D",
    "sipri_id": 12345,
}
SOURCED = {"doc:x'y": {"locators": ["L1"], "loaders": ["sipri"]}}


def test_hostile_values_round_trip(tmp_path: Path) -> None:
    table = ReportTable(tmp_path)
    try:
        table.put([(HOSTILE["id"], dict(HOSTILE), SOURCED)])
        table.commit()
        assert table.get([HOSTILE["id"]]) == {HOSTILE["id"]: (HOSTILE["id"], HOSTILE, SOURCED)}
        assert table.block_counts() == {HOSTILE["block"]: 1}
        assert list(table.in_blocks([HOSTILE["block"]])) == [(HOSTILE["id"], HOSTILE, SOURCED)]
        packed = list(table.in_blocks_packed([HOSTILE["block"]]))  # the edges left packed until written
        assert [(i, p, bulk_table.unpack(s)) for i, p, s in packed] == [(HOSTILE["id"], HOSTILE, SOURCED)]
        assert isinstance(packed[0][2], bytes)
        assert table.blocks_of_sipri_ids(["12345"]) == {HOSTILE["block"]}
        assert table.blocks_of_reports([HOSTILE["id"]]) == {HOSTILE["block"]}
        assert table.get(["report:x"]) == {}  # no partial match
        assert list(table.unblocked()) == []
        spool = Spool(table.path / "rows.spool")
        spool.add("Report", [HOSTILE, HOSTILE])
        spool.add("REPORTS", [(0, 1, {"rule": "anchor"})])
        spool.add("empty", [])  # nothing to send: no chunk
        assert list(spool.chunks()) == [("Report", [HOSTILE, HOSTILE]), ("REPORTS", [(0, 1, {"rule": "anchor"})])]
        assert spool.rows == 3
        with pytest.raises(AssertionError):
            spool.add("Report", [HOSTILE])  # read already: the order sent is fixed
    finally:
        table.close()
    assert list(tmp_path.iterdir()) == []  # the temporary directory is gone


def test_lookups_span_more_ids_than_one_statement_takes(tmp_path: Path) -> None:
    table = ReportTable(tmp_path)
    try:
        ids = [f"report:{i}" for i in range(CHUNK * 2 + 7)]
        table.put((i, {"id": i}, {}) for i in ids)
        assert len(table.get([*ids, "report:missing"])) == len(ids)
        table.put([(ids[0], {"id": ids[0], "name": "again"}, {})])  # replaced in place
        assert table.count() == len(ids)
        order = [props["id"] for _, props, _ in table.unblocked()]
        assert order == ids  # a Report put again keeps its position
        assert table.get([ids[0]])[ids[0]][1] == {"id": ids[0], "name": "again"}
    finally:
        table.close()


def test_a_failed_build_leaves_no_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\xff\xfe\x00garbage that is no loader's format\x00")
    work = tmp_path / "tmp"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        graph, report = build_graph([bad])
        gc.collect()
    assert graph is None and report.failed
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]  # closed, not left to the collector
    assert list(work.iterdir()) == []


def test_workers_read_while_the_owner_writes_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The main process writes each group's WeaponTotals entries while the workers read Reports: a write that
    spills SQLite's page cache takes the file's exclusive lock, so the entries live in a file of their own (a
    cache of ten pages spills at once; at 300k deals the shared file failed with "database is locked")."""
    for cache in ("OWNER_CACHE_KB", "READER_CACHE_KB"):
        monkeypatch.setattr(bulk_table, cache, 40)  # ten 4 KB pages
    table = ReportTable(tmp_path)
    try:
        table.put((f"report:{i}", {"id": f"report:{i}", "block": "a|b"}, {}) for i in range(2_000))
        table.commit()
        reader = ReportTable.reader(table.path)
        table.put_weapon_entries((f"country:{i}", "weapon:x", "country:y", 2000, 1, 0.5) for i in range(20_000))
        assert len(list(reader.in_blocks(["a|b"]))) == 2_000  # the owner's write not committed yet
        table.commit()  # every group resolved: the workers read the entries, a range of recipients each
        parts = reader.recipient_parts(3)
        assert len(parts) == 3
        sizes = [len(list(reader.weapon_entries(*part))) for part in parts]
        assert all(6_000 <= n <= 7_400 for n in sizes), sizes
        read = [entry[0] for part in parts for entry in reader.weapon_entries(*part)]
        assert read == sorted(f"country:{i}" for i in range(20_000))  # each once, in order across the ranges
        reader.close()
    finally:
        table.close()
    assert list(tmp_path.iterdir()) == []


def test_recipient_parts_never_split_a_recipient(tmp_path: Path) -> None:
    """A recipient's entries (all its weapons from every supplier) are read by one worker: at most ``parts``
    ranges, whole recipients each, however unevenly the entries fall."""
    table = ReportTable(tmp_path)
    try:
        assert table.recipient_parts(2) == []  # no entries: no task
        entries = [("country:a", f"weapon:{i}", "country:s", 2000 + i, 1, 0.5) for i in range(50)]
        entries += [("country:b", "weapon:x", "country:s", 2000, 1, 0.5), ("country:ü", "weapon:x", "", 1, 1, 0.0)]
        table.put_weapon_entries(entries)
        table.commit()
        assert table.recipient_parts(2) == [("country:a", "country:a"), ("country:b", "country:ü")]
        assert table.recipient_parts(5) == [("country:a", "country:a"), ("country:b", "country:b"),
                                            ("country:ü", "country:ü")]
        assert table.recipient_parts(1) == [("country:a", "country:ü")]
        for parts in (1, 2, 5):
            assert sorted(e for part in table.recipient_parts(parts) for e in table.weapon_entries(*part)) \
                == sorted(entries)
    finally:
        table.close()


def test_a_reader_keeps_a_small_page_cache(tmp_path: Path) -> None:
    """A worker reads each group's Reports once: its connections keep READER_CACHE_KB, not the owner's 64 MB."""
    table = ReportTable(tmp_path)
    reader = ReportTable.reader(table.path)
    try:
        for db in (reader.db, reader.entries):
            assert db.execute("PRAGMA cache_size").fetchone()[0] == -bulk_table.READER_CACHE_KB
        assert table.db.execute("PRAGMA cache_size").fetchone()[0] == -65536
    finally:
        reader.close()
        table.close()
