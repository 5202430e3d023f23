"""GraphML for Gephi, yEd, networkx (and ``apoc.import.graphml``): typed keys, labels and types as attributes.

Follows the layout APOC's GraphML export uses: a node's labels in ``labels`` (``:Country:Actor``), a
relationship's type in ``label``; each property a ``<key>`` with ``attr.type`` boolean, long, double or
string. GraphML has no list type: a list is written as its JSON text in a string key (``["US", "U.S."]``).
Nodes also get ``caption`` (the readable name Gephi and yEd can show). Keys must come before the graph, so
nodes and edges are spooled to disk while their types are learnt, then written out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from armsgraph.graph.export.display import display_name
from armsgraph.graph.export.read import GraphNode, GraphRelationship
from armsgraph.graph.export.sink import Sink
from armsgraph.graph.export.spool import Spool
from armsgraph.graph.export.values import ColumnTypes

_XML_ILLEGAL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)], None)


def text(value: Any, kind: str) -> str:
    """The character data of one ``<data>`` element."""
    if isinstance(value, list) or kind.endswith("[]"):
        raw = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, bool):
        raw = "true" if value else "false"
    elif isinstance(value, float):
        raw = repr(value)
    else:
        raw = str(value)
    return escape(raw.translate(_XML_ILLEGAL), {"\r": "&#13;"})


def graphml_type(kind: str) -> str:
    return "string" if kind.endswith("[]") else kind


class GraphMLSink(Sink):
    """Writes ``OUT`` (a ``.graphml`` file)."""

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        self.spool = Spool()
        self.node_types = ColumnTypes()
        self.edge_types = ColumnTypes()

    def node(self, node: GraphNode) -> None:
        self.nodes += 1
        data = {"labels": ":" + ":".join(node.labels), **node.properties,
                "caption": display_name(node.label, node.properties)}
        self.node_types.add(data)
        self.spool.write("nodes", [node.id, data])

    def relationship(self, rel: GraphRelationship) -> None:
        self.relationships += 1
        data = {"label": rel.type, **rel.properties}
        self.edge_types.add(data)
        self.spool.write("edges", [rel.start, rel.end, data])

    def close(self) -> list[Path]:
        node_types, edge_types = self.node_types.resolved(), self.edge_types.resolved()
        with self.out.open("w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
                      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
                      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
                      ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
            for domain, types in (("node", node_types), ("edge", edge_types)):
                for key, kind in types.items():
                    out.write(f"  <key id={quoteattr(domain[0] + '_' + key)} for=\"{domain}\""
                              f" attr.name={quoteattr(key)} attr.type=\"{graphml_type(kind)}\"/>\n")
            out.write('  <graph id="armsgraph" edgedefault="directed">\n')
            for node_id, data in self._rows("nodes"):
                out.write(f"    <node id={quoteattr(node_id)}>")
                out.write("".join(f"<data key={quoteattr('n_' + k)}>{text(v, node_types[k])}</data>"
                                  for k, v in data.items() if v is not None))
                out.write("</node>\n")
            for number, (start, end, data) in enumerate(self._rows("edges")):
                out.write(f"    <edge id=\"e{number}\" source={quoteattr(start)} target={quoteattr(end)}>")
                out.write("".join(f"<data key={quoteattr('e_' + k)}>{text(v, edge_types[k])}</data>"
                                  for k, v in data.items() if v is not None))
                out.write("</edge>\n")
            out.write("  </graph>\n</graphml>\n")
        self.spool.close()
        return [self.out]

    def _rows(self, group: str) -> list[Any] | Any:
        return self.spool.read(group) if group in self.spool.groups() else iter(())
