"""No input crashes the embedded server: ids are bounded, and a key the engine cannot take is never sent.

FalkorDB's server dies inside its unique-constraint check on an id over 4,096 bytes. Each test that could
crash it runs its own server (a crash must not take the session's server with it) and pings it afterwards.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from armsgraph.graph.cli import main
from armsgraph.graph.store.cypher import Cypher
from armsgraph.graph.store.dialect import FALKORDB, NEO4J
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.schema.errors import StoreError
from armsgraph.schema.ids import KEY_MAX

LIMIT = FALKORDB.key_bytes
FIVE_KB = "Very Long Designation " * 233  # 5,126 bytes
MERGE_ID = Cypher("MERGE (n:Person {id: $id}) RETURN n.id AS id")
PING = Cypher("RETURN 1 AS one")


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    server = EmbeddedServer(tmp_path / "data")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_store(own_server: EmbeddedServer) -> Iterator[FalkorStore]:
    store = FalkorStore(own_server, graph_name="limits")
    store.ensure_schema()
    yield store
    store.close()


def alive(store: FalkorStore) -> bool:
    return bool(store.run(PING).scalar() == 1)


def run(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], env={"NEO4J_URI": ""})


# -- the dialect's guard, without an engine -------------------------------------------------------------------

def test_falkordb_refuses_a_long_key_parameter_before_sending() -> None:
    assert LIMIT == 4096
    FALKORDB.check_params({"id": "é" * (LIMIT // 2)}, write=True)  # 4,096 bytes: taken
    cases: list[tuple[dict[str, Any], str]] = [
        ({"id": "é" * (LIMIT // 2 + 1)}, "$id"),
        ({"ids": ["a", FIVE_KB]}, "$ids[1]"),
        ({"rows": [{"id": "a"}, {"id": "b", "props": {"id": FIVE_KB}}]}, "$rows[1].props.id"),
        ({"props": {"id": FIVE_KB, "name": "x"}}, "$props.id"),
        ({"ids": [[1, None], ("a", FIVE_KB)]}, "$ids[1][1]"),  # lists in a top-level list are checked too
        ({"rows": [{"id": "a", "props": {"id": [1, 2.5, FIVE_KB]}}]}, "$rows[0].props.id[2]"),
        ({"rows": [{"id": "a", "more": [{"id": "b"}, {"id": FIVE_KB}]}]}, "$rows[0].more[1].id"),
    ]
    for params, where in cases:
        with pytest.raises(StoreError, match=re.escape(f"parameter {where} is a ") + r"[0-9,]+-byte string: "
                           r"falkordb takes at most 4,096 bytes in a node key \(id\)"):
            FALKORDB.check_params(params, write=True)


def test_long_plain_values_and_reads_pass() -> None:
    long_props: dict[str, Any] = {"rows": [{"id": "a", "props": {"id": "a", "comments": FIVE_KB * 20,
                                                                 "aliases": [FIVE_KB], "nested": [[FIVE_KB]]}}]}
    FALKORDB.check_params(long_props, write=True)
    FALKORDB.check_params({"id": FIVE_KB}, write=False)  # a long value only matched is harmless
    NEO4J.check_params({"id": FIVE_KB}, write=True)  # Neo4j refuses an oversized index key itself


# -- the real engine ----------------------------------------------------------------------------------------

def test_the_measured_limit_on_the_real_engine(own_store: FalkorStore) -> None:
    """4,096 bytes is stored (multi-byte characters count in bytes); one byte more is refused, not sent."""
    at_limit = "é" * (LIMIT // 2)
    assert own_store.run(MERGE_ID, {"id": at_limit}, write=True).scalar() == at_limit
    with pytest.raises(StoreError, match="4,098-byte string"):
        own_store.run(MERGE_ID, {"id": at_limit + "é"}, write=True)
    assert alive(own_store)


def test_long_values_in_other_properties_are_fine_on_the_engine(own_store: FalkorStore) -> None:
    """Measured: only the unique-constrained id crashes the server; indexed and plain properties take 1 MB.

    But the exact-match index holds 4,096 bytes at most: a longer indexed value is stored and read back by id,
    yet an equality lookup through the index misses it (a dialect note; ids never reach that size).
    """
    big = "x" * 1_000_000
    own_store.run(Cypher("MERGE (n:Person {id: 'person:a'}) SET n += $props"),
                  {"props": {"name": big, "note": big}}, write=True)
    sizes = own_store.run(Cypher("MATCH (n:Person {id: 'person:a'}) RETURN size(n.name), size(n.note)"))
    assert sizes.rows == [[len(big), len(big)]]
    by_note = own_store.run(Cypher("MATCH (n:Person) WHERE n.note = $v RETURN n.id"), {"v": big})
    assert by_note.rows == [["person:a"]]
    by_name = own_store.run(Cypher("MATCH (n:Person) WHERE n.name = $v RETURN n.id"), {"v": big})
    assert by_name.rows == [], "if this finds the node, FalkorDB's index now takes long values: update the note"
    assert alive(own_store)


def test_cypher_write_with_a_long_key_is_refused_and_the_server_stays_up(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    seed = tmp_path / "seed.jsonl"
    seed.write_text(json.dumps({"type": "Person", "name": "Anatoly Antonov", "source": "x"}) + "\n")
    try:
        assert run(data_dir, "load", str(seed)).exit_code == 0  # the unique constraint on Person.id exists now
        refused = run(data_dir, "cypher", "MERGE (n:Person {id: $id}) RETURN n.id", "--param", f"id={FIVE_KB}",
                      "--write")
        assert refused.exit_code == 2, refused.output
        assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
        assert "parameter $id is a 5,126-byte string" in refused.stderr
        ping = run(data_dir, "cypher", "MATCH (n:Person) RETURN count(n) AS n", "--format", "json")
        assert ping.exit_code == 0 and json.loads(ping.stdout) == [{"n": 1}]
    finally:
        EmbeddedServer(data_dir).stop()


def _nodes(data_dir: Path, label: str, prop: str) -> list[dict[str, Any]]:
    res = run(data_dir, "cypher", f"MATCH (n:{label}) RETURN n.id AS id, n.{prop} AS value ORDER BY id",
              "--format", "json")
    assert res.exit_code == 0, res.output
    rows: list[dict[str, Any]] = json.loads(res.stdout)
    return rows


def test_curated_records_with_5kb_names_load_with_bounded_ids(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    curated = tmp_path / "long.jsonl"
    records = [
        {"type": "Person", "name": FIVE_KB, "source": "test"},
        {"type": "WeaponSystem", "designation": FIVE_KB, "source": "test"},
        {"type": "Country", "iso3": "USA", "name": "United States", "source": "test"},
        {"type": "Country", "iso3": "UKR", "name": "Ukraine", "source": "test"},
        {"type": "Report", "key": FIVE_KB, "supplier": "country:USA", "recipient": "country:UKR", "source": "test"},
    ]
    curated.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    try:
        loaded = run(data_dir, "load", str(curated), "--format", "json")
        assert loaded.exit_code == 0, loaded.output
        # the Transfer the deal resolver makes from the Report takes the Report's key: bounded too
        for label, prop in [("Person", "name"), ("WeaponSystem", "designation"), ("Report", "key"),
                            ("Transfer", "key")]:
            (node,) = _nodes(data_dir, label, prop)
            assert node["value"] == FIVE_KB.strip(), "the full name is kept as a property"
            assert len(node["id"].split(":", 1)[1]) <= KEY_MAX
        again = run(data_dir, "load", str(curated), "--force", "--format", "json")
        assert again.exit_code == 0, again.output
        assert len(_nodes(data_dir, "Person", "name")) == 1, "the same long name keeps its id"
        assert len(_nodes(data_dir, "Report", "key")) == 1 and len(_nodes(data_dir, "Transfer", "key")) == 1
    finally:
        EmbeddedServer(data_dir).stop()


def test_a_sipri_row_with_a_5kb_designation_loads(tmp_path: Path, shared_data: Path) -> None:
    source = shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv"
    lines = source.read_text(encoding="latin-1").splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier"))
    row = lines[header + 1].split(",")
    assert row[6] == "D-30 122mm"
    row[6] = FIVE_KB.strip()
    rebels = lines[header + 3].split(",")
    rebels[0] = "Rebels of " + "the Long Name " * 400 + "*"  # a marked non-state actor: a key from its name
    sipri = tmp_path / "long-sipri.csv"
    sipri.write_text("".join([*lines[: header + 1], ",".join(row), ",".join(rebels)]), encoding="latin-1")
    data_dir = tmp_path / "data"
    try:
        loaded = run(data_dir, "load", str(sipri), "--loader", "sipri", "--format", "json")
        assert loaded.exit_code == 0, loaded.output
        assert json.loads(loaded.stdout)[0]["errors"] == 0
        weapons = {w["value"]: w["id"] for w in _nodes(data_dir, "WeaponSystem", "designation")}
        assert len(weapons[FIVE_KB.strip()]) <= len("weapon:") + KEY_MAX
        to = run(data_dir, "cypher", "MATCH (:Transfer)-[:TO]->(a:Actor) WHERE a.name STARTS WITH 'Rebels' "
                 "RETURN a.id AS id, size(a.name) AS size", "--format", "json")
        (recipient,) = json.loads(to.stdout)
        assert recipient["size"] > 5000, "the long-named recipient keeps its edge and its name"
        assert len(recipient["id"].split(":", 1)[1]) <= KEY_MAX
    finally:
        EmbeddedServer(data_dir).stop()


def test_two_non_latin_names_in_two_files_are_two_people(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"type": "Person", "name": "Владимир Путин", "source": "a"}) + "\n",
                     encoding="utf-8")
    second.write_text(json.dumps({"type": "Person", "name": "习近平", "source": "b"}) + "\n", encoding="utf-8")
    try:
        for path in (first, second):
            loaded = run(data_dir, "load", str(path))
            assert loaded.exit_code == 0, loaded.output
        people = {p["id"]: p["value"] for p in _nodes(data_dir, "Person", "name")}
        assert people["person:vladimir-putin"] == "Владимир Путин"
        assert len(people) == 2 and "习近平" in people.values()
        assert all(len(i) > len("person:") for i in people)
    finally:
        EmbeddedServer(data_dir).stop()
