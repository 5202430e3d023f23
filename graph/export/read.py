"""Reading the graph out of a store page by page, so an export never holds the whole graph.

Nodes are read per label (the schema's labels, each with its ``id`` index), ``page`` at a time in ``id``
order after a cursor; relationships by the ids of their start nodes, a page of start nodes at a time. Memory
is bounded by one page of nodes, or one page of start nodes and their outgoing relationships. Statement
texts are built from the schema registries only; values travel as parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from armsgraph.graph.store import Cypher, Store
from armsgraph.schema import NODE_TYPES, label_of_id

NODE_PAGE = 2000
"""Nodes per read (and ids per relationship read): a few MB of rows at most."""
START_PAGE = 500
"""Start nodes per relationship read; a hub (country:USA) brings all of its outgoing edges with it."""

COUNT_NODES = Cypher("MATCH (n) RETURN count(n) AS nodes")
COUNT_RELATIONSHIPS = Cypher("MATCH ()-[r]->() RETURN count(r) AS relationships")


@dataclass(frozen=True)
class GraphNode:
    id: str
    labels: tuple[str, ...]
    """The schema label first (it carries the unique ``id`` constraint), then the extra labels."""
    properties: dict[str, Any]

    @property
    def label(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class GraphRelationship:
    type: str
    start: str
    end: str
    start_label: str
    end_label: str
    properties: dict[str, Any]


@cache
def id_page(label: str) -> Cypher:
    """The next ``$page`` ids of a label after ``$after``, in order (the cursor of every paged read)."""
    return Cypher(f"MATCH (n:{label}) WHERE n.id > $after AND n.pending IS NULL "  # a loading document: not yet
                  "RETURN n.id AS id ORDER BY id LIMIT $page")


@cache
def nodes_by_id(label: str) -> Cypher:
    return Cypher(f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) "
                  "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id")


@cache
def relationships_from(label: str) -> Cypher:
    return Cypher(f"UNWIND $ids AS id MATCH (a:{label} {{id: id}})-[r]->(b) WHERE r.pending IS NULL "
                  "RETURN a.id AS start, type(r) AS type, b.id AS end, labels(b) AS end_labels, "
                  "properties(r) AS props ORDER BY start, type, end")


@cache
def neighbours_of(label: str) -> Cypher:
    return Cypher(f"UNWIND $ids AS id MATCH (a:{label} {{id: id}})--(b) RETURN DISTINCT b.id AS id")


def statements() -> dict[str, Cypher]:
    """Every statement the export sends, for the inventory (and so the Neo4j grammar check)."""
    texts = {"export:count-nodes": COUNT_NODES, "export:count-relationships": COUNT_RELATIONSHIPS}
    for label in NODE_TYPES:
        texts[f"export:id-page:{label}"] = id_page(label)
        texts[f"export:nodes:{label}"] = nodes_by_id(label)
        texts[f"export:relationships:{label}"] = relationships_from(label)
        texts[f"export:neighbours:{label}"] = neighbours_of(label)
    return texts


def ordered_labels(labels: Iterable[str]) -> tuple[str, ...]:
    """The schema label first, the others (Actor) after it in sorted order."""
    labels = list(labels)
    primary = [lab for lab in labels if lab in NODE_TYPES]
    rest = sorted(lab for lab in labels if lab not in primary[:1])
    return tuple(primary[:1] + rest)


def page_ids(store: Store, label: str, page: int = NODE_PAGE) -> Iterator[list[str]]:
    """Every id of a label, ``page`` at a time."""
    after = ""
    while True:
        ids = [str(row[0]) for row in store.run(id_page(label), {"after": after, "page": page}).rows]
        if not ids:
            return
        yield ids
        after = ids[-1]


def read_nodes(store: Store, label: str, ids: list[str]) -> list[GraphNode]:
    rows = store.run(nodes_by_id(label), {"ids": ids}).rows
    return [GraphNode(str(r[0]), ordered_labels(r[1]), dict(r[2])) for r in rows]


def read_relationships(store: Store, label: str, ids: list[str]) -> list[GraphRelationship]:
    rows = store.run(relationships_from(label), {"ids": ids}).rows
    return [GraphRelationship(str(r[1]), str(r[0]), str(r[2]), label, ordered_labels(r[3])[0], dict(r[4]))
            for r in rows]


def by_label(ids: Iterable[str]) -> dict[str, list[str]]:
    """Ids grouped by the label their prefix names, each group sorted (ids of no known prefix are left out)."""
    groups: dict[str, list[str]] = {}
    for node_id in ids:
        try:
            groups.setdefault(label_of_id(node_id), []).append(node_id)
        except ValueError:
            continue
    return {label: sorted(group) for label, group in groups.items()}


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class GraphReader:
    """The whole graph, or the subgraph on a set of node ids: nodes first, then relationships."""

    def __init__(self, store: Store, ids: set[str] | None = None, page: int = NODE_PAGE,
                 start_page: int = START_PAGE) -> None:
        self.store = store
        self.ids = ids
        self.page = page
        self.start_page = start_page

    def _id_pages(self, size: int) -> Iterator[tuple[str, list[str]]]:
        if self.ids is None:
            for label in NODE_TYPES:
                for ids in page_ids(self.store, label, size):
                    yield label, ids
        else:
            for label, ids in by_label(self.ids).items():
                for chunk in chunks(ids, size):
                    yield label, chunk

    def nodes(self) -> Iterator[GraphNode]:
        for label, ids in self._id_pages(self.page):
            yield from read_nodes(self.store, label, ids)

    def relationships(self) -> Iterator[GraphRelationship]:
        for label, ids in self._id_pages(self.start_page):
            for rel in read_relationships(self.store, label, ids):
                if self.ids is None or rel.end in self.ids:
                    yield rel

    def totals(self) -> tuple[int, int]:
        """Nodes and relationships in the store (to tell when an export left some out)."""
        return (int(self.store.run(COUNT_NODES).scalar() or 0),
                int(self.store.run(COUNT_RELATIONSHIPS).scalar() or 0))


def expand(store: Store, seeds: set[str], hops: int) -> set[str]:
    """The seed ids and every node within ``hops`` relationships of them, either direction."""
    found = set(seeds)
    frontier = set(seeds)
    for _ in range(hops):
        new: set[str] = set()
        for label, ids in by_label(frontier).items():
            for chunk in chunks(ids, NODE_PAGE):
                new.update(str(r[0]) for r in store.run(neighbours_of(label), {"ids": chunk}).rows)
        frontier = new - found
        found |= frontier
        if not frontier:
            break
    return found
