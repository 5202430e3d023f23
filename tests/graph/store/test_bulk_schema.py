"""A bulk load's fresh graph gets its indexes one statement per label (``falkordb._by_label``): the same indexes
and constraints as the schema's steps one at a time (``test_bulk_graph_equals_incremental`` compares a loaded
graph's), each constraint after its index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from armsgraph.graph.store.dialect import FALKORDB
from armsgraph.graph.store.falkor_bulk import BulkWriter
from armsgraph.graph.store.falkordb import FalkorStore, _by_label

INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties ORDER BY label"
CONSTRAINTS = "CALL db.constraints()"


def _indexed(cypher: str) -> set[tuple[str, str]]:
    found = re.fullmatch(r"CREATE INDEX FOR \(n:(\w+)\) ON \((.+)\)", cypher)
    assert found is not None, cypher
    return {(found[1], part.strip().removeprefix("n.")) for part in found[2].split(",")}


def test_every_index_step_is_in_one_statement_of_its_label_before_the_constraints() -> None:
    ops = FALKORDB.schema_ops("g")
    together = _by_label(ops)
    single = {pair for op in ops if op.cypher is not None for pair in _indexed(op.cypher)}
    combined = [op for op in together if op.cypher is not None]
    assert {pair for op in combined for pair in _indexed(op.cypher or "")} == single
    labels = [next(iter(_indexed(op.cypher or "")))[0] for op in combined]
    assert len(labels) == len(set(labels)), "one statement per label"
    assert [op for op in together if op.command is not None] == [op for op in ops if op.command is not None]
    assert all(op.cypher is not None for op in together[:len(combined)]), "every index before any constraint"


@pytest.fixture
def store(own_store: FalkorStore) -> FalkorStore:
    """A server of its own: these tests change its settings."""
    return own_store


def test_a_bulk_graphs_schema_is_the_stores_schema(store: FalkorStore, tmp_path: Path) -> None:
    """The same ``db.indexes()`` and constraints as ``ensure_schema`` gives an empty graph, one step at a time."""

    def fill(writer: BulkWriter) -> None:
        writer.nodes("Actor:Country", ["id", "name"], [{"id": "country:x", "name": "X"}])
        writer.flush()

    store.bulk(fill, schema=True)
    bulk_indexes, bulk_constraints = store.run(INDEXES).rows, store.run(CONSTRAINTS).rows
    other = FalkorStore(store.server, graph_name="h")
    try:
        other.ensure_schema()
        assert bulk_indexes == other.run(INDEXES).rows
        assert sorted(map(str, bulk_constraints)) == sorted(map(str, other.run(CONSTRAINTS).rows))
    finally:
        other.clear()
        other.close()
