"""The curated JSON Lines loader on the shipped seed file and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from armsgraph.graph.catalogue.stats import counts_dict
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.loaders.curated.loader import CuratedLoader

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "examples" / "seed-entities.jsonl"


def seed_records() -> list[dict[str, object]]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_seed_file_yields_every_record_with_provenance() -> None:
    [batch] = list(CuratedLoader().read(SEED))
    records = seed_records()
    assert batch.errors == []
    assert len(batch.nodes) == len(records)
    assert {r.node.label for r in batch.nodes} == {str(r["type"]) for r in records}
    for rec in batch.nodes:
        assert rec.provenance.document_id == batch.document.id
        assert rec.provenance.line is not None and rec.provenance.citation
    # derived relations: each Position gives HOLDS and OF
    positions = sum(1 for r in records if r["type"] == "Position")
    types = [r.relation.type for r in batch.relations]
    assert types.count("HOLDS") == positions and types.count("OF") == positions


def test_seed_people_and_positions_in_the_graph(store: FalkorStore) -> None:
    report = load_paths(store, [SEED])
    assert not report.failed, report.errors
    rows = store.run(
        "MATCH (p:Person)-[:HOLDS]->(pos:Position)-[:OF]->(o) RETURN p.name, pos.title, o.id ORDER BY p.name"
    ).rows
    expected = sorted(
        (next(str(p["name"]) for p in seed_records() if p["type"] == "Person" and
              "person:" + str(p["name"]).lower().replace(" ", "-") == r["person"]), str(r["title"]), str(r["of"]))
        for r in seed_records() if r["type"] == "Position"
    )
    assert [tuple(r) for r in rows] == expected


def test_loading_twice_changes_nothing(store: FalkorStore, tmp_path: Path) -> None:
    load_paths(store, [SEED])
    before = counts_dict(store)
    again = load_paths(store, [SEED])
    assert again.documents[0].skipped
    forced = load_paths(store, [SEED], force=True)
    assert not forced.failed and not forced.documents[0].skipped
    assert counts_dict(store) == before
    # a copy under another name is the same content: same document, nothing new
    copy = write(tmp_path, "copy.jsonl", SEED.read_bytes())
    load_paths(store, [copy])
    assert counts_dict(store) == before


def test_bad_records_are_reported_and_good_ones_load(store: FalkorStore, tmp_path: Path) -> None:
    hostile = '"}) DETACH DELETE n //'
    lines = [
        json.dumps({"type": "Country", "iso3": "UKR", "name": "Ukraine", "source": "ISO"}),
        '{"type": "Country", "iso3": "FRA", "name": "Fra',  # truncated
        json.dumps({"type": "Country", "iso3": "DEU", "name": "Germany", "capital": "Berlin", "source": "x"}),
        json.dumps({"type": "Person", "source": "x"}),  # missing name
        json.dumps({"type": "Country", "iso3": "UKR", "name": "Ukraine", "source": "ISO"}),  # duplicate
        json.dumps({"type": "Country", "iso3": "XFD", "name": "Freedonia", "source": "Duck Soup"}),
        json.dumps({"type": "Person", "name": hostile, "source": "a 'quoted' source\" MATCH (n) DELETE n"}),
        json.dumps({"type": "Person", "name": "No Source"}),
        json.dumps({"type": "Spaceship", "name": "x", "source": "x"}),
        json.dumps({"type": "Position", "title": "Envoy", "person": "person:nobody", "of": "country:UKR",
                    "source": "x"}),
    ]
    path = write(tmp_path, "bad.jsonl", "\n".join(lines) + "\n")
    report = load_paths(store, [path])
    messages = [str(e) for e in report.errors]
    expect = {
        2: (None, "not valid JSON"), 3: ("capital", "Extra inputs"), 4: ("name", "Field required"),
        5: ("id", "duplicate of line 1"), 6: ("iso3", "unknown country"), 8: ("source", "missing 'source'"),
        9: ("type", "unknown type"), 10: ("HOLDS", "unknown reference 'person:nobody'"),
    }
    for line, (field, reason) in expect.items():
        hits = [e for e in report.errors if e.line == line]
        assert hits, f"no error for line {line}: {messages}"
        assert hits[0].file == "bad.jsonl" and (field is None or hits[0].field == field) and reason in hits[0].reason
    assert all(m.startswith("bad.jsonl:") for m in messages)
    names = {r[0] for r in store.run("MATCH (n) WHERE n.name IS NOT NULL RETURN n.name").rows}
    assert {"Ukraine", hostile} <= names  # good rows loaded, the hostile name stored verbatim
    assert store.run("MATCH (c:Country) RETURN count(c)").scalar() == 1
    assert store.run("MATCH (p:Position) RETURN count(p)").scalar() == 1  # node loads, dangling HOLDS is reported


def test_empty_and_non_utf8_files_fail_cleanly(store: FalkorStore, tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.jsonl", "")
    latin = write(tmp_path, "latin.jsonl", '{"type": "Country", "iso3": "CIV", "name": "C\xf4te d\'Ivoire", '
                  '"source": "x"}\n'.encode("latin-1"))
    report = load_paths(store, [empty, latin])
    errors = {e.file: e for e in report.errors}
    assert "empty file" in errors["empty.jsonl"].reason
    assert "not valid UTF-8" in errors["latin.jsonl"].reason and errors["latin.jsonl"].line == 1
    assert store.run("MATCH (n) RETURN count(n)").scalar() in (0, None)


def test_provenance_cannot_be_loaded_as_a_fact(tmp_path: Path) -> None:
    """SOURCED_FROM is written by the writer with every node; a curated line asserting one is refused."""
    path = tmp_path / "p.jsonl"
    path.write_text('{"type": "SOURCED_FROM", "src": "country:USA", "dst": "doc:x", "locator": "L1", '
                    '"source": "test"}\n', encoding="utf-8")
    batch = next(CuratedLoader().read(path))
    assert [e.field for e in batch.errors] == ["type"] and not batch.relations


def test_weapon_systems_get_their_family(store: FalkorStore, tmp_path: Path) -> None:
    lines = [
        {"type": "WeaponSystem", "designation": "MIM-104 PAC-3", "source": "test"},
        {"type": "WeaponSystem", "designation": "Leopard-2A6", "family": "leopard-2", "source": "test"},
        {"type": "WeaponSystem", "designation": "Mystery Gun", "family": "no-such-family", "source": "test"},
    ]
    path = write(tmp_path, "weapons.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    batch = next(iter(CuratedLoader().read(path)))
    assert [(e.line, e.field) for e in batch.errors] == [(3, "family")]
    load_paths(store, [path])
    rows = store.run("MATCH (w:WeaponSystem)-[r:IN_FAMILY]->(f:WeaponFamily) "
                     "RETURN w.designation, f.key, r.role ORDER BY f.key").rows
    assert rows == [["Leopard-2A6", "leopard-2", "member"], ["MIM-104 PAC-3", "patriot", "member"]]
