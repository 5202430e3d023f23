"""Every Cypher text armsgraph can send to Neo4j, for the offline grammar check in the test suite."""

from __future__ import annotations

from armsgraph.graph.aggregates import statements as totals_statements
from armsgraph.graph.catalogue import load_catalogue, names
from armsgraph.graph.catalogue.conflicts import MEMBER_EDGES, PARTY_EDGES
from armsgraph.graph.catalogue.stats import statements as stats_statements
from armsgraph.graph.deals import statements as deal_statements
from armsgraph.graph.export.read import statements as export_statements
from armsgraph.graph.store import CLEAR
from armsgraph.graph.store.dialect import NEO4J
from armsgraph.graph.writer import all_statements


def neo4j_statements() -> dict[str, str]:
    """Name -> Cypher text, exactly as it would reach Neo4j (after dialect translation)."""
    texts: dict[str, str] = {}
    for number, text in enumerate(all_statements()):
        texts[f"writer#{number}"] = text
    for op in NEO4J.schema_ops("neo4j"):
        if op.cypher is not None:
            texts[f"schema:{op.description}"] = op.cypher
    texts.update(stats_statements())
    texts["store:clear"] = CLEAR

    texts["conflicts:PARTY_EDGES"] = PARTY_EDGES
    texts["conflicts:MEMBER_EDGES"] = MEMBER_EDGES
    for number, text in enumerate(names.statements()):
        texts[f"names#{number}"] = text
    texts.update(export_statements())
    for number, text in enumerate(deal_statements()):
        texts[f"deals#{number}"] = text
    for number, text in enumerate(totals_statements()):
        texts[f"totals#{number}"] = text
    for query in load_catalogue().values():
        if "neo4j" in query.dialects:
            texts[f"catalogue:{query.name}"] = NEO4J.translate(query.cypher)
    return texts
