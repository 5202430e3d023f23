"""Exports of the graph for other tools: a Cypher script, neo4j-admin CSVs, GraphML, JSON Lines.

A reader over the store (``read``: paged, bounded memory) feeds a sink per format; ``export`` joins them.
The whole graph, or a subgraph: the nodes with the given ids (and their neighbours within ``hops``) and the
relationships among them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from armsgraph.graph.export.cypher_script import CypherScriptSink
from armsgraph.graph.export.graphml import GraphMLSink
from armsgraph.graph.export.jsonl import JsonLinesSink
from armsgraph.graph.export.neo4j_admin import Neo4jAdminSink
from armsgraph.graph.export.read import GraphReader, expand
from armsgraph.graph.export.sink import Sink
from armsgraph.graph.store import Store

SINKS: dict[str, Callable[[Path], Sink]] = {
    "cypher": CypherScriptSink,
    "neo4j-admin": Neo4jAdminSink,
    "graphml": GraphMLSink,
    "jsonl": JsonLinesSink,
}
EXPORT_FORMATS: tuple[str, ...] = tuple(SINKS)


@dataclass
class ExportReport:
    nodes: int
    relationships: int
    files: list[Path] = field(default_factory=list)


def export(store: Store, fmt: str, out: Path, ids: set[str] | None = None, hops: int = 0) -> ExportReport:
    """Write the graph (or the subgraph on ``ids``) to ``out`` in format ``fmt``."""
    subset = expand(store, ids, hops) if ids is not None else None
    reader = GraphReader(store, subset)
    sink = SINKS[fmt](out)
    for node in reader.nodes():
        sink.node(node)
    for rel in reader.relationships():
        sink.relationship(rel)
    files = sink.close()
    return ExportReport(sink.nodes, sink.relationships, files)


__all__ = ["EXPORT_FORMATS", "SINKS", "ExportReport", "GraphReader", "export"]
