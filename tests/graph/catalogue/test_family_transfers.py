"""family-transfers on the real files: Patriot to Ukraine from SIPRI (both formats), the PUN tracker and text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armsgraph.graph.catalogue.catalogue import get_query
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Store
from armsgraph.loaders.reference.families import family_of
from armsgraph.loaders.sipri.loader import parse_export, read_export_text
from armsgraph.schema.errors import CatalogueError

PATRIOT_ARTICLE = "news/pun-2024-04-13-politico-germany-agreed-to-send-a-patriot.txt"


@pytest.fixture
def loaded(store: Store, shared_data: Path) -> Store:
    paths = [*sorted((shared_data / "sipri").glob("*.csv")),
             shared_data / "ukraine" / "protect_ukraine_now" / "commits.json",
             shared_data / PATRIOT_ARTICLE]
    report = load_paths(store, paths)
    assert report.errors == [] or all(e.severity == "warning" for e in report.errors)
    return store


def _family(designation: str) -> str | None:
    found = family_of(designation)
    return None if found is None else found.family.key


def test_patriot_to_ukraine_from_every_source(loaded: Store, shared_data: Path) -> None:
    query = get_query("family-transfers")
    result = query.run(loaded, {"family": "patriot", "recipient": "UKR"})
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    kinds = {kind for row in rows for kind in row["sources"]}
    assert {"sipri-transfers", "sipri-classic", "tracker", "text"} <= kinds
    assert {row["recipient"] for row in rows} == {"Ukraine"}
    assert len({row["transfer"] for row in rows}) == len(rows)  # one row per deal
    # every Patriot-family deal to Ukraine of the newest SIPRI export is a row (older vintages join it)
    sipri_ids = set()
    for deal in parse_export(read_export_text(shared_data / "sipri" / "transfers-2026-02.excerpt.csv")).deals:
        found = family_of(deal.designation.removesuffix(" -"), deal.description)
        if deal.recipient == "Ukraine" and found is not None and found.family.key == "patriot":
            sipri_ids.add(f"transfer:sipri:{deal.sipri_id}")
    assert sipri_ids and sipri_ids <= {row["transfer"] for row in rows}
    assert {"MIM-104 PAC-2", "MIM-104 PAC-3", "Patriot-3 SAMS"} <= {row["weapon"] for row in rows}
    mpq = [row["role"] for row in rows if row["weapon"] == "MPQ-53"]
    assert mpq and set(mpq) == {"component"}
    # each tracker commitment is a Report of one of these deals, cited to its URL
    commits = json.loads((shared_data / "ukraine" / "protect_ukraine_now" / "commits.json").read_text("utf-8"))
    tracked = loaded.run("MATCH (r:Report {source: 'tracker'})-[:REPORTS]->(t:Transfer) "
                         "WHERE r.family = 'family:patriot' RETURN collect(t.id), count(r)").rows[0]
    assert tracked[1] == sum(1 for c in commits if _family(c[3]) == "patriot")
    assert set(tracked[0]) <= {row["transfer"] for row in rows}
    pun = [row for row in rows if row["sources"] == ["tracker"]]
    assert pun and all(row["stage"] == "pledged" and len(row["citations"]) >= 1 for row in pun)
    # the article's report (the text gazetteer's Patriot), alone or joined to the same announcement
    text = [(row["supplier"], row["date"]) for row in rows if "text" in row["sources"]]
    assert ("Germany", "2024-04-13") in text


def test_family_by_name_and_recipient_filter(loaded: Store) -> None:
    query = get_query("family-transfers")
    by_key = query.run(loaded, {"family": "leopard-2"}).rows
    by_name = query.run(loaded, {"family": "Leopard 2"}).rows
    assert by_key == by_name and by_key
    to_ukraine = query.run(loaded, {"family": "leopard-2", "recipient": "UKR"}).rows
    assert 0 < len(to_ukraine) < len(by_key)
    with pytest.raises(CatalogueError, match="no family named 'no-such-family'"):  # a name nobody knows: said
        query.run(loaded, {"family": "no-such-family"})
