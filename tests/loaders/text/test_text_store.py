"""The text loader on the real embedded engine: provenance, idempotence, one transfer from two documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore


def counts(store: FalkorStore) -> tuple[int, int]:
    nodes = store.run("MATCH (n) RETURN count(n)").scalar()
    rels = store.run("MATCH ()-[r]->() RETURN count(r)").scalar()
    return int(nodes), int(rels)


def test_seed_article_in_the_graph(store: FalkorStore, seed_article: Path) -> None:
    report = load_paths(store, [seed_article], loader_name="text")
    assert not report.failed, report.errors
    rows = store.run(
        "MATCH (s)-[:SUPPLIED]->(t:Transfer)-[:TO]->(r), (t)-[:OF]->(w:WeaponSystem)-[:IN_CATEGORY]->(c) "
        "RETURN s.id, r.id, w.id, c.id, t.stage, t.date"
    ).rows
    assert [tuple(r) for r in rows] == [
        ("country:USA", "country:UKR", "weapon:dpicm", "category:cluster-munitions", "announced", "2023-07-07")
    ]
    reports = store.run("MATCH (r:Report) RETURN r.source, r.supplier, r.recipient, r.weapon, r.designation, "
                        "r.stage, r.date, r.reported_by").rows
    assert [tuple(r) for r in reports] == [
        ("text", "country:USA", "country:UKR", "weapon:dpicm", "DPICM", "announced", "2023-07-07", None)]
    # the deal's provenance is two hops away: the Transfer, the text Report, the article
    assert store.run("MATCH (t:Transfer)-[p:SOURCED_FROM]->() RETURN count(p)").scalar() == 0
    evidence = store.run(
        "MATCH (t:Transfer)<-[:REPORTS]-(:Report {source: 'text'})-[p:SOURCED_FROM]->(d:Document) "
        "RETURN p.rules[0], p.locators[0], p.quotes[0], d.title"
    ).rows
    assert len(evidence) == 1
    rule, locator, quote, title = evidence[0]
    text = seed_article.read_text(encoding="utf-8")
    line = int(locator[1:].split("-")[0])  # the place: the line of the article the sentence starts on
    assert text.splitlines()[line - 1].lstrip().startswith("The White House and the Pentagon confirmed")
    assert quote.startswith("The White House and the Pentagon confirmed") and len(quote) <= 300
    captions = store.run("MATCH (t:Transfer) RETURN t.caption").rows  # declared in the schema, written by the writer
    assert captions == [["USA → UKR · DPICM · 2023"]]
    assert store.run("MATCH (c:Country {iso3: 'UKR'}) RETURN c.caption").rows == [["Ukraine"]]
    assert rule.startswith("transfer:") and title.startswith("The escalatory move")
    claims = store.run(
        "MATCH (o:Organization {id: 'org:russia-mod'})-[:CLAIMED]->(c:Claim)-[:ABOUT]->(u:Country {iso3: 'UKR'}) "
        "RETURN c.text"
    ).rows
    assert len(claims) == 1 and "10,000 casualties" in claims[0][0]
    # the casualty figure is never a fact: no relation from Ukraine other than through claims/transfers
    holds = store.run(
        "MATCH (p:Person)-[:HOLDS]->(pos:Position)-[:OF]->(o) RETURN p.name, pos.title, o.id ORDER BY p.name"
    ).rows
    assert [tuple(r) for r in holds] == [
        ("Anatoly Antonov", "Ambassador of Russia to the United States", "country:RUS"),
        ("Antonio Guterres", "Secretary-General of the United Nations", "org:united-nations"),
        ("Colin Kahl", "Under Secretary of Defense for Policy", "org:us-dod"),
    ]
    assert store.run("MATCH (:Organization {id: 'org:us-dod'})-[:PART_OF]->(c:Country) RETURN c.iso3").scalar() == "USA"
    assert store.run("MATCH (t:Treaty {id: 'treaty:ccm'}) RETURN t.prohibits").scalar() == ["cluster-munitions"]


def test_loading_twice_changes_nothing(store: FalkorStore, seed_article: Path) -> None:
    load_paths(store, [seed_article], loader_name="text")
    before = counts(store)
    again = load_paths(store, [seed_article], loader_name="text")
    assert again.documents[0].skipped
    forced = load_paths(store, [seed_article], loader_name="text", force=True)
    assert not forced.failed
    assert counts(store) == before


def test_two_documents_with_the_same_transfer_give_one_transfer_two_evidence(store: FalkorStore,
                                                                             tmp_path: Path) -> None:
    for name, publisher, sentence in (
        ("a.txt", "Agency A", "Germany will send a Patriot air defense system to Ukraine, officials said."),
        ("b.txt", "Agency B", "Berlin is sending Patriot missiles to Kyiv, the government confirmed."),
    ):
        (tmp_path / name).write_text(sentence + "\n", encoding="utf-8")
        (tmp_path / name).with_suffix(".meta.json").write_text(
            json.dumps({"title": sentence, "publisher": publisher, "date": "2024-04-13"}), encoding="utf-8")
    report = load_paths(store, [tmp_path], loader_name="text")
    assert not report.failed, report.errors
    # one Report per document, one Transfer for the deal, both documents as its evidence
    reports = store.run("MATCH (r:Report)-[:SOURCED_FROM]->(d:Document) "
                        "RETURN r.source, r.supplier, r.recipient, r.weapon, count(DISTINCT r), count(DISTINCT d)").rows
    assert [tuple(r) for r in reports] == [("text", "country:DEU", "country:UKR", "weapon:patriot", 2, 2)]
    rows = store.run(
        "MATCH (s)-[:SUPPLIED]->(t:Transfer)-[:TO]->(r) MATCH (t)-[:OF]->(w) "
        "MATCH (t)<-[:REPORTS]-(:Report)-[:SOURCED_FROM]->(d:Document) "
        "RETURN s.id, r.id, w.id, count(DISTINCT t), count(DISTINCT d)"
    ).rows
    assert [tuple(r) for r in rows] == [("country:DEU", "country:UKR", "weapon:patriot", 1, 2)]
    rules = store.run("MATCH (:Report)-[e:REPORTS]->(t:Transfer) RETURN t.records, e.rule ORDER BY e.rule").rows
    assert [tuple(r) for r in rules] == [(2, "anchor"), (2, "same-report")]


def test_directory_of_statements_loads(store: FalkorStore, shared_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "statements"
    folder.mkdir()
    for txt in sorted((shared_data / "statements").glob("2022-0*.txt"))[:4]:
        shutil.copy(txt, folder / txt.name)
        shutil.copy(txt.with_suffix(".meta.json"), folder / txt.with_suffix(".meta.json").name)
    report = load_paths(store, [folder], loader_name="text")
    assert not report.failed, report.errors
    assert store.run("MATCH (d:Document) RETURN count(d)").scalar() == 4
    assert store.run("MATCH (:Country {iso3: 'UKR'})-[:SOURCED_FROM]->(d:Document) "
                     "RETURN count(DISTINCT d)").scalar() == 4


def test_text_weapons_are_the_sipri_loaders_nodes(store: FalkorStore, shared_data: Path, tmp_path: Path) -> None:
    sipri = shared_data / "sipri" / "transfers-2026-02.excerpt.csv"
    assert not load_paths(store, [sipri]).failed
    path = tmp_path / "himars.txt"
    path.write_text("The United States will send HIMARS, Stinger missiles and Storm Shadow missiles to Ukraine.\n",
                    encoding="utf-8")
    path.with_suffix(".meta.json").write_text('{"publisher": "Test Wire", "date": "2024-05-01"}', encoding="utf-8")
    assert not load_paths(store, [path], loader_name="text").failed
    rows = store.run(
        "MATCH (w:WeaponSystem)-[:SOURCED_FROM]->(d:Document) WHERE w.id IN $ids "
        "RETURN w.id, count(DISTINCT d) ORDER BY w.id", {"ids": ["weapon:himars", "weapon:stinger",
                                                                "weapon:storm-shadow"]}
    ).rows
    assert [tuple(r) for r in rows] == [("weapon:himars", 2), ("weapon:stinger", 2), ("weapon:storm-shadow", 2)]


def test_seed_article_joins_the_curated_seed(store: FalkorStore, seed_article: Path) -> None:
    """The article's officials are the curated seed's nodes: one Position each, curated dates and aliases kept."""
    curated = Path(__file__).resolve().parents[3] / "examples" / "seed-entities.jsonl"
    assert not load_paths(store, [curated]).failed
    assert not load_paths(store, [seed_article], loader_name="text").failed
    rows = store.run(
        "MATCH (p:Person)-[:HOLDS]->(pos:Position)-[:OF]->(o) "
        "MATCH (pos)-[:SOURCED_FROM]->(d:Document) "
        "RETURN p.name, pos.since, count(DISTINCT d) ORDER BY p.name"
    ).rows
    assert [tuple(r) for r in rows] == [
        ("Anatoly Antonov", "2017-08-21", 2), ("Antonio Guterres", "2017-01-01", 2), ("Colin Kahl", "2021-04-28", 2)]
    assert store.run("MATCH (p:Person {id: 'person:anatoly-antonov'}) RETURN p.aliases").scalar() == [
        "Anatoly Ivanovich Antonov"]


def test_claim_about_edges_reach_entities_and_the_reported_transfer(store: FalkorStore, tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text("---\ntitle: Wire\npublisher: Test Wire\ndate: 2024-04-13\n---\n"
                    "Chancellor Olaf Scholz said that Germany will send a Patriot system to Ukraine.\n",
                    encoding="utf-8")
    report = load_paths(store, [path], loader_name="text")
    assert not report.failed, report.errors
    rows = store.run("MATCH (:Person {name: 'Olaf Scholz'})-[:CLAIMED]->(c:Claim)-[:ABOUT]->(x) "
                     "RETURN labels(x)[0], x.id ORDER BY x.id").rows
    about = {label for label, _ in rows}
    assert about == {"Country", "WeaponSystem", "Report"}  # what the speaker said: the text Report, not the deal
    said = store.run("MATCH (c:Claim)-[:ABOUT]->(r:Report) RETURN r.supplier, r.weapon, r.reported_by").rows
    assert [tuple(r) for r in said] == [("country:DEU", "weapon:patriot", "person:olaf-scholz")]
    transfer = store.run("MATCH (c:Claim)-[:ABOUT]->(:Report)-[:REPORTS]->(t:Transfer)<-[:SUPPLIED]-(s) "
                         "RETURN s.id").scalar()
    assert transfer == "country:DEU"


def test_the_most_advanced_stage_reported_wins_whatever_the_load_order(store: FalkorStore, tmp_path: Path) -> None:
    # within REPORT_DAYS of each other, so the two text Reports are one deal ('same-report')
    docs = {
        "delivered.txt": ("2023-02-28", "Germany delivered Leopard 2 tanks to Ukraine on Monday, officials said."),
        "announced.txt": ("2023-02-03", "Germany announced on Friday that it will send Leopard 2 tanks to Ukraine."),
    }
    for name, (day, sentence) in docs.items():
        (tmp_path / name).write_text(sentence + "\n", encoding="utf-8")
        (tmp_path / name).with_suffix(".meta.json").write_text(
            json.dumps({"title": sentence, "publisher": "Agency", "date": day}), encoding="utf-8")
    for order in (["delivered.txt", "announced.txt"], ["announced.txt", "delivered.txt"]):
        store.clear()
        for name in order:
            assert not load_paths(store, [tmp_path / name], loader_name="text").failed
        reports = dict(store.run("MATCH (r:Report) RETURN r.stage, r.date").rows)
        assert set(reports) == {"announced", "delivered"}, reports  # each document's own record keeps its stage
        rows = store.run("MATCH (t:Transfer)<-[:REPORTS]-(:Report)-[:SOURCED_FROM]->(d:Document) "
                         "RETURN t.stage, t.date, count(DISTINCT d)").rows
        assert len(rows) == 1 and rows[0][2] == 2, rows  # one transfer, both reports as evidence
        assert store.run("MATCH (t:Transfer) RETURN count(t)").scalar() == 1
        # the most advanced stage wins; with no SIPRI record the date is the earliest record's (the announcement)
        assert rows[0][0] == "delivered" and rows[0][1] == min(reports.values()) == reports["announced"], (order, rows)


def test_text_reports_months_apart_are_two_deals_each_with_its_own_transfer(store: FalkorStore,
                                                                          tmp_path: Path) -> None:
    docs = {
        "delivered.txt": ("2023-10-10", "Germany delivered Leopard 2 tanks to Ukraine on Monday, officials said."),
        "announced.txt": ("2023-02-03", "Germany announced on Friday that it will send Leopard 2 tanks to Ukraine."),
    }
    for name, (day, sentence) in docs.items():
        (tmp_path / name).write_text(sentence + "\n", encoding="utf-8")
        (tmp_path / name).with_suffix(".meta.json").write_text(
            json.dumps({"title": sentence, "publisher": "Agency", "date": day}), encoding="utf-8")
        assert not load_paths(store, [tmp_path / name], loader_name="text").failed
    assert store.run("MATCH (r:Report) RETURN count(r)").scalar() == 2
    # however the resolver groups them, each Transfer has one supplier, one recipient, one weapon, and as many
    # REPORTS edges as it says it has records; every Report reports exactly one Transfer
    rows = store.run("MATCH (t:Transfer) "
                     "OPTIONAL MATCH ()-[s:SUPPLIED]->(t) WITH t, count(s) AS suppliers "
                     "OPTIONAL MATCH (t)-[r:TO]->() WITH t, suppliers, count(r) AS recipients "
                     "OPTIONAL MATCH (t)-[w:OF]->() WITH t, suppliers, recipients, count(w) AS weapons "
                     "OPTIONAL MATCH (t)<-[x:REPORTS]-(:Report) "
                     "RETURN t.id, t.records, count(x), suppliers, recipients, weapons").rows
    assert rows and all(records == reports and (suppliers, recipients, weapons) == (1, 1, 1)
                        for _, records, reports, suppliers, recipients, weapons in rows), rows
    per_report = store.run("MATCH (r:Report) OPTIONAL MATCH (r)-[e:REPORTS]->(:Transfer) "
                           "RETURN r.id, count(e)").rows
    assert [n for _, n in per_report] == [1, 1], per_report
