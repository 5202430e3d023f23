"""What each page shows, read from the store: the statements of the web view and the functions that run them.

Every statement is a :data:`Cypher` built from schema labels only (values travel as parameters), and a node of a
document still loading (``pending``) is left out, as in the catalogue. Where a catalogue query already answers a
question (provenance, claims by or about a speaker, what a document added), the page runs that query instead of
a copy of it. :func:`statements` lists every statement here for the Neo4j grammar check.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import quote

from rapidfuzz import fuzz, process

from armsgraph.graph.catalogue import get_query
from armsgraph.graph.catalogue.names import KINDS, Names, all_names
from armsgraph.graph.catalogue.stats import graph_counts
from armsgraph.graph.kit.style import SHARED_LABELS, label_colours
from armsgraph.graph.store import Cypher, Store
from armsgraph.schema import NODE_TYPES, label_of_id
from armsgraph.schema.errors import ArmsgraphError

NEIGHBOUR_LIMIT = 300
"""Neighbours listed per direction on an entity page (a supplier has thousands of transfers)."""
DOCUMENT_LIMIT = 200
"""Documents listed on the home page (newest first); the counts cover all of them."""
GRAPH_EDGE_LIMIT = 300
"""Edges drawn for a query's result: enough to see its shape, bounded on a register of a million transfers."""

DOCUMENT_KINDS = Cypher(
    "MATCH (d:Document) WHERE d.pending IS NULL\n"
    "RETURN d.kind AS kind, coalesce(d.publisher, '') AS publisher, count(*) AS documents\n"
    "ORDER BY kind, documents DESC, publisher")
DOCUMENTS = Cypher(
    "MATCH (d:Document) WHERE d.pending IS NULL\n"
    "RETURN d.id AS id, coalesce(d.title, d.path, d.id) AS title, d.kind AS kind, d.publisher AS publisher,\n"
    "       d.date AS date, d.path AS path\n"
    "ORDER BY coalesce(d.date, '') DESC, title LIMIT $limit")


@cache
def node_props(label: str) -> Cypher:
    """One node's labels and properties, by id (the label comes from the id's prefix: an index lookup)."""
    return Cypher(f"MATCH (n:{label} {{id: $id}}) WHERE n.pending IS NULL\n"
                  "RETURN labels(n) AS labels, properties(n) AS props")


@cache
def neighbours(label: str, outgoing: bool) -> Cypher:
    """A node's neighbours in one direction, provenance edges left out (the provenance section shows them)."""
    pattern = "(n)-[r]->(m)" if outgoing else "(n)<-[r]-(m)"
    return Cypher(f"MATCH (n:{label} {{id: $id}})\nMATCH {pattern}\n"
                  "WHERE type(r) <> 'SOURCED_FROM' AND r.pending IS NULL AND m.pending IS NULL\n"
                  "RETURN type(r) AS type, m.id AS id, labels(m) AS labels,\n"
                  "       coalesce(m.caption, m.name, m.id) AS caption\n"
                  "ORDER BY type, caption LIMIT $limit")


@cache
def neighbour_counts(label: str, outgoing: bool) -> Cypher:
    pattern = "(n)-[r]->(m)" if outgoing else "(n)<-[r]-(m)"
    return Cypher(f"MATCH (n:{label} {{id: $id}})\nMATCH {pattern}\n"
                  "WHERE type(r) <> 'SOURCED_FROM' AND r.pending IS NULL AND m.pending IS NULL\n"
                  "RETURN type(r) AS type, count(*) AS count ORDER BY type")


@cache
def graph_nodes(label: str) -> Cypher:
    """The nodes of a query's drawing: id, labels, caption."""
    return Cypher(f"MATCH (n:{label}) WHERE n.id IN $ids AND n.pending IS NULL\n"
                  "RETURN n.id AS id, labels(n) AS labels, coalesce(n.caption, n.name, n.id) AS caption")


@cache
def graph_direct(label: str) -> Cypher:
    """Edges from nodes of ``label`` among ``$ids`` to other nodes among ``$ids``."""
    return Cypher(f"MATCH (a:{label}) WHERE a.id IN $ids\nMATCH (a)-[r]->(b)\n"
                  "WHERE b.id IN $ids AND type(r) <> 'SOURCED_FROM' AND r.pending IS NULL AND b.pending IS NULL\n"
                  "RETURN a.id AS source, type(r) AS type, b.id AS target LIMIT $limit")


@cache
def graph_via(label: str) -> Cypher:
    """Two-hop paths between nodes of ``$ids`` through nodes not among them (Transfers between a supplier and a
    recipient, Claims between a speaker and what they are about), counted per pair and kind of path: the drawing
    shows one edge per pair ("SUPPLIED·Transfer·TO ×100"), not a hundred transfer nodes."""
    return Cypher(f"MATCH (a:{label}) WHERE a.id IN $ids\nMATCH (a)-[r1]->(m)-[r2]->(b)\n"
                  "WHERE b.id IN $ids AND a <> b AND NOT m.id IN $ids AND type(r1) <> 'SOURCED_FROM'\n"
                  "  AND type(r2) <> 'SOURCED_FROM' AND r1.pending IS NULL AND r2.pending IS NULL\n"
                  "  AND m.pending IS NULL\n"
                  "RETURN a.id AS source, type(r1) AS type1, labels(m) AS via_labels, type(r2) AS type2,\n"
                  "       b.id AS target, count(*) AS paths\n"
                  "ORDER BY paths DESC, source, target LIMIT $limit")


def statements() -> dict[str, Cypher]:
    """Every statement the web view sends, by name (for the grammar check)."""
    texts: dict[str, Cypher] = {"web:document-kinds": DOCUMENT_KINDS, "web:documents": DOCUMENTS}
    for label in sorted(NODE_TYPES):
        texts[f"web:node:{label}"] = node_props(label)
        texts[f"web:graph-nodes:{label}"] = graph_nodes(label)
        texts[f"web:graph-direct:{label}"] = graph_direct(label)
        texts[f"web:graph-via:{label}"] = graph_via(label)
        for outgoing in (True, False):
            way = "out" if outgoing else "in"
            texts[f"web:neighbours-{way}:{label}"] = neighbours(label, outgoing)
            texts[f"web:neighbour-counts-{way}:{label}"] = neighbour_counts(label, outgoing)
    return texts


# -- labels, colours, links --------------------------------------------------------------------------------------


def main_label(labels: list[str] | tuple[str, ...]) -> str:
    """The label a node is drawn and coloured as: its own, not the shared ``Actor`` (as in the Browser kit)."""
    own = [label for label in labels if label not in SHARED_LABELS]
    return (own or list(labels) or [""])[0]


def colour(label: str) -> str:
    """The Browser kit's colour of a label (graph/kit/style.py: one palette for both)."""
    return label_colours().get(label, "#A5ABB6")


def id_label(value: Any) -> str | None:
    """The label of a node id (by its prefix), None for any other value."""
    if not isinstance(value, str) or ":" not in value or len(value) > 400:
        return None
    try:
        return label_of_id(value)
    except ValueError:
        return None


def href(node_id: str) -> str:
    """The page of a node: a document's text page, or an entity page."""
    return ("/document/" if id_label(node_id) == "Document" else "/entity/") + quote(node_id, safe=":/@")


# -- home and search ---------------------------------------------------------------------------------------------


@dataclass
class Home:
    labels: list[tuple[str, int]]
    types: list[tuple[str, int]]
    document_kinds: list[dict[str, Any]]
    documents: list[dict[str, Any]]


def home(store: Store) -> Home:
    counts = graph_counts(store)
    return Home(labels=[(name, n) for kind, name, n in counts if kind == "label"],
                types=[(name, n) for kind, name, n in counts if kind == "relationship"],
                document_kinds=store.run(DOCUMENT_KINDS).records(),
                documents=store.run(DOCUMENTS, {"limit": DOCUMENT_LIMIT}).records())


@dataclass(frozen=True)
class Hit:
    id: str
    label: str
    name: str
    score: int
    rule: str


def name_table(store: Store, kind: str = "entity") -> dict[str, tuple[str, str]]:
    """id -> (label, display name) of every named node of a kind (what ``armsgraph find`` searches)."""
    names: dict[str, tuple[str, str]] = {}
    for label in KINDS[kind].name_labels():
        for row in store.run(all_names(label)).records():
            names[str(row["id"])] = (label, str(row["name"]))
    return names


def search(store: Store, names: Names, text: str, limit: int = 30,
           table: dict[str, tuple[str, str]] | None = None) -> list[Hit]:
    """Entities a name means (as a query parameter takes it: id, code, resolver, names and aliases), then the
    closest names (rapidfuzz), best first: the same answer as ``armsgraph find``."""
    text = text.strip()
    if not text:
        return []
    table = name_table(store) if table is None else table
    hits: dict[str, Hit] = {}
    try:
        found = names.match("entity", text)
    except ArmsgraphError:
        found = None
    if found is not None:
        for node_id, (label, shown) in found.ids.items():
            hits[node_id] = Hit(node_id, label, table.get(node_id, (label, shown))[1], 100, found.rule)
    low = text.lower()
    for node_id, (label, shown) in table.items():
        if node_id not in hits and low in shown.lower():
            hits[node_id] = Hit(node_id, label, shown, 95 if shown.lower().startswith(low) else 90, "contains")
    choices = {node_id: shown for node_id, (_label, shown) in table.items()}
    for _shown, score, node_id in process.extract(text, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=70):
        if node_id not in hits:
            hits[node_id] = Hit(node_id, table[node_id][0], table[node_id][1], round(score), "fuzzy")
    return sorted(hits.values(), key=lambda h: (-h.score, h.name.lower(), h.id))[:limit]


# -- entity ------------------------------------------------------------------------------------------------------


@dataclass
class Neighbour:
    id: str
    label: str
    caption: str


@dataclass
class NeighbourGroup:
    type: str
    outgoing: bool
    count: int
    items: list[Neighbour] = field(default_factory=list)


@dataclass
class Entity:
    id: str
    label: str
    labels: list[str]
    props: dict[str, Any]
    groups: list[NeighbourGroup]
    claims_by: list[dict[str, Any]]
    claims_about: list[dict[str, Any]]
    provenance: list[dict[str, Any]]

    @property
    def caption(self) -> str:
        return str(self.props.get("caption") or self.props.get("name") or self.id)


def entity(store: Store, names: Names, node_id: str) -> Entity | None:
    """Everything the entity page shows, or None when the graph has no such node."""
    label = id_label(node_id)
    if label is None:
        return None
    rows = store.run(node_props(label), {"id": node_id}).records()
    if not rows:
        return None
    labels = [str(x) for x in rows[0]["labels"]]
    props = dict(rows[0]["props"] or {})
    groups: list[NeighbourGroup] = []
    for outgoing in (True, False):
        counts = {str(r["type"]): int(r["count"]) for r in store.run(neighbour_counts(label, outgoing),
                                                                   {"id": node_id}).records()}
        by_type: dict[str, NeighbourGroup] = {t: NeighbourGroup(t, outgoing, n) for t, n in counts.items()}
        for row in store.run(neighbours(label, outgoing), {"id": node_id, "limit": NEIGHBOUR_LIMIT}).records():
            group = by_type.setdefault(str(row["type"]), NeighbourGroup(str(row["type"]), outgoing, 0))
            group.items.append(Neighbour(str(row["id"]), main_label(row["labels"]), str(row["caption"])))
        groups += [by_type[t] for t in sorted(by_type)]
    claims_by: list[dict[str, Any]] = []
    if label in KINDS["speaker"].labels:
        claims_by = get_query("claims-by").run(store, {"speaker": node_id}, names).records()
    claims_about = get_query("claims-about").run(store, {"about": node_id}, names).records()
    provenance = get_query("provenance").run(store, {"id": node_id}, names).records()
    return Entity(node_id, main_label(labels), labels, props, groups, claims_by, claims_about, provenance)


# -- a query's drawing -------------------------------------------------------------------------------------------


def result_ids(rows: list[list[Any]], extra: list[Any] | None = None) -> list[str]:
    """Node ids among a result's cells (and the parameters' resolved ids), in order of first appearance."""
    seen: dict[str, None] = {}

    def visit(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                visit(item)
        elif id_label(value) is not None and id_label(value) != "Document":
            seen.setdefault(value, None)

    for value in extra or []:
        visit(value)
    for row in rows:
        for value in row:
            visit(value)
    return list(seen)


def drawing(store: Store, ids: list[str], anchors: list[str] | None = None,
            limit: int = GRAPH_EDGE_LIMIT) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape elements of the subgraph a result names: its nodes, the edges among them, and one counted edge
    per pair joined through other nodes (the transfers between a supplier and a recipient), at most ``limit``.

    ``anchors`` are the entities the query was asked about (its parameters): when there are any, only edges that
    touch one are drawn (the suppliers of Ukraine, not what those suppliers sold each other)."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for node_id in ids:
        label = id_label(node_id)
        if label is not None:
            by_label[label].append(node_id)
    nodes: dict[str, dict[str, Any]] = {}

    def add_node(node_id: str, labels: list[str], caption: str) -> None:
        label = main_label(labels)
        nodes.setdefault(node_id, {"data": {"id": node_id, "label": label, "caption": caption,
                                            "colour": colour(label), "href": href(node_id)}})

    for label, members in by_label.items():
        for row in store.run(graph_nodes(label), {"ids": members}).records():
            add_node(str(row["id"]), list(row["labels"]), str(row["caption"]))
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add_edge(source: str, rel: str, target: str, paths: int = 1) -> None:
        if anchors and source not in anchors and target not in anchors:
            return
        edges.setdefault((source, rel, target), {"data": {"id": f"e{len(edges)}", "source": source,
                                                          "target": target, "type": rel, "paths": paths}})

    present = list(nodes)
    for label in by_label:
        for row in store.run(graph_direct(label), {"ids": present, "limit": limit}).records():
            add_edge(str(row["source"]), str(row["type"]), str(row["target"]))
        for row in store.run(graph_via(label), {"ids": present, "limit": limit}).records():
            paths = int(row["paths"])
            via = f"{row['type1']}·{main_label(row['via_labels'])}·{row['type2']}"
            add_edge(str(row["source"]), f"{via} ×{paths}" if paths > 1 else via, str(row["target"]), paths)
    return {"nodes": list(nodes.values()), "edges": list(edges.values())[:limit]}
