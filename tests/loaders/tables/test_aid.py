"""Aid-tracker totals (Kiel weapons.csv) load as reference figures and sit beside the graph's transfers."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from armsgraph.graph.catalogue import get_query
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Cypher, Store
from armsgraph.loaders import base as registry
from armsgraph.loaders.tables.aid import AidTableLoader

KIEL = "ukraine/kiel_support_tracker/weapons.csv"


def kiel_rows(shared_data: Path) -> list[dict[str, str]]:
    with (shared_data / KIEL).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_kiel_totals_load_one_edge_per_donor_and_category(store: Store, shared_data: Path) -> None:
    assert isinstance(registry.pick(shared_data / KIEL), AidTableLoader)
    report = load_paths(store, [shared_data / KIEL])
    assert not report.failed, [str(e) for e in report.errors]
    rows = kiel_rows(shared_data)
    edges = store.run(Cypher("MATCH (d:Country)-[a:AID_TOTAL]->(r:Country {iso3: 'UKR'}) "
                             "RETURN d.name AS donor, a.category AS category, a.number AS number, "
                             "a.value_eur AS eur, a.source AS source")).records()
    assert len(edges) == len(rows)  # every donor in this table is a state
    first = rows[0]
    hit = [e for e in edges if (e["donor"], e["category"]) == (first["donor"], first["category"])]
    assert len(hit) == 1 and hit[0]["number"] == int(first["number_of_weapons"])
    assert hit[0]["eur"] == float(first["monetary_value_eur"]) and hit[0]["source"] == "kiel-r29"
    again = load_paths(store, [shared_data / KIEL], force=True)
    assert not again.failed and store.run(Cypher("MATCH ()-[a:AID_TOTAL]->() RETURN count(a)")).scalar() == len(rows)


def test_tracker_comparison_sums_the_tracker_per_donor(store: Store, shared_data: Path) -> None:
    assert not load_paths(store, [shared_data / KIEL, shared_data / "ukraine" / "protect_ukraine_now"]).failed
    expected = Counter()
    for row in kiel_rows(shared_data):
        expected[row["donor"]] += int(row["number_of_weapons"])
    result = get_query("tracker-comparison").run(store, {"recipient": "Ukraine", "limit": "100"}).records()
    got = {r["donor"]: r["tracker_items"] for r in result}
    assert got == dict(expected)
    assert all(r["graph_transfers"] > 0 for r in result if r["donor"] in ("United States", "Germany"))


def test_a_donor_category_twice_is_a_row_error(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "weapons.csv"
    path.write_text("donor,category,number_of_weapons,monetary_value_eur,weapons_list\n"
                    "France,Tanks,10,1000,AMX-10 RC (10)\nFrance,Tanks,12,1200,AMX-10 RC (12)\n"
                    "France,Howitzers,6,600,Caesar (6)\n", encoding="utf-8")
    report = load_paths(store, [path])
    assert [(e.line, e.field) for e in report.errors] == [(3, "donor")]
    assert "conflicts with line 2" in report.errors[0].reason
    assert store.run(Cypher("MATCH ()-[a:AID_TOTAL]->() RETURN count(a)")).scalar() == 2
