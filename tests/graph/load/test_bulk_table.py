"""The bulk path's on-disk table keeps every value the loaders validate exactly, and leaves no file behind."""

from __future__ import annotations

import gc
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest

from armsgraph.graph.bulk import build_graph
from armsgraph.graph.bulk_table import CHUNK, BulkTable

HOSTILE: dict[str, Any] = {
    "id": "report:x'); DROP TABLE nodes; --",
    "quote": "Ʃ → 'single' \"double\" \\ ; % _ ?",
    "nul": "a\x00b",  # kept by the table; GRAPH.BULK refuses it later with one line
    "empty": "",
    "big": 2**63 - 1,
    "small": -(2**63),
    "float": 0.1,
    "flag": False,
    "list": ["1990", 1, 2.5, True, ""],
    "block": "country:A'B|country:C\"D",
}


def test_hostile_values_round_trip(tmp_path: Path) -> None:
    table = BulkTable(tmp_path)
    try:
        table.put_nodes([(HOSTILE["id"], "Report", dict(HOSTILE), True)])
        table.commit()
        assert table.nodes([HOSTILE["id"]]) == {HOSTILE["id"]: ("Report", HOSTILE, True)}
        assert table.block_counts() == {HOSTILE["block"]: 1}
        assert list(table.reports_in([HOSTILE["block"]])) == [(HOSTILE["id"], HOSTILE)]
        assert table.nodes(["report:x"]) == {}  # no partial match
    finally:
        table.close()
    assert list(tmp_path.iterdir()) == []  # the temporary directory is gone


def test_lookups_span_more_ids_than_one_statement_takes(tmp_path: Path) -> None:
    table = BulkTable(tmp_path)
    try:
        ids = [f"actor:{i}" for i in range(CHUNK * 2 + 7)]
        table.put_nodes((i, "Actor:Country", {"id": i}, True) for i in ids)
        assert len(table.labels([*ids, "actor:missing"])) == len(ids)
        table.put_nodes([(ids[0], "Actor:Country", {"id": ids[0], "name": "again"}, True)])  # replaced in place
        table.number()
        order = [props["id"] for _, props, _, _ in table.ordered_nodes()]
        assert order == ids  # a node put again keeps its position
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
