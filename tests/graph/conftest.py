"""Shared by the graph tests: Neo4j's own Cypher grammar check (the npm package, run by node, offline), and a
whole-graph snapshot for tests that compare two ways of building the same graph."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
LINT = REPO / "tests" / "grammar" / "lint.cjs"


def lint(items: dict[str, str]) -> dict[str, list[str]]:
    """Name -> the grammar errors Neo4j's parser reports for that Cypher text (empty when it parses)."""
    if shutil.which("node") is None:
        pytest.fail("node is required for the Cypher grammar check (Node 20 is on the machines)")
    if not (REPO / "node_modules" / "@neo4j-cypher" / "language-support").exists():
        pytest.fail("npm package @neo4j-cypher/language-support missing: run 'make test' (it runs npm ci)")
    payload = json.dumps([{"name": k, "cypher": v} for k, v in items.items()])
    proc = subprocess.run(["node", str(LINT)], input=payload, capture_output=True, text=True, cwd=REPO,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    return {item["name"]: item["errors"] for item in json.loads(proc.stdout)}


@pytest.fixture(scope="session")
def neo4j_lint() -> Callable[[dict[str, str]], dict[str, list[str]]]:
    return lint


SNAPSHOT_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
SNAPSHOT_EDGES = "MATCH (a)-[r]->(b) RETURN a.id AS src, type(r) AS type, properties(r) AS props, b.id AS dst"

Snapshot = tuple[list[str], list[str]]


@pytest.fixture
def graph_snapshot() -> Callable[[Any], Snapshot]:
    """Every node (labels, properties) and relationship (type, properties, endpoint ids) of a store, sorted,
    as text: two graphs are the same when their snapshots are equal."""
    def snapshot(store: Any) -> Snapshot:
        nodes = sorted(json.dumps([sorted(labels), props], sort_keys=True)
                       for labels, props in store.run(SNAPSHOT_NODES).rows)
        edges = sorted(json.dumps(row, sort_keys=True) for row in store.run(SNAPSHOT_EDGES).rows)
        return nodes, edges
    return snapshot
