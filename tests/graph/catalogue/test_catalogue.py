"""Every catalogue query parses, declares its parameters, and runs on the real embedded engine."""

from __future__ import annotations

import datetime as dt
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
# Reported in text only: the seed article reports a US transfer to Ukraine and nothing Russian.
PER_QUERY = {"reported-transfers": {"country": "UKR"},
             "country-people": {"date": "2020-01-01"}}  # Antonov was ambassador 2017-2024
# Queries that may rightly find nothing in that graph (no cluster-munition deals in SIPRI's categories).
MAY_BE_EMPTY = {"tracker-comparison",  # no tracker table in that graph
                "treaty-banned-transfers", "ccm-parties-among", "regime-members-supplying",
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
        params = {p.name: SAMPLES[p.name] for p in query.params if p.required or p.name in query.one_of[:1]}
        params |= PER_QUERY.get(query.name, {})
        result = query.run(loaded, params)
        assert result.columns, query.name
        if query.name not in MAY_BE_EMPTY:
            assert result.rows, f"{query.name} found nothing for {params}"


def test_document_facts_lists_nodes_and_relationships_with_places(loaded: FalkorStore) -> None:
    rows = load_catalogue()["document-facts"].run(loaded, {"document": "seed-entities.jsonl"}).records()
    kinds = {r["kind"] for r in rows}
    assert kinds == {"node", "relationship"}
    assert all(r["locators"] for r in rows)
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


def test_reported_transfers_are_text_reports_not_sipri_deals(loaded: FalkorStore) -> None:
    """The seed article's DPICM decision is reported; SIPRI's deals with Ukraine (hundreds) are not 'reported'."""
    rows = load_catalogue()["reported-transfers"].run(loaded, {"country": "Ukraine"}).records()
    assert rows and all(r["reported_in"] for r in rows)
    assert {r["weapon"] for r in rows} == {"DPICM"}


def test_names_resolve_to_ids_and_unknown_names_fail_with_suggestions(loaded: FalkorStore) -> None:
    query = load_catalogue()["top-suppliers-of-recipient"]
    by_code = query.run(loaded, {"recipient": "UKR"}).rows
    assert by_code and query.run(loaded, {"recipient": "Ukraine"}).rows == by_code
    assert query.run(loaded, {"recipient": "Kyiv"}).rows == by_code  # the shared resolver's capital rule
    with pytest.raises(CatalogueError, match=r"no actor named 'Ukrane'.*did you mean Ukraine \(country:UKR\)"):
        query.run(loaded, {"recipient": "Ukrane"})
    claims = load_catalogue()["claims-by"]
    assert claims.run(loaded, {"speaker": "Anatoly Antonov"}).rows == \
        claims.run(loaded, {"speaker": "person:anatoly-antonov"}).rows != []
    with pytest.raises(CatalogueError, match="did you mean Anatoly Antonov"):
        claims.run(loaded, {"speaker": "Antonov"})
    with pytest.raises(CatalogueError, match="no treaty named 'xyz'"):
        load_catalogue()["treaty-status-on-date"].run(loaded, {"country": "GBR", "treaty": "xyz"})
    with pytest.raises(CatalogueError, match="not a date"):
        load_catalogue()["treaty-status-on-date"].run(loaded, {"country": "GBR", "date": "yesterday"})
    with pytest.raises(CatalogueError, match="not a date"):
        load_catalogue()["treaty-status-on-date"].run(loaded, {"country": "GBR", "date": "2023-02-30"})


def test_limit_bounds_the_whole_result_and_says_when_it_cut(loaded: FalkorStore) -> None:
    """document-facts is a UNION of two parts: 25 rows means 25 in all, and a cut result says so."""
    query = load_catalogue()["document-facts"]
    full = query.run(loaded, {"document": "seed-entities.jsonl", "limit": "100000"})
    assert not full.truncated and len(full.rows) > 25
    cut = query.run(loaded, {"document": "seed-entities.jsonl", "limit": "25"})
    assert len(cut.rows) == 25 and cut.truncated and cut.limit == 25
    exact = query.run(loaded, {"document": "seed-entities.jsonl", "limit": str(len(full.rows))})
    assert len(exact.rows) == len(full.rows) and not exact.truncated


def test_sipri_tables_agree_with_the_rankings(loaded: FalkorStore) -> None:
    """tiv-by-year per partner adds up to top-suppliers-of-recipient; the register lists each deal once."""
    catalogue = load_catalogue()
    top = {r["supplier_id"]: r["tiv_delivered"] for r in
           catalogue["top-suppliers-of-recipient"].run(loaded, {"recipient": "Ukraine", "limit": "1000"}).records()}
    by_year: dict[str, float] = {}
    for row in catalogue["tiv-by-year"].run(loaded, {"recipient": "Ukraine", "limit": "100000"}).records():
        by_year[row["partner_id"]] = by_year.get(row["partner_id"], 0.0) + row["tiv_delivered"]
    assert top and by_year.keys() == top.keys()
    assert all(abs(by_year[k] - top[k]) < 0.01 for k in top)
    register = catalogue["trade-register"].run(loaded, {"recipient": "UKR", "limit": "100000"}).records()
    assert register and len({r["transfer"] for r in register}) == len(register)
    with pytest.raises(CatalogueError, match="needs one of"):
        catalogue["tiv-by-year"].run(loaded, {})


def test_parameters_are_typed() -> None:
    query = load_catalogue()["country-people"]
    assert query.bind({"country": "USA"}) == {"country": "USA", "date": dt.date.today().isoformat(), "history": False,
                                              "limit": 100}
    assert query.bind({"country": "USA", "date": "2022-06"})["date"] == "2022-06"
    with pytest.raises(CatalogueError, match="not a valid int"):
        query.bind({"country": "USA", "limit": "ten"})
    with pytest.raises(CatalogueError, match="no parameter"):
        query.bind({"country": "USA", "iso": "x"})
