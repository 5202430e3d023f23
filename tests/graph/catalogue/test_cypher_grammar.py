"""Every Cypher text armsgraph can send to Neo4j parses with Neo4j's own Cypher 5 grammar (offline)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from armsgraph.graph.catalogue.inventory import neo4j_statements

pytestmark = pytest.mark.slow

Lint = Callable[[dict[str, str]], dict[str, list[str]]]

def test_every_statement_parses_as_neo4j_cypher(neo4j_lint: Lint) -> None:
    statements = neo4j_statements()
    assert any(name.startswith("catalogue:") for name in statements)
    assert any(name.startswith("writer#") for name in statements)
    assert any(name.startswith("schema:") for name in statements)
    failures = {name: errors for name, errors in neo4j_lint(statements).items() if errors}
    assert not failures, "\n".join(f"{n}: {e}\n{statements[n]}" for n, e in failures.items())


def test_the_check_catches_syntax_errors(neo4j_lint: Lint) -> None:
    """A control: the grammar check must be able to fail."""
    result = neo4j_lint({
        "broken": "MATCH (n:Country RETURN n",
        "falkordb-only-ddl": "CREATE INDEX FOR (n:Country) ON (n.id) OPTIONS {",
        "fine": "MATCH (n:Country {id: $id}) RETURN n.name AS name",
    })
    assert result["broken"]
    assert result["falkordb-only-ddl"]
    assert result["fine"] == []
