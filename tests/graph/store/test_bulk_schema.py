"""A bulk load's fresh graph gets its indexes one statement per label (``FalkorDialect.schema_ops_by_label``, built
from the schema's declarations): the same indexes and constraints as the schema's steps one at a time
(``test_bulk_graph_equals_incremental`` compares a loaded graph's), each constraint after its index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from armsgraph.graph.store.cypher import Cypher
from armsgraph.graph.store.dialect import FALKORDB, NEO4J, SchemaOp
from armsgraph.graph.store.falkor_bulk import BulkWriter
from armsgraph.graph.store.falkordb import FalkorStore

INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties ORDER BY label"
CONSTRAINTS = "CALL db.constraints()"


def _indexed(cypher: str) -> set[tuple[str, str]]:
    found = re.fullmatch(r"CREATE INDEX FOR \(n:(\w+)\) ON \((.+)\)", cypher)
    assert found is not None, cypher
    return {(found[1], part.strip().removeprefix("n.")) for part in found[2].split(",")}


def _grouped_from_the_text(ops: list[SchemaOp]) -> list[SchemaOp]:
    """What the bulk path sent before the builder: each label's one-property index statements, read back from their
    Cypher, as one statement per label (in the order of their first step), then the other steps in their order."""
    props: dict[str, list[str]] = {}
    rest: list[SchemaOp] = []
    for op in ops:
        found = re.fullmatch(r"CREATE INDEX FOR \(n:(\w+)\) ON \(n\.(\w+)\)", op.cypher or "")
        if found is None or op.command is not None:
            rest.append(op)
        else:
            props.setdefault(found[1], []).append(found[2])
    together = [SchemaOp(f"index {label}.{','.join(names)}",
                         cypher=Cypher(f"CREATE INDEX FOR (n:{label}) ON ({', '.join(f'n.{p}' for p in names)})"),
                         tolerate=("already indexed",))
                for label, names in props.items()]
    return [*together, *rest]


def test_every_index_step_is_in_one_statement_of_its_label_before_the_constraints() -> None:
    ops = FALKORDB.schema_ops("g")
    together = FALKORDB.schema_ops_by_label("g")
    single = {pair for op in ops if op.cypher is not None for pair in _indexed(op.cypher)}
    combined = [op for op in together if op.cypher is not None]
    assert {pair for op in combined for pair in _indexed(op.cypher or "")} == single
    labels = [next(iter(_indexed(op.cypher or "")))[0] for op in combined]
    assert len(labels) == len(set(labels)), "one statement per label"
    assert [op for op in together if op.command is not None] == [op for op in ops if op.command is not None]
    assert all(op.cypher is not None for op in together[:len(combined)]), "every index before any constraint"


@pytest.mark.parametrize("held", ["none", "every other", "the ids", "all"])
def test_the_builder_gives_the_statements_read_from_the_text(held: str) -> None:
    """The same statements, in the same order, as grouping the one-property steps by their text; with part of the
    schema in the graph already, only the missing steps (as ``_create_schema`` filters them)."""
    ops = FALKORDB.schema_ops("g")
    have = frozenset({"none": [], "every other": [op.description for op in ops[::2]],
                      "the ids": [op.description for op in ops if op.description.endswith(".id")],
                      "all": [op.description for op in ops]}[held])
    missing = [op for op in ops if op.description not in have]
    assert FALKORDB.schema_ops_by_label("g", have) == _grouped_from_the_text(missing)
    assert (held == "all") == (not missing)
    assert NEO4J.schema_ops_by_label("g", have) == [op for op in NEO4J.schema_ops("g") if op.description not in have]


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


def test_the_schema_follows_the_first_command_and_indexes_the_later_ones(store: FalkorStore) -> None:
    """The indexes and constraints are created once the first ``GRAPH.BULK`` command is taken, before the next is
    sent, and the nodes of the later commands are in them: found through the index (the plan says so) and the
    constraints built when ``bulk`` returns."""
    seen: list[list[list[object]]] = []

    def fill(writer: BulkWriter) -> None:
        writer.nodes("Actor:Country", ["id", "name"], [{"id": "country:x", "name": "X"}])
        writer.flush(wait=False)
        seen.append(store.run(INDEXES).rows)  # between the first command and the second
        writer.nodes("Transfer", ["id", "block"], [{"id": f"transfer:{i}", "block": f"b{i % 7}"}
                                                   for i in range(5_000)])
        writer.flush()
        writer.nodes("Actor:Country", ["id", "name"], [{"id": "country:y", "name": "Y"}])
        writer.flush()

    store.bulk(fill, schema=True)
    assert seen and {"Country", "Transfer"} <= {row[0] for row in seen[0]}
    assert store.run(INDEXES).rows == seen[0], "nothing was left to create after the fill"
    assert {str(row[4]) for row in store.run(CONSTRAINTS).rows} == {"OPERATIONAL"}
    found = Cypher("MATCH (t:Transfer {id: $id}) RETURN t.block")
    assert store.run(found, {"id": "transfer:4999"}).scalar() == "b1"
    assert any("Index Scan" in line for line in store.explain(found, {"id": "transfer:4999"}))
    assert store.run(Cypher("MATCH (t:Transfer) WHERE t.block = 'b3' RETURN count(t)")).scalar() == 714
    assert store.run(Cypher("MATCH (c:Country {id: 'country:y'}) RETURN c.name")).scalar() == "Y"
