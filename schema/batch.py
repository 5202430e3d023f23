"""The contract between loaders and sinks: a Batch is one document's validated facts, each with provenance.

A loader yields Batches; the graph layer's load step hands each to a sink (the store writer today,
exports tomorrow) and writes it atomically. Record-level problems are not exceptions: they go to
``Batch.errors`` as :class:`LoadError` and the good records still load.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny

from armsgraph.schema.entities import Document
from armsgraph.schema.errors import LoadError
from armsgraph.schema.model import Node, Provenance, Relation

__all__ = ["Batch", "LoadError", "NodeRecord", "Provenance", "RelationRecord"]


class NodeRecord(BaseModel):
    node: SerializeAsAny[Node]
    provenance: Provenance


class RelationRecord(BaseModel):
    relation: SerializeAsAny[Relation]
    provenance: Provenance


class Batch(BaseModel):
    """Everything one document contributes to the graph, plus the errors found reading it."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    document: Document
    loader: str
    loader_version: str
    nodes: list[NodeRecord] = Field(default_factory=list)
    relations: list[RelationRecord] = Field(default_factory=list)
    errors: list[LoadError] = Field(default_factory=list)
    records_read: int = 0

    def provenance(self, **where: Any) -> Provenance:
        """Provenance for a fact of this document: ``line=``, ``start=``/``end=``, ``rule=``, ``citation=``."""
        return Provenance(
            document_id=self.document.id, loader=self.loader, loader_version=self.loader_version, **where
        )

    def add_node(self, node: Node, provenance: Provenance) -> Node:
        self.nodes.append(NodeRecord(node=node, provenance=provenance))
        return node

    def add_relation(self, relation: Relation, provenance: Provenance) -> Relation:
        self.relations.append(RelationRecord(relation=relation, provenance=provenance))
        return relation

    def error(self, line: int | None, field: str | None, reason: str) -> None:
        """A record that could not load (the others still do)."""
        file = self.document.path or self.document.id
        self.errors.append(LoadError(file=file, line=line, field=field, reason=reason))

    def warn(self, line: int | None, field: str | None, reason: str) -> None:
        """A record that loaded but deserves a look; does not make the load fail."""
        file = self.document.path or self.document.id
        self.errors.append(LoadError(file=file, line=line, field=field, reason=reason, severity="warning"))
