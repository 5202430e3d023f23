"""The complete UNTC party lists and the NATO/EU member lists load by their mapping files alone."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from armsgraph.graph.catalogue import get_query
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Store
from armsgraph.loaders import base as registry
from armsgraph.loaders.tables.regimes import RegimeTableLoader
from armsgraph.loaders.tables.treaties import TreatyTableLoader

COMPLETE = "reference/treaties_complete"
CCM = f"{COMPLETE}/ccm_convention_on_cluster_munitions.csv"
TREATIES = ("apmbc_ottawa_mine_ban_convention.csv", "att_arms_trade_treaty.csv",
            "ccm_convention_on_cluster_munitions.csv", "ccw_certain_conventional_weapons.csv")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def status(store: Store, **params: Any) -> dict[str, Any]:
    found: list[dict[str, Any]] = get_query("treaty-status-on-date").run(
        store, {k: str(v) for k, v in params.items()}).records()
    [row] = found
    return row


def test_every_complete_table_loads_without_an_error(store: Store, shared_data: Path) -> None:
    paths = [shared_data / COMPLETE / name for name in TREATIES]
    assert all(isinstance(registry.pick(p), TreatyTableLoader) for p in paths)
    report = load_paths(store, paths, loader_name="treaty-table")
    assert not report.errors, [str(e) for e in report.errors]
    for path in paths:
        edges = store.run("MATCH (:Country)-[p:PARTY_TO {source: $s}]->(:Treaty) RETURN count(p)",
                          {"s": path.stem}).scalar()
        assert edges == len(rows(path)), path.name


def test_ccm_parties_on_a_date_match_the_file(store: Store, shared_data: Path) -> None:
    load_paths(store, [shared_data / CCM], loader_name="treaty-table")
    table = rows(shared_data / CCM)
    parties = {r["iso3"] for r in table if r["status_at_capture"] == "party"}
    assert len(parties) == sum(1 for r in table if r["consent_date"] and not r["withdrawal_effective_date"])
    on_capture = store.run(
        "MATCH (c:Country)-[p:PARTY_TO {source: $s}]->(:Treaty {key: 'ccm'}) "
        "WHERE coalesce(p.ratified, p.accession) IS NOT NULL AND p.withdrew IS NULL RETURN c.iso3",
        {"s": Path(CCM).stem}).rows
    assert {r[0] for r in on_capture} == parties
    by_iso = {r["iso3"]: r for r in table}
    germany = by_iso["DEU"]
    deu = status(store, country="DEU", treaty="ccm", date="2024-01-01")
    assert (deu["status"], deu["signed"], deu["ratified"]) == (
        "party", germany["signature_date"], germany["consent_date"])
    lithuania = by_iso["LTU"]
    assert status(store, country="LTU", treaty="ccm", date="2024-01-01")["status"] == "party"
    gone = status(store, country="LTU", treaty="ccm", date=lithuania["withdrawal_effective_date"])
    assert (gone["status"], gone["withdrew"]) == ("withdrawn", lithuania["withdrawal_effective_date"])
    andorra = status(store, country="AND", treaty="ccm", date="2024-01-01")
    assert andorra["accession"] == by_iso["AND"]["consent_date"] == "2013-04-09"
    assert andorra["bound_from"] == "2013-10-01"  # CCM art. 17, computed: the file gives no entry into force


def test_nato_and_eu_member_lists_are_dated(store: Store, shared_data: Path) -> None:
    paths = [shared_data / COMPLETE / "nato_member_states.csv", shared_data / COMPLETE / "eu_member_states.csv"]
    assert all(isinstance(registry.pick(p), RegimeTableLoader) for p in paths)
    report = load_paths(store, paths, loader_name="regime-table")
    assert not report.errors, [str(e) for e in report.errors]
    nato = {r["iso3"]: r for r in rows(paths[0])}
    eu = {r["iso3"]: r for r in rows(paths[1])}
    got = store.run("MATCH (c:Country)-[m:MEMBER_OF]->(o:Organization) WHERE c.iso3 IN ['SWE', 'GBR'] "
                    "AND o.id IN ['org:nato', 'org:european-union'] "
                    "RETURN c.iso3, o.id, m.since, m.until ORDER BY c.iso3, o.id").rows
    assert [tuple(r) for r in got] == [
        ("GBR", "org:european-union", eu["GBR"]["accession_date"], eu["GBR"]["exit_date"]),
        ("GBR", "org:nato", nato["GBR"]["member_since"], None),
        ("SWE", "org:european-union", eu["SWE"]["accession_date"], None),
        ("SWE", "org:nato", nato["SWE"]["member_since"], None)]
    assert eu["GBR"]["exit_date"] and nato["SWE"]["member_since"] > "2024"


def test_dated_membership_decides_membership_on_a_date(store: Store, shared_data: Path) -> None:
    """Sweden joined NATO on 2024-03-07: the undated Factbook list must not make it a member in July 2023."""
    nato = shared_data / "reference" / "treaties_complete"
    factbook = shared_data / "reference" / "cia_factbook"
    assert not load_paths(store, [nato, factbook]).failed
    members = {r["iso3"] for r in get_query("ccm-parties-among").run(store, {"date": "2023-07-08"}).records()}
    later = {r["iso3"] for r in get_query("ccm-parties-among").run(store, {"date": "2024-06-01"}).records()}
    assert "FIN" in members and "SWE" not in members and "SWE" in later
