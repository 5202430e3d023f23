"""Regime memberships (EAR country groups, CIA Factbook) on the real engine."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from armsgraph.graph.catalogue import get_query
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Store
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.sipri.names import POLICIES
from armsgraph.loaders.tables.regimes import RegimeTableLoader, ear_groups
from armsgraph.schema.errors import LoaderFailure

EAR = "reference/ear_country_groups/country-groups.json"
FACTBOOK = "reference/cia_factbook/factbook_countries_aliases_orgs.csv"
SIPRI_2025 = "sipri/transfers-2025-01.excerpt.csv"




def members(store: Store, org: str, source: str) -> set[str]:
    rows = store.run("MATCH (c:Country)-[m:MEMBER_OF {source: $source}]->(o:Organization {id: $org}) "
                     "RETURN c.iso3", {"org": org, "source": source}).rows
    return {r[0] for r in rows}


def test_ear_groups(store: Store, shared_data: Path) -> None:
    report = load_paths(store, [shared_data / EAR], loader_name="regime-table")
    assert not report.errors, [str(e) for e in report.errors]
    data = json.loads((shared_data / EAR).read_text(encoding="utf-8"))
    for group, spec in ear_groups().items():
        assert len(members(store, spec.org, "ear")) == len(set(data["groups"][group]) | set(spec.extra)), group
    wassenaar = members(store, "org:wassenaar-arrangement", "ear")
    assert {"MLT", "RUS", "UKR", "USA", "TUR", "KOR"} <= wassenaar  # footnote states and EAR spellings
    kinds = store.run("MATCH (o:Organization) WHERE o.id IN $ids RETURN DISTINCT o.kind",
                      {"ids": ["org:wassenaar-arrangement", "org:mtcr", "org:australia-group", "org:nsg"]}).rows
    assert kinds == [["regime"]]
    as_of = store.run("MATCH ()-[m:MEMBER_OF]->() RETURN DISTINCT m.as_of").rows
    assert as_of == [[data["ecfrIssueDate"]]]
    assert store.run("MATCH ()-[p:PARTY_TO]->() RETURN count(p)").scalar() == 0  # membership is not PARTY_TO


def test_factbook_memberships_and_disagreement(store: Store, shared_data: Path) -> None:
    report = load_paths(store, [shared_data / EAR, shared_data / FACTBOOK], loader_name="regime-table")
    assert not report.errors, [str(e) for e in report.errors]
    with (shared_data / FACTBOOK).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    nato = {Resolver.standard().resolve(r["long"] if r["long"] != "none" else r["short"], "treaty").entity_id
            for r in rows if r["member_NATO"] == "NATO"}
    assert {f"country:{c}" for c in members(store, "org:nato", "cia-factbook")} == nato
    assert "country:USA" in nato and "country:SWE" in nato
    # both sources keep their Wassenaar edges; the difference is listable
    ear, cia = members(store, "org:wassenaar-arrangement", "ear"), members(store, "org:wassenaar-arrangement",
                                                                            "cia-factbook")
    assert len(cia) == sum(1 for r in rows if r["member_Wassenaar_Arrangement"] == "Wassenaar Arrangement")
    both = store.run("MATCH (c:Country)-[m:MEMBER_OF]->(:Organization {id: 'org:wassenaar-arrangement'}) "
                     "WITH c, collect(m.source) AS sources WHERE size(sources) = 1 RETURN c.iso3, sources[0]").rows
    assert {r[0] for r in both} == ear ^ cia
    # qualified entries are not memberships
    observers = {r["short"] for r in rows if r["member_NSG"] == "NSG (observer)"}
    assert observers and not any(Resolver.standard().resolve(o, "treaty").entity_id in
                                 {f"country:{c}" for c in members(store, "org:nsg", "cia-factbook")}
                                 for o in observers)


def test_regime_members_supplying(store: Store, shared_data: Path) -> None:
    load_paths(store, [shared_data / EAR], loader_name="regime-table")
    load_paths(store, [shared_data / SIPRI_2025], loader_name="sipri")
    rows = get_query("regime-members-supplying").run(store, {"recipient": "UKR"}).records()
    wassenaar = members(store, "org:wassenaar-arrangement", "ear")
    # independent: suppliers of Ukraine in the excerpt, read with the csv module, that are Wassenaar members
    lines = (shared_data / SIPRI_2025).read_text(encoding="ascii").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("SIPRI AT Database ID,"))
    suppliers = {Resolver.standard(policies=POLICIES).resolve(r[1], "sipri").entity_id
                 for r in csv.reader(lines[start + 1:]) if len(r) > 2 and r[2] == "Ukraine"}
    expected = {s.split(":")[1] for s in suppliers if s and s.split(":")[1] in wassenaar}
    assert {r["iso3"] for r in rows} == expected and expected
    assert all(r["deals"] >= 1 for r in rows)
    # a transfer reported in the news (no order year, no TIV) is not a deal: the figures stay the same
    load_paths(store, [shared_data / "news" / "rt-2023-07-antonov-cluster-munitions.txt"])
    assert store.run("MATCH (:Report {source: 'text'})-[:REPORTS]->(t:Transfer) "
                     "WHERE t.stage = 'announced' AND t.sources = ['text'] RETURN count(t)").scalar() >= 1
    again = get_query("regime-members-supplying").run(store, {"recipient": "UKR"}).records()
    assert again == rows
    narrow = get_query("regime-members-supplying").run(store, {"recipient": "UKR", "ordered_from": "1990",
                                                               "ordered_to": "1991"}).records()
    assert not [r for r in narrow if r["last_order"] is None or r["last_order"] > 1991]


@pytest.mark.parametrize(("content", "name"), [(b"{not json", "x.json"), (b'{"groups": 1, "byCountry": {}}', "y.json")])
def test_broken_ear_file(tmp_path: Path, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoaderFailure):
        list(RegimeTableLoader().read(path))


def test_unknown_country_in_group(tmp_path: Path) -> None:
    path = tmp_path / "groups.json"
    path.write_text(json.dumps({"groups": {"A:2": ["France", "Freedonia", "France"]}, "byCountry": {}},
                               indent=2), encoding="utf-8")
    [batch] = RegimeTableLoader().read(path)
    errors = {(e.field, e.reason.split(" ")[0]) for e in batch.errors}
    assert ("A:2", "unknown") in errors and ("A:2", "duplicate") in errors
    assert [r.relation.src for r in batch.relations] == ["country:FRA"]
    assert all(e.line for e in batch.errors if "Freedonia" in e.reason)


def test_membership_conflicts(store: Store, shared_data: Path) -> None:
    from armsgraph.graph.catalogue.conflicts import membership_conflicts

    load_paths(store, [shared_data / EAR, shared_data / FACTBOOK], loader_name="regime-table")
    conflicts = membership_conflicts(store)
    wassenaar = {c["country"].split(":")[1] for c in conflicts if c["org"] == "org:wassenaar-arrangement"}
    assert wassenaar == members(store, "org:wassenaar-arrangement", "ear") ^ members(
        store, "org:wassenaar-arrangement", "cia-factbook")
    # NATO has one source only: nothing to disagree about
    assert not [c for c in conflicts if c["org"] == "org:nato"]
