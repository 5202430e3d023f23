"""Every Cypher text armsgraph can send to Neo4j parses with Neo4j's own Cypher 5 grammar (offline)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from armsgraph.graph.catalogue.inventory import neo4j_statements

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[3]
LINT = REPO / "tests" / "grammar" / "lint.cjs"


def lint(items: dict[str, str]) -> dict[str, list[str]]:
    if shutil.which("node") is None:
        pytest.fail("node is required for the Cypher grammar check (Node 20 is on the machines)")
    if not (REPO / "node_modules" / "@neo4j-cypher" / "language-support").exists():
        pytest.fail("npm package @neo4j-cypher/language-support missing: run 'make test' (it runs npm ci)")
    payload = json.dumps([{"name": k, "cypher": v} for k, v in items.items()])
    proc = subprocess.run(["node", str(LINT)], input=payload, capture_output=True, text=True, cwd=REPO,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    return {item["name"]: item["errors"] for item in json.loads(proc.stdout)}


def test_every_statement_parses_as_neo4j_cypher() -> None:
    statements = neo4j_statements()
    assert any(name.startswith("catalogue:") for name in statements)
    assert any(name.startswith("writer#") for name in statements)
    assert any(name.startswith("schema:") for name in statements)
    failures = {name: errors for name, errors in lint(statements).items() if errors}
    assert not failures, "\n".join(f"{n}: {e}\n{statements[n]}" for n, e in failures.items())


def test_the_check_catches_syntax_errors() -> None:
    """A control: the grammar check must be able to fail."""
    result = lint({
        "broken": "MATCH (n:Country RETURN n",
        "falkordb-only-ddl": "CREATE INDEX FOR (n:Country) ON (n.id) OPTIONS {",
        "fine": "MATCH (n:Country {id: $id}) RETURN n.name AS name",
    })
    assert result["broken"]
    assert result["falkordb-only-ddl"]
    assert result["fine"] == []
