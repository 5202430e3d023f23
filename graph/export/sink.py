"""What an export format is: a sink that takes nodes, then relationships, and finishes its files."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from armsgraph.graph.export.read import GraphNode, GraphRelationship


class Sink(ABC):
    """Receives every node before any relationship; ``close`` writes what could only be known at the end."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.nodes = 0
        self.relationships = 0

    @abstractmethod
    def node(self, node: GraphNode) -> None: ...

    @abstractmethod
    def relationship(self, rel: GraphRelationship) -> None: ...

    @abstractmethod
    def close(self) -> list[Path]:
        """Finish the output; the files written."""
