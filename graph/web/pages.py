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
from armsgraph.graph.catalogue.stats import graph_counts, unfinished_documents
from armsgraph.graph.kit.style import SHARED_LABELS, label_colours
from armsgraph.graph.store import Cypher, Store
from armsgraph.schema import NODE_TYPES, RELATION_TYPES, label_of_id
from armsgraph.schema.errors import ArmsgraphError

NEIGHBOUR_LIMIT = 100
"""Neighbours listed per relationship type and direction on an entity page (a supplier has thousands of
transfers); the count covers all of them."""
SOURCES_SHOWN = 100
"""Sources shown on an entity page (Ukraine is named in every news item); the count covers all of them."""
PLACES_SHOWN = 50
"""Places (row numbers, spans) and quotes listed per source on an entity page (the provenance query's ``places``): a
country is in thousands of a register's rows; the page says how many more."""
DOCUMENT_LIMIT = 200
"""Documents listed on the home page (newest first); the counts cover all of them."""
GRAPH_EDGE_LIMIT = 300
"""Edges drawn for a query's result: enough to see its shape, bounded on a register of a million transfers."""
GRAPH_WALK_LIMIT = 1000
"""Relationships walked from the ends of a drawing's counted edges (the anchors, else every node it draws): Ukraine
receives a fifth of a register's deals, and counting its suppliers' paths would cost what the query does."""

DOCUMENT_KINDS = Cypher(
    "MATCH (d:Document) WHERE d.pending IS NULL\n"
    "RETURN d.kind AS kind, coalesce(d.publisher, '') AS publisher, count(*) AS documents\n"
    "ORDER BY kind, documents DESC, publisher")
DOCUMENTS = Cypher(
    "MATCH (d:Document) WHERE d.pending IS NULL\n"
    "RETURN d.id AS id, coalesce(d.title, d.path, d.id) AS title, d.kind AS kind, d.publisher AS publisher,\n"
    "       d.date AS date, d.path AS path\n"
    "ORDER BY coalesce(d.date, '') DESC, title LIMIT $limit")

DOCUMENT_FILES = Cypher("UNWIND $ids AS id MATCH (d:Document {id: id})\n"
                        "RETURN d.id AS id, d.path AS path, d.sha256 AS sha256")
"""The files of documents a page quotes rows of (by name and content hash), one statement for all."""


@cache
def node_props(label: str) -> Cypher:
    """One node's labels and properties, by id (the label comes from the id's prefix: an index lookup)."""
    return Cypher(f"MATCH (n:{label} {{id: $id}}) WHERE n.pending IS NULL\n"
                  "RETURN labels(n) AS labels, properties(n) AS props")


@cache
def neighbour_types(label: str, outgoing: bool) -> tuple[str, ...]:
    """The relationship types the schema allows out of (or into) a node of ``label``; provenance left out (the
    provenance section shows it)."""
    side = 0 if outgoing else 1
    return tuple(sorted({rel.type for rel in RELATION_TYPES if label in rel.endpoint_labels()[side]}))


def _pattern(rel_type: str, outgoing: bool) -> str:
    return f"(n)-[r:{rel_type}]->(m)" if outgoing else f"(n)<-[r:{rel_type}]-(m)"


def _degree(rel_type: str, outgoing: bool) -> str:
    """The node's edges of one type, as a pattern FalkorDB's dialect counts by degree (``outdegree``)."""
    return f"(n)-[:{rel_type}]->()" if outgoing else f"(n)<-[:{rel_type}]-()"


def neighbour_ways(label: str) -> tuple[tuple[str, bool], ...]:
    """Every (type, outgoing) an entity page lists for a node of ``label``, out first."""
    return tuple((rel_type, outgoing) for outgoing in (True, False) for rel_type in neighbour_types(label, outgoing))


def _way(rel_type: str, outgoing: bool) -> str:
    return f"'{rel_type}' AS type, {'true' if outgoing else 'false'} AS outgoing"


@cache
def neighbours(label: str) -> Cypher | None:
    """The first ``$limit`` neighbours through each type and direction, as the engine meets them, in one
    statement (a UNION ALL part per type, each stopped at ``$limit``): a country with a hundred thousand
    transfers costs what one with a hundred does, in one round trip instead of one per type."""
    parts = [f"MATCH (n:{label} {{id: $id}})\nMATCH {_pattern(rel_type, outgoing)}\n"
             "WHERE r.pending IS NULL AND m.pending IS NULL\n"
             f"RETURN {_way(rel_type, outgoing)}, m.id AS id, labels(m) AS labels,\n"
             "       coalesce(m.caption, m.name, m.id) AS caption\nLIMIT $limit"
             for rel_type, outgoing in neighbour_ways(label)]
    return Cypher("\nUNION ALL\n".join(parts)) if parts else None


@cache
def neighbour_counts(label: str, ways: tuple[tuple[str, bool], ...], marks: bool) -> Cypher:
    """How many neighbours each of ``ways`` has, in one statement. Without ``marks`` (no document is loading, so
    nothing is pending) a ``COUNT { }`` per type, which FalkorDB's dialect turns into the node's degree (no edge
    read: a hub country's 86,000 SUPPLIED edges at 1M); with, every edge and neighbour is read."""
    if not marks:
        return Cypher("\nUNION ALL\n".join(
            f"MATCH (n:{label} {{id: $id}})\n"
            f"RETURN {_way(rel_type, outgoing)}, COUNT {{ {_degree(rel_type, outgoing)} }} AS count"
            for rel_type, outgoing in ways))
    return Cypher("\nUNION ALL\n".join(
        f"MATCH (n:{label} {{id: $id}})\nMATCH {_pattern(rel_type, outgoing)}\n"
        "WHERE r.pending IS NULL AND m.pending IS NULL\n"
        f"RETURN {_way(rel_type, outgoing)}, count(r) AS count" for rel_type, outgoing in ways))


@cache
def graph_nodes(label: str) -> Cypher:
    """The nodes of a query's drawing: id, labels, caption."""
    return Cypher(f"MATCH (n:{label}) WHERE n.id IN $ids AND n.pending IS NULL\n"
                  "RETURN n.id AS id, labels(n) AS labels, coalesce(n.caption, n.name, n.id) AS caption")


@cache
def direct_types(source: str, target: str) -> tuple[str, ...]:
    """The relationship types the schema allows from a node of ``source`` to one of ``target`` (provenance left
    out)."""
    return tuple(sorted({rel.type for rel in RELATION_TYPES if rel.type != "SOURCED_FROM"
                         and source in rel.endpoint_labels()[0] and target in rel.endpoint_labels()[1]}))


@cache
def graph_direct(source: str, target: str) -> Cypher | None:
    """Edges from nodes of ``source`` among ``$sources`` to nodes of ``target`` among ``$targets``, of the types
    the schema allows between the two labels: the engine expands only those types' edges of each end (a country's
    hundred thousand SUPPLIED edges go to Transfers, never to a Country, and are not read). None when no type
    joins the two labels."""
    types = direct_types(source, target)
    if not types:
        return None
    return Cypher(f"MATCH (a:{source}) WHERE a.id IN $sources\nMATCH (b:{target}) WHERE b.id IN $targets\n"
                  f"MATCH (a)-[r:{'|'.join(types)}]->(b)\n"
                  "WHERE a <> b AND r.pending IS NULL AND a.pending IS NULL AND b.pending IS NULL\n"
                  "RETURN a.id AS source, type(r) AS type, b.id AS target LIMIT $limit")


@cache
def graph_via(label: str, other: str, outgoing: bool) -> Cypher:
    """Two-hop paths between an end among ``$ends`` (of ``label``) and a node of ``other`` among ``$others``,
    through nodes not among ``$ids`` (Transfers between a supplier and a recipient, Claims between a speaker and
    what they are about), counted per pair and kind of path: the drawing shows one edge per pair
    ("SUPPLIED·Transfer·TO ×100"), not a hundred transfer nodes. Only the first ``$cap`` middle nodes of the ends
    are followed (outgoing: the end is the source; else the target), so a hub with a hundred thousand transfers
    costs what one with ``$cap`` does; ``walked`` says how many were. The second hop keeps to ``other`` nodes
    (a label-filtered step: a transfer's Reports are not read)."""
    near, far = ("r1", "r2") if outgoing else ("r2", "r1")
    first, second = ("(e)-[r1]->(m)", f"(m)-[r2]->(o:{other})") if outgoing else \
        ("(e)<-[r2]-(m)", f"(m)<-[r1]-(o:{other})")
    source, target = ("e", "o") if outgoing else ("o", "e")
    return Cypher(f"MATCH (e:{label}) WHERE e.id IN $ends\nWITH e\nMATCH {first}\n"
                  f"WHERE NOT m.id IN $ids AND type({near}) <> 'SOURCED_FROM' AND {near}.pending IS NULL"
                  " AND m.pending IS NULL\n"
                  f"WITH e, {near}, m LIMIT $cap\n"
                  f"WITH collect([e, {near}, m]) AS walked_paths\n"
                  "UNWIND walked_paths AS w\n"
                  f"WITH size(walked_paths) AS walked, w[0] AS e, w[1] AS {near}, w[2] AS m\n"
                  f"MATCH {second}\n"
                  f"WHERE o.id IN $others AND o <> e AND type({far}) <> 'SOURCED_FROM' AND {far}.pending IS NULL\n"
                  f"RETURN {source}.id AS source, type(r1) AS type1, labels(m) AS via_labels, type(r2) AS type2,\n"
                  f"       {target}.id AS target, count(*) AS paths, max(walked) AS walked\n"
                  "ORDER BY paths DESC, source, target LIMIT $limit")


def statements() -> dict[str, Cypher]:
    """Every statement the web view sends, by name (for the grammar check)."""
    texts: dict[str, Cypher] = {"web:document-kinds": DOCUMENT_KINDS, "web:documents": DOCUMENTS,
                                "web:document-files": DOCUMENT_FILES}
    for label in sorted(NODE_TYPES):
        texts[f"web:node:{label}"] = node_props(label)
        texts[f"web:graph-nodes:{label}"] = graph_nodes(label)
        for target in sorted(NODE_TYPES):
            direct = graph_direct(label, target)
            if direct is not None:
                texts[f"web:graph-direct:{label}:{target}"] = direct
            for outgoing in (True, False):
                texts[f"web:graph-via-{'out' if outgoing else 'in'}:{label}:{target}"] = \
                    graph_via(label, target, outgoing)
        listed = neighbours(label)
        if listed is not None:
            texts[f"web:neighbours:{label}"] = listed
            for marks in (False, True):
                texts[f"web:neighbour-counts:{label}:{marks}"] = neighbour_counts(label, neighbour_ways(label), marks)
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
    sources: int
    """Sources in all (``provenance`` holds the first :data:`SOURCES_SHOWN`)."""

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
    listed = neighbours(label)
    found: dict[tuple[str, bool], list[Neighbour]] = defaultdict(list)
    for row in store.run(listed, {"id": node_id, "limit": NEIGHBOUR_LIMIT}).records() if listed is not None else []:
        found[(str(row["type"]), bool(row["outgoing"]))].append(
            Neighbour(str(row["id"]), main_label(row["labels"]), str(row["caption"])))
    full = tuple(way for way in neighbour_ways(label) if len(found.get(way, ())) >= NEIGHBOUR_LIMIT)
    counts: dict[tuple[str, bool], int] = {}
    if full:  # a full list is counted by the engine; whether a document is loading decides how
        statement = neighbour_counts(label, full, bool(unfinished_documents(store)))
        counts = {(str(r["type"]), bool(r["outgoing"])): int(r["count"] or 0)
                  for r in store.run(statement, {"id": node_id}).records()}
    for way in neighbour_ways(label):
        items = sorted(found.get(way, []), key=lambda n: (n.caption, n.id))
        if items:
            groups.append(NeighbourGroup(way[0], way[1], max(counts.get(way, 0), len(items)), items))
    claims_by: list[dict[str, Any]] = []
    if label in KINDS["speaker"].labels:
        claims_by = get_query("claims-by").run(store, {"speaker": node_id}, names).records()
    claims_about = get_query("claims-about").run(store, {"about": node_id}, names).records()
    provenance = get_query("provenance").run(store, {"id": node_id, "places": str(PLACES_SHOWN),
                                                     "limit": str(SOURCES_SHOWN)}, names).records()
    return Entity(node_id, main_label(labels), labels, props, groups, claims_by, claims_about, provenance,
                  int(provenance[0]["sources"]) if provenance else 0)


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
            limit: int = GRAPH_EDGE_LIMIT, cap: int = GRAPH_WALK_LIMIT) -> dict[str, Any]:
    """Cytoscape elements of the subgraph a result names: its nodes, the edges among them, and one counted edge
    per pair joined through other nodes (the transfers between a supplier and a recipient), at most ``limit``.

    ``anchors`` are the entities the query was asked about (its parameters): when there are any, only edges that
    touch one are drawn (the suppliers of Ukraine, not what those suppliers sold each other), and only the
    anchors' relationships are walked. ``partial`` is true when an end had more than ``cap`` relationships to
    walk: the edges through its first ``cap`` are drawn without a count (a count of part would mislead), and
    a node joined to it only further on has no edge."""
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
    present_by_label: dict[str, list[str]] = defaultdict(list)
    for node_id in present:
        present_by_label[str(id_label(node_id))].append(node_id)
    for source, sources in present_by_label.items():
        for target, targets in present_by_label.items():
            direct = graph_direct(source, target)
            if direct is None:
                continue
            params = {"sources": sources, "targets": targets, "limit": limit}
            for row in store.run(direct, params).records():
                add_edge(str(row["source"]), str(row["type"]), str(row["target"]))
    ends = [node_id for node_id in present if not anchors or node_id in anchors]
    partial = False
    for label in sorted({str(id_label(node_id)) for node_id in ends}):
        of_label = [node_id for node_id in ends if id_label(node_id) == label]
        for other, others in sorted(present_by_label.items()):
            for outgoing in (True, False):
                params = {"ends": of_label, "others": others, "ids": present, "cap": cap, "limit": limit}
                for row in store.run(graph_via(label, other, outgoing), params).records():
                    paths, cut = int(row["paths"]), int(row["walked"]) >= cap
                    partial = partial or cut
                    via = f"{row['type1']}·{main_label(row['via_labels'])}·{row['type2']}"
                    add_edge(str(row["source"]), f"{via} ×{paths}" if paths > 1 and not cut else via,
                             str(row["target"]), 0 if cut else paths)
    return {"nodes": list(nodes.values()), "edges": list(edges.values())[:limit], "partial": partial}
