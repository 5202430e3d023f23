"""The same load and catalogue on a live Neo4j 5, when one is configured (NEO4J_URI).

Non-destructive: nothing is cleared; what the test loads is rolled back through its provenance.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.graph.catalogue import load_catalogue
from armsgraph.graph.catalogue.stats import counts_dict
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Settings, Store, open_store
from armsgraph.graph.writer import Writer

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI not set: no Neo4j server can be installed on these machines; "
    "every statement is still checked against Neo4j's grammar in test_cypher_grammar.py",
)
REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "examples" / "seed-entities.jsonl"


@pytest.fixture
def neo4j() -> Iterator[Store]:
    store = open_store(Settings.from_env())
    yield store
    store.close()


def test_load_twice_run_the_catalogue_and_roll_back(neo4j: Store, seed_article: Path) -> None:
    before_all = counts_dict(neo4j)
    report = load_paths(neo4j, [SEED, seed_article])
    assert not report.failed, report.errors
    loaded = counts_dict(neo4j)
    load_paths(neo4j, [SEED, seed_article], force=True)
    assert counts_dict(neo4j) == loaded
    rows = load_catalogue()["provenance"].run(neo4j, {"id": "person:anatoly-antonov"}).records()
    assert SEED.name in {r["title"] for r in rows}
    people = {r[0] for r in load_catalogue()["country-people"].run(neo4j, {"country": "RUS", "date": "2020"}).rows}
    assert "Anatoly Antonov" in people
    writer = Writer(neo4j)
    for doc in report.documents:
        if doc.document_id:
            writer.rollback(doc.document_id, doc.loader)
    assert counts_dict(neo4j) == before_all
