"""Dialects are classes: each store's differences are methods, not name comparisons."""

from __future__ import annotations

import pytest

from armsgraph.graph.store import Cypher
from armsgraph.graph.store.dialect import DIALECTS, FALKORDB, NEO4J, FalkorDialect, Neo4jDialect
from armsgraph.schema.errors import StoreError


def test_each_store_has_its_dialect_class() -> None:
    assert isinstance(NEO4J, Neo4jDialect) and isinstance(FALKORDB, FalkorDialect)
    assert DIALECTS == {"neo4j": NEO4J, "falkordb": FALKORDB}


def test_translate_rewrites_for_falkordb_and_leaves_neo4j_alone() -> None:
    text = Cypher("MATCH (n) RETURN elementId(n) AS id, toStringOrNull(n.year) AS year")
    assert NEO4J.translate(text) == text
    assert FALKORDB.translate(text) == "MATCH (n) RETURN id(n) AS id, toString(n.year) AS year"


def test_falkordb_counts_one_type_of_edge_by_degree() -> None:
    text = Cypher("MATCH (n) RETURN COUNT { (n)-[:SUPPLIED]->() } AS out, COUNT { (n)<-[:TO]-() } AS in")
    assert NEO4J.translate(text) == text
    assert FALKORDB.translate(text) == "MATCH (n) RETURN outdegree(n, 'SUPPLIED') AS out, indegree(n, 'TO') AS in"


def test_unsupported_features_are_store_errors() -> None:
    with pytest.raises(StoreError, match="EXISTS"):
        FALKORDB.translate(Cypher("MATCH (n) WHERE EXISTS { MATCH (n)--() } RETURN n"))


def test_schema_ops_differ_by_class() -> None:
    neo = {op.description: op for op in NEO4J.schema_ops("g")}
    falkor = {op.description: op for op in FALKORDB.schema_ops("g")}
    assert set(neo) <= set(falkor)  # FalkorDB indexes each key before constraining it
    assert all(op.cypher is not None and "IF NOT EXISTS" in op.cypher for op in neo.values())
    unique = falkor["unique Country.id"]
    assert unique.command is not None and unique.command[:2] == ("GRAPH.CONSTRAINT", "CREATE")
