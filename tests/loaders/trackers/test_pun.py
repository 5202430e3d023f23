"""The Protect Ukraine Now loader on the real tracker files, and on bad input written at test time."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Store
from armsgraph.loaders.base import pick
from armsgraph.loaders.trackers.pun import ProtectUkraineNowLoader
from armsgraph.schema import Report, UnresolvedActor
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure


@pytest.fixture(scope="module")
def pun_dir(shared_data: Path) -> Path:
    return shared_data / "ukraine" / "protect_ukraine_now"


def read(path: Path) -> Batch:
    return next(iter(ProtectUkraineNowLoader().read(path)))


def count(store: Store, cypher: str, **params: object) -> int:
    return int(store.run(cypher, params).scalar())  # type: ignore[arg-type]


def test_sniff_recognises_the_two_files_and_nothing_else(pun_dir: Path, shared_data: Path) -> None:
    assert isinstance(pick(pun_dir / "commits.json"), ProtectUkraineNowLoader)
    assert isinstance(pick(pun_dir / "notifications.csv"), ProtectUkraineNowLoader)
    others = [pun_dir / "countries.json", pun_dir / "categories.json",
              shared_data / "ukraine" / "kiel_support_tracker" / "weapons.csv",
              shared_data / "reference" / "treaty-parties-ccm.csv",
              shared_data / "reference" / "ear_country_groups" / "country-groups.json",
              *sorted((shared_data / "sipri").glob("*.csv"))]
    for path in others:
        assert ProtectUkraineNowLoader.sniff(path, path.read_bytes()[:65536]) == 0.0, path.name


def test_commitments_batch(pun_dir: Path) -> None:
    rows = json.loads((pun_dir / "commits.json").read_text("utf-8"))
    batch = read(pun_dir / "commits.json")
    reports = [r.node for r in batch.nodes if isinstance(r.node, Report)]
    assert batch.records_read == len(rows) == len(reports)
    assert {r.source for r in reports} == {"tracker"}
    assert {r.stage for r in reports} == {"pledged"}
    assert {r.recipient for r in reports} == {"country:UKR"}
    assert all(r.weapon and r.weapon.startswith("weapon:") for r in reports)
    assert [e.severity for e in batch.errors] == ["warning"] * sum(1 for r in rows if r[5] is None)
    assert not any(isinstance(r.node, UnresolvedActor) for r in batch.nodes)


def test_store_counts_per_donor_citations_and_idempotent_reload(store: Store, pun_dir: Path) -> None:
    path = pun_dir / "commits.json"
    rows = json.loads(path.read_text("utf-8"))
    load_paths(store, [path])
    # two rows of one tracker are two commitments: one Report and one Transfer per row
    assert count(store, "MATCH (r:Report {source: 'tracker'}) RETURN count(r)") == len(rows)
    assert count(store, "MATCH (r:Report)-[:REPORTS]->(t:Transfer) RETURN count(DISTINCT t)") == len(rows)
    per_donor = dict(store.run("MATCH (s:Actor)-[:SUPPLIED]->(t:Transfer) RETURN s.name, count(t)").rows)
    expected = Counter(r[1] for r in rows)
    by_name = {}
    for code, n in expected.items():
        iso3 = pycountry.countries.get(alpha_2=code.upper()).alpha_3  # type: ignore[union-attr]
        name = store.run("MATCH (c:Country {iso3: $iso3}) RETURN c.name", {"iso3": iso3}).scalar()
        by_name[name] = n
    assert per_donor == by_name
    assert count(store, "MATCH (:Transfer)-[:TO]->(r:Country) RETURN count(DISTINCT r)") == 1
    assert count(store, "MATCH (:Transfer)-[:TO]->(r:Country {iso3: 'UKR'}) RETURN count(*)") == len(rows)
    # two known commitments, each cited to its URL on its row
    known = [("2022-04-13", "USA", "M777 155mm", 18), ("2024-09-05", "ROU", "MIM-104 Patriot", 4)]
    for when, iso3, system, quantity in known:
        row = next(r for r in rows if r[0] == when and r[3] == system and r[4] == quantity)
        found = store.run(
            "MATCH (s:Country {iso3: $iso3})-[:SUPPLIED]->(t:Transfer {date: $date})-[o:OF]->(w:WeaponSystem), "
            "(t)<-[:REPORTS]-(r:Report {source: 'tracker'})-[p:SOURCED_FROM]->(d:Document) "
            "WHERE w.designation = $system "
            "RETURN t.stage, t.number_ordered, o.number, p.citations[0], p.locators[0], d.kind",
            {"iso3": iso3, "date": when, "system": system}).rows
        assert len(found) == 1
        stage, number, on_edge, citation, locator, kind = found[0]
        assert (stage, number, on_edge, citation, kind) == ("pledged", quantity, quantity, row[5], "tracker")
        assert locator.startswith("L")
    patriot = store.run("MATCH (:WeaponSystem {designation: 'MIM-104 Patriot'})-[r:IN_FAMILY]->(f:WeaponFamily) "
                        "RETURN f.key, r.role").rows
    assert patriot == [["patriot", "member"]]
    assert count(store, "MATCH (w:WeaponSystem {designation: 'Leopard 2'})-[:IN_CATEGORY]->"
                        "(:WeaponCategory {key: 'armoured-vehicles'}) RETURN count(w)") == 1
    figures = ["MATCH (n) RETURN count(n)", "MATCH ()-[r]->() RETURN count(r)",
               "MATCH (t:Transfer) RETURN count(t)", "MATCH (:Report)-[p:SOURCED_FROM]->() RETURN count(p)",
               "MATCH (:Report)-[e:REPORTS]->(:Transfer) RETURN count(e)"]
    first = [count(store, q) for q in figures]
    assert load_paths(store, [path]).documents[0].skipped
    assert not load_paths(store, [path], force=True).documents[0].skipped
    assert [count(store, q) for q in figures] == first


def test_drawdown_notices(store: Store, pun_dir: Path) -> None:
    path = pun_dir / "notifications.csv"
    lines = [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    report = load_paths(store, [path])
    assert report.documents[0].loader == "protect-ukraine-now"
    reports = store.run("MATCH (r:Report) RETURN r.source, r.supplier, r.recipient, r.stage, r.weapon, count(r)").rows
    assert reports == [["tracker", "country:USA", "country:UKR", "approved", None, len(lines)]]
    rows = store.run("MATCH (s:Country)-[:SUPPLIED]->(t:Transfer)-[:TO]->(r:Country) "
                     "RETURN s.iso3, r.iso3, t.stage, count(t)").rows
    assert rows == [["USA", "UKR", "approved", len(lines)]]
    value = store.run("MATCH (r:Report {date: '2024-09-26'}) RETURN r.value_usd").scalar()
    assert value == pytest.approx(5.55e9)
    value = store.run("MATCH (t:Transfer {date: '2024-09-26'}) RETURN t.value_usd").scalar()
    assert value == pytest.approx(5.55e9)
    assert count(store, "MATCH (t:Transfer) WHERE t.value_usd IS NULL RETURN count(t)") == sum(
        1 for line in lines if "undefined" in line)


def write(tmp_path: Path, text: str, name: str = "commits.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = ["2023-01-25", "de", "Tank", "Leopard 2", 14, "https://example.org/a"]


def test_empty_file_fails(tmp_path: Path) -> None:
    with pytest.raises(LoaderFailure):
        read(write(tmp_path, ""))
    with pytest.raises(LoaderFailure, match="expected a JSON array"):
        read(write(tmp_path, '{"rows": []}'))


def test_truncated_json_keeps_the_rows_before(tmp_path: Path) -> None:
    text = json.dumps([GOOD, ["2023-02-01", "pl", "Tank", "Leopard 2", 4, "https://example.org/b"]], indent=1)
    batch = read(write(tmp_path, text[: text.rindex("Leopard")]))
    assert [r.node.number_ordered for r in batch.nodes if isinstance(r.node, Report)] == [GOOD[4]]
    assert len(batch.errors) == 1 and "truncated" in batch.errors[0].reason
    unclosed = read(write(tmp_path, json.dumps([GOOD])[:-1]))
    assert [e.reason for e in unclosed.errors] == ["truncated JSON: the array is not closed"]


def test_unknown_donor_is_kept_for_review(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, json.dumps([["2023-01-25", "xq", "Tank", "Leopard 2", 3, "https://example.org/c"], GOOD]))
    batch = read(path)
    unresolved = [r.node for r in batch.nodes if isinstance(r.node, UnresolvedActor)]
    assert [u.name for u in unresolved] == ["XQ"]
    assert [(e.line, e.field, e.severity) for e in batch.errors] == [(1, "donor", "warning")]
    report = load_paths(store, [path])
    assert report.documents[0].errors == 0
    assert count(store, "MATCH (u:UnresolvedActor), (r:Report {supplier: u.id}) RETURN count(r)") == 1
    assert count(store, "MATCH (:UnresolvedActor)-[:SUPPLIED]->(t:Transfer) RETURN count(t)") == 1


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (["2023-02-30", "de", "Tank", "Leopard 2", 1, "https://x.org"], "date"),
        (["yesterday", "de", "Tank", "Leopard 2", 1, "https://x.org"], "date"),
        (["2023-01-01", "", "Tank", "Leopard 2", 1, "https://x.org"], "donor"),
        (["2023-01-01", 7, "Tank", "Leopard 2", 1, "https://x.org"], "donor"),
        (["2023-01-01", "de", "Tank", "", 1, "https://x.org"], "system"),
        (["2023-01-01", "de", "Tank", "x" * 5000, 1, "https://x.org"], "system"),
        (["2023-01-01", "de", "Tank", "Leo\x00pard", 1, "https://x.org"], "system"),
        (["2023-01-01", "de", "Tank", "Leopard 2", -3, "https://x.org"], "quantity"),
        (["2023-01-01", "de", "Tank", "Leopard 2", "14", "https://x.org"], "quantity"),
        (["2023-01-01", "de", "Tank", "Leopard 2", True, "https://x.org"], "quantity"),
        (["2023-01-01", "de", "Tank", "Leopard 2", 1, "javascript:alert(1)"], "source"),
        (["2023-01-01", "de", "Tank", "Leopard 2", 1], None),
        ({"date": "2023-01-01"}, None),
    ],
)
def test_bad_rows_are_reported_and_the_good_ones_load(tmp_path: Path, row: object, field: str | None) -> None:
    batch = read(write(tmp_path, json.dumps([GOOD, row, [*GOOD[:4], 15, *GOOD[5:]]], indent=1)))
    assert [r.node.number_ordered for r in batch.nodes if isinstance(r.node, Report)] == [GOOD[4], 15]
    errors = [e for e in batch.errors if e.severity == "error"]
    assert [e.field for e in errors] == [field]
    assert errors[0].line is not None and errors[0].line > 1


def test_hostile_strings_are_values_not_cypher(store: Store, tmp_path: Path) -> None:
    system = "Leopard 2'}) MATCH (n) DETACH DELETE n //"
    path = write(tmp_path, json.dumps([["2023-01-25", "de", "Tank", system, 2, "https://example.org/'\"x"]]))
    report = load_paths(store, [path])
    assert report.documents[0].errors == 0
    assert store.run("MATCH (w:WeaponSystem) RETURN w.designation").rows == [[system]]
    assert store.run("MATCH ()-[p:SOURCED_FROM]->() WHERE 'pun:commitment' IN p.rules "
                     "UNWIND p.citations AS c RETURN DISTINCT c").rows == [
        ["https://example.org/'\"x"]]
