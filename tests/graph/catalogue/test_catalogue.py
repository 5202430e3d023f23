"""Every catalogue query parses, declares its parameters, and runs on the real embedded engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.graph.catalogue.catalogue import load_catalogue, parse_query_file
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.schema.errors import CatalogueError

REPO = Path(__file__).resolve().parents[3]

# One real value per required parameter, for a graph holding the seed file, SIPRI excerpts and treaty tables.
SAMPLES = {
    "country": "RUS", "recipient": "UKR", "supplier": "USA", "document": "seed-entities.jsonl",
    "id": "person:anatoly-antonov", "category": "armoured-vehicles", "about": "UKR",
    "speaker": "person:anatoly-antonov", "family": "patriot",
}
# Queries that may rightly find nothing in that graph (no cluster-munition deals in SIPRI's categories).
MAY_BE_EMPTY = {"treaty-banned-transfers", "ccm-parties-among", "regime-members-supplying",
                "category-transfers-to-country"}


@pytest.fixture
def loaded(store: FalkorStore, shared_data: Path) -> FalkorStore:
    paths = [
        REPO / "examples" / "seed-entities.jsonl",
        shared_data / "news" / "rt-2023-07-antonov-cluster-munitions.txt",
        shared_data / "sipri" / "transfers-2026-02.excerpt.csv",
        shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv",
        shared_data / "reference" / "treaty-parties-ccm.csv",
        shared_data / "reference" / "ear_country_groups" / "country-groups.json",
    ]
    load_paths(store, paths)
    assert store.run("MATCH (t:Transfer) RETURN count(t)").scalar() > 0
    return store


def test_every_query_runs_on_the_embedded_store(loaded: FalkorStore) -> None:
    for query in load_catalogue().values():
        params = {p.name: SAMPLES[p.name] for p in query.params if p.required}
        result = query.run(loaded, params)
        assert result.columns, query.name
        if query.name not in MAY_BE_EMPTY:
            assert result.rows, f"{query.name} found nothing for {params}"


def test_document_facts_lists_nodes_and_relationships_with_places(loaded: FalkorStore) -> None:
    rows = load_catalogue()["document-facts"].run(loaded, {"document": "seed-entities.jsonl"}).records()
    kinds = {r["kind"] for r in rows}
    assert kinds == {"node", "relationship"}
    assert all(r["locator"] for r in rows)
    assert "Actor" not in {r["type"] for r in rows}


def test_header_errors_are_caught(tmp_path: Path) -> None:
    bad = {
        "undeclared.cypher": "// name: undeclared\n// description: x\nMATCH (n) WHERE n.id = $id RETURN n",
        "unused.cypher": "// name: unused\n// description: x\n// param: id: str -- x\nMATCH (n) RETURN n",
        "misnamed.cypher": "// name: other\n// description: x\nMATCH (n) RETURN n",
        "nodesc.cypher": "// name: nodesc\nMATCH (n) RETURN n",
        "badparam.cypher": "// name: badparam\n// description: x\n// param: id string\nMATCH (n) RETURN n",
    }
    for name, text in bad.items():
        with pytest.raises(CatalogueError):
            parse_query_file(tmp_path / name, text)


def test_parameters_are_typed() -> None:
    query = load_catalogue()["country-people"]
    assert query.bind({"country": "USA"}) == {"country": "USA", "limit": 100}
    with pytest.raises(CatalogueError, match="not a valid int"):
        query.bind({"country": "USA", "limit": "ten"})
    with pytest.raises(CatalogueError, match="no parameter"):
        query.bind({"country": "USA", "iso": "x"})
