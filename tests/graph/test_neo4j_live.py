"""The same load and catalogue on a live Neo4j 5, when one is configured (NEO4J_URI)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.graph.catalogue import load_catalogue
from armsgraph.graph.stats import counts_dict
from armsgraph.graph.store import Settings, open_store
from armsgraph.loaders.pipeline import load_paths

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI not set: no Neo4j server can be installed on these machines; "
    "every statement is still checked against Neo4j's grammar in test_cypher_grammar.py",
)
REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-entities.jsonl"


@pytest.fixture
def neo4j() -> Iterator[object]:
    store = open_store(Settings.from_env())
    store.clear()
    yield store
    store.clear()
    store.close()


def test_load_twice_and_run_the_catalogue(neo4j: object, seed_article: Path) -> None:
    from armsgraph.graph.store import Store

    assert isinstance(neo4j, Store)
    assert not load_paths(neo4j, [SEED, seed_article]).failed
    before = counts_dict(neo4j)
    load_paths(neo4j, [SEED, seed_article], force=True)
    assert counts_dict(neo4j) == before
    rows = load_catalogue()["country-people"].run(neo4j, {"country": "RUS"}).rows
    assert [r[0] for r in rows] == ["Anatoly Antonov"]
