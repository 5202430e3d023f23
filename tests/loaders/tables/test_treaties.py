"""Treaty reference data, the treaty-table loader and the treaty catalogue queries, on the real engine."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from armsgraph.graph.catalogue import get_query
from armsgraph.graph.catalogue.stats import counts_dict
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Cypher, Store
from armsgraph.loaders import base as registry
from armsgraph.loaders.reference.categories import classify, weapon_categories
from armsgraph.loaders.reference.treaties import treaty_catalogue, treaty_key
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.tables.treaties import TreatyTableLoader, parse_date
from armsgraph.schema.errors import CatalogueError, LoaderFailure

CCM = "reference/treaty-parties-ccm.csv"
SURVIVAL = "reference/treaties_survivalscores/treaty_status_by_country.csv"
LOWTRUST = "reference/treaty_parties_LOWTRUST_xocas123.csv"
FACTBOOK = "reference/cia_factbook/factbook_countries_aliases_orgs.csv"




def run(store: Store, name: str, **params: Any) -> list[dict[str, Any]]:
    return get_query(name).run(store, {k: str(v) for k, v in params.items()}).records()


def ccm_rows(shared_data: Path) -> dict[str, dict[str, str]]:
    with (shared_data / CCM).open(encoding="utf-8", newline="") as fh:
        return {row["state"]: row for row in csv.DictReader(fh)}


# -- reference data ----------------------------------------------------------------------------------


def test_treaty_catalogue() -> None:
    treaties = treaty_catalogue()
    assert {"ccm", "att", "apmbc", "cwc", "bwc", "ccw", "npt", "tpnw", "ctbt"} <= set(treaties)
    ccm = treaties["ccm"].node
    assert (ccm.adopted, ccm.entry_into_force, ccm.prohibits) == ("2008-05-30", "2010-08-01", ["cluster-munitions"])
    assert treaties["apmbc"].node.prohibits == ["anti-personnel-mines"]
    assert treaties["ctbt"].node.entry_into_force is None  # not in force
    for info in treaties.values():
        assert all(c in weapon_categories() for c in (*info.node.prohibits, *info.node.controls))
        assert info.source
    assert treaty_key("OTTAWA") == "apmbc" and treaty_key("Non-Proliferation Treaty") == "npt"
    assert treaty_key("Prohibition of Nuclear Weapons") == "tpnw" and treaty_key("Paris Agreement") is None


def test_weapon_categories_include_sipri_keys() -> None:
    from armsgraph.loaders.sipri.categories import SIPRI_CATEGORIES, category_key

    keys = set(weapon_categories())
    assert {category_key(c) for c in SIPRI_CATEGORIES} <= keys
    assert {"cluster-munitions", "anti-personnel-mines", "incendiary-weapons", "chemical-weapons",
            "biological-weapons", "nuclear-weapons"} <= keys


@pytest.mark.parametrize(
    ("designation", "description", "expected"),
    [
        ("M864", None, "cluster-munitions"),
        ("m483a1", "155mm artillery shell", "cluster-munitions"),
        ("155mm DPICM", None, "cluster-munitions"),
        ("M26", "DPICM rocket", "cluster-munitions"),
        ("Patriot", None, "air-defence-systems"),
        ("MIM-104 Patriot", "SAM system", "air-defence-systems"),
    ],
)
def test_classify(designation: str, description: str | None, expected: str) -> None:
    assert expected in [c for c, _ in classify(designation, description)]


def test_classify_does_not_overreach() -> None:
    assert classify("Leopard-2A6", "tank") == []
    assert classify("M8640") == []  # designation rules match the whole designation
    assert classify("SMArt-155", "sensor-fused artillery shell") == []  # outside the CCM definition


@pytest.mark.parametrize("raw", ["31 Feb 2009", "2009-13-01", "2009-02-30", "yesterday", "09/12/2008", "2009"])
def test_bad_dates_are_rejected(raw: str) -> None:
    with pytest.raises(ValueError, match="invalid date"):
        parse_date(raw)


def test_good_dates() -> None:
    assert parse_date("2008-12-03") == parse_date("3 Dec 2008") == parse_date("3 December 2008") == "2008-12-03"
    assert parse_date("2009", year_only=True) == "2009" and parse_date(" ") is None


# -- the shared tables -------------------------------------------------------------------------------


def test_seed_article_facts(store: Store, shared_data: Path) -> None:
    """US, Russia and Ukraine are not CCM parties; the UK, France and Germany are, with their dates."""
    report = load_paths(store, [shared_data / CCM, shared_data / SURVIVAL], loader_name="treaty-table")
    assert not report.errors, [str(e) for e in report.errors]
    rows = ccm_rows(shared_data)
    for iso3 in ("USA", "RUS", "UKR"):
        [status] = run(store, "treaty-status-on-date", country=iso3, treaty="ccm", date="2023-07-08")
        # the CCM table lists parties and signatories (partially): a state it does not list is "no record",
        # which is not bound in any way the graph knows of
        assert status["status"] == "no record", status
    for iso3, name in (("GBR", "United Kingdom"), ("FRA", "France"), ("DEU", "Germany")):
        [status] = run(store, "treaty-status-on-date", country=iso3, treaty="CCM", date="2023-07-08")
        assert status["status"] == "party"
        assert status["signed"] == rows[name]["signed"]
        assert status["ratified"] == rows[name]["ratified_or_acceded"]
        assert status["bound_from"] == rows[name]["entry_into_force"]
    # signed != ratified != bound: the UK ratified 4 May 2010, bound from 1 Nov 2010
    uk = rows["United Kingdom"]
    day_after = lambda d: d[:-2] + f"{int(d[-2:]) + 1:02d}"  # noqa: E731
    assert run(store, "treaty-status-on-date", country="GBR", date=uk["signed"])[0]["status"] == "signatory"
    assert run(store, "treaty-status-on-date", country="GBR",
               date=day_after(uk["ratified_or_acceded"]))[0]["status"] == "joined, not yet in force"
    assert run(store, "treaty-status-on-date", country="GBR", date=uk["entry_into_force"])[0]["status"] == "party"
    assert run(store, "treaty-status-on-date", country="GBR", date="2008-01-01")[0]["status"] == "not a party"
    # signature only (Angola) never binds; accession (Andorra) does
    assert run(store, "treaty-status-on-date", country="AGO", date="2024-01-01")[0]["status"] == "signatory"
    andorra = run(store, "treaty-status-on-date", country="AND", date="2024-01-01")[0]
    assert andorra["status"] == "party" and andorra["accession"] == rows["Andorra"]["ratified_or_acceded"]


def test_withdrawal_ends_membership(store: Store, shared_data: Path) -> None:
    load_paths(store, [shared_data / SURVIVAL], loader_name="treaty-table")
    with (shared_data / SURVIVAL).open(encoding="utf-8", newline="") as fh:
        russia_ctbt = next(r for r in csv.DictReader(fh)
                           if r["iso2"] == "RU" and r["treaty"] == "Comprehensive Nuclear-Test-Ban Treaty")
    withdrew = russia_ctbt["withdrew"]
    assert withdrew
    before = run(store, "treaty-status-on-date", country="RUS", treaty="ctbt", date="2022-01-01")[0]
    after = run(store, "treaty-status-on-date", country="RUS", treaty="ctbt", date=withdrew)[0]
    assert before["status"] == "joined, not yet in force"  # the CTBT itself is not in force
    assert after["status"] == "withdrawn" and after["withdrew"] == withdrew
    npt = run(store, "treaty-status-on-date", country="USA", treaty="NPT", date="2020-01-01")[0]
    assert npt["status"] == "party" and npt["bound_from"] == "1970-03-05"


def test_reloading_every_reference_table_changes_no_count(store: Store, shared_data: Path) -> None:
    treaty_tables = [shared_data / CCM, shared_data / SURVIVAL]
    regime_tables = [shared_data / "reference/ear_country_groups/country-groups.json", shared_data / FACTBOOK]
    first = load_paths(store, treaty_tables, loader_name="treaty-table")
    load_paths(store, regime_tables, loader_name="regime-table")
    assert not first.errors
    counts = counts_dict(store)
    assert counts["relationship:PARTY_TO"] > 600 and counts["relationship:MEMBER_OF"] > 700
    again = load_paths(store, treaty_tables, loader_name="treaty-table")
    assert all(d.skipped for d in again.documents)
    load_paths(store, treaty_tables, loader_name="treaty-table", force=True)
    load_paths(store, regime_tables, loader_name="regime-table", force=True)
    assert counts_dict(store) == counts


def test_loader_is_picked_by_sniffing(shared_data: Path) -> None:
    for rel in (CCM, SURVIVAL):
        path = shared_data / rel
        assert isinstance(registry.pick(path), TreatyTableLoader), rel
    # the low-trust year-only list is never picked by sniffing: it loads only when named
    assert TreatyTableLoader.sniff(shared_data / LOWTRUST, (shared_data / LOWTRUST).read_bytes()) == 0.0
    assert isinstance(registry.pick(shared_data / LOWTRUST, "treaty-table"), TreatyTableLoader)


def test_lowtrust_table_smoke(store: Store, shared_data: Path) -> None:
    """Low-trust list: loads, reports its one bad code with its line; never ground truth."""
    path = shared_data / LOWTRUST
    report = load_paths(store, [path], loader_name="treaty-table")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    bad = [(i, r["iso3"]) for i, r in enumerate(rows, start=2) if len(r["iso3"]) != 3 or r["iso3"] == "SAO"]
    assert [(e.line, e.field) for e in report.errors] == [(line, "iso3") for line, _ in bad]
    edges = store.run("MATCH (:Country)-[p:PARTY_TO]->(:Treaty) RETURN count(p)").scalar()
    assert edges == len(rows) - len(bad)


# -- bad input ---------------------------------------------------------------------------------------


def test_bad_rows_are_reported_good_rows_load(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "my-parties.csv"
    lines = [
        "treaty,state,signed,ratified,accession,entry_into_force,withdrew,source",
        "ccm,Norway,2008-12-03,2008-12-03,,2010-08-01,,good row",  # 2
        "ccm,Freedonia,2008-12-03,,,,,unknown country",  # 3
        "ccm,Sweden,31 Feb 2009,,,,,bad day",  # 4
        "ccm,Spain,2008-12-03,2009-13-01,,,,bad month",  # 5
        "ccm,Norway,2008-12-03,2008-12-03,,2010-08-01,,duplicate",  # 6
        "ccm,Ireland,2008-12-03,2008-12-03,,2010-08-01,,good row",  # 7
        "ccm,Iceland",  # 8 truncated but treaty and state are there: no dates -> error
        "geneva-protocol,Malta,1970-01-01,,,,,unknown treaty",  # 9
        "ccm,\"') DETACH DELETE n //\",2008-12-03,,,,,hostile",  # 10
        "ccm,Ireland,2008-12-03,2009-01-01,,,,conflicting duplicate",  # 11
        "ccm,NATO**,2008-12-03,,,,,not a state",  # 12
        "ccm,Italy,2008-12-03,2011-09-21,,2012-03-01,2008-01-01,withdrew before joining",  # 13
        "ccm,Italy,2009-12-03,2008-12-01,,,,ratified before signed",  # 14
        "ccm,Japan,2008-12-03,2009-07-14,,2010-08-01,,good row",  # 15
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_paths(store, [path], loader_name="treaty-table")
    got = {(e.line, e.field) for e in report.errors}
    assert got == {(3, "state"), (4, "signed"), (5, "ratified"), (6, "state"), (8, "signed"), (9, "treaty"),
                   (10, "state"), (11, "state"), (12, "state"), (13, "withdrew"), (14, "signed")}
    assert all(e.file == "my-parties.csv" for e in report.errors)
    messages = {e.line: e.reason for e in report.errors}
    assert "Freedonia" in messages[3] and "31 Feb 2009" in messages[4] and "2009-13-01" in messages[5]
    assert "duplicate of line 2" in messages[6] and "conflicts with line 7" in messages[11]
    parties = store.run("MATCH (c:Country)-[:PARTY_TO]->(:Treaty {key: 'ccm'}) RETURN c.iso3 ORDER BY c.iso3")
    assert [r[0] for r in parties.rows] == ["IRL", "JPN", "NOR"]
    assert store.run("MATCH (n) RETURN count(n)").scalar() > 3  # the hostile string deleted nothing


def test_latin1_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    text = ("treaty,state,signed,ratified\n"
            "ccm,Côte d'Ivoire,2008-12-04,2012-03-12\n"
            "ccm,Chile,2008-12-03,2010-12-16\n"
            "ccm,Türkiye,2008-12-03,2010-12-16\n")
    path.write_bytes(text.encode("latin-1"))
    report = load_paths(store, [path], loader_name="treaty-table")
    got = [(e.file, e.line, e.field) for e in report.errors]
    assert got == [("latin1.csv", 2, "state"), ("latin1.csv", 4, "state")]
    assert all("UTF-8" in e.reason for e in report.errors)
    parties = store.run("MATCH (c:Country)-[:PARTY_TO]->(:Treaty) RETURN c.iso3")
    assert [r[0] for r in parties.rows] == ["CHL"]


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty"), (b"   \n", "empty"),
                                                 (b"foo,bar\n1,2\n", "layout")])
def test_unreadable_tables(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    with pytest.raises(LoaderFailure, match=reason) as info:
        list(TreatyTableLoader().read(path))
    assert info.value.error.file == "t.csv"


def test_untc_layout_needs_a_treaty(tmp_path: Path, shared_data: Path) -> None:
    path = tmp_path / "parties.csv"  # same layout as treaty-parties-ccm.csv, but the name says no treaty
    path.write_bytes((shared_data / CCM).read_bytes())
    [batch] = TreatyTableLoader().read(path)
    assert batch.relations == [] and batch.errors and all(e.field == "treaty" for e in batch.errors)


# -- queries over transfers --------------------------------------------------------------------------


def _transfers_file(path: Path) -> Path:
    """A curated file: cluster munitions from the US (not a party) and from the UK (a party) to Ukraine, as curated
    Reports (one per deal) that the deal resolver turns into Transfers."""
    m864 = classify("M864")[0][0]
    records: list[dict[str, Any]] = [
        {"type": "WeaponCategory", "key": "air-defence-systems", "name": "Air defence systems"},
        {"type": "WeaponSystem", "designation": "M864", "category": m864},
        {"type": "WeaponSystem", "designation": "Patriot", "category": classify("Patriot")[0][0]},
    ]
    for key, supplier, weapon, facts in (
        ("t-us-m864", "USA", "m864", {"stage": "announced", "date": "2023-07-07"}),
        ("t-gb-m864", "GBR", "m864", {"stage": "delivered", "order_year": 2023, "delivery_years": [2024]}),
        ("t-gb-patriot", "GBR", "patriot", {"stage": "delivered", "order_year": 2023}),
        ("t-gb-m864-old", "GBR", "m864", {"stage": "delivered", "order_year": 2005, "delivery_years": [2006]}),
    ):
        records.append({"type": "Report", "key": key, "supplier": f"country:{supplier}", "recipient": "country:UKR",
                        "weapon": f"weapon:{weapon}", **facts})
    path.write_text("\n".join(json.dumps({**r, "source": "test"}) for r in records) + "\n", encoding="utf-8")
    return path


def _deal_of(store: Store, report_key: str) -> str:
    """The id of the Transfer the deal resolver made from a curated Report."""
    ids = [r[0] for r in store.run("MATCH (:Report {key: $key, source: 'curated'})-[:REPORTS]->(t:Transfer) "
                                   "RETURN t.id", {"key": report_key}).rows]
    assert len(ids) == 1, (report_key, ids)
    return str(ids[0])


def test_treaty_banned_transfers(store: Store, shared_data: Path, tmp_path: Path) -> None:
    load_paths(store, [shared_data / CCM, shared_data / SURVIVAL], loader_name="treaty-table")
    report = load_paths(store, [_transfers_file(tmp_path / "t.jsonl")], loader_name="curated")
    assert not report.errors, [str(e) for e in report.errors]
    # four curated Reports of four different deals: four Transfers, each with its supplier, recipient and weapon
    deals = {key: _deal_of(store, key) for key in ("t-us-m864", "t-gb-m864", "t-gb-patriot", "t-gb-m864-old")}
    assert len(set(deals.values())) == 4
    assert store.run("MATCH (:Country)-[:SUPPLIED]->(t:Transfer)-[:TO]->(:Country {iso3: 'UKR'}), "
                     "(t)-[:OF]->(:WeaponSystem) RETURN count(DISTINCT t)").scalar() == 4
    rows = run(store, "treaty-banned-transfers", treaty="ccm")
    assert [r["transfer"] for r in rows] == [deals["t-gb-m864"]]  # not the US (no party), not before 2010
    assert rows[0]["supplier_bound"] is True and rows[0]["recipient_bound"] is False
    assert rows[0]["category"] == "Cluster munitions"
    with pytest.raises(CatalogueError, match="no treaty named 'apmbc'"):  # no table of it loaded: say so
        run(store, "treaty-banned-transfers", treaty="apmbc")


def test_ccm_parties_among_nato(store: Store, shared_data: Path) -> None:
    load_paths(store, [shared_data / CCM], loader_name="treaty-table")
    load_paths(store, [shared_data / FACTBOOK], loader_name="regime-table")
    rows = run(store, "ccm-parties-among", group="org:nato", date="2023-07-08")
    status = {r["iso3"]: r["status"] for r in rows}
    with (shared_data / FACTBOOK).open(encoding="utf-8", newline="") as fh:
        nato = sum(1 for r in csv.DictReader(fh) if r["member_NATO"] == "NATO")
    assert len(status) == nato
    assert {status[c] for c in ("GBR", "FRA", "DEU", "BEL", "CAN")} == {"party"}
    assert {status[c] for c in ("USA", "TUR", "POL", "ROU", "GRC", "EST", "LVA", "FIN")} == {"no record"}
    assert status["ITA"] == "no record"  # a party, but beyond the partial table's A-E: unknown, not "not a party"
    # the parties listed are exactly the NATO members the CCM table has in force by that date
    in_force = {Resolver.standard().resolve(r["state"], "treaty").entity_id
                for r in ccm_rows(shared_data).values()
                if r["entry_into_force"] and r["entry_into_force"] <= "2023-07-08"}
    expected = {iso3 for iso3 in status if f"country:{iso3}" in in_force}
    assert {iso3 for iso3, s in status.items() if s == "party"} == expected
    assert {"GBR", "FRA", "DEU"} <= expected


def test_disagreeing_sources_both_stay(store: Store, shared_data: Path) -> None:
    """The authoritative CCM table and the low-trust list keep one PARTY_TO each, with their provenance."""
    load_paths(store, [shared_data / CCM, shared_data / LOWTRUST], loader_name="treaty-table")
    germany = run(store, "treaty-status-on-date", country="DEU", treaty="ccm", date="2023-07-08")
    assert sorted(r["source"] for r in germany) == sorted([Path(CCM).stem, Path(LOWTRUST).stem])
    ratified = {r["source"]: r["ratified"] for r in germany}
    assert ratified[Path(CCM).stem] == ccm_rows(shared_data)["Germany"]["ratified_or_acceded"]
    assert ratified[Path(LOWTRUST).stem] == ratified[Path(CCM).stem][:4]  # year only
    uk = run(store, "treaty-status-on-date", country="GBR", treaty="ccm", date="2023-07-08")
    assert [r["source"] for r in uk] == [Path(CCM).stem]  # the low-trust list misses the UK (its SOURCE notes)
    evidence = store.run("MATCH (:Country {iso3: 'DEU'})-[p:PARTY_TO]->(:Treaty {key: 'ccm'}) "
                         "RETURN p.source AS source, p.evidence AS evidence ORDER BY source").rows
    assert all(len(ev) == 1 for _, ev in evidence)


def test_conflicts_are_listed(store: Store, shared_data: Path, tmp_path: Path) -> None:
    from armsgraph.graph.catalogue.conflicts import party_conflicts

    other = tmp_path / "other-ccm.csv"
    other.write_text("treaty,state,signed,ratified\n"
                     "ccm,Germany,2008-12-03,2010-01-01\n"   # disagrees with the UNTC/Monitor table
                     "ccm,France,2008-12-03,2009-09-25\n",   # agrees
                     encoding="utf-8")
    load_paths(store, [shared_data / CCM, other], loader_name="treaty-table")
    conflicts = party_conflicts(store)
    assert [(c["country"], c["field"]) for c in conflicts] == [("country:DEU", "joined")]
    assert {conflicts[0]["value"], conflicts[0]["other_value"]} == {
        ccm_rows(shared_data)["Germany"]["ratified_or_acceded"], "2010-01-01"}
    assert {conflicts[0]["source"], conflicts[0]["other_source"]} == {"other-ccm", Path(CCM).stem}
    # both edges stay
    assert len(run(store, "treaty-status-on-date", country="DEU", date="2009-12-01")) == 2
    missing = {(c["country"], c["other_source"]) for c in party_conflicts(store, missing=True)
               if c["field"] == "listed"}
    assert ("country:GBR", "other-ccm") in missing and ("country:FRA", "other-ccm") not in missing


def test_lowtrust_agrees_on_years_but_misses_the_uk(store: Store, shared_data: Path) -> None:
    """The SOURCE notes' spot-check, recomputed: same years A..E, the UK missing from the low-trust list."""
    from armsgraph.graph.catalogue.conflicts import party_conflicts

    load_paths(store, [shared_data / CCM], loader_name="treaty-table")
    load_paths(store, [shared_data / LOWTRUST], loader_name="treaty-table")
    conflicts = party_conflicts(store, missing=True)
    assert [c for c in conflicts if c["field"] != "listed"] == []
    assert ("country:GBR", Path(LOWTRUST).stem) in {(c["country"], c["other_source"]) for c in conflicts}


def test_a_year_only_delivery_counts_when_bound_on_any_day_of_it(store: Store, tmp_path: Path) -> None:
    """A state that withdrew in March 2025 was bound for part of 2025: a 2025 delivery is listed."""
    path = tmp_path / "w.jsonl"
    records: list[dict[str, Any]] = [
        {"type": "Country", "iso3": "LTU", "name": "Lithuania"},
        {"type": "Country", "iso3": "UKR", "name": "Ukraine"},
        {"type": "WeaponSystem", "designation": "M864", "category": classify("M864")[0][0]},
        {"type": "PARTY_TO", "src": "country:LTU", "dst": "treaty:ccm", "ratified": "2011-03-24",
         "entry_into_force": "2011-09-01", "withdrew": "2025-03-06"},
    ]
    for key, year in (("t-lt-2025", 2025), ("t-lt-2026", 2026)):
        records.append({"type": "Report", "key": key, "supplier": "country:LTU", "recipient": "country:UKR",
                        "weapon": "weapon:m864", "stage": "delivered", "order_year": 2026, "delivery_years": [year]})
    treaties = tmp_path / "parties.csv"
    treaties.write_text("treaty,state,signed,ratified,accession,entry_into_force,withdrew,source\n"
                        "ccm,Norway,2008-12-03,2008-12-03,,2010-08-01,,t\n", encoding="utf-8")
    assert not load_paths(store, [treaties], loader_name="treaty-table").failed
    path.write_text("\n".join(json.dumps({**r, "source": "test"}) for r in records) + "\n", encoding="utf-8")
    assert not load_paths(store, [path], loader_name="curated").failed
    listed = [r["transfer"] for r in run(store, "treaty-banned-transfers", treaty="ccm")]
    assert listed == [_deal_of(store, "t-lt-2025")]
    assert _deal_of(store, "t-lt-2026") not in listed



@pytest.mark.parametrize(("treaty", "joined", "expected"), [
    ("ccm", "2010-05-04", "2010-11-01"),   # CCM art. 17: first day of the sixth month after deposit (UK)
    ("ccm", "2008-12-03", "2010-08-01"),   # early ratifier: the treaty's own entry into force
    ("tpnw", "2021-02-18", "2021-05-19"),  # TPNW art. 15: 90 days after deposit
    ("ccw", "2020-08-31", "2021-02-28"),   # CCW art. 5: six months after deposit (clamped to the month)
    ("npt", "1968-07-01", "1970-03-05"),   # on deposit, but not before the treaty's entry into force
    ("ctbt", "2000-01-01", None),          # not in force: no date
    ("ccm", "2010", None),                 # a year alone cannot place the date
])
def test_entry_into_force_for_a_state_follows_the_treaty(treaty: str, joined: str, expected: str | None) -> None:
    from armsgraph.loaders.reference.treaties import treaty_catalogue

    assert treaty_catalogue()[treaty].entry_into_force_for(joined) == expected


def test_a_table_without_entry_into_force_gets_the_treatys_rule(store: Store, shared_data: Path) -> None:
    load_paths(store, [shared_data / SURVIVAL], loader_name="treaty-table")
    [row] = run(store, "treaty-status-on-date", country="PHL", treaty="tpnw", date="2021-03-01")
    assert (row["status"], row["bound_from"]) == ("joined, not yet in force", "2021-05-19")


def test_bound_from_is_computed_when_loaded_and_queries_only_read_it(store: Store, tmp_path: Path) -> None:
    """The rule 'bound from' lives in one place (TreatyInfo.bound_from), written on PARTY_TO at load time."""
    table = tmp_path / "parties.csv"
    table.write_text("treaty,state,signed,ratified,accession,entry_into_force,withdrew,source\n"
                     "ccm,Norway,2008-12-03,2008-12-03,,,,t\n"       # early ratifier: the treaty's own date
                     "ccm,United Kingdom,2008-12-03,2010-05-04,,,,t\n"  # art. 17: six months after deposit
                     "ccm,Germany,2008-12-03,2009-07-08,,2010-08-01,,t\n", encoding="utf-8")
    assert not load_paths(store, [table], loader_name="treaty-table").failed
    curated = tmp_path / "p.jsonl"
    curated.write_text(json.dumps({"type": "Country", "iso3": "FRA", "name": "France", "source": "test"}) + "\n"
                       + json.dumps({"type": "PARTY_TO", "src": "country:FRA", "dst": "treaty:ccm",
                                     "ratified": "2009-09-25", "source": "test"}) + "\n", encoding="utf-8")
    assert not load_paths(store, [curated], loader_name="curated").failed
    rows = store.run(Cypher("MATCH (c:Country)-[p:PARTY_TO]->(:Treaty {key: 'ccm'}) "
                            "RETURN c.iso3 AS iso3, p.bound_from AS bound_from ORDER BY iso3")).records()
    assert {r["iso3"]: r["bound_from"] for r in rows} == {
        "DEU": "2010-08-01", "FRA": "2010-08-01", "GBR": "2010-11-01", "NOR": "2010-08-01"}
    status = run(store, "treaty-status-on-date", country="GBR", treaty="ccm", date="2010-09-01")
    assert [r["status"] for r in status] == ["joined, not yet in force"]
