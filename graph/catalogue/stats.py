"""Counts per label and relationship type: the numbers idempotency tests and the stats command compare.

What a document still loading wrote (``pending``) is not counted: stats show what queries see. Scanning every
node and relationship for that mark took a quarter of a second at SIPRI's full register and grows with the graph,
so the counts are taken in two steps instead:

* every label's and every relationship type's total, which the engine keeps: FalkorDB gives all of them in one
  call (``db.meta.stats()``, read from its label and relation matrices), Neo4j one ``MATCH (n:Label) RETURN
  count(n)`` per label and type from its count store; neither visits a node (one round trip matters on a busy
  machine: thirty of them took longer than the counts);
* minus what the documents still loading wrote. Only those documents (``loading``, or ``pending`` themselves)
  can have marked anything: the writer marks what a document creates, with that document's id, and clears the
  marks before the document stops ``loading``. Every marked node is sourced from its document, and both ends of
  a marked relationship are (the writer's ``clear_pending_relations`` walks the same way). Outside a load or a
  crash there are none, and the cost is one look at the Document nodes.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from armsgraph.graph.store import Cypher, Store
from armsgraph.graph.store.dialect import FALKORDB
from armsgraph.schema import NODE_TYPES, RELATION_TYPES

PROVENANCE_TYPE = "SOURCED_FROM"


def labels() -> list[str]:
    """Every label the writer gives a node (a class's own and its shared ones, such as ``Actor``)."""
    return sorted({label for cls in NODE_TYPES.values() for label in cls.labels()})


def relationship_types() -> list[str]:
    """Every relationship type the writer or the deal resolver makes, provenance included."""
    return sorted({rel.type for rel in RELATION_TYPES} | {PROVENANCE_TYPE})


@cache
def label_total(label: str) -> Cypher:
    return Cypher(f"MATCH (n:{label}) RETURN count(n) AS count")


@cache
def type_total(rel_type: str) -> Cypher:
    return Cypher(f"MATCH ()-[r:{rel_type}]->() RETURN count(r) AS count")


ENGINE_TOTALS = Cypher("CALL db.meta.stats() YIELD labels, relTypes RETURN labels, relTypes")
"""FalkorDB only: every label's and relationship type's count, as maps."""

UNFINISHED_DOCUMENTS = Cypher(
    "MATCH (d:Document) WHERE d.pending IS NOT NULL OR size(coalesce(d.loading, [])) > 0\n"
    "RETURN d.id AS id, CASE WHEN d.pending IS NULL THEN [] ELSE labels(d) END AS pending_labels")
"""Documents a load has not finished (in progress, or left by a crash); the labels of those not yet committed
once (a Document is marked pending itself until its first load commits)."""
PENDING_NODES = Cypher(
    "UNWIND $docs AS doc MATCH (d:Document {id: doc})\n"
    "WITH DISTINCT d\n"
    "MATCH (n)-[:SOURCED_FROM]->(d) WHERE n.pending IS NOT NULL AND NOT n:Document\n"
    "WITH DISTINCT n UNWIND labels(n) AS label\n"
    "RETURN label, count(*) AS count")
"""Documents are left out here: an unfinished one marked pending is counted from UNFINISHED_DOCUMENTS."""
PENDING_RELATIONSHIPS = Cypher(
    "UNWIND $docs AS doc MATCH (d:Document {id: doc})\n"
    "WITH DISTINCT d\n"
    "MATCH (a)-[:SOURCED_FROM]->(d)\n"
    "WITH DISTINCT a\n"
    "MATCH (a)-[r]->() WHERE r.pending IS NOT NULL\n"
    "RETURN type(r) AS type, count(*) AS count")
"""A relationship has one start node, so counting per distinct start counts each relationship once."""


def statements() -> dict[str, Cypher]:
    """Every statement here that Neo4j may be sent, by name (for the grammar check)."""
    texts = {"stats:unfinished-documents": UNFINISHED_DOCUMENTS, "stats:pending-nodes": PENDING_NODES,
             "stats:pending-relationships": PENDING_RELATIONSHIPS}
    texts.update({f"stats:label:{label}": label_total(label) for label in labels()})
    texts.update({f"stats:type:{rel_type}": type_total(rel_type) for rel_type in relationship_types()})
    return texts


def unfinished_documents(store: Store) -> list[str]:
    """Ids of the documents a load has not finished: none means nothing in the graph is marked pending, and a
    count needs no look at the marks (one look at the Document nodes)."""
    return [str(row[0]) for row in store.run(UNFINISHED_DOCUMENTS).rows]


def _pending(store: Store) -> tuple[Counter[str], Counter[str]]:
    """(nodes per label, relationships per type) that documents still loading wrote."""
    nodes: Counter[str] = Counter()
    rels: Counter[str] = Counter()
    docs = store.run(UNFINISHED_DOCUMENTS).rows
    if not docs:
        return nodes, rels
    for _doc, doc_labels in docs:
        nodes.update(str(label) for label in doc_labels)
    ids = [str(row[0]) for row in docs]
    for label, count in store.run(PENDING_NODES, {"docs": ids}).rows:
        nodes[str(label)] += int(count)
    for rel_type, count in store.run(PENDING_RELATIONSHIPS, {"docs": ids}).rows:
        rels[str(rel_type)] += int(count)
    return nodes, rels


def _totals(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    """(nodes per label, relationships per type), pending ones included, for the schema's labels and types."""
    if store.dialect is FALKORDB:
        found = store.run(ENGINE_TOTALS).rows
        label_map, type_map = (dict(found[0][0] or {}), dict(found[0][1] or {})) if found else ({}, {})
        return ({label: int(label_map.get(label) or 0) for label in labels()},
                {rel_type: int(type_map.get(rel_type) or 0) for rel_type in relationship_types()})
    return ({label: int(store.run(label_total(label)).scalar() or 0) for label in labels()},
            {rel_type: int(store.run(type_total(rel_type)).scalar() or 0) for rel_type in relationship_types()})


def graph_counts(store: Store) -> list[tuple[str, str, int]]:
    """("label", name, count) then ("relationship", type, count), by name; kinds with nothing visible left out."""
    node_totals, type_totals = _totals(store)
    pending_nodes, pending_rels = _pending(store)
    rows = [("label", label, n - pending_nodes[label]) for label, n in node_totals.items()]
    rows += [("relationship", rel_type, n - pending_rels[rel_type]) for rel_type, n in type_totals.items()]
    return [row for row in rows if row[2] > 0]


def counts_dict(store: Store) -> dict[str, int]:
    return {f"{kind}:{name}": count for kind, name, count in graph_counts(store)}
