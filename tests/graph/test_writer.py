"""The writer on the real embedded engine: repeated keys, shared nodes across documents, rollback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from armsgraph.graph.catalogue.stats import counts_dict
from armsgraph.graph.load import DocumentLoad, LoadReport, load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.writer import Writer
from armsgraph.loaders.curated.loader import CuratedLoader
from armsgraph.schema.batch import Batch

DUMP_NODES = "MATCH (n) RETURN n.id AS id, properties(n) AS props ORDER BY id"
DUMP_RELS = ("MATCH (a)-[r]->(b) WHERE type(r) <> 'SOURCED_FROM' "
             "RETURN a.id, type(r), b.id, properties(r) AS props ORDER BY a.id, type(r), b.id")
DUMP_PROV = ("MATCH (n)-[p:SOURCED_FROM]->(d:Document) "
             "RETURN n.id, d.path, properties(p) ORDER BY n.id, d.path")


def jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def dump(store: FalkorStore) -> list[list[Any]]:
    return [*store.run(DUMP_NODES).rows, *store.run(DUMP_RELS).rows, *store.run(DUMP_PROV).rows]


RUS = {"type": "Country", "iso3": "RUS", "name": "Russia", "source": "ISO"}
CCM = {"type": "Treaty", "key": "ccm", "name": "Convention on Cluster Munitions", "source": "UNTC"}


def test_repeated_keys_in_one_file_merge_in_order(store: FalkorStore, tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl", RUS, CCM,
        {"type": "PARTY_TO", "src": "country:RUS", "dst": "treaty:ccm", "signed": "2008", "source": "s1"},
        {"type": "PARTY_TO", "src": "country:RUS", "dst": "treaty:ccm", "ratified": "2009", "source": "s1"},
    )
    [batch] = list(CuratedLoader().read(path))
    batch.nodes.append(batch.nodes[0].model_copy(update={"node": batch.nodes[0].node.model_copy(
        update={"name": "Russian Federation"})}))  # the same id again, later: its values win
    other = FalkorStore(store.server, store.graph_name + "_b1")
    try:
        for target, size in ((store, 2000), (other, 1)):
            writer = Writer(target, batch_size=size)
            writer.begin(batch.document, batch.loader)
            writer.write(batch)
            writer.commit(batch.document, batch.loader)
        assert dump(store) == dump(other)  # the result does not depend on the batch size
    finally:
        other.clear()
        other.close()
    [[props]] = store.run("MATCH (:Country)-[r:PARTY_TO]->(:Treaty) RETURN properties(r)").rows
    assert (props["signed"], props["ratified"]) == ("2008", "2009")
    assert [e.split("#")[1].split("@")[0] for e in props["evidence"]] == ["L3", "L4"]
    assert store.run("MATCH (c:Country) RETURN c.name").rows == [["Russian Federation"]]


def test_a_document_that_only_refers_to_nodes_keeps_them_alive(store: FalkorStore, tmp_path: Path) -> None:
    a = jsonl(tmp_path / "a.jsonl", RUS, CCM)
    b = jsonl(tmp_path / "b.jsonl", {"type": "PARTY_TO", "src": "country:RUS", "dst": "treaty:ccm",
                                     "signed": "2008", "source": "b"})
    assert not load_paths(store, [a, b]).failed
    refs = store.run("MATCH (n)-[p:SOURCED_FROM]->(d:Document {path: 'b.jsonl'}) RETURN n.id, p.rules ORDER BY n.id")
    assert refs.rows == [["country:RUS", ["reference:PARTY_TO"]], ["treaty:ccm", ["reference:PARTY_TO"]]]
    before = dump(store)
    assert not load_paths(store, [a], force=True).failed  # A's rollback must not take B's fact with it
    assert dump(store) == before


def test_a_failed_document_restores_what_it_changed(store: FalkorStore, tmp_path: Path) -> None:
    a = jsonl(tmp_path / "a.jsonl", RUS, CCM)
    load_paths(store, [a])
    before = dump(store)
    counts = counts_dict(store)
    hostile = jsonl(tmp_path / "c.jsonl", {**RUS, "name": "Rossiya HACK"},
                    {"type": "Person", "name": "Someone New", "source": "c"},
                    {"type": "PARTY_TO", "src": "country:RUS", "dst": "treaty:ccm", "signed": "1999", "source": "c"})
    [batch] = list(CuratedLoader().read(hostile))

    class Failing(Writer):
        def write(self, batch: Batch, progress: object = None) -> Any:  # type: ignore[override]
            super().write(batch)
            raise RuntimeError("engine gone")

    report = LoadReport()
    load = DocumentLoad(Failing(store), batch, hostile, False, report, None)
    load.add(batch)
    load.finish()
    assert report.failed
    assert len(report.internal_errors) == 1 and "internal error: RuntimeError: engine gone" in report.errors[0].reason
    assert counts_dict(store) == counts
    assert dump(store) == before


def test_one_provenance_edge_per_document_and_a_rollback_strips_only_its_loader(store: FalkorStore) -> None:
    """Two loaders read one document: one edge with both; rolling one back leaves the other's places only."""
    from armsgraph.schema import Country, Document

    doc = Document(sha256="c" * 64, kind="test", path="shared.txt")
    writer = Writer(store)
    for loader, lines in (("first", (1, 2, 2)), ("second", (2, 7))):
        batch = Batch(document=doc, loader=loader, loader_version="1")
        for line in lines:
            batch.add_node(Country(iso3="USA", name="United States"),
                           batch.provenance(line=line, rule=f"{loader}:rule", quote=f"Line {line}."))
        writer.begin(doc, loader)
        writer.write(batch)
        writer.commit(doc, loader)
    edge = "MATCH (:Country {iso3: 'USA'})-[p:SOURCED_FROM]->(:Document) RETURN properties(p)"
    rows = store.run(edge).rows
    assert len(rows) == 1
    props = rows[0][0]
    assert props["locators"] == ["L1", "L2", "L7"] and props["loaders"] == ["first", "second"]
    assert props["evidence"] == ["L1@first/1", "L2@first/1", "L2@second/1", "L7@second/1"]
    assert props["quotes"] == ["Line 1.", "Line 2.", "Line 7."]
    writer.rollback(doc.id, "second")
    props = store.run(edge).rows[0][0]
    assert props["locators"] == ["L1", "L2"] and props["loaders"] == ["first"]
    assert props["evidence"] == ["L1@first/1", "L2@first/1"] and props["loader_versions"] == ["first/1"]
    assert store.run("MATCH (n:Country) RETURN n.caption").rows == [["United States"]]
    writer.rollback(doc.id, "first")
    assert store.run("MATCH (n) RETURN count(n)").scalar() == 0
