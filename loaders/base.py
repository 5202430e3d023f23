"""The loader interface: a file in, validated entities and relations with provenance out.

A loader yields one :class:`Batch` per document. The pipeline (``armsgraph.loaders.pipeline``)
writes each batch atomically: a batch that fails leaves nothing behind, other batches still load.
Record-level problems are not exceptions: they go to ``Batch.errors`` and the good records load.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny

from armsgraph.schema import Document, Node, Provenance, Relation

if TYPE_CHECKING:
    from armsgraph.loaders.resolve import Resolver


class LoadError(BaseModel):
    """One bad record: where it is and what is wrong, printed as ``file:line:field: reason``."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int | None = None
    field: str | None = None
    reason: str
    severity: Literal["error", "warning"] = "error"
    """A warning marks a record that loaded but needs a look (say, a name flagged for review)."""

    def __str__(self) -> str:
        line = "" if self.line is None else str(self.line)
        tag = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{line}:{self.field or ''}: {tag}{self.reason}"


class LoaderFailure(Exception):
    """A whole document cannot be read (empty, wrong format, undecodable): nothing of it loads."""

    def __init__(self, error: LoadError) -> None:
        super().__init__(str(error))
        self.error = error


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


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Loader(ABC):
    """A source format. Subclasses set ``name``/``version`` and implement ``sniff`` and ``read``."""

    name: ClassVar[str]
    version: ClassVar[str]
    description: ClassVar[str] = ""

    @classmethod
    @abstractmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        """Confidence in [0, 1] that this loader reads ``path`` (``head`` = its first 64 KiB)."""

    @abstractmethod
    def read(self, path: Path) -> Iterator[Batch]:
        """Yield one batch per document in ``path``; raise :class:`LoaderFailure` for an unreadable file."""

    def new_batch(self, document: Document) -> Batch:
        return Batch(document=document, loader=self.name, loader_version=self.version)


class ResolvingLoader(Loader):
    """A loader that names countries and actors through the shared resolver (or one given, in tests)."""

    def __init__(self, resolver: Resolver | None = None) -> None:
        self._resolver = resolver

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            from armsgraph.loaders.resolve import default_resolver

            self._resolver = default_resolver()
        return self._resolver
