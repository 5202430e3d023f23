"""New nodes created from positional rows, and writes sent while the client prepares the next (issue 16).

The writer creates the nodes the graph does not hold from plain list rows (:func:`writer.positional`: the keys
once per statement) and sends the writes whose result it does not read with ``Store.submit``. Both must leave
exactly what the map rows and the synchronous ``run`` left: the same node, the same provenance edge, the same
failure (raised, the document rolled back).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from armsgraph.graph import load
from armsgraph.graph.catalogue.stats import counts_dict
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Cypher
from armsgraph.graph.store.dialect import FALKORDB, no_long_string
from armsgraph.graph.store.falkor_params import params_header
from armsgraph.graph.store.falkordb import IN_FLIGHT, FalkorStore
from armsgraph.graph.writer import (
    PLACE_LISTS,
    Writer,
    columns_of,
    create_statement,
    node_statement,
    positional,
    send_created,
)
from armsgraph.schema.errors import StoreError

CLASSIC = "sipri/classic-trade-register-2025-03.excerpt.csv"
TRANSFERS = "sipri/transfers-2025-01.excerpt.csv"

HOSTILE = ["it's", 'say "no"', "back\\slash", "tab\there", "new\nline", "ünïcødé ✓", "`tick`", "{braces}: [x]",
           "MATCH (n) DETACH DELETE n", "", " padded "]

NODE = Cypher("MATCH (n:Report {id: $id}) RETURN labels(n) AS labels, properties(n) AS props")
EDGE = Cypher("MATCH (:Report {id: $id})-[p:SOURCED_FROM]->(d:Document) RETURN d.id AS doc, properties(p) AS props")


def _report(i: int, comment: str) -> dict[str, Any]:
    props: dict[str, Any] = {"source": "sipri-classic", "key": f"k{i}", "comments": comment, "order_year": 1990 + i,
                             "order_year_estimate": i % 2 == 0, "delivery_years": [1991, 1992], "tiv_unit": 0.25}
    if i % 3 == 0:  # rows that lack some columns others have
        del props["tiv_unit"], props["delivery_years"]
    return {"id": f"report:test:{i}", "props": props, "locs": [f"L{i}"] if i % 4 else [], "rules": ["classic"],
            "cites": [comment] if i % 5 == 0 else [], "quotes": []}


def _write(store: FalkorStore, rows: list[dict[str, Any]], positional_rows: bool) -> None:
    params = {"doc": "document:test", "loader": "test", "loader_version": "1", "pending": "document:test"}
    store.run(Cypher("MERGE (d:Document {id: $doc})"), {"doc": params["doc"]}, write=True)
    if positional_rows:
        send_created(store, "Report", rows, params)
    else:  # what a graph that held the nodes would run: the MERGE, with its list unions
        store.run(node_statement("Report"), {"rows": rows, **params}, write=True)


def test_positional_rows_store_what_the_merge_stores(store: FalkorStore, other: FalkorStore) -> None:
    rows = [_report(i, text) for i, text in enumerate(HOSTILE)]
    _write(store, rows, positional_rows=True)
    _write(other, rows, positional_rows=False)
    for row in rows:
        created, merged = store.run(NODE, {"id": row["id"]}).rows, other.run(NODE, {"id": row["id"]}).rows
        assert created == merged and created[0][1]["comments"] == row["props"]["comments"]
        assert store.run(EDGE, {"id": row["id"]}).rows == other.run(EDGE, {"id": row["id"]}).rows
    assert "tiv_unit" not in store.run(NODE, {"id": rows[0]["id"]}).rows[0][1]  # absent stays absent


def test_columns_are_the_schema_fields_the_rows_hold_in_schema_order() -> None:
    rows = [{"id": "a", "props": {"tiv_unit": 1.0, "source": "x"}}, {"id": "b", "props": {"comments": "y"}}]
    columns = columns_of("Report", rows)
    assert columns == ("tiv_unit", "comments", "source")
    assert positional(rows, columns) == [["a", 1.0, None, "x"], ["b", None, "y", None]]
    text = create_statement("Report", columns)  # the id, the columns, then the place lists, then nothing
    last = len(columns) + len(PLACE_LISTS)
    assert "id: v[0]" in text and "tiv_unit: v[1]" in text and f"v[{last}]" in text and f"v[{last + 1}]" not in text
    with pytest.raises(ValueError, match="does not declare"):  # a name never reaches statement text unchecked
        columns_of("Report", [{"id": "a", "props": {"x}) DETACH DELETE n //": 1}}])


@pytest.mark.parametrize("text", ['quote " inside', "back\\slash", "☃ 𝄞", "x" * 1024])
def test_the_key_check_reads_a_positional_row_s_id_only(text: str) -> None:
    """A long property in a positional row is stored (its id alone is a key); a long id is refused, whether the
    encoded text already shows every string short (none here) or the values are walked."""
    long_text = text * (5000 // len(text) + 1)
    rows = [_report(i, long_text if i == 1 else text) for i in range(3)]
    columns = columns_of("Report", rows)
    params = {"rows": positional(rows, columns, PLACE_LISTS), "doc": "doc:x"}
    FALKORDB.check_params(params, True, params_header(params))  # a 5 KB comment: taken
    rows[2]["id"] = "report:" + long_text
    params = {"rows": positional(rows, columns, PLACE_LISTS), "doc": "doc:x"}
    header = params_header(params)
    assert not no_long_string(header, FALKORDB.key_bytes // 4)
    with pytest.raises(StoreError, match=r"\$rows\[2\]\[0\] is a"):
        FALKORDB.check_params(params, True, header)


def test_short_encoded_text_skips_the_walk_only_when_no_string_can_be_long() -> None:
    short = params_header({"rows": [["a" * 1024, 1, [2.5, None]], ["b", True, ["c"]]]})
    assert no_long_string(short, 1024)
    assert not no_long_string(params_header({"ids": ["a" * 1025]}), 1024)
    assert not no_long_string(params_header({"ids": ['q"' * 600]}), 1024)  # quotes inside: not known, walked
    assert not no_long_string(params_header({"ids": ["é" * 1025]}), 1024)


def test_submitted_writes_run_in_order_and_fail_at_the_next_call(store: FalkorStore) -> None:
    for i in range(50):  # each waits for the one before: a later statement sees the earlier ones
        store.submit(Cypher("MERGE (c:Country {id: 'country:ZZZ'}) SET c.n = coalesce(c.n, 0) + $i"), {"i": i})
    assert store.run(Cypher("MATCH (c:Country {id: 'country:ZZZ'}) RETURN c.n")).scalar() == sum(range(50))
    store.ensure_schema()
    store.submit(Cypher("CREATE (:Country {id: 'country:ZZZ'})"))  # the unique constraint refuses it
    with pytest.raises(StoreError):
        store.run(Cypher("RETURN 1"))
    assert store.run(Cypher("MATCH (c:Country) RETURN count(c)")).scalar() == 1  # raised once, store usable


def test_nothing_submitted_behind_a_failed_write_runs(store: FalkorStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Several submitted writes wait at once: once one fails, those sent behind it are dropped, not run (a batch's
    edges never reach the graph after its nodes failed), and the failure is raised once. The failing statement is
    held until the ones behind it are queued, so they are always waiting when it fails."""
    store.ensure_schema()
    store.run(Cypher("CREATE (:Country {id: 'country:ZZZ'})"), write=True)
    real = store._execute
    gate = threading.Event()
    ran: list[str] = []

    def execute(cypher: Cypher, params: dict[str, Any], write: bool) -> Any:
        ran.append(cypher)
        if len(ran) == 1:
            assert gate.wait(60), "the test releases the first statement"
        return real(cypher, params, write)

    monkeypatch.setattr(store, "_execute", execute)
    store.submit(Cypher("CREATE (:Country {id: 'country:ZZZ'})"))  # the unique constraint refuses it
    assert IN_FLIGHT >= 3  # so both below are queued behind it (submit returns at once)
    for code in ("YYY", "XXX"):
        store.submit(Cypher("CREATE (:Country {id: $id})"), {"id": f"country:{code}"})
    gate.set()
    with pytest.raises(StoreError):
        store.settle()
    assert len(ran) == 1, "nothing behind the failed write was sent"
    assert store.run(Cypher("MATCH (c:Country) RETURN c.id ORDER BY c.id")).rows == [["country:ZZZ"]]
    store.submit(Cypher("CREATE (:Country {id: 'country:WWW'})"))  # the store goes on
    assert store.run(Cypher("MATCH (c:Country) RETURN count(c)")).scalar() == 2


class BlindWriter(Writer):
    """Takes every node for new: a batch's CREATE of a node the graph holds fails in the engine (unique id), in a
    statement sent by ``submit``."""

    def _held(self, label: str, ids: list[str]) -> set[str]:
        return set()


def _failed_load(store: FalkorStore, shared_data: Path, graph_snapshot: Callable[[Any], Any],
                 monkeypatch: pytest.MonkeyPatch, writer: type[Writer]) -> tuple[Any, Any, Any]:
    """Load the classic excerpt, then the transfers excerpt with ``writer``: (report, its row, the graph before)."""
    load_paths(store, [shared_data / CLASSIC])
    before = graph_snapshot(store)
    monkeypatch.setattr(load, "Writer", writer)
    report = load_paths(store, [shared_data / TRANSFERS])
    monkeypatch.undo()
    [row] = report.documents
    return report, row, before


def test_a_submitted_write_that_fails_rolls_the_document_back(
        store: FalkorStore, other: FalkorStore, shared_data: Path, graph_snapshot: Callable[[Any], Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    report, row, before = _failed_load(store, shared_data, graph_snapshot, monkeypatch, BlindWriter)
    assert report.failed and not row.committed and "document not loaded" in row.note
    assert graph_snapshot(store) == before  # nothing of it stays, nothing pending
    load_paths(other, [shared_data / CLASSIC])  # a clean graph of the classic excerpt alone
    assert counts_dict(store) == counts_dict(other)


class BrokenWriter(Writer):
    """A bug in the client while a submitted write fails in the engine: the load has two failures to undo."""

    def write(self, batch: Any, progress: Any = None) -> Any:
        super().write(batch, progress)
        self.store.submit(Cypher("RETURN no_such_function(1)"))  # fails in the engine, in the sending thread
        raise RuntimeError("a bug in the client")


def test_a_client_failure_with_a_failed_write_in_flight_still_rolls_back(
        store: FalkorStore, shared_data: Path, graph_snapshot: Callable[[Any], Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-flight failure must not stop the rollback of the client's: nothing of the document stays."""
    report, row, before = _failed_load(store, shared_data, graph_snapshot, monkeypatch, BrokenWriter)
    assert report.failed and not row.committed
    assert "nothing written" in row.note and "rolling it back failed" not in row.note
    assert graph_snapshot(store) == before
