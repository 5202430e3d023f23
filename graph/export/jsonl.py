"""JSON Lines: one node or relationship per line, streamed as read (nodes first).

``{"kind": "node", "id": ..., "labels": [...], "properties": {...}}`` and
``{"kind": "relationship", "type": ..., "start": ..., "end": ..., "properties": {...}}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from armsgraph.graph.export.read import GraphNode, GraphRelationship
from armsgraph.graph.export.sink import Sink


class JsonLinesSink(Sink):
    def __init__(self, out: Path) -> None:
        super().__init__(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        self.file: TextIO = out.open("w", encoding="utf-8", newline="\n")

    def node(self, node: GraphNode) -> None:
        self.nodes += 1
        self.file.write(json.dumps({"kind": "node", "id": node.id, "labels": list(node.labels),
                                    "properties": node.properties}, ensure_ascii=False) + "\n")

    def relationship(self, rel: GraphRelationship) -> None:
        self.relationships += 1
        self.file.write(json.dumps({"kind": "relationship", "type": rel.type, "start": rel.start, "end": rel.end,
                                    "properties": rel.properties}, ensure_ascii=False) + "\n")

    def close(self) -> list[Path]:
        self.file.close()
        return [self.out]
