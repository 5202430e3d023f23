"""Counts per label and relationship type: the numbers idempotency tests and the stats command compare."""

from __future__ import annotations

from armsgraph.graph.store import Cypher, Store

LABEL_COUNTS = Cypher("MATCH (n) WHERE n.pending IS NULL UNWIND labels(n) AS label "
                      "RETURN label, count(*) AS count ORDER BY label")
TYPE_COUNTS = Cypher("MATCH ()-[r]->() WHERE r.pending IS NULL RETURN type(r) AS type, count(*) AS count ORDER BY type")
"""What a document still loading wrote (``pending``) is not counted: stats show what queries see."""


def graph_counts(store: Store) -> list[tuple[str, str, int]]:
    rows = [("label", str(r[0]), int(r[1])) for r in store.run(LABEL_COUNTS).rows]
    rows += [("relationship", str(r[0]), int(r[1])) for r in store.run(TYPE_COUNTS).rows]
    return rows


def counts_dict(store: Store) -> dict[str, int]:
    return {f"{kind}:{name}": count for kind, name, count in graph_counts(store)}
